"""Open data (catalog.csv, archive.sqlite, datapackage.json, texts, the 数据下载 page) and the
offline bundle: deterministic, checked by verify, and working from file:// with nothing else."""

from __future__ import annotations

import csv
import io
import json
import posixpath
import re
import sqlite3
import zipfile
from pathlib import Path

import pytest

from builder import api, cli
from builder.export import open_data_files
from builder.export.schema import DOCUMENTS, TABLES
from builder.model import StagedFile
from builder.pipeline import gather
from builder.render.catalog import catalog_json
from tests.browser import browser, chromium_path


def fts_ids(db: Path | bytes, query: str) -> list[str]:
    conn = sqlite3.connect(":memory:")
    if isinstance(db, bytes):
        conn.deserialize(db)
    else:
        conn.close()
        conn = sqlite3.connect(db)
    sql = ("SELECT t.document_id FROM texts_fts JOIN texts t ON t.rowid = texts_fts.rowid "
           "WHERE texts_fts MATCH ? ORDER BY t.document_id")
    try:
        return [r[0] for r in conn.execute(sql, (f'"{query}"',))]
    finally:
        conn.close()


def read_all(files: dict) -> dict[str, bytes]:
    """The open data as bytes (archive.sqlite read from its scratch file: call inside the ``with``)."""
    return {name: Path(data.path).read_bytes() if isinstance(data, StagedFile) else data for name, data in files.items()}


def open_data_bytes(archive) -> dict[str, bytes]:
    with open_data_files(archive) as files:
        return read_all(files)


@pytest.fixture(scope="module")
def demo_data(demo_corpus):
    archive = gather(demo_corpus)
    return archive, open_data_bytes(archive)


def test_catalog_json_is_the_catalog(demo_data):
    archive, files = demo_data
    assert files["catalog.json"].decode("utf-8") == catalog_json(archive)


def test_catalog_csv_has_bom_fixed_columns_and_every_document(demo_data):
    archive, files = demo_data
    data = files["catalog.csv"]
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert list(rows[0]) == DOCUMENTS.names
    assert [r["id"] for r in rows] == [d.id for d in archive.documents]
    first = json.loads(files["catalog.json"])[0]
    assert rows[0]["topics"] == " | ".join(first.get("topics", []))


def test_sqlite_has_every_table_and_fts_equals_a_text_scan(demo_data):
    archive, files = demo_data
    conn = sqlite3.connect(":memory:")
    conn.deserialize(files["archive.sqlite"])
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
    assert {t.name for t in TABLES} | {"texts_fts", "cited_by"} <= names
    assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == len(archive.documents)
    assert conn.execute("SELECT count(*) FROM removals").fetchone()[0] == len(archive.removals)
    texts = dict(conn.execute("SELECT document_id, title || char(10) || text FROM texts"))
    conn.close()
    for query in ("冷链物流", "人民政府", "清江市"):
        assert fts_ids(files["archive.sqlite"], query) == sorted(i for i, t in texts.items() if query in t), query


def test_open_data_is_deterministic(demo_corpus, demo_data):
    _, files = demo_data
    again = open_data_bytes(gather(demo_corpus))
    assert list(again) == list(files)
    for name in files:
        assert again[name] == files[name], name


def test_frictionless_validates_the_datapackage(demo_data, tmp_path):
    frictionless = pytest.importorskip("frictionless", reason="frictionless is in the test extra (pip install -e .[test])")
    _, files = demo_data
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])


def test_licence_from_the_manifest_reaches_data_page_and_datapackage(corpus_copy, tmp_path):
    corpus = corpus_copy
    manifest = corpus / "corpus.yml"
    manifest.write_text("licence: CC BY 4.0\n" + manifest.read_text(encoding="utf-8"), encoding="utf-8")
    archive = gather(corpus)
    assert {p.licence for p in archive.publications} == {"CC BY 4.0"}
    files = open_data_bytes(archive)
    assert json.loads(files["datapackage.json"])["licenses"] == [{"name": "CC BY 4.0", "title": "CC BY 4.0"}]


def test_demo_site_links_texts_and_data_page(demo_site):
    site = demo_site.site
    doc = demo_site.archive.documents[0]
    page = (site / doc.id / "index.html").read_text(encoding="utf-8")
    assert 'href="text.md"' in page and 'href="text.txt"' in page and "数据下载" in page
    assert (site / doc.id / "text.txt").read_text(encoding="utf-8").startswith(doc.title)
    assert (site / doc.id / "text.md").read_text(encoding="utf-8").startswith("---\nid: " + doc.id)
    data = (site / "data" / "index.html").read_text(encoding="utf-8")
    for name in ("catalog.csv", "archive.sqlite", "datapackage.json", "SELECT"):
        assert name in data
    assert "data/index.html" in (site / "index.html").read_text(encoding="utf-8")


def test_texts_and_citations_exist_once_and_every_tree_links_that_copy(demo_site):
    site = demo_site.site
    prefixes = [p.name + "/" for p in site.iterdir() if p.is_dir() and (p / "data" / "index.html").is_file()]
    assert sorted(prefixes) == ["en/", "zh-hant/"]  # the demo builds all three trees
    names = ("text.md", "text.txt", "cite.bib", "cite.ris", "cite.json")
    for prefix in prefixes:
        assert [p for n in names for p in (site / prefix).rglob(n)] == []
    for doc in demo_site.archive.documents:
        for prefix in ["", *prefixes]:
            page = site / prefix / doc.id / "index.html"
            links = re.findall(r'data-dangan-root href="([^"]+)"', page.read_text(encoding="utf-8"))
            assert sorted(posixpath.basename(h) for h in links) == sorted(names), page
            for href in links:  # relative, so they hold from file:// and on any host
                assert not href.startswith(("/", "http")) and (page.parent / href).resolve() == (site / doc.id / posixpath.basename(href))
                assert (page.parent / href).is_file()


