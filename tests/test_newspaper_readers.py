"""The newspaper readers on the 《人民日报》 files of ../shared/corpus-more (expectations written by
reading the source) and on fictional variants of their shape: another paper's name, other wrap
widths, other footers, articles reordered, three authors one name per line."""

from __future__ import annotations

import textwrap
from collections import Counter
from pathlib import Path

import pytest

from builder.audit import missing_han
from builder.kinds.newspaper.formats import detect_format
from builder.kinds.newspaper.furniture import is_page_footer, source_line
from builder.model import DanganError
from builder.pipeline import gather, parse_source
from builder.sources import read_corpus
from tests.conftest import MORE_CORPUS, subset_corpus

RMRB = ["rmrb-20251020-02.txt", "rmrb-20251020-03-20.txt", "rmrb-20250301-01-article.md"]

PAGE_02 = [
    ("一户家庭开启智能新生活（“十四五”的发展镜头）", "本报记者 王崟欣"),
    ("最大变化是消费观念的改变", "陶多多"),
    ("服务消费潜力巨大（专家点评）", "洪勇"),
    ("一项改革带来就医新变化（“十四五”的民生故事）", "本报记者 田先进"),
    ("好政策让人心里温暖", "王忠云"),
    ("群众的评价是褒奖也是鞭策（编辑手记）", "祁嘉润"),
]

