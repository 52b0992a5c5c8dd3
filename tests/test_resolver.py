"""Resolvers (issue #13 item 2): /doc/<slug>/ and /doc/?n=… forward to the document, from file:// too."""

from __future__ import annotations

import json
import urllib.parse

import pytest

from tests.browser import browser, chromium_path


def test_every_numbered_document_has_a_resolver_and_a_map_entry(demo_site):
    numbered = [d for d in demo_site.archive.documents if d.doc_number]
    assert numbered
    text = (demo_site.site / "doc/numbers.js").read_text(encoding="utf-8")
    targets = json.loads(text.split("=", 1)[1].rstrip().rstrip(";"))
    for doc in numbered:
        assert targets[doc.doc_number.normalized] == f"{doc.id}/index.html"
        assert (demo_site.site / targets[doc.doc_number.normalized]).is_file()
    assert targets["国办发〔2021〕46号"] == "cited/guobanfa-2021-46/index.html"
    assert (demo_site.site / "doc/qingzhengban-2025-12/index.html").is_file()


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("typed, lands", [
    ("清政办[2025]12号", "qjgb/2025/3/qingzhengban-2025-12/index.html"),
    (" 清政办（2025） 12 号", "qjgb/2025/3/qingzhengban-2025-12/index.html"),
    ("国办发〔2021〕46号", "cited/guobanfa-2021-46/index.html"),
])
def test_the_resolver_forwards_from_file(demo_site, typed, lands):
    if chromium_path() is None:
        pytest.skip("Debian's chromium is not installed (python3 tasks.py test installs it)")
    start = (demo_site.site / "doc/index.html").as_uri() + "?n=" + urllib.parse.quote(typed)
    with browser() as b:
        page = b.new_page()
        page.goto(start)
        page.wait_for_url(f"**/{lands}", timeout=10_000)
        assert page.url == (demo_site.site / lands).as_uri()
        page.goto((demo_site.site / "doc/qingzhengban-2025-12/index.html").as_uri())
        page.wait_for_url("**/qjgb/2025/3/qingzhengban-2025-12/index.html", timeout=10_000)
