"""The build cache: parsed sources by content hash, and the record of the last build.

A folder dangan makes and marks (a ``DANGAN-CACHE`` file in it): dangan writes into a cache
folder only when it made it (marker present) or when it is new or empty, and never inside
the corpus. Everything in it can be deleted at any time; the next build is then a full one.

- ``entries.sqlite``: pickled values by part and key, in one SQLite file (tens of thousands of
  small files cost more to open than to read: 1 ms each on a busy disk):
  ``parsed``, what parsing one source produced, keyed by :func:`parse_key` (the source's text
  and manifest entry, the settings parsing reads, the code version); ``rendered``, pages
  rendered by earlier builds with the lookups their templates made (builder/render/memo.py),
  and OpenCC conversions of pages; ``search``, the files of a search shard, by the digest of
  its keys' postings (builder/search/partitions.py);
- ``last-build.json`` and ``archive.pickle``: the inputs' fingerprint, the digests of the
  content and site folders as written, and the gathered archive of the last build, so that a
  rebuild with nothing changed can stop after checking that the outputs are intact.

The cache only ever skips work whose inputs are byte-identical: the output of a cached
build is the output of a clean one (tests/test_scale.py compares the trees).
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import sqlite3
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .model import DanganError, Diagnostic, FileContent, content_sha256

MARKER = "DANGAN-CACHE"
MARKER_TEXT = "This folder is dangan's build cache; it may be deleted at any time.\n"
RECORD = "last-build.json"
ARCHIVE = "archive.pickle"
SITE_STATE = "site-shards.pickle"
CONTENT_DIGESTS = "content-digests.pickle"
ENTRIES = "entries.sqlite"
LOCK = "build.lock"  # held by the build using the cache (see BuildCache.exclusive)
LEGACY_PARTS = ("parsed", "rendered", "search")
#: What unpickling a value written by other code (or cut short) raises.
UNREADABLE = (EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError, ValueError)
PACKAGE = Path(__file__).resolve().parent


@cache
def code_version() -> str:
    """A hash of the builder package's files (code and packaged data): a cache entry made by
    other code is never used. Cached per process: the package does not change under a build."""
    return files_digest(p for p in sorted(PACKAGE.rglob("*")) if p.is_file() and "__pycache__" not in p.parts
                        and p.suffix in {".py", ".yml", ".yaml", ".txt", ".json", ".j2", ".md"})


def files_digest(paths: Iterable[Path], root: Path | None = None) -> str:
    """sha256 over the (name, bytes) of files, in the given order."""
    h = hashlib.sha256()
    for p in paths:
        name = str(p.relative_to(root)) if root else str(p.relative_to(PACKAGE) if p.is_relative_to(PACKAGE) else p)
        h.update(name.encode("utf-8") + b"\0" + hashlib.sha256(p.read_bytes()).digest())
    return h.hexdigest()


def tree_digest(folder: Path) -> str:
    """sha256 over every file of a folder (names and bytes); '' when there is no folder."""
    folder = Path(folder)
    if not folder.is_dir():
        return ""
    return files_digest((p for p in sorted(folder.rglob("*")) if p.is_file()), folder)


def value_digest(*values: object) -> str:
    """sha256 of the ``repr`` of plain values (frozen dataclasses, strings, tuples, paths)."""
    return hashlib.sha256(repr(values).encode("utf-8")).hexdigest()


def parse_key(source: object, parse_settings: object) -> str:
    """The cache key of one source: its text, path and manifest entry (the whole ``Source``),
    what of the settings parsing reads, and the code version."""
    return value_digest(code_version(), parse_settings, source)


def related_key() -> str:
    """The key of the related documents' state: made by this code, found with its weights."""
    return value_digest(code_version(), "related")


def is_inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


