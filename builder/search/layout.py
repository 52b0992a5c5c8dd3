"""Where each logical search entry is stored: the pack layer.

The engine asks for *logical* names (a shard ``s/XXXX``, a key's own postings ``p/XX/<hex>``,
a document record ``d/G/N``, a later text chunk ``d/G/N-K``). A *pack* is one physical file
holding several entries: simply several ``dangan.searchLoaded(name, data)`` calls in one
script, so the loader, asked for a name, loads its pack once and registers every entry in
it. The mapping from a logical name to its pack is a pure function of the name and the
manifest's ``pack`` field (search.js ``packOf`` states the same):

* ``d`` documents per record pack: records N with the same ``N // d`` share
  ``d/<q // 1000>/r<q>`` (1: each record is its own file ``d/G/N``);
* ``e`` documents per pack of later chunks: every later chunk of the documents with the same
  ``N // e`` is in ``d/<q // 1000>/t<q>`` (0: each chunk is its own file ``d/G/N-K``);
* ``o`` 1: the own postings of every large key of shard k are in one file ``p/<k>``
  (0: each key its own file); shards themselves are packed by having fewer of them.

Two presets: :data:`HOSTED` (small files: a query downloads little, issue #6) and
:data:`BUNDLE` (few files: at 100,000 documents the whole search folder stays under
~15,000 files, for the offline zip, where file:// reads cost almost nothing per byte).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .postings import fnv1a


@dataclass(frozen=True)
class Packing:
    shard_chars: int = 2000  # folded characters of text per shard (sets the shard count)
    max_shards: int = 32768
    docs: int = 1  # documents per record pack
    later: int = 0  # documents per pack of later chunks (0: a file per chunk)
    own_per_shard: bool = False  # a shard's large keys in one file

    @property
    def one_entry_per_file(self) -> bool:
        """Every record and chunk its own file (so a file follows from one document alone)."""
        return self.docs == 1 and not self.later

    def manifest(self) -> dict[str, int] | None:
        """The manifest's ``pack`` field (absent for the default, one file per entry)."""
        if (self.docs, self.later, self.own_per_shard) == (1, 0, False):
            return None
        return {"d": self.docs, "e": self.later, "o": int(self.own_per_shard)}

    def file_bound(self, documents: int, shards: int) -> int | None:
        """At most this many files under ``search/`` (manifest and fold data included): a
        shard and an own-key pack per shard, a record pack per ``docs`` documents and a
        later-chunk pack per ``later`` documents. None: one file per large key or chunk, so
        the count depends on the text."""
        if not (self.own_per_shard and self.later):
            return None
        return 2 + 2 * shards + -(-documents // self.docs) + -(-documents // self.later)


HOSTED = Packing()
BUNDLE = Packing(shard_chars=16000, max_shards=4096, docs=20, later=100, own_per_shard=True)


def shard_count(total_chars: int, packing: Packing = HOSTED) -> int:
    """A power of two near total_chars / packing.shard_chars, so that an average shard
    stays a few KB (hosted) or a few tens of KB (bundle). A power of two also keeps the count
    when a day of documents is added: it changes (and every key moves to another shard) only
    when the archive's text crosses a doubling.

    Distinct keys grow with the text, not with the number of documents (13 long gazette
    documents hold as many bigrams as 300 newspaper articles).

    >>> shard_count(400_000), shard_count(14_000_000), shard_count(140_000_000)
    (256, 8192, 32768)
    >>> shard_count(14_000_000, BUNDLE), shard_count(140_000_000, BUNDLE)
    (1024, 4096)
    """
    n = 16
    while n * packing.shard_chars < total_chars and n < packing.max_shards:
        n *= 2
    return n


def big_key_path(key: str) -> str:
    """Logical name of a large key's own postings (a directory level keeps folders small)."""
    return f"p/{fnv1a(key) & 255:02x}/{key.encode('utf-8').hex()}"


def own_pack(shard: int) -> str:
    """The file of a shard's large keys when they are packed per shard."""
    return f"p/{shard:04x}"


def doc_path(docno: int, chunk: int = 0) -> str:
    """Logical name of document ``docno``'s record (chunk 0) or later text chunk."""
    return f"d/{docno // 1000}/{docno}" + (f"-{chunk}" if chunk else "")


def record_pack(docno: int, packing: Packing) -> str:
    """The file holding document ``docno``'s record.

    >>> record_pack(12345, HOSTED), record_pack(12345, BUNDLE)
    ('d/12/12345', 'd/0/r617')
    """
    if packing.docs == 1:
        return doc_path(docno)
    q = docno // packing.docs
    return f"d/{q // 1000}/r{q}"


def later_pack(docno: int, chunk: int, packing: Packing) -> str:
    """The file holding chunk ``chunk`` (≥ 1) of document ``docno``.

    >>> later_pack(12345, 2, HOSTED), later_pack(12345, 2, BUNDLE)
    ('d/12/12345-2', 'd/0/t123')
    """
    if not packing.later:
        return doc_path(docno, chunk)
    q = docno // packing.later
    return f"d/{q // 1000}/t{q}"


def payload(data: Any) -> bytes:
    """An entry's data as the JSON its file holds (kept by the document cache: it does not
    depend on the entry's name).

    >>> payload({"t": "标题", "n": 1}).decode()
    '{"t":"标题","n":1}'
    """
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False).encode()


def call(name: str, data: bytes) -> bytes:
    """One entry of a file: the script line registering ``data`` (a :func:`payload`) under ``name``.

    >>> call("d/0/7", b'{"s":[]}')
    b'dangan.searchLoaded("d/0/7",{"s":[]});\\n'
    """
    return b'dangan.searchLoaded("' + name.encode() + b'",' + data + b");\n"


def jsonp(name: str, data: Any) -> bytes:
    return call(name, payload(data))


class PackBuffer:
    """The entries of one pack file at a time; entries arrive grouped by file, so a file is
    complete when the next one begins (memory: one pack)."""

    def __init__(self) -> None:
        self.file: str | None = None
        self.parts: list[bytes] = []

    def add(self, file: str, name: str, data: bytes) -> Iterator[tuple[str, bytes]]:
        """Add an entry (its :func:`payload`); yields the previous file when ``file`` begins a new one."""
        if file != self.file:
            yield from self.flush()
            self.file = file
        self.parts.append(call(name, data))

    def flush(self) -> Iterator[tuple[str, bytes]]:
        if self.file is not None and self.parts:
            yield self.file, b"".join(self.parts)
        self.file, self.parts = None, []
