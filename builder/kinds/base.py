"""What the rest of the builder knows about a publication kind: one frozen record per kind.

Code outside ``builder/kinds/`` never compares kind names; it asks the kind's record
(through :func:`builder.kinds.kind_of`) what to do: which parser, which page template,
which container its documents sit in, which words to use for them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from ..model import Line, Source, SourceResult

#: Parse one source of the kind: normalized lines in, documents (and their container) out.
Parser = Callable[[Source, tuple[Line, ...]], SourceResult]

#: What a kind's documents are grouped in: a gazette issue, a newspaper page, or nothing
#: (a single document per file).
Container = Literal["issue", "page", "none"]


@dataclass(frozen=True)
class Kind:
    """One publication kind and every part of it the other stages and the templates use."""

    name: str  # the manifest's ``kind:`` value, e.g. "gazette"
    document_kind: str  # ``Document.kind`` of its documents, e.g. "gazette_document"
    parse: Parser
    document_template: str  # the page template of one document, e.g. "document.md.j2"
    container: Container
    count_label: str  # label key for "N documents" of a publication: "documents" / "articles"
    filter_label: str  # the search filter's name for its documents
    official: bool = False  # its documents are 公文: 发文字号, validity (现行有效 / 已废止), citations
    meta_shows_publication: bool = False  # a document's one-line metadata names the publication and byline
    formats: tuple[str, ...] = ()  # the readers a source may name with ``format:`` (else chosen by content)

    @property
    def has_issues(self) -> bool:
        return self.container == "issue"

    @property
    def has_pages(self) -> bool:
        return self.container == "page"
