"""Index pages (issue #5): every way in exists, is correct and cross-linked."""

from __future__ import annotations

import re
from collections import deque

from builder.render.pages import paginate, series_gaps
from builder.settings import load_settings

REAL_NUMBERS = [59, 61, 62, 63, 65, 69, 70, 71, 72, 74]


def html(report, url: str) -> str:
    return (report.site / url / "index.html").read_text(encoding="utf-8")


def text_of(page: str) -> str:
    return re.sub(r"<[^>]+>", "", page)


def test_issue_page_lists_the_ten_documents_in_toc_order_with_pages(real_site):
    page = html(real_site, "lzgb/2024/10")
    positions = [page.index(f"liuzhengban-2022-{n}/index.html") for n in REAL_NUMBERS]
    assert positions == sorted(positions)
    rows = re.findall(r"<tr>(.*?)</tr>", page, re.S)[1:]
    assert len(rows) == 10
    first_pages = [int(re.findall(r"<td>(\d+)</td>", row)[-1]) for row in rows]
    assert first_pages == [3, 46, 54, 58, 100, 105, 121, 124, 126, 132]


def test_series_page_shows_the_gaps(real_site):
    page = text_of(html(real_site, "series/liuzhengban-2022"))
    assert "60、64、66–68、73" in page
    assert series_gaps(REAL_NUMBERS) == ["60", "64", "66–68", "73"]


def test_61_ends_90_and_the_cited_page_says_so(real_site):
    doc = text_of(html(real_site, "lzgb/2024/10/liuzhengban-2022-61"))
    assert "柳政办〔2019〕90号" in doc and "宣布停止执行" in doc
    cited = html(real_site, "cited/liuzhengban-2019-90")
    assert "liuzhengban-2022-61/index.html" in cited and "宣布停止执行" in text_of(cited)
    rel = [r for r in real_site.archive.relations if r.number == "柳政办〔2019〕90号"]
    assert [(r.source, r.relation, r.target) for r in rel] == [("lzgb/2024/10/liuzhengban-2022-61", "ends", None)]


def test_external_citations_have_pages(real_site):
    page = text_of(html(real_site, "cited/guobanfa-2021-49"))
    assert "国务院办公厅关于新形势下进一步加强督查激励的通知" in page


def test_every_document_has_a_topic_or_is_reported(real_site):
    untopiced = {d.id for d in real_site.archive.documents if not d.topics}
    reported = {re.search(r"(\S+) \(", d.message).group(1) for d in real_site.archive.diagnostics if d.code == "no-topic"}
    assert untopiced == reported


def test_issuer_page_lists_all_ten(real_site):
    page = html(real_site, "issuer/liuzhoushirenminzhengfubangongshi")
    for n in REAL_NUMBERS:
        assert f"liuzhengban-2022-{n}/index.html" in page


def test_topic_vocabulary_has_the_21_national_classes():
    rules = load_settings().topics
    assert len(rules.topics) == 21 and rules.topics[0].name == "综合政务" and rules.topics[-1].name == "其他"


def test_aliases_resolve_to_one_agency(real_site):
    # 000 says 市人力资源社会保障局; the vocabulary knows it as 柳州市人力资源和社会保障局
    mention = html(real_site, "mention/liuzhoushirenliziyuanheshehuibaozhangju")
    assert "lzrb/" in mention


def test_a_to_z_orders_by_pinyin_with_initials(real_site):
    page = html(real_site, "az")
    letters = re.findall(r'<h2 id="([a-z])"', page)
    assert letters == sorted(letters) and len(letters) > 3


def test_document_page_shows_the_disclosure_metadata(real_site):
    page = text_of(html(real_site, "lzgb/2024/10/liuzhengban-2022-59"))
    for label in ("标题", "发文机关", "发文字号", "成文日期", "主题分类", "文种", "所在期次与页码", "有效性", "本库未见其废止或停止执行的记录"):
        assert label in page, label


