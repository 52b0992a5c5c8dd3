"""Newspapers: one source is one printed page (版) holding articles, captions and page furniture.

``segment`` lays a page out (``units``, ``lines``, ``paragraphs``, ``articles``, ``topic_shifts``);
``extract`` assigns headlines (``headlines``) and builds each article.
"""

from __future__ import annotations

from ...model import Line, Source, SourceResult
from ..base import Kind
from .extract import extract_newspaper
from .formats import FORMATS, Reader, choose
from .front_matter import read_front_matter
from .items import read_source_lines
from .segment import segment_newspaper


def read_page(source: Source, lines: tuple[Line, ...]) -> SourceResult:
    """One newspaper page: lay it out, then assign headlines and build its articles."""
    return extract_newspaper(source, segment_newspaper(source, lines))


#: The readers, by the name the manifest's ``format:`` gives (see ``formats.FORMATS``).
READERS: dict[str, Reader] = {"text": read_page, "markdown": read_page, "front-matter": read_front_matter, "source-lines": read_source_lines}


def parse(source: Source, lines: tuple[Line, ...]) -> SourceResult:
    """A newspaper source, read by the reader its manifest entry names or its content calls for."""
    return choose(source, lines, READERS)


KIND = Kind(
    name="newspaper", document_kind="newspaper_article", parse=parse, document_template="article.md.j2",
    container="page", count_label="articles", filter_label="报纸文章", meta_shows_publication=True,
    formats=tuple(FORMATS),
)
