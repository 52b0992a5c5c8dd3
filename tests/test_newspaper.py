"""Newspaper pages parse into articles (issue #4).

Real pages of 《柳州日报》 (skipped when the shared corpus is absent), a fictional page with the
opposite layout (headlines above their articles), and the demo corpus. Golden files under
tests/cases/newspaper*/ hold each page's articles as Markdown and as JSON: review them by
eye against the source when regenerating.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from conftest import CASES

from builder.audit import kept_text, missing_han
from builder.model import Document, Source, SourceResult
from builder.pipeline import parse_source
from builder.render.markdown import blocks_to_markdown
from builder.sources import read_corpus
from builder.zh.han import han_chars
from builder.zh.sentences import ends_sentence
from tests.goldens import json_structure, markdown_structure

VARIANT = CASES / "newspaper_variant"
PAGES = {"000": "000_b945ee7139b0b895.txt", "001": "001_67504c9ffebf9f9f.txt", "003": "003_53429b0ff103284c.txt"}


def parsed(corpus: Path, file: str) -> tuple[Source, SourceResult]:
    _, sources = read_corpus(corpus)
    source = next(s for s in sources if s.file == file)
    return source, parse_source(source)


def article_markdown(doc: Document) -> str:
    """One article as a reviewer reads it: headline parts, metadata, then the body."""
    head = [f"# {doc.position:02d} {doc.title}" + (" (title derived)" if doc.title_derived else "")]
    for label, value in (("kicker", doc.kicker), ("subtitle", doc.subtitle), ("dateline", doc.dateline),
                         ("byline", doc.byline), ("continues on", doc.continues_on), ("continued from", doc.continued_from)):
        if value:
            head.append(f"- {label}: {value}")
    head += [f"- caption: {c}" for c in doc.captions]
    head.append(f"- id: {doc.id} (lines {doc.line_start}–{doc.line_end})")
    return "\n".join(head) + "\n\n" + blocks_to_markdown(doc.blocks) + "\n"


def page_markdown(result: SourceResult) -> str:
    furniture = "".join(f"- furniture: {f}\n" for f in result.page.furniture)
    return furniture + "\n" + "\n".join(article_markdown(d) for d in result.documents)


def page_json(result: SourceResult) -> str:
    rows = [{"id": d.id, "position": d.position, "kicker": d.kicker, "title": d.title, "title_derived": d.title_derived,
             "subtitle": d.subtitle, "dateline": d.dateline, "byline": d.byline, "captions": list(d.captions),
             "continues_on": d.continues_on, "continued_from": d.continued_from, "lines": [d.line_start, d.line_end],
             "paragraphs": sum(b.kind == "paragraph" for b in d.blocks), "headings": [b.text for b in d.blocks if b.kind == "heading"]}
            for d in result.documents]
    return json.dumps({"page": result.page.id, "furniture": list(result.page.furniture), "articles": rows}, ensure_ascii=False, indent=1) + "\n"


def headline_texts(doc: Document) -> list[str]:
    return [t for t in (doc.kicker, doc.subtitle) if t] + ([] if doc.title_derived else [doc.title])


def check_page_invariants(source: Source, result: SourceResult) -> None:
    """What must hold on any page: conservation, no headline left as a paragraph, no paragraph
    cut mid-sentence by a column wrap, no doubled caption, reduplication untouched."""
    assert not missing_han(source.text, result), f"Han characters lost: {missing_han(source.text, result)}"
    headlines = {re.sub(r"\s", "", h) for d in result.documents for h in headline_texts(d)}
    for doc in result.documents:
        for block in doc.blocks:
            text = re.sub(r"\s", "", block.text)
            assert text not in headlines, f"headline left as a {block.kind}: {block.text}"
            if block.kind == "paragraph":
                assert ends_sentence(block.text), f"{doc.id}: paragraph cut mid-sentence (line {block.line}): …{block.text[-20:]}"
        for caption in doc.captions:
            assert not re.search(r"([。，！？])\1", caption), f"doubled caption kept: {caption}"
            half = len(caption) // 2
            assert caption[:half] != caption[half:2 * half] or not caption, f"doubled caption kept: {caption}"
    assert [d.position for d in result.documents] == list(range(1, len(result.documents) + 1))
    assert all(d.id.endswith(f"/{d.position:02d}") for d in result.documents)
    assert all(d.kind == "newspaper_article" and d.title for d in result.documents)
    assert all(x.path == str(source.path) for x in result.diagnostics)
    # reduplicated words are language, not extraction errors: all of them survive in the articles
    body = "\n".join(b.text for d in result.documents for b in d.blocks)
    for word in set(re.findall(r"([\u4e00-\u9fff]{1,2})\1", body_of_source(source, result))):
        assert (word * 2) in body or (word * 2) in kept_text(result)


def body_of_source(source: Source, result: SourceResult) -> str:
    """Source lines that no repair touched (a repaired line is doubled text, not language)."""
    repaired = {r.line for r in result.removals if r.reason == "doubled-text"}
    return "\n".join(l for n, l in enumerate(source.text.split("\n"), start=1) if n not in repaired)


# --- the real pages ------------------------------------------------------------------------

EXPECTED = {
    "000": [
        ("柳州口岸进出口货运量实现历史新突破", "香港中转 行销全球", None, None, 1),
        ("自治区出台《行动方案》推进低空经济高质量发展 支持柳州等城市建设无人机产业制造示范基地", None, None, None, 0),
        ("我市创新推出“柳州社保码上通”提升社保业务办理效率 “一码通扫”涵盖113项社保事项", None, None, None, 0),
        ("用心用情用力 办好人民满意的教育", "市人大常委会调研组召开教育高质量发展情况专题调研座谈会", None, None, 0),
        ("打破职业发展“天花板” 让高技能人才“高技高得”", None, "——我市技术工人成长之路越走越宽广综述", "全媒体记者 朱柳融 李汶璟", 0),
    ],
    "001": [
        ("我市面向企业开展电子商务相关活动", "助力企业把握数字化转型机遇", None, None, 0),
        (None, None, None, None, 0),  # a commentary the page prints no headline for
        ("提升创新“硬实力” 跑出发展“加速度”", None, None, "荣瑶 文/图", 2),
        ("柳州1人入选", "2024年大国工匠培育对象名单公布", None, None, 0),
        ("中国-东盟新能源汽车行业产教融合共同体召开第一次理事会", "推动技术创新和成果转化", None, None, 0),
        ("《广西壮族自治区科创飞地备案管理办法（试行）》实施", "从经费和政策上破解引才引智难题", None, None, 0),
        ("柳职大牵头成立地方特色（非遗）食品行业产教融合共同体", "产教深度融合 校企协同育人", None, "韦柳钰", 0),
        ("《“十四五”广西科技计划项目申报指南（第四版）》发布", "单个项目最高资助600万元", None, None, 0),
    ],
    "003": [
        ("为加快建设现代制造城锻造高技能人才队伍", None, None, "中共柳州市人力资源和社会保障局党组理论学习中心组", 0),
        (None, None, None, None, 0),  # the 团市委 essay: no title printed on the page
        ("聚焦“双碳”目标 推进柳州钢铁产业绿色循环发展", None, None, "《柳州钢铁产业绿色循环发展对策研究》课题组", 0),
        ("多措并举激活柳州脱贫地区民众内生发展动力", None, None, "《基于社会创新的激发柳州脱贫地区民众内生动力的路径研究》课题组；执笔人：段东", 0),
    ],
}


@pytest.mark.parametrize("page", sorted(PAGES))
def test_real_page_articles(real_corpus, page):
    _, result = parsed(real_corpus, PAGES[page])
    got = [(None if d.title_derived else d.title, d.kicker, d.subtitle, d.byline, len(d.captions)) for d in result.documents]
    assert got == EXPECTED[page]


@pytest.mark.parametrize("page", sorted(PAGES))
def test_real_page_invariants(real_corpus, page):
    source, result = parsed(real_corpus, PAGES[page])
    check_page_invariants(source, result)


@pytest.mark.parametrize("page", sorted(PAGES))
def test_real_page_golden(real_corpus, golden, page):
    _, result = parsed(real_corpus, PAGES[page])
    stem = Path(PAGES[page]).stem
    # real text: the goldens keep its structure, not the text (tests/goldens.py)
    golden(f"newspaper/{stem}.structure.md", markdown_structure(page_markdown(result)))
    golden(f"newspaper/{stem}.structure.json", json_structure(page_json(result)))


def test_real_datelines_captions_and_furniture(real_corpus):
    _, p000 = parsed(real_corpus, PAGES["000"])
    assert [d.dateline for d in p000.documents] == ["【柳州讯】"] * 4 + [None]
    assert p000.documents[0].captions == ("塔吊将集装箱空柜从桂运3601货轮上卸载下来。",)
    _, p001 = parsed(real_corpus, PAGES["001"])
    assert p001.documents[0].dateline == "日报消息（全媒体记者刘心蕊）"
    assert p001.documents[2].captions == ("东风柳汽研发的无人驾驶商用车。", "东风柳汽研发试验场。")
    assert "柳州制造“ ”中看镜" in p001.page.furniture
    repairs = [r for r in p001.removals if r.reason == "doubled-text"]
    assert [(r.line, r.replacement) for r in repairs] == [(367, "东风柳汽研发的无人驾驶商用车。"), (369, "东风柳汽研发试验场。")]
    _, p003 = parsed(real_corpus, PAGES["003"])
    assert any("投稿邮箱" in f for f in p003.page.furniture)
    essay2 = p003.documents[1]
    assert [b.text for b in essay2.blocks if b.kind == "heading"] == [
        "一、学以求实，“两个结合”推动“青年大学习”行动常态化开展",
        "二、学以固基，“三项举措”推动“青年大学习”行动内容更丰富",
        "三、学而力行，“四个服务”推动“青年大学习”行动成果转化更有力",
    ]


def test_real_paragraph_repairs(real_corpus):
    _, p001 = parsed(real_corpus, PAGES["001"])
    text = "\n".join(b.text for d in p001.documents for b in d.blocks)
    # one sentence across a blank line at a column end
    assert "不少“柳州制造”通过跨境电商平台打开国际市场的大门。" in text
    # spaced-out lettering closed up; bylines keep their spaces
    assert "2024AI数字化贸易高峰论坛" in text
    assert "1.034亿件，同比增长14.37%。" in text
    assert "三年行动方案（2023—2025年）" in text
    _, p000 = parsed(real_corpus, PAGES["000"])
    assert p000.documents[4].byline == "全媒体记者 朱柳融 李汶璟"
    body = "\n".join(b.text for d in p000.documents for b in d.blocks)
    assert "有效提升30%的通关效率。" in body and "从一线电焊工到广西首席技师，上汽通用五菱" in body


# --- a page of another paper, headlines above their articles ---------------------------------

def test_variant_page(golden):
    source, result = parsed(VARIANT, "jcwb-2025-04-03-01.txt")
    check_page_invariants(source, result)
    docs = result.documents
    assert [(d.kicker, d.title, d.subtitle) for d in docs] == [
        (None, "江畔绿道全线贯通", "——沿江十二公里步道串起五座公园"),
        ("老旧小区改造持续推进", "今年已有46部加装电梯投入使用", None),
        (None, "春季招聘会周末举行", None),
    ]
    assert [d.dateline for d in docs] == ["本报讯（记者周明远）", "本报讯（记者林秋）", "本报讯"]
    assert docs[0].continues_on == "二版" and docs[0].captions == ("江城绿道白沙洲段。",)
    assert docs[0].byline == "全媒体记者 覃科 摄" and docs[2].byline == "江晚"
    assert [d.id for d in docs] == ["jcwb/2025-04-03/01/01", "jcwb/2025-04-03/01/02", "jcwb/2025-04-03/01/03"]
    assert result.page.furniture == ("责任编辑：刘洋",)
    body = "\n".join(b.text for d in docs for b in d.blocks)
    for word in ("常常", "天天", "谢谢", "研究研究"):
        assert word in body
    assert "市民王晓梅说：“以前走到码头就没路了，现在可以一直走到白沙洲。”" in body
    golden("newspaper_variant/jcwb-2025-04-03-01.md", page_markdown(result))
    golden("newspaper_variant/jcwb-2025-04-03-01.json", page_json(result))


# --- the demo corpus -------------------------------------------------------------------------

def test_demo_page_parses(demo_corpus):
    if not (demo_corpus / "corpus.yml").is_file():
        pytest.skip("demo corpus not written yet")
    _, sources = read_corpus(demo_corpus)
    pages = [s for s in sources if s.publication.kind == "newspaper"]
    assert pages, "the demo corpus has a newspaper page"
    for source in pages:
        result = parse_source(source)
        check_page_invariants(source, result)
        assert result.documents and all(not d.title_derived for d in result.documents)
        assert not [d for d in result.diagnostics if d.level != "info"]


def test_conservation_counts_every_character(real_corpus):
    for file in PAGES.values():
        source, result = parsed(real_corpus, file)
        kept = Counter(han_chars(kept_text(result)))
        assert not Counter(han_chars(source.text)) - kept