def test_every_page_is_reachable_from_home(real_site):
    site = real_site.site.resolve()
    # aliases are not pages of their own: redirects (/doc/<slug>/, moved URLs) and the /doc/?n= resolver
    pages = {p.resolve() for p in site.rglob("index.html")
             if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8") and p != site / "doc" / "index.html"}
    seen, queue = set(), deque([(site / "index.html", 0)])
    depth = {}
    while queue:
        page, d = queue.popleft()
        if page in seen:
            continue
        seen.add(page)
        depth[page] = d
        for link in re.findall(r'href="([^"#:]+\.html)"', page.read_text(encoding="utf-8")):
            target = (page.parent / link).resolve()
            if target.exists() and target not in seen:
                queue.append((target, d + 1))
    assert pages - seen == set()
    assert max(depth.values()) <= 4


def test_listings_are_paginated():
    assert [len(p) for p in paginate(list(range(205)))] == [100, 100, 5]


def test_older_pages_of_a_term_keep_their_documents_when_newer_ones_join(tmp_path):
    """A term's listing is newest first; its older pages are counted from the oldest end, so a
    page cited or cached keeps its documents, and a newer document renders the first page only."""
    from builder.index.taxonomy import newest_first
    from builder.model import Archive, Document, Publication, Term, text_of
    from builder.render.memo import RenderMemo
    from builder.render.pages import page_plan
    from builder.renderers.mkdocs import DIALECT

    class Store(dict):
        def put(self, key, value):
            self[key] = value

    def term_pages(n: int) -> dict[str, str]:
        docs = tuple(Document(id=f"g/2024/{i}", kind="gazette_document", publication="g", source="g.txt", title=f"第{i}号文件",
                              line_start=1, line_end=2, date=f"2024-{1 + i // 28:02d}-{1 + i % 28:02d}") for i in range(n))
        term = Term("topic", "jingji", "经济", tuple(d.id for d in sorted(docs, key=newest_first)))
        archive = Archive(tmp_path, (Publication("g", "某市人民政府公报", "gazette"),), docs, terms=(term,))
        plan = page_plan(archive, [], DIALECT, load_settings(tmp_path).labels, memo=memo)
        return {path: text_of(render()) for path, render in plan.items() if path.startswith("topic/jingji/")}

    def numbers(page: str) -> list[int]:
        return sorted(int(n) for n in re.findall(r"第(\d+)号文件", page))

    memo = RenderMemo(Store(), "ns")
    before = term_pages(250)
    assert sorted(before) == ["topic/jingji/2/index.md", "topic/jingji/index.md"]
    assert numbers(before["topic/jingji/2/index.md"]) == list(range(100))  # the oldest hundred
    assert numbers(before["topic/jingji/index.md"]) == list(range(100, 250))
    assert '<time datetime="2024-01-01">2024-01-01</time> 至 <time datetime="2024-04-16">2024-04-16</time>' in before["topic/jingji/2/index.md"]
    assert "更早的文件" in before["topic/jingji/index.md"] and "2/index.md" in before["topic/jingji/index.md"]
    rendered = memo.rendered
    after = term_pages(251)
    assert memo.rendered - rendered == 1, "only the first page is rendered again"
    assert after["topic/jingji/2/index.md"] == before["topic/jingji/2/index.md"]
    grown = term_pages(300)
    assert sorted(grown) == ["topic/jingji/2/index.md", "topic/jingji/3/index.md", "topic/jingji/index.md"]
    assert grown["topic/jingji/2/index.md"] == before["topic/jingji/2/index.md"].replace(
        "[最新](../index.md)", '[<time datetime="2024-04-17">2024-04-17</time> 至 <time datetime="2024-08-04">2024-08-04</time>](../3/index.md)')
    assert numbers(grown["topic/jingji/3/index.md"]) == list(range(100, 200))


def test_article_page_lays_out_headline_parts(real_site):
    doc = next(d for d in real_site.archive.documents if d.kind == "newspaper_article" and d.subtitle)
    page = html(real_site, doc.id)
    page = page[page.index("</head>"):]  # the head's metadata names the subtitle too (alternativeHeadline)
    assert page.index(doc.subtitle) > page.index("<h1")
