"""The built site in a real browser (Debian's chromium), hosted and from file://."""

from __future__ import annotations

import pytest
from browser import browser, chromium_path, serve

pytestmark = [pytest.mark.browser, pytest.mark.slow,
              pytest.mark.skipif(chromium_path() is None, reason="Debian's chromium is not installed (python3 tasks.py test installs it)")]


@pytest.fixture(scope="module")
def chromium():
    with browser() as b:
        yield b


def click_to_first_document(page, report) -> str:
    pub = next(p for p in report.archive.publications if p.kind == "gazette")
    issue = next(i for i in report.archive.issues if i.publication == pub.slug)
    page.get_by_role("link", name=pub.name).first.click()
    page.locator("article").get_by_role("link", name=str(issue.year), exact=True).click()
    page.locator("article a").filter(has_text=f"第{issue.number}期").first.click()
    first = report.archive.document(issue.documents[0])
    page.get_by_role("link", name=first.title).first.click()
    return first.title


@pytest.mark.parametrize("fixture", ["demo_site", "real_site"])
def test_click_from_home_to_a_document_hosted(fixture, request, chromium):
    report = request.getfixturevalue(fixture)
    with serve(report.site) as base:
        page = chromium.new_page()
        errors = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(base)
        title = click_to_first_document(page, report)
        assert page.locator("h1").first.inner_text() == title
        assert errors == []


def test_click_from_home_to_a_document_from_file(demo_site, chromium):
    page = chromium.new_page()
    page.goto((demo_site.site / "index.html").as_uri())
    title = click_to_first_document(page, demo_site)
    assert page.locator("h1").first.inner_text() == title
    assert page.url.startswith("file://")
