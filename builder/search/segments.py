"""What of a document the search sees: title-tier strings, body segments, pinyin fields.

A query term matches a document when it occurs inside one *segment* (after folding): a
term never spans two blocks, two table rows or two metadata fields, which is also what a
reader means by "the text contains it". Body segments carry the 1-based index of their
block in ``Document.blocks`` (0 for text outside the blocks, such as recipients or
captions), so a body hit can link to ``{url}#b{n}``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..index.taxonomy import newest_first
from ..model import Document, Publication
from .fold import fold_fast

_LETTERS = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class SearchDoc:
    """One document as the index and the reference scan see it."""

    docno: int  # its place in search_order: 0 = oldest, the highest = newest
    doc: Document
    heads: tuple[str, ...]  # title, headline parts, issuer, 发文字号, 文种, publication
    body: tuple[tuple[int, str], ...]  # (block number or 0, text)
    pinyin: tuple[tuple[str, ...], ...]  # syllables of title, issuer, publication

    def folded_segments(self) -> list[str]:
        return [fold_fast(s) for s in self.heads] + [fold_fast(t) for _, t in self.body]


def search_order(documents: Iterable[Document]) -> list[Document]:
    """Documents by docno: oldest first, exactly the reverse of ``newest_first`` (undated
    documents first). A day of documents newer than every other gets the next docnos, so
    every earlier document keeps its number, its record files and its bits in every posting
    set; with newest first, each new day renumbered every document and rewrote the whole index.
    search.js sorts "newest" by descending docno and breaks relevance ties the same way."""
    return sorted(documents, key=newest_first)[::-1]


def heads_of(doc: Document, publication: Publication | None) -> tuple[str, ...]:
    """The title and metadata strings that rank a hit above a body hit."""
    values = [doc.title, doc.kicker, doc.subtitle, doc.issuer,
              doc.doc_number.normalized if doc.doc_number else None, doc.doc_type,
              publication.name if publication else None]
    return tuple(dict.fromkeys(v for v in values if v))


def body_of(doc: Document) -> tuple[tuple[int, str], ...]:
    """Every other character of the document, block by block, table row by table row."""
    out: list[tuple[int, str]] = []
    for text in (doc.dateline, doc.byline, doc.recipients, *doc.attachments, *doc.signature, *doc.captions):
        if text:
            out.append((0, text))
    for n, block in enumerate(doc.blocks, start=1):
        text = block.lead + block.text
        if text:
            out.append((n, text))
        for row in block.rows:
            line = " ".join(row)
            if line.strip():
                out.append((n, line))
    return tuple(out)


@functools.lru_cache(maxsize=4096)
def syllables(text: str) -> tuple[str, ...]:
    """Pinyin syllables of the Chinese characters in ``text``; everything else is dropped.

    Latin words and digits are not syllables: the plain text search finds them, and as
    syllables a single letter (``5G`` → ``g``) would multiply the readings of every typed
    pinyin term (``yingshang`` → ``ying shan g``).

    >>> syllables("柳州市物流业“十四五”规划")
    ('liu', 'zhou', 'shi', 'wu', 'liu', 'ye', 'shi', 'si', 'wu', 'gui', 'hua')
    >>> syllables("5G基站 eVTOL")
    ('ji', 'zhan')
    """
    from pypinyin import lazy_pinyin

    out: list[str] = []
    for item in lazy_pinyin(text, errors="ignore"):
        out.extend(_LETTERS.findall(item.lower()))
    return tuple(out)


def search_doc(docno: int, doc: Document, publication: Publication | None) -> SearchDoc:
    fields = [doc.title, doc.issuer, publication.name if publication else None]
    pinyin = tuple(s for s in (syllables(f) for f in fields if f) if s)
    return SearchDoc(docno, doc, heads_of(doc, publication), body_of(doc), pinyin)
