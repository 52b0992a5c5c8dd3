"""Government gazettes (政府公报): an issue holds a cover, a table of contents, documents and a colophon.

``segment`` splits an issue (``front``, ``body``, ``blocks``, ``tables``, ``furniture``, ``text``);
``extract`` reads the issue (``issue``) and each document's metadata (``meta``, ``toc``).
"""

from __future__ import annotations

from ...model import Line, Source, SourceResult
from ..base import Kind
from .extract import extract_gazette
from .segment import segment_gazette


def parse(source: Source, lines: tuple[Line, ...]) -> SourceResult:
    """One gazette issue: segment it, then read its metadata from the segments."""
    return extract_gazette(source, segment_gazette(source, lines))


KIND = Kind(
    name="gazette", document_kind="gazette_document", parse=parse, document_template="document.md.j2",
    container="issue", official=True, count_label="documents", filter_label="公报文件",
)
