"""ASCII slugs for URLs: pinyin for Han text, lower-case ASCII for the rest."""

from __future__ import annotations

import re
from functools import lru_cache

from pypinyin import Style, lazy_pinyin

from .model import DocNumber


@lru_cache(maxsize=4096)
def pinyin_slug(text: str) -> str:
    """Lower-case ASCII pinyin of Han text, other characters kept when ASCII-safe.

    >>> pinyin_slug("柳政办")
    'liuzhengban'
    >>> pinyin_slug("桂政办发")
    'guizhengbanfa'
    """
    out = "".join(lazy_pinyin(text, style=Style.NORMAL, errors=lambda s: s))
    return re.sub(r"[^a-z0-9]+", "-", out.lower()).strip("-")


def slugify(text: str) -> str:
    """An ASCII slug for manifest ids and file stems.

    >>> slugify("000_B945ee7139b0b895.txt")
    '000-b945ee7139b0b895-txt'
    """
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def pinyin_sort_key(text: str) -> str:
    """A sort key that orders Chinese labels by pinyin (then by the text itself).

    >>> sorted(["柳州", "北海", "南宁"], key=pinyin_sort_key)
    ['北海', '柳州', '南宁']
    """
    return " ".join(lazy_pinyin(text, style=Style.TONE3)) + "\x00" + text


def doc_number_slug(number: DocNumber) -> str:
    """``柳政办〔2022〕59号`` → ``liuzhengban-2022-59``.

    >>> doc_number_slug(DocNumber("柳政办〔2022〕59号", "柳政办", 2022, 59))
    'liuzhengban-2022-59'
    """
    parts = [pinyin_slug(number.agency_code)]
    if number.year is not None:
        parts.append(str(number.year))
    parts.append(str(number.serial))
    return "-".join(parts)
