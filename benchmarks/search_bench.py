"""Benchmark of the archive's own search on a generated corpus.

    .venv/bin/python benchmarks/search_bench.py --docs 10000 --work /tmp/dangan-bench-10k

Generates the corpus (builder.benchcorpus, seed 0) unless present, gathers it (the gathered
archive is cached as ``WORK/archive.pickle`` so that a re-run skips the parse), builds the
search index (time and peak memory measured around the index build alone; ``--reuse-index``
keeps the index of the previous run), computes the query set and its true answers (cached
in ``WORK/queries.json``; ``--browser-only`` then needs no archive at all), writes a
harness page, then runs a fixed query set in headless Chromium, hosted (http.server on
127.0.0.1) and from file://, each query in a fresh browser context (cold: start-up files
included). Bytes are the sizes of the files the engine loaded. Recall is checked against
the plain-text scan (builder.search.reference). Prints a JSON summary.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import json
import pickle
import random
import resource
import shutil
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
from builder.search.layout import BUNDLE, HOSTED  # noqa: E402
from builder.search.reference import query_terms, search_docs, term_matches  # noqa: E402

ENGINE = ROOT / "overrides" / "assets" / "dangan" / "search.js"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
PACKINGS = {"hosted": HOSTED, "bundle": BUNDLE}
HARNESS = """<!doctype html><meta charset="utf-8"><title>bench</title>
<script>window.dangan = {searchRoot: "./"};</script><script src="search.js"></script>"""


def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """A static server for the measurements, on 127.0.0.1 at a free port: (server, base URL)."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as any real static host
        disable_nagle_algorithm = True  # else headers+body as two writes stall 40 ms on delayed ACK

        def log_message(self, *a) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def proc_status(field: str) -> float:
    """VmRSS / VmHWM of this process in MB (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return rss_mb()


def reset_peak() -> None:
    """Reset VmHWM (Linux >= 4.0), so that the peak measured is the index build's own, not
    that of gathering or unpickling the archive before it."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


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


