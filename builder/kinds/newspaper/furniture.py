"""The furniture PDF extraction leaves in a newspaper's text, and the shapes of a byline block.

Every rule is about shape, never about one paper: a source line names any paper
(``《清江日报》（2025年4月3日 第 2 版）``), a footer is any page number standing alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...zh.han import HAN_CLASS

FORM_FEED = "\f"

_SOURCE_LINE = re.compile(
    r"^\s*>?\s*《(?P<paper>[^《》]{1,20})》\s*[（(]\s*(?P<year>\d{4})\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日"
    r"\s*第\s*(?P<page>\d{1,3})\s*版\s*[）)]\s*$"
)
_FOOTER = re.compile(r"^\s*(?:第\s*\d{1,4}\s*页|[-—–]\s*\d{1,4}\s*[-—–]|\d{1,4}\s*/\s*\d{1,4})\s*$")
_EDITORS = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}|本|\d{1,2})版(?:责编|责任编辑)[：:]")
_PAGE_NOTE = re.compile(r"^\s*(?:本版(?:邮箱|数据来源|图片|制图|编辑)|版式设计|图表制作|制图)[：:]")
_ROLE = re.compile(rf"^[{HAN_CLASS}]{{0,8}}(?:记者|通讯员|评论员|评论部|撰稿人)$")
_ORG = re.compile(rf"^[{HAN_CLASS}]{{2,14}}(?:研究院|研究所|研究中心|课题组|编辑部|评论部|办公室|委员会|工作组|写作组)$")
_HAN_NAME = re.compile(rf"^[{HAN_CLASS}]{{1,3}}$")
#: Double surnames, the only common way a Chinese name has four characters.
COMPOUND_SURNAMES = ("欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "宇文", "长孙", "夏侯", "端木", "司徒")
_FOREIGN_NAME = re.compile(rf"^[{HAN_CLASS}]{{1,8}}(?:[·・][{HAN_CLASS}]{{1,8}}){{1,3}}$")
_OPENERS, _CLOSERS = "（“《「『【〔(", "）”》」』】〕)"


@dataclass(frozen=True)
class SourceLine:
    """A per-article source line: the paper's name, the date and the printed page."""

    paper: str
    date: str  # ISO
    page: int


def source_line(text: str) -> SourceLine | None:
    """The paper, date and page of a source line such as PDF exports print under a title.

    >>> source_line("《人民日报》（2025年10月20日 第 02 版）")
    SourceLine(paper='人民日报', date='2025-10-20', page=2)
    >>> source_line("> 《人民日报》（2025年03月01日第 01 版）").page
    1
    >>> source_line("《清江日报》（2025年4月3日第12版）").paper
    '清江日报'
    >>> source_line("据《人民日报》报道") is None
    True
    """
    m = _SOURCE_LINE.match(text)
    if not m:
        return None
    return SourceLine(m["paper"], f"{int(m['year']):04d}-{int(m['month']):02d}-{int(m['day']):02d}", int(m["page"]))


def is_page_footer(text: str) -> bool:
    """A page number standing alone at the foot of a PDF page.

    >>> [is_page_footer(t) for t in ("第 30 页", "第12页", "- 12 -", "— 3 —", "3/20")]
    [True, True, True, True, True]
    >>> [is_page_footer(t) for t in ("第 30 页起", "12", "第三页")]
    [False, False, False]
    """
    return bool(_FOOTER.match(text))


def is_editor_list(text: str) -> bool:
    """The start of a list of a page's editors: ``一版责编：杨``, ``本版责编：陈``.

    >>> is_editor_list("本版责编：陈"), is_editor_list("四版责编：袁振喜"), is_editor_list("责编说")
    (True, True, False)
    """
    return bool(_EDITORS.match(text))


def is_page_note(text: str) -> bool:
    """A page's own notes printed beside the editors: mail box, data source, layout credit.

    >>> is_page_note("本版邮箱：rmrbpl@peopledaily.cn"), is_page_note("版式设计：沈亦伶"), is_page_note("本版记者")
    (True, True, False)
    """
    return bool(_PAGE_NOTE.match(text))


