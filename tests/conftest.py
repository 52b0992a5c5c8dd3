"""Shared fixtures: the real corpus (skipped with a reason when absent) and golden files.

Golden files live under tests/cases/; regenerate them all with

    DANGAN_REGEN=1 .venv/bin/python -m pytest tests -q

then review the diff by eye against the source before committing.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"
DEMO = ROOT / "examples" / "demo"
REAL_CORPUS = Path(os.environ.get("DANGAN_REAL_CORPUS", ROOT.parent / "shared" / "corpus"))
REGEN = os.environ.get("DANGAN_REGEN") == "1"


@pytest.fixture(scope="session")
def real_corpus() -> Path:
    if not (REAL_CORPUS / "corpus.yml").is_file():
        pytest.skip(f"real corpus not found at {REAL_CORPUS} (set DANGAN_REAL_CORPUS or put shared/ beside the checkout)")
    return REAL_CORPUS


@pytest.fixture(scope="session")
def demo_corpus() -> Path:
    return DEMO


@pytest.fixture
def corpus_copy(tmp_path) -> Path:
    """The demo corpus copied into the test's own folder, to be changed there."""
    corpus = tmp_path / "corpus"
    shutil.copytree(DEMO, corpus)
    return corpus


def check_golden(relative: str, actual: str) -> None:
    """Compare ``actual`` with tests/cases/<relative>; with DANGAN_REGEN=1, rewrite it instead."""
    path = CASES / relative
    if REGEN or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        if not REGEN:
            pytest.fail(f"golden file {path} did not exist and was written: review it by eye, then rerun")
        return
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{path} differs from the output; if the change is right, regenerate with DANGAN_REGEN=1 and review the diff"


@pytest.fixture
def golden():
    return check_golden


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory, demo_corpus):
    """The demo corpus built once per test session (content and site)."""
    from builder import api

    out = tmp_path_factory.mktemp("demo")
    return api.build(demo_corpus, out / "site", out / "content")


@pytest.fixture(scope="session")
def real_site(tmp_path_factory, real_corpus):
    """The real corpus built once per test session."""
    from builder import api

    out = tmp_path_factory.mktemp("real")
    return api.build(real_corpus, out / "site", out / "content")


MORE_CORPUS = ROOT.parent / "shared" / "corpus-more"


def subset_corpus(corpus: Path, files: list[str], into: Path) -> Path:
    """A corpus folder in ``into`` holding only ``files`` of ``corpus`` (copied, with the manifest
    entries and publications they use), for building part of a shared corpus."""
    import shutil

    import yaml

    manifest = yaml.safe_load((corpus / "corpus.yml").read_text(encoding="utf-8"))
    sources = [s for s in manifest["sources"] if s["file"] in files]
    used = {s["publication"] for s in sources}
    into.mkdir(parents=True, exist_ok=True)
    for s in sources:
        shutil.copyfile(corpus / s["file"], into / s["file"])
    subset = {"publications": {k: v for k, v in manifest["publications"].items() if k in used}, "sources": sources}
    (into / "corpus.yml").write_text(yaml.safe_dump(subset, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return into


# The longest units of ``--dist loadscope`` (a module, or a class inside one), longest first,
# with their seconds on two busy cores (session 8): started first, they run side by side while
# the many short modules fill the gaps; started last, one core would run the 200 s unit alone at
# the end. xdist gives a worker a second unit while its first has two tests or fewer left, so
# the one-test 20 MB newspaper is followed by a unit that may wait behind it (the fast battery
# cases), not by the 20 MB gazette. tasks.py passes ``--no-loadscope-reorder`` so that xdist
# keeps this order.
LONGEST_FIRST = (
    "tests/test_parse_scaling.py::TestTwentyMegabyteNewspaper",  # 200 s
    "tests/test_battery.py::TestSlowCases",
    "tests/test_battery.py",  # with the slow cases: 235 s
    "tests/test_parse_scaling.py::TestTwentyMegabyteGazette",  # 100 s
    "tests/test_scale.py",  # 120 s
    "tests/test_build.py",  # 105 s
    "tests/test_search_engine.py",
    "tests/test_incremental.py",
    "tests/test_parse_scaling.py",
)


def scope_rank(nodeid: str) -> int:
    """Where a test's unit stands in :data:`LONGEST_FIRST` (the rest after, in collection order)."""
    scope = nodeid.split("[", 1)[0].rsplit("::", 1)[0]
    return next((i for i, name in enumerate(LONGEST_FIRST) if scope == name), len(LONGEST_FIRST))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: scope_rank(item.nodeid))  # stable: collection order within a rank
