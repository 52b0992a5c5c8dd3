"""The reader-facing trees: Traditional under /zh-hant/, the English interface under /en/,
one labels table, lang per page, the script switcher; accessibility and phones in Chromium."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from axe import axe_installed, severe
from browser import browser, chromium_path, serve

from builder.render.trees import TREES, converter, parse_tree_settings
from builder.resources import data_file

needs_chromium = pytest.mark.skipif(chromium_path() is None, reason="Debian's chromium is not installed (python3 tasks.py test installs it)")
needs_axe = pytest.mark.skipif(not axe_installed(), reason="axe-core is not installed (python3 tasks.py test installs it with npm into tests/.node/)")


def test_every_language_has_every_label():
    tables = {lang: yaml.safe_load(data_file(f"labels-{lang}.yml").read_text(encoding="utf-8")) for lang in ("zh", "zh-Hant", "en")}
    keys = set(tables["zh"])
    for lang, table in tables.items():
        assert set(table) == keys, lang
        assert all(isinstance(v, str) for v in table.values()), lang


def test_default_trees_are_simplified_and_traditional():
    settings = parse_tree_settings(yaml.safe_load(data_file("site.yml").read_text(encoding="utf-8")), data_file("site.yml"))
    assert [t.name for t in settings.trees] == ["zh-hans", "zh-hant"]
    assert settings.traditional == "s2t"


def html(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_traditional_tree_converts_content_and_keeps_numbers(real_site):
    doc = next(d for d in real_site.archive.documents if d.doc_number)
    page = html(real_site.site, f"zh-hant/{doc.id}/index.html")
    assert '<html lang="zh-Hant"' in page
    assert doc.doc_number.normalized.replace("办", "辦").replace("号", "號") in page
    assert "發文機關" in page and "发文机关" not in page
    simplified = html(real_site.site, f"{doc.id}/index.html")
    assert '<html lang="zh-Hans"' in simplified
    # each links the other, and the sidebar of the Traditional page stays in its tree
    assert re.search(r'<a href="(\.\./)+zh-hant/' + re.escape(doc.id) + r'/index\.html" hreflang="zh-Hant"', simplified)
    assert 'hreflang="zh-Hans"' in page
    assert "i18n/zh-hant.js" in page


def head_record(page: str) -> list[str]:
    """A page's metadata for reference managers and crawlers: its meta tags, COinS and JSON-LD."""
    return re.findall(r'<meta name="(?:citation_|DC\.)[^>]*>|<span class="Z3988"[^>]*>|<script type="application/ld\+json">.*?</script>', page, re.S)


def test_traditional_tree_keeps_the_metadata_record_as_the_source_prints_it(real_site):
    """The reader's text is converted; the record a reference manager takes (citation_*,
    Dublin Core, COinS, JSON-LD) is the source's in both trees, like the RIS and BibTeX files."""
    doc = next(d for d in real_site.archive.documents if d.doc_number and d.doc_number.normalized.endswith("号"))
    page, root = html(real_site.site, f"zh-hant/{doc.id}/index.html"), html(real_site.site, f"{doc.id}/index.html")
    record = head_record(root)
    assert any("citation_title" in tag for tag in record) and any("ld+json" in tag for tag in record)
    assert head_record(page) == record
    assert doc.doc_number.normalized in "".join(record)  # 号, not 號
    assert converter("s2t")(doc.doc_number.normalized) in page.split("</head>", 1)[1]  # the reader's text is converted


def test_demo_builds_the_english_interface(demo_site):
    doc = next(d for d in demo_site.archive.documents if d.doc_number)
    page = html(demo_site.site, f"en/{doc.id}/index.html")
    assert '<html lang="en"' in page
    assert "Issuing authority" in page and "Full record" in page
    assert doc.title in page  # content stays Chinese
    assert 'lang="zh-Latn-pinyin"' in page
    strings = (demo_site.site / "i18n" / "en.js").read_text(encoding="utf-8")
    assert "Search the archive" in strings and '"tree": "en/"' in strings


def test_theme_search_worker_is_not_shipped(demo_site):
    assert not (demo_site.site / "assets" / "javascripts" / "workers").exists()
    assert not (demo_site.site / "assets" / "javascripts" / "lunr").exists()


def test_home_counts_documents_and_articles_and_names_no_files(demo_site):
    home = html(demo_site.site, "index.html")
    assert "3 文件 · 2 文章" in home
    assert not re.search(r"\w+\.txt", home.split('<div class="md-content"')[1].split("</article>")[0])


def test_404_and_footer(demo_site):
    page = html(demo_site.site, "404.html")
    assert "页面不存在" in page and "頁面不存在" in page and "Page not found" in page
    home = html(demo_site.site, "index.html")
    latest = max(d.date for d in demo_site.archive.documents if d.date)
    assert f"资料截至 {latest}" in home and "Made with" not in home


# ---------- in Chromium ----------

@pytest.fixture(scope="module")
def chromium():
    if chromium_path() is None:
        pytest.skip("Debian's chromium is not installed")
    with browser() as b:
        yield b


def page_types(report) -> dict[str, str]:
    """One page of each type: home, issue, document, article, issuer."""
    a = report.archive
    doc = next(d for d in a.documents if d.kind == "gazette_document")
    article = next((d for d in a.documents if d.kind == "newspaper_article"), None)
    issuer = next(t for t in a.terms if t.taxonomy == "issuer")
    found = {"home": "index.html", "issue": f"{a.issues[0].id}/index.html", "document": f"{doc.id}/index.html",
             "issuer": f"issuer/{issuer.key}/index.html"}
    if article:
        found["article"] = f"{article.id}/index.html"
    return found


