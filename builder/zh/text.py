"""Small text helpers shared by the gazette and newspaper segmenters."""

from __future__ import annotations

import re

#: Brackets printed around the year of a 发文字号 (〔〕 is the standard; extraction gives the rest).
DOC_NUMBER_OPEN, DOC_NUMBER_CLOSE = "〔[［【（(〖", "〕]］】）)〗"

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


def is_han(ch: str) -> bool:
    """True for a CJK ideograph (any extension block).

    >>> is_han("柳"), is_han("A")
    (True, False)
    """
    return bool(HAN.fullmatch(ch))


def han_chars(text: str) -> str:
    """Only the Han characters of a text, in order.

    >>> han_chars("柳州 2024年，AI")
    '柳州年'
    """
    return "".join(HAN.findall(text))


def latin_boundary(left: str, right: str) -> bool:
    """Two Latin words or numbers meet: a space between them is a real word space.

    >>> latin_boundary("eVTOL", "200"), latin_boundary("柳州", "2024")
    (True, False)
    """
    return bool(left) and bool(right) and left[-1].isascii() and left[-1].isalnum() and right[0].isascii() and right[0].isalnum()


def join_wrapped(left: str, right: str) -> str:
    """Join two pieces of a line broken by the column width.

    Chinese (and full-width punctuation) joins with nothing; two Latin words or numbers get
    one space; a hyphen at the break is kept as it is.

    >>> join_wrapped("柳州市物流业", "发展规划")
    '柳州市物流业发展规划'
    >>> join_wrapped("the Liuzhou", "gazette")
    'the Liuzhou gazette'
    >>> join_wrapped("2024 年 1 至 5 月，我市跨", "境电商")
    '2024 年 1 至 5 月，我市跨境电商'
    """
    left, right = left.rstrip(), right.lstrip()
    if not left or not right:
        return left + right
    a, b = left[-1], right[0]
    if latin_boundary(left, right):
        return f"{left} {right}"
    if a in ",;:" and b.isascii() and b.isalnum():
        return f"{left} {right}"
    return left + right


_DIGIT_VALUE = {**{c: 0 for c in "〇○零Ｏ"}, **{c: i for i, c in enumerate("一二三四五六七八九", start=1)}}


def chinese_number(text: str) -> int:
    """Value of a small Chinese numeral (1–99) or of a digit-by-digit year.

    >>> chinese_number("二十七"), chinese_number("十一"), chinese_number("三十"), chinese_number("二〇二二")
    (27, 11, 30, 2022)
    """
    if text.isdigit():
        return int(text)
    if "十" not in text:
        value = 0
        for ch in text:
            value = value * 10 + _DIGIT_VALUE[ch]
        return value
    tens, _, ones = text.partition("十")
    return (_DIGIT_VALUE[tens] if tens else 1) * 10 + (_DIGIT_VALUE[ones] if ones else 0)
