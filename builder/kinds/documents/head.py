"""The head of a single document: comments of the collection it came from, its title (a
``# title`` line or the first lines of raw text) and the header lines under the title
(发文字号, 令号, adoption and effective dates, a date alone)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ...model import DocNumber, Line, Removal
from ...zh.dates import is_date_line, parse_date
from ...zh.docnumber import parse_doc_number
from ...zh.han import han_count
from ...zh.sentences import ends_clause
from ..gazette.header import Dates, order_number, read_dates
from ..gazette.text import is_heading_marked, squeeze_wide_spaces, strip_heading_marks

_COMMENT = re.compile(r"<!--.*?-->", re.S)


@dataclass(frozen=True)
class Head:
    title: str
    title_lines: tuple[Line, ...]
    header_lines: tuple[Line, ...]  # 文号, 令号, dates under the title
    body: tuple[Line, ...]  # every line after the head
    doc_number: DocNumber | None = None
    date: str | None = None  # a date printed alone under the title
    dates: Dates = field(default_factory=Dates)
    understood: bool = True  # False: no title could be told from the text


def strip_comments(lines: tuple[Line, ...], source: str) -> tuple[tuple[Line, ...], list[Removal]]:
    """Remove ``<!-- … -->`` comments (one line or several); each goes to the removal log.

    >>> ls, rs = strip_comments((Line(1, "标题"), Line(2, "<!-- INFO"), Line(3, "END -->正文")), "x.md")
    >>> [l.text for l in ls], [(r.line, r.text) for r in rs]
    (['标题', '', '正文'], [(2, '<!-- INFO'), (3, 'END -->')])
    >>> strip_comments((Line(1, "a <!-- b --> c"),), "x.md")[0][0].text
    'a  c'
    """
    text = "\n".join(l.text for l in lines)
    if "<!--" not in text:
        return lines, []
    removals: list[Removal] = []
    starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def line_of(pos: int) -> int:
        return next(i for i in range(len(starts) - 1, -1, -1) if starts[i] <= pos)

    for m in _COMMENT.finditer(text):
        first, last = line_of(m.start()), line_of(m.end() - 1)
        for i in range(first, last + 1):
            lo, hi = max(m.start(), starts[i]), min(m.end(), starts[i + 1] - 1 if i + 1 < len(starts) else len(text))
            removals.append(Removal(source, lines[i].no, text[lo:hi], "comment"))
    kept = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text).split("\n")
    return tuple(replace(l, text=t) for l, t in zip(lines, kept, strict=True)), removals


def _nonblank(lines: tuple[Line, ...], start: int) -> int:
    return next((i for i in range(start, len(lines)) if lines[i].text.strip()), len(lines))


def title_run(lines: tuple[Line, ...], first: int) -> int:
    """End (exclusive) of the title starting at ``first``: a ``#`` line alone, or raw lines up
    to a blank line, a header line or a line that reads as prose (a title wrapped over lines).

    >>> ls = (Line(1, "最高人民法院关于适用《中华人民共和国民法典》"), Line(2, "时间效力的若干规定"), Line(3, "法释〔2020〕15号"))
    >>> title_run(ls, 0)
    2
    """
    if is_heading_marked(lines[first].text):
        return first + 1
    end, total = first, 0
    while end < len(lines) and lines[end].text.strip() and end - first < 3:
        text = lines[end].text.strip()
        if end > first and (is_header(text) or ends_clause(text) or is_heading_marked(text)):
            break
        total += han_count(text)
        end += 1
        if ends_clause(text) or total > 60:
            break
    return end


def is_header(text: str) -> bool:
    """A line between title and body: 发文字号, 令号, dates, or a date alone.

    >>> is_header("劳社部发[2008]3号"), is_header("（2020年12月29日最高人民法院审判委员会第1823次会议通过，自2021年1月1日起施行）")
    (True, True)
    >>> is_header("各省、自治区、直辖市劳动和社会保障厅（局）："), is_header("第一章 总 则")
    (False, False)
    """
    t = strip_heading_marks(text)
    return bool(parse_doc_number(t) or order_number(t, "令") or read_dates(t) or is_date_line(t))


def looks_like_title(text: str) -> bool:
    """A title is short and is not a sentence.

    >>> looks_like_title("人体器官捐献和移植条例"), looks_like_title("根据有关规定，现就有关事项通知如下。")
    (True, False)
    """
    t = squeeze_wide_spaces(text)
    return 0 < han_count(t) <= 80 and not ends_clause(t) and "，" not in t


def read_head(lines: tuple[Line, ...]) -> Head:
    """Title and header lines of a document whose comments are already removed."""
    first = _nonblank(lines, 0)
    if first == len(lines):
        return Head("", (), (), (), understood=False)
    end = title_run(lines, first)
    title_lines = tuple(l for l in lines[first:end] if l.text.strip())
    title = squeeze_wide_spaces("".join(strip_heading_marks(l.text) for l in title_lines))
    if not looks_like_title(title):
        return Head("", (), (), lines, understood=False)
    number, date, dates, headers = None, None, Dates(), []
    i = _nonblank(lines, end)
    while i < len(lines):
        text = strip_heading_marks(lines[i].text)
        found = parse_doc_number(text) or order_number(text, title if title.endswith("令") else None)
        if found and number is None:
            number = found
        elif read_dates(text) and not dates:
            dates = read_dates(text)
        elif is_date_line(text) and date is None:
            date = parse_date(text)
        else:
            break
        headers.append(lines[i])
        i = _nonblank(lines, i + 1)
    return Head(title, title_lines, tuple(headers), lines[i:], number, date, dates)