@dataclass(frozen=True)
class BuildCache:
    folder: Path
    db: EntryStore = field(compare=False, repr=False)

    @classmethod
    def open(cls, folder: Path, corpus: Path) -> BuildCache:
        """The cache folder, made and marked if new; an error if it is inside the corpus or is
        a folder with files that dangan did not make."""
        folder = Path(folder).resolve()
        if is_inside(folder, corpus):
            raise DanganError([Diagnostic("error", "cache-in-corpus", f"the cache folder {folder} is inside the corpus; choose another (--cache)",
                                          str(corpus))])
        if folder.exists() and not (folder / MARKER).is_file() and (not folder.is_dir() or any(folder.iterdir())):
            raise DanganError([Diagnostic("error", "cache-not-dangan",
                                          f"{folder} exists and is not a dangan cache (no {MARKER} file in it); nothing was written there", str(folder))])
        folder.mkdir(parents=True, exist_ok=True)
        if not (folder / MARKER).is_file():
            (folder / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        for old in LEGACY_PARTS:  # one pickle file per entry, before entries.sqlite: dangan's own, in its own folder
            if (folder / old).is_dir():
                shutil.rmtree(folder / old, ignore_errors=True)
        return cls(folder, EntryStore(folder / ENTRIES))

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        """Held by one build at a time: a second build on the same cache (and so, in practice,
        on the same output folders) stops with a message instead of writing between the first's
        writes. An advisory lock of the system (``flock``), released when the build ends or its
        process dies; where there is none (Windows), no lock."""
        try:
            import fcntl
        except ImportError:
            yield
            return
        with open(self.folder / LOCK, "ab") as held:
            try:
                fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise DanganError([Diagnostic("error", "cache-in-use",
                                              f"another dangan build is using the cache folder {self.folder}; wait until it ends, "
                                              "or give this build a cache folder of its own (--cache)", str(self.folder))]) from None
            try:
                yield
            finally:
                fcntl.flock(held, fcntl.LOCK_UN)

    def parsed(self, key: str) -> object | None:
        return self.db.get("parsed", key)

    def store(self, key: str, value: object) -> None:
        self.db.put("parsed", key, value)

    def related_state(self) -> object | None:
        """The related documents of the last build with their features (builder/index/related.py)."""
        return self.db.get("index", related_key())

    def save_related_state(self, state: object) -> None:
        key = related_key()
        self.db.put("index", key, state)
        self.db.prune("index", {key})  # one state: that of this code

    def rendered(self) -> Entries:
        """The store of rendered pages (``get``/``put`` by key)."""
        return self.entries("rendered")

    def entries(self, part: str) -> Entries:
        """A store of values by key (``rendered``: what decides whether a page is reused; ``texts``:
        the pages' and other kept files' texts; ``search``: encoded search shards)."""
        return Entries(self.db, part)

    def prune(self, used: set[str], part: str = "parsed") -> int:
        """Delete entries of ``part`` the last build did not use (sources removed or edited)."""
        return self.db.prune(part, used)

    def prune_grown(self, used: Mapping[str, set[str]]) -> bool:
        """:meth:`prune` each part of ``used`` (part → the keys this build used), once the
        entries put since the last pruning could be a tenth of those in use: pruning reads
        every entry of a part (half a gigabyte of pages at 10,000 documents), so a rebuild
        that put a few dozen does not, and the cache never holds much that no build uses."""
        if self.db.puts * STALE_SHARE < sum(len(keys) for keys in used.values()):
            return False
        for part, keys in used.items():
            self.db.prune(part, keys)
        self.db.puts = 0
        self.db.commit()
        return True

    def commit(self) -> None:
        """Make the entries written so far last (a build calls this once it has succeeded)."""
        self.db.commit()

    def record(self) -> dict:
        try:
            return json.loads((self.folder / RECORD).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def save_record(self, record: dict, archive: object) -> None:
        self._save(ARCHIVE, archive)
        write_atomic(self.folder / RECORD, json.dumps(record, indent=1, sort_keys=True).encode("utf-8"))

    def site_state(self) -> dict | None:
        """What the last build's shards were built from and wrote (builder/renderers/mkdocs/commands.py)."""
        state = self._load(SITE_STATE)
        return state if isinstance(state, dict) else None

    def save_site_state(self, state: dict) -> None:
        self._save(SITE_STATE, state)

    def content_digests(self) -> dict[str, str] | None:
        """Each content file's digest as the last build wrote it (path → hex)."""
        sums = self._load(CONTENT_DIGESTS)
        return sums if isinstance(sums, dict) else None

    def save_content_digests(self, sums: dict[str, str]) -> None:
        self._save(CONTENT_DIGESTS, sums)

    def forget_record(self) -> None:
        (self.folder / RECORD).unlink(missing_ok=True)

    def last_archive(self) -> object | None:
        return self._load(ARCHIVE)

    def _load(self, name: str) -> object | None:
        """The value pickled in file ``name``; None when absent or unreadable (made by other code)."""
        try:
            return pickle.loads((self.folder / name).read_bytes())
        except (OSError, *UNREADABLE):
            return None

    def _save(self, name: str, value: object) -> None:
        write_atomic(self.folder / name, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


STALE_SHARE = 10  # the cache is pruned when the entries put since could be 1/STALE_SHARE of those in use


MAP_BYTES = 1 << 31  # SQLite's own limit where it was built with the default one
HOLDS_BATCH = 500  # keys per query (SQLite's default limit of host parameters is 32,766)


class EntryStore:
    """Pickled values by (part, key) in one SQLite file; an unreadable value is absent. Writes
    are committed by :meth:`commit` (and every few thousand puts), not one by one."""

    COMMIT_EVERY = 2000

    def __init__(self, path: Path):
        self.path = path
        existing = path.stat().st_size if path.is_file() else 0
        self.connection = sqlite3.connect(path, timeout=60)
        self.connection.execute("PRAGMA journal_mode=WAL")
        self.connection.execute("PRAGMA synchronous=NORMAL")
        # A rebuild reads an entry per page, search shard and document: through a map of the
        # file as it was (a third of the time of a read() each). The pages read count in the
        # process's resident memory, as clean pages of a file, which the system takes back; a
        # cold build, which mostly writes, maps nothing.
        if existing:
            self.connection.execute(f"PRAGMA mmap_size={min(existing, MAP_BYTES)}")
        self.connection.execute("CREATE TABLE IF NOT EXISTS entries (part TEXT NOT NULL, key TEXT NOT NULL, value BLOB NOT NULL, "
                                "PRIMARY KEY (part, key)) WITHOUT ROWID")
        self.connection.execute("CREATE TABLE IF NOT EXISTS counts (name TEXT PRIMARY KEY, value INTEGER NOT NULL)")
        self.pending = 0
        row = self.connection.execute("SELECT value FROM counts WHERE name = 'puts'").fetchone()
        self.puts = int(row[0]) if row else 0  # entries put since the last pruning (each may have replaced an older one's use)

    def get(self, part: str, key: str) -> object | None:
        row = self.connection.execute("SELECT value FROM entries WHERE part = ? AND key = ?", (part, key)).fetchone()
        if row is None:
            return None
        try:
            return pickle.loads(row[0])
        except UNREADABLE:
            return None  # made by other code: compute again

    def put(self, part: str, key: str, value: object) -> None:
        self.connection.execute("INSERT OR REPLACE INTO entries VALUES (?, ?, ?)", (part, key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)))
        self.pending += 1
        self.puts += 1
        if self.pending >= self.COMMIT_EVERY:
            self.commit()

    def prune(self, part: str, used: set[str]) -> int:
        self.connection.execute("CREATE TEMP TABLE IF NOT EXISTS used (key TEXT PRIMARY KEY)")
        self.connection.execute("DELETE FROM used")
        self.connection.executemany("INSERT OR IGNORE INTO used VALUES (?)", ((k,) for k in used))
        removed = self.connection.execute("DELETE FROM entries WHERE part = ? AND key NOT IN (SELECT key FROM used)", (part,)).rowcount
        self.commit()
        return removed

    def holds(self, part: str, keys: Iterable[str]) -> bool:
        wanted = sorted(set(keys))
        for start in range(0, len(wanted), HOLDS_BATCH):
            batch = wanted[start:start + HOLDS_BATCH]
            query = f"SELECT count(*) FROM entries WHERE part = ? AND key IN ({', '.join('?' * len(batch))})"
            if self.connection.execute(query, (part, *batch)).fetchone()[0] != len(batch):
                return False
        return True

    def count(self, part: str) -> int:
        return int(self.connection.execute("SELECT count(*) FROM entries WHERE part = ?", (part,)).fetchone()[0])

    def commit(self) -> None:
        self.connection.execute("INSERT OR REPLACE INTO counts VALUES ('puts', ?)", (self.puts,))
        self.connection.commit()
        self.pending = 0


@dataclass(frozen=True)
class Entries:
    """One part of the store: ``get``/``put`` by key (what builder/render/memo.py and
    builder/search/partitions.py are given)."""

    db: EntryStore
    part: str

    def get(self, key: str) -> object | None:
        return self.db.get(self.part, key)

    def put(self, key: str, value: object) -> None:
        self.db.put(self.part, key, value)

    def holds(self, keys: Iterable[str]) -> bool:
        return self.db.holds(self.part, keys)


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def hashed(files: Iterable[tuple[str, FileContent]], into: hashlib._Hash, sums: dict[str, str] | None = None) -> Iterator[tuple[str, FileContent]]:
    """Pass ``(path, content)`` pairs through, adding each to a digest (of the content folder
    as generated, without reading it back); ``sums``: each file's own digest by path."""
    for rel, content in files:
        own = bytes.fromhex(content_sha256(content))  # a staged or kept file: hashed where it was made, not read again
        into.update(rel.encode("utf-8") + b"\0" + own)
        if sums is not None:
            sums[rel] = own.hex()
        yield rel, content
