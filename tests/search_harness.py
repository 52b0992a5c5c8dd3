"""The search index written beside the real search.js with a blank page, and a call into the
engine from Playwright: shared by the search tests (test modules never import each other)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from builder.search import build_search_index

ROOT = Path(__file__).resolve().parent.parent
ENGINE = ROOT / "overrides" / "assets" / "dangan" / "search.js"

HARNESS = """<!doctype html><meta charset="utf-8"><title>harness</title>
<script>window.dangan = {searchRoot: "./"};</script>
<script src="search.js"></script>"""


def write_site(archive, out: Path) -> dict:
    stats: dict = {}
    # A low common_df, so that the small archive has next-character keys for the engine to use.
    for rel, content in build_search_index(archive, stats=stats, common_df=2):
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    (out / "search.js").write_bytes(ENGINE.read_bytes())
    (out / "index.html").write_text(HARNESS, encoding="utf-8")
    return stats


def load_js(path: Path):
    """Decode one JSONP file the index wrote."""
    text = path.read_text(encoding="utf-8")
    m = re.fullmatch(r'dangan\.searchLoaded\("([^"]+)",(.*)\);\n', text, re.S)
    assert m, path
    return m[1], json.loads(m[2])


def js_search(page, query: str, filters: dict | None = None, sort: str = "relevance") -> dict:
    return page.evaluate(
        """([q, f, s]) => dangan.search.searchAll(q, {filters: f, sort: s}).then(r => ({
            total: r.search.total, exact: r.search.exact, candidates: r.search.candidates.length,
            results: r.results.map(x => ({url: x.url, block: x.block, title: x.titleHTML, snippet: x.snippetHTML}))}))""",
        [query, filters or {}, sort],
    )
