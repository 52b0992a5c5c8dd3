"""Index keys as 64-bit codes, and their postings collected in numpy arrays, spilled to disk.

A key is one of
* a *bigram* of folded text (``政府``);
* a *next-character key* ``n:`` + bigram + hex digit: the bigram followed, in the same
  segment, by a character whose code point ends in that digit (``n:营商f`` for ``营商环``,
  环 = U+73AF). Only *common* bigrams have them. A query of three or more characters uses
  them instead of its common bigrams, so that its candidates are documents holding (nearly)
  its trigrams, not documents holding its bigrams anywhere: ``600万元`` no longer matches
  every budget table with 60, 00, 0万 and 万元 in different numbers;
* a *named* key, any other string: ``p:`` + pinyin syllable, ``q:`` + two consecutive
  syllables, ``j:`` + three consecutive initials (titles, issuers, publications), and
  ``f:`` + filter value.

Bigrams and next-character keys are computed per document with numpy from the folded text's
code points, so no Python loop runs per character; named keys are interned to small
integers. Code layout: kind in bits 60–63; a bigram is ``a << 21 | b`` (code points); a
next-character key is ``bigram << 4 | digit``; a named key is its intern number.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np

BIGRAM, NEXT, NAMED = 0, 1, 2
KIND_SHIFT = 60
LOW = np.uint64((1 << 21) - 1)
STRONG_TF = 3  # body occurrences that mark a document as "about" a key
TITLE, STRONG = 1, 2  # posting flags
FNV_OFFSET, FNV_PRIME, MASK32 = 0x811C9DC5, 0x01000193, 0xFFFFFFFF
HEX = "0123456789abcdef"


def fnv1a(key: str) -> int:
    """32-bit FNV-1a over UTF-16 code units (what JavaScript's charCodeAt sees).

    >>> fnv1a("政府")
    1427413334
    """
    h = FNV_OFFSET
    data = key.encode("utf-16-le")
    for i in range(0, len(data), 2):
        h ^= data[i] | data[i + 1] << 8
        h = (h * FNV_PRIME) & MASK32
    return h


def code_points(segments: Iterable[str]) -> np.ndarray:
    """Code points of folded segments joined by 0, which no bigram may span.

    >>> code_points(["ab", "c"]).tolist()
    [97, 98, 0, 99]
    """
    return np.frombuffer("\x00".join(segments).encode("utf-32-le"), dtype="<u4").astype(np.uint64)


def bigram_codes(cp: np.ndarray) -> np.ndarray:
    """Code of every bigram (with repeats, in text order); none spans a segment boundary.

    >>> [key_string(int(c)) for c in bigram_codes(code_points(["政府网", "站"]))]
    ['政府', '府网']
    """
    a, b = cp[:-1], cp[1:]
    return ((a << np.uint64(21)) | b)[(a != 0) & (b != 0)]


def next_codes(cp: np.ndarray, common: np.ndarray | None = None) -> np.ndarray:
    """Next-character key of every common bigram (of every bigram, when ``common`` is None)
    that a character follows in its segment.

    >>> cp = code_points(["营商环境"])
    >>> [key_string(int(c)) for c in next_codes(cp, np.sort(bigram_codes(cp))[:1])]
    ['n:商环3']
    >>> [key_string(int(c)) for c in next_codes(cp)]
    ['n:营商f', 'n:商环3']
    """
    if len(cp) < 3 or (common is not None and not len(common)):
        return np.zeros(0, dtype=np.uint64)
    a, b, c = cp[:-2], cp[1:-1], cp[2:]
    bigram = (a << np.uint64(21)) | b
    keep = (a != 0) & (b != 0) & (c != 0)
    if common is not None:
        at = np.minimum(np.searchsorted(common, bigram), len(common) - 1)
        keep &= common[at] == bigram
    return np.uint64(NEXT << KIND_SHIFT) | (bigram[keep] << np.uint64(4)) | (c[keep] & np.uint64(15))


def key_kind(code: int) -> int:
    return code >> KIND_SHIFT


def base_bigram(code: int) -> int:
    """The bigram a key belongs to (itself, or that of a next-character key)."""
    return (code >> 4) & ((1 << 42) - 1) if key_kind(code) == NEXT else code


def bigram_string(code: int) -> str:
    return chr((code >> 21) & 0x1FFFFF) + chr(code & 0x1FFFFF)


def key_string(code: int, names: list[str] | None = None) -> str:
    """The key as search.js names it.

    >>> key_string(ord("政") << 21 | ord("府"))
    '政府'
    """
    kind = key_kind(code)
    if kind == BIGRAM:
        return bigram_string(code)
    if kind == NEXT:
        return "n:" + bigram_string(base_bigram(code)) + HEX[code & 15]
    assert names is not None
    return names[code & ((1 << KIND_SHIFT) - 1)]


def key_strings(codes: np.ndarray, names: list[str]) -> list[str]:
    """:func:`key_string` of many codes at once (every key of a merged partition): the code
    points are taken apart by numpy, so Python only joins characters.

    >>> t = KeyTable(4)
    >>> codes = np.array([ord("政") << 21 | ord("府"), t.code("p:zheng"), NEXT << KIND_SHIFT | (ord("营") << 21 | ord("商")) << 4 | 15], np.uint64)
    >>> key_strings(codes, t.names)
    ['政府', 'p:zheng', 'n:营商f']
    """
    kinds = (codes >> np.uint64(KIND_SHIFT)).tolist()
    bigrams = np.where(codes >> np.uint64(KIND_SHIFT) == NEXT, codes >> np.uint64(4), codes)
    first, second = ((bigrams >> np.uint64(21)) & LOW).tolist(), (bigrams & LOW).tolist()
    low = (codes & np.uint64((1 << KIND_SHIFT) - 1)).tolist()
    return [chr(a) + chr(b) if k == BIGRAM else "n:" + chr(a) + chr(b) + HEX[n & 15] if k == NEXT else names[n]
            for k, a, b, n in zip(kinds, first, second, low, strict=True)]


def _fnv_step(h: np.ndarray, unit: np.ndarray) -> np.ndarray:
    return ((h ^ unit) * np.uint64(FNV_PRIME)) & np.uint64(MASK32)


def _fnv_char(h: np.ndarray, cp: np.ndarray) -> np.ndarray:
    astral = cp >= np.uint64(0x10000)
    v = np.where(astral, cp - np.uint64(0x10000), np.uint64(0))
    one = _fnv_step(h, np.where(astral, np.uint64(0xD800) + (v >> np.uint64(10)), cp))
    two = _fnv_step(one, np.uint64(0xDC00) + (v & np.uint64(0x3FF)))
    return np.where(astral, two, one)


def bigram_hashes(bigrams: np.ndarray) -> np.ndarray:
    """:func:`fnv1a` of many bigram codes at once.

    >>> int(bigram_hashes(np.array([ord("政") << 21 | ord("府")], dtype=np.uint64))[0])
    1427413334
    """
    h = np.full(len(bigrams), FNV_OFFSET, dtype=np.uint64)
    h = _fnv_char(h, (bigrams >> np.uint64(21)) & LOW)
    return _fnv_char(h, bigrams & LOW)


class KeyTable:
    """Named keys ↔ codes, and the shard of any key."""

    def __init__(self, shards: int):
        self.shards = shards
        self.names: list[str] = []
        self.ids: dict[str, int] = {}
        self.named_shards: list[int] = []

    def code(self, name: str) -> int:
        n = self.ids.get(name)
        if n is None:
            n = self.ids[name] = len(self.names)
            self.names.append(name)
            self.named_shards.append(fnv1a(name) % self.shards)
        return NAMED << KIND_SHIFT | n

    def codes(self, names: Iterable[str]) -> np.ndarray:
        return np.array(sorted({self.code(n) for n in names}), dtype=np.uint64)

    def shard_of(self, codes: np.ndarray) -> np.ndarray:
        """Shard of each key: a next-character key lives with its bigram, so that one shard
        tells the browser both a bigram's frequency and which next-character keys it has."""
        kinds = codes >> np.uint64(KIND_SHIFT)
        bigrams = np.where(kinds == NEXT, (codes >> np.uint64(4)) & np.uint64((1 << 42) - 1), codes)
        out = (bigram_hashes(bigrams) % np.uint64(self.shards)).astype(np.int64)
        named = kinds == NAMED
        if named.any():
            table = np.array(self.named_shards, dtype=np.int64)
            out[named] = table[(codes[named] & np.uint64((1 << KIND_SHIFT) - 1)).astype(np.int64)]
        return out

    def string(self, code: int) -> str:
        return key_string(code, self.names)


def text_postings(heads: list[str], body: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """The bigrams of one document and the next-character keys of *every* bigram it holds
    (sorted codes: bigrams first, as their kind is 0), and their flags (TITLE, STRONG).
    Nothing here depends on the rest of the archive: :func:`with_common` then keeps the
    next-character keys of the common bigrams, which the archive decides.

    >>> codes, flags = text_postings(["标题"], ["正文正文正文"])
    >>> [(key_string(int(c)), int(f)) for c, f in zip(codes, flags)]
    [('文正', 0), ('标题', 1), ('正文', 2), ('n:文正7', 0), ('n:正文3', 0)]
    """
    head_cp, body_cp = code_points(heads), code_points(body)
    title = np.union1d(bigram_codes(head_cp), next_codes(head_cp))
    body_keys, counts = np.unique(np.concatenate([bigram_codes(body_cp), next_codes(body_cp)]), return_counts=True)
    codes = np.union1d(title, body_keys)
    flags = np.isin(codes, title).astype(np.uint8) * TITLE
    flags |= np.isin(codes, body_keys[counts >= STRONG_TF]).astype(np.uint8) * STRONG
    return codes, flags


def with_common(codes: np.ndarray, flags: np.ndarray, common: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """:func:`text_postings` without the next-character keys of bigrams that are not common:
    the same keys and flags as if only those of ``common`` had been made (a key's flags come
    from its own occurrences).

    >>> codes, flags = with_common(*text_postings(["标题"], ["正文正文正文"]), np.array([ord("正") << 21 | ord("文")], np.uint64))
    >>> [(key_string(int(c)), int(f)) for c, f in zip(codes, flags)]
    [('文正', 0), ('标题', 1), ('正文', 2), ('n:正文3', 0)]
    """
    first = int(np.searchsorted(codes, np.uint64(NEXT << KIND_SHIFT)))
    keep = np.ones(len(codes), dtype=bool)
    if len(common):
        bigrams = (codes[first:] >> np.uint64(4)) & np.uint64((1 << 42) - 1)
        keep[first:] = common[np.minimum(np.searchsorted(common, bigrams), len(common) - 1)] == bigrams
    else:
        keep[first:] = False
    return codes[keep], flags[keep]


def with_named(codes: np.ndarray, flags: np.ndarray, named_title: np.ndarray, named_other: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A document's text postings and its named keys (sorted codes), those of ``named_title``
    flagged TITLE. Named codes sort after every text code (kind 2 in the top bits), and a named
    key never occurs in the body, so the result is the sorted union with the flags of each.

    >>> t = KeyTable(16)
    >>> codes, flags = with_named(*text_postings(["标题"], []), t.codes(["p:biao"]), t.codes(["f:pub:x"]))
    >>> [(t.string(int(c)), int(f)) for c, f in zip(codes, flags)]
    [('标题', 1), ('p:biao', 1), ('f:pub:x', 0)]
    """
    # a few dozen keys: plain Python is several times faster than numpy's set functions here
    title = set(named_title.tolist())
    named = sorted(title.union(named_other.tolist()))
    named_flags = [TITLE if c in title else 0 for c in named]
    return np.concatenate([codes, np.array(named, dtype=np.uint64)]), np.concatenate([flags, np.array(named_flags, dtype=np.uint8)])


def sample_frequencies(samples: Iterable[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """The distinct bigrams of a sample of documents (each given as its distinct bigram codes)
    and how many of them hold each: kept between builds, so that a day added or a document
    changed only adds or takes away its own bigrams.

    >>> [a.tolist() for a in sample_frequencies([np.array([1, 2], np.uint64), np.array([2, 3], np.uint64)])]
    [[1, 2, 3], [1, 2, 1]]
    """
    parts = list(samples)
    if not parts:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
    codes, df = np.unique(np.concatenate(parts), return_counts=True)
    return codes, df.astype(np.int64)


def common_of(codes: np.ndarray, df: np.ndarray, sampled: int, total: int, threshold: int) -> np.ndarray:
    """Bigrams whose estimated document frequency (``df`` of :func:`sample_frequencies` over
    ``sampled`` documents of ``total``) reaches ``threshold``: those that get next-character keys. Sorted.

    >>> common_of(*sample_frequencies([np.array([1, 2], np.uint64), np.array([2, 3], np.uint64)]), 2, 4, 3).tolist()
    [2]
    """
    return codes[df * total >= threshold * max(sampled, 1)]


class PostingSpool:
    """Postings (key code, document, flags) in numpy batches, spilled to partition files.

    Keys are partitioned by shard, so that one partition holds every key of its shards and
    is merged on its own: memory stays bounded however large the archive.
    """

    def __init__(self, folder: Path, keys: KeyTable, partitions: int, flush_at: int = 4_000_000):
        assert partitions <= 1 << 16
        self.folder, self.keys, self.partitions, self.flush_at = folder, keys, partitions, flush_at
        self.batch: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        self.held = 0
        self.paths = [folder / f"part{p:03d}.npy" for p in range(partitions)]
        # open for the builder's whole life (every flush appends); merged() closes them
        self.files = [open(path, "wb") for path in self.paths]  # noqa: SIM115

    def add(self, docno: int, codes: np.ndarray, flags: np.ndarray) -> None:
        self.batch.append((codes, np.full(len(codes), docno, dtype=np.uint32), flags))
        self.held += len(codes)
        if self.held >= self.flush_at:
            self.flush()

    def flush(self) -> None:
        if not self.batch:
            return
        codes, docs, flags = (np.concatenate(x) for x in zip(*self.batch, strict=True))
        self.batch, self.held = [], 0
        # hashing every posting's key is cheaper than finding the distinct keys first, and in
        # 16 bits the stable sort is numpy's radix sort
        part = (self.keys.shard_of(codes) % self.partitions).astype(np.uint16)
        order = np.argsort(part, kind="stable")  # stable: documents stay in order
        bounds = np.searchsorted(part[order], np.arange(self.partitions + 1))
        for p, f in enumerate(self.files):
            sel = order[bounds[p]:bounds[p + 1]]
            if len(sel):
                for arr in (codes[sel], docs[sel], flags[sel]):
                    np.save(f, arr, allow_pickle=False)

    def merged(self) -> Iterator[tuple[int, np.ndarray, np.ndarray, np.ndarray, np.ndarray]]:
        """Per partition: its distinct key codes, where each key's postings start, and the
        postings' documents and flags (grouped by key, documents ascending)."""
        self.flush()
        for out in self.files:
            out.close()
        for p, path in enumerate(self.paths):
            parts: list[list[np.ndarray]] = [[], [], []]
            size = path.stat().st_size
            with open(path, "rb") as f:
                while f.tell() < size:
                    for bucket in parts:
                        bucket.append(np.load(f, allow_pickle=False))
            path.unlink()
            if not parts[0]:
                continue
            codes, docs, flags = (np.concatenate(x) for x in parts)
            order = np.argsort(codes, kind="stable")  # spills are in document order: stays sorted
            codes, docs, flags = codes[order], docs[order], flags[order]
            starts = np.flatnonzero(np.concatenate(([True], codes[1:] != codes[:-1])))
            yield p, codes[starts], np.append(starts, len(codes)), docs, flags
