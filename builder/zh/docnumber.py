"""发文字号: parse any bracket or spacing form and normalise to 〔〕."""

from __future__ import annotations

import re

from ..model import DocNumber
from .text import DOC_NUMBER_CLOSE as CLOSE
from .text import DOC_NUMBER_OPEN as OPEN

_HAN = "\u4e00-\u9fff"

#: A 发文字号 standing alone: 代字, bracketed four-digit year, serial, 号.
DOC_NUMBER = re.compile(
    rf"(?P<code>[{_HAN}]{{1,10}}?)\s*[{re.escape(OPEN)}]\s*(?P<year>\d{{4}})\s*[{re.escape(CLOSE)}]\s*(?:第\s*)?(?P<serial>\d{{1,5}})\s*号"
)


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
    pattern = re.compile(
        rf"[{re.escape(OPEN)}]\s*(?P<year>\d{{4}})\s*[{re.escape(CLOSE)}]\s*(?:第\s*)?(?P<serial>\d{{1,5}})\s*号"
    )
    for m in pattern.finditer(text):
        before = text[: m.start()].rstrip()
        run = re.search(rf"[{_HAN}]{{1,10}}$", before)
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
