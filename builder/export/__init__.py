"""Open data: the archive in the formats researchers use, built from the catalog records.

``open_data_files`` gives the files beside catalog.json (catalog.json, catalog.csv, removals.json,
archive.sqlite, metadata.json, datapackage.json); ``text_files`` every document's text.md and
text.txt (written into the built site beside the page, since MkDocs would render a .md);
``data_page`` the 数据下载 page. ``bundle`` packs a built site into one offline zip.
"""

from __future__ import annotations

from ..model import Archive
from ..render.catalog import catalog_json, removals_json
from . import rows
from .database import archive_sqlite
from .datapage import DATA_PAGE, data_page
from .package import datapackage_json, datasette_metadata
from .tabular import catalog_csv
from .texts import plain_text, text_files

__all__ = ["DATA_PAGE", "data_page", "open_data_files", "text_files"]

TITLE = "档案 · dangan"


def table_rows(archive: Archive) -> dict[str, list[dict]]:
    """Rows of every table of schema.TABLES."""
    texts = [{"document_id": d.id, "title": d.title, "text": plain_text(d)} for d in archive.documents]
    return {
        "documents": rows.document_rows(archive), "texts": texts, "issues": rows.issue_rows(archive),
        "pages": rows.page_rows(archive), "agencies": rows.agency_rows(archive), "topics": rows.topic_rows(archive),
        "relations": rows.relation_rows(archive), "removals": rows.removal_rows(archive),
    }


def open_data_files(archive: Archive) -> dict[str, bytes]:
    """Every data file of the site root, in a fixed order (datapackage.json last: it describes the others)."""
    tables = table_rows(archive)
    licences = rows.licences(archive)
    files = {
        "catalog.json": catalog_json(archive).encode("utf-8"),
        "catalog.csv": catalog_csv(tables["documents"]),
        "removals.json": removals_json(archive).encode("utf-8"),
        "archive.sqlite": archive_sqlite(tables),
        "metadata.json": datasette_metadata(licences, TITLE),
    }
    files["datapackage.json"] = datapackage_json(files, licences, TITLE)
    return files