# (page, title, byline) of the 74 articles of pages 03–20, in the file's order (06版 and one
# 图片报道 are printed twice by the PDF; both copies are items of the file).
PAGES_03_20 = [
    (3, '“开放的中国为世界经济发展带来巨大机遇”（国际人士看中国“十四五”成就）', None),
    (3, '谱写全球妇女事业发展新篇章（国际论坛）', '玛丽娜·拉古什'),
    (3, '“理解与信任才是基础”', '本报记者 刘赫'),
    (3, '铁凝出席非洲女性议员研讨班开班式', None),
    (3, '“为全球自由区发展提供助力”', '本报记者 董泽扬'),
    (3, '图片报道', None),
    (3, '朱子学与全球文明对话大会暨第四届考亭论坛举行', None),
    (3, '“这条铁路带给我们的是希望和未来”', '本报记者 黄培昭'),
    (4, '一堂思政课见证学生新成长（“十四五”的文化印记）', '本报记者 乔栋 曹继炜'),
    (4, '思政课，一个温暖的“圆”（编辑手记）', '张雪妍'),
    (4, '推动新时代新征程妇女事业高质量发展', None),
    (4, '“红星照耀中国·从伟大胜利走向伟大复兴”网络主题宣传活动举行', None),
    (4, '第二届新时代青年“重走长征路”徒步活动启动', None),
    (5, '从“多少年”感悟自信（评论员观察）', '李洪兴'),
    (5, '集采药，拼质量才能护健康（人民时评）', '孙秀艳'),
    (3, '图片报道', None),
    (5, '国家队也能“省里办”（微观）', '李嘉岳'),
    (5, '让科普“追”上科创（纵横）', '裴桐'),
    (5, '要学“对不对”，也学“美不美”（中国道路中国梦·青春为中国式现代化挺膺担当）', '赵佳洁'),
    (6, '回望“十四五”，想起总书记这句话', None),
    (6, '“要守牢实体经济这个根基”', '本报记者 李心萍 郑智文'),
    (6, '“要把全面深化改革作为推进中国式现代化的根本动力”', '本报记者 屈信明 刘新吾 张云河'),
    (6, '“守护好前人留给我们的宝贵财富”', '本报记者 康岩 马睿姗'),
    (6, '“扎实推进山水林田湖草沙一体化保护和系统治理”', '本报记者 何宇澈 赵景锋'),
    (6, '“把保障居民安居乐业作为头等大事”', '本报记者 宋静思 梁楠'),
    (6, '“推进中华民族共同体建设”', '本报记者 刘博通'),
    (6, '回望“十四五”，想起总书记这句话', None),
    (6, '“要守牢实体经济这个根基”', '本报记者 李心萍 郑智文'),
    (6, '“要把全面深化改革作为推进中国式现代化的根本动力”', '本报记者 屈信明 刘新吾 张云河'),
    (6, '“守护好前人留给我们的宝贵财富”', '本报记者 康岩 马睿姗'),
    (6, '“扎实推进山水林田湖草沙一体化保护和系统治理”', '本报记者 何宇澈 赵景锋'),
    (6, '“把保障居民安居乐业作为头等大事”', '本报记者 宋静思 梁楠'),
    (6, '“推进中华民族共同体建设”', '本报记者 刘博通'),
    (8, '新时代新征程推动民政事业高质量发展的根本遵循', '中共中央党史和文献研究院'),
    (8, '庆祝西藏自治区成立60周年音乐会在京上演', None),
    (8, '第十届世界妈祖文化论坛将在福建莆田举行', None),
    (9, '更好统筹高质量发展和高水平安全（深入学习贯彻习近平新时代中国特色社会主义思想·学习《习近平经济文选》第一卷专家谈）', '李非 黄婧'),
    (9, '构建同科技创新相适应的科技金融体制（专题深思）', '张成虎 高睿凯'),
    (10, '莫让实习生权益保护成“死角”（金台视线）', '本报记者 向子丰 胡笑源'),
    (10, '裂缝护坡墙已修复（反馈）', '人民网记者 罗娜'),
    (10, '先进人物图片损毁 影响公益宣传功能（身边事）', None),
    (10, '大力推广“以竹代塑”（建议）', None),
    (10, '名为“先学后付” 实为“先学后债”（百姓关注）', '本报记者 赵兵'),
    (10, '征集', None),
    (11, '前三季度主要金融数据变化怎么看（高质量发展看亮点·读数）', '本报记者 吴秋余'),
    (11, '“内外贸同样重要，两条腿走路更稳妥”', '本报记者 洪秋婷 李刚'),
    (11, '三季度出入境人员达1.78亿人次', None),
    (11, '全国秋粮收获近七成', None),
    (11, '2025年中国景德镇国际陶瓷博览会开幕', None),
    (11, '广告', None),
    (11, '广告', None),
    (11, '广告', None),
    (13, '展世界艺术画卷 建文化交流平台', '本报记者 曹玲娟'),
    (13, '流动的艺术，联动的长三角', '本报记者 曹玲娟'),
    (13, '“在上海，能看到演艺的未来”', '朱柚'),
    (14, '中国人保 五年来累计赔付支出超1.7万亿元 多领域发展成果显著', None),
    (15, '“为全球读者展现一个立体丰富的中国”（第一现场）', '本报记者 徐馨'),
    (15, '无声的灯塔（环球走笔）', '沈小晓'),
    (15, 'IMF调高全球增长预期 强调世界经济仍较脆弱', None),
    (15, '委内瑞拉加强应对美军事威胁', '本报记者 陈海琪'),
    (15, '南京浦口经济开发区：探索集成电路国产化路径', None),
    (16, '五粮液荣获EFQM（欧洲质量管理基金会）全球奖（七钻）', None),
    (17, '一个西班牙人对中国式现代化的观察', '胡里奥·塞瓦略斯'),
    (18, '一片叶子富了一方百姓（深度观察·做好金融“五篇大文章”）', '本报记者 吴秋余'),
    (18, '用金融之手“贷”动绿色发展（记者手记）', '王观'),
    (19, '创新答卷彰显新型举国体制优势（科技视点）', None),
    (19, '中国科技 活力奔涌', '谷业凯'),
    (20, '大兴安岭森林中的一颗钢钉（寻访）', '艾平'),
    (20, '给缺点“上上秤”（金台随感）', '邱学武'),
    (20, '阿克陶的杨树（遇见）', '陈蔚文'),
    (20, '“车担卜页飞上天”（多味斋）', '陈银健'),
    (3, '图片报道', None),
    (20, '黔灵山', '干海兵'),
    (20, '我心中的两条江', '黄璋尊'),
]


@pytest.fixture(scope="module")
def rmrb(tmp_path_factory):
    if not (MORE_CORPUS / "corpus.yml").is_file():
        pytest.skip(f"real input not found at {MORE_CORPUS}")
    return gather(subset_corpus(MORE_CORPUS, RMRB, tmp_path_factory.mktemp("rmrb")))


def docs_of(archive, file):
    return [d for d in archive.documents if d.source == file]


def test_page_02_gives_six_articles_with_printed_titles_and_bylines(rmrb):
    docs = docs_of(rmrb, "rmrb-20251020-02.txt")
    assert [(d.title, d.byline) for d in docs] == PAGE_02
    assert {d.page for d in docs} == {2} and not any(d.title_derived for d in docs)
    assert [d.id for d in docs] == [f"rmrb/2025-10-20/02/{i:02d}" for i in range(1, 7)]
    first = docs[0]
    assert first.blocks[0].lead == "亮点" and first.blocks[0].text == "2020年至2024年，居民服务性消费支出年均增长9.6%"
    # the footer inside a sentence is gone and the sentence is whole again
    fourth = docs[3].body_text()
    assert "《关于进一步做好基本医疗保险跨省异地就医直接结算工作的通知》发布" in fourth
    assert "第 34 页" not in fourth and "\f" not in fourth and "人民日报》（" not in fourth


