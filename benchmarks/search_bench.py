"""Benchmark of the archive's own search on a generated corpus.

    .venv/bin/python benchmarks/search_bench.py --docs 10000 --work /tmp/dangan-bench-10k

Generates the corpus (builder.benchcorpus, seed 0) unless present, gathers it, builds the
search index (time and peak memory measured around the index build alone), writes a
harness page, then runs a fixed query set in headless Chromium, hosted (http.server on
127.0.0.1) and from file://, each query in a fresh browser context (cold: start-up files
included). Bytes are the sizes of the files the engine loaded. Recall is checked against
the plain-text scan (builder.search.reference). Prints a JSON summary.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import random
import resource
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from builder.benchcorpus import generate  # noqa: E402
from builder.pipeline import gather  # noqa: E402
from builder.search import build_search_index  # noqa: E402
from builder.search.reference import query_terms, term_matches, search_docs  # noqa: E402

ENGINE = ROOT / "overrides" / "assets" / "dangan" / "search.js"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
HARNESS = """<!doctype html><meta charset="utf-8"><title>bench</title>
<script>window.dangan = {searchRoot: "./"};</script><script src="search.js"></script>"""


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def query_set(archive, seed: int = 42) -> list[str]:
    """A fixed, realistic mix: words, phrases, fragments, Traditional, pinyin, 发文字号, Latin."""
    rng = random.Random(seed)
    fixed = ["政府", "发展", "营商环境", "營商環境", "冷链物流", "人才队伍建设", "产教融合", "eVTOL", "5G基站", "2024",
             "600万元", "螺蛳粉", "低空经济", "安全生产 专项整治", "yingshanghuanjing", "lenglian", "kjfz",
             "高质量发展", "保障措施", "河长制"]
    docs = [d for d in archive.documents if d.doc_number and d.doc_number.year]
    for d in rng.sample(docs, 4):
        n = d.doc_number
        fixed += [n.normalized, f"{n.agency_code}[{n.year}]{n.serial}号", f"{n.agency_code} {n.year} {n.serial}"]
    for d in rng.sample(list(archive.documents), 8):
        text = "".join(d.text().split())
        i = rng.randrange(max(1, len(text) - 10))
        fixed.append(text[i:i + rng.choice([4, 6, 8])])
    return fixed


def truth(sds, folded, query: str) -> set[int]:
    terms = query_terms(query)
    return {sd.docno for sd, f in zip(sds, folded) if terms and all(term_matches(sd, f, t) for t in terms)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=10000)
    ap.add_argument("--work", type=Path, required=True)
    ap.add_argument("--no-recall", action="store_true")
    args = ap.parse_args()
    corpus, site = args.work / "corpus", args.work / "site"
    report: dict = {"docs_requested": args.docs}
    if not (corpus / "corpus.yml").exists():
        t = time.time()
        generate(args.docs, corpus, seed=0)
        report["generate_s"] = round(time.time() - t, 1)
    t = time.time()
    archive = gather(corpus)
    report["gather_s"] = round(time.time() - t, 1)
    report["documents"] = len(archive.documents)
    base_rss = rss_mb()
    report["rss_before_index_mb"] = round(base_rss)
    t = time.time()
    stats: dict = {}
    total = files = 0
    for rel, content in build_search_index(archive, stats=stats):
        path = site / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        total += len(content)
        files += 1
    report["index_build_s"] = round(time.time() - t, 1)
    report["peak_rss_mb"] = round(rss_mb())
    report["index_peak_increment_mb"] = round(rss_mb() - base_rss)
    report["index_bytes"] = total
    report["index_files"] = files
    report["index_stats"] = stats
    (site / "search.js").write_bytes(ENGINE.read_bytes())
    (site / "index.html").write_text(HARNESS, encoding="utf-8")
    startup_files = ["manifest", "t2s"]
    sizes = lambda names: sum((site / "search" / (n + ".js")).stat().st_size for n in names)  # noqa: E731
    report["startup_bytes"] = sizes(startup_files) + ENGINE.stat().st_size + (ROOT / "overrides/assets/dangan/search-ui.js").stat().st_size + (ROOT / "overrides/assets/dangan/search.css").stat().st_size

    queries = query_set(archive)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *a: None
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    urls = {"hosted": f"http://127.0.0.1:{httpd.server_address[1]}/index.html", "file": (site / "index.html").as_uri()}
    from playwright.sync_api import sync_playwright
    per_query: dict[str, dict] = {q: {} for q in queries}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for mode, url in urls.items():
            for q in queries:
                ctx = browser.new_context()
                page = ctx.new_page()
                page.goto(url)
                r = page.evaluate("""async q => { const t0 = performance.now();
                    const s = await dangan.search.search(q); const first = await s.next(10);
                    const t1 = performance.now();
                    return {ms: t1 - t0, files: dangan.search.loadedFiles.slice(), shown: first.length, total: s.total, exact: s.exact}; }""", q)
                per_query[q][mode] = r
                ctx.close()
            # all results (for recall), warm, in one context
        ctx = browser.new_context()
        page = ctx.new_page()
        page.goto(urls["file"])
        all_ids = page.evaluate("""async qs => { const out = {}; for (const q of qs) {
              const r = await dangan.search.searchAll(q); out[q] = r.results.map(x => x.docno); } return out; }""", queries)
        browser.close()
    httpd.shutdown()
    for q in queries:
        files_ = per_query[q]["file"]["files"]
        per_query[q]["bytes"] = sizes(files_) - sizes(startup_files)
        per_query[q]["bytes_with_startup"] = sizes(files_)
    if not args.no_recall:
        sds = search_docs(archive)
        folded = [sd.folded_segments() for sd in sds]
        found = expected = false = 0
        for q in queries:
            exp = truth(sds, folded, q)
            got = set(all_ids[q])
            found += len(exp & got)
            expected += len(exp)
            false += len(got - exp)
        report["recall"] = found / expected if expected else 1.0
        report["false_results"] = false
    qb = [per_query[q]["bytes"] for q in queries]
    report["queries"] = len(queries)
    report["bytes_per_query_median"] = statistics.median(qb)
    report["bytes_per_query_p90"] = sorted(qb)[int(len(qb) * 0.9)]
    report["bytes_per_query_max"] = max(qb)
    for mode in urls:
        ms = [per_query[q][mode]["ms"] for q in queries]
        report[f"first_results_ms_{mode}_median"] = round(statistics.median(ms), 1)
        report[f"first_results_ms_{mode}_p90"] = round(sorted(ms)[int(len(ms) * 0.9)], 1)
        report[f"first_results_ms_{mode}_max"] = round(max(ms), 1)
    report["per_query"] = {q: {"bytes": per_query[q]["bytes"], "total": per_query[q]["file"]["total"],
                               "exact": per_query[q]["file"]["exact"],
                               "ms_hosted": round(per_query[q]["hosted"]["ms"], 1), "ms_file": round(per_query[q]["file"]["ms"], 1)}
                           for q in queries}
    out = json.dumps(report, ensure_ascii=False, indent=1)
    (args.work / "search_bench.json").write_text(out, encoding="utf-8")
    print(out)


if __name__ == "__main__":
    main()
