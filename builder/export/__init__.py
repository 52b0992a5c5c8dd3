"""Open data: the archive in the formats researchers use, built from the catalog records.

``open_data_files`` gives the files beside catalog.json (catalog.json, catalog.csv, removals.json,
archive.sqlite, metadata.json, datapackage.json); ``text_files`` every document's text.md and
text.txt (written into the built site beside the page, since MkDocs would render a .md);
``data_page`` the 数据下载 page. ``bundle`` packs a built site into one offline zip.

archive.sqlite is the one file not held in memory: it is built in a scratch folder of this
stage's own (``dangan-data-…`` in the system's temporary folder) and handed on as a
``StagedFile``, which the write stage copies into the content folder; the scratch folder goes
when the ``with`` block ends. Nothing here writes into an output folder.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

from ..model import Archive, StagedFile
from ..parallel import threaded
from ..render.catalog import catalog_json, catalog_records, removals_json
from . import rows
from .database import archive_sqlite
from .datapage import DATA_PAGE, data_page
from .package import datapackage_json, datasette_metadata
from .tabular import catalog_csv
from .texts import plain_text, text_files

__all__ = ["DATA_PAGE", "data_page", "open_data_files", "started_open_data", "text_files"]

TITLE = "档案 · dangan"

#: Where archive.sqlite is built (:meth:`builder.parallel.Executor.aside`).
Aside = Callable[..., AbstractContextManager[Callable[[], object]]]


def table_rows(archive: Archive, records: list[dict] | None = None) -> dict[str, Iterable[dict]]:
    """Rows of every table of schema.TABLES (the texts made one at a time as they are inserted;
    the documents rows a list, since catalog.csv has them too). ``records``: the catalog's, when the caller has them."""
    texts = ({"document_id": d.id, "title": d.title, "text": plain_text(d)} for d in archive.documents)
    return {
        "documents": rows.document_rows(archive, records), "texts": texts, "issues": rows.issue_rows(archive),
        "pages": rows.page_rows(archive), "agencies": rows.agency_rows(archive), "topics": rows.topic_rows(archive),
        "relations": rows.relation_rows(archive), "removals": rows.removal_rows(archive),
        "confidences": rows.confidence_rows(archive),
    }


@contextmanager
def open_data_files(archive: Archive) -> Iterator[dict[str, bytes | StagedFile]]:
    """Every data file of the site root, in a fixed order (datapackage.json last: it describes
    the others); archive.sqlite is a StagedFile, valid inside the ``with`` block only."""
    with started_open_data(archive) as data:
        yield data()


@contextmanager
def started_open_data(archive: Archive, aside: Aside = threaded) -> Iterator[Callable[[], dict[str, bytes | StagedFile]]]:
    """:func:`open_data_files` started: archive.sqlite is built beside the caller from here on
    (``aside``: on a thread by default, in a forked process on the build's local pool: see
    :meth:`builder.parallel.Executor.aside`), while the caller renders pages; the function
    yielded waits for it and gives the files, the same bytes as built in line."""
    with tempfile.TemporaryDirectory(prefix="dangan-data-") as scratch:
        records = catalog_records(archive)  # catalog.json's, and flattened, the documents table's
        tables = table_rows(archive, records)
        database = Path(scratch) / "archive.sqlite"
        with aside(archive_sqlite, tables, database) as built:  # its end waits for SQLite to close the file before the scratch folder goes
            made: list[dict[str, bytes | StagedFile]] = []

            def finished() -> dict[str, bytes | StagedFile]:
                if not made:
                    licences = rows.licences(archive)
                    files: dict[str, bytes | StagedFile] = {
                        "catalog.json": catalog_json(archive, records).encode("utf-8"),
                        "catalog.csv": catalog_csv(tables["documents"]),
                        "removals.json": removals_json(archive).encode("utf-8"),
                    }
                    built()  # its error, if it failed, is raised here
                    files["archive.sqlite"] = staged(database)
                    files["metadata.json"] = datasette_metadata(licences, TITLE)
                    files["datapackage.json"] = datapackage_json(files, licences, TITLE)
                    made.append(files)
                return made[0]

            yield finished


def staged(path: Path) -> StagedFile:
    """A finished scratch file, with its size and SHA-256 (read once, in chunks)."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return StagedFile(path, path.stat().st_size, digest.hexdigest())
