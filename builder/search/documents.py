"""The index's per-document pass, and its results kept between builds.

What the index takes from one document does not depend on its docno, nor on the rest of the
archive: the pinyin of its title, issuer and publication, the codes and flags of its text keys
(:func:`.postings.text_postings`), and the JSON of its record and later text chunks.
:class:`DocumentEntry` holds that; :func:`document_entry` computes it. A build with a cache
finds it under a digest of exactly the fields the pass reads (:func:`document_digest`), so a
rebuild after a one-character edit, or after a day of new documents, computes only the
documents that are new or changed. The build then adds what depends on the archive:

* the docno: the names of the record files, the document numbers in the postings;
* the named keys (pinyin ``p:``/``q:``/``j:``, filters ``f:``), which are interned per build
  (:class:`.postings.KeyTable`: their codes differ between builds): the entry keeps the
  pinyin syllables, the build makes the keys from them, and the filters from the archive's terms;
* which bigrams are common, and so keep their next-character keys
  (:func:`.postings.with_common`): the entry holds the next-character keys of every bigram.
  Made for the common bigrams of one build, an entry would be stale whenever the set moves,
  and it moves when documents are added (its threshold is a share of the documents, and a
  bigram near it is held by that share: at 2,022 generated documents, five more made 183
  entries stale).
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import numpy as np

from ..model import Document, Publication
from .layout import payload
from .postings import KIND_SHIFT, NEXT, text_postings
from .segments import SearchDoc

CHUNK_CHARS = 1500  # text per document file: a 4 KB page is one file, a 40,000-character plan ~27
DOCUMENT = "document"  # the kind of cache entry (the store also holds shards)


def meta_line(doc: Document, publication: Publication | None) -> str:
    """The line under a result's title: where and when it was published, by whom."""
    parts: list[str] = []
    pub = publication.name if publication else doc.publication
    if doc.issue:
        parts.append(f"{pub} {doc.issue.year}年第{doc.issue.number}期")
    else:
        page = f" 第{doc.page:02d}版" if doc.page else ""
        parts.append(f"{pub}{page}{'：' + doc.page_name if doc.page_name else ''}")
    parts += [x for x in (doc.issuer, doc.doc_number.normalized if doc.doc_number else None, doc.date) if x]
    return " · ".join(parts)


def pinyin_keys(pinyin: tuple[tuple[str, ...], ...]) -> set[str]:
    """Pinyin keys of a document's title, issuer and publication: syllables, pairs of
    consecutive syllables, and runs of three initials.

    >>> sorted(pinyin_keys((("wu", "liu", "ye"),)))
    ['j:wly', 'p:liu', 'p:wu', 'p:ye', 'q:liuye', 'q:wuliu']
    """
    keys: set[str] = set()
    for syl in pinyin:
        keys.update("p:" + s for s in syl)
        keys.update(f"q:{a}{b}" for a, b in pairwise(syl))
        initials = "".join(s[0] for s in syl)
        keys.update("j:" + initials[i:i + 3] for i in range(len(initials) - 2))
    return keys


def document_data(sd: SearchDoc, publication: Publication | None) -> Iterator[Any]:
    """The data of the document's record (first) and of its later text chunks; segments are
    [block, text] (block 0 = no anchor). Their names (:func:`.layout.doc_path`) follow from
    the docno, which the build gives."""
    doc = sd.doc
    chunks: list[list[list[Any]]] = [[]]
    size = sum(len(h) for h in sd.heads)
    for n, text in sd.body:
        if size + len(text) > CHUNK_CHARS and chunks[-1]:
            chunks.append([])
            size = 0
        chunks[-1].append([n, text])
        size += len(text)
    yield {
        "u": doc.url.strip("/") + "/",
        "t": doc.title,
        "m": meta_line(doc, publication),
        "d": doc.date or "",
        "n": len(chunks),
        "h": list(sd.heads),
        "py": [" ".join(s) for s in sd.pinyin],
        "s": chunks[0],
    }
    for chunk in chunks[1:]:
        yield {"s": chunk}


def read_fields(doc: Document, publication: Publication | None) -> tuple[Any, ...]:
    """Every field that the pass reads of a document and its publication (search_doc,
    heads_of, body_of, meta_line, document_data): the entry follows from these alone.
    Plain values, not the dataclasses: other fields of a block (its source line) must not
    make the entry stale, and tuples pickle twice as fast."""
    number, issue = doc.doc_number, doc.issue
    return (doc.url, doc.publication, publication.name if publication else None, doc.title, doc.kicker, doc.subtitle, doc.issuer,
            number.normalized if number else None, doc.doc_type, doc.date, (issue.year, issue.number) if issue else None,
            doc.page, doc.page_name, doc.dateline, doc.byline, doc.recipients, doc.attachments, doc.signature, doc.captions,
            tuple((b.lead, b.text, b.rows) for b in doc.blocks))


def document_digest(doc: Document, publication: Publication | None) -> str:
    """A digest of :func:`read_fields` (about 20 µs a document: what it saves is about 1 ms)."""
    return hashlib.blake2b(pickle.dumps(read_fields(doc, publication), protocol=5), digest_size=20).hexdigest()


@dataclass(frozen=True, eq=False)
class DocumentEntry:
    """What the index takes from one document, whatever its docno (see the module docstring)."""

    pinyin: tuple[tuple[str, ...], ...]
    codes: np.ndarray  # its text keys, sorted: the bigrams (kind 0) first, then every next-character key
    flags: np.ndarray
    files: tuple[bytes, ...]  # the payloads of its record and of each later chunk

    def bigrams(self) -> np.ndarray:
        """The document's distinct bigrams (sorted): those before the first next-character key."""
        return self.codes[:int(np.searchsorted(self.codes, np.uint64(NEXT << KIND_SHIFT)))]


def document_entry(sd: SearchDoc, publication: Publication | None) -> DocumentEntry:
    folded = sd.folded_segments()
    codes, flags = text_postings(folded[:len(sd.heads)], folded[len(sd.heads):])
    return DocumentEntry(sd.pinyin, codes, flags, tuple(payload(data) for data in document_data(sd, publication)))
