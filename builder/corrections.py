"""The archivist's corrections applied to parsed documents: a pure function between parsing
and indexing. Every correction is validated against what was parsed (unknown source, field or
line range is an error naming its corrections.yml line), recorded on the document
(``Document.corrections``, shown on the page and in the catalog) and clears the field's
uncertainty. ``correction_stubs`` writes a ready-to-edit entry for each uncertain field."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from .kinds.newspaper.extract import derive_title
from .model import Block, DanganError, Diagnostic, Document, SourceResult
from .sources.corrections import Correction

#: Fields a correction may set, and the type each takes.
FIELDS: dict[str, type] = {
    "title": str, "kicker": str, "subtitle": str, "byline": str, "dateline": str, "page_name": str,
    "page": int, "date": str, "doc_type": str, "issuer": str, "recipients": str,
}


def target(correction: Correction, documents: Sequence[Document]) -> Document | None:
    """The document of the correction's source whose lines hold its line range (the first one
    when no range is given and the source has one document)."""
    mine = [d for d in documents if d.source == correction.source]
    if correction.first is None or correction.last is None:  # both or neither (see sources.corrections)
        return mine[0] if len(mine) == 1 else None
    return next((d for d in mine if d.line_start <= correction.first and correction.last <= d.line_end), None)


def apply_corrections(documents: Sequence[Document], corrections: Sequence[Correction], sources: Sequence[str]) -> tuple[Document, ...]:
    """The documents with every correction applied; DanganError listing every invalid one."""
    problems, by_id = [], {d.id: d for d in documents}
    for c in corrections:
        if c.action != "set":
            continue
        if c.source not in sources:
            problems.append(Diagnostic("error", "correction-source", f"unknown source {c.source!r}", c.path, c.line))
            continue
        doc = target(c, list(by_id.values()))
        if doc is None:
            span = f"lines {c.first}-{c.last}" if c.first is not None else "no lines: given (the source has several documents)"
            problems.append(Diagnostic("error", "correction-lines", f"{c.source}: {span} lie inside no single document", c.path, c.line))
            continue
        changes: dict[str, Any] = {}  # each value checked against FIELDS below
        for field, value in c.set:
            kind = FIELDS.get(field)
            if kind is None:
                problems.append(Diagnostic("error", "correction-field", f"unknown field {field!r} (known: {', '.join(FIELDS)})", c.path, c.line))
            elif not isinstance(value, kind) or isinstance(value, bool):
                problems.append(Diagnostic("error", "correction-value", f"{field} must be {kind.__name__}, got {value!r}", c.path, c.line))
            else:
                changes[field] = value
        if not changes:
            continue
        was = "; ".join(f"{k}: {getattr(doc, k)!r} → {v!r}" for k, v in changes.items())
        note = f"corrections.yml:{c.line}: {was}" + (f" ({c.note})" if c.note else "")
        if "title" in changes:
            changes["title_derived"] = False
        by_id[doc.id] = replace(doc, **changes, corrections=(*doc.corrections, note),
                                uncertain=tuple(u for u in doc.uncertain if u not in changes))
    if problems:
        raise DanganError(problems)
    return tuple(by_id[d.id] for d in documents)


def apply_structure(results: Sequence[SourceResult], corrections: Sequence[Correction], sources: Sequence[str]) -> list[SourceResult]:
    """The results with every ``split`` and ``merge`` applied, in corrections.yml order;
    DanganError listing every one that names no source, no article or no place to cut.

    Runs before URLs are assigned, so that a split part gets its own identity (its id is the
    article's id with ``-2``: no later article moves) and a merged article's URL can redirect."""
    problems: list[Diagnostic] = []
    by_source = {r.source: i for i, r in enumerate(results)}
    out = list(results)
    for c in corrections:
        if c.action == "set":
            continue
        if c.source not in sources or c.source not in by_source:
            problems.append(Diagnostic("error", "correction-source", f"unknown source {c.source!r}", c.path, c.line))
            continue
        i = by_source[c.source]
        try:
            out[i], ids = (split_article if c.action == "split" else merge_articles)(out[i], c)
        except ValueError as exc:
            problems.append(Diagnostic("error", f"correction-{c.action}", f"{c.source}: {exc}", c.path, c.line))
            continue
        # a page another source holds (article files sharing one printed page) lists the ids too
        out = [r if k == i else _with_documents(r, list(r.documents), ids, lambda x: x.document) for k, r in enumerate(out)]
    if problems:
        raise DanganError(problems)
    return out


def _holding(result: SourceResult, line: int) -> int:
    """The index of the document whose lines hold ``line``; ValueError naming the line."""
    for n, d in enumerate(result.documents):
        if d.line_start <= line <= d.line_end:
            return n
    raise ValueError(f"line {line} lies inside no article (the articles span "
                     + ", ".join(f"{d.line_start}-{d.line_end}" for d in result.documents) + ")")


def _with_documents(result: SourceResult, documents: list[Document], ids: dict[str, tuple[str, ...]],
                    removal_owner) -> SourceResult:
    """The result with its documents replaced and every list of ids (issue, pages) rewritten:
    ``ids`` maps an id to what stands in its place (itself and a new part, or nothing)."""
    redo = lambda xs: tuple(y for x in xs for y in ids.get(x, (x,)))  # noqa: E731
    issue = result.issue and replace(result.issue, documents=redo(result.issue.documents))
    page = result.page and replace(result.page, documents=redo(result.page.documents))
    pages = tuple(replace(p, documents=redo(p.documents)) for p in result.pages)
    removals = tuple(replace(r, document=removal_owner(r)) for r in result.removals)
    return replace(result, documents=tuple(documents), issue=issue, page=page, pages=pages, removals=removals)


def split_article(result: SourceResult, c: Correction) -> tuple[SourceResult, dict[str, tuple[str, ...]]]:
    """Cut the article holding line ``c.at[0]`` in two at the first block starting at or after
    that line. The first part keeps the id, title, byline and position; the second part is
    ``<id>-2``, printed next, titled by ``c.second_title`` or a derived, flagged title."""
    line = c.at[0]
    n = _holding(result, line)
    doc = result.documents[n]
    cut = next((k for k, b in enumerate(doc.blocks) if b.line >= line), None)
    if cut is None:
        raise ValueError(f"split: {line}: no block of the article (lines {doc.line_start}-{doc.line_end}) starts at or after line {line}")
    if cut == 0:
        raise ValueError(f"split: {line}: the cut would leave the first part (lines {doc.line_start}-{doc.line_end}) without a body; "
                         f"its first block starts at line {doc.blocks[0].line}, cut after it")
    start = doc.blocks[cut].line
    new_id = f"{doc.id}-2"
    if any(d.id == new_id for d in result.documents):
        raise ValueError(f"split: {line}: the article {doc.id} was split already")
    title = c.second_title or derive_title(doc.blocks[cut].lead + doc.blocks[cut].text) or doc.title
    note = f"corrections.yml:{c.line}: split at line {start}" + (f" ({c.note})" if c.note else "")
    first = replace(doc, blocks=doc.blocks[:cut], line_end=start - 1,
                    corrections=(*doc.corrections, f"{note}; lines {start}-{doc.line_end} are now /{new_id}/"))
    second = Document(
        new_id, doc.kind, doc.publication, doc.source, title.strip(), start, doc.line_end, doc.blocks[cut:],
        title_derived=not c.second_title, date=doc.date, position=doc.position, issue=doc.issue, page=doc.page,
        page_name=doc.page_name, uncertain=() if c.second_title else ("title",), split_from=doc.id,
        corrections=(f"{note}; cut from /{doc.id}/",))
    docs = [*result.documents[:n], first, second, *result.documents[n + 1:]]
    owner = lambda r: new_id if r.document == doc.id and r.line >= start else r.document  # noqa: E731
    ids: dict[str, tuple[str, ...]] = {doc.id: (doc.id, new_id)}
    return _with_documents(result, docs, ids, owner), ids


def merge_articles(result: SourceResult, c: Correction) -> tuple[SourceResult, dict[str, tuple[str, ...]]]:
    """Join the two consecutive articles holding lines ``c.at`` into the first: the second's
    title (unless derived from its body), kicker, subtitle, dateline and byline become blocks
    where they stood, so no character is lost; its id is recorded in ``merged`` (a redirect)."""
    a, b = (_holding(result, x) for x in c.at)
    if b != a + 1:
        what = "the same article" if a == b else f"articles {a + 1} and {b + 1} of the source, not consecutive"
        raise ValueError(f"merge: {list(c.at)}: the lines lie in {what}")
    first, second = result.documents[a], result.documents[b]
    if (first.page, first.issue) != (second.page, second.issue):
        raise ValueError(f"merge: {list(c.at)}: {first.id} and {second.id} are on different pages")
    at = second.line_start
    heads = [Block("heading", t, level=1, line=at) for t in [second.kicker, None if second.title_derived else second.title, second.subtitle] if t]
    heads += [Block("paragraph", t, line=at) for t in [second.dateline, second.byline, second.recipients] if t]
    note = f"corrections.yml:{c.line}: merged /{second.id}/ (lines {second.line_start}-{second.line_end}) into this article; its URL redirects here" \
        + (f" ({c.note})" if c.note else "")
    joined = replace(first, line_end=second.line_end, blocks=(*first.blocks, *heads, *second.blocks),
                     captions=(*first.captions, *second.captions), attachments=(*first.attachments, *second.attachments),
                     signature=(*first.signature, *second.signature),
                     corrections=(*first.corrections, *second.corrections, note), merged=(*first.merged, second.id, *second.merged))
    docs = [*result.documents[:a], joined, *result.documents[b + 1:]]
    owner = lambda r: first.id if r.document == second.id else r.document  # noqa: E731
    ids: dict[str, tuple[str, ...]] = {second.id: ()}
    merged = _with_documents(result, docs, ids, owner)
    if merged.issue:
        merged = replace(merged, issue=replace(merged.issue, toc=tuple(
            replace(t, document=first.id) if t.document == second.id else t for t in merged.issue.toc)))
    return merged, ids


def correction_stubs(documents: Sequence[Document]) -> str:
    """A corrections.yml fragment with one entry per uncertain document, ready to edit.

    >>> d = Document("p/1", "newspaper_article", "p", "a.txt", "标题", 3, 9, uncertain=("title",))
    >>> print(correction_stubs([d]))
    corrections:
      - source: a.txt
        lines: 3-9
        set:
          title: "标题"  # uncertain: check against the page
    """
    rows = []
    for d in documents:
        if not d.uncertain:
            continue
        rows += [f"  - source: {d.source}", f"    lines: {d.line_start}-{d.line_end}", "    set:"]
        for field in d.uncertain:
            value = getattr(d, field, None) if field in FIELDS else None
            shown = '"' + str(value).replace('"', '\\"') + '"' if value is not None else "null"
            rows.append(f"      {field}: {shown}  # uncertain: check against the page")
    return "corrections:\n" + "\n".join(rows) if rows else ""
