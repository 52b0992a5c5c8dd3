"""Single official documents, one per file, in no issue (a law collection, a folder of notices).

``head`` reads the title and the lines under it (发文字号 or 令号, adoption and effective
dates); the body is segmented like a gazette document's (chapters, 条 with their anchors,
一、 headings, recipients, signature), and the metadata is read the same way.
"""

from __future__ import annotations

from dataclasses import replace

from ...model import Diagnostic, Document, Line, Removal, Source, SourceResult
from ...zh.dates import parse_date
from ..base import Kind
from ..gazette.body import derived_title, segment_body, unparsed_blocks
from ..gazette.meta import attachment_names, block_citations, doc_type_of, enclosed_title, issuer_from_title
from ..gazette.text import ends_with_rule_type
from ..identity import single_document_id
from .head import Head, read_head, strip_comments
from .wrap import join_column_lines

DOCUMENT_KIND = "single_document"


def head_removals(head: Head, source: str, doc_id: str) -> list[Removal]:
    out = [Removal(source, l.no, l.text, "title", doc_id, head.title) for l in head.title_lines]
    out += [Removal(source, l.no, l.text, "doc-header", doc_id) for l in head.header_lines]
    return out


def parse(source: Source, lines: tuple[Line, ...]) -> SourceResult:
    """One document: title, header lines, structured body, metadata, identity."""
    path = str(source.path)
    lines, removals = strip_comments(lines, source.file)
    head = read_head(lines)
    if not any(l.text.strip() for l in lines):
        return SourceResult(source=source.file, removals=tuple(removals), diagnostics=(
            Diagnostic("error", "document-empty", "the file holds no text (after comments)", path),))
    number = head.doc_number
    date = head.dates.adopted or head.dates.promulgated or head.date
    doc_id = single_document_id(source.publication.slug, number, source.id, source.date, source.path.stem)
    diagnostics: list[Diagnostic] = []
    if not head.understood:
        body_lines = head.body
        title = derived_title(body_lines)
        first = next(l.no for l in body_lines if l.text.strip())
        last = max(l.no for l in body_lines if l.text.strip())
        diagnostics.append(Diagnostic("warning", "document-unparsed", "no title found: kept as printed, flagged unparsed", path, first))
        doc = Document(
            id=doc_id, kind=DOCUMENT_KIND, publication=source.publication.slug, source=source.file, title=title,
            line_start=first, line_end=last, blocks=unparsed_blocks(body_lines), title_derived=True,
            date=source.date.iso() if source.date else None, unparsed=True,
        )
        return SourceResult(source=source.file, documents=(doc,), removals=tuple(removals), diagnostics=tuple(diagnostics))
    paragraphs, _ = join_column_lines(head.body)
    body = segment_body(paragraphs, frozenset(), source.file, path)
    signed = parse_date(body.signature[-1]) if body.signature else None
    date = date or signed or (source.date.iso() if source.date else None)
    issuer = issuer_from_title(head.title) or next((s for s in body.signature[:-1]), None)
    last = next((l.no for l in reversed(head.body) if l.text.strip()), head.title_lines[-1].no)
    known = frozenset({number.agency_code} if number else ())
    doc = Document(
        id=doc_id, kind=DOCUMENT_KIND, publication=source.publication.slug, source=source.file,
        title=head.title, line_start=head.title_lines[0].no, line_end=last, blocks=body.blocks,
        date=date, position=1, doc_number=number, issuer=issuer,
        doc_type=doc_type_of(head.title) or ends_with_rule_type(head.title), recipients=body.recipients,
        attachments=attachment_names(body.blocks), enclosed_title=enclosed_title(head.title),
        signature=body.signature, citations=block_citations(body.blocks, known, number),
        adopted=head.dates.adopted, promulgated=head.dates.promulgated, effective=head.dates.effective,
    )
    if doc.doc_type is None:
        diagnostics.append(Diagnostic("warning", "doc-type-unknown", f"title names no 文种 or kind of rule: {doc.title}", path, doc.line_start))
    removals = [replace(r, document=doc_id) for r in removals] + head_removals(head, source.file, doc_id)
    removals += [replace(r, document=doc_id) for r in body.removals]
    diagnostics += body.diagnostics
    return SourceResult(source=source.file, documents=(doc,), removals=tuple(removals), diagnostics=tuple(diagnostics))


KIND = Kind(
    name="documents", document_kind=DOCUMENT_KIND, parse=parse, document_template="document.md.j2",
    container="none", official=True, count_label="documents", filter_label="单行文件",
)
