"""The cite panel in a real browser from file://: copy a citation, cite a paragraph."""

from __future__ import annotations

import contextlib

import pytest
from browser import browser, chromium_path

from builder.citable.cite import gbt7714

pytestmark = [pytest.mark.browser, pytest.mark.slow,
              pytest.mark.skipif(chromium_path() is None, reason="Debian's chromium is not installed (python3 tasks.py test installs it)")]


def copied_text(page, form: str) -> str:
    """Click the form's copy button; what the clipboard holds, or else the selection it left."""
    page.locator(f'.dangan-cite-form[data-format="{form}"] .dangan-cite-copy').click()
    page.wait_for_function("document.querySelector('.dangan-cite-copy').textContent !== '复制'")
    try:
        return page.evaluate("navigator.clipboard.readText()")
    except Exception:  # clipboard refused: the fallback selected the text
        return page.evaluate("window.getSelection().toString()")


@pytest.mark.parametrize("fixture", ["demo_site", "real_site"])
def test_copy_a_citation_and_cite_a_paragraph_from_file(fixture, request):
    report = request.getfixturevalue(fixture)
    pubs = {p.slug: p for p in report.archive.publications}
    with browser() as b:
        context = b.new_context()
        # some builds refuse it for file://; the selection is checked instead
        with contextlib.suppress(Exception):
            context.grant_permissions(["clipboard-read", "clipboard-write"])
        for kind in ("gazette_document", "newspaper_article"):
            doc = next(d for d in report.archive.documents if d.kind == kind and any(b.kind == "paragraph" for b in d.blocks))
            n = max(i for i, b in enumerate(doc.blocks[:3], start=1) if b.kind == "paragraph")
            page = context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
            page.goto((report.site / doc.id / "index.html").as_uri())
            assert page.url.startswith("file://")
            page.locator(".dangan-cite summary").click()
            expected = gbt7714(doc, pubs[doc.publication], doc.url)
            assert copied_text(page, "gbt7714") == expected
            # clicking a paragraph's anchor points the citation at it
            anchor = page.locator(f"a.dangan-para-anchor#b{n}")
            anchor.locator("xpath=..").hover()  # the ¶ shows when the paragraph is hovered
            anchor.click()
            page.wait_for_function(f"location.hash === '#b{n}'")
            assert page.locator('.dangan-cite-form[data-format="gbt7714"] pre').text_content() == expected.replace(doc.url, f"{doc.url}#b{n}")
            csl = page.locator('.dangan-cite-form[data-format="csl-json"] pre').text_content()
            assert f'"locator": "{n}"' in csl and '"label": "paragraph"' in csl
            assert page.locator(".dangan-cite-where").is_visible()
            assert errors == []
        context.close()
