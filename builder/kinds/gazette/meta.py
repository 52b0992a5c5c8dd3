"""Metadata of one gazette document: issuer, 文种, enclosed title, attachments, citations."""

from __future__ import annotations

import re
from typing import Literal

from ...model import Block, Citation, DocNumber
from ...zh.docnumber import find_doc_numbers
from .text import ends_with_doc_type

#: Words by which a document says an earlier one ends.
ENDS = re.compile(r"停止执行|同时废止|废止|不再执行|失效")


def issuer_from_title(title: str) -> str | None:
    """发文机关: what the title says before 关于.

    >>> issuer_from_title("柳州市人民政府办公室关于加强我市林业行政执法工作的通知")
    '柳州市人民政府办公室'
    >>> issuer_from_title("关于某事的通知") is None
    True
    """
    head, sep, _ = title.partition("关于")
    return head.strip() or None if sep else None


def doc_type_of(title: str) -> str | None:
    """文种: the last word of the title, one of the 15 (令 is 命令).

    >>> doc_type_of("清江市人民政府关于调整公交票价的通知"), doc_type_of("清江市人民政府令")
    ('通知', '命令')
    """
    found = ends_with_doc_type(title)
    return "命令" if found == "令" else found


def enclosed_title(title: str) -> str | None:
    """The document a title 印发 / 转发 / 批转, without 《》.

    >>> enclosed_title("柳州市人民政府办公室关于印发《柳州市服务外资企业工作专班方案》的通知")
    '柳州市服务外资企业工作专班方案'
    >>> enclosed_title("柳州市人民政府办公室关于印发柳州市物流业发展“十四五”规划的通知")
    '柳州市物流业发展“十四五”规划'
    >>> enclosed_title("柳州市人民政府办公室关于加强我市林业行政执法工作的通知") is None
    True
    """
    m = re.search(r"关于(?:印发|转发|批转)(.+)的[\u4e00-\u9fff]{1,2}$", title)
    if not m:
        return None
    inner = m[1].strip()
    if inner.startswith("《") and inner.endswith("》") and inner.count("《") == 1:
        inner = inner[1:-1]
    return inner or None


def attachment_names(blocks: tuple[Block, ...]) -> tuple[str, ...]:
    """Names listed in the 附件说明 (``附件：1.…`` and the numbered lines after it).

    >>> attachment_names((Block("note", "附件：1.外资企业问题诉求收集表"), Block("note", "2.外资企业问题诉求汇总表")))
    ('外资企业问题诉求收集表', '外资企业问题诉求汇总表')
    """
    names: list[str] = []
    for b in blocks:
        if b.kind != "note":
            continue
        text = re.sub(r"^附\s*件\s*[：:]", "", b.text).strip()
        if text == b.text.strip() and not names:
            continue
        if text == b.text.strip() and not re.match(r"\d+\s*[.．、]", text):
            continue
        names.append(re.sub(r"^\d+\s*[.．、]\s*", "", text).strip())
    return tuple(n for n in names if n)


def sentence_around(text: str, start: int, end: int) -> tuple[str, str]:
    """The clause before a span (back to ，；。) and the sentence after it (to 。；).

    >>> sentence_around("根据A，《B》（号）停止执行。其他", 4, 10)
    ('', '停止执行')
    """
    before = re.split(r"[，；。]", text[:start])[-1]
    after = re.split(r"[。；]", text[end:])[0]
    return before, after


def citations_in(text: str, line: int, known: frozenset[str], own: str | None) -> list[Citation]:
    """Every 发文字号 cited in a text, with the 《title》 before it and whether it is ended.

    >>> c = citations_in("自本通知印发之日起，《关于X的通知》（柳政办〔2019〕90号）停止执行。", 758, frozenset({"柳政办"}), None)
    >>> c[0].doc_number.normalized, c[0].title, c[0].relation
    ('柳政办〔2019〕90号', '关于X的通知', 'ends')
    """
    out = []
    for start, end, number in find_doc_numbers(text, known):
        if number.normalized == own:
            continue
        title_m = re.search(r"《([^《》]+)》\s*[（(]?\s*$", text[:start])
        before, after = sentence_around(text, start, end)
        relation: Literal["cites", "ends"] = "ends" if ENDS.search(after) or ENDS.search(before) else "cites"
        out.append(Citation(number, title_m[1] if title_m else None, line, relation))
    return out


def block_citations(blocks: tuple[Block, ...], known: frozenset[str], own: DocNumber | None) -> tuple[Citation, ...]:
    """Citations in paragraphs, headings, notes and table cells, in reading order."""
    own_text = own.normalized if own else None
    found: list[Citation] = []
    for b in blocks:
        found += citations_in(b.lead + b.text, b.line, known, own_text)
        for row in b.rows:
            for cell in row:
                found += citations_in(cell, b.line, known, own_text)
    return tuple(found)
