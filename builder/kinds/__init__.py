"""The publication kinds, registered in one table (see README, "Adding a kind").

Each kind is a package (``builder/kinds/<name>/``) that exports ``KIND``, a :class:`Kind`;
adding a kind is that package plus one line in ``REGISTERED``.
"""

from __future__ import annotations

from . import documents, gazette, newspaper
from .base import Container, Kind, Parser

#: Every kind the builder reads, in the order the manifest documentation lists them.
REGISTERED: tuple[Kind, ...] = (
    gazette.KIND,
    newspaper.KIND,
    documents.KIND,
)

#: Publication kind name (the manifest's ``kind:``) → kind.
KINDS: dict[str, Kind] = {k.name: k for k in REGISTERED}
#: ``Document.kind`` → kind.
BY_DOCUMENT_KIND: dict[str, Kind] = {k.document_kind: k for k in REGISTERED}


def kind_of(name: str) -> Kind:
    """The kind of a publication kind name or of a document kind name.

    >>> kind_of("gazette").container, kind_of("newspaper_article").count_label
    ('issue', 'articles')
    """
    found = KINDS.get(name) or BY_DOCUMENT_KIND.get(name)
    if found is None:
        raise KeyError(f"unknown kind {name!r}; registered: {', '.join(KINDS)}")
    return found


__all__ = ["BY_DOCUMENT_KIND", "KINDS", "REGISTERED", "Container", "Kind", "Parser", "kind_of"]
