"""The table of contents (目录): entries, their match to documents, and printed page ranges."""

from __future__ import annotations

import re
from dataclasses import replace

from ...model import Diagnostic, Document, Line, TocEntry
from ...zh.docnumber import DOC_NUMBER, parse_doc_number
from .front import LEADER
from .text import squeeze_wide_spaces


def parse_toc_entry(lines: tuple[Line, ...]) -> TocEntry:
    """One entry from its lines: title, normalised 发文字号, page.

    >>> e = parse_toc_entry((Line(26, "柳州市人民政府办公室关于印发柳州市物流业"),
    ...                      Line(28, "发展“十四五”规划的通知 ..... 柳政办〔2022〕59号(3)")))
    >>> e.title, e.doc_number, e.page, e.line
    ('柳州市人民政府办公室关于印发柳州市物流业发展“十四五”规划的通知', '柳政办〔2022〕59号', 3, 26)
    >>> parse_toc_entry((Line(68, "某办关于成立 某领导小组的通知.....\\t某政办〔2022〕74号（132）"),)).title
    '某办关于成立某领导小组的通知'
    """
    text = " ".join(l.text.strip() for l in lines)
    page_m = re.search(r"[（(]?\s*(\d{1,4})\s*[）)]?\s*$", text)
    page = int(page_m[1]) if page_m else None
    head = text[: page_m.start()] if page_m else text
    leaders = list(LEADER.finditer(head))
    number = None
    if leaders:
        title_part, tail = head[: leaders[-1].start()], head[leaders[-1].end() :]
        nm = DOC_NUMBER.search(tail)
        number = parse_doc_number(nm.group(0)) if nm else None
    else:
        found = list(DOC_NUMBER.finditer(head))
        nm = found[-1] if found else None
        title_part = head[: nm.start()] if nm else head
        number = parse_doc_number(nm.group(0)) if nm else None
    return TocEntry(
        title=squeeze_wide_spaces(title_part),
        doc_number=number.normalized if number else None,
        page=page,
        line=lines[0].no,
    )


def _key(title: str) -> str:
    return re.sub(r"[\s《》“”\"]", "", title)


def match_toc(entries: tuple[TocEntry, ...], documents: tuple[Document, ...], path: str) -> tuple[tuple[TocEntry, ...], tuple[Diagnostic, ...]]:
    """Give every entry the id of its document (by 发文字号, else by title); report what stays unmatched."""
    by_number = {d.doc_number.normalized: d for d in documents if d.doc_number}
    by_title = {_key(d.title): d for d in documents}
    matched, used, diagnostics = [], set(), []
    for e in entries:
        doc = by_number.get(e.doc_number) if e.doc_number else None
        doc = doc or by_title.get(_key(e.title))
        if doc is None or doc.id in used:
            diagnostics.append(Diagnostic("warning", "toc-unmatched", f"TOC entry matches no document: {e.title} {e.doc_number or ''}".strip(), path, e.line))
            matched.append(e)
            continue
        if _key(doc.title) != _key(e.title):
            diagnostics.append(Diagnostic("info", "toc-title-differs", f"TOC title differs from the document title: {e.title}", path, e.line))
        used.add(doc.id)
        matched.append(replace(e, document=doc.id))
    for d in documents:
        if d.id not in used and entries:
            diagnostics.append(Diagnostic("warning", "toc-missing", f"document is not in the TOC: {d.title}", path, d.line_start))
    return tuple(matched), tuple(diagnostics)


def page_ranges(documents: tuple[Document, ...], entries: tuple[TocEntry, ...]) -> dict[str, tuple[int | None, int | None]]:
    """First page from the TOC; last = the next document's first page − 1 (None for the last one).

    >>> d = [Document(id=i, kind="gazette_document", publication="p", source="s", title="", line_start=1, line_end=1) for i in "ab"]
    >>> page_ranges(tuple(d), (TocEntry("", None, 3, 1, "a"), TocEntry("", None, 46, 2, "b")))
    {'a': (3, 45), 'b': (46, None)}
    """
    first = {e.document: e.page for e in entries if e.document}
    ranges = {}
    for i, d in enumerate(documents):
        start = first.get(d.id)
        nxt = first.get(documents[i + 1].id) if i + 1 < len(documents) else None
        last = nxt - 1 if (nxt is not None and start is not None and nxt > start) else (start if nxt == start else None)
        ranges[d.id] = (start, last)
    return ranges
