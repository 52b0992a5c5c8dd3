"""Every case folder under tests/cases/ that has a ``case.yml``: the rendered content of its
input (every Markdown page, catalog.json, removals.json; the search index as a hash list)
must equal the case's ``content/`` folder byte for byte.

``case.yml`` names the input: ``input: .`` (the case folder holds corpus.yml and the sources),
a path relative to the case folder, or ``shared:<name>`` for /work/shared/<name> beside the
checkout (skipped with a reason when absent); ``sources: [file, …]`` builds only those files
of it (with the manifest entries and publications they use). Regenerate every golden with

    DANGAN_REGEN=1 .venv/bin/python -m pytest tests/test_cases.py -q

and review ``git diff tests/cases`` by eye.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
import yaml

from builder.api import content_files, site_dirs_for
from builder.pipeline import gather
from builder.settings import load_settings
from tests.conftest import CASES, REGEN, ROOT, subset_corpus

HASHES = "search.sha256"
#: Binary and built by SQLite (whose version is in the file): tests/test_export.py checks it instead.
NOT_GOLDEN = {"archive.sqlite"}


def case_dirs() -> list[Path]:
    return sorted(p for p in CASES.iterdir() if (p / "case.yml").is_file())


def case_input(case: Path, scratch: Path) -> Path:
    spec = yaml.safe_load((case / "case.yml").read_text(encoding="utf-8")) or {}
    where = str(spec.get("input", "."))
    path = ROOT.parent / "shared" / where.removeprefix("shared:") if where.startswith("shared:") else (case / where)
    if not (path / "corpus.yml").is_file():
        pytest.skip(f"input of case {case.name} not found at {path}")
    if spec.get("sources"):
        return subset_corpus(path.resolve(), list(spec["sources"]), scratch / case.name)
    return path.resolve()


def rendered(corpus: Path) -> dict[str, bytes]:
    """The content folder as {relative path: bytes}; the search index folded into one hash list."""
    files: dict[str, bytes] = {}
    hashes = []
    settings = load_settings(corpus)
    for rel, data in content_files(gather(corpus, settings=settings), settings, site_dirs_for(corpus)):
        raw = data.encode("utf-8") if isinstance(data, str) else data
        if rel in NOT_GOLDEN:
            continue
        if rel.startswith("search/"):
            hashes.append(f"{hashlib.sha256(raw).hexdigest()}  {rel}\n")
        else:
            files[rel] = raw
    files[HASHES] = "".join(sorted(hashes, key=lambda h: h.split("  ")[1])).encode("utf-8")
    return files


def stored(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.slow
@pytest.mark.parametrize("case", case_dirs(), ids=lambda p: p.name)
def test_rendered_content_equals_golden(case: Path, tmp_path: Path):
    actual = rendered(case_input(case, tmp_path))
    expected_dir = case / "content"
    if REGEN or not expected_dir.exists():
        shutil.rmtree(expected_dir, ignore_errors=True)
        for rel, data in actual.items():
            path = expected_dir / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        if not REGEN:
            pytest.fail(f"golden content {expected_dir} did not exist and was written: review it, then rerun")
        return
    expected = stored(expected_dir)
    assert sorted(actual) == sorted(expected), f"{case.name}: the set of content files changed"
    changed = [rel for rel in actual if actual[rel] != expected[rel]]
    assert not changed, f"{case.name}: {len(changed)} files differ, first {changed[:5]}; if right, regenerate with DANGAN_REGEN=1 and review the diff"
