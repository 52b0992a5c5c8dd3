"""Text folding shared by the index (Python) and the browser engine (search.js).

Both sides must fold *identically*, or a query typed in the browser misses text the index
holds. So folding is a per-character map plus whitespace removal, simple enough to be
written twice and tested against each other (tests/test_search_browser.py):

* Traditional → Simplified with a character map derived from OpenCC's own ``t2s`` data.
  Full OpenCC also converts phrases, which the browser cannot reproduce without shipping
  the phrase dictionaries; a character map is what both sides can apply the same way.
* Full-width ASCII letters and digits → ASCII; ASCII letters → lower case
  (``ｅＶＴＯＬ`` and ``eVTOL`` both become ``evtol``).
* Every bracket that a 发文字号 can be written with (``[] ［］ 【】 （） ()``) → ``〔〕``, so
  ``柳政办[2022]59号`` and ``柳政办〔2022〕59号`` fold to the same string.
* Whitespace is dropped: PDF text is full of stray spaces (``数 字 化``, ``新政 2.0``) and
  Chinese is written without them. A query's own spaces separate terms instead.
"""

from __future__ import annotations

import functools
import re
import unicodedata

BRACKETS = {"[": "〔", "［": "〔", "【": "〔", "（": "〔", "(": "〔", "]": "〕", "］": "〕", "】": "〕", "）": "〕", ")": "〕"}

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
    return {a: b for a, b in zip(chars, converted) if a != b and len(b) == 1}


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
    m.update(BRACKETS)
    return m


_WS = re.compile(r"\s+")


def fold(text: str) -> str:
    """Fold a text or a query term (see the module docstring).

    >>> fold("營商環境 ｅＶＴＯＬ 柳政办[2022]59号")
    '营商环境evtol柳政办〔2022〕59号'
    """
    m = char_map()
    return _WS.sub("", text).translate(str.maketrans(m)) if text else ""


@functools.cache
def _table() -> dict[int, str]:
    return str.maketrans(char_map())


def fold_fast(text: str) -> str:
    """:func:`fold` with a cached translation table (the index folds every character)."""
    return _WS.sub("", text).translate(_table())


# A 发文字号 typed with any brackets or spaces: 柳政办〔2022〕59号, 柳政办[2022]59号,
# 柳政办 2022 59, 柳政办2022-59. The query side rewrites it to the normalised form, which
# the index holds for every document's own number and, after folding, for citations.
DOC_NUMBER_BRACKETED = re.compile(
    r"([\u4e00-\u9fff]{1,12}?)\s*[〔\[［【（(]\s*((?:19|20)\d\d)\s*[〕\]］】）)]\s*(\d{1,4})\s*号?"
)
# Without brackets a number is only recognised when it is the whole query, so that
# "人民政府 2024 10" typed as three words inside a longer query stays three words.
DOC_NUMBER_SPACED = re.compile(r"^\s*([\u4e00-\u9fff]{1,12}?)\s*((?:19|20)\d\d)\s*[-－—\s]\s*(\d{1,4})\s*号?\s*$")


def normalize_doc_number_query(query: str) -> str:
    """Rewrite a 发文字号 typed in a query to ``代字〔年〕号``.

    >>> normalize_doc_number_query("柳政办 2022 59")
    '柳政办〔2022〕59号'
    >>> normalize_doc_number_query("柳政办[2022]059号 物流")
    '柳政办〔2022〕59号 物流'
    >>> normalize_doc_number_query("2024年600万元")
    '2024年600万元'
    """
    rewrite = lambda m: f"{m[1]}〔{m[2]}〕{int(m[3])}号"  # noqa: E731
    query = DOC_NUMBER_SPACED.sub(rewrite, query)
    return DOC_NUMBER_BRACKETED.sub(rewrite, query)


def t2s_js_payload() -> str:
    """The t2s map as one string of (traditional, simplified) pairs, in code point order."""
    return "".join(a + b for a, b in sorted(t2s_map().items()))
