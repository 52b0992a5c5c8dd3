"""Whole-build benchmark: time per phase, peak memory, and the size of every generated page.

    .venv/bin/python benchmarks/site_bench.py --docs 10000 --work /tmp/dangan-site-10k

Writes ``site_bench.json`` in the work folder and prints a Markdown table for results.md.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from builder import api  # noqa: E402
from builder.benchcorpus import generate  # noqa: E402
from builder.pipeline import gather  # noqa: E402
from builder.renderers.mkdocs import build_site, nav  # noqa: E402
from builder.settings import load_settings  # noqa: E402
from builder.write import fixed_timestamp, write_files  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, required=True)
    ap.add_argument("--work", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    corpus = args.work / "corpus"
    if not (corpus / "corpus.yml").exists():
        generate(args.docs, corpus, seed=args.seed)
    times = {}
    t = time.perf_counter()
    settings = load_settings(corpus)
    archive = gather(corpus, settings=settings)
    times["gather"] = time.perf_counter() - t
    dirs = api.site_dirs_for(corpus)
    t = time.perf_counter()
    pages = write_files(args.work / "content", api.content_files(archive, settings, dirs, search=False))
    times["render+write"] = time.perf_counter() - t
    t = time.perf_counter()
    search = write_files(args.work / "search-only", api.search_files(archive))
    times["search index"] = time.perf_counter() - t
    t = time.perf_counter()
    latest = max((d.date for d in archive.documents if d.date), default=None)
    site = build_site(args.work / "content", args.work / "site", dirs, nav(archive, settings.labels), fixed_timestamp(latest))
    times["mkdocs"] = time.perf_counter() - t
    sizes = sorted(((p.stat().st_size, str(p.relative_to(site))) for p in site.rglob("*.html")), reverse=True)
    result = {
        "documents": len(archive.documents),
        "seconds": {k: round(v, 1) for k, v in times.items()},
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "content_files": pages,
        "search_files": search,
        "html_pages": len(sizes),
        "html_bytes_total": sum(s for s, _ in sizes),
        "largest_pages": sizes[:5],
        "median_page_bytes": sizes[len(sizes) // 2][0],
    }
    (args.work / "site_bench.json").write_text(json.dumps(result, ensure_ascii=False, indent=1))
    total = sum(times.values())
    print(f"| documents | {result['documents']} |")
    for k, v in times.items():
        print(f"| {k} | {v:.1f} s ({100 * v / total:.0f} %) |")
    print(f"| peak memory (RSS) | {result['peak_rss_mb']} MB |")
    print(f"| HTML pages | {result['html_pages']} (median {result['median_page_bytes'] // 1024} KB) |")
    print("| largest pages | " + ", ".join(f"{p} {s // 1024} KB" for s, p in sizes[:3]) + " |")


if __name__ == "__main__":
    main()
