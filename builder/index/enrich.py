"""Document-level facts the index derives: canonical issuer, mentions, topics, keywords."""

from __future__ import annotations

from dataclasses import replace

from ..model import Diagnostic, Document
from .topics import TopicRules, free_keywords
from .vocabulary import Agencies

KEYWORD_TEXT = 1500  # characters of body read for keywords: the lead says what a text is about


def body_text(doc: Document) -> str:
    return "\n".join(b.lead + b.text + "".join("".join(r) for r in b.rows) for b in doc.blocks)


def enrich(doc: Document, agencies: Agencies, topics: TopicRules, source_path: str) -> tuple[Document, list[Diagnostic]]:
    problems = []
    issuer = doc.issuer
    if issuer:
        canonical = agencies.name(issuer)
        if canonical:
            issuer = canonical
        else:
            problems.append(Diagnostic("warning", "unknown-agency",
                                       f"issuer {issuer!r} of {doc.id} is not in the agency vocabulary (add it to agencies.yml)",
                                       source_path, doc.line_start))
    body = body_text(doc)
    mentions = tuple(m for m in agencies.mentions(body) if m != issuer)
    assigned = doc.topics or topics.assign(doc.title, body)
    if not assigned:
        problems.append(Diagnostic("info", "no-topic", f"{doc.id} ({doc.title}) got no topic class", source_path, doc.line_start))
    keywords = doc.keywords or free_keywords(doc.title + "\n" + body[:KEYWORD_TEXT])
    return replace(doc, issuer=issuer, mentions=mentions, topics=assigned, keywords=keywords), problems