def build(args) -> dict:
    """Corpus, archive, index, query set and truth; returns the index part of the report."""
    corpus, site = args.work / "corpus", args.work / "site"
    report: dict = {"docs_requested": args.docs, "packing": args.packing}
    if not (corpus / "corpus.yml").exists():
        t = time.time()
        generate(args.docs, corpus, seed=0)
        report["generate_s"] = round(time.time() - t, 1)
    cache = args.work / "archive.pickle"
    t = time.time()
    if cache.exists():
        with open(cache, "rb") as f:
            archive = pickle.load(f)
        report["archive_from_cache_s"] = round(time.time() - t, 1)
    else:
        archive = gather(corpus)
        report["gather_s"] = round(time.time() - t, 1)
        try:
            with open(cache, "wb") as f:
                pickle.dump(archive, f, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as e:  # a cache only
            cache.unlink(missing_ok=True)
            print("archive not cached:", e, file=sys.stderr)
    report["documents"] = len(archive.documents)
    index_json = args.work / "index.json"
    if args.reuse_index and index_json.exists():
        report.update(json.loads(index_json.read_text()))
    else:
        shutil.rmtree(site / "search", ignore_errors=True)
        reset_peak()
        base_rss = proc_status("VmRSS")
        t = time.time()
        stats: dict = {}
        total = files = 0
        for rel, content in build_search_index(archive, stats=stats, packing=PACKINGS[args.packing]):
            path = site / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
            total += len(content)
            files += 1
        peak = proc_status("VmHWM")  # peak RSS since reset_peak(): the index build alone
        index = {"index_build_s": round(time.time() - t, 1), "rss_before_index_mb": round(base_rss), "peak_rss_mb": round(peak),
                 "index_peak_increment_mb": round(peak - base_rss), "index_bytes": total,
                 "index_files": files, "index_stats": stats}
        index_json.write_text(json.dumps(index, indent=1))
        report.update(index)
        print(json.dumps(index), file=sys.stderr, flush=True)
    queries = query_set(archive)
    sds = search_docs(archive)
    del archive
    folded = [sd.folded_segments() for sd in sds]
    truths: dict[str, list[int]] = {}
    for q in queries:
        terms = query_terms(q)
        truths[q] = [sd.docno for sd, f in zip(sds, folded, strict=True) if terms and all(term_matches(sd, f, t) for t in terms)]
    (args.work / "queries.json").write_text(json.dumps({"queries": queries, "truth": truths}, ensure_ascii=False))
    return report


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=10000)
    ap.add_argument("--work", type=Path, required=True)
    ap.add_argument("--packing", choices=sorted(PACKINGS), default="hosted",
                    help="index layout: a file per entry (the site's) or packed (the offline bundle's)")
    ap.add_argument("--no-recall", action="store_true")
    ap.add_argument("--verify-max", type=int, default=20000, help="verify every result of queries up to this many candidates")
    ap.add_argument("--reuse-index", action="store_true", help="keep WORK/site/search from the previous run")
    ap.add_argument("--browser-only", action="store_true", help="reuse index and WORK/queries.json; no archive")
    args = ap.parse_args()
    site = args.work / "site"
    if args.browser_only:
        report = {"docs_requested": args.docs, **json.loads((args.work / "index.json").read_text())}
        report["documents"] = report["index_stats"]["documents"]
    else:
        report = build(args)
    qj = json.loads((args.work / "queries.json").read_text())
    queries, truths = qj["queries"], {q: set(v) for q, v in qj["truth"].items()}
    (site / "search.js").write_bytes(ENGINE.read_bytes())
    (site / "index.html").write_text(HARNESS, encoding="utf-8")
    startup_files = ["manifest", "fold"]
    sizes = lambda names: sum((site / "search" / (n + ".js")).stat().st_size for n in names)  # noqa: E731
    assets = ROOT / "overrides/assets/dangan"
    report["startup_bytes"] = (sizes(startup_files) + ENGINE.stat().st_size
                               + (assets / "search-ui.js").stat().st_size + (assets / "search.css").stat().st_size)

    httpd, base = serve(site)
    urls = {"hosted": base + "index.html", "file": (site / "index.html").as_uri()}
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
        # Every candidate is verified (all its documents fetched) up to --verify-max
        # candidates; above that (100,000 documents: 发展 has ~97,000) only the candidate set
        # is compared: it must hold every true answer, and equal them when .exact.
        all_ids = {}
        for q in queries:
            page.goto(urls["file"])
            all_ids[q] = page.evaluate("""async ([q, max]) => { const s = await dangan.search.search(q);
                if (s.candidates.length <= max || s.exact) {
                  const rs = s.exact && s.candidates.length > max ? null : await s.next(Infinity, Infinity);
                  return {ids: rs ? rs.map(x => x.docno) : s.candidates.slice(), verified: !!rs, candidates: s.candidates.length}; }
                return {ids: s.candidates.slice(), verified: false, candidates: s.candidates.length}; }""", [q, args.verify_max])
        browser.close()
    httpd.shutdown()
    for q in queries:
        files_ = per_query[q]["file"]["files"]
        per_query[q]["bytes"] = sizes(files_) - sizes(startup_files)
        per_query[q]["bytes_with_startup"] = sizes(files_)
    if not args.no_recall:
        found = expected = false = unverified = 0
        for q in queries:
            exp = truths[q]
            got = set(all_ids[q]["ids"])
            found += len(exp & got)
            expected += len(exp)
            if all_ids[q]["verified"]:
                false += len(got - exp)
            else:
                unverified += 1
            per_query[q]["true"] = len(exp)
        report["recall"] = found / expected if expected else 1.0
        report["false_results"] = false
        report["queries_recall_on_candidates_only"] = unverified
    qb = [per_query[q]["bytes"] for q in queries]
    report["queries"] = len(queries)
    nf = [len(per_query[q]["file"]["files"]) - len(startup_files) for q in queries]
    report["files_per_query_median"] = statistics.median(nf)
    report["files_per_query_max"] = max(nf)
    report["bytes_per_query_median"] = statistics.median(qb)
    report["bytes_per_query_p90"] = sorted(qb)[int(len(qb) * 0.9)]
    report["bytes_per_query_max"] = max(qb)
    for mode in urls:
        ms = [per_query[q][mode]["ms"] for q in queries]
        report[f"first_results_ms_{mode}_median"] = round(statistics.median(ms), 1)
        report[f"first_results_ms_{mode}_p90"] = round(sorted(ms)[int(len(ms) * 0.9)], 1)
        report[f"first_results_ms_{mode}_max"] = round(max(ms), 1)
    report["per_query"] = {q: {"bytes": per_query[q]["bytes"], "files": nf[i], "total": per_query[q]["file"]["total"],
                               "exact": per_query[q]["file"]["exact"], "true": per_query[q].get("true"),
                               "ms_hosted": round(per_query[q]["hosted"]["ms"], 1), "ms_file": round(per_query[q]["file"]["ms"], 1)}
                           for i, q in enumerate(queries)}
    out = json.dumps(report, ensure_ascii=False, indent=1)
    (args.work / "search_bench.json").write_text(out, encoding="utf-8")
    print(out)


if __name__ == "__main__":
    main()