def search_query(report) -> str:
    return report.archive.documents[0].title[:4]


def tree_prefixes(report) -> list[str]:
    return [t.prefix for t in TREES.values() if (report.site / t.prefix / "index.html").is_file()]


@pytest.mark.slow
@needs_chromium
@needs_axe
@pytest.mark.parametrize("fixture", ["demo_site", "real_site"])
def test_no_critical_or_serious_axe_violations(fixture, request, chromium):
    report = request.getfixturevalue(fixture)
    found = {}
    with serve(report.site) as base:
        for width, height in ((1280, 900), (390, 844)):
            page = chromium.new_page(viewport={"width": width, "height": height})
            for prefix in tree_prefixes(report):
                for name, path in page_types(report).items():
                    page.goto(base + prefix + path)
                    bad = severe(page)
                    if bad:
                        found[f"{width} {prefix}{name}"] = bad
                page.goto(base + prefix + "index.html?q=" + search_query(report))
                page.wait_for_selector("html[data-dangan-search=done]")
                bad = severe(page)
                if bad:
                    found[f"{width} {prefix}search"] = bad
            page.close()
    assert found == {}


@pytest.mark.slow
@needs_chromium
def test_switching_script_on_a_document_lands_on_the_same_document(real_site, chromium):
    doc = next(d for d in real_site.archive.documents if d.doc_number)
    with serve(real_site.site) as base:
        page = chromium.new_page()
        page.goto(f"{base}{doc.id}/index.html")
        page.locator(".dangan-trees").get_by_role("link", name="繁體").click()
        assert page.url == f"{base}zh-hant/{doc.id}/index.html"
        assert page.locator("html").get_attribute("lang") == "zh-Hant"
        page.locator(".dangan-trees").get_by_role("link", name="简体").click()
        assert page.url == f"{base}{doc.id}/index.html"
        assert page.locator("h1").first.inner_text() == doc.title


@pytest.mark.slow
@needs_chromium
def test_a_traditional_search_opens_the_traditional_page(real_site, chromium):
    from builder.render.trees import converter

    doc = next(d for d in real_site.archive.documents if d.doc_number)
    query = converter("s2t")(doc.title[:6])
    with serve(real_site.site) as base:
        page = chromium.new_page()
        page.goto(f"{base}zh-hant/index.html")
        page.locator("#dangan-search-input").fill(query)
        page.wait_for_selector(".dangan-search__link")
        assert page.locator("#dangan-search-input").get_attribute("placeholder").startswith("搜索標題")
        page.locator(".dangan-search__link").first.click()
        page.wait_for_load_state()
        assert page.url.startswith(f"{base}zh-hant/")
        assert page.locator("html").get_attribute("lang") == "zh-Hant"


@pytest.mark.slow
@needs_chromium
def test_filter_toggle_shows_and_hides_and_keyboard_reaches_results(demo_site, chromium):
    with serve(demo_site.site) as base:
        page = chromium.new_page()
        page.goto(base + "index.html")
        box = page.locator("#dangan-search-input")
        filters = page.locator("#dangan-search-filters")
        toggle = page.locator(".dangan-search__toggle")
        toggle.click()
        page.wait_for_selector("#dangan-f-pub")
        assert filters.is_visible() and toggle.get_attribute("aria-expanded") == "true"
        toggle.click()
        assert not filters.is_visible() and toggle.get_attribute("aria-expanded") == "false"
        box.focus()
        # One input event: typed letter by letter, a prefix's results can be replaced by the whole
        # query's between ArrowDown and Enter (the keys under test), and Enter then lands elsewhere.
        box.fill(search_query(demo_site))
        page.wait_for_selector(".dangan-search__link")
        page.keyboard.press("ArrowDown")
        assert "dangan-search__link" in page.evaluate("document.activeElement.className")
        target = page.evaluate("document.activeElement.href")
        # Wait for the navigation itself: wait_for_load_state alone returned at once, on the page
        # still shown, unless the result page had loaded first (then the old check failed).
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url == target and "?q=" not in page.url, "Enter opened the focused result, not a form submission"


@pytest.mark.slow
@needs_chromium
def test_phone_has_no_horizontal_scroll_and_unbroken_numbers(real_site, chromium):
    issue = real_site.archive.issues[0]
    doc = next(d for d in real_site.archive.documents if d.doc_number and len(d.blocks) > 3)
    with serve(real_site.site) as base:
        page = chromium.new_page(viewport={"width": 390, "height": 844})
        for path in ("index.html", f"{issue.id}/index.html", f"zh-hant/{issue.id}/index.html", f"{doc.id}/index.html"):
            page.goto(base + path)
            assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
        page.goto(f"{base}{issue.id}/index.html")
        # a 发文字号 and a date each sit on one line
        heights = page.evaluate("""() => [...document.querySelectorAll('.dangan-listing td:nth-child(2), .dangan-listing td:nth-child(3)')]
            .filter(td => td.textContent.trim()).map(td => td.getClientRects().length)""")
        assert heights and max(heights) == 1
        page.goto(f"{base}{doc.id}/index.html")
        outline = page.locator(".dangan-outline")
        assert outline.is_visible()
        outline.locator("summary").click()
        assert outline.locator("a").first.is_visible()
