"""A fingerprint of a corpus: the SHA-256 of its manifest and of every source file.

Read here because ``sources`` is the only stage that reads the corpus from disk.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from .manifest import MANIFEST


def checksum_lines(entries: Iterable[tuple[str, bytes]]) -> str:
    """``sha256sum``-style lines (``<hex>  <name>``), sorted by name.

    >>> print(checksum_lines([("b.txt", b""), ("a.txt", b"a")]), end="")
    ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb  a.txt
    e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  b.txt
    """
    rows = sorted((name, hashlib.sha256(data).hexdigest()) for name, data in entries)
    return "".join(f"{digest}  {name}\n" for name, digest in rows)


def corpus_checksums(corpus: Path, files: Iterable[str]) -> str:
    """The checksum lines of ``corpus.yml`` and the named source files (``sha256sum -c`` checks them)."""
    corpus = Path(corpus)
    names = [MANIFEST, *files]
    return checksum_lines((name, (corpus / name).read_bytes()) for name in dict.fromkeys(names))


def corpus_digest(corpus: Path, files: Iterable[str]) -> str:
    """One SHA-256 for the whole corpus: the hash of its checksum lines."""
    return hashlib.sha256(corpus_checksums(corpus, files).encode("utf-8")).hexdigest()
