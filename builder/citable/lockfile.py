"""Reading and writing ``urls.lock`` in the corpus folder.

This is the one deliberate exception to "the corpus is read-only": the registry belongs with
the corpus (it is committed with it), so dangan writes this one file there, only to add
lines, atomically (a temporary sibling renamed over it), and only after a successful build.
A corpus on read-only media is never forced: the build says the lock was not written.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..model import Diagnostic
from .registry import LOCK_NAME, Entry, Registry, added_text, parse_registry


def lock_path(corpus: Path) -> Path:
    return Path(corpus) / LOCK_NAME


def read_registry(corpus: Path) -> tuple[Registry, list[Diagnostic]]:
    path = lock_path(corpus)
    if not path.is_file():
        return Registry(path=str(path)), []
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return Registry(path=str(path)), [Diagnostic("error", "urls-lock-encoding", f"not UTF-8: {exc}", str(path))]
    return parse_registry(text, str(path))


def add_entries(corpus: Path, registry: Registry, added: tuple[Entry, ...]) -> Diagnostic | None:
    """Add ``added`` to the lock file; a warning (not an exception) when the folder is read-only."""
    if not added:
        return None
    path = lock_path(corpus)
    if not Path(corpus).stat().st_mode & 0o222:
        # a folder nobody may write to is read-only by intent, even for root (who could)
        return Diagnostic("warning", "urls-lock-unwritten",
                          f"{len(added)} new URLs were not recorded (the corpus folder is read-only): they are not fixed yet", str(path))
    tmp = path.with_name(f".{LOCK_NAME}.tmp")
    try:
        tmp.write_text(added_text(registry, added), encoding="utf-8", newline="\n")
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        return Diagnostic("warning", "urls-lock-unwritten",
                          f"{len(added)} new URLs were not recorded ({exc.strerror}): they are not fixed yet", str(path))
    return None
