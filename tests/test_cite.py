"""Citation strings as conventions.md §5 sets them (issue #13 item 3; the panel is not wired yet)."""

from __future__ import annotations

import html

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


def test_every_form_of_the_panel(real_site):
    from builder.citable.cite import citations

    doc, pub = doc_and_pub(real_site, "lzgb/2024/10/liuzhengban-2022-59")
    forms = citations(doc, pub, URL)
    assert list(forms) == ["gbt7714", "gbt7714-2025", "gbt7714-gazette", "gbt7714-gazette-2025", "bibtex", "ris", "csl-json"]
    # … [J/OL]. 公报名, 年(期): 起页-止页[引用日期]. URL.
    assert forms["gbt7714-gazette"] == f"{doc.issuer}. {doc.title}: 柳政办〔2022〕59号[J/OL]. 柳州市人民政府公报, 2024(10): 3-45[引用日期]. {URL}."
    # the 2025 edition: full-width punctuation in the Chinese description, the URL as it is
    assert forms["gbt7714-2025"] == f"{doc.issuer}．{doc.title}：柳政办〔2022〕59号［A/OL］．（{doc.date}）［引用日期］．{URL}."
    assert forms["gbt7714-gazette-2025"] == f"{doc.issuer}．{doc.title}：柳政办〔2022〕59号［J/OL］．柳州市人民政府公报，2024（10）：3-45［引用日期］．{URL}."
    assert "TY  - STAT\n" in forms["ris"] and "IS  - 柳政办〔2022〕59号\n" in forms["ris"] and forms["ris"].endswith("ER  - \n")


def test_panel_is_on_every_document_and_article_page_escaped_once(real_site):
    for doc in real_site.archive.documents:
        text = (real_site.site / doc.id / "index.html").read_text(encoding="utf-8")
        panel = text[text.index('<details class="dangan-cite"'):]
        panel = panel[: panel.index("</details>")]
        pre = panel[panel.index('<pre class="dangan-cite-text">') + 30:]
        shown = html.unescape(pre[: pre.index("</pre>")])
        pub = next(p for p in real_site.archive.publications if p.slug == doc.publication)
        assert shown == gbt7714(doc, pub, doc.url)
