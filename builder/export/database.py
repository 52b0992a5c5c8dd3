"""archive.sqlite: every table of the open data plus a trigram full-text index, ready for Datasette.

Built with sqlite-utils into a scratch file on disk (in memory it would double the build's
peak: the file is 146 MB at 10,000 documents), in a fixed order, without a rollback journal
(a half-built scratch file is thrown away, never repaired), and compacted with VACUUM, so that
one corpus gives the same bytes on one SQLite version (the file header records the version).
Queries of two Chinese characters are shorter than a trigram: use ``LIKE`` on ``texts``
(see FALLBACK_SQL), which scans the texts and is instant at tens of thousands of documents.
"""

from __future__ import annotations

import errno
import json
import sqlite3
from collections.abc import Iterable, Mapping
from pathlib import Path

import sqlite_utils

from .schema import CITED_BY_VIEW, FTS_TABLE, SQLITE_TYPES, TABLES, TEXTS, Table

FALLBACK_SQL = "SELECT document_id, title FROM texts WHERE title LIKE '%' || :q || '%' OR text LIKE '%' || :q || '%'"
MIN_SQLITE = (3, 34, 0)  # FTS5's trigram tokenizer
SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN = 10, 13, 14  # primary result codes
DISK_ERRORS = (SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN)


def check_sqlite() -> None:
    if sqlite3.sqlite_version_info < MIN_SQLITE:
        raise RuntimeError(f"SQLite {sqlite3.sqlite_version} has no FTS5 trigram tokenizer (needs 3.34 or newer)")


def _cell(value):
    return json.dumps(value, ensure_ascii=False) if isinstance(value, list) else value


def _table(db: sqlite_utils.Database, name: str) -> sqlite_utils.db.Table:
    return db.table(name)  # a table, never a view (``db[name]`` may be either)


def _create(db: sqlite_utils.Database, table: Table, rows: Iterable[dict]) -> None:
    _table(db, table.name).create({c.name: SQLITE_TYPES[c.type] for c in table.columns}, pk=table.pk)
    _table(db, table.name).insert_all(({k: _cell(r[k]) for k in table.names} for r in rows), batch_size=1000)


def archive_sqlite(tables: Mapping[str, Iterable[dict]], path: Path) -> None:
    """Build the database at ``path`` (a new file in the caller's scratch folder); ``tables``
    maps every name of schema.TABLES to its rows (each iterated once)."""
    check_sqlite()
    if Path(path).exists():
        raise FileExistsError(path)  # never added to: the same rows must give the same bytes
    try:
        _build(tables, path)
    except sqlite3.OperationalError as exc:
        if exc.sqlite_errorcode & 0xFF not in DISK_ERRORS:
            raise
        # a full disk or a failing one is the environment's fault, not a bug: say so as write does
        raise OSError(errno.ENOSPC if exc.sqlite_errorcode & 0xFF == SQLITE_FULL else errno.EIO,
                      f"archive.sqlite could not be built ({exc})", str(path)) from exc


def _build(tables: Mapping[str, Iterable[dict]], path: Path) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        db = sqlite_utils.Database(conn)
        for table in TABLES:
            _create(db, table, tables[table.name])
        _table(db, TEXTS.name).enable_fts(["title", "text"], tokenize="trigram", create_triggers=False)
        assert _table(db, TEXTS.name).detect_fts() == FTS_TABLE
        conn.execute(CITED_BY_VIEW)
        conn.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')")
        conn.commit()
        conn.execute("VACUUM")
    finally:
        conn.close()
