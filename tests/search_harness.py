"""The search index written beside the real search.js with a blank page, and a call into the
engine from Playwright: shared by the search tests (test modules never import each other)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from builder.search import build_search_index
from builder.search.layout import HOSTED, Packing

ROOT = Path(__file__).resolve().parent.parent
ENGINE = ROOT / "overrides" / "assets" / "dangan" / "search.js"

HARNESS = """<!doctype html><meta charset="utf-8"><title>harness</title>
<script>window.dangan = {searchRoot: "./"};</script>
<script src="search.js"></script>"""


def write_site(archive, out: Path, packing: Packing = HOSTED) -> dict:
    stats: dict = {}
    # A low common_df, so that the small archive has next-character keys for the engine to use.
    for rel, content in build_search_index(archive, stats=stats, common_df=2, packing=packing):
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    (out / "search.js").write_bytes(ENGINE.read_bytes())
    (out / "index.html").write_text(HARNESS, encoding="utf-8")
    return stats


CALL = re.compile(r'dangan\.searchLoaded\("([^"]+)",(.*)\);')


def load_pack(path: Path) -> dict:
    """Every entry of one file the index wrote (a pack: one call per line)."""
    lines = path.read_text(encoding="utf-8").removesuffix("\n").split("\n")  # not splitlines: U+2028 is text
    calls = [CALL.fullmatch(line) for line in lines]
    assert lines and all(calls), path
    return {m[1]: json.loads(m[2]) for m in calls}


def load_js(path: Path):
    """Decode a file of a single entry: (name, data)."""
    entries = load_pack(path)
    assert len(entries) == 1, path
    return next(iter(entries.items()))


def read_entries(site: Path) -> dict:
    """Every logical entry of the index under ``site/search``, whatever its packing."""
    out: dict = {}
    for path in sorted((site / "search").rglob("*.js")):
        for name, data in load_pack(path).items():
            assert name not in out, name
            out[name] = data
    return out


def js_search(page, query: str, filters: dict | None = None, sort: str = "relevance") -> dict:
    return page.evaluate(
        """([q, f, s]) => dangan.search.searchAll(q, {filters: f, sort: s}).then(r => ({
            total: r.search.total, exact: r.search.exact, candidates: r.search.candidates.length,
            results: r.results.map(x => ({url: x.url, block: x.block, title: x.titleHTML, snippet: x.snippetHTML}))}))""",
        [query, filters or {}, sort],
    )
