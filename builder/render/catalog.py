"""The catalog: one JSON object per document, the archive's machine-readable face.

Keys are documented in the README and kept stable; a key is omitted when its value is unknown.
"""

from __future__ import annotations

import json

from ..citable.validity import archive_validity
from ..model import Archive, Document


def catalog_entry(doc: Document) -> dict:
    entry: dict = {
        "id": doc.id,
        "kind": doc.kind,
        "title": doc.title,
        "url": doc.url,
        "publication": doc.publication,
        "source": doc.source,
        "source_lines": [doc.line_start, doc.line_end],
        "date": doc.date,
    }
    if doc.title_derived:
        entry["title_derived"] = True
    if doc.unparsed:
        entry["unparsed"] = True
    if doc.uncertain:
        entry["uncertain"] = list(doc.uncertain)
    if doc.issue:
        entry["issue"] = {"year": doc.issue.year, "number": doc.issue.number, "total": doc.issue.total}
    if doc.doc_number:
        entry["doc_number"] = doc.doc_number.raw
        entry["doc_number_normalized"] = doc.doc_number.normalized
    optional = {
        "issuer": doc.issuer, "doc_type": doc.doc_type, "recipients": doc.recipients,
        "enclosed_title": doc.enclosed_title, "attachments": list(doc.attachments),
        "pages": {"first": doc.pages[0], "last": doc.pages[1]} if doc.pages else None,
        "page": doc.page, "page_name": doc.page_name, "kicker": doc.kicker, "subtitle": doc.subtitle,
        "dateline": doc.dateline, "byline": doc.byline, "captions": list(doc.captions),
        "continues_on": doc.continues_on, "continued_from": doc.continued_from,
        "adopted": doc.adopted, "promulgated": doc.promulgated, "effective": doc.effective,
        "topics": list(doc.topics), "keywords": list(doc.keywords),
        "source_url": doc.source_url, "corrections": list(doc.corrections),
        "cites": [c.doc_number.normalized for c in doc.citations if c.relation == "cites"],
        "ends": [c.doc_number.normalized for c in doc.citations if c.relation == "ends"],
    }
    entry.update({k: v for k, v in optional.items() if v not in (None, [], "")})
    return {k: v for k, v in entry.items() if v is not None}


def catalog_records(archive: Archive) -> list[dict]:
    """One catalog record per document, in archive order (what catalog.json holds; the
    open-data exports are built from these records too)."""
    validity = archive_validity(archive)
    return [catalog_entry(d) | ({"validity": validity[d.id].catalog()} if d.id in validity else {}) for d in archive.documents]


def json_lines_array(items: list[dict]) -> str:
    """A JSON array of objects, one object a line: a diff between two releases shows the records
    that changed, and the C encoder makes it (``indent`` would take Python's, five times slower).

    >>> print(json_lines_array([{"id": "a", "pages": [1, 2]}, {"id": "档"}]), end="")
    [
    {"id": "a", "pages": [1, 2]},
    {"id": "档"}
    ]
    >>> json_lines_array([])
    '[]\\n'
    """
    if not items:
        return "[]\n"
    encode = json.JSONEncoder(ensure_ascii=False).encode
    return "[\n" + ",\n".join(map(encode, items)) + "\n]\n"


def catalog_json(archive: Archive, records: list[dict] | None = None) -> str:
    """The catalog as deterministic JSON text (documents in archive order; ``records``: the
    :func:`catalog_records` of ``archive``, when the caller has them)."""
    return json_lines_array(catalog_records(archive) if records is None else records)


def removals_json(archive: Archive) -> str:
    """The removal log: every span cleaning removed or moved, with its source line."""
    rows = [
        {"source": r.source, "line": r.line, "reason": r.reason, "text": r.text, "document": r.document, "replacement": r.replacement or None}
        for r in archive.removals
    ]
    return json_lines_array([{k: v for k, v in r.items() if v is not None} for r in rows])
