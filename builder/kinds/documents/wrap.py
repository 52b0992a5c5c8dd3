"""Lines of raw text wrapped at the column width, joined back into paragraphs.

A law collection's Markdown has one paragraph per line; PDF text has the paragraph wrapped
over lines of nearly equal width. A line is joined to the one before it only on that
evidence: the line before fills the column, and this line does not start a new item.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ...model import Line
from ...zh.dates import is_date_line
from ...zh.text import join_wrapped
from ..gazette.blocks import is_attachment_marker, is_attachment_note, is_part_word, numbering
from ..gazette.text import is_heading_marked


def width(text: str) -> int:
    """Display width: a Han character or full-width sign counts two, ASCII one.

    >>> width("第一条 ab"), width("")
    (9, 0)
    """
    return sum(1 if ch.isascii() else 2 for ch in text.strip())


def column_width(lines: tuple[Line, ...]) -> int:
    """The width most full lines reach (the upper quartile of the line widths).

    >>> column_width(tuple(Line(i, t) for i, t in enumerate(["甲" * 10, "甲" * 10, "甲" * 3, "甲" * 10])))
    20
    """
    widths = sorted(width(l.text) for l in lines if l.text.strip())
    return widths[(3 * len(widths)) // 4] if widths else 0


def starts_item(text: str) -> bool:
    """A line that starts something of its own: a heading, a number, 附件, an indent, a date, a table row.

    >>> starts_item("第二条 本办法适用于本市"), starts_item("　　根据有关规定"), starts_item("管理，改善生态环境")
    (True, True, False)
    """
    t = text.strip()
    return (is_heading_marked(text) or "\t" in text or bool(re.match(r"^(\u3000|\s{2,})", text))
            or bool(numbering(t)[0]) or is_part_word(t) or is_attachment_marker(t) or is_attachment_note(t)
            or is_date_line(t))


def join_column_lines(lines: tuple[Line, ...]) -> tuple[tuple[Line, ...], dict[int, int]]:
    """Paragraphs of wrapped lines joined (each keeps its first line's number); and, for each
    joined paragraph, its last source line.

    >>> ls = (Line(1, "第一条 为了加强城市绿"), Line(2, "化管理，改善生态环境，"), Line(3, "制定本办法。"), Line(4, "第二条 本办法适用于本"), Line(5, "市。"))
    >>> joined, ends = join_column_lines(ls)
    >>> [(l.no, l.text) for l in joined if l.text], ends
    ([(1, '第一条 为了加强城市绿化管理，改善生态环境，制定本办法。'), (4, '第二条 本办法适用于本市。')], {1: 3, 4: 5})
    """
    full = column_width(lines) * 0.8
    text_of = {l.no: l.text for l in lines}
    out: list[Line] = []
    ends: dict[int, int] = {}
    for line in lines:
        prev = out[-1] if out else None
        if prev and prev.text.strip() and line.text.strip() and not is_heading_marked(prev.text) and "\t" not in prev.text \
                and width(text_of[ends.get(prev.no, prev.no)]) >= full and not starts_item(line.text):
            out[-1] = replace(prev, text=join_wrapped(prev.text, line.text))
            ends[prev.no] = line.no
            continue
        out.append(line)
    return tuple(out), ends

