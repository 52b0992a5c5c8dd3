"""The MkDocs hook file of every dangan build (and the only one).

- Front matter holds the source's characters as data (any renderer can read it). Material
  prints ``page.meta.title`` unescaped in ``<title>`` and the page header, and MkDocs' Jinja
  does not autoescape, so the values are HTML-escaped here, once, as the page is read.
- ``dangan serve``: before each rebuild, parse the corpus again when one of its files
  changed, so that editing a raw file or corpus.yml shows on the next reload. The corpus
  and content folders come in ``extra.dangan_serve`` of the configuration.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

_seen: dict[str, int] = {}


def escaped(value):
    """A front-matter value with every string HTML-escaped (lists and mappings walked).

    >>> escaped({"title": "<img onerror=x> &lt;", "source_lines": [1, 2], "tags": ["a&b"]})
    {'title': '&lt;img onerror=x&gt; &amp;lt;', 'source_lines': [1, 2], 'tags': ['a&amp;b']}
    """
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, list):
        return [escaped(v) for v in value]
    if isinstance(value, dict):
        return {k: escaped(v) for k, v in value.items()}
    return value


def on_page_markdown(markdown, page, config, files):  # noqa: ARG001 - MkDocs hook signature
    page.meta = escaped(page.meta)
    return markdown


def corpus_stamp(corpus: Path) -> int:
    """The newest modification time of the corpus' files (ns)."""
    return max((p.stat().st_mtime_ns for p in corpus.iterdir() if p.is_file()), default=0)


def on_pre_build(config) -> None:
    serve = (config.get("extra") or {}).get("dangan_serve") if config else None
    if not serve:
        return
    corpus, content = Path(serve["corpus"]), Path(serve["content"])
    stamp = corpus_stamp(corpus)
    if _seen.get(str(corpus), stamp) != stamp:
        from builder.api import refresh_content
        from builder.model import DanganError

        try:
            refresh_content(corpus, content)
        except DanganError as exc:  # keep serving the last good archive; say why
            print(exc)
    _seen[str(corpus)] = stamp