def test_pages_03_to_20_give_74_articles_each_on_its_own_page(rmrb):
    docs = docs_of(rmrb, "rmrb-20251020-03-20.txt")
    assert [(d.page, d.title, d.byline) for d in docs] == PAGES_03_20
    assert all(d.id.startswith(f"rmrb/2025-10-20/{d.page:02d}/") for d in docs)
    pages = {p.page: p for p in rmrb.pages if p.source == "rmrb-20251020-03-20.txt"}
    assert Counter(d.page for d in docs) == {n: len(p.documents) for n, p in pages.items()}
    editors = [f for p in pages.values() for f in p.furniture if "责编" in f]
    assert len(editors) == 11
    assert "本版责编：屈信明" in pages[18].furniture
    assert not any("责编" in d.text() for d in docs)


def test_article_file_gives_one_article_from_its_front_matter(rmrb):
    [doc] = docs_of(rmrb, "rmrb-20250301-01-article.md")
    assert (doc.kicker, doc.title, doc.subtitle) == ("中共中央政治局召开会议", "讨论政府工作报告", "中共中央总书记习近平主持会议")
    assert (doc.date, doc.page, doc.page_name, doc.id) == ("2025-03-01", 1, "要闻", "rmrb/2025-03-01/01/01")
    assert doc.dateline == "新华社北京2月28日电" and doc.byline is None
    assert doc.source_url == "https://paper.people.com.cn/rmrb/pc/content/202503/01/content_30059579.html"
    assert [b.text[0] for b in doc.blocks[:2]] == ["■", "■"]  # the summary is body, not byline
    assert doc.blocks[2].text.startswith("中共中央政治局2月28日召开会议")
    assert not any("title:" in b.text or b.text.startswith(("#", ">", "---")) for b in doc.blocks)


def test_no_title_is_furniture_or_a_name(rmrb):
    names = {w for d in rmrb.documents for w in (d.byline or "").split()}
    for d in rmrb.documents:
        assert not is_page_footer(d.title) and not source_line(d.title) and d.title not in names, d.id
        assert "本报记者" not in d.title and "责编" not in d.title and d.title[-1:] != "摄"


def test_reader_is_reported_per_source(rmrb):
    chosen = {Path(x.path).name: x.message for x in rmrb.diagnostics if x.code == "reader"}
    assert chosen["rmrb-20251020-02.txt"].startswith("read as source-lines")
    assert chosen["rmrb-20251020-03-20.txt"].startswith("read as source-lines")
    assert chosen["rmrb-20250301-01-article.md"].startswith("read as front-matter")


@pytest.mark.parametrize("file", RMRB)
def test_conservation_holds(file, tmp_path):
    if not (MORE_CORPUS / file).is_file():
        pytest.skip(f"real input not found at {MORE_CORPUS}")
    _, sources = read_corpus(subset_corpus(MORE_CORPUS, [file], tmp_path))
    assert not missing_han(sources[0].text, parse_source(sources[0]))


# ---- fictional variants ------------------------------------------------------------------

ARTICLES = [
    ("清江两岸稻谷飘香（“丰收”的镜头）", ["本报记者", "", "覃", "", "明", "", "黎晓华", "", "韦东"], "亮点",
     ["今年清江流域早稻亩产达到512公斤，比上年增加23公斤，农民种粮积极性明显提高。",
      "在河西镇的田间，收割机来回穿梭。种粮大户罗大山说：“今年雨水调匀，收成比去年好得多。”",
      "镇农业服务中心负责人介绍，全镇建成高标准农田3.2万亩，灌溉保证率达到95%以上。"]),
    ("老街新貌", ["黄", "", "兰"], None,
     ["清江日报讯 走进城东老街，青石板路修缮一新，老字号店铺重新开张，游客络绎不绝。",
      "街道办事处介绍，改造坚持修旧如旧，保留了二十三处历史建筑。"]),
    ("山区孩子的第一堂航模课", ["本报通讯员", "", "梁文静"], None,
     ["周末的乡村学校操场上，孩子们仰着头，看着自己亲手拼装的航模飞上蓝天。",
      "带队老师说，这门课程已经开设两年，参加的学生超过300人次，不少孩子从此爱上了科学。"]),
]


def wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False, drop_whitespace=False) or [""]


def page_text(articles, width: int, title_width: int, paper: str, footer: str, form_feed: bool, page: int = 3) -> str:
    """A fictional PDF export: each article on its own PDF page, a footer at the end of each."""
    out: list[str] = []
    for n, (title, authors, box, paragraphs) in enumerate(articles, start=1):
        lines = [*wrap(title, title_width), *authors, "", f"《{paper}》（2025年4月3日 第 {page} 版）", ""]
        if box:
            lines += [box, paragraphs[0]]
        for p in paragraphs[1 if box else 0:]:
            rows = wrap(p, width)
            if len(rows[-1]) >= 0.9 * width:  # a full last line would run on into the next paragraph
                rows.append("")
            lines += [r for r in rows if r]
        lines += ["", footer.format(n=n + 11), ""]
        out.append(("\f" if form_feed and n > 1 else "") + "\n".join(lines))
    return "\n".join(out)


def build_variant(tmp_path: Path, text: str, name: str = "清江日报") -> object:
    (tmp_path / "qjrb.txt").write_text(text, encoding="utf-8")
    (tmp_path / "corpus.yml").write_text(
        f"publications:\n  qjrb:\n    name: {name}\n    kind: newspaper\nsources:\n  - file: qjrb.txt\n    publication: qjrb\n    date: 2025-04-03\n",
        encoding="utf-8")
    return gather(tmp_path)


EXPECTED = [("清江两岸稻谷飘香（“丰收”的镜头）", "本报记者 覃明 黎晓华 韦东"), ("老街新貌", "黄兰"), ("山区孩子的第一堂航模课", "本报通讯员 梁文静")]


@pytest.mark.parametrize("width,title_width", [(17, 9), (40, 19), (30, 12)])
@pytest.mark.parametrize("footer,form_feed", [("第 {n} 页", True), ("- {n} -", False), ("第{n}页", False)])
def test_variant_wraps_and_footers(tmp_path, width, title_width, footer, form_feed):
    text = page_text(ARTICLES, width, title_width, "清江日报", footer, form_feed)
    archive = build_variant(tmp_path, text)
    assert [(d.title, d.byline) for d in archive.documents] == EXPECTED
    assert [d.page for d in archive.documents] == [3, 3, 3]
    bodies = ["".join(b.text for b in d.blocks) for d in archive.documents]
    assert bodies[0] == "".join(ARTICLES[0][3])
    assert bodies[2] == "".join(ARTICLES[2][3])
    assert not any("页" in b or "- 1" in b for b in bodies)
    result = parse_source(read_corpus(tmp_path)[1][0])
    assert not missing_han(text, result)


def test_variant_reordered_and_another_paper(tmp_path):
    text = page_text(list(reversed(ARTICLES)), 24, 10, "江城晚报", "第 {n} 页", True)
    archive = build_variant(tmp_path, text, name="清江日报")
    assert [(d.title, d.byline) for d in archive.documents] == list(reversed(EXPECTED))
    assert any(x.code == "source-line-paper" and "江城晚报" in x.message for x in archive.diagnostics)


def test_variant_spread_over_two_pages_of_a_day(tmp_path):
    text = page_text(ARTICLES[:2], 24, 10, "清江日报", "第 {n} 页", True) + "\n\f" + page_text(ARTICLES[2:], 24, 10, "清江日报", "第 {n} 页", True, page=4)
    archive = build_variant(tmp_path, text)
    assert [d.id for d in archive.documents] == ["qjrb/2025-04-03/03/01", "qjrb/2025-04-03/03/02", "qjrb/2025-04-03/04/01"]
    assert [p.id for p in archive.pages] == ["qjrb/2025-04-03/03", "qjrb/2025-04-03/04"]


def test_format_detection_and_override(tmp_path):
    assert detect_format(normalize_source_text("---\ntitle: x\n---\n正文"))[0] == "front-matter"
    text = page_text(ARTICLES, 24, 10, "清江日报", "第 {n} 页", True)
    (tmp_path / "qjrb.txt").write_text(text, encoding="utf-8")
    manifest = ("publications:\n  qjrb:\n    name: 清江日报\n    kind: newspaper\n"
                "sources:\n  - file: qjrb.txt\n    publication: qjrb\n    date: 2025-04-03\n    page: 3\n    format: {}\n")
    (tmp_path / "corpus.yml").write_text(manifest.format("text"), encoding="utf-8")
    archive = gather(tmp_path)
    assert any(x.code == "reader" and "read as text" in x.message and "format:" in x.message for x in archive.diagnostics)
    (tmp_path / "corpus.yml").write_text(manifest.format("pdf"), encoding="utf-8")
    with pytest.raises(DanganError, match="format must be one of"):
        gather(tmp_path)


