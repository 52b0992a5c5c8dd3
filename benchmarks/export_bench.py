"""Peak memory and time of the open-data stage alone (issue #15), at N generated documents.

    .venv/bin/python benchmarks/export_bench.py --docs 10000 [--work /tmp/dangan-export-bench]

The corpus (``builder.benchcorpus.generate(N, dir, seed=0)``) and its gathered archive (a
pickle) are kept in ``--work`` between runs. The measurement runs in a fresh child process:
it loads the archive, notes its peak RSS, builds every open-data file (archive.sqlite
included) and writes them into a scratch content folder, then notes the peak again; so the
difference is what the export stage costs. One JSON line with the load average before and after.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import pickle
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def prepare(docs: int, work: Path) -> Path:
    from builder import benchcorpus
    from builder.citable.urls import UrlLock
    from builder.pipeline import gather
    from builder.settings import load_settings

    corpus, archive_file = work / f"corpus-{docs}", work / f"archive-{docs}.pickle"
    if not corpus.is_dir():
        benchcorpus.generate(docs, corpus, seed=0)
    if not archive_file.is_file():
        archive = gather(corpus, None, UrlLock(corpus, "read"), settings=load_settings(corpus))
        archive_file.write_bytes(pickle.dumps(archive))
    return archive_file


@contextlib.contextmanager
def _held(files):  # the stage before archive.sqlite was built on disk returned a plain dict
    yield files


def measure(archive_file: Path) -> dict:
    from builder.export import open_data_files
    from builder.write import write_files

    archive = pickle.loads(archive_file.read_bytes())
    before = peak_mb()
    start, cpu = time.perf_counter(), time.process_time()
    made = open_data_files(archive)
    with tempfile.TemporaryDirectory(prefix="dangan-export-bench-") as scratch, (made if hasattr(made, "__enter__") else _held(made)) as files:
        write_files(Path(scratch) / "content", files.items())
        sizes = {name: (Path(scratch) / "content" / name).stat().st_size for name in files}
    return {"documents": len(archive.documents), "seconds": round(time.perf_counter() - start, 1),
            "cpu_seconds": round(time.process_time() - cpu, 1),
            "peak_mb_before": round(before), "peak_mb_after": round(peak_mb()), "sqlite_bytes": sizes["archive.sqlite"]}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=10000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/dangan-export-bench"))
    parser.add_argument("--child", type=Path)
    parser.add_argument("--prepare", action="store_true")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.child)))
        return
    args.work.mkdir(parents=True, exist_ok=True)
    if args.prepare:
        print(prepare(args.docs, args.work))
        return
    # Each in a child of its own: a child inherits its parent's peak RSS (the mm is copied at
    # fork), so gathering in this process would show as the measurement's "before".
    archive_file = Path(subprocess.run([sys.executable, __file__, "--prepare", "--docs", str(args.docs), "--work", str(args.work)],
                                       check=True, capture_output=True, text=True).stdout.strip())
    load = os.getloadavg()
    out = subprocess.run([sys.executable, __file__, "--child", str(archive_file)], check=True, capture_output=True, text=True).stdout
    result = json.loads(out) | {"load_before": [round(x, 2) for x in load], "load_after": [round(x, 2) for x in os.getloadavg()]}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
