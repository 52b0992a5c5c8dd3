"""The postings of one partition turned into its shard files, as tasks that run anywhere, and
reused from a store when a shard's postings are those of an earlier build.

A shard file holds the entries of its keys; its bytes follow from the keys' names, whether
each has next-character keys, and each key's postings (documents and flags), plus the
shard's number and the packing (and the code that encodes it: :class:`ShardCache`'s
namespace). :func:`shard_inputs` cuts a
merged partition into :class:`ShardInput` values with a digest of exactly that; a shard
whose digest is in the store is not encoded again (a one-character edit changes the
postings of a few keys, so of a few shards). The rest are encoded by :class:`EncodeShards`,
a picklable task, on the build's executor (its pool or Dask workers): one task per partition.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..model import Store
from ..parallel import Executor
from .encode import SMALL, b64, encode_set, encode_subset
from .layout import Packing, big_key_path, jsonp, own_pack
from .postings import STRONG, TITLE

OWN_FILE, HAS_NEXT = 1, 2  # entry flags
BIG_POSTING = 1024  # base64 characters above which a key moves to its own file
# ... and a next-character key: it shares its bigram's shard, which every query holding the
# bigram fetches, but only queries with that very next character need its documents.
BIG_NEXT_POSTING = 64
SHARDS_PER_TASK = 512  # shards encoded by one task
#: Key partitions: each holds every key of its shards (shard % PARTITIONS) and is merged on its own.
PARTITIONS = 64


@dataclass(frozen=True)
class ShardInput:
    """One shard's keys (in name order) with their postings, and the digest of all that."""

    shard: int
    names: tuple[str, ...]
    has_next: np.ndarray  # bool per key
    counts: np.ndarray  # postings per key
    docs: np.ndarray  # the keys' postings, key after key, documents ascending
    flags: np.ndarray
    digest: str


@dataclass(frozen=True)
class ShardFiles:
    """What a shard contributes to ``search/``: ``(logical file, bytes)`` and its count of large keys."""

    files: tuple[tuple[str, bytes], ...]
    big_keys: int


@dataclass(frozen=True)
class KeptShard:
    """What the store keeps of a shard: its files and the postings they were encoded from
    (which a later build patches: :mod:`.patch`)."""

    files: ShardFiles
    postings: ShardInput


@dataclass(frozen=True)
class ShardRow:
    """What a build remembers of a shard without its postings: where the store keeps it, and
    each file's logical name, sha256 and size (so that a later build that does not touch the
    shard hands the write stage its digests alone), and its counts for the statistics."""

    key: str
    files: tuple[tuple[str, str, int], ...]
    big_keys: int
    postings: int
    next_keys: int

    @staticmethod
    def of(key: str, shard: ShardInput, files: ShardFiles) -> ShardRow:
        return ShardRow(key, tuple((name, hashlib.sha256(data).hexdigest(), len(data)) for name, data in files.files), files.big_keys,
                        len(shard.docs), sum(1 for name in shard.names if name.startswith("n:")))


def shard_inputs(shards: Sequence[int], names: list[str], key_shards: np.ndarray, has_next: np.ndarray, starts: np.ndarray,
                 docs: np.ndarray, flags: np.ndarray, packing: Packing) -> Iterator[ShardInput]:
    """The shards of one merged partition (``names``, ``key_shards``, ``has_next``: per key;
    ``starts``: where each key's postings begin in ``docs``/``flags``, with the end appended)."""
    order = np.array(sorted(range(len(names)), key=names.__getitem__), dtype=np.int64)
    grouped = order[np.argsort(key_shards[order], kind="stable")]  # by shard, then by name
    lengths = np.diff(starts)[grouped].astype(np.int64)
    ends = np.cumsum(lengths)
    # the postings of the keys in that order, without a Python loop over keys
    at = np.repeat(starts[grouped].astype(np.int64) - (ends - lengths), lengths) + np.arange(int(ends[-1]) if len(ends) else 0)
    all_docs, all_flags = docs[at].astype(np.uint32), flags[at].astype(np.uint8)
    first = np.searchsorted(key_shards[grouped], np.asarray(shards, dtype=np.int64))
    last = np.append(first[1:], len(grouped))
    for shard, a, b in zip(shards, first.tolist(), last.tolist(), strict=True):
        keys = grouped[a:b]
        p, q = int(ends[a - 1]) if a else 0, int(ends[b - 1]) if b else 0
        yield shard_input(shard, tuple(names[k] for k in keys.tolist()), has_next[keys].astype(bool), lengths[a:b], all_docs[p:q],
                          all_flags[p:q], packing)


def shard_input(shard: int, names: tuple[str, ...], has_next: np.ndarray, counts: np.ndarray, docs: np.ndarray, flags: np.ndarray,
                packing: Packing) -> ShardInput:
    """A shard's :class:`ShardInput`, its digest made of exactly what its files follow from."""
    counts, docs, flags = counts.astype(np.int64), docs.astype(np.uint32), flags.astype(np.uint8)
    h = hashlib.sha256(repr((shard, packing)).encode())
    h.update("\0".join(names).encode("utf-8"))
    for arr in (has_next.astype(np.uint8), counts, docs, flags):
        h.update(arr.tobytes())
    return ShardInput(shard, names, has_next.astype(bool), counts, docs, flags, h.hexdigest())


