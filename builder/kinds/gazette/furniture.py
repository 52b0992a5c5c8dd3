"""Page furniture of a printed gazette: running headers and footers, page numbers, rules.

They interrupt the text wherever a page ended, often in the middle of a sentence. The
segmenter removes them (through the removal log) and re-joins what they interrupted.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from ...zh.sentences import has_clause_punctuation

_DASHES = "—－–─━-"
_DASH_CLASS = "[" + re.escape(_DASHES) + "]"


def furniture_core(text: str) -> str:
    """A line without the decoration a running header or footer carries.

    >>> furniture_core("## 柳州市人民政府办公室"), furniture_core("柳州市人民政府办公室——"), furniture_core("·柳州市人民政府办公室")
    ('柳州市人民政府办公室', '柳州市人民政府办公室', '柳州市人民政府办公室')
    """
    text = re.sub(r"^\s*#{1,6}\s*", "", text)
    return text.strip().strip("·•").strip(_DASHES + " \u3000\t")


def is_decorated(text: str) -> bool:
    """True when a line carries the marks of a header or footer (``#``, a leading dot, dashes).

    >>> is_decorated("## 清江市人民政府办公室"), is_decorated("清江市人民政府办公室")
    (True, False)
    """
    return furniture_core(text) != text.strip()


def is_page_number(text: str) -> bool:
    """A printed page number such as ``— 12 —``, ``- 12 -`` or ``第12页``.

    >>> is_page_number("— 12 —"), is_page_number("-3-"), is_page_number("第 7 页"), is_page_number("12")
    (True, True, True, False)
    """
    t = text.strip()
    return bool(re.fullmatch(rf"{_DASH_CLASS}+\s*\d{{1,4}}\s*{_DASH_CLASS}+|第\s*\d{{1,4}}\s*页", t))


def is_rule(text: str) -> bool:
    """A Markdown horizontal rule, which the converter prints at page breaks.

    >>> is_rule("---"), is_rule("***"), is_rule("——高屋建瓴")
    (True, True, False)
    """
    return bool(re.fullmatch(r"\s*(?:-{3,}|\*{3,}|_{3,})\s*", text))


def running_header_texts(texts: Iterable[str], names: Iterable[str]) -> frozenset[str]:
    """The strings that run at the top or bottom of pages.

    The known names (publication, publisher, editor) always count; any other short line
    counts when it appears decorated (``## X``, ``X——``) at least three times.

    >>> sorted(running_header_texts(["## 市政府办公室", "正文。", "市政府办公室——", "·市政府办公室"], ["某公报"]))
    ['市政府办公室', '某公报']
    """
    decorated = Counter(
        furniture_core(t) for t in texts
        if is_decorated(t) and _header_like(furniture_core(t))
    )
    found = {core for core, n in decorated.items() if n >= 3}
    return frozenset(found | {n for n in names if n})


def _header_like(core: str) -> bool:
    # numbered headings (第一节 …, 一、…) and labels (专栏, 图, 表) repeat across documents too
    numbered = re.match(r"(第[一二三四五六七八九十百]+[章节]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|专?栏|图|表|附件)", core)
    return 2 <= len(core) <= 30 and not has_clause_punctuation(core) and not re.search(r"\d", core) and not numbered


def furniture_reason(text: str, headers: frozenset[str]) -> str | None:
    """Why a standalone line is page furniture, or None when it is text.

    >>> h = frozenset({"柳州市人民政府办公室"})
    >>> furniture_reason("## 柳州市人民政府办公室", h), furniture_reason("柳州市人民政府办公室——", h)
    ('page-header', 'page-footer')
    >>> furniture_reason("— 12 —", h), furniture_reason("---", h), furniture_reason("柳州市人民政府办公室关于", h)
    ('page-footer', 'page-break', None)
    """
    if is_rule(text):
        return "page-break"
    if is_page_number(text):
        return "page-footer"
    core = furniture_core(text)
    if core not in headers:
        return None
    return "page-footer" if text.rstrip().endswith(tuple(_DASHES)) else "page-header"
