"""Build the static, term-partitioned search index (files under ``search/``).

Layout (every file is a JavaScript file calling ``dangan.searchLoaded(name, data)``, so
that a ``<script>`` tag can load it from ``file://`` where fetch/XHR are forbidden):

* ``search/manifest.js``: document count, shard count, publications, filter vocabularies,
  the pinyin syllables seen in titles. Small: the start-up cost.
* ``search/fold.js``: the fold data of :mod:`.fold` (t2s map, brackets, 发文字号 query patterns).
* ``search/s/XXXX.js``: hash shards of postings. A key (see :mod:`.postings`: a character
  bigram of folded text, a next-character key ``n:``, ``p:``/``q:``/``j:`` pinyin keys, an
  ``f:`` filter value) lives in shard ``fnv1a(key) % shards`` (a next-character key in its
  bigram's shard). Each entry is ``[df, flags, all, title, strong]``: the key's document
  frequency, flags (1: the sets are in the key's own file; 2: the bigram has next-character
  keys), and three encoded sets (:mod:`.encode`): all documents, those with the key in the
  title or metadata, those with it at least three times in the body (the last two as ranks
  within the first). The title and strong sets are the ranking signals.
* ``search/p/XX/<hex>.js``: a key whose postings are large gets its own file and only
  ``[df, flags]`` in its shard, so that a query for a rare bigram never downloads a common one.
* ``search/d/G/N.js``: document N's record (url, title, metadata line, pinyin, and the
  first chunk of its text) and ``N-K.js`` further chunks. The browser fetches these only
  for candidates it shows, to verify the exact substring (bigrams only prove that all
  pairs occur) and to cut the snippet.

Document numbers (docnos) go oldest first (:func:`.segments.search_order`; the engine sorts
by descending docno for "newest"): a day of newer documents appends docnos, so every earlier
record and chunk file keeps its bytes, and so does every shard none of whose keys the new
documents hold (a set's bits and a title set's ranks only grow at the end) and whose bigrams
keep their common status.

These are *logical* names. :mod:`.layout` maps each to the file that holds it: with the
``HOSTED`` packing (the site's) every entry is its own file, as above; with ``BUNDLE`` (the
offline zip's) shards are fewer and larger, a shard's large keys share ``p/<shard>.js``,
records of 20 consecutive documents share ``d/G/rQ.js`` and the later chunks of 100
``d/G/tQ.js``; the manifest's ``pack`` field tells the engine.

Each document's part of the pass (pinyin, text keys, record JSON: :mod:`.documents`) runs on
the build's executor, a batch of documents ahead of the spooling (:func:`document_entries`);
with a cache, it and each shard's encoding (:mod:`.partitions`) are reused when their inputs
are those of an earlier build, and a build that changes a few documents patches the last
build's shards instead of making the whole pass again (:mod:`.patch`).

Memory stays bounded at 100,000 documents: postings are collected as numpy arrays for a batch
of documents, spilled to partition files on disk, and merged one partition at a time.
"""

from __future__ import annotations

import hashlib
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..kinds import kind_of
from ..model import Archive, Document, KeptText, Publication
from ..parallel import Executor, InProcess
from .documents import DOCUMENT, DocumentEntry, document_digest, document_entry
from .fold import js_payload
from .layout import HOSTED, PackBuffer, Packing, doc_path, jsonp, later_pack, record_pack, shard_count
from .partitions import PARTITIONS, ShardCache, ShardInput, ShardRow, encoded_shards, shard_inputs
from .patch import SearchState, doc_keys, document_syllables, patch_plan, state_key
from .postings import BIGRAM, KIND_SHIFT, NEXT, KeyTable, PostingSpool, bigram_codes, code_points, common_of, key_strings, sample_frequencies
from .segments import search_doc, search_order

