"""The archivist's corrections applied to parsed documents: a pure function between parsing
and indexing. Every correction is validated against what was parsed (unknown source, field or
line range is an error naming its corrections.yml line), recorded on the document
(``Document.corrections``, shown on the page and in the catalog) and clears the field's
uncertainty. ``correction_stubs`` writes a ready-to-edit entry for each uncertain field."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from .model import DanganError, Diagnostic, Document
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
