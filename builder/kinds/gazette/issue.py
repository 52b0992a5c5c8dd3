"""Issue metadata from the cover and the colophon: 年, 期, 总第N期, date, 主办, 主管, Zhuang title."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...model import Diagnostic, Line, Source
from ...zh.dates import is_date_line, parse_date
from .front import EDITOR_LABELS, LabelledField, field_value
from .text import strip_heading_marks


@dataclass(frozen=True)
class IssueMeta:
    year: int
    number: int
    total: int | None
    date: str | None
    editor: str | None
    supervisor: str | None
    alternate_title: str | None
    front_matter: tuple[str, ...]
    phone: str | None = None
    diagnostics: tuple[Diagnostic, ...] = ()


def issue_numbers(text: str) -> tuple[int, int] | None:
    """Year and number of an issue: ``2024年第 10 期`` (the central gazette says 号).

    >>> issue_numbers("( 2024年第 10 期, 总第160期 )"), issue_numbers("2025年第3号")
    ((2024, 10), (2025, 3))
    """
    m = re.search(r"(\d{4})\s*年\s*第\s*(\d{1,3})\s*[期号]", text)
    return (int(m[1]), int(m[2])) if m else None


def issue_total(text: str) -> int | None:
    """The running number ``总第160期``.

    >>> issue_total("总第 160 期"), issue_total("第10期")
    (160, None)
    """
    m = re.search(r"总\s*第\s*(\d{1,5})\s*[期号]", text)
    return int(m[1]) if m else None


def romanised_title(text: str) -> str | None:
    """A title in Latin capitals on the cover (the Zhuang name of the gazette).

    >>> romanised_title("LIUJCOUH SI YINZMINZ CWNGFUJ GUNGHBAU")
    'LIUJCOUH SI YINZMINZ CWNGFUJ GUNGHBAU'
    >>> romanised_title("2024") is None, romanised_title("GDP") is None
    (True, True)
    """
    t = strip_heading_marks(text).strip()
    return t if re.fullmatch(r"[A-Z][A-Z'’\-]+(?: [A-Z][A-Z'’\-]+)+", t) else None


def read_issue(source: Source, cover: tuple[Line, ...], colophon: tuple[Line, ...], fields: tuple[LabelledField, ...]) -> IssueMeta:
    """Everything the cover and colophon say about the issue (``fields``: their labelled lines,
    as segmentation read them); unread lines stay front matter."""
    path = str(source.path)
    text = "\n".join(l.text for l in cover)
    diagnostics = []
    numbers = issue_numbers(text)
    if numbers is None:
        year = source.date.year if source.date else 0
        numbers = (year, 1)
        diagnostics.append(Diagnostic("warning", "issue-number", "no 'YYYY年第N期' on the cover; using issue 1", path,
                                      cover[0].no if cover else None))
    date = next((parse_date(l.text) for l in cover if is_date_line(strip_heading_marks(l.text))), None)
    alternate = next((t for l in cover if (t := romanised_title(l.text))), None)
    both = cover + colophon
    front = tuple(strip_heading_marks(l.text) for l in both if romanised_title(l.text) is None)
    return IssueMeta(
        year=numbers[0], number=numbers[1], total=issue_total(text), date=date,
        editor=field_value(fields, *EDITOR_LABELS),
        supervisor=field_value(fields, "主管"), alternate_title=alternate,
        front_matter=front, phone=field_value(fields, "联系电话", "电话"), diagnostics=tuple(diagnostics),
    )
