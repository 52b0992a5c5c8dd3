"""The search index of a build that changes a few documents, made from the last build's.

A clean pass (:func:`.index.build_search_index`) reads every document's entry, spools every
posting and merges 64 partitions: at 10,000 documents about 11 s, whatever changed. Yet a
one-character edit changes the postings of the keys of one document, and a day added those of
the day's documents (docnos go oldest first, so a newer day appends them): a few thousand of
32,768 shards. So each build with a cache keeps a :class:`SearchState`: per docno, the key of
its entry and its filter keys, the digests of its record files; per shard, where the store
keeps its files and postings (:class:`.partitions.KeptShard`) and their digests; the named
keys' table; the sample's bigram frequencies and the common bigrams.

The next build compares its documents with the state's, docno by docno. When they differ in
a few docnos (changed ones, new ones after the last, or the last ones gone), and the shard
count and the common bigrams are the same, it patches: it takes the postings of those docnos
out of the shards they were in (found from their earlier entries) and puts their new
postings in, encodes only those shards, and hands every other file over as a
:class:`~builder.model.KeptText` (its digest, read only if the file must be written). The
files, their bytes and their order are the clean pass's (a test makes both, after random
edits, days added and documents removed). Otherwise the clean pass runs and keeps a new state.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import partial

import numpy as np

from ..model import DanganError, Diagnostic, KeptText, Store
from ..parallel import Executor, InProcess
from .documents import DocumentEntry, pinyin_keys
from .layout import Packing, call, doc_path
from .partitions import PARTITIONS, KeptShard, ShardCache, ShardInput, ShardRow, shard_files_of, shard_input
from .postings import KeyTable, common_of, key_strings, with_common, with_named

STATE = "state"  # the kind of the state's entry in the shard cache's store
#: Above this share of the documents changed, the clean pass is cheaper than patching.
PATCH_SHARE = 8
#: Shards encoded here rather than on the build's pool (which may not have started).
IN_PROCESS_SHARDS = 4096


@dataclass(frozen=True)
class SearchState:
    """What a build's search pass leaves for the next one (see the module docstring)."""

    packing: Packing
    shards: int
    entry_names: tuple[str, ...]  # per docno: its entry's key in the store
    filters: tuple[tuple[str, ...], ...]  # per docno: its filter keys
    doc_files: tuple[tuple[tuple[str, int], ...], ...]  # per docno: (sha256, size) of its record and each later chunk
    key_names: tuple[str, ...]  # the named keys' table (their codes)
    common: np.ndarray
    sample_step: int
    sample_codes: np.ndarray  # the sample's bigrams (sample_frequencies)
    sample_df: np.ndarray
    syllables: dict[str, int]  # pinyin syllable → documents holding it
    rows: dict[int, ShardRow]  # per shard written
    partition_postings: tuple[int, ...]


def state_key(cache: ShardCache, packing: Packing) -> str:
    return cache.entry_key(STATE, repr(packing))


def document_syllables(entry: DocumentEntry) -> set[str]:
    return {s for syl in entry.pinyin for s in syl}


def doc_keys(entry: DocumentEntry, filters: Sequence[str], common: np.ndarray, keys: KeyTable) -> tuple[np.ndarray, np.ndarray]:
    """A document's key codes and flags as the index holds them (:func:`.postings.with_named`)."""
    return with_named(*with_common(entry.codes, entry.flags, common), keys.codes(pinyin_keys(entry.pinyin)), keys.codes(filters))


@dataclass(frozen=True)
class Changes:
    """The docnos whose postings change between the state's build and this one."""

    changed: tuple[int, ...]  # in both, with another entry or other filters
    added: range
    removed: range

    @property
    def gone(self) -> frozenset[int]:
        """Docnos whose earlier postings go."""
        return frozenset(self.changed) | frozenset(self.removed)

    @property
    def new(self) -> tuple[int, ...]:
        """Docnos whose postings come in."""
        return (*self.changed, *self.added)


