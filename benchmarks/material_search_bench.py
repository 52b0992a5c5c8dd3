"""The archive's own search side by side with Material's built-in search (lunr + jieba).

    .venv/bin/python benchmarks/material_search_bench.py --docs 10000 --work /tmp/dangan-bench-10k

One run measures both on the same generated documents and the same query set:

1. ours: ``benchmarks/search_bench.py`` on WORK (corpus, gathered archive, index, query set
   and true answers from the plain-text scan; see that script);
2. Material: the same archive rendered to Markdown (without our search files) and built
   by MkDocs with a temporary copy of the repository's ``mkdocs.yml`` whose plugins are
   ``[search]`` (``separator: '[\\s\\u200b\\-]'``, jieba installed so the plugin segments
   Chinese) and whose overrides drop our search scripts, so only Material's box is on the
   page. Served over HTTP (keep-alive, as for ours), measured in headless Chromium by
   typing into Material's header box:

   * cold: a fresh browser context per query; time from page load (``load`` event) and
     from typing until the first result item is shown; bytes = search_index.json + the
     search worker + the lunr language files the worker fetched;
   * recall: every query typed into one warm page; the complete result list is read from
     the worker's RESULT message (all pages it matched, not only the 10 rendered) and
     compared with the true answers of the plain-text scan;
   * file://: one query typed into a page opened from disk (Material's worker cannot
     fetch search_index.json there).

Writes ``WORK/material_bench.json`` and prints the side-by-side Markdown table.
"""

from __future__ import annotations

import argparse
import json
import pickle
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from search_bench import CHROMIUM_ARGS, serve  # noqa: E402 - the same browser flags and test server as ours

# Capture the search worker's RESULT messages (type 3) before Material's bundle starts it.
INIT = """(() => { const W = window.Worker; window.__res = []; window.__ready = false;
  window.Worker = function (url, opts) { const w = new W(url, opts);
    w.addEventListener("message", e => { const d = e.data || {};
      if (d.type === 1) window.__ready = true;
      if (d.type === 3) window.__res.push({t: performance.now(), data: d.data}); });
    return w; };
  window.Worker.prototype = W.prototype; })();"""


def variant_config(folder: Path) -> None:
    """mkdocs.yml with Material's search plugin, overrides without our search scripts."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text, n = re.subn(r"(?m)^plugins: \[\]\s*$", "plugins:\n  - search:\n      separator: '[\\\\s\\\\u200b\\\\-]'", text)
    assert n == 1, "mkdocs.yml has no 'plugins: []' line"
    (folder / "mkdocs.yml").write_text(text, encoding="utf-8")
    partial = folder / "overrides" / "partials" / "dangan-search-scripts.html"
    partial.parent.mkdir(parents=True)
    partial.write_text("", encoding="utf-8")


def build_material(work: Path) -> dict:
    from builder import api
    from builder.renderers.mkdocs import build_site, nav
    from builder.settings import load_settings
    from builder.write import fixed_timestamp, write_files

    out = work / "material-site"
    if (out / "search" / "search_index.json").exists():
        return json.loads((work / "material_build.json").read_text())
    with open(work / "archive.pickle", "rb") as f:
        archive = pickle.load(f)
    settings = load_settings(work / "corpus")
    t = time.time()
    content = work / "material-content"
    shutil.rmtree(content, ignore_errors=True)
    write_files(content, (f for f in api.content_files(archive, settings, api.site_dirs_for(work / "corpus"))
                          if not f[0].startswith("search/")))
    render_s = time.time() - t
    with tempfile.TemporaryDirectory(prefix="dangan-material-") as tmp:
        variant_config(Path(tmp))
        t = time.time()
        latest = max((d.date for d in archive.documents if d.date), default=None)
        build_site(content, out, [Path(tmp)], nav(archive, settings.labels), fixed_timestamp(latest), strict=False)
        mkdocs_s = time.time() - t
    info = {"render_s": round(render_s, 1), "mkdocs_with_search_s": round(mkdocs_s, 1),
            "search_index_bytes": (out / "search" / "search_index.json").stat().st_size}
    (work / "material_build.json").write_text(json.dumps(info))
    return info


def type_query(page, q: str, timeout_s: float) -> dict:
    """Type q into Material's box; time until the worker answered and the first item shows."""
    box = page.locator("input.md-search__input")
    box.click()
    page.wait_for_timeout(50)
    page.evaluate("window.__res = []")  # drop the answer to the focus (empty query)
    t0 = page.evaluate("performance.now()")
    box.fill(q)
    box.press("End")  # Material queries on keyup
    try:
        page.wait_for_function("""() => window.__res.length && (document.querySelector('.md-search-result__item')
            || window.__res[window.__res.length - 1].data.items.length === 0)""", timeout=timeout_s * 1000, polling=20)
    except Exception:  # a timeout is a measurement
        return {"ms": None, "items": None}
    t1 = page.evaluate("performance.now()")
    res = page.evaluate("window.__res[window.__res.length - 1].data.items.map(g => g.map(i => i.location))")
    return {"ms": t1 - t0, "items": res}


def page_url(location: str) -> str:
    path = location.split("#")[0]
    return re.sub(r"(^|/)index\.html$", r"\1", path).strip("/") + "/"


