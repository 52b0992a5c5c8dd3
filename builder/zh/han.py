"""The Han character class, defined once for every rule that needs it.

The class covers the CJK Unified Ideographs, Extension A, the compatibility ideographs and
Extensions B–H (``U+20000``–``U+3134F``, outside the Basic Multilingual Plane: rare
characters of personal and place names are printed there). Earlier copies covered only the
basic block (the 发文字号 grammar) or the basic block and Extension A (justification spaces).
"""

from __future__ import annotations

import re

#: The inside of a regular-expression character class: ``[{HAN_CLASS}]``.
HAN_CLASS = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN = re.compile(f"[{HAN_CLASS}]")


def is_han(ch: str) -> bool:
    """True for a CJK ideograph (any extension block, Extension B included).

    >>> is_han("柳"), is_han("㐀"), is_han("\U00020000"), is_han("A"), is_han("〔")
    (True, True, True, False, False)
    """
    return bool(HAN.fullmatch(ch))


def han_chars(text: str) -> str:
    """Only the Han characters of a text, in order.

    >>> han_chars("柳州 2024年，AI")
    '柳州年'
    """
    return "".join(HAN.findall(text))


def han_count(text: str) -> int:
    """How many Han characters a text has.

    >>> han_count("表 1-1 GDP 比重")
    3
    """
    return len(HAN.findall(text))
