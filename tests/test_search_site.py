"""The built real-corpus site: search from the header box, hosted and from file://, and
open a result (the exact block when the hit is in the body)."""

from __future__ import annotations

import pytest

from tests.browser import browser, chromium_path, serve


@pytest.fixture(scope="module")
def built_site(real_site):
    assert (real_site.site / "search" / "manifest.js").is_file()
    return real_site.site


@pytest.fixture(scope="module")
def server(built_site):
    with serve(built_site) as base:
        yield base


def search_and_open(start_url: str, query: str) -> tuple[str, str, list[str]]:
    with browser() as b:
        page = b.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(start_url)
        box = page.locator("#dangan-search-input")
        box.click()
        box.fill(query)
        page.locator(".dangan-search__results a").first.wait_for(timeout=10_000)
        status = page.locator(".dangan-search__status").inner_text()
        page.keyboard.press("ArrowDown")  # keyboard reaches the first result
        focused = page.evaluate("document.activeElement.className")
        assert "dangan-search__link" in focused
        page.keyboard.press("Enter")
        page.wait_for_load_state("load")
        return page.url, status, [*errors, page.title()]


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("mode", ["hosted", "file"])
def test_search_box_finds_and_opens(mode, built_site, server):
    if chromium_path() is None:
        pytest.skip("Debian's chromium is not installed (python3 tasks.py test installs it)")
    start = server + "index.html" if mode == "hosted" else (built_site / "index.html").as_uri()
    url, status, extra = search_and_open(start, "營商環境")
    *errors, title = extra
    assert errors == []
    assert "篇" in status
    assert "#b" in url or url.endswith("index.html") or url.endswith("/")
    if mode == "file":
        assert url.startswith("file://") and "index.html" in url
    assert "404" not in title
