"""The MkDocs hook file of ``dangan serve`` (and the only hook file): before each rebuild,
parse the corpus again when one of its files changed, so that editing a raw file or
corpus.yml shows in the browser on the next reload."""

from __future__ import annotations

import os
from pathlib import Path

_seen: dict[str, int] = {}


def corpus_stamp(corpus: Path) -> int:
    """The newest modification time of the corpus' files (ns)."""
    return max((p.stat().st_mtime_ns for p in corpus.iterdir() if p.is_file()), default=0)


def on_pre_build(config):  # noqa: ARG001 - MkDocs hook signature
    corpus, content = os.environ.get("DANGAN_SERVE_CORPUS"), os.environ.get("DANGAN_SERVE_CONTENT")
    if not corpus or not content:
        return
    stamp = corpus_stamp(Path(corpus))
    if _seen.get(corpus, stamp) != stamp:
        from builder.api import refresh_content
        from builder.model import DanganError

        try:
            refresh_content(Path(corpus), Path(content))
        except DanganError as exc:  # keep serving the last good archive; say why
            print(exc)
    _seen[corpus] = stamp
