"""The query semantics as a plain scan, for tests and benchmarks (no index involved).

search.js must return exactly these documents: recall and precision are both checked
against this scan, which reads every document's folded text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..model import Archive
from ..zh.docnumber import normalize_doc_number_query
from .fold import fold_fast
from .segments import SearchDoc, search_doc, search_order

_SPLIT = re.compile(r"\s+")


def query_terms(query: str) -> list[str]:
    """Folded terms of a query, as search.js's ``plan`` makes them (single characters dropped).

    >>> query_terms("營商環境  柳政办[2022]59号 x")
    ['营商环境', '柳政办〔2022〕59号']
    """
    terms: list[str] = []
    for raw in _SPLIT.split(normalize_doc_number_query(query)):
        t = fold_fast(raw)
        if len(t) >= 2 and t not in terms:
            terms.append(t)
    return terms


def pinyin_match(syl: tuple[str, ...], term: str) -> bool:
    """``term`` = whole syllables from a boundary, then perhaps the start of one more.

    >>> pinyin_match(("liu", "zhou", "shi"), "zhoush")
    True
    >>> pinyin_match(("liu", "zhou"), "iuzhou"), pinyin_match(("liu", "zhou"), "li")
    (False, False)
    """
    for i in range(len(syl)):
        pos = 0
        for j in range(i, len(syl)):
            rest = term[pos:]
            if j > i and rest and syl[j].startswith(rest):
                return True
            if not term.startswith(syl[j], pos):
                break
            pos += len(syl[j])
            if pos == len(term):
                return True
    return False


def term_matches(sd: SearchDoc, folded: list[str], term: str) -> bool:
    if any(term in s for s in folded):
        return True
    if term.isascii() and term.isalpha():
        for syl in sd.pinyin:
            if pinyin_match(syl, term):
                return True
            if len(term) >= 3 and term in "".join(s[0] for s in syl):
                return True
    return False


def search_docs(archive: Archive) -> list[SearchDoc]:
    pubs = {p.slug: p for p in archive.publications}
    return [search_doc(n, d, pubs.get(d.publication)) for n, d in enumerate(search_order(archive.documents))]


def scan(docs: Iterable[SearchDoc], query: str) -> set[str]:
    """Ids of the documents that contain every term of the query."""
    terms = query_terms(query)
    if not terms:
        return set()
    out = set()
    for sd in docs:
        folded = sd.folded_segments()
        if all(term_matches(sd, folded, t) for t in terms):
            out.add(sd.doc.id)
    return out
