"""Document-level facts the index derives: canonical issuer, mentions, topics, keywords."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from ..model import Diagnostic, Document
from .topics import Keywords, TopicRules
from .vocabulary import Agencies

KEYWORD_TEXT = 800  # characters of body read for keywords: the lead says what a text is about
#: What an agency's name looks like in running text (to report names the vocabulary lacks).
AGENCY_LIKE = re.compile(r"(?:市|自治区)[\u4e00-\u9fff]{2,9}?(?:局|委员会|厅|办公室)")
NOT_A_NAME = re.compile(r"[各有关相的和与及等为在由新]|工作|[布格大]局$")


#: The agency vocabulary a document is read with (that of its publication's place).
AgenciesOf = Callable[[Document], Agencies]


def keyword_text(doc: Document) -> str:
    """The text free keywords are read from: the title and the lead of the body."""
    return doc.title + "\n" + doc.body_text()[:KEYWORD_TEXT]


def topic_text_key(doc: Document) -> bytes:
    """What topic classes are assigned from (the title and the whole body), as a short key: the
    classes assigned while parsing are taken when a document's text is still that text."""
    return hashlib.sha256(f"{doc.title}\0{doc.body_text()}".encode()).digest()


def enrich(doc: Document, agencies: Agencies, topics: TopicRules, keywords: Keywords, source_path: str) -> tuple[Document, list[Diagnostic]]:
    problems = []
    issuer = agencies.name(doc.issuer) or doc.issuer
    body = doc.body_text()
    mentions = tuple(m for m in agencies.mentions(body) if m != issuer)
    assigned = doc.topics or topics.assign(doc.title, body)
    if not assigned:
        problems.append(Diagnostic("info", "no-topic", f"{doc.id} ({doc.title}) got no topic class", source_path, doc.line_start))
    found = doc.keywords or keywords.of(keyword_text(doc))
    return replace(doc, issuer=issuer, mentions=mentions, topics=assigned, keywords=found), problems


def unknown_agency_names(documents: list[Document], agencies_of: AgenciesOf, corpus: Path) -> list[Diagnostic]:
    """Agency-like names in the text that the vocabulary does not know, each reported once."""
    seen: set[str] = set()
    out = []
    for doc in documents:
        for block in doc.blocks:
            for m in AGENCY_LIKE.finditer(block.lead + block.text):
                name = m.group(0)
                if name in seen or agencies_of(doc).name(name) or NOT_A_NAME.search(name):
                    continue
                seen.add(name)
                out.append(Diagnostic("info", "unknown-agency-mention",
                                      f"{name!r} looks like an agency but is not in the agency vocabulary (agencies.yml)",
                                      str(corpus / doc.source), block.line or doc.line_start))
    return out


def unknown_issuers(documents: list[Document], agencies_of: AgenciesOf, corpus: Path) -> list[Diagnostic]:
    """Issuers the vocabulary does not know: one warning per name, at its first document."""
    first: dict[str, Document] = {}
    count: dict[str, int] = {}
    for doc in documents:
        if doc.issuer and not agencies_of(doc).name(doc.issuer):
            first.setdefault(doc.issuer, doc)
            count[doc.issuer] = count.get(doc.issuer, 0) + 1
    return [
        Diagnostic("warning", "unknown-agency",
                   f"issuer {name!r} ({count[name]} documents, first {doc.id}) is not in the agency vocabulary (add it to agencies.yml)",
                   str(corpus / doc.source), doc.line_start)
        for name, doc in first.items()
    ]
