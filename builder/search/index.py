"""Build the static, term-partitioned search index (files under ``search/``).

Layout (every file is a JavaScript file calling ``dangan.searchLoaded(name, data)``, so
that a ``<script>`` tag can load it from ``file://`` where fetch/XHR are forbidden):

* ``search/manifest.js``: document count, shard count, publications, filter vocabularies,
  the pinyin syllables seen in titles. Small: the start-up cost.
* ``search/t2s.js``: the Traditional→Simplified character map (see :mod:`.fold`).
* ``search/s/XXXX.js``: hash shards of postings. A key (a character bigram of folded text,
  ``p:``+pinyin syllable, ``i:``+two pinyin initials, ``f:``+filter value) lives in shard
  ``fnv1a(key) % shards``. Each entry holds the key's document frequency and three
  encoded sets (:mod:`.encode`): all documents, those with the key in the title or
  metadata, those with it at least three times in the body (the ranking signals).
* ``search/p/XX/<hex>.js``: a key whose postings are large gets its own file and only a
  stub in its shard, so that a query for a rare bigram never downloads a common one.
* ``search/d/G/N.js``: document N's record (url, title, metadata line, pinyin, and the
  first chunk of its text) and ``N-K.js`` further chunks. The browser fetches these only
  for candidates it shows, to verify the exact substring (bigrams only prove that all
  pairs occur) and to cut the snippet.

Memory stays bounded at 100,000 documents: postings are collected as C arrays for a batch
of documents, spilled to partition files on disk, and merged one partition at a time.
"""

from __future__ import annotations

import json
import marshal
import tempfile
from array import array
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..index.taxonomy import newest_first
from ..model import Archive, Document, Publication
from .encode import b64, encode_set
from .fold import t2s_js_payload
from .segments import SearchDoc, search_doc

SCHEMA = 1
CHUNK_CHARS = 1500  # text per document file: a 4 KB page is one file, a 40,000-character plan ~27
BIG_POSTING = 768  # encoded bytes above which a key moves to its own file
STRONG_TF = 3  # body occurrences that mark a document as "about" a bigram
FLUSH_POSTINGS = 3_000_000  # postings held in memory before spilling (~40 MB of arrays)
PARTITIONS = 64
FILTER_TAXONOMIES = ("issuer", "topic", "doctype", "year")
KIND_LABELS = {"gazette_document": "公报文件", "newspaper_article": "报纸文章"}


def fnv1a(key: str) -> int:
    """32-bit FNV-1a over UTF-16 code units (what JavaScript's charCodeAt sees).

    >>> fnv1a("政府")
    1427413334
    """
    h = 0x811C9DC5
    data = key.encode("utf-16-le")
    for i in range(0, len(data), 2):
        h ^= data[i] | data[i + 1] << 8
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def shard_count(total_chars: int) -> int:
    """A power of two near total_chars/2000, so that an average shard stays a few KB.

    Distinct keys grow with the text, not with the number of documents (13 long gazette
    documents hold as many bigrams as 300 newspaper articles).

    >>> shard_count(400_000), shard_count(14_000_000), shard_count(140_000_000)
    (256, 8192, 32768)
    """
    n = 16
    while n * 2000 < total_chars and n < 32768:
        n *= 2
    return n


def big_key_path(key: str) -> str:
    """Own file of a large key (a directory level keeps folders small)."""
    return f"p/{fnv1a(key) & 255:02x}/{key.encode('utf-8').hex()}"


def doc_path(docno: int, chunk: int = 0) -> str:
    return f"d/{docno // 1000}/{docno}" + (f"-{chunk}" if chunk else "")


def jsonp(name: str, data: Any) -> bytes:
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return f'dangan.searchLoaded("{name}",{payload});\n'.encode("utf-8")


def bigrams(segment: str) -> set[str]:
    return {segment[i:i + 2] for i in range(len(segment) - 1)}


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


