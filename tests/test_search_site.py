"""The built real-corpus site: search from the header box, hosted and from file://, and
open a result (the exact block when the hit is in the body)."""

from __future__ import annotations

import functools
import http.server
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.test_search_engine import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def built_site(real_corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    run = subprocess.run([sys.executable, "-m", "builder.cli", "build", str(real_corpus), "--out", str(out / "site"),
                          "--content", str(out / "content")], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    assert (out / "site" / "search" / "manifest.js").is_file()
    return out / "site"


@pytest.fixture(scope="module")
def server(built_site):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(built_site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    handler.log_message = lambda *a: None
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


def search_and_open(start_url: str, query: str) -> tuple[str, str, list[str]]:
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page()
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
        url, title = page.url, page.title()
        browser.close()
        return url, status, errors + [title]


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("mode", ["hosted", "file"])
def test_search_box_finds_and_opens(mode, built_site, server):
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium")
    start = server + "index.html" if mode == "hosted" else (built_site / "index.html").as_uri()
    url, status, extra = search_and_open(start, "營商環境")
    *errors, title = extra
    assert errors == []
    assert "篇" in status
    assert "#b" in url or url.endswith("index.html") or url.endswith("/")
    if mode == "file":
        assert url.startswith("file://") and "index.html" in url
    assert "404" not in title
