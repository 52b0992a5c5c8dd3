"""One 发文字号 in every bracket form: each citation links to the one document, and every
form typed as a query finds it, in the Python reference engine and in the browser engine."""

from __future__ import annotations

import re

import pytest

from builder import api
from builder.pipeline import gather
from builder.search.reference import scan, search_docs
from tests.browser import browser, chromium_path
from tests.conftest import CASES
from tests.search_harness import js_search, write_site

CASE = CASES / "brackets"
TARGET = "qjgb/2025/4/qingzhengfa-2025-3"
CITING = "qjgb/2025/4/qingzhengban-2025-20"
FORMS = ["清政发〔2025〕3号", "清政发〖2025〗3号", "清政发【2025】3号", "清政发［2025］3号", "清政发[2025]3号", "清政发（2025）3号"]


@pytest.fixture(scope="module")
def archive():
    return gather(CASE)


def test_every_form_is_cited_in_the_source(archive):
    text = archive.document(CITING).body_text()
    assert all(form in text for form in FORMS)


def test_every_form_is_one_citation_of_the_one_document(archive):
    citing = archive.document(CITING)
    assert sorted(c.doc_number.raw for c in citing.citations) == sorted(FORMS)
    assert {c.doc_number.normalized for c in citing.citations} == {"清政发〔2025〕3号"}
    assert [(r.source, r.target) for r in archive.relations] == [(CITING, TARGET)]


def test_the_rendered_page_links_the_cited_document(tmp_path):
    build = api.build(CASE, tmp_path / "site", tmp_path / "content", render_site=False)
    page = (build.content / CITING / "index.md").read_text(encoding="utf-8")
    targets = set(re.findall(r"\]\(([^)]*qingzhengfa-2025-3[^)]*)\)", page))
    assert targets == {"../qingzhengfa-2025-3/index.md"}


@pytest.mark.parametrize("query", FORMS)
def test_reference_search_finds_every_form(archive, query):
    assert scan(search_docs(archive), query) == {TARGET, CITING}


@pytest.mark.browser
def test_browser_search_finds_every_form(archive, tmp_path):
    if chromium_path() is None:
        pytest.skip("Debian's chromium is not installed (python3 tasks.py test installs it)")
    write_site(archive, tmp_path)
    with browser() as b:
        page = b.new_page()
        page.goto((tmp_path / "index.html").as_uri())
        page.evaluate("dangan.search.init()")
        for query in FORMS:
            found = {r["url"].rstrip("/") for r in js_search(page, query)["results"]}
            assert found == {TARGET, CITING}, query
