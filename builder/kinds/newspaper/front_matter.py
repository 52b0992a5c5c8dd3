"""The reader for one article per file in Markdown with YAML front matter (e-paper scrapes).

The front matter's fields are metadata (title, date, page ``第01版``, page name, author,
keywords, source URL); where the manifest says otherwise the manifest wins and ``check`` says
so. Its lines leave the text through the removal log. Then ``###`` kicker, ``#`` title,
``##`` subtitle, a ``>`` source line, and one paragraph per line; ``■`` paragraphs are the
article's summary, part of its body.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TypeVar

import yaml

from ...model import Block, Diagnostic, Document, Line, NewspaperPage, PartialDate, Removal, Source, SourceResult
from ..identity import article_id, newspaper_page_id
from .furniture import source_line
from .lines import dateline_of

T = TypeVar("T")

_FENCE = "---"
_PAGE = re.compile(r"第\s*(\d{1,3})\s*版")
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")


def front_matter_end(lines: tuple[Line, ...]) -> int | None:
    """The index of the line closing a front matter that opens the file, if there is one.

    >>> front_matter_end((Line(1, "---"), Line(2, "title: x"), Line(3, "---"), Line(4, "正文")))
    2
    >>> front_matter_end((Line(1, "正文"), Line(2, "---"))) is None
    True
    """
    if not lines or lines[0].text.strip() != _FENCE:
        return None
    return next((i for i in range(1, len(lines)) if lines[i].text.strip() == _FENCE), None)


def page_number(section: object) -> int | None:
    """The printed page of a front matter's ``section``.

    >>> page_number("第01版"), page_number(3), page_number("要闻")
    (1, 3, None)
    """
    if isinstance(section, int) and not isinstance(section, bool):
        return section
    m = _PAGE.search(str(section or ""))
    return int(m.group(1)) if m else None


def _iso(value: object) -> str | None:
    if isinstance(value, dt.date):
        return value.isoformat()[:10]
    if value in (None, ""):
        return None
    try:
        return PartialDate.parse(str(value)).iso()
    except ValueError:
        return None


def _text(value: object) -> str | None:
    return str(value).strip() or None if value not in (None, "") else None


def read_front_matter(source: Source, lines: tuple[Line, ...]) -> SourceResult:
    """One article: metadata from the front matter (the manifest winning), headline parts from
    the Markdown heading marks, the body one paragraph per line."""
    path, removals, diagnostics = str(source.path), [], []
    end = front_matter_end(lines) or 0
    try:
        meta = yaml.safe_load("\n".join(l.text for l in lines[1:end])) if end else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        diagnostics.append(Diagnostic("warning", "front-matter-syntax", f"front matter is not valid YAML, read as text only: {exc}",
                                      path, mark.line + 2 if mark else 1))
        meta = {}
    meta = meta if isinstance(meta, dict) else {}
    removals += [Removal(source.file, l.no, l.text, "front-matter") for l in lines[:end + 1] if l.text.strip()] if end else []

    def pick(name: str, manifest: T | None, found: T | None, line_key: str) -> T | None:
        if manifest is not None and found is not None and manifest != found:
            line = next((l.no for l in lines[:end] if l.text.startswith(f"{line_key}:")), 1)
            diagnostics.append(Diagnostic(
                "warning", "manifest-wins", f"front matter gives {name} {found!r}, the manifest {manifest!r}: the manifest's is used", path, line))
        return manifest if manifest is not None else found

    date = pick("date", source.date.iso() if source.date else None, _iso(meta.get("date")), "date")
    page = pick("page", source.page, page_number(meta.get("section")), "section")
    page_name = pick("page name", source.page_name, _text(meta.get("section_name")), "section_name")

    kicker = title = subtitle = dateline = None
    blocks: list[Block] = []
    body_lines = [l for l in lines[end + 1 if end else 0:] if l.text.strip()]
    for line in body_lines:
        text = line.text.strip()
        heading = _HEADING.match(text)
        found = source_line(text)
        if found:
            removals.append(Removal(source.file, line.no, text, "source-line"))
            if page is None:
                page = found.page
            if date is None:
                date = found.date
            continue
        if heading and not blocks:
            level, words = len(heading.group(1)), heading.group(2).strip()
            removals.append(Removal(source.file, line.no, text, "headline"))
            if level == 1 and title is None:
                title = words
            elif level <= 2 and title is not None and subtitle is None:
                subtitle = words
            elif kicker is None and title is None:
                kicker = words
            else:
                blocks.append(Block("heading", words, level=1, line=line.no))
            continue
        if heading:
            blocks.append(Block("heading", heading.group(2).strip(), level=max(len(heading.group(1)) - 1, 1), line=line.no))
            continue
        if text.startswith(">"):
            text = text.lstrip("> ").strip()
        if dateline is None and not any(b.kind == "paragraph" and not b.text.startswith("■") for b in blocks):
            found_dateline = dateline_of(text)
            if found_dateline:
                dateline = found_dateline
                removals.append(Removal(source.file, line.no, found_dateline, "dateline"))
                text = text[len(found_dateline):].lstrip()
        blocks.append(Block("paragraph", text, line=line.no))

    meta_title = _text(meta.get("title"))
    if title and meta_title and meta_title != title:
        diagnostics.append(Diagnostic(
            "info", "front-matter-title", f"front matter title {meta_title!r} differs from the printed title {title!r}; the printed one is used", path, 2))
    title = title or meta_title
    derived = not title
    if not title:
        title = next((b.text[:30] for b in blocks if b.text), source.path.stem)
        diagnostics.append(Diagnostic("warning", "title-derived", "no title in the front matter or the text; title taken from its first line", path, 1))
    page_id = newspaper_page_id(source.publication.slug, PartialDate.parse(date) if date else None, page, source.id, source.path.stem)
    doc_id = article_id(page_id, 1)
    removals = [r if r.reason == "front-matter" else Removal(r.source, r.line, r.text, r.reason, doc_id) for r in removals]
    keywords = meta.get("keywords")
    keywords = tuple(str(k) for k in keywords if str(k).strip()) if isinstance(keywords, list) else ()
    all_lines = [l.no for l in lines if l.text.strip()]
    doc = Document(
        id=doc_id, kind="newspaper_article", publication=source.publication.slug, source=source.file,
        title=title, title_derived=derived, line_start=min(all_lines, default=1), line_end=max(all_lines, default=1),
        blocks=tuple(blocks), date=date, position=1, page=page, page_name=page_name,
        kicker=kicker, subtitle=subtitle, dateline=dateline, byline=_text(meta.get("author")),
        keywords=keywords, source_url=_text(meta.get("source_url")),
        uncertain=("title",) if derived else (),
    )
    record = NewspaperPage(id=page_id, publication=source.publication.slug, source=source.file, date=date, page=page,
                           page_name=page_name, documents=(doc_id,))
    return SourceResult(source=source.file, documents=(doc,), page=record, removals=tuple(removals), diagnostics=tuple(diagnostics))
