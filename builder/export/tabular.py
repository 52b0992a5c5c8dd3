"""catalog.csv: the documents table for spreadsheets (UTF-8 with a BOM, so Excel reads Chinese)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from .schema import DOCUMENTS, LIST_SEPARATOR


def csv_cell(value) -> str:
    """One cell: lists joined with LIST_SEPARATOR, booleans as true/false, None empty.

    >>> csv_cell(["教育", "科技"]), csv_cell(True), csv_cell(None), csv_cell(3)
    ('教育 | 科技', 'true', '', '3')
    """
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def catalog_csv(rows: Iterable[dict]) -> bytes:
    """The documents rows as CSV bytes: BOM, a header of DOCUMENTS' columns in fixed order, CRLF lines."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(DOCUMENTS.names)
    for row in rows:
        writer.writerow([csv_cell(row[name]) for name in DOCUMENTS.names])
    return b"\xef\xbb\xbf" + out.getvalue().encode("utf-8")
