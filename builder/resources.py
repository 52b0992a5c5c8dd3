"""Where the renderer files are: a site folder's own copies first, then the packaged defaults.

In a wheel, ``mkdocs.yml``, ``templates/``, ``overrides/`` and the demo
corpus are shipped inside the package (``builder/_site``); in a checkout they are at the top
of the repository.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGED = Path(__file__).resolve().parent / "_site"
_CHECKOUT = Path(__file__).resolve().parent.parent


def default_root() -> Path:
    return _PACKAGED if (_PACKAGED / "mkdocs.yml").is_file() else _CHECKOUT


def demo_corpus() -> Path:
    root = default_root()
    return root / "demo" if (root / "demo").is_dir() else root / "examples" / "demo"


def data_file(name: str) -> Path:
    """A controlled vocabulary shipped with the package (``builder/data``)."""
    return Path(__file__).resolve().parent / "data" / name


def find(name: str, site_dirs: list[Path]) -> Path:
    """The first ``name`` found in the site folders, else the packaged default."""
    for folder in site_dirs:
        candidate = folder / name
        if candidate.exists():
            return candidate
    return default_root() / name
