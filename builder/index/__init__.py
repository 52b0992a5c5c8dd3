"""Index stage: enrich documents (vocabulary, topics, keywords), resolve cross-references,
find related documents, and group everything into taxonomy terms."""

from __future__ import annotations

from dataclasses import replace

from ..model import Archive
from .enrich import enrich, unknown_agency_names, unknown_issuers
from .related import related_documents
from .relations import relations_by_target, resolve_relations
from .taxonomy import TAXONOMIES, Taxonomy, group
from .topics import default_topics, drop_ubiquitous_keywords
from .vocabulary import default_agencies

__all__ = ["TAXONOMIES", "Taxonomy", "build_index", "group", "relations_by_target"]


def build_index(archive: Archive, taxonomies: tuple[Taxonomy, ...] = TAXONOMIES) -> Archive:
    agencies, topics = default_agencies(), default_topics()
    documents, diagnostics = [], list(archive.diagnostics)
    for doc in archive.documents:
        enriched, problems = enrich(doc, agencies, topics, str(archive.corpus / doc.source))
        documents.append(enriched)
        diagnostics.extend(problems)
    keywords = drop_ubiquitous_keywords([d.keywords for d in documents])
    documents = [replace(d, keywords=k) for d, k in zip(documents, keywords)]
    diagnostics.extend(unknown_issuers(documents, agencies, archive.corpus))
    diagnostics.extend(unknown_agency_names(documents, agencies, archive.corpus))
    related = related_documents(tuple(documents))
    documents = tuple(replace(d, related=related[d.id]) for d in documents)
    terms = tuple(t for tax in taxonomies for t in group(documents, tax))
    return replace(archive, documents=documents, diagnostics=tuple(diagnostics), terms=terms,
                   relations=resolve_relations(documents))
