"""Front matter (cover, 目录) and colophon of a gazette issue."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...model import Line
from .text import strip_heading_marks

#: Dot leaders between a TOC title and its page: ``.....``, ``……``, ``·····``.
LEADER = re.compile(r"(?:\.{2,}|…+|·{3,}|-{4,})")
#: A TOC line ends with a page number, bare or in parentheses, after a leader or a 发文字号.
TOC_END = re.compile(r"(?:[.…·]\s*|号\s*)[（(]?\s*\d{1,4}\s*[）)]?\s*$")

_COLOPHON_LABELS = (
    "主管", "主办", "编辑", "出版", "编印", "印刷", "发行", "地址", "邮编", "邮政编码", "联系电话", "电话", "传真",
    "网址", "电子邮箱", "邮箱", "准印证号", "准印证", "刊号", "国内统一刊号", "承印", "定价", "出版日期", "编辑出版", "主编", "责任编辑",
)


def is_toc_heading(text: str) -> bool:
    """``目 录`` (any spacing, any heading marks).

    >>> is_toc_heading("## 目 录"), is_toc_heading("目录"), is_toc_heading("目录学")
    (True, True, False)
    """
    return re.sub(r"\s", "", strip_heading_marks(text)) == "目录"


def colophon_label(text: str) -> str | None:
    """The label of a colophon line such as ``主 管：柳州市人民政府`` (spaces inside allowed).

    >>> colophon_label("主 管：柳州市人民政府"), colophon_label("联系电话：0772-2825328"), colophon_label("主要职责：负责")
    ('主管', '联系电话', None)
    """
    m = re.match(r"^\s*([\u4e00-\u9fff][\u4e00-\u9fff\s\u3000]{0,8}?)\s*[：:]", text)
    if not m:
        return None
    label = re.sub(r"[\s\u3000]", "", m[1])
    return label if label in _COLOPHON_LABELS else None


def colophon_value(text: str) -> str:
    """What follows the label of a colophon line.

    >>> colophon_value("主 办：柳州市人民政府办公室")
    '柳州市人民政府办公室'
    """
    return re.split(r"[：:]", text, maxsplit=1)[1].strip()


#: Labels naming the issue's editor (主办 first), in the order the editor is chosen; every one
#: of them may also run as a page header.
EDITOR_LABELS = ("主办", "编辑出版", "编印", "编辑")


@dataclass(frozen=True)
class LabelledField:
    """One ``label：value`` line of the cover or the colophon, read once."""

    label: str  # without the spaces inside (``主 管`` → ``主管``)
    value: str
    line: int


def labelled_fields(lines: tuple[Line, ...]) -> tuple[LabelledField, ...]:
    """Every colophon-labelled line, in order.

    >>> [(f.label, f.value) for f in labelled_fields((Line(1, "主 管：某政府"), Line(2, "正文。")))]
    [('主管', '某政府')]
    """
    return tuple(LabelledField(label, colophon_value(l.text), l.no) for l in lines if (label := colophon_label(l.text)))


def field_value(fields: tuple[LabelledField, ...], *labels: str) -> str | None:
    """The value of the first field with the first of ``labels`` that is present.

    >>> fs = (LabelledField("编印", "某办", 1), LabelledField("主办", "某厅", 2))
    >>> field_value(fs, *EDITOR_LABELS), field_value(fs, "主管") is None
    ('某厅', True)
    """
    return next((f.value for label in labels for f in fields if f.label == label and f.value), None)


def split_colophon(lines: tuple[Line, ...]) -> tuple[tuple[Line, ...], tuple[Line, ...]]:
    """Split the colophon (主管/主办/电话… lines) off the end of an issue.

    >>> body, colophon = split_colophon((Line(1, "正文。"), Line(2, ""), Line(3, "主管：某政府"), Line(4, "主办：某办公室")))
    >>> [l.no for l in body], [l.no for l in colophon]
    ([1, 2], [3, 4])
    """
    cut = len(lines)
    i = len(lines) - 1
    while i >= 0 and (not lines[i].text.strip() or colophon_label(lines[i].text)):
        if lines[i].text.strip():
            cut = i
        i -= 1
    return lines[:cut], tuple(l for l in lines[cut:] if l.text.strip())


def group_toc_entries(lines: tuple[Line, ...]) -> tuple[tuple[Line, ...], ...]:
    """Group TOC lines into entries: an entry ends on the line that carries its page number.

    >>> es = group_toc_entries((Line(1, "某办公室关于印发某"), Line(2, ""), Line(3, "规划的通知 ..... 某政办〔2022〕59号(3)")))
    >>> [[l.no for l in e] for e in es]
    [[1, 3]]
    """
    entries, current = [], []
    for line in lines:
        if not line.text.strip():
            continue
        current.append(line)
        if TOC_END.search(line.text) and (LEADER.search(line.text) or re.search(r"号\s*[（(]\s*\d+\s*[）)]\s*$", line.text)):
            entries.append(tuple(current))
            current = []
    if current:
        entries.append(tuple(current))
    return tuple(entries)


def is_toc_entry(entry: tuple[Line, ...]) -> bool:
    """An entry group that really ends with a page number (the rest is cover text)."""
    return bool(entry) and bool(TOC_END.search(entry[-1].text))
