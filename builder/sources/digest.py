"""A fingerprint of a corpus: the SHA-256 of its manifest and of every source file.

Read here because ``sources`` is the only stage that reads the corpus from disk.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from ..checksums import checksum_lines
from .manifest import MANIFEST


def corpus_checksums(corpus: Path, files: Iterable[str]) -> str:
    """The checksum lines of ``corpus.yml`` and the named source files (``sha256sum -c`` checks them)."""
    corpus = Path(corpus)
    names = dict.fromkeys([MANIFEST, *files])
    return checksum_lines((name, (corpus / name).read_bytes()) for name in names)


def corpus_digest(corpus: Path, files: Iterable[str]) -> str:
    """One SHA-256 for the whole corpus: the hash of its checksum lines."""
    return hashlib.sha256(corpus_checksums(corpus, files).encode("utf-8")).hexdigest()