def document_keys(sd: SearchDoc, filters: list[str]) -> tuple[set[str], set[str], set[str]]:
    """All keys of a document, those in its title tier, and its strong body keys."""
    heads = set().union(*(bigrams(s) for s in sd.folded_segments()[: len(sd.heads)]))
    counts: Counter[str] = Counter()
    for s in sd.folded_segments()[len(sd.heads):]:
        counts.update(s[i:i + 2] for i in range(len(s) - 1))
    pinyin: set[str] = set()
    for syl in sd.pinyin:
        pinyin.update("p:" + s for s in syl)
        pinyin.update(f"i:{a[0]}{b[0]}" for a, b in zip(syl, syl[1:]))
    title = heads | pinyin
    strong = {k for k, c in counts.items() if c >= STRONG_TF}
    return title | counts.keys() | set(filters), title, strong


def document_files(sd: SearchDoc, publication: Publication | None) -> Iterator[tuple[str, Any]]:
    """Document record + text chunks; segments are [block, text] (block 0 = no anchor)."""
    doc = sd.doc
    chunks: list[list[list[Any]]] = [[]]
    size = sum(len(h) for h in sd.heads)
    for n, text in sd.body:
        if size + len(text) > CHUNK_CHARS and chunks[-1]:
            chunks.append([])
            size = 0
        chunks[-1].append([n, text])
        size += len(text)
    record = {
        "u": doc.url.strip("/") + "/",
        "t": doc.title,
        "m": meta_line(doc, publication),
        "d": doc.date or "",
        "n": len(chunks),
        "h": list(sd.heads),
        "py": [" ".join(s) for s in sd.pinyin],
        "s": chunks[0],
    }
    yield doc_path(sd.docno), record
    for k, chunk in enumerate(chunks[1:], start=1):
        yield doc_path(sd.docno, k), {"s": chunk}


class PostingSpool:
    """Postings of many documents as C arrays, spilled to partition files when large."""

    def __init__(self, folder: Path, shards: int):
        self.folder, self.shards = folder, shards
        self.buffer: dict[str, tuple[array, array, array]] = {}
        self.held = 0
        self.files = [open(folder / f"part{p:02d}.bin", "wb") for p in range(PARTITIONS)]

    def add(self, docno: int, keys: set[str], title: set[str], strong: set[str]) -> None:
        buf = self.buffer
        for k in keys:
            entry = buf.get(k)
            if entry is None:
                entry = buf[k] = (array("I"), array("I"), array("I"))
            entry[0].append(docno)
        for k in title:
            buf[k][1].append(docno)
        for k in strong:
            buf[k][2].append(docno)
        self.held += len(keys) + len(title) + len(strong)
        if self.held >= FLUSH_POSTINGS:
            self.flush()

    def flush(self) -> None:
        parts: list[dict[str, tuple[bytes, bytes, bytes]]] = [{} for _ in range(PARTITIONS)]
        for k, (a, t, s) in self.buffer.items():
            parts[fnv1a(k) % self.shards % PARTITIONS][k] = (a.tobytes(), t.tobytes(), s.tobytes())
        for f, part in zip(self.files, parts):
            if part:
                marshal.dump(part, f)
        self.buffer, self.held = {}, 0

    def merged(self) -> Iterator[tuple[int, dict[str, tuple[array, array, array]]]]:
        """Each partition's complete postings, one partition in memory at a time."""
        self.flush()
        for f in self.files:
            f.close()
        for p in range(PARTITIONS):
            merged: dict[str, tuple[array, array, array]] = {}
            with open(self.folder / f"part{p:02d}.bin", "rb") as f:
                while True:
                    try:
                        part = marshal.load(f)
                    except EOFError:
                        break
                    for k, raw in part.items():
                        entry = merged.get(k)
                        if entry is None:
                            entry = merged[k] = (array("I"), array("I"), array("I"))
                        for arr, data in zip(entry, raw):
                            arr.frombytes(data)  # spills are in document order: stays sorted
            (self.folder / f"part{p:02d}.bin").unlink()
            yield p, merged