# --- the bundle of the real corpus -------------------------------------------------------

@pytest.fixture(scope="module")
def real_bundle(real_corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("bundle")
    report = api.bundle(real_corpus, out / "archive.zip")
    return report


@pytest.fixture(scope="module")
def unpacked(real_bundle, tmp_path_factory):
    folder = tmp_path_factory.mktemp("unpacked") / "somewhere else"
    with zipfile.ZipFile(real_bundle.path) as z:
        z.extractall(folder)
    return folder


@pytest.mark.slow
def test_two_bundles_are_byte_identical(real_corpus, real_bundle, tmp_path):
    again = api.bundle(real_corpus, tmp_path / "again.zip")
    assert again.path.read_bytes() == real_bundle.path.read_bytes()
    with zipfile.ZipFile(real_bundle.path) as z:
        names = z.namelist()
        assert names == sorted(names)
        assert {i.date_time for i in z.infolist()} == {(2024, 10, 1, 0, 0, 0)}  # the newest document's date
        readme = z.read("README.txt").decode("utf-8")
    assert "index.html" in readme and "SHA-256" in readme and "2024-10" in readme
    print(f"real-corpus bundle: {len(names)} files, {real_bundle.path.stat().st_size} bytes")


@pytest.mark.slow
def test_verify_passes_then_reports_missing_extra_changed(real_bundle, tmp_path):
    assert cli.main(["verify", str(real_bundle.path)]) == 0
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(real_bundle.path) as src, zipfile.ZipFile(bad, "w") as dst:
        for info in src.infolist():
            if info.filename == "catalog.csv":
                continue  # missing
            data = src.read(info)
            if info.filename == "catalog.json":
                data += b" "  # changed
            dst.writestr(info, data)
        dst.writestr("stray.txt", b"x")  # extra
        dst.writestr("Stray.txt", b"x")  # differs only by case
    assert cli.main(["verify", str(bad)]) == 1
    result = api.verify(bad)
    assert result.missing == ["catalog.csv"] and result.changed == ["catalog.json"]
    assert result.extra == ["Stray.txt", "stray.txt"]
    assert any("only by case" in u for u in result.unsafe)


@pytest.mark.slow
def test_real_fts_answers_chanjiao_ronghe_like_a_text_scan(unpacked):
    catalog = json.loads((unpacked / "catalog.json").read_text(encoding="utf-8"))
    scanned = sorted(r["id"] for r in catalog if "产教融合" in (unpacked / r["id"] / "text.txt").read_text(encoding="utf-8"))
    assert scanned, "the real corpus mentions 产教融合"
    assert fts_ids(unpacked / "archive.sqlite", "产教融合") == scanned


@pytest.mark.slow
def test_real_datapackage_validates(unpacked):
    frictionless = pytest.importorskip("frictionless", reason="frictionless is in the test extra (pip install -e .[test])")
    report = frictionless.validate(str(unpacked / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])


def _search_and_open(page, query: str) -> str:
    box = page.locator("#dangan-search-input")
    box.click()
    box.fill(query)
    first = page.locator(".dangan-search__results a").first
    first.wait_for(timeout=10_000)
    first.click()
    page.wait_for_load_state("load")
    return page.url


@pytest.mark.slow
def test_bundle_search_index_is_packed(unpacked):
    """The bundle's search index is the packed layout (issue #15), within its file bound."""
    import json
    import re

    from builder.search.layout import BUNDLE
    text = (unpacked / "search" / "manifest.js").read_text(encoding="utf-8")
    manifest = json.loads(re.fullmatch(r'dangan\.searchLoaded\("manifest",(.*)\);\n', text, re.S)[1])
    assert manifest["pack"] == BUNDLE.manifest()
    files = [p for p in (unpacked / "search").rglob("*") if p.is_file()]
    assert len(files) <= BUNDLE.file_bound(manifest["n"], manifest["shards"])
    print(f"real-corpus bundle: {len(files)} search files")


@pytest.mark.slow
@pytest.mark.browser
def test_unpacked_bundle_works_offline_in_chromium(unpacked):
    if chromium_path() is None:
        pytest.skip("Debian's chromium is not installed (python3 tasks.py test installs it)")
    outside: list[str] = []
    errors: list[str] = []

    def only_files(route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    with browser() as b:
        context = b.new_context()
        context.route("**/*", only_files)
        page = context.new_page()
        page.on("request", lambda r: None if r.url.startswith(("file://", "data:", "blob:")) else outside.append(r.url))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto((unpacked / "index.html").as_uri())
        assert "数据下载" in page.content()
        page.locator("article a[href*='lzgb/2024/10/index.html']").first.click()
        page.wait_for_load_state("load")
        page.locator("article a[href*='liuzhengban-2022-']").first.click()
        page.wait_for_load_state("load")
        assert "/lzgb/2024/10/liuzhengban-2022-" in page.url and page.url.startswith("file://")
        assert page.locator("a[href='text.txt']").count() == 1
        for query in ("营商环境", "產教融合"):
            url = _search_and_open(page, query)
            assert url.startswith("file://") and "index.html" in url, (query, url)
            assert "404" not in page.title()
        page.goto((unpacked / "data" / "index.html").as_uri())
        assert "archive.sqlite" in page.content()
        context.close()
    assert errors == []
    assert outside == []
