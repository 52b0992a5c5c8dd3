"""The rows of every open-data table, from the catalog records and the archive's issues,
pages, terms, relations and removals (not from document fields: the catalog is the contract)."""

from __future__ import annotations

from ..model import Archive
from ..render import links
from ..render.catalog import catalog_records
from .schema import DOCUMENTS

TEXT_MD = "text.md"
TEXT_TXT = "text.txt"


def text_paths(document_id: str) -> tuple[str, str]:
    """Where a document's full text goes, beside its page.

    >>> text_paths("lzgb/2024/10/liuzhengban-2022-59")
    ('lzgb/2024/10/liuzhengban-2022-59/text.md', 'lzgb/2024/10/liuzhengban-2022-59/text.txt')
    """
    return f"{document_id}/{TEXT_MD}", f"{document_id}/{TEXT_TXT}"


def licences(archive: Archive) -> list[str]:
    """The licences the manifest states, once each, in publication order."""
    return list(dict.fromkeys(p.licence for p in archive.publications if p.licence))


def flat_record(record: dict, issue_id: str | None = None, page_id: str | None = None) -> dict:
    """A catalog record flattened to the documents columns (lists stay lists; absent is None).

    >>> r = flat_record({"id": "a/1", "source_lines": [3, 9], "pages": {"first": 2, "last": 5}, "topics": ["教育"]})
    >>> r["line_start"], r["line_end"], r["page_first"], r["topics"], r["title_derived"], r["text_txt"]
    (3, 9, 2, ['教育'], False, 'a/1/text.txt')
    """
    issue = record.get("issue") or {}
    pages = record.get("pages") or {}
    lines = record.get("source_lines") or [None, None]
    md, txt = text_paths(record["id"])
    flat = {
        **record, **validity_columns(record.get("validity")),
        "line_start": lines[0], "line_end": lines[1],
        "title_derived": bool(record.get("title_derived")), "unparsed": bool(record.get("unparsed")),
        "issue_id": issue_id, "issue_year": issue.get("year"), "issue_number": issue.get("number"), "issue_total": issue.get("total"),
        "page_first": pages.get("first"), "page_last": pages.get("last"), "page_id": page_id,
        "text_md": md, "text_txt": txt,
    }
    return {c.name: flat.get(c.name, [] if c.type == "array" else None) for c in DOCUMENTS.columns}


def validity_columns(validity: dict | None) -> dict:
    """The catalog's ``validity`` and its evidence as flat ``validity_*`` columns (lists for the endings).

    >>> v = validity_columns({"status": "ended", "text": "已停止执行", "as_of": "2024-10",
    ...     "ended_by": [{"id": "g/1", "doc_number": "柳政规〔2024〕3号", "where": "2024年第10期", "line": 40}]})
    >>> v["validity_status"], v["validity_ended_by"], v["validity_ended_by_line"], v["validity_term"]
    ('ended', ['g/1'], [40], None)
    >>> validity_columns(None)["validity_ended_by"]
    []
    """
    validity = validity or {}
    ended = validity.get("ended_by") or []
    term = validity.get("term") or {}
    return {
        "validity_status": validity.get("status"), "validity_text": validity.get("text"), "validity_as_of": validity.get("as_of"),
        "validity_ended_by": [e["id"] for e in ended], "validity_ended_by_doc_number": [e["doc_number"] for e in ended],
        "validity_ended_by_where": [e["where"] for e in ended], "validity_ended_by_line": [e["line"] for e in ended],
        "validity_term": term.get("text"), "validity_term_line": term.get("line"), "validity_expires": term.get("expires"),
    }


def document_rows(archive: Archive, records: list[dict] | None = None) -> list[dict]:
    """The documents table: the catalog's records (``records``, when the caller has them) flattened."""
    issue_of = {d: i.id for i in archive.issues for d in i.documents}
    page_of = {d: p.id for p in archive.pages for d in p.documents}
    return [flat_record(r, issue_of.get(r["id"]), page_of.get(r["id"])) for r in (catalog_records(archive) if records is None else records)]


def issue_rows(archive: Archive) -> list[dict]:
    return [
        {"id": i.id, "publication": i.publication, "year": i.year, "number": i.number, "total": i.total, "date": i.date,
         "editor": i.editor, "supervisor": i.supervisor, "alternate_title": i.alternate_title, "url": i.url,
         "source": i.source, "documents": list(i.documents)}
        for i in archive.issues
    ]


def page_rows(archive: Archive) -> list[dict]:
    return [
        {"id": p.id, "publication": p.publication, "date": p.date, "page": p.page, "page_name": p.page_name,
         "url": p.url, "source": p.source, "documents": list(p.documents)}
        for p in archive.pages
    ]


def _term_url(term) -> str:
    return links.url_of(links.term_path(term))


def agency_rows(archive: Archive) -> list[dict]:
    rows = [{"agency": t.label, "role": t.taxonomy, "document_id": d, "url": _term_url(t)}
            for t in archive.terms if t.taxonomy in ("issuer", "mention") for d in t.documents]
    return sorted(rows, key=lambda r: (r["agency"], r["role"], r["document_id"]))


def topic_rows(archive: Archive) -> list[dict]:
    rows = [{"topic": t.label, "document_id": d, "url": _term_url(t)} for t in archive.terms if t.taxonomy == "topic" for d in t.documents]
    return sorted(rows, key=lambda r: (r["topic"], r["document_id"]))


def relation_rows(archive: Archive) -> list[dict]:
    return [{"source": r.source, "relation": r.relation, "doc_number": r.number, "target": r.target, "title": r.title, "line": r.line}
            for r in archive.relations]


def confidence_rows(archive: Archive) -> list[dict]:
    """Every inferred field's confidence (from the documents: the catalog lists only the uncertain names)."""
    return [{"document_id": d.id, "field": name, "confidence": value, "uncertain": name in d.uncertain}
            for d in archive.documents for name, value in d.confidence]


def removal_rows(archive: Archive) -> list[dict]:
    return [{"seq": n, "source": r.source, "line": r.line, "reason": r.reason, "text": r.text, "document": r.document,
             "replacement": r.replacement or None}
            for n, r in enumerate(archive.removals, start=1)]
