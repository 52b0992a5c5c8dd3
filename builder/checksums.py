"""SHA-256 checksum lines in the format of ``sha256sum`` (so ``sha256sum -c`` checks them)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable


def checksum_line(name: str, data: bytes) -> str:
    return f"{hashlib.sha256(data).hexdigest()}  {name}\n"


def checksum_lines(entries: Iterable[tuple[str, bytes]]) -> str:
    """``<hex>  <name>`` lines, sorted by name.

    >>> print(checksum_lines([("b.txt", b""), ("a.txt", b"a")]), end="")
    ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb  a.txt
    e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  b.txt
    """
    return "".join(sorted((checksum_line(name, data) for name, data in entries), key=lambda line: line[66:]))


def parse_checksum_lines(text: str) -> dict[str, str]:
    """``{name: hex}`` from checksum lines (blank lines ignored).

    >>> parse_checksum_lines("ab  x/y.txt\\n\\n")
    {'x/y.txt': 'ab'}
    """
    out = {}
    for line in text.splitlines():
        if line.strip():
            digest, _, name = line.partition("  ")
            out[name] = digest
    return out
