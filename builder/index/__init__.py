"""Index stage: enrich documents (vocabulary, topics, keywords), resolve cross-references,
find related documents, and group everything into taxonomy terms."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..model import Archive, DanganError, Diagnostic, Document
from .enrich import enrich, unknown_agency_names, unknown_issuers
from .related import RelatedState, related_documents, related_state
from .relations import relations_by_target, resolve_relations
from .taxonomy import TAXONOMIES, Taxonomy, group, taxonomies
from .topics import drop_ubiquitous_keywords
from .vocabulary import Agencies

if TYPE_CHECKING:
    from ..settings import Settings

__all__ = ["TAXONOMIES", "RelatedState", "Taxonomy", "build_index", "group", "related_state", "relations_by_target", "taxonomies"]


def agencies_by_publication(archive: Archive, settings: Settings) -> dict[str, Agencies]:
    """Each publication's agency vocabulary: the one of its own place."""
    vocabulary = settings.agencies
    out = {}
    for pub in archive.publications:
        place = pub.place
        if place is not None and not isinstance(place, str):
            raise DanganError([Diagnostic("error", "manifest-place", f"publication {pub.slug!r}: place must be a name such as 柳州市, got {place!r}",
                                          str(archive.corpus / "corpus.yml"))])
        out[pub.slug] = vocabulary.for_place(vocabulary.place_of(pub.name, pub.publisher, place))
    return out


def build_index(archive: Archive, settings: Settings, taxonomies_used: tuple[Taxonomy, ...] | None = None,
                related_before: RelatedState | None = None) -> Archive:
    """The archive enriched, cross-referenced and grouped. ``related_before``: the last build's
    :func:`~.related.related_state`, so that only the related documents that can change are found again."""
    by_publication = agencies_by_publication(archive, settings)

    def agencies_of(doc: Document) -> Agencies:
        return by_publication[doc.publication]

    documents: list[Document] = []
    diagnostics = list(archive.diagnostics)
    for doc in archive.documents:
        enriched, problems = enrich(doc, agencies_of(doc), settings.topics, settings.keywords, str(archive.corpus / doc.source))
        documents.append(enriched)
        diagnostics.extend(problems)
    keywords = drop_ubiquitous_keywords([d.keywords for d in documents])
    documents = [replace(d, keywords=k) for d, k in zip(documents, keywords, strict=True)]
    diagnostics.extend(unknown_issuers(documents, agencies_of, archive.corpus))
    diagnostics.extend(unknown_agency_names(documents, agencies_of, archive.corpus))
    related = related_documents(tuple(documents), before=related_before)
    final = tuple(replace(d, related=related[d.id]) for d in documents)
    used = taxonomies_used or taxonomies(settings.topics)
    terms = tuple(t for tax in used for t in group(final, tax))
    return replace(archive, documents=final, diagnostics=tuple(diagnostics), terms=terms,
                   relations=resolve_relations(final))
