"""Cross-references: which document cites or ends which 发文字号, resolved against the archive."""

from __future__ import annotations

from collections import defaultdict

from ..model import Document, Relation


def resolve_relations(documents: tuple[Document, ...]) -> tuple[Relation, ...]:
    """One Relation per (citing document, cited number, relation), in document order.

    A document citing itself (its own 发文字号 in its text) is not a relation.
    """
    by_number = {d.doc_number.normalized: d.id for d in documents if d.doc_number}
    out: list[Relation] = []
    for doc in documents:
        seen: set[tuple[str, str]] = set()
        own = doc.doc_number.normalized if doc.doc_number else None
        for c in doc.citations:
            number = c.doc_number.normalized
            if number == own or (number, c.relation) in seen:
                continue
            seen.add((number, c.relation))
            out.append(Relation(doc.id, c.doc_number, c.relation, by_number.get(number), c.title, c.line))
    return tuple(out)


def relations_by_target(relations: tuple[Relation, ...]) -> dict[str, list[Relation]]:
    """Relations grouped by the number they point at (cited by / ended by)."""
    grouped: dict[str, list[Relation]] = defaultdict(list)
    for r in relations:
        grouped[r.number].append(r)
    return grouped
