"""Write stage: the only place the builder writes files (MkDocs then writes the site).

Writes are atomic: everything goes to a fresh scratch folder beside the target that replaces
the old one only when complete, so an interrupted build never leaves a half-written archive.

dangan deletes or replaces only what it made: a folder it writes carries a marker file
(``.dangan-site`` or ``.dangan-content``, naming the corpus it was built from), and
:func:`check_target` refuses any other non-empty folder, and any folder that is, holds or lies
inside the corpus. Scratch folders are named ``.dangan-tmp-<target>-<random>``, a name no user
picks; those of an interrupted build are removed by the next build of the same target.
"""

from __future__ import annotations

import filecmp
import hashlib
import os
import secrets
import shutil
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from .model import DanganError, Diagnostic, FileContent, KeptText, StagedFile, content_sha256

SCRATCH = ".dangan-tmp-"
MARKERS = {"site": ".dangan-site", "content": ".dangan-content"}
OPTION = {"site": "--out", "content": "--content"}


def marker_text(kind: str, corpus: Path) -> str:
    """What a marker file says: what the folder is and the corpus it was built from.

    >>> marker_text("site", Path("/archive/corpus"))
    'dangan site\\ncorpus: /archive/corpus\\nThis folder is replaced by every build; do not keep your own files in it.\\n'
    """
    return f"dangan {kind}\ncorpus: {corpus}\nThis folder is replaced by every build; do not keep your own files in it.\n"


def _refuse(target: Path, message: str) -> DanganError:
    return DanganError([Diagnostic("error", "target-refused", message, str(target))])


def _related(a: Path, b: Path) -> bool:
    return a == b or a.is_relative_to(b) or b.is_relative_to(a)


def check_target(target: Path, kind: str, corpus: Path, others: Iterable[Path] = ()) -> Path:
    """The resolved ``target`` if dangan may replace it; else DanganError saying how to proceed."""
    target, corpus = Path(target).resolve(), Path(corpus).resolve()
    option = OPTION[kind]
    if _related(target, corpus):
        where = "is the corpus folder" if target == corpus else "is inside the corpus folder" if target.is_relative_to(corpus) else "contains the corpus folder"
        raise _refuse(target, f"{option} {where} {corpus}; choose a folder outside it, e.g. {option} {corpus.parent / (corpus.name + '-' + kind)}")
    cwd = Path.cwd().resolve()
    if cwd.is_relative_to(target):
        raise _refuse(target, f"{option} would replace the folder you are in ({cwd}); name a new folder, e.g. {option} {kind}")
    for other in others:
        if _related(target, Path(other).resolve()):
            raise _refuse(target, f"{option} and the other output folder ({other}) must be separate folders, neither inside the other")
    if target.is_symlink() or (target.exists() and not target.is_dir()):
        raise _refuse(target, f"{option} {target} exists and is not a folder; name a new folder")
    if target.is_dir() and not (target / MARKERS[kind]).is_file() and any(target.iterdir()):
        made = next((k for k, m in MARKERS.items() if (target / m).is_file()), None)
        what = f"is a dangan {made} folder, not a {kind} folder" if made else f"is not empty and was not made by dangan (no {MARKERS[kind]} in it)"
        raise _refuse(target, f"{target} {what}; dangan replaces only its own folders: "
                              f"name a new or empty folder with {option}, or move this one away yourself")
    return target


def claim(target: Path, kind: str, corpus: Path) -> bool:
    """Mark ``target`` (checked by :func:`check_target`) as dangan's; True when it was created now."""
    created = not target.exists()
    target.mkdir(parents=True, exist_ok=True)
    marker = target / MARKERS[kind]
    text = marker_text(kind, Path(corpus).resolve())
    if not marker.is_file() or marker.read_text(encoding="utf-8") != text:
        marker.write_text(text, encoding="utf-8")
    return created


def clean_leftovers(target: Path) -> None:
    """Remove the scratch folders an interrupted build of ``target`` left beside it."""
    target = Path(target).resolve()
    if target.parent.is_dir():
        for leftover in target.parent.glob(f"{SCRATCH}{target.name}-*"):
            shutil.rmtree(leftover, ignore_errors=True)


