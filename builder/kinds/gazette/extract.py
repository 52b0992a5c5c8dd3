"""Gazette metadata: the issue, each document's identity and metadata, TOC matching, page ranges."""

from __future__ import annotations

from dataclasses import replace

from ...model import Diagnostic, DocNumber, Document, Issue, IssueRef, Removal, Source, SourceResult
from ...zh.dates import parse_date
from ..identity import gazette_document_id, issue_id
from .header import Dates, read_dates
from .issue import read_issue
from .meta import attachment_names, block_citations, doc_type_of, enclosed_title, issuer_from_title
from .segment import DocumentSegment, GazetteSegments
from .toc import match_toc, page_ranges, parse_toc_entry


def body_dates(seg: DocumentSegment) -> Dates:
    """The adoption / promulgation / effective dates a 规章 prints under its title (in a 政府令)."""
    return next((d for b in seg.body.blocks[:8] if (d := read_dates(b.text))), Dates())


def document_date(seg: DocumentSegment) -> str | None:
    """成文日期: from the header line, else from the date under the signature, else the date
    a 政府令's 规章 was promulgated."""
    signed = parse_date(seg.body.signature[-1]) if seg.body.signature else None
    return seg.header_date or signed or body_dates(seg).promulgated


def header_removals(seg: DocumentSegment, source: str, doc_id: str, number: DocNumber | None, date: str | None) -> list[Removal]:
    """The title and header lines leave the body for metadata fields: log where they went."""
    out = [Removal(source, l.no, l.text, "title", doc_id, seg.title) for l in seg.title_lines]
    if seg.header:
        moved = " ".join(x for x in (date, number.normalized if number else None) if x)
        out.append(Removal(source, seg.header.no, seg.header.text, "doc-header", doc_id, moved))
    return out


def document_diagnostics(doc: Document, path: str) -> list[Diagnostic]:
    """What a reader of the archive would miss about a document."""
    out = []
    if doc.doc_number is None:
        out.append(Diagnostic("warning", "doc-number-missing", f"no 发文字号 found for: {doc.title}", path, doc.line_start))
    if doc.doc_type is None:
        out.append(Diagnostic("warning", "doc-type-unknown", f"title does not end with one of the 15 文种: {doc.title}", path, doc.line_start))
    if doc.date is None:
        out.append(Diagnostic("warning", "doc-date-missing", f"no 成文日期 found for: {doc.title}", path, doc.line_start))
    return out


def repeated_number_message(number: str, first: str, again: str, doc_id: str) -> str:
    """The warning for a 发文字号 printed by two documents of one issue: both places, and the
    address the second one gets instead.

    >>> repeated_number_message("清政办〔2025〕12号", "g.txt:40", "g.txt:900", "qjgb/2025/03/item-07")
    '发文字号 清政办〔2025〕12号 printed twice in the issue: first at g.txt:40, again at g.txt:900; the second is published as qjgb/2025/03/item-07'
    """
    return f"发文字号 {number} printed twice in the issue: first at {first}, again at {again}; the second is published as {doc_id}"


def extract_gazette(source: Source, seg: GazetteSegments) -> SourceResult:
    path = str(source.path)
    meta = read_issue(source, seg.front, seg.colophon, seg.fields)
    iid = issue_id(source.publication.slug, meta.year, meta.number)
    ref = IssueRef(meta.year, meta.number, meta.total)
    numbers = [d.doc_number for d in seg.documents]
    known = frozenset(n.agency_code for n in numbers if n)
    documents, removals, diagnostics = [], list(seg.removals), [*seg.diagnostics, *meta.diagnostics]
    first_line: dict[str, int] = {}  # document id → line of the document that took it
    for position, (ds, number) in enumerate(zip(seg.documents, numbers, strict=True), start=1):
        doc_id = gazette_document_id(iid, number, position)
        if doc_id in first_line and number:  # without a number the id holds the position: never repeated
            doc_id = gazette_document_id(iid, None, position)
            first = f"{source.file}:{first_line[gazette_document_id(iid, number, position)]}"
            message = repeated_number_message(number.normalized, first, f"{source.file}:{ds.line_start}", doc_id)
            diagnostics.append(Diagnostic("warning", "doc-number-repeated", message, path, ds.line_start))
        first_line[doc_id] = ds.line_start
        date = document_date(ds)
        doc = Document(
            id=doc_id, kind="gazette_document", publication=source.publication.slug, source=source.file,
            title=ds.title, line_start=ds.line_start, line_end=ds.line_end, blocks=ds.body.blocks,
            date=date, position=position, issue=ref, doc_number=number, issuer=issuer_from_title(ds.title),
            doc_type=doc_type_of(ds.title), recipients=ds.body.recipients, attachments=attachment_names(ds.body.blocks),
            enclosed_title=enclosed_title(ds.title), signature=ds.body.signature,
            title_derived=ds.unparsed, unparsed=ds.unparsed,
            adopted=body_dates(ds).adopted, promulgated=body_dates(ds).promulgated, effective=body_dates(ds).effective,
            citations=block_citations(ds.body.blocks, known, number),
        )
        documents.append(doc)
        removals += header_removals(ds, source.file, doc_id, number, date)
        removals += [replace(r, document=doc_id) for r in ds.body.removals]
        diagnostics += ds.body.diagnostics
        diagnostics += document_diagnostics(doc, path)
    toc, toc_problems = match_toc(tuple(parse_toc_entry(e) for e in seg.toc), tuple(documents), path)
    diagnostics += toc_problems
    ranges = page_ranges(tuple(documents), toc)
    documents = [replace(d, pages=ranges.get(d.id)) if toc else d for d in documents]
    issue = Issue(
        id=iid, publication=source.publication.slug, source=source.file, year=meta.year, number=meta.number,
        total=meta.total, date=meta.date, editor=meta.editor, supervisor=meta.supervisor,
        alternate_title=meta.alternate_title, toc=toc, documents=tuple(d.id for d in documents),
        front_matter=meta.front_matter, phone=meta.phone,
    )
    return SourceResult(
        source=source.file, documents=tuple(documents), issue=issue,
        removals=tuple(removals), diagnostics=tuple(diagnostics),
    )
