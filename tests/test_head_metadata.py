"""The page head of the built real corpus and the demo, read by a metadata extractor
(extruct) the way search engines and reference managers read it: Highwire citation_*,
Dublin Core, OpenGraph, schema.org JSON-LD, COinS; the canonical URL and sitemap.xml."""

from __future__ import annotations

import html
import json
import re
from urllib.parse import parse_qsl

import extruct
import pytest
from conftest import DEMO

from builder import api

SITE_URL = "https://archive.example/dangan/"


def page_html(report, doc) -> str:
    return (report.site / doc.id / "index.html").read_text(encoding="utf-8")


def highwire(text: str) -> dict[str, list[str]]:
    tags: dict[str, list[str]] = {}
    for name, content in re.findall(r'<meta name="(citation_[a-z_]+)" content="([^"]*)">', text):
        tags.setdefault(name, []).append(html.unescape(content))
    return tags


def extracted(report, doc, base: str) -> dict:
    return extruct.extract(page_html(report, doc), base_url=base + doc.id + "/", syntaxes=["json-ld", "opengraph", "dublincore"], uniform=True)


def check_document(report, doc, base: str) -> None:
    data = extracted(report, doc, base)
    (ld,) = data["json-ld"]
    (og,) = data["opengraph"]
    dc = {e["name"]: e["content"] for e in data["dublincore"][0]["elements"]}
    tags = highwire(page_html(report, doc))
    pub = next(p for p in report.archive.publications if p.slug == doc.publication)
    assert tags["citation_title"] == [doc.title] and ld.get("name", ld.get("headline")) == doc.title
    assert tags["citation_public_url"] == [base.rstrip("/") + doc.url] == [ld["url"]] == [og["og:url"]]
    assert dc["DC.title"] == doc.title and og["@type"] == "article"
    if doc.date:
        assert tags["citation_publication_date"] == [doc.date.replace("-", "/")] and dc["DC.date"] == doc.date
    coins = html.unescape(re.search(r'<span class="Z3988" title="([^"]*)">', page_html(report, doc)).group(1))
    kev = dict(parse_qsl(coins))
    if doc.kind == "newspaper_article":
        assert ld["@type"] == "NewsArticle" and ld["isPartOf"]["isPartOf"]["name"] == pub.name
        assert (kev["rft_val_fmt"], kev["rft.genre"], kev["rft.atitle"]) == ("info:ofi/fmt:kev:mtx:journal", "article", doc.title)
        if doc.page:
            assert ld["printPage"] == str(doc.page)
        if doc.page_name:
            assert ld["printSection"] == doc.page_name
        if doc.dateline:
            assert ld["dateline"] == doc.dateline
        return
    assert ld["@type"] == "Legislation"
    assert (kev["rft_val_fmt"], kev["rft.genre"], kev["rft.btitle"]) == ("info:ofi/fmt:kev:mtx:book", "report", doc.title)
    assert tags["citation_journal_title"] == [pub.name]
    if doc.issuer:
        assert tags["citation_author"] == [doc.issuer] == [dc["DC.creator"]] == [ld["legislationPassedBy"]["name"]]
    if doc.doc_number:
        assert ld["legislationIdentifier"] == doc.doc_number.normalized == dc["DC.identifier"]
    if doc.issue:
        assert ld["isPartOf"]["@type"] == "PublicationIssue" and ld["isPartOf"]["issueNumber"] == str(doc.issue.number)
        assert tags["citation_issue"] == [str(doc.issue.number)]
    if doc.pages and doc.pages[0]:
        assert tags["citation_firstpage"] == [str(doc.pages[0])] and ld["isPartOf"]["pageStart"] == str(doc.pages[0])
    validity = next(v for k, v in api_validity(report).items() if k == doc.id)
    # a legal force only with evidence; never "in force" from the absence of a record
    assert ld.get("legislationLegalForce") == ("https://schema.org/NotInForce" if validity.status in ("ended", "expired") else None)
    assert ld["creativeWorkStatus"] == validity.text and "现行有效" not in json.dumps(ld, ensure_ascii=False)


def api_validity(report):
    from builder.citable.validity import archive_validity

    return archive_validity(report.archive)


@pytest.fixture(scope="module")
def demo_published(tmp_path_factory):
    """The demo built as it would be published at SITE_URL."""
    out = tmp_path_factory.mktemp("published")
    return api.build(DEMO, out / "site", out / "content", site_url=SITE_URL)


def test_real_corpus_heads_parse_into_legislation_and_news_articles(real_site):
    kinds = {}
    for doc in real_site.archive.documents:
        check_document(real_site, doc, "/")  # built without a site URL: the archive path
        kinds[doc.kind] = kinds.get(doc.kind, 0) + 1
    assert kinds["gazette_document"] == 10 and kinds["newspaper_article"] >= 17


def test_published_demo_has_canonical_urls_and_a_full_sitemap(demo_published):
    for doc in demo_published.archive.documents:
        check_document(demo_published, doc, SITE_URL)
        assert f'<link rel="canonical" href="{SITE_URL.rstrip("/")}{doc.url}">' in page_html(demo_published, doc)
    sitemap = (demo_published.site / "sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    pages = sorted(p for p in demo_published.content.rglob("index.md"))
    assert len(locs) == len(pages) == len(set(locs))
    assert all(u.startswith(SITE_URL) and u.endswith("/") for u in locs)  # the cited URL, never …/index.html
    assert {SITE_URL.rstrip("/") + d.url for d in demo_published.archive.documents} <= set(locs)


def test_json_ld_cannot_end_its_script_element(demo_published):
    for doc in demo_published.archive.documents:
        script = re.search(r'<script type="application/ld\+json">(.*?)</script>', page_html(demo_published, doc), re.S).group(1)
        assert not re.search(r"[<>&]", script)


def test_citation_files_beside_each_page_parse(demo_published):
    import rispy

    for doc in demo_published.archive.documents:
        folder = demo_published.site / doc.id
        (item,) = json.loads((folder / "cite.json").read_text(encoding="utf-8"))
        assert item["URL"] == SITE_URL.rstrip("/") + doc.url and item["title"] == doc.title
        (entry,) = rispy.loads((folder / "cite.ris").read_text(encoding="utf-8"))
        assert entry["type_of_reference"] == ("NEWS" if doc.kind == "newspaper_article" else "STAT") and entry["title"] == doc.title
        bib = (folder / "cite.bib").read_text(encoding="utf-8")
        assert bib.startswith("@article{" if doc.kind == "newspaper_article" else "@legislation{") and f"url = {{{item['URL']}}}" in bib