def measure_material(work: Path, queries: list[str], truths: dict[str, set[int]], url_to_docno: dict[str, int],
                     cold: int) -> dict:
    from playwright.sync_api import sync_playwright

    site = work / "material-site"
    httpd, base = serve(site)
    start = base + "index.html"
    report: dict = {"cold": {}, "warm": {}}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for q in queries[:cold]:
            ctx = browser.new_context()
            ctx.add_init_script(INIT)
            page = ctx.new_page()
            loaded: list[tuple[str, int]] = []
            page.on("requestfinished", lambda r, loaded=loaded: loaded.append((r.url, (r.sizes() or {}).get("responseBodySize", 0))))
            t_nav = time.time()
            page.goto(start, wait_until="load", timeout=300_000)
            load_ms = (time.time() - t_nav) * 1000
            r = type_query(page, q, 300)
            search_files = [(u[len(base):], n) for u, n in loaded if re.search(r"search_index\.json|/workers/|/lunr/", u)]
            report["cold"][q] = {"ms_from_typing": r["ms"], "page_load_ms": round(load_ms),
                                 "files": search_files, "bytes": sum(n for _, n in search_files),
                                 "results": None if r["items"] is None else len(r["items"])}
            ctx.close()
        ctx = browser.new_context()
        ctx.add_init_script(INIT)
        page = ctx.new_page()
        page.goto(start, wait_until="load", timeout=300_000)
        found = expected = false = 0
        for q in queries:
            r = type_query(page, q, 300)
            got = set()
            unknown = 0
            for group in r["items"] or []:
                d = url_to_docno.get(page_url(group[0]))
                if d is None:
                    unknown += 1  # an index/listing page, not a document
                else:
                    got.add(d)
            exp = truths[q]
            found += len(exp & got)
            expected += len(exp)
            false += len(got - exp)
            report["warm"][q] = {"ms": r["ms"], "documents": len(got), "other_pages": unknown,
                                 "expected": len(exp), "found": len(exp & got), "false": len(got - exp)}
        report["recall"] = found / expected if expected else 1.0
        report["false_results"] = false
        ctx.close()
        # file://: Material's worker fetches search_index.json, which file:// refuses.
        ctx = browser.new_context()
        ctx.add_init_script(INIT)
        page = ctx.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        t_nav = time.time()
        page.goto((site / "index.html").as_uri(), wait_until="load", timeout=300_000)
        load_ms = (time.time() - t_nav) * 1000
        page.wait_for_timeout(3000)
        visible = page.locator("input.md-search__input").is_visible()
        r = type_query(page, queries[0], 30) if visible else {"ms": None, "items": None}
        report["file"] = {"page_load_ms": round(load_ms), "search_box_visible": visible,
                          "worker_ready": page.evaluate("window.__ready"), "ms_from_typing": r["ms"],
                          "results": None if r["items"] is None else len(r["items"]),
                          "console_errors": errors[:5]}
        ctx.close()
        browser.close()
    httpd.shutdown()
    return report


def doc_urls(site: Path) -> dict[str, int]:
    """Document URL → docno, from our index's document records."""
    out = {}
    for f in (site / "search" / "d").glob("*/*.js"):
        if "-" in f.stem:
            continue
        text = f.read_text(encoding="utf-8")
        rec = json.loads(text[text.index(",") + 1: text.rindex(")")])
        out[rec["u"].strip("/") + "/"] = int(f.stem)
    return out


def pct(values: list[float], p: float) -> float:
    return sorted(values)[int(len(values) * p)]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=10000)
    ap.add_argument("--work", type=Path, required=True)
    ap.add_argument("--cold", type=int, default=5, help="queries measured cold for Material (each loads the whole index)")
    ap.add_argument("--skip-ours", action="store_true", help="reuse WORK/search_bench.json")
    args = ap.parse_args()
    work = args.work
    if not args.skip_ours:
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "search_bench.py"), "--docs", str(args.docs),
                        "--work", str(work)], check=True, stdout=subprocess.DEVNULL)
    ours = json.loads((work / "search_bench.json").read_text())
    qj = json.loads((work / "queries.json").read_text())
    queries, truths = qj["queries"], {q: set(v) for q, v in qj["truth"].items()}
    build = build_material(work)
    mat = measure_material(work, queries, truths, doc_urls(work / "site"), args.cold)
    mat["build"] = build
    cold_ms = [v["ms_from_typing"] for v in mat["cold"].values() if v["ms_from_typing"] is not None]
    cold_total = [v["ms_from_typing"] + v["page_load_ms"] for v in mat["cold"].values() if v["ms_from_typing"] is not None]
    warm_ms = [v["ms"] for v in mat["warm"].values() if v["ms"] is not None]
    mat_bytes = [v["bytes"] for v in mat["cold"].values()]
    summary = {
        "documents": ours["documents"],
        "ours": {"index_bytes": ours["index_bytes"], "index_files": ours["index_files"],
                 "startup_bytes": ours["startup_bytes"],
                 "bytes_per_query_median": ours["bytes_per_query_median"], "bytes_per_query_p90": ours["bytes_per_query_p90"],
                 "ms_hosted_median": ours["first_results_ms_hosted_median"], "ms_hosted_p90": ours["first_results_ms_hosted_p90"],
                 "ms_file_median": ours["first_results_ms_file_median"], "recall": ours.get("recall"),
                 "false_results": ours.get("false_results")},
        "material": {"index_bytes": build["search_index_bytes"],
                     "bytes_per_query_median": statistics.median(mat_bytes) if mat_bytes else None,
                     "cold_ms_from_typing_median": statistics.median(cold_ms) if cold_ms else None,
                     "cold_ms_from_typing_max": max(cold_ms) if cold_ms else None,
                     "cold_ms_from_navigation_median": statistics.median(cold_total) if cold_total else None,
                     "warm_ms_median": statistics.median(warm_ms) if warm_ms else None,
                     "warm_ms_p90": pct(warm_ms, 0.9) if warm_ms else None,
                     "recall": mat["recall"], "false_results": mat["false_results"], "file": mat["file"]},
    }
    (work / "material_bench.json").write_text(json.dumps({"summary": summary, "material": mat}, ensure_ascii=False, indent=1))
    print(json.dumps(summary, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
