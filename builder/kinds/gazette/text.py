"""Small pure text rules for the gazette: Markdown marks, spacing in titles, sentence ends.

Each rule is one function with a runnable example; the gazette segmenter composes them.
"""

from __future__ import annotations

import re

#: Characters that stand in for "full-width" in spacing decisions: Han and CJK punctuation.
_WIDE = r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef“”‘’—…·]"

#: Titles of rules (规章, 行政法规, 司法解释) end with these, not with one of the 15 文种.
RULE_TYPES = ("实施细则", "细则", "条例", "规定", "办法", "规则", "规程", "章程", "解释", "准则")

DOC_TYPES = ("决议", "决定", "命令", "令", "公报", "公告", "通告", "意见", "通知", "通报", "报告", "请示", "批复", "议案", "函", "纪要")


def strip_heading_marks(text: str) -> str:
    """The text of a Markdown heading line without its ``#`` marks.

    >>> strip_heading_marks("### 第一章 发展现状")
    '第一章 发展现状'
    >>> strip_heading_marks("正文 #1")
    '正文 #1'
    """
    return re.sub(r"^\s*#{1,6}\s*", "", text).strip()


def is_heading_marked(text: str) -> bool:
    """True when the converter marked the line as a Markdown heading.

    >>> is_heading_marked("## 目 录"), is_heading_marked("目录")
    (True, False)
    """
    return bool(re.match(r"^\s*#{1,6}\s", text))


def strip_bold(text: str) -> str:
    """Remove Markdown bold marks, which carry emphasis, not text.

    >>> strip_bold("**（一）加强组织领导。**各单位要……")
    '（一）加强组织领导。各单位要……'
    """
    return text.replace("**", "")


def strip_list_mark(text: str) -> str:
    """Remove a Markdown bullet (``- ``) the converter put before a list item.

    >>> strip_list_mark("  - (1) 中心港区官塘作业区铁路专用线")
    '(1) 中心港区官塘作业区铁路专用线'
    >>> strip_list_mark("—— 高屋建瓴")
    '—— 高屋建瓴'
    """
    return re.sub(r"^\s*[-*+]\s+", "", text).strip()


def unescape_markdown(text: str) -> str:
    r"""Undo backslash escapes of the converter (``\_`` → ``_``) and autolink brackets.

    >>> unescape_markdown(r"报送单位: \_\_\_")
    '报送单位: ___'
    >>> unescape_markdown("网站<http://x.gov.cn/>、")
    '网站http://x.gov.cn/、'
    """
    text = re.sub(r"\\([\\`*_\[\]{}()#+\-.!<>|])", r"\1", text)
    return re.sub(r"<(https?://[^>\s]+)>", r"\1", text)


def squeeze_wide_spaces(text: str) -> str:
    """Drop spaces next to Han characters or CJK punctuation; keep one between Latin words.

    Used for titles and TOC entries, where spaces come from line breaks of the layout.

    >>> squeeze_wide_spaces("柳州市人民政府办公室 关于印发《柳州市第三轮 地方志书编修工作方案》的通知")
    '柳州市人民政府办公室关于印发《柳州市第三轮地方志书编修工作方案》的通知'
    >>> squeeze_wide_spaces("占全市 GDP 比重  2016 年")
    '占全市GDP比重2016年'
    >>> squeeze_wide_spaces("New  Deal")
    'New Deal'
    """
    text = re.sub(rf"\s+(?={_WIDE})|(?<={_WIDE})\s+", "", text.strip())
    return re.sub(r"\s{2,}", " ", text)


def ends_with_doc_type(title: str) -> str | None:
    """The 文种 a title ends with, if it is one of the 15 (命令 also written 令).

    >>> ends_with_doc_type("柳州市人民政府办公室关于印发柳州市物流业发展“十四五”规划的通知")
    '通知'
    >>> ends_with_doc_type("柳州市物流业发展“十四五”规划") is None
    True
    """
    title = title.rstrip()
    return next((t for t in DOC_TYPES if title.endswith(t)), None)


def ends_with_rule_type(title: str) -> str | None:
    """The kind of rule a title names (条例, 规定, 办法 …), when it is one.

    >>> ends_with_rule_type("人体器官捐献和移植条例"), ends_with_rule_type("最高人民法院关于适用《中华人民共和国民法典》时间效力的若干规定")
    ('条例', '规定')
    >>> ends_with_rule_type("关于职工全年月平均工作时间和工资折算问题的通知") is None
    True
    """
    title = title.rstrip()
    return next((t for t in RULE_TYPES if title.endswith(t)), None)