def normalize_source_text(text: str):
    from builder.model import Line
    return tuple(Line(i, t) for i, t in enumerate(text.split("\n"), start=1))


def test_two_files_of_one_page_share_it(tmp_path):
    article = "---\ntitle: {t}\ndate: 2025-03-01\nsection: 第01版\nsection_name: 要闻\n---\n\n# {t}\n\n正文{t}。\n"
    for i, t in enumerate(["甲文", "乙文"], start=1):
        (tmp_path / f"a{i}.md").write_text(article.format(t=t), encoding="utf-8")
    (tmp_path / "corpus.yml").write_text(
        "publications:\n  rmrb:\n    name: 人民日报\n    kind: newspaper\n"
        "sources:\n  - file: a2.md\n    publication: rmrb\n  - file: a1.md\n    publication: rmrb\n",
        encoding="utf-8")
    archive = gather(tmp_path)
    assert [(d.id, d.title) for d in archive.documents] == [("rmrb/2025-03-01/01/01", "乙文"), ("rmrb/2025-03-01/01/02", "甲文")]
    [page] = archive.pages
    assert page.documents == ("rmrb/2025-03-01/01/01", "rmrb/2025-03-01/01/02") and page.page_name == "要闻"
    assert {r.document for r in archive.removals if r.reason == "headline"} == {"rmrb/2025-03-01/01/01", "rmrb/2025-03-01/01/02"}


def test_manifest_wins_over_front_matter_and_says_so(tmp_path):
    (tmp_path / "a.md").write_text("---\ntitle: 甲文\ndate: 2025-03-01\nsection: 第01版\n---\n\n# 甲文\n\n正文。\n", encoding="utf-8")
    (tmp_path / "corpus.yml").write_text(
        "publications:\n  rmrb:\n    name: 人民日报\n    kind: newspaper\nsources:\n  - file: a.md\n    publication: rmrb\n    page: 2\n",
        encoding="utf-8")
    archive = gather(tmp_path)
    assert archive.documents[0].page == 2 and archive.documents[0].id == "rmrb/2025-03-01/02/01"
    assert any(x.code == "manifest-wins" and x.line == 4 for x in archive.diagnostics)


def write_day(tmp_path: Path) -> Path:
    text = page_text(ARTICLES, 24, 10, "清江日报", "第 {n} 页", True)
    build_variant(tmp_path, text)
    return tmp_path


def test_corrections_are_applied_recorded_and_validated(tmp_path):
    import json

    from builder.render.catalog import catalog_json
    corpus = write_day(tmp_path)
    second = gather(corpus).documents[1]
    (corpus / "corrections.yml").write_text(
        f"corrections:\n  - source: qjrb.txt\n    lines: {second.line_start}-{second.line_start}\n"
        "    set:\n      title: 老街换新貌\n      page: 5\n    note: 据原版核对\n",
        encoding="utf-8")
    archive = gather(corpus)
    doc = archive.documents[1]
    assert (doc.title, doc.page) == ("老街换新貌", 5) and doc.corrections[0] == "corrections.yml:2: page: 3 → 5; title: '老街新貌' → '老街换新貌' (据原版核对)"
    entry = next(e for e in json.loads(catalog_json(archive)) if e["id"] == doc.id)
    assert entry["corrections"] == list(doc.corrections)
    for bad, message in [("source: other.txt", "unknown source"), ("source: qjrb.txt\n    lines: 9999", "inside no single document")]:
        (corpus / "corrections.yml").write_text(f"corrections:\n  - {bad}\n    set:\n      title: x\n", encoding="utf-8")
        with pytest.raises(DanganError, match=message) as err:
            gather(corpus)
        assert err.value.diagnostics[0].line == 2
    (corpus / "corrections.yml").write_text("corrections:\n  - source: qjrb.txt\n    lines: 3\n    set:\n      colour: red\n", encoding="utf-8")
    with pytest.raises(DanganError, match="unknown field 'colour'"):
        gather(corpus)


def test_check_offers_stubs_for_uncertain_fields(rmrb):
    from builder.corrections import correction_stubs
    stubs = correction_stubs(rmrb.documents)
    assert "source: rmrb-20251020-03-20.txt" in stubs and 'title: "中国科技 活力奔涌"' in stubs
