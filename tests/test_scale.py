"""Issue #16: the process pool, the build cache and Dask give the same output as a plain build."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from builder import api
from builder.cache import MARKER, BuildCache
from builder.model import DanganError
from builder.parallel import ProcessPool, executor, forked

ROOT = Path(__file__).resolve().parent.parent


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def assert_same_tree(a: Path, b: Path) -> None:
    ta, tb = tree(a), tree(b)
    assert sorted(ta) == sorted(tb), set(ta) ^ set(tb)
    different = [name for name in ta if ta[name] != tb[name]]
    assert not different, different[:10]


def slow_square(n: int) -> int:
    time.sleep(0.02 * (5 - n % 5))  # later items finish first
    return n * n


def test_the_pool_returns_results_in_the_order_of_the_items():
    pool = ProcessPool(2)
    try:
        assert pool.map(slow_square, list(range(20))) == [n * n for n in range(20)]
    finally:
        pool.close()


def pid_of(_item: object) -> int:
    return os.getpid()


def test_a_warmed_pool_sends_a_few_items_to_the_worker_it_started_first():
    """A rebuild's few changed sources go to the worker that loaded the dictionary while the
    build read its cache; the whole pool is not started for them."""
    pool = ProcessPool(2)
    try:
        pool.warm()
        assert pool.map_few(slow_square, [3, 1, 4]) == [9, 1, 16]
        assert pool.pool is None and len(set(pool.map_few(pid_of, [1, 2]))) == 1 and pool.map_few(pid_of, [1])[0] != os.getpid()
        assert pool.map(slow_square, list(range(10))) == [n * n for n in range(10)]  # more: the whole pool
    finally:
        pool.close()


def sleep_long(_path: object) -> None:
    time.sleep(60)


def write_pid(path: Path) -> int:
    path.write_text(str(os.getpid()))
    return os.getpid()


def test_work_aside_runs_in_a_child_that_a_failed_block_stops(tmp_path):
    """archive.sqlite is built in a forked child (its Python does not hold the build's lock):
    its result comes back, and a block that fails does not wait a minute for it."""
    with forked(write_pid, tmp_path / "pid") as result:
        child = result()
    assert child != os.getpid() and (tmp_path / "pid").read_text() == str(child)
    started = time.perf_counter()
    with pytest.raises(KeyError), forked(sleep_long, None):
        raise KeyError("the caller failed")
    assert time.perf_counter() - started < 10


def death_signal(_item: object) -> int:
    import ctypes

    value = ctypes.c_int()
    ctypes.CDLL(None).prctl(2, ctypes.byref(value))  # PR_GET_PDEATHSIG
    return value.value


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_workers_end_with_the_build_process():
    """A kill -9 of the build ends its workers too: else they wait for work forever, holding its output."""
    pool = ProcessPool(2)
    try:
        assert pool.map(death_signal, [1, 2]) == [9, 9]
    finally:
        pool.close()
    with forked(death_signal, None) as result:
        assert result() == 9


def test_one_job_runs_in_this_process():
    with executor(1, 100) as ex:
        assert ex.map(abs, [-1, 2, -3]) == [1, 2, 3]
        assert type(ex).__name__ == "InProcess"


def test_cache_folder_is_made_and_marked_and_never_inside_the_corpus(tmp_path, demo_corpus):
    store = BuildCache.open(tmp_path / "cache", demo_corpus)
    assert (store.folder / MARKER).is_file()
    assert BuildCache.open(tmp_path / "cache", demo_corpus) == store  # dangan's own: used again
    with pytest.raises(DanganError, match="inside the corpus"):
        BuildCache.open(demo_corpus / ".dangan-cache", demo_corpus)
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    (theirs / "notes.txt").write_text("mine")
    with pytest.raises(DanganError, match="not a dangan cache"):
        BuildCache.open(theirs, demo_corpus)
    assert sorted(p.name for p in theirs.iterdir()) == ["notes.txt"]


def test_a_second_build_on_a_cache_in_use_stops_with_a_message(tmp_path, demo_corpus):
    """Two builds sharing a cache would write between each other's writes (and SQLite would
    time out with a traceback): the second stops at once, naming the folder, and writes nothing."""
    store = BuildCache.open(tmp_path / "cache", demo_corpus)
    with store.exclusive(), pytest.raises(DanganError, match="another dangan build is using the cache folder") as caught:
        api.build(demo_corpus, tmp_path / "site", tmp_path / "content", render_site=False, cache=tmp_path / "cache")
    assert caught.value.diagnostics[0].path == str(store.folder)
    assert not (tmp_path / "content").exists()
    report = api.build(demo_corpus, tmp_path / "site", tmp_path / "content", render_site=False, cache=tmp_path / "cache")
    assert report.pages > 0  # the lock went with the first build


def test_a_cache_of_pickle_files_is_replaced_by_the_one_entries_file(tmp_path, demo_corpus):
    """Caches made before entries.sqlite held a pickle file per entry: dangan's own folder, so
    those go when it is opened; the entries are kept in one SQLite file from then on."""
    cache = tmp_path / "cache"
    (cache / "parsed" / "ab").mkdir(parents=True)
    (cache / MARKER).write_text("old", encoding="utf-8")
    (cache / "parsed" / "ab" / "abcd.pickle").write_bytes(b"not a pickle")
    store = BuildCache.open(cache, demo_corpus)
    assert not (cache / "parsed").exists() and (cache / "entries.sqlite").is_file()
    store.store("k", {"v": 1})
    store.db.put("parsed", "bad", 1)
    store.db.connection.execute("UPDATE entries SET value = x'00' WHERE key = 'bad'")
    store.commit()
    again = BuildCache.open(cache, demo_corpus)
    assert again.parsed("k") == {"v": 1} and again.parsed("bad") is None and again.parsed("absent") is None
    assert again.prune({"k"}) == 1 and again.db.count("parsed") == 1


def test_the_cache_is_pruned_once_what_was_put_since_could_be_a_tenth(tmp_path, demo_corpus):
    """Pruning reads every entry of a part: a rebuild that put a few entries leaves the stale
    ones (fewer than a tenth of those in use) until enough have been put since, across builds."""
    cache = tmp_path / "cache"
    store = BuildCache.open(cache, demo_corpus)
    for n in range(100):
        store.db.put("rendered", f"k{n}", n)
    assert store.prune_grown({"rendered": {f"k{n}" for n in range(100)}}) and store.db.puts == 0
    store.db.put("rendered", "k100", 100)  # replaces k0's use: k0 is stale now
    store.commit()
    used = {f"k{n}" for n in range(1, 101)}
    again = BuildCache.open(cache, demo_corpus)
    assert again.db.puts == 1 and not again.prune_grown({"rendered": used}) and again.db.count("rendered") == 101
    for n in range(101, 111):
        again.db.put("rendered", f"k{n}", n)
    assert again.prune_grown({"rendered": used | {f"k{n}" for n in range(101, 111)}}) and again.db.count("rendered") == 110


@pytest.mark.slow
def test_incremental_build_is_byte_identical_to_a_clean_build(tmp_path, corpus_copy):
    corpus = corpus_copy
    inc, cache = tmp_path / "inc", tmp_path / "cache"
    first = api.build(corpus, inc / "site", inc / "content", cache=cache)
    listing = {p: p.stat().st_mtime_ns for p in (inc / "site").rglob("*") if p.is_file()}
    again = api.build(corpus, inc / "site", inc / "content", cache=cache)  # nothing changed: nothing written
    assert again.pages == first.pages and len(again.archive.documents) == len(first.archive.documents)
    assert {p: p.stat().st_mtime_ns for p in (inc / "site").rglob("*") if p.is_file()} == listing
    source = corpus / "qjgb-2025-03.txt"
    text = source.read_text(encoding="utf-8")
    assert "推进" in text
    source.write_text(text.replace("推进", "推动", 1), encoding="utf-8")
    api.build(corpus, inc / "site", inc / "content", cache=cache)
    clean = api.build(corpus, tmp_path / "clean" / "site", tmp_path / "clean" / "content", jobs=1)
    assert_same_tree(inc / "content", clean.content)
    assert_same_tree(inc / "site", clean.site)
    assert BuildCache.open(cache, corpus).db.count("parsed") == 2  # the edited source's old entry pruned


@pytest.mark.slow
@pytest.mark.parametrize("corpus_fixture", ["demo_corpus", "real_corpus"])
def test_dask_and_the_pool_give_the_plain_build(tmp_path, corpus_fixture, request):
    corpus = request.getfixturevalue(corpus_fixture)
    """Parsing, the search index's partitions and the MkDocs shards as tasks on a LocalCluster
    of two workers (and on the pool): the content and the site of the plain build."""
    plain = api.build(corpus, tmp_path / "plain" / "site", tmp_path / "plain" / "content", jobs=1)
    pool = api.build(corpus, tmp_path / "pool" / "site", tmp_path / "pool" / "content", render_site=False, jobs=2)
    dask = api.build(corpus, tmp_path / "dask" / "site", tmp_path / "dask" / "content", workers=2)
    assert_same_tree(plain.content, pool.content)
    assert_same_tree(plain.content, dask.content)
    assert_same_tree(plain.site, dask.site)


@pytest.mark.slow
def test_the_benchmark_runs(tmp_path):
    """benchmarks/run at 60 documents: it works and records what it says (not a timing test)."""
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run"), "--sizes", "60",
                          "--only", "stages,build-cold,build-nochange,build-onechange,build-dayadded,trees-1,trees-3", "--work", str(tmp_path)],
                         capture_output=True, text=True, timeout=900)
    assert out.returncode == 0, out.stderr[-3000:]
    results = json.loads((tmp_path / "n60" / "results-60.json").read_text())
    assert {"stages", "build-cold", "build-nochange", "build-onechange", "build-dayadded"} <= set(results)
    assert set(results["stages"]["seconds"]) == {"gather", "render+write", "search index", "mkdocs alone"}
    assert results["build-nochange"]["pages"] == results["build-cold"]["pages"]
    assert results["trees-3"]["html_pages"] > results["trees-1"]["html_pages"]  # each tree adds its pages
    assert results["trees-3"]["trees"] == ["zh-hans", "zh-hant", "en"]
    table = (tmp_path / "n60" / "results-60.md").read_text()
    assert "whole build / MkDocs alone" in table and "trees-3 / trees-1" in table
