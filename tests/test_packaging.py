"""`pip install .` must carry the renderer files, so `dangan` works from any folder."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_ships_mkdocs_yml_templates_overrides_and_demo(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(ROOT)],
                   check=True, capture_output=True)
    [wheel] = tmp_path.glob("dangan-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in ("builder/_site/mkdocs.yml", "builder/_site/templates/document.md.j2",
                     "builder/_site/overrides/main.html", "builder/_site/demo/corpus.yml",
                     "builder/data/agencies.yml", "builder/data/topics.yml", "builder/cli.py"):
        assert required in names, required
    entry = next(n for n in names if n.endswith("entry_points.txt"))
    assert "dangan = builder.cli:main" in zipfile.ZipFile(wheel).read(entry).decode()
