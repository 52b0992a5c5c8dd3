"""CPU and wall seconds of ``api.check`` on one big source (issue #12: parsing time vs size).

Start-up (imports, jieba's dictionary) is loaded on a small copy first and not counted. One
source per process, so that sizes do not share warm caches:

    .venv/bin/python benchmarks/parse_time.py --kind newspaper --size 2000000 --out /tmp/big
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import time
from pathlib import Path

from builder import api

_spec = importlib.util.spec_from_file_location("bigsource", Path(__file__).resolve().parent / "bigsource.py")
bigsource = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bigsource)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kind", choices=["gazette", "newspaper"], required=True)
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    api.check(bigsource.write_corpus(args.kind, 20_000, args.out / "warm"))
    corpus = bigsource.write_corpus(args.kind, args.size, args.out / "big")
    load, cpu, wall = os.getloadavg()[0], time.process_time(), time.perf_counter()
    archive = api.check(corpus)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    load = (load + os.getloadavg()[0]) / 2
    mb = args.size / 1e6
    print(f"{args.kind} {mb:g} MB: {bigsource.expected_documents(args.kind, args.size)} expected / {len(archive.documents)} found, "
          f"wall {wall:.1f} s, CPU {cpu:.1f} s, {cpu / mb:.1f} CPU s per MB, load {load:.1f}")


if __name__ == "__main__":
    main()
