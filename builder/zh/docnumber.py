"""发文字号 (document numbers): the one grammar, its brackets, and the forms a query types.

A 发文字号 is 机关代字 + year in brackets + serial + 号 (``柳政办〔2022〕59号``). 〔〕 is the
standard bracket; PDFs and typists give ［］ [] 【】 （） () 〖〗 too. Everything here is
the single definition: the gazette segmenter (header lines), the extractor (numbers in
running text), the search fold and the browser's search (which gets :func:`browser_rules`
written into the search index at build time) all read it.
"""

from __future__ import annotations

import re

from ..model import DocNumber
from .han import HAN_CLASS

#: Brackets printed around the year of a 发文字号, the standard 〔〕 first.
OPEN, CLOSE = "〔[［【（(〖", "〕]］】）)〗"
#: Every bracket form → the standard one (the search folds text and queries with it).
FOLD_BRACKETS = {**{o: "〔" for o in OPEN[1:]}, **{c: "〕" for c in CLOSE[1:]}}

_OPEN, _CLOSE = f"[{re.escape(OPEN)}]", f"[{re.escape(CLOSE)}]"
#: Year in brackets, serial (``第`` allowed), 号: the part after the 机关代字.
_YEAR_SERIAL = rf"{_OPEN}\s*(?P<year>\d{{4}})\s*{_CLOSE}\s*(?:第\s*)?(?P<serial>\d{{1,5}})\s*号"

#: A 发文字号 standing alone: 代字, bracketed four-digit year, serial, 号.
DOC_NUMBER = re.compile(rf"(?P<code>[{HAN_CLASS}]{{1,10}}?)\s*{_YEAR_SERIAL}")
#: The same, without groups, to compose into larger patterns (a header line: date and number).
DOC_NUMBER_TEXT = re.sub(r"\(\?P<\w+>", "(?:", DOC_NUMBER.pattern)
_IN_TEXT = re.compile(_YEAR_SERIAL)

# A 发文字号 typed in a search box with any brackets or spaces: 柳政办〔2022〕59号,
# 柳政办[2022]59号, 柳政办 2022 59, 柳政办2022-59. The query side rewrites it to the normalised
# form, which the index holds for every document's own number and, after folding, for
# citations. Typed numbers are looser: 号 may be left out.
QUERY_BRACKETED = rf"([{HAN_CLASS}]{{1,12}}?)\s*{_OPEN}\s*((?:19|20)\d\d)\s*{_CLOSE}\s*(\d{{1,4}})\s*号?"
# Without brackets a number is only recognised when it is the whole query, so that
# "人民政府 2024 10" typed as three words inside a longer query stays three words.
QUERY_SPACED = rf"^\s*([{HAN_CLASS}]{{1,12}}?)\s*((?:19|20)\d\d)\s*[-－—\s]\s*(\d{{1,4}})\s*号?\s*$"
_QUERY_BRACKETED, _QUERY_SPACED = re.compile(QUERY_BRACKETED), re.compile(QUERY_SPACED)


def normalize_doc_number_query(query: str) -> str:
    """Rewrite a 发文字号 typed in a query to ``代字〔年〕号``.

    >>> normalize_doc_number_query("柳政办 2022 59")
    '柳政办〔2022〕59号'
    >>> normalize_doc_number_query("柳政办[2022]059号 物流"), normalize_doc_number_query("柳政办〖2022〗59号")
    ('柳政办〔2022〕59号 物流', '柳政办〔2022〕59号')
    >>> normalize_doc_number_query("2024年600万元")
    '2024年600万元'
    """
    rewrite = lambda m: f"{m[1]}〔{m[2]}〕{int(m[3])}号"  # noqa: E731
    return _QUERY_BRACKETED.sub(rewrite, _QUERY_SPACED.sub(rewrite, query))


def js_regex(pattern: str) -> str:
    r"""A Python pattern as JavaScript ``RegExp`` source (for the ``u`` flag).

    >>> js_regex(r"[\u4e00-\U0003134f]\s*")
    '[\\u4e00-\\u{3134f}]\\s*'
    """
    return re.sub(r"\\U000([0-9a-fA-F]{5})", r"\\u{\1}", pattern)


def browser_rules() -> dict[str, object]:
    """What the browser's search needs of these rules, written into the index at build time.

    >>> rules = browser_rules()
    >>> rules["brackets"]["〖"], sorted(rules["docno"])
    ('〔', ['bracketed', 'spaced'])
    """
    return {"brackets": FOLD_BRACKETS, "docno": {"bracketed": js_regex(QUERY_BRACKETED), "spaced": js_regex(QUERY_SPACED)}}


def parse_doc_number(text: str) -> DocNumber | None:
    """Parse a string that is exactly one 发文字号 (surrounding blanks allowed).

    >>> parse_doc_number("柳政办［2022］ 59 号").normalized
    '柳政办〔2022〕59号'
    >>> parse_doc_number("桂政办发【2022】39号").agency_code
    '桂政办发'
    >>> parse_doc_number("第三章") is None
    True
    """
    m = DOC_NUMBER.fullmatch(text.strip())
    if not m:
        return None
    return DocNumber(raw=text.strip(), agency_code=m["code"], year=int(m["year"]), serial=int(m["serial"]))


def find_doc_numbers(text: str, known_codes: frozenset[str] = frozenset()) -> list[tuple[int, int, DocNumber]]:
    """Find 发文字号 inside running text; return ``(start, end, number)`` for each.

    The 机关代字 is taken as the longest known code that ends right before the bracket, else
    the run of Han characters after the last punctuation or typical lead word (``经``, ``将``,
    ``和``, ``及``, ``与``, ``的``) — a code is rarely longer than six characters.

    >>> [n.normalized for _, _, n in find_doc_numbers("《通知》（桂政办发〔2022〕39号）精神，（国办发[2021]49号）")]
    ['桂政办发〔2022〕39号', '国办发〔2021〕49号']
    >>> [n.agency_code for _, _, n in find_doc_numbers("现将柳政办〔2019〕90号文件", frozenset({"柳政办"}))]
    ['柳政办']
    """
    found = []
    for m in _IN_TEXT.finditer(text):
        before = text[: m.start()].rstrip()
        run = re.search(rf"[{HAN_CLASS}]{{1,10}}$", before)
        if not run:
            continue
        candidates = run.group(0)
        code = next((candidates[-n:] for n in range(len(candidates), 0, -1) if candidates[-n:] in known_codes), None)
        if code is None:
            trimmed = re.split(r"[经将和及与的见按据从照等为]", candidates)[-1] or candidates
            code = trimmed[-6:]
        start = before.rindex(code)
        raw = text[start : m.end()]
        found.append((start, m.end(), DocNumber(raw=raw, agency_code=code, year=int(m["year"]), serial=int(m["serial"]))))
    return found
