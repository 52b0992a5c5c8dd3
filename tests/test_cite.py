"""Citation strings as conventions.md §5 sets them (issue #13 item 3; the panel is not wired yet)."""

from __future__ import annotations

from builder.citable.cite import biblatex, csl_json, gbt7714, gbt7714_gazette_item

URL = "https://archive.example/lzgb/2024/10/liuzhengban-2022-59/"


def doc_and_pub(site, doc_id):
    doc = site.archive.document(doc_id)
    return doc, next(p for p in site.archive.publications if p.slug == doc.publication)


def test_government_document_follows_the_standards_example(real_site):
    doc, pub = doc_and_pub(real_site, "lzgb/2024/10/liuzhengban-2022-59")
    # 发文机关. 标题: 发文字号[A/OL]. (成文日期)[引用日期]. URL.
    assert gbt7714(doc, pub, URL) == f"{doc.issuer}. {doc.title}: 柳政办〔2022〕59号[A/OL]. ({doc.date})[引用日期]. {URL}."
    # … [J]. 公报名, 年(期): 起页-止页.
    assert gbt7714_gazette_item(doc, pub) == f"{doc.issuer}. {doc.title}: 柳政办〔2022〕59号[J]. 柳州市人民政府公报, 2024(10): 3-45."
    item = csl_json(doc, pub, URL)
    assert (item["type"], item["number"], item["authority"], item["container-title"], item["issue"], item["page"]) == (
        "regulation", "柳政办〔2022〕59号", doc.issuer, "柳州市人民政府公报", "10", "3-45")
    assert biblatex(doc, pub, URL).startswith("@legislation{lzgb:2024:10:liuzhengban-2022-59,\n  title = {")
    assert "  type = {regulation},\n  number = {柳政办〔2022〕59号}," in biblatex(doc, pub, URL)


def test_newspaper_article_online(demo_site):
    doc, pub = doc_and_pub(demo_site, "qjrb/2025-03-18/01/01")
    author = f"{doc.byline}. " if doc.byline else ""
    url = "https://archive.example/qjrb/2025-03-18/01/01/"
    # 作者. 题名[N/OL]. 报纸名, YYYY-MM-DD(版次)[引用日期]. URL.
    assert gbt7714(doc, pub, url) == f"{author}{doc.title}[N/OL]. 清江日报, 2025-03-18(1)[引用日期]. {url}."
    assert csl_json(doc, pub, url)["type"] == "article-newspaper"
    assert "entrysubtype = {newspaper}" in biblatex(doc, pub, url)