def changes(state: SearchState, names: Sequence[str], filters: Sequence[tuple[str, ...]]) -> Changes | None:
    """The docnos that differ, or None when too many do for a patch to pay."""
    n, before = len(names), len(state.entry_names)
    changed = tuple(d for d in range(min(n, before)) if state.entry_names[d] != names[d] or state.filters[d] != filters[d])
    found = Changes(changed, range(before, n), range(n, before))
    if len(changed) + len(found.added) + len(found.removed) > max(64, n // PATCH_SHARE):
        return None
    return found


def patched_frequencies(state: SearchState, step: int, old: dict[int, DocumentEntry],
                        new: dict[int, DocumentEntry]) -> tuple[np.ndarray, np.ndarray]:
    """The sample's bigram frequencies after the changes: the earlier ones less the bigrams of
    the sampled docnos that changed or left the sample, plus those of the ones that came in."""
    out = [old[d].bigrams() for d in sorted(old) if d % step == 0]  # old: the docnos gone, each < the last build's count
    into = [new[d].bigrams() for d in sorted(new) if d % step == 0]  # new: the docnos coming, each < n
    codes = np.concatenate([state.sample_codes, *out, *into]) if out or into else state.sample_codes
    weights = np.concatenate([state.sample_df, *(np.full(len(a), -1, np.int64) for a in out), *(np.ones(len(a), np.int64) for a in into)])
    distinct, inverse = np.unique(codes, return_inverse=True)
    df = np.bincount(inverse, weights=weights, minlength=len(distinct)).astype(np.int64)
    keep = df > 0
    return distinct[keep], df[keep]


def key_table(names: Sequence[str], shards: int) -> KeyTable:
    """The named keys' table of an earlier build, so that the codes in its shards mean the same."""
    keys = KeyTable(shards)
    for name in names:
        keys.code(name)
    return keys


def patched_shard(old: ShardInput, shard: int, gone: np.ndarray, names: list[str], docs: np.ndarray, flags: np.ndarray,
                  common: set[int], packing: Packing) -> ShardInput:
    """A shard's postings less those of the docnos ``gone``, plus the new ``(names, docs,
    flags)`` postings of its keys; in the order the clean pass gives (names, then docnos)."""
    everyone = sorted(set(old.names).union(names))
    rank = {name: i for i, name in enumerate(everyone)}
    old_rank = np.repeat(np.array([rank[x] for x in old.names], dtype=np.int64), old.counts)
    keep = ~np.isin(old.docs, gone)
    ranks = np.concatenate([old_rank[keep], np.array([rank[x] for x in names], dtype=np.int64)])
    all_docs, all_flags = np.concatenate([old.docs[keep], docs]), np.concatenate([old.flags[keep], flags])
    order = np.lexsort((all_docs, ranks))
    counts = np.bincount(ranks, minlength=len(everyone))
    held = np.flatnonzero(counts)
    kept_names = tuple(everyone[i] for i in held.tolist())
    has_next = np.array([len(x) == 2 and (ord(x[0]) << 21 | ord(x[1])) in common for x in kept_names], dtype=bool)
    return shard_input(shard, kept_names, has_next, counts[held], all_docs[order], all_flags[order], packing)


@dataclass
class Patch:
    """One patched pass, as :func:`patch_plan` found it; :meth:`files` makes its files."""

    state: SearchState
    cache: ShardCache
    keys: KeyTable
    sample: tuple[np.ndarray, np.ndarray]
    old: dict[int, DocumentEntry]  # the earlier entries of the docnos whose postings go
    new: dict[int, DocumentEntry]  # the entries of the docnos whose postings come
    fresh: dict[int, ShardInput]  # every shard the changes touch, patched
    entry_of: Callable[[int], DocumentEntry]  # a docno's entry, from the store or made again

    def files(self, names: Sequence[str], filters: Sequence[tuple[str, ...]], executor: Executor,
              counts: Counter[str]) -> Iterator[tuple[str, bytes | KeptText, int]]:
        """Every search file but the fold data and the manifest (see :func:`.index.build_search_index`),
        in the clean pass's order, with its size; then ``self.state`` is the state after this pass."""
        state, store = self.state, self.cache.store
        counts["documents_cached"] += len(names) - len(self.new)
        doc_files = list(state.doc_files[:len(names)])
        for docno in range(len(names)):
            entry = self.new.get(docno)
            if entry is None:
                for chunk, (sha, size) in enumerate(doc_files[docno]):
                    yield doc_path(docno, chunk), KeptText(sha, partial(record_text, self.entry_of, docno, chunk)), size
                continue
            made = [call(doc_path(docno, chunk), data) for chunk, data in enumerate(entry.files)]
            sums = tuple((hashlib.sha256(x).hexdigest(), len(x)) for x in made)
            if docno < len(doc_files):
                doc_files[docno] = sums
            else:
                doc_files.append(sums)
            for chunk, content in enumerate(made):
                yield doc_path(docno, chunk), content, len(content)
        todo = [self.fresh[s] for s in sorted(self.fresh)]
        where = executor if len(todo) > IN_PROCESS_SHARDS else InProcess()
        encoded = {s.shard: f for s, _key, f in shard_files_of(todo, state.packing, where, self.cache)}
        rows = dict(state.rows)
        for shard in encoded:
            rows[shard] = ShardRow.of(self.cache.key(self.fresh[shard]), self.fresh[shard], encoded[shard])
        for p in range(PARTITIONS):
            for shard in range(p, state.shards, PARTITIONS):
                row = rows[shard]
                self.cache.used.add(row.key)
                counts["big_keys"] += row.big_keys
                counts["postings"] += row.postings
                counts["next_keys"] += row.next_keys
                if shard in encoded:
                    yield from ((file, content, len(content)) for file, content in encoded[shard].files)
                else:
                    for file, sha, size in row.files:
                        yield file, KeptText(sha, shard_loader(store, row.key, file)), size
        syllables = Counter(state.syllables)
        for entry in self.old.values():
            syllables.subtract(document_syllables(entry))
        for entry in self.new.values():
            syllables.update(document_syllables(entry))
        self.state = replace(state, entry_names=tuple(names), filters=tuple(filters), doc_files=tuple(doc_files),
                             key_names=tuple(self.keys.names), sample_codes=self.sample[0], sample_df=self.sample[1],
                             syllables={k: v for k, v in sorted(syllables.items()) if v > 0}, rows=rows)


def record_text(entry_of: Callable[[int], DocumentEntry], docno: int, chunk: int) -> str:
    """The text of a document's record or chunk file, from its entry (made again if the store
    no longer has it: the entry is a function of the document alone)."""
    return call(doc_path(docno, chunk), entry_of(docno).files[chunk]).decode("utf-8")


def shard_loader(store: Store, key: str, file: str) -> Callable[[], str]:
    """The text of one of a kept shard's files (:func:`patch_plan` saw the store hold it)."""
    def load() -> str:
        kept = store.get(key)
        if not isinstance(kept, KeptShard):
            raise DanganError([Diagnostic("error", "cache-damaged", "the build cache lost this search file's shard while the "
                                          "build ran; build again with --no-cache, or delete the cache folder", f"search/{file}.js")])
        return dict(kept.files.files)[file].decode("utf-8")
    return load


def incoming_postings(new: dict[int, DocumentEntry], filters: Sequence[tuple[str, ...]], common: np.ndarray,
                      keys: KeyTable) -> dict[int, tuple[list[str], np.ndarray, np.ndarray]]:
    """The postings of the new entries, by shard: key names, docnos, flags."""
    parts: dict[int, tuple[list[str], list[np.ndarray], list[np.ndarray]]] = {}
    for docno in sorted(new):
        codes, flags = doc_keys(new[docno], filters[docno], common, keys)
        shard_of = keys.shard_of(codes)
        key_names = key_strings(codes, keys.names)
        order = np.argsort(shard_of, kind="stable")
        for part in np.split(order, np.flatnonzero(np.diff(shard_of[order])) + 1):
            if len(part):
                names_in, docs_in, flags_in = parts.setdefault(int(shard_of[part[0]]), ([], [], []))
                names_in.extend(key_names[i] for i in part.tolist())
                docs_in.append(np.full(len(part), docno, dtype=np.uint32))
                flags_in.append(flags[part])
    return {shard: (n, np.concatenate(d), np.concatenate(f)) for shard, (n, d, f) in parts.items()}


def patch_plan(state: object, cache: ShardCache, packing: Packing, shards: int, names: Sequence[str],
               filters: Sequence[tuple[str, ...]], step: int, threshold: int, entry_of: Callable[[int], DocumentEntry]) -> Patch | None:
    """The patch from the last build's state to this build, or None when the clean pass must
    run: no state, another packing, shard count or sample, documents reordered or too many
    changed, other common bigrams, a partition without postings (before or after: the clean
    pass writes no shard of it), or something the store no longer has."""
    if not isinstance(state, SearchState) or state.packing != packing or state.shards != shards or state.sample_step != step \
            or len(state.rows) != shards or not all(state.partition_postings):
        return None
    found = changes(state, names, filters)
    if found is None:
        return None
    old: dict[int, DocumentEntry] = {}
    for d in sorted(found.gone):
        entry = cache.store.get(state.entry_names[d])
        if not isinstance(entry, DocumentEntry):
            return None
        old[d] = entry
    new = {d: entry_of(d) for d in found.new}
    n = len(names)
    sample = patched_frequencies(state, step, old, new) if old or new else (state.sample_codes, state.sample_df)
    common = common_of(*sample, len(range(0, n, step)), n, threshold)
    if not np.array_equal(common, state.common):
        return None
    keys = key_table(state.key_names, shards)
    gone: dict[int, list[int]] = {}
    for d in sorted(old):
        codes, _ = doc_keys(old[d], state.filters[d], common, keys)
        for shard in np.unique(keys.shard_of(codes)).tolist():
            gone.setdefault(shard, []).append(d)
    incoming = incoming_postings(new, filters, common, keys)
    common_set = set(common.tolist())
    partitions = list(state.partition_postings)
    fresh: dict[int, ShardInput] = {}
    for shard in sorted(set(gone) | set(incoming)):
        kept = cache.store.get(state.rows[shard].key)
        if not isinstance(kept, KeptShard):
            return None
        names_in, docs_in, flags_in = incoming.get(shard, ([], np.zeros(0, np.uint32), np.zeros(0, np.uint8)))
        fresh[shard] = patched_shard(kept.postings, shard, np.array(gone.get(shard, []), dtype=np.uint32), names_in, docs_in, flags_in,
                                     common_set, packing)
        partitions[shard % PARTITIONS] += len(fresh[shard].docs) - len(kept.postings.docs)
    if not all(partitions) or not cache.store.holds(row.key for shard, row in state.rows.items() if shard not in fresh):
        return None
    return Patch(replace(state, partition_postings=tuple(partitions)), cache, keys, sample, old, new, fresh, entry_of)
