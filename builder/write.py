"""Write stage: the only place the builder writes files (MkDocs then writes the site).

Writes are atomic: everything goes to a fresh sibling folder that replaces the old one only
when complete, so an interrupted build never leaves a half-written archive behind.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path


def replace_dir(new: Path, target: Path) -> None:
    """Put a finished folder in place of ``target`` (two renames; the old one is removed)."""
    old = target.with_name(target.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    new.rename(target)
    if old.exists():
        shutil.rmtree(old)


def fresh_sibling(target: Path, suffix: str) -> Path:
    tmp = target.with_name(target.name + suffix)
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir(parents=True)
    return tmp


def write_files(target: Path, files: Iterable[tuple[str, str | bytes]]) -> int:
    """Write ``(relative path, content)`` pairs into a new ``target`` folder atomically."""
    target = Path(target).resolve()
    tmp = fresh_sibling(target, ".tmp")
    count = 0
    for rel, content in files:
        path = tmp / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8", newline="\n")
        else:
            path.write_bytes(content)
        count += 1
    replace_dir(tmp, target)
    return count


def add_files(target: Path, files: Iterable[tuple[str, str | bytes]]) -> int:
    """Write ``(relative path, content)`` pairs into an existing folder (a finished site)."""
    target = Path(target).resolve()
    count = 0
    for rel, content in files:
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8", newline="\n")
        else:
            path.write_bytes(content)
        count += 1
    return count


def sync_files(target: Path, files: Iterable[tuple[str, str | bytes]]) -> int:
    """Bring ``target`` in line with ``files`` in place: write what changed, delete what is gone.

    For the live server, which watches the folder itself (an atomic swap would lose the watch)
    and reloads only the pages whose files changed.
    """
    target = Path(target).resolve()
    target.mkdir(parents=True, exist_ok=True)
    wanted = set()
    for rel, content in files:
        data = content.encode("utf-8") if isinstance(content, str) else content
        path = target / rel
        wanted.add(path)
        if path.is_file() and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    for path in sorted(target.rglob("*"), reverse=True):
        if path.is_file() and path not in wanted:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return len(wanted)


def merge_dirs(target: Path, sources: list[Path]) -> Path:
    """Copy folders over each other in order (later ones win, file by file) into ``target``."""
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for src in sources:
        if src.is_dir():
            shutil.copytree(src, target, dirs_exist_ok=True)
    return target


def fixed_timestamp(latest_date: str | None) -> str:
    """SOURCE_DATE_EPOCH for reproducible output: midnight UTC of the newest document date.

    >>> fixed_timestamp("2024-08-18")
    '1723939200'
    >>> fixed_timestamp(None)
    '0'
    """
    import datetime as dt

    if not latest_date:
        return "0"
    parts = [int(p) for p in latest_date.split("-")] + [1, 1]
    day = dt.datetime(parts[0], parts[1], parts[2], tzinfo=dt.timezone.utc)
    return str(int(day.timestamp()))
