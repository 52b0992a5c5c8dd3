"""Classify the text lines of a document body: numbered headings, titles, boxes, figures,
captions, attachment notes and paragraphs (with their lead phrase).

The converter's ``#`` marks are unreliable; the document's own numbering (第一章, 一、, （一）…)
decides what is a heading, and how deep.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from ...zh.dates import chinese_number, is_date_line
from ...zh.han import han_count
from ...zh.sentences import ends_clause, has_clause_punctuation
from ...zh.text import join_wrapped
from .tables import is_caption_text
from .text import (
    is_heading_marked,
    squeeze_wide_spaces,
    strip_bold,
    strip_heading_marks,
    strip_list_mark,
    unescape_markdown,
)

#: Numbering styles, from the outermost to the innermost, as the national conventions order them.
MARKERS: tuple[tuple[str, str], ...] = (
    ("chapter", r"第[一二三四五六七八九十百零〇]+章"),
    ("section", r"第[一二三四五六七八九十百零〇]+节"),
    # an article (条) of a regulation: its number stands apart from its text
    ("article", r"第[一二三四五六七八九十百千零〇]+条(?=[\s\u3000]|$)"),
    ("cn", r"[一二三四五六七八九十]+、"),
    ("paren_cn", r"[（(]\s*[一二三四五六七八九十]+\s*[）)]"),
    ("arabic", r"\d{1,2}\s*[.．、](?!\d)"),
    ("paren_arabic", r"[（(]\s*\d{1,2}\s*[）)]"),
    ("circled", r"[①-⑳]"),
)
RANK = {kind: i for i, (kind, _) in enumerate(MARKERS)}
#: Unnumbered parts that stand beside the top numbered level.
PART_WORDS = ("前言", "序言", "引言", "总则", "附则", "结语", "结束语", "说明")


@dataclass(frozen=True)
class BodyUnit:
    """One classified piece of body text (a line, or several once re-joined)."""

    kind: str  # paragraph | heading | title | box | figure | caption | note | marker | article
    text: str
    line: int
    marker: str = ""  # numbering style of a heading or numbered paragraph
    lead: str = ""
    listed: bool = False  # came from a Markdown list item: never a heading
    after_break: bool = False  # page furniture was removed just before it


def numbering(text: str) -> tuple[str, str]:
    """The numbering style a text starts with and the marker as printed.

    >>> numbering("第一章 发展现状"), numbering("（一）加强组织领导。"), numbering("1.印发方案。")
    (('chapter', '第一章'), ('paren_cn', '（一）'), ('arabic', '1.'))
    >>> numbering("2020年，柳州市"), numbering("12.5万吨"), numbering("第十二条 国家建立")
    (('', ''), ('', ''), ('article', '第十二条'))
    >>> numbering("第五十一条的规定")
    ('', '')
    """
    for kind, pattern in MARKERS:
        m = re.match(pattern, text)
        if m:
            return kind, m.group(0)
    return "", ""


def box_label(text: str, marked: bool) -> bool:
    """A 专栏 box heading such as ``专栏3-1 …`` (``栏8：…`` only when marked as a heading).

    >>> box_label("专栏3-1 柳州市国际物流通道布局", False), box_label("栏8：生态环保工程", True), box_label("栏杆", True)
    (True, True, False)
    """
    if re.match(r"专栏\s*\d+", text):
        return True
    return marked and bool(re.match(r"栏\s*\d+\s*[：:]", text))


def is_figure_label(text: str) -> bool:
    """A figure caption such as ``图3-1 …`` or ``图 4-2 高速公路规划图``.

    >>> is_figure_label("图3-1 柳州市城镇开发建设格局"), is_figure_label("图1柳州市县域分类考核分布图"), is_figure_label("图书馆")
    (True, True, False)
    """
    return bool(re.match(r"图\s*\d+(?:\s*[-－—.]\s*\d+)?\s*\S", text))


def is_attachment_marker(text: str) -> bool:
    """The ``附件`` / ``附件 1`` line printed above an attachment.

    >>> is_attachment_marker("附件 1"), is_attachment_marker("附件"), is_attachment_marker("附件：方案")
    (True, True, False)
    """
    return bool(re.fullmatch(r"附件\s*\d*", text.strip()))


def is_attachment_note(text: str) -> bool:
    """The 附件说明 at the end of a body: ``附件：…``.

    >>> is_attachment_note("附件：1.外资企业问题诉求收集表"), is_attachment_note("附件 1")
    (True, False)
    """
    return bool(re.match(r"附\s*件\s*[：:]", text))


def is_part_word(text: str) -> bool:
    """A bare unnumbered part such as ``附 则`` (letter-spaced) or ``总则`` on its own line.

    >>> is_part_word("附 则"), is_part_word("附则"), is_part_word("附则规定如下")
    (True, True, False)
    """
    return squeeze_wide_spaces(text) in PART_WORDS


def bare_numeral(text: str) -> bool:
    """A heading that is only its number (``## 三``: the converter lost the rest of the line).

    >>> bare_numeral("三"), bare_numeral("三、目标"), bare_numeral("三亚")
    (True, False, False)
    """
    return bool(re.fullmatch(r"[一二三四五六七八九十]+", text.strip()))


def heading_rest_is_short(rest: str) -> bool:
    """After a number, a heading is a short phrase with no clause punctuation inside.

    >>> heading_rest_is_short("加强组织领导"), heading_rest_is_short("加强组织领导。"), heading_rest_is_short("认真学习，领会精神。为贯彻")
    (True, True, False)
    """
    rest = rest.strip()
    return 0 < han_count(rest) <= 30 and not re.search(r"[。；，：！？]", rest[:-1]) and rest[-1:] not in "，；：、"


def numbered_lead(text: str, marker: str) -> tuple[str, str]:
    """Split ``（一）加强组织领导。各单位要…`` into its lead phrase and the rest.

    >>> numbered_lead("（一）加强组织领导。各单位要加强领导。", "（一）")
    ('（一）加强组织领导。', '各单位要加强领导。')
    >>> numbered_lead("（一）建立完善外资企业常态化交流机制，通过走访座谈等方式，精准掌握外资企业的困难和诉求，并及时反馈。", "（一）")
    ('', '（一）建立完善外资企业常态化交流机制，通过走访座谈等方式，精准掌握外资企业的困难和诉求，并及时反馈。')
    """
    end = text.find("。", len(marker))
    if 0 < end <= len(marker) + 40 and text[end + 1 :].strip():
        return text[: end + 1], text[end + 1 :]
    return "", text


def is_annotation(text: str) -> bool:
    """The 附注 printed under a signature, such as ``（此件公开发布）``.

    >>> is_annotation("（此件公开发布）"), is_annotation("（一）加强领导")
    (True, False)
    """
    return bool(re.fullmatch(r"[（(]此件[^（()）]{1,20}[）)]", text.strip()))


def bold_lead(text: str) -> tuple[str, str]:
    """A bold phrase at the start of a paragraph is its lead.

    >>> bold_lead("**国家物流大通道重要节点城市。**积极对接国家战略。")
    ('国家物流大通道重要节点城市。', '积极对接国家战略。')
    >>> bold_lead("正文。")
    ('', '正文。')
    """
    m = re.match(r"^\*\*(.+?)\*\*(.+)$", text)
    return (m[1], strip_bold(m[2])) if m else ("", text)


def classify_line(raw: str, line: int) -> BodyUnit:
    """What one non-blank, non-table body line is."""
    marked = is_heading_marked(raw)
    listed = bool(re.match(r"^\s*[-*+]\s+", raw)) and not marked
    text = unescape_markdown(strip_list_mark(strip_heading_marks(raw)) if listed else strip_heading_marks(raw))
    whole_bold = bool(re.fullmatch(r"\*\*[^*]+\*\*", text))
    lead, rest = bold_lead(text)
    plain = strip_bold(text)
    if box_label(plain, marked):
        return BodyUnit("box", plain, line)
    if is_figure_label(plain):
        return BodyUnit("figure", plain, line)
    if is_attachment_marker(plain):
        return BodyUnit("marker", plain, line)
    if is_attachment_note(plain) or is_annotation(plain):
        return BodyUnit("note", plain, line)
    if is_part_word(plain):
        return BodyUnit("title", squeeze_wide_spaces(plain), line)
    kind, marker = numbering(plain)
    if kind == "article" and not listed:
        return BodyUnit("article", plain[len(marker):].strip(), line, marker=kind, lead=marker)
    if marked and bare_numeral(plain):
        return BodyUnit("heading", plain, line, marker="cn")
    after = plain[len(marker):]
    # a phrase closed by 。 is a heading only when the converter marked it as one
    if kind and not listed and not lead and heading_rest_is_short(after) and "《" not in after \
            and (marked or not after.rstrip().endswith("。")):
        return BodyUnit("heading", plain, line, marker=kind)
    if kind and whole_bold:
        return BodyUnit("heading", plain, line, marker=kind)
    if lead:
        return BodyUnit("paragraph", rest, line, marker=kind, lead=lead)
    if kind and not listed:
        nlead, nrest = numbered_lead(plain, marker)
        return BodyUnit("paragraph", nrest, line, marker=kind, lead=nlead)
    if is_caption_text(plain):
        return BodyUnit("caption", plain, line)
    if (marked or whole_bold) and not re.search(r"[，。；：、]", plain) and han_count(plain) <= 40:
        return BodyUnit("title", squeeze_wide_spaces(plain), line)
    return BodyUnit("paragraph", plain, line, marker=kind, listed=listed)


def mark_attachment_titles(units: list[BodyUnit]) -> list[BodyUnit]:
    """The line after an ``附件 N`` marker is the attachment's title; lines after an
    ``附件：`` note that continue its numbered list belong to the note; and a short line
    right after the note (no ``附件`` marker printed) is the first attachment's title.

    >>> us = mark_attachment_titles([BodyUnit("note", "附件：1.项目清单", 1), BodyUnit("paragraph", "2.任务分解表", 2),
    ...                              BodyUnit("caption", "柳州市项目建设单", 3), BodyUnit("paragraph", "正文，不是标题。", 4)])
    >>> [(u.kind, u.text) for u in us]
    [('note', '附件：1.项目清单'), ('note', '2.任务分解表'), ('title', '柳州市项目建设单'), ('paragraph', '正文，不是标题。')]
    """
    out: list[BodyUnit] = []
    for u in units:
        prev = out[-1] if out else None
        after_note = prev is not None and prev.kind == "note" and not is_annotation(prev.text)
        if prev and prev.kind == "marker" and u.kind in ("paragraph", "caption", "title") and not has_clause_punctuation(u.text):
            u = BodyUnit("title", squeeze_wide_spaces(u.lead + u.text), u.line)
        elif after_note and re.match(r"\d+\s*[.．、]", u.lead + u.text) and "。" not in u.text:
            u = BodyUnit("note", u.lead + u.text, u.line)
        elif after_note and u.kind in ("paragraph", "caption") and not u.lead and not u.marker \
                and not has_clause_punctuation(u.text) and 0 < han_count(u.text) <= 40 and not is_date_line(u.text):
            u = BodyUnit("title", squeeze_wide_spaces(u.text), u.line)
        out.append(u)
    return out


def mark_enclosed_titles(units: list[BodyUnit]) -> list[BodyUnit]:
    """A short line that repeats a 《title》 named in the paragraph before it is that title."""
    out: list[BodyUnit] = []
    named: set[str] = set()
    for u in units:
        if u.kind == "paragraph" and not u.marker and squeeze_wide_spaces(u.text) in named:
            u = BodyUnit("title", squeeze_wide_spaces(u.text), u.line)
        if u.kind == "paragraph":
            named = {squeeze_wide_spaces(n) for n in re.findall(r"《([^》]+)》", u.text)}
        out.append(u)
    return out


def is_label_line(text: str) -> bool:
    """A ``label：value`` line of a list of names (``副主任：韦柳红 …``, ``组 员：…``).

    >>> is_label_line("副主任：韦柳红 市发展改革委副主任"), is_label_line("物流大通道畅通能力不足。铁路运输方面，")
    (True, False)
    """
    return bool(re.match(r"^[\u4e00-\u9fff][\u4e00-\u9fff \u3000]{0,5}[：:]", text))


def broken_heading(unit: BodyUnit) -> bool:
    """A numbered item that only looked like a heading because a page break cut it short.

    >>> broken_heading(BodyUnit("heading", "2.各成员单位每月21日前将收集到的我市", 1, marker="arabic"))
    True
    >>> broken_heading(BodyUnit("heading", "（一）坚持党的领导", 1, marker="paren_cn"))
    False
    """
    rest = re.sub(r"^\S{1,6}?[、.．）)]\s*", "", unit.text)
    return unit.kind == "heading" and unit.marker not in ("chapter", "section") and han_count(rest) >= 15


def continues_sentence(prev: BodyUnit, nxt: BodyUnit, sentence_styles: frozenset[str] = frozenset()) -> bool:
    """True when ``nxt`` carries on the sentence ``prev`` left open (the evidence for joining).

    Both must be plain paragraphs; ``prev`` must read as prose that stops mid-sentence;
    ``nxt`` must read as prose and not start a new item. A numbered line cut short by a
    page break (furniture removed between the two) is a paragraph too.

    >>> continues_sentence(BodyUnit("paragraph", "市各有关部", 1, lead="四、抓好落实，广泛宣传。"), BodyUnit("paragraph", "门要加强政策研究和解读。", 5))
    True
    >>> continues_sentence(BodyUnit("paragraph", "外资企业问题诉求收集表", 1), BodyUnit("paragraph", "报送单位: ___", 3))
    False
    >>> continues_sentence(BodyUnit("paragraph", "加快推进柳州保税物流中心建设的有关工作", 1), BodyUnit("paragraph", "（二）强化保障。", 3, marker="paren_cn"))
    False
    >>> continues_sentence(BodyUnit("paragraph", "主任：李建红 市贸促会会长", 1), BodyUnit("paragraph", "副主任：韦柳红 市发展改革委副主任", 3))
    False

    A numbered heading of a style whose other items are sentences (``sentence_styles``) that
    stops mid-sentence was cut by a page break even when no furniture is left between:

    >>> cut = BodyUnit("heading", "(一)鼓励高等院校、职业院校、科研机构参与智能轨道产业园、生物医药创新园", 1, marker="paren_cn")
    >>> rest = BodyUnit("paragraph", "等一批校企研密切协作的产教融合园区及研究院等行业或区域性示范基地。", 3)
    >>> continues_sentence(cut, rest, frozenset({"paren_cn"})), continues_sentence(cut, rest)
    (True, False)
    """
    prev_text = prev.lead + prev.text
    cut = nxt.after_break or (prev.marker in sentence_styles and not ends_clause(prev_text))
    paragraph = prev.kind in ("paragraph", "article") or (cut and broken_heading(prev))
    if not paragraph or nxt.kind != "paragraph" or nxt.marker or nxt.lead or prev.listed or nxt.listed:
        return False
    if ends_clause(prev_text) or is_label_line(nxt.text) or (is_label_line(prev_text) and han_count(prev_text) <= 30):
        return False
    if not (han_count(prev_text) >= 16 or has_clause_punctuation(prev_text)):
        return False
    if re.match(r"^(——|附件|注[：:])", nxt.text):
        return False
    return has_clause_punctuation(nxt.text) or han_count(nxt.text) >= 20


def sentence_styles(units: list[BodyUnit]) -> frozenset[str]:
    """Numbering styles whose items in this document are numbered sentences (paragraphs), with
    a single exception classed as a heading: that one is a sentence a page break cut short.

    >>> item = lambda t, kind="paragraph": BodyUnit(kind, t, 1, marker="paren_cn")
    >>> sentence_styles([item("(一)将产教融合纳入规划。"), item("(二)发挥企业作用。"), item("(三)鼓励高等院校参与产业园", "heading")])
    frozenset({'paren_cn'})
    >>> sentence_styles([item("(一)加强领导", "heading"), item("(二)强化保障", "heading"), item("(三)营造氛围。")])
    frozenset()
    """
    headings = Counter(u.marker for u in units if u.kind == "heading" and u.marker)
    sentences = Counter(u.marker for u in units if u.kind == "paragraph" and u.marker)
    return frozenset(m for m, n in headings.items() if n == 1 and sentences[m] >= 2)


def join_units(prev: BodyUnit, nxt: BodyUnit) -> BodyUnit:
    """One paragraph from two pieces of it.

    >>> join_units(BodyUnit("paragraph", "加快推进柳州保税", 503), BodyUnit("paragraph", "物流中心（B型）升级。", 507)).text
    '加快推进柳州保税物流中心（B型）升级。'
    """
    if prev.kind == "heading":
        lead, rest = numbered_lead(prev.text, numbering(prev.text)[1])
        prev = BodyUnit("paragraph", rest, prev.line, marker=prev.marker, lead=lead)
    return replace(prev, text=join_wrapped(prev.text, nxt.text))


def heading_levels(units: list[BodyUnit]) -> dict[int, int]:
    """Level of each heading (by index): titles 1, numbered styles ranked below them.

    Levels are relative: the outermost numbering style present is the first level under
    the titles (or level 1 when the document has no title headings); skipped styles leave
    no gap.

    >>> us = [BodyUnit("title", "方案", 1), BodyUnit("heading", "第一章 总则", 2, marker="chapter"), BodyUnit("heading", "一、目标", 3, marker="cn")]
    >>> heading_levels(us)
    {0: 1, 1: 2, 2: 3}
    >>> heading_levels([BodyUnit("heading", "一、目标", 1, marker="cn"), BodyUnit("heading", "1.任务", 2, marker="arabic")])
    {0: 1, 1: 2}
    """
    styles = sorted({u.marker for u in units if u.kind in ("heading", "article")}, key=RANK.__getitem__)
    first_numbered = next((i for i, u in enumerate(units) if u.kind in ("heading", "article")), len(units))
    offset = 1 if any(u.kind == "title" and u.text not in PART_WORDS for u in units[:first_numbered]) else 0
    levels = {}
    for i, u in enumerate(units):
        if u.kind in ("heading", "article"):
            levels[i] = offset + styles.index(u.marker) + 1
        elif u.kind == "title":
            levels[i] = offset + 1 if u.text in PART_WORDS else 1
    return levels


def ordinal(unit: BodyUnit) -> int | None:
    """The number of a numbered heading (第十一章 → 11, （三） → 3, 2. → 2).

    >>> ordinal(BodyUnit("heading", "第十一章 提高县域改革开放水平", 1, marker="chapter")), ordinal(BodyUnit("heading", "（三）出版", 1, marker="paren_cn"))
    (11, 3)
    """
    m = re.search(r"[一二三四五六七八九十百千〇零]+|\d+", numbering(unit.text)[1])
    if not m:
        return None
    return int(m[0]) if m[0].isdigit() else chinese_number(m[0])


def misplaced_parent(units: list[BodyUnit]) -> tuple[int, int, int] | None:
    """Find a parent heading printed after its own first children (a PDF reading-order slip).

    Returns ``(restart, start, end)``: children restart at 1 at ``restart`` with no parent
    heading before them, and the parent heading with its intro, ``units[start:end]``, comes
    later, followed by children that continue the restarted count.
    """
    styles = [u.marker for u in units if u.kind == "heading"]
    pairs = [("chapter", "section"), ("cn", "paren_cn"), ("paren_cn", "arabic")]
    for parent, child in pairs:
        if parent not in styles or child not in styles:
            continue
        last = 0
        for i, u in enumerate(units):
            if u.kind == "heading" and u.marker == parent:
                last = 0
            elif u.kind == "heading" and u.marker == child:
                n = ordinal(u)
                if n == 1 and last > 1:
                    found = _late_parent(units, i, parent, child)
                    if found:
                        return (i, *found)
                last = n or last
    return None


def _late_parent(units: list[BodyUnit], restart: int, parent: str, child: str) -> tuple[int, int] | None:
    count = 1
    for p in range(restart + 1, len(units)):
        u = units[p]
        if u.kind == "heading" and u.marker == child:
            count = ordinal(u) or count
        elif u.kind == "heading" and u.marker == parent:
            nxt = next((k for k in range(p + 1, len(units)) if units[k].kind in ("heading", "title", "box", "table")), len(units))
            if nxt < len(units) and units[nxt].marker == child and ordinal(units[nxt]) == count + 1:
                return p, _intro_end(units, p + 1, nxt)
            return None
    return None


def _intro_end(units: list[BodyUnit], first: int, limit: int) -> int:
    # the slipped piece is the heading and its intro: up to the first paragraph left unfinished
    for k in range(first, limit):
        if not ends_clause(units[k].lead + units[k].text):
            return k + 1
    return min(first + 1, limit)


def restore_order(units: list[BodyUnit]) -> tuple[list[BodyUnit], list[tuple[BodyUnit, int]]]:
    """Put a misplaced parent heading (and its intro) back before its first child.

    When the intro stops mid-sentence, the paragraph just before the restarted child is its
    continuation, so the block goes before that paragraph. Returns the units and the moved
    ones with the line they now stand before.
    """
    found = misplaced_parent(units)
    if not found:
        return units, []
    restart, start, end = found
    block = units[start:end]
    at = restart
    if block[-1].kind == "paragraph" and not ends_clause(block[-1].lead + block[-1].text) \
            and units[restart - 1].kind == "paragraph":
        at = restart - 1
    rest = units[:start] + units[end:]
    moved = [(u, units[at].line) for u in block]
    return rest[:at] + block + rest[at:], moved
