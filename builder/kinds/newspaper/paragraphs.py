"""Lines of a newspaper page → units: paragraphs re-joined across column wraps, headline runs,
headings, bylines, captions, jump lines and page furniture.

A line break inside a sentence is the column width's, not the author's. A break is real
when the evidence says so: a sentence-final mark followed by a blank line, a short last
line, an indent, a 电头, a heading number, or a line whose shape says it stands alone
(a byline, a doubled caption, a headline).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from ...model import Line, Removal
from ...zh.doubled import undouble_line
from ...zh.han import HAN_CLASS
from ...zh.sentences import ends_sentence, has_sentence
from ...zh.text import join_wrapped, latin_boundary
from .lines import (
    BYLINE_LEAD,
    display_width,
    is_author_line,
    is_byline_parenthesis,
    is_furniture,
    is_indented,
    is_jump_line,
    is_reporter_line,
    is_subtitle,
    looks_like_headline,
    split_trailing_byline,
    split_trailing_jump,
    starts_dateline,
    starts_numbered_heading,
)
from .units import PageUnit, PageUnitKind

_SINGLE = re.compile(r"^[^\w]*\w?[^\w]*$")


def is_single_token(token: str) -> bool:
    """A token carrying at most one letter, digit or ideograph (punctuation aside).

    >>> is_single_token("数"), is_single_token("（第"), is_single_token("1.034"), is_single_token("朱柳融")
    (True, True, False, False)
    """
    return bool(token) and bool(_SINGLE.match(token))


def collapse_spaced_runs(text: str) -> str:
    """Remove the spaces of spaced-out lettering: runs of three or more single characters.

    Names padded to width (``崔 峻``) and bylines with several names keep their spaces.

    >>> collapse_spaced_runs("2024AI 数 字 化 贸 易 高峰论坛")
    '2024AI数字化贸易高峰论坛'
    >>> collapse_spaced_runs("达到 1.034 亿 件 ， 同 比 增 长14.37%。")
    '达到 1.034亿件，同比增长14.37%。'
    >>> collapse_spaced_runs("三年 行 动 方 案 （2023—2025年）》")
    '三年行动方案（2023—2025年）》'
    >>> collapse_spaced_runs("全媒体记者 朱柳融 李汶璟"), collapse_spaced_runs("崔 峻")
    ('全媒体记者 朱柳融 李汶璟', '崔 峻')
    """
    tokens = text.split(" ")
    keep_space = [True] * max(len(tokens) - 1, 0)  # keep_space[i]: the space after tokens[i]
    i = 0
    while i < len(tokens):
        j = i
        while j < len(tokens) and is_single_token(tokens[j]) and tokens[j]:
            j += 1
        if j - i >= 3:
            for k in range(max(i - 1, 0), min(j, len(keep_space))):
                keep_space[k] = latin_boundary(tokens[k], tokens[k + 1]) and not (i <= k < j - 1)
        i = max(j, i + 1)
    out = tokens[0] if tokens else ""
    for k, token in enumerate(tokens[1:]):
        out += (" " if keep_space[k] else "") + token
    return out


_CJK_PUNCT = "，。、；：？！“”‘’（）《》〈〉【】〔〕—…·「」『』"
_JUSTIFICATION_SPACE = re.compile(
    rf"(?<=[{_CJK_PUNCT}]) +(?=\S)|(?<=\S) +(?=[{_CJK_PUNCT}])|(?<=[{HAN_CLASS}]) +(?=[0-9])|(?<=[0-9%]) +(?=[{HAN_CLASS}])"
)


def drop_justification_spaces(text: str) -> str:
    """Remove the spaces that justified PDF lines put beside Chinese punctuation and between
    a Han character and a number; spaces between Latin words and numbers, and between the
    names of a byline, stay.

    >>> drop_justification_spaces("截至 6月，根据 《实施办法 （试行）》 和 2024 年推选")
    '截至6月，根据《实施办法（试行）》和2024年推选'
    >>> drop_justification_spaces("超 1000 台 eVTOL 200 架，全媒体记者 朱柳融 李汶璟")
    '超1000台 eVTOL 200架，全媒体记者 朱柳融 李汶璟'
    """
    return _JUSTIFICATION_SPACE.sub("", text)


def join_lines(lines: Iterable[Line]) -> str:
    """Re-join the lines of one block, collapse spaced-out lettering, drop justification spaces.

    >>> join_lines([Line(1, "跨境电商平台打开国际市场的"), Line(3, "大门。")])
    '跨境电商平台打开国际市场的大门。'
    """
    text = ""
    for line in lines:
        text = join_wrapped(text, line.text.strip()) if text else line.text.strip()
    return drop_justification_spaces(collapse_spaced_runs(text))


def standalone_kind(text: str) -> PageUnitKind | None:
    """The kind of a line that is a block on its own, whatever surrounds it.

    >>> standalone_kind("（韦柳钰）"), standalone_kind("□《…》课题组"), standalone_kind("正文")
    ('byline', 'author', None)
    """
    if is_jump_line(text):
        return "jump"
    if is_byline_parenthesis(text) or is_reporter_line(text):
        return "byline"
    if is_author_line(text):
        return "author"
    if is_subtitle(text):
        return "subtitle"
    if is_furniture(text):
        return "furniture"
    return None


def starts_block(text: str) -> bool:
    """A line that always opens a new block: a 电头 or a heading number.

    An indent is not enough on its own: re-wrapped text puts a space at the start of any line
    (see ``continues_column``).

    >>> starts_block("【柳州讯】近日"), starts_block("一、总体要求"), starts_block(" 从经费和政策上"), starts_block("近日")
    (True, True, False, False)
    """
    return starts_dateline(text) or starts_numbered_heading(text.strip())


def is_full_line(line: str, others: list[str]) -> bool:
    """The line reaches the column's width (measured on its neighbours), so it may go on.

    >>> is_full_line("织密青少年阅读学习网。", ["社会化开展讲堂、专题"])
    True
    >>> is_full_line("比增长43.4%。", ["境电商进出口额 1.47亿元，同"])
    False
    """
    widths = [display_width(o) for o in others if o.strip()]
    return bool(widths) and display_width(line) >= 0.9 * max(widths)


def opens_with_fragment(line: str) -> bool:
    """The line starts by finishing a sentence (``向。从设置的…``): it continues the line above.

    >>> opens_with_fragment("向。从设置的项目来看"), opens_with_fragment("近日，柳江畔")
    (True, False)
    """
    line = line.strip()
    return bool(re.match(r"^[^，。、；：！？\s][，。、；：！？]|^[^，。、；：！？\s]{2}[。！？；]", line))


def continues_column(block: list[Line], nxt: str, blanks: int) -> bool:
    """Does the line ``nxt`` continue the open block (a column wrap) rather than start a new one?

    >>> continues_column([Line(1, "不少“柳州制造”通过")], "跨境电商平台打开国际市场的", 1)
    True
    >>> continues_column([Line(1, "型机遇。")], "跨境电商凭借线上交易、", 1)
    False
    >>> continues_column([Line(1, "香港中转 行销全球")], "【柳州讯】近日，柳江畔。", 1)
    False
    >>> continues_column([Line(1, "发展水平。 （执笔人：段东）")], " 组聚焦“双碳”目标", 0)
    False
    >>> continues_column([Line(1, "柳州港货运量增长")], " 10倍。", 0), continues_column([Line(1, "增长10倍。")], "　　记者获悉", 0)
    (True, False)
    """
    if starts_block(nxt):
        return False
    last = block[-1].text
    if split_trailing_byline(last)[1] is not None:
        return False  # a signature ends the article
    if not ends_sentence(last):
        # a headline standing above prose: the blank line and the prose's punctuation say so
        all_headline = all(looks_like_headline(l.text) for l in block)
        return not (all_headline and blanks and not looks_like_headline(nxt) and not opens_with_fragment(nxt))
    if is_indented(nxt):
        return False  # an indent after a finished sentence: the paragraph's first line
    others = [l.text for l in block[:-1]] or [nxt]
    return blanks == 0 and is_full_line(last, others)


#: A signature runs over at most this many lines (a formula, then one name per line).
BYLINE_MAX_LINES = 5


def wrapped_byline(lines: Sequence[Line], i: int) -> tuple[str, int] | None:
    """A signature printed over several lines from ``lines[i]``: its text and how many lines it takes.

    Names may stand one per line (``全媒体记者`` / ``朱柳融`` / ``李汶璟``) or be cut by the
    column (``全媒体记者 覃`` / ``科 摄``); the longest reading that is a signature wins.

    >>> wrapped_byline([Line(1, "全媒体记者"), Line(2, "朱柳融"), Line(3, "李汶璟"), Line(4, "近日，")], 0)
    ('全媒体记者 朱柳融 李汶璟', 3)
    >>> wrapped_byline([Line(1, "（全媒体记者 覃"), Line(2, "科 摄）")], 0)
    ('（全媒体记者 覃科 摄）', 2)
    >>> wrapped_byline([Line(1, "记者从柳州海关获悉，"), Line(2, "今年")], 0) is None
    True
    """
    first = lines[i].text.strip()
    if not BYLINE_LEAD.match(first) or standalone_kind(first) == "byline":
        return None
    pieces = [first]
    found: tuple[str, int] | None = None
    j = i + 1
    while j < len(lines) and len(pieces) < BYLINE_MAX_LINES:
        text = lines[j].text.strip()
        if not text or len(text) > 8 or has_sentence(text):
            break
        pieces.append(text)
        for joined in (" ".join(pieces), "".join(pieces), " ".join(pieces[:-1]) + pieces[-1]):
            if is_byline_parenthesis(joined) or is_reporter_line(joined):
                found = (joined, j - i + 1)
                break
        j += 1
    return found


def line_units(lines: tuple[Line, ...], source: str) -> tuple[list[PageUnit], list[Removal]]:
    """Group a page's lines into units, repairing doubled lines on the way (each repair logged).

    A doubled line that is not a sentence is a banner or label set in fake bold: page
    furniture, never an article's headline.
    """
    units: list[PageUnit] = []
    removals: list[Removal] = []
    block: list[Line] = []
    block_gap = 0
    blanks = 0
    heading = False

    def flush() -> None:
        nonlocal block, heading
        if block:
            units.extend(_text_units(block, block_gap, heading))
        block, heading = [], False

    skip_to = 0
    for i, line in enumerate(lines):
        if i < skip_to:
            continue
        if not line.text.strip():
            blanks += 1
            if heading and block and not has_sentence(join_lines(block)):
                flush()
            continue
        repaired = undouble_line(line.text)
        signature = None if repaired is not None else wrapped_byline(lines, i)
        if repaired is not None:
            flush()
            removals.append(Removal(source, line.no, repaired, "doubled-text", replacement=repaired))
            kind: PageUnitKind = "caption" if ends_sentence(repaired) else "furniture"
            units.append(PageUnit(kind, repaired, (Line(line.no, repaired),), blanks))
        elif signature is not None:
            flush()
            text, taken = signature
            units.append(PageUnit("byline", text, tuple(lines[i:i + taken]), blanks))
            skip_to = i + taken
        elif (kind_ := standalone_kind(line.text)) is not None:
            flush()
            units.append(PageUnit(kind_, line.text.strip(), (line,), blanks))
        elif block and continues_column(block, line.text, blanks):
            block.append(line)
        else:
            flush()
            block, block_gap, heading = [line], blanks, starts_numbered_heading(line.text.strip())
        blanks = 0
    flush()
    return [replace(u, seq=i) for i, u in enumerate(units)], removals


def _text_units(block: list[Line], gap: int, heading: bool) -> list[PageUnit]:
    """Classify one re-joined block; split off a signature or jump line printed at its end."""
    text = join_lines(block)
    if heading and not has_sentence(text):
        return [PageUnit("heading", text, tuple(block), gap)]
    if all(looks_like_headline(l.text) for l in block) and not has_sentence(text):
        return [PageUnit("headline", text, tuple(block), gap)]
    body, jump = split_trailing_jump(text)
    body, byline = split_trailing_byline(body)
    out = [PageUnit(_paragraph_kind(body, gap), body, tuple(block), gap)]
    if byline:
        out.append(PageUnit("byline", byline, (block[-1],)))
    if jump:
        out.append(PageUnit("jump", jump, (block[-1],)))
    return out


def _paragraph_kind(text: str, gap: int) -> PageUnitKind:
    """A photo caption sits apart (several blank lines above it) and is one short sentence."""
    one_sentence = len(re.findall(r"[。！？]", text)) == 1 and ends_sentence(text)
    return "caption" if gap >= 2 and one_sentence and display_width(text) <= 40 else "paragraph"