def is_role(text: str) -> bool:
    """The role that opens a byline block: ``本报记者``, ``新华社记者``, ``本报评论员``.

    >>> is_role("本报记者"), is_role("本报驻埃及记者"), is_role("人民网记者"), is_role("记者从市里获悉")
    (True, True, True, False)
    """
    return bool(_ROLE.match(text.strip()))


def is_name(text: str) -> bool:
    """A line that can be one author's name (or one character of a name spread over lines),
    a foreign name with its middle dot, or an institution signing as author.

    >>> [is_name(t) for t in ("王崟欣", "洪", "欧阳晓明", "玛丽娜·拉古什", "中共中央党史和文献研究院")]
    [True, True, True, True, True]
    >>> [is_name(t) for t in ("生故事）", "活力奔涌", "推动新时代新征程妇女事业高质量发展", "2020年")]
    [False, False, False, False]
    """
    text = text.strip()
    compound = len(text) == 4 and text.startswith(COMPOUND_SURNAMES) and bool(_HAN_NAME.match(text[2:]))
    return bool(_HAN_NAME.match(text) or compound or _FOREIGN_NAME.match(text) or _ORG.match(text))


def is_author(text: str) -> bool:
    """A line of a byline block: a role or a name.

    >>> is_author("本报记者"), is_author("刘"), is_author("图片报道（新华社）")
    (True, True, False)
    """
    return is_role(text) or is_name(text)


def opens_unclosed(text: str) -> bool:
    """The line leaves a bracket or quotation mark open, so the headline goes on below it.

    >>> opens_unclosed("一户家庭开启智能新生活（“十四五”的发"), opens_unclosed("“理解与信任才是基础”")
    (True, False)
    """
    depth = 0
    for ch in text:
        if ch in _OPENERS:
            depth += 1
        elif ch in _CLOSERS:
            depth = max(depth - 1, 0)
    return depth > 0


def closes_complete(text: str) -> bool:
    """The headline ends with a closing mark and leaves nothing open: a column label in
    brackets or a quotation closes it, whatever the width of its last line.

    >>> closes_complete("谱写全球妇女事业发展新篇章（国际论坛）"), closes_complete("（“十四五”的发")
    (True, False)
    """
    text = text.strip()
    return bool(text) and text[-1] in _CLOSERS and not opens_unclosed(text)


def starts_closing(text: str) -> bool:
    """The line starts with a closing mark, the end of a headline wrapped just before it.

    >>> starts_closing("”（国际人士看中国“十四五”成就）"), starts_closing("）"), starts_closing("“对”")
    (True, True, False)
    """
    return bool(text.strip()) and text.strip()[0] in _CLOSERS + "，、。！？：；"


def byline_of(lines: list[str]) -> str:
    """A byline from its block printed one name per line: roles lead the names, single
    characters spread over lines are one name again.

    >>> byline_of(["本报记者", "王崟欣"]), byline_of(["洪", "勇"]), byline_of(["本报记者", "康", "岩", "马睿姗"])
    ('本报记者 王崟欣', '洪勇', '本报记者 康岩 马睿姗')
    >>> byline_of(["本报记者", "李心萍", "郑智文", "屈信明"])
    '本报记者 李心萍 郑智文 屈信明'
    """
    words: list[str] = []
    singles: list[str] = []

    def flush() -> None:
        # names spread one character a line come in pairs (two-character names padded to three)
        if len(singles) % 2 == 0:
            words.extend(singles[i] + singles[i + 1] for i in range(0, len(singles), 2))
        elif singles:
            words.append("".join(singles))
        singles.clear()

    for line in (l.strip() for l in lines):
        if len(line) == 1:
            singles.append(line)
        else:
            flush()
            words.append(line)
    flush()
    return " ".join(words)