def entry(count: int, has_next: bool, docs: np.ndarray, flags: np.ndarray) -> list[Any]:
    """``[df, flags, all, title, strong]`` of one key (see :mod:`.index`)."""
    flag = HAS_NEXT if has_next else 0
    if count < SMALL:  # most keys: a few documents, cheaper in plain Python
        f = flags.tolist()
        return [count, flag, b64(encode_set(docs.tolist())), b64(encode_subset([x & TITLE for x in f])),
                b64(encode_subset([x & STRONG for x in f]))]
    return [count, flag, b64(encode_set(docs)), b64(encode_subset(flags & TITLE != 0)), b64(encode_subset(flags & STRONG != 0))]


@dataclass(frozen=True)
class EncodeShards:
    """The task: the files of some shards (see :func:`shard_files`)."""

    packing: Packing

    def __call__(self, shards: Sequence[ShardInput]) -> list[ShardFiles]:
        return [shard_files(s, self.packing) for s in shards]


def shard_files(shard: ShardInput, packing: Packing) -> ShardFiles:
    """A shard's file, and the own files of its large keys (one per key, or one per shard)."""
    files: list[tuple[str, bytes]] = []
    entries: dict[str, list[Any]] = {}
    own: list[tuple[str, list[Any]]] = []
    at = big = 0
    for name, has_next, count in zip(shard.names, shard.has_next.tolist(), shard.counts.tolist(), strict=True):
        e = entry(count, has_next, shard.docs[at:at + count], shard.flags[at:at + count])
        at += count
        if sum(len(x) for x in e[2:]) > (BIG_NEXT_POSTING if len(name) > 2 and name.startswith("n:") else BIG_POSTING):
            big += 1
            path = big_key_path(name)
            if packing.own_per_shard:
                own.append((path, e))
            else:
                files.append((path, jsonp(path, e)))
            e = [e[0], e[1] | OWN_FILE]  # the browser fetches the key's own file
        entries[name] = e
    if own:
        files.append((own_pack(shard.shard), b"".join(jsonp(name, e) for name, e in own)))
    files.append((f"s/{shard.shard:04x}", jsonp(f"s/{shard.shard:04x}", entries)))
    return ShardFiles(tuple(files), big)


@dataclass
class ShardCache:
    """Shards encoded by earlier builds, and each document's entry of the index's per-document
    pass (:mod:`.documents`), in a ``get``/``put`` store; the code's version (part of every
    key: other code may encode other bytes) and the keys this build used (the rest may be
    pruned)."""

    store: Store
    namespace: str
    used: set[str] = field(default_factory=set)

    def key(self, shard: ShardInput) -> str:
        return hashlib.sha256(f"{self.namespace}\0{shard.digest}".encode()).hexdigest()

    def entry_key(self, kind: str, digest: str) -> str:
        """The key of another kind of value kept in the same store (the index's per-document
        entries: :mod:`.documents`), in the same namespace."""
        return hashlib.sha256(f"{self.namespace}\0{kind}\0{digest}".encode()).hexdigest()


def encoded_shards(partitions: Iterable[list[ShardInput]], packing: Packing, executor: Executor, cache: ShardCache | None,
                   counts: Counter[str], rows: dict[int, ShardRow] | None = None) -> Iterator[tuple[str, bytes]]:
    """Every shard's files, partition after partition, shard after shard: from the cache where
    its digest is there, the others encoded on the executor, a few partitions at a time
    (two per worker: the postings of all partitions at once would be the whole index).
    ``rows``: filled with each shard's :class:`ShardRow`."""
    for batch in chunks(partitions, 2 * max(1, executor.workers)):
        for shard, key, files in shard_files_of([s for part in batch for s in part], packing, executor, cache):
            counts["big_keys"] += files.big_keys
            counts["postings"] += len(shard.docs)
            if rows is not None:
                rows[shard.shard] = ShardRow.of(key, shard, files)
            yield from files.files


def shard_files_of(shards: list[ShardInput], packing: Packing, executor: Executor,
                   cache: ShardCache | None) -> Iterator[tuple[ShardInput, str, ShardFiles]]:
    """Each shard with its store key and its files: kept ones from the store, the others
    encoded on the executor (a task per :data:`SHARDS_PER_TASK` shards), in the order given."""
    keys = [cache.key(s) for s in shards] if cache else [""] * len(shards)
    found = [cache.store.get(k) if cache else None for k in keys]
    todo = [s for s, f in zip(shards, found, strict=True) if not isinstance(f, KeptShard)]
    encoded = iter(f for part in executor.map(EncodeShards(packing), list(chunks(todo, SHARDS_PER_TASK))) for f in part)
    for shard, key, f in zip(shards, keys, found, strict=True):
        if isinstance(f, KeptShard):
            files = f.files
        else:
            files = next(encoded)
            if cache:
                cache.store.put(key, KeptShard(files, shard))
        if cache:
            cache.used.add(key)
        yield shard, key, files


def chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Consecutive lists of ``size`` items (the last may be shorter).

    >>> list(chunks(range(5), 2))
    [[0, 1], [2, 3], [4]]
    """
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
