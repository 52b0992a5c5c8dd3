"""Newspaper article metadata. (First level; issue #4 makes it exact.)"""

from __future__ import annotations

import re

from ..model import Block, Document, NewspaperPage, Source, SourceResult
from ..segment.newspaper import PageSegments
from .identity import article_id, newspaper_page_id


def extract_newspaper(source: Source, seg: PageSegments) -> SourceResult:
    page_id = newspaper_page_id(source.publication.slug, source.date, source.page, source.id, source.path.stem)
    date = source.date.iso() if source.date else None
    documents = []
    for position, chunk in enumerate(seg.articles, start=1):
        blocks = tuple(Block("paragraph", l.text.strip(), line=l.no) for l in chunk)
        first = re.split(r"[。！？]", blocks[0].text)[0][:40] if blocks else ""
        documents.append(Document(
            id=article_id(page_id, position), kind="newspaper_article", publication=source.publication.slug,
            source=source.file, title=first, title_derived=True, line_start=chunk[0].no, line_end=chunk[-1].no,
            blocks=blocks, date=date, position=position, page=source.page, page_name=source.page_name,
        ))
    page = NewspaperPage(id=page_id, publication=source.publication.slug, source=source.file, date=date,
                         page=source.page, page_name=source.page_name, documents=tuple(d.id for d in documents))
    return SourceResult(source=source.file, documents=tuple(documents), page=page)
