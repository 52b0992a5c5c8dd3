"""Compact encodings of sorted document-number sets, decoded by search.js.

A set is sent as base64 of either
* ``0`` + LEB128 varints of the gaps (first value absolute): small for rare keys, or
* ``1`` + varint of the first byte offset + a bitmap: at most N/8 bytes however common
  the key is (``发展`` in 60 % of 100,000 documents costs 7.5 KB, not 60,000 varints).
Whichever is shorter is used, so no key costs more than its bitmap.

A key's title and strong sets are subsets of its set of all documents, so they are sent as
*ranks* within that set (:func:`encode_subset`): a subset of ``发展``'s 60,000 documents
costs at most 60,000 bits, not a bitmap over the whole archive.
"""

from __future__ import annotations

import base64
from itertools import pairwise

import numpy as np

SMALL = 64  # sets shorter than this are encoded without numpy


def varints(values) -> bytes:
    """LEB128 of each value.

    >>> varints([1, 127, 128, 300]).hex()
    '017f8001ac02'
    """
    if not values or max(values) < 128:
        return bytes(values)  # the common case, at C speed
    out = bytearray()
    for v in values:
        v = int(v)
        while v >= 128:
            out.append((v & 127) | 128)
            v >>= 7
        out.append(v)
    return bytes(out)


def encode_set(docs) -> bytes:
    """Encode a sorted set of document numbers (a list or a numpy array; raw bytes, before base64).

    >>> encode_set([3, 5, 6]).hex()
    '00030201'
    >>> len(encode_set(list(range(0, 1000, 2))))  # dense: the bitmap wins
    127
    >>> encode_set(list(range(0, 1000, 2))) == encode_set(np.arange(0, 1000, 2))
    True
    """
    n = len(docs)
    if not n:
        return b""
    first, last = int(docs[0]), int(docs[-1])
    size = (last >> 3) - (first >> 3) + 1
    if size + 4 < n:  # surely dense: every gap costs at least a byte
        return _bitmap(np.asarray(docs, dtype=np.int64), first, size)
    if n < SMALL:  # plain Python is faster than numpy's per-call overhead here
        docs = [int(d) for d in docs]
        gaps = [b - a for a, b in pairwise(docs)]
    else:
        gaps = np.diff(np.asarray(docs, dtype=np.int64)).tolist()
    listed = b"\x00" + varints([first]) + varints(gaps)
    if size + 4 >= len(listed):
        return listed
    return _bitmap(np.asarray(docs, dtype=np.int64), first, size)


def _bitmap(arr: np.ndarray, first: int, size: int) -> bytes:
    bits = np.zeros(size * 8, dtype=bool)
    bits[arr - (first >> 3) * 8] = True
    return b"\x01" + varints([first >> 3]) + np.packbits(bits, bitorder="little").tobytes()


def encode_subset(members) -> bytes:
    """A subset given as a boolean mask over its superset's members, encoded as their ranks.

    >>> encode_subset([False, True, True, False]).hex()
    '000101'
    """
    if len(members) < SMALL:
        return encode_set([i for i, m in enumerate(members) if m])
    return encode_set(np.flatnonzero(members))


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def decode_set(data: bytes) -> list[int]:
    """The inverse of :func:`encode_set` (used by tests and benchmarks).

    >>> decode_set(encode_set([0, 9, 700, 701]))
    [0, 9, 700, 701]
    >>> decode_set(encode_set(list(range(5, 900, 3))))[:3]
    [5, 8, 11]
    """
    if not data:
        return []
    values: list[int] = []
    pos, kind = 1, data[0]

    def varint() -> int:
        nonlocal pos
        v = shift = 0
        while True:
            b = data[pos]
            pos += 1
            v |= (b & 127) << shift
            shift += 7
            if b < 128:
                return v

    if kind == 0:
        acc = 0
        while pos < len(data):
            acc += varint()
            values.append(acc)
        return values
    first = varint()
    for i, byte in enumerate(data[pos:]):
        for bit in range(8):
            if byte >> bit & 1:
                values.append((first + i) * 8 + bit)
    return values


def decode_subset(data: bytes, superset: list[int]) -> list[int]:
    """The inverse of :func:`encode_subset`, given the superset it was taken from.

    >>> decode_subset(encode_subset(np.array([False, True, True])), [4, 7, 9])
    [7, 9]
    """
    return [superset[r] for r in decode_set(data)]
