"""Text folding shared by the index (Python) and the browser engine (search.js).

Both sides must fold *identically*, or a query typed in the browser misses text the index
holds. So folding is a per-character map plus whitespace removal; the browser gets the
map's data from the index (:func:`js_payload`, written as ``search/fold.js``), never a copy by
hand, and the two are tested against each other (tests/test_search_engine.py):

* Traditional → Simplified with a character map derived from OpenCC's own ``t2s`` data.
  Full OpenCC also converts phrases, which the browser cannot reproduce without shipping
  the phrase dictionaries; a character map is what both sides can apply the same way.
* Full-width ASCII letters and digits → ASCII; ASCII letters → lower case
  (``ｅＶＴＯＬ`` and ``eVTOL`` both become ``evtol``).
* Every bracket that a 发文字号 can be written with (``[] ［］ 【】 （） () 〖〗``, defined in
  :mod:`builder.zh.docnumber`) → ``〔〕``, so ``柳政办[2022]59号`` and ``柳政办〔2022〕59号``
  fold to the same string.
* Whitespace is dropped: PDF text is full of stray spaces (``数 字 化``, ``新政 2.0``) and
  Chinese is written without them. A query's own spaces separate terms instead.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from ..zh.docnumber import FOLD_BRACKETS, browser_rules

# CJK Unified Ideographs and Extension A: where OpenCC's t2s character table lives.
_CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))


@functools.cache
def t2s_map() -> dict[str, str]:
    """Traditional → Simplified, one character to one character, from OpenCC ``t2s``.

    Every character is converted on its own line, so OpenCC applies its character table
    and not its phrase table.

    >>> t2s_map()["營"], t2s_map()["環"]
    ('营', '环')
    """
    import opencc

    chars = [chr(c) for lo, hi in _CJK_RANGES for c in range(lo, hi + 1)]
    converted = opencc.OpenCC("t2s").convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):  # pragma: no cover - OpenCC never merges lines
        raise RuntimeError("OpenCC changed the number of lines")
    return {a: b for a, b in zip(chars, converted, strict=True) if a != b and len(b) == 1}


@functools.cache
def char_map() -> dict[str, str]:
    """The whole per-character fold (t2s, full-width alphanumerics, case, brackets)."""
    m = dict(t2s_map())
    for c in range(0xFF10, 0xFF5F):
        ch = chr(c)
        n = unicodedata.normalize("NFKC", ch)
        if n.isascii() and n.isalnum():
            m[ch] = n.lower()
    for c in range(ord("A"), ord("Z") + 1):
        m[chr(c)] = chr(c).lower()
    m.update(FOLD_BRACKETS)
    return m


@functools.cache
def translation_table() -> dict[int, str]:
    """``char_map`` keyed by code point, the table ``str.translate`` reads (built once)."""
    return {ord(a): b for a, b in char_map().items()}


_WS = re.compile(r"\s+")


def fold(text: str) -> str:
    """Fold a text or a query term (see the module docstring).

    >>> fold("營商環境 ｅＶＴＯＬ 柳政办[2022]59号")
    '营商环境evtol柳政办〔2022〕59号'
    """
    return _WS.sub("", text).translate(translation_table()) if text else ""


@functools.cache
def _table() -> dict[int, str]:
    return str.maketrans(char_map())


def fold_fast(text: str) -> str:
    """:func:`fold` with a cached translation table (the index folds every character)."""
    return _WS.sub("", text).translate(_table())


def t2s_js_payload() -> str:
    """The t2s map as one string of (traditional, simplified) pairs, in code point order."""
    return "".join(a + b for a, b in sorted(t2s_map().items()))


def js_payload() -> dict[str, object]:
    """Everything the browser folds and rewrites with: the t2s pairs, the brackets, the
    发文字号 query patterns (from :mod:`builder.zh.docnumber`)."""
    return {"t2s": t2s_js_payload(), **browser_rules()}