def filter_keys(archive: Archive) -> tuple[dict[str, list[str]], dict[str, list[list[Any]]]]:
    """Filter keys of each document and the vocabularies the search form offers."""
    per_doc: dict[str, list[str]] = {}
    vocab: dict[str, list[list[Any]]] = {"pub": [], "kind": []}
    pubs: Counter[str] = Counter(d.publication for d in archive.documents)
    names = {p.slug: p.name for p in archive.publications}
    vocab["pub"] = [[slug, names.get(slug, slug), pubs[slug]] for slug in sorted(pubs)]
    kinds: Counter[str] = Counter(d.kind for d in archive.documents)
    vocab["kind"] = [[k, KIND_LABELS.get(k, k), kinds[k]] for k in sorted(kinds)]
    for d in archive.documents:
        per_doc[d.id] = [f"f:pub:{d.publication}", f"f:kind:{d.kind}"]
    for term in archive.terms:
        if term.taxonomy not in FILTER_TAXONOMIES:
            continue
        vocab.setdefault(term.taxonomy, []).append([term.key, term.label, len(term.documents)])
        for doc_id in term.documents:
            per_doc.setdefault(doc_id, []).append(f"f:{term.taxonomy}:{term.key}")
    if "year" in vocab:
        vocab["year"].sort(key=lambda v: v[0])
    return per_doc, vocab


def build_search_index(archive: Archive, *, stats: dict[str, Any] | None = None) -> Iterator[tuple[str, bytes]]:
    """Yield ``(path under the site root, content)`` for every search file, deterministically."""
    stats = stats if stats is not None else {}
    docs = sorted(archive.documents, key=newest_first)
    pubs = {p.slug: p for p in archive.publications}
    shards = shard_count(sum(len(d.title) + sum(len(b.text) + sum(len(c) for r in b.rows for c in r) for b in d.blocks) for d in docs))
    per_doc_filters, vocab = filter_keys(archive)
    syllables: set[str] = set()
    sizes: Counter[str] = Counter()

    def out(name: str, data: Any) -> tuple[str, bytes]:
        content = jsonp(name, data)
        sizes[name.split("/")[0]] += len(content)
        return f"search/{name}.js", content

    with tempfile.TemporaryDirectory(prefix="dangan-search-") as tmp:
        spool = PostingSpool(Path(tmp), shards)
        for docno, doc in enumerate(docs):
            pub = pubs.get(doc.publication)
            sd = search_doc(docno, doc, pub)
            for syl in sd.pinyin:
                syllables.update(syl)
            keys, title, strong = document_keys(sd, per_doc_filters.get(doc.id, []))
            spool.add(docno, keys, title, strong)
            for name, data in document_files(sd, pub):
                yield out(name, data)
        big_keys = 0
        for p, merged in spool.merged():
            by_shard: dict[int, dict[str, list[Any]]] = {s: {} for s in range(p, shards, PARTITIONS)}
            for key in sorted(merged):
                a, t, s = merged[key]
                sets = [encode_set(a), encode_set(t), encode_set(s)]
                entry = [len(a), *(b64(x) for x in sets)]
                if sum(len(x) for x in sets) > BIG_POSTING:
                    big_keys += 1
                    yield out(big_key_path(key), entry)
                    entry = [len(a)]  # a stub: the browser fetches the key's own file
                by_shard[fnv1a(key) % shards][key] = entry
            del merged
            for s, entries in by_shard.items():
                yield out(f"s/{s:04x}", entries)
    yield out("t2s", t2s_js_payload())
    manifest = {
        "v": SCHEMA,
        "n": len(docs),
        "shards": shards,
        "pubs": [[p.slug, p.name, p.kind] for p in archive.publications],
        "filters": vocab,
        "syl": " ".join(sorted(syllables)),
    }
    yield out("manifest", manifest)
    stats.update(documents=len(docs), shards=shards, big_keys=big_keys, bytes=dict(sorted(sizes.items())))