SCHEMA = 2
# A bigram in at least 1/COMMON_SHARE of the documents (and COMMON_MIN) gets next-character
# keys; its document frequency is estimated on about SAMPLE_DOCS documents.
COMMON_SHARE, COMMON_MIN, SAMPLE_DOCS = 32, 16, 4096
FILTER_TAXONOMIES = ("issuer", "topic", "doctype", "year")
ENTRY_BATCH = 256  # documents per worker whose entries are made in one round (see document_entries)

#: The content folder's sub-folder that holds the index (static files no page links to).
SEARCH_FOLDER = "search"


def filter_keys(archive: Archive) -> tuple[dict[str, list[str]], dict[str, list[list[Any]]]]:
    """Filter keys of each document and the vocabularies the search form offers."""
    per_doc: dict[str, list[str]] = {}
    vocab: dict[str, list[list[Any]]] = {"pub": [], "kind": []}
    pubs: Counter[str] = Counter(d.publication for d in archive.documents)
    names = {p.slug: p.name for p in archive.publications}
    vocab["pub"] = [[slug, names.get(slug, slug), pubs[slug]] for slug in sorted(pubs)]
    kinds: Counter[str] = Counter(d.kind for d in archive.documents)
    vocab["kind"] = [[k, kind_of(k).filter_label, kinds[k]] for k in sorted(kinds)]
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


def partition_shards(p: int, keys: KeyTable, codes: np.ndarray, starts: np.ndarray, postings: np.ndarray, flags: np.ndarray,
                     common: np.ndarray, shards: int, packing: Packing, counts: Counter[str]) -> list[ShardInput]:
    """The shards of one merged partition, ready to encode or to find in the cache."""
    counts["next_keys"] += int(np.count_nonzero(codes >> np.uint64(KIND_SHIFT) == NEXT))
    has_next = np.isin(codes, common) & (codes >> np.uint64(KIND_SHIFT) == BIGRAM)
    names = key_strings(codes, keys.names)
    return list(shard_inputs(range(p, shards, PARTITIONS), names, keys.shard_of(codes), has_next, starts, postings, flags, packing))


class CachedEntries:
    """Each document's entry made by an earlier build, in the shard cache's store under the
    digest of what the pass reads of the document (:mod:`.documents`; never its docno). Every
    document's key goes into ``cache.used`` at once, so that the store keeps them."""

    def __init__(self, docs: list[Document], publication: list[Publication | None], cache: ShardCache | None):
        self.docs, self.publication = docs, publication
        self.store = cache.store if cache else None
        self.names = [cache.entry_key(DOCUMENT, document_digest(d, p)) for d, p in zip(docs, publication, strict=True)] if cache else []
        if cache:
            cache.used.update(self.names)

    def get(self, docno: int) -> object:
        return self.store.get(self.names[docno]) if self.store else None

    def put(self, docno: int, entry: DocumentEntry) -> None:
        if self.store:
            self.store.put(self.names[docno], entry)

    def item(self, docno: int) -> tuple[int, Document, Publication | None]:
        """What :class:`MakeEntry` makes a docno's entry of."""
        return docno, self.docs[docno], self.publication[docno]

    def entry_of(self, docno: int) -> DocumentEntry:
        """A docno's entry: from the store, else made here (and stored)."""
        found = self.get(docno)
        if isinstance(found, DocumentEntry):
            return found
        made = MakeEntry()(self.item(docno))
        self.put(docno, made)
        return made


@dataclass(frozen=True)
class MakeEntry:
    """The task: a document's entry (:func:`.documents.document_entry`) from ``(docno, document, publication)``."""

    def __call__(self, item: tuple[int, Document, Publication | None]) -> DocumentEntry:
        docno, doc, publication = item
        return document_entry(search_doc(docno, doc, publication), publication)