def fresh_sibling(target: Path, purpose: str = "") -> Path:
    """A new empty scratch folder beside ``target`` (same file system, so it can be renamed into place)."""
    target = Path(target).resolve()
    label = f"{purpose.strip('.')}-" if purpose else ""
    tmp = target.with_name(f"{SCRATCH}{target.name}-{label}{secrets.token_hex(6)}")
    tmp.mkdir(parents=True)
    return tmp


def replace_dir(new: Path, target: Path) -> None:
    """Put a finished folder in place of ``target`` (two renames; the old one is removed).

    The marker of the old folder goes with the new one."""
    for name in MARKERS.values():
        if (target / name).is_file() and not (new / name).exists():
            shutil.copy2(target / name, new / name)
    old = None
    if target.exists():
        old = fresh_sibling(target, "old")
        old.rmdir()
        target.rename(old)
    new.rename(target)
    if old is not None:
        shutil.rmtree(old)


def put_file(path: Path, content: FileContent) -> None:
    """Write one file: text as UTF-8 with LF, bytes as they are, a staged file copied from its scratch place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, KeptText):
        content = content.load()
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="\n")
    elif isinstance(content, StagedFile):
        shutil.copyfile(content.path, path)
    else:
        path.write_bytes(content)


def same_file(path: Path, content: FileContent) -> bool:
    """``path`` already holds exactly ``content``."""
    if not path.is_file():
        return False
    if isinstance(content, StagedFile):
        return path.stat().st_size == content.size and filecmp.cmp(path, content.path, shallow=False)
    if isinstance(content, KeptText):
        return hashlib.sha256(path.read_bytes()).hexdigest() == content.sha256
    return path.read_bytes() == (content.encode("utf-8") if isinstance(content, str) else content)


def write_files(target: Path, files: Iterable[tuple[str, FileContent]]) -> int:
    """Write ``(relative path, content)`` pairs into a new ``target`` folder atomically."""
    target = Path(target).resolve()
    tmp = fresh_sibling(target)
    try:
        count = 0
        for rel, content in files:
            put_file(tmp / rel, content)
            count += 1
        replace_dir(tmp, target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return count


def add_files(target: Path, files: Iterable[tuple[str, FileContent]]) -> int:
    """Write ``(relative path, content)`` pairs into an existing folder (a finished site)."""
    target = Path(target).resolve()
    count = 0
    for rel, content in files:
        put_file(target / rel, content)
        count += 1
    return count


def update_files(target: Path, files: Iterable[tuple[str, FileContent]], before: Mapping[str, str] | None = None,
                 present: Mapping[str, object] | None = None, written: set[str] | None = None) -> dict[str, str]:
    """Write ``(relative path, content)`` pairs into an existing folder, only those whose bytes
    differ from what is there; returns each path's sha256. ``before``: the digests of the
    files there, when the caller knows them (then a file with the same digest is not read);
    ``present``: the files there (a :class:`Listing`'s), when the caller has just listed them;
    ``written``: gets the paths written."""
    target = Path(target).resolve()
    sums = {}
    for rel, content in files:
        path = target / rel
        sums[rel] = content_sha256(content)
        known = before is not None and before.get(rel) == sums[rel] and (rel in present if present is not None else path.is_file())
        if not known and not same_file(path, content):
            put_file(path, content)
            if written is not None:
                written.add(rel)
    return sums


@dataclass(frozen=True)
class Listing:
    """What a folder holds: each file's path relative to it (``/``-separated) with its size and
    modification time, and its sub-folders, parents before children."""

    files: dict[str, tuple[int, int]]
    dirs: tuple[str, ...]

    def digest(self) -> str:
        return files_state_digest(self.files)


def files_state_digest(files: Mapping[str, tuple[int, int]]) -> str:
    """sha256 over the names, sizes and modification times of files: any file written, touched,
    added or removed since changes it (cheap: no reads)."""
    h = hashlib.sha256()
    for rel in sorted(files):
        size, mtime = files[rel]
        h.update(f"{rel}\0{size}\0{mtime}\n".encode())
    return h.hexdigest()


def folder_listing(folder: Path) -> Listing:
    """The :class:`Listing` of ``folder`` (empty when there is none), from one ``os.scandir``
    pass: at 100,000 pages a walk through ``os.walk`` and ``relpath`` took seconds per build.
    Links to folders are not followed."""
    files: dict[str, tuple[int, int]] = {}
    dirs: list[str] = []
    stack = [("", str(folder))]
    while stack:
        prefix, path = stack.pop()
        try:
            entries = sorted(os.scandir(path), key=lambda e: e.name)
        except (FileNotFoundError, NotADirectoryError):
            continue
        for entry in reversed(entries):  # popped in name order
            rel = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                dirs.append(rel)
                stack.append((rel + "/", entry.path))
            elif entry.is_file():
                st = entry.stat()
                files[rel] = (st.st_size, st.st_mtime_ns)
    return Listing(files, tuple(dirs))


def listing_digest(folder: Path) -> str:
    """:meth:`Listing.digest` of a folder; '' when there is none."""
    return folder_listing(folder).digest() if Path(folder).is_dir() else ""


def remove_unwanted(folder: Path, listing: Listing, keep: Callable[[str], bool]) -> set[str]:
    """Delete the files of ``listing`` (``folder``'s) that ``keep`` does not want, then the
    folders left empty (and those that were); returns the paths removed."""
    removed = {rel for rel in listing.files if not keep(rel)}
    for rel in sorted(removed):
        os.unlink(os.path.join(folder, rel))
    holding = {rel.rpartition("/")[0] for rel in listing.files if rel not in removed}
    for rel in reversed(listing.dirs):  # children before parents
        if rel in holding:
            holding.add(rel.rpartition("/")[0])
            continue
        try:
            os.rmdir(os.path.join(folder, rel))
        except OSError:  # something appeared there meanwhile: it stays
            holding.add(rel.rpartition("/")[0])
    return removed


def sync_files(target: Path, files: Iterable[tuple[str, FileContent]], same: Callable[[str], bool] | None = None,
               present: Listing | None = None) -> tuple[int, str]:
    """Bring ``target`` in line with ``files`` in place: write what changed, delete what is gone.

    For the live server, which watches the folder itself (an atomic swap would lose the watch)
    and reloads only the pages whose files changed, and for cached builds. The marker file
    stays. ``same(rel)``: the caller knows the file there has these bytes (not read back);
    ``present``: ``target``'s listing, when the caller has just taken it. Returns the number of
    files and the :meth:`Listing.digest` of the folder afterwards (without walking it again).
    """
    target = Path(target).resolve()
    target.mkdir(parents=True, exist_ok=True)
    present = present if present is not None else folder_listing(target)
    wanted = set(MARKERS.values())
    written: list[str] = []
    for rel, content in files:
        wanted.add(rel)
        if same is not None and same(rel) and rel in present.files:
            continue
        path = target / rel
        if not same_file(path, content):
            put_file(path, content)
            written.append(rel)
    removed = remove_unwanted(target, present, wanted.__contains__)
    return len(wanted) - len(MARKERS), listing_after(target, present.files, removed, written)


def listing_after(folder: Path, before: Mapping[str, tuple[int, int]], removed: Iterable[str], written: Iterable[str]) -> str:
    """The :meth:`Listing.digest` of ``folder`` updated in place, without walking it: its files
    as they were (``before``), less those removed, with those written as they are now."""
    gone = set(removed)
    files = {rel: state for rel, state in before.items() if rel not in gone}
    for rel in written:
        try:
            st = os.stat(os.path.join(folder, rel))
        except FileNotFoundError:  # written, then removed as no longer wanted
            files.pop(rel, None)
            continue
        files[rel] = (st.st_size, st.st_mtime_ns)
    return files_state_digest(files)


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

    It only stamps the renderer's files (the sitemap's gzip header cannot hold a time before
    1970), so an archive whose newest date is older gets 0; the dates in the pages stay true.

    >>> fixed_timestamp("2024-08-18")
    '1723939200'
    >>> fixed_timestamp("1950-10-01")
    '0'
    >>> fixed_timestamp(None)
    '0'
    """
    import datetime as dt

    if not latest_date:
        return "0"
    parts = [int(p) for p in latest_date.split("-")] + [1, 1]
    day = dt.datetime(parts[0], parts[1], parts[2], tzinfo=dt.UTC)
    return str(max(0, int(day.timestamp())))
