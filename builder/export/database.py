"""archive.sqlite: every table of the open data plus a trigram full-text index, ready for Datasette.

Built in memory with sqlite-utils in a fixed order and compacted with VACUUM, so that one
corpus gives the same bytes on one SQLite version (the file header records the version).
Queries of two Chinese characters are shorter than a trigram: use ``LIKE`` on ``texts``
(see FALLBACK_SQL), which scans the texts and is instant at tens of thousands of documents.
"""

from __future__ import annotations

import json
import sqlite3

import sqlite_utils

from .schema import CITED_BY_VIEW, FTS_TABLE, SQLITE_TYPES, TABLES, TEXTS, Table

FALLBACK_SQL = "SELECT document_id, title FROM texts WHERE title LIKE '%' || :q || '%' OR text LIKE '%' || :q || '%'"
MIN_SQLITE = (3, 34, 0)  # FTS5's trigram tokenizer


def check_sqlite() -> None:
    if sqlite3.sqlite_version_info < MIN_SQLITE:
        raise RuntimeError(f"SQLite {sqlite3.sqlite_version} has no FTS5 trigram tokenizer (needs 3.34 or newer)")


def _cell(value):
    return json.dumps(value, ensure_ascii=False) if isinstance(value, list) else value


def _create(db: sqlite_utils.Database, table: Table, rows: list[dict]) -> None:
    db[table.name].create({c.name: SQLITE_TYPES[c.type] for c in table.columns}, pk=table.pk)
    if rows:
        db[table.name].insert_all(({k: _cell(r[k]) for k in table.names} for r in rows), batch_size=1000)


def archive_sqlite(tables: dict[str, list[dict]]) -> bytes:
    """The database file's bytes; ``tables`` maps every name of schema.TABLES to its rows."""
    check_sqlite()
    conn = sqlite3.connect(":memory:")
    try:
        db = sqlite_utils.Database(conn)
        for table in TABLES:
            _create(db, table, tables[table.name])
        db[TEXTS.name].enable_fts(["title", "text"], tokenize="trigram", create_triggers=False)
        assert db[TEXTS.name].detect_fts() == FTS_TABLE
        conn.execute(CITED_BY_VIEW)
        conn.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')")
        conn.commit()
        conn.execute("VACUUM")
        return conn.serialize()
    finally:
        conn.close()