def document_entries(cached: CachedEntries, executor: Executor, counts: Counter[str]) -> Iterator[DocumentEntry]:
    """Each document's entry, in docno order: from the cache, else made on ``executor``, a
    batch of documents at a time, the next batch made by the workers while this one is spooled."""
    step = ENTRY_BATCH * max(1, executor.workers)
    task = MakeEntry()

    def begin(start: int) -> tuple[int, list[object], Callable[[], list[DocumentEntry]]]:
        found = [cached.get(n) for n in range(start, min(start + step, len(cached.docs)))]
        missing = [cached.item(start + i) for i, f in enumerate(found) if not isinstance(f, DocumentEntry)]
        # a few documents (a day's): here, rather than starting the pool (and loading jieba for it) to make them
        return start, found, (executor if len(missing) >= ENTRY_BATCH // 4 else InProcess()).start_map(task, missing)

    pending = begin(0) if cached.docs else None
    while pending is not None:
        start, found, made = pending
        fresh = iter(made())
        pending = begin(start + step) if start + step < len(cached.docs) else None
        for n, f in enumerate(found, start=start):
            if isinstance(f, DocumentEntry):
                counts["documents_cached"] += 1
                yield f
            else:
                entry = next(fresh)
                cached.put(n, entry)
                yield entry


def sample_bigrams(docno: int, doc: Document, publication: Publication | None, found: object) -> np.ndarray:
    """A sampled document's distinct bigrams, which estimate the common ones: from its cached
    entry (they do not depend on the common bigrams), else from its text."""
    if isinstance(found, DocumentEntry):
        return found.bigrams()
    return np.unique(bigram_codes(code_points(search_doc(docno, doc, publication).folded_segments())))


def build_search_index(archive: Archive, *, stats: dict[str, Any] | None = None,
                       common_df: int | None = None, packing: Packing = HOSTED, executor: Executor | None = None,
                       cache: ShardCache | None = None) -> Iterator[tuple[str, bytes | KeptText]]:
    """Yield ``(path under the site root, content)`` for every search file, deterministically.

    ``packing``: how entries are grouped into files (:mod:`.layout`). ``executor``: where the
    partitions' shards are encoded (default: this process); ``cache``: shards encoded by
    earlier builds, reused where their postings are the same (:mod:`.partitions`), each
    document's entry, reused where the document is the same (:mod:`.documents`), and the last
    build's state, which a build that changes few documents patches (:mod:`.patch`): then the
    files it does not change come as :class:`~builder.model.KeptText`, their digests alone.

    ``common_df``: document frequency from which a bigram gets next-character keys (default
    1/COMMON_SHARE of the documents, at least COMMON_MIN; tests lower it).
    """
    stats = stats if stats is not None else {}
    docs = search_order(archive.documents)
    pubs = {p.slug: p for p in archive.publications}
    publication = [pubs.get(d.publication) for d in docs]
    chars = sum(len(d.title) + sum(len(b.text) + sum(len(c) for r in b.rows for c in r) for b in d.blocks) for d in docs)
    shards = shard_count(chars, packing)
    per_doc_filters, vocab = filter_keys(archive)
    filters = [tuple(per_doc_filters.get(d.id, ())) for d in docs]
    threshold = common_df if common_df is not None else max(COMMON_MIN, len(docs) // COMMON_SHARE)
    cached = CachedEntries(docs, publication, cache)
    step = max(1, len(docs) // SAMPLE_DOCS)
    counts: Counter[str] = Counter()
    sizes: Counter[str] = Counter()

    def out(file: str, content: bytes | KeptText, size: int) -> tuple[str, bytes | KeptText]:
        sizes[file.split("/")[0]] += size
        counts["files"] += 1
        return f"{SEARCH_FOLDER}/{file}.js", content

    keeps_state = cache is not None and packing.one_entry_per_file
    state_at = state_key(cache, packing) if cache is not None else ""
    patch = patch_plan(cache.store.get(state_at), cache, packing, shards, cached.names, filters, step, threshold, cached.entry_of) \
        if cache is not None and keeps_state else None
    if patch is not None:
        counts["patched_shards"] = len(patch.fresh)
        for file, content, size in patch.files(cached.names, filters, executor or InProcess(), counts):
            yield out(file, content, size)
        state: SearchState | None = patch.state
        syllables: Iterable[str] = patch.state.syllables
        common = patch.state.common
    else:
        clean = CleanPass(docs, publication, cached, filters, shards, packing, step, threshold, keeps_state)
        for file, content in clean.files(executor or InProcess(), cache, counts):
            yield out(file, content, len(content))
        state, syllables, common = clean.state, clean.syllables, clean.common
    if cache is not None and state is not None:
        cache.store.put(state_at, state)
        cache.used.add(state_at)
    fold = jsonp("fold", js_payload())
    yield out("fold", fold, len(fold))
    manifest = {
        "v": SCHEMA,
        "n": len(docs),
        "shards": shards,
        "pubs": [[p.slug, p.name, p.kind] for p in archive.publications],
        "filters": vocab,
        "syl": " ".join(sorted(syllables)),
    }
    if packing.manifest():
        manifest["pack"] = packing.manifest()
    data = jsonp("manifest", manifest)
    yield out("manifest", data, len(data))
    stats.update(documents=len(docs), shards=shards, common_bigrams=len(common), **counts,
                 bytes=dict(sorted(sizes.items())))


@dataclass
class CleanPass:
    """The whole pass: every document's postings spooled, the partitions merged, every shard
    encoded or found in the cache; with ``keeps_state``, the :class:`.patch.SearchState` it leaves."""

    docs: list[Document]
    publication: list[Publication | None]
    cached: CachedEntries
    filters: list[tuple[str, ...]]
    shards: int
    packing: Packing
    step: int
    threshold: int
    keeps_state: bool
    syllables: Counter[str] = field(default_factory=Counter)
    common: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint64))
    state: SearchState | None = None

    def files(self, executor: Executor, cache: ShardCache | None, counts: Counter[str]) -> Iterator[tuple[str, bytes]]:
        docs, publication, cached, packing = self.docs, self.publication, self.cached, self.packing
        sample = range(0, len(docs), self.step)
        frequencies = sample_frequencies(sample_bigrams(n, docs[n], publication[n], cached.get(n)) for n in sample)
        self.common = common = common_of(*frequencies, len(sample), len(docs), self.threshold)
        keys = KeyTable(self.shards)
        doc_files: list[tuple[tuple[str, int], ...]] = []
        rows: dict[int, ShardRow] = {}
        partition_postings = [0] * PARTITIONS
        with tempfile.TemporaryDirectory(prefix="dangan-search-") as tmp:
            spool = PostingSpool(Path(tmp), keys, PARTITIONS)
            records, later = PackBuffer(), PackBuffer()
            for docno, entry in enumerate(document_entries(cached, executor, counts)):
                self.syllables.update(document_syllables(entry))
                spool.add(docno, *doc_keys(entry, self.filters[docno], common, keys))
                sums = []
                for chunk, data in enumerate(entry.files):
                    buffer, pack = (later, later_pack(docno, chunk, packing)) if chunk else (records, record_pack(docno, packing))
                    made = [*buffer.add(pack, doc_path(docno, chunk), data), *(buffer.flush() if packing.one_entry_per_file else ())]
                    if self.keeps_state:  # the digests a patched pass hands over (a build without a cache needs none)
                        sums += [(hashlib.sha256(content).hexdigest(), len(content)) for _, content in made]
                    yield from made
                doc_files.append(tuple(sums))
            yield from (*records.flush(), *later.flush())

            def merged() -> Iterator[list[ShardInput]]:
                for p, codes, starts, postings, flags in spool.merged():
                    partition_postings[p] = len(postings)
                    yield partition_shards(p, keys, codes, starts, postings, flags, common, self.shards, packing, counts)

            yield from encoded_shards(merged(), packing, executor, cache, counts, rows if self.keeps_state else None)
        if self.keeps_state and cache is not None:
            self.state = SearchState(packing, self.shards, tuple(cached.names), tuple(self.filters), tuple(doc_files),
                                     tuple(keys.names), common, self.step, *frequencies,
                                     dict(sorted(self.syllables.items())), rows, tuple(partition_postings))
