"""A document's validity, only with what proves it.

Never "现行有效" from the absence of evidence: the archive can show that a document was
ended (the sentence of a later document that says so), or what its own text says about its
term (有效期至…, 有效期5年), measured against the build date — the newest document date of
the archive, so that the output is deterministic. Otherwise it says that it has seen no record.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from ..kinds import kind_of
from ..model import Archive, Document, Relation
from ..zh.dates import chinese_number

Status = Literal["ended", "expired", "in_term", "no_record"]

#: 有效期至2027年12月31日
UNTIL = re.compile(r"有效期(?:至|到)(\d{4})年(\d{1,2})月(\d{1,2})日")
#: （自印发之日起|自2024年1月1日起）施行，有效期5年 / 有效期为五年
TERM = re.compile(r"自(?:(印发|发布|公布)之日|(\d{4})年(\d{1,2})月(\d{1,2})日)起(?:施行|执行|实施)[，,]?\s*有效期(?:为)?([0-9]+|[一二三四五六七八九十]+)年")


@dataclass(frozen=True)
class Ending:
    """The sentence of a later document that ends this one."""

    source: str  # id of the ending document
    number: str  # its 发文字号 (normalised), or its title when it has none
    cited_as: str  # the 发文字号 as the sentence prints it (to find the sentence)
    where: str  # 2024年第10期第46–53页
    line: int
    block: int  # 1-based block of the ending document holding the sentence (its anchor b<n>)


@dataclass(frozen=True)
class Validity:
    status: Status
    text: str  # the whole statement as shown (plain text)
    as_of: str  # the build date
    endings: tuple[Ending, ...] = ()
    expires: str | None = None
    term: str | None = None  # the words of the document's own term
    term_line: int | None = None

    def catalog(self) -> dict:
        entry: dict[str, object] = {"status": self.status, "text": self.text, "as_of": self.as_of}
        if self.endings:
            entry["ended_by"] = [{"id": e.source, "doc_number": e.number, "where": e.where, "line": e.line} for e in self.endings]
        if self.term:
            entry["term"] = {"text": self.term, "line": self.term_line, "expires": self.expires}
        return entry


def build_date(archive: Archive) -> str:
    """The date the archive speaks for: its newest document date (no wall clock)."""
    return max((d.date for d in archive.documents if d.date), default="")


def add_years(iso: str, years: int) -> str | None:
    """``iso`` plus ``years`` (29 February becomes 28 February); None for a partial date.

    >>> add_years("2024-02-29", 5), add_years("2022-12-30", 5), add_years("2022-12", 5)
    ('2029-02-28', '2027-12-30', None)
    """
    if len(iso) != 10:
        return None
    y, m, d = map(int, iso.split("-"))
    try:
        return date(y + years, m, d).isoformat()
    except ValueError:
        return date(y + years, m, d - 1).isoformat()


def own_term(text: str, issued: str | None) -> tuple[str, str | None] | None:
    """The words by which a document limits its own validity, and the day it ends (if known).

    >>> own_term("本办法自印发之日起施行，有效期5年。", "2022-12-30")
    ('自印发之日起施行，有效期5年', '2027-12-30')
    >>> own_term("自2024年1月1日起施行，有效期为三年", None)
    ('自2024年1月1日起施行，有效期为三年', '2027-01-01')
    >>> own_term("本意见有效期至2025年12月31日。", None)
    ('有效期至2025年12月31日', '2025-12-31')
    >>> own_term("本通知自印发之日起施行。", "2022-12-30") is None
    True
    """
    m = UNTIL.search(text)
    if m:
        return m.group(0), f"{int(m[1]):04d}-{int(m[2]):02d}-{int(m[3]):02d}"
    m = TERM.search(text)
    if m:
        start = issued if m[1] else f"{int(m[2]):04d}-{int(m[3]):02d}-{int(m[4]):02d}"
        years = int(m[5]) if m[5].isdigit() else chinese_number(m[5])
        return m.group(0), add_years(start, years) if start else None
    return None


def where_printed(doc: Document) -> str:
    """``2024年第10期第46–53页``: the issue and pages of a gazette document."""
    if not doc.issue:
        return doc.date or ""
    pages = ""
    if doc.pages and doc.pages[0]:
        first, last = doc.pages
        pages = f"第{first}页" if not last or last == first else f"第{first}–{last}页"
    return f"{doc.issue.year}年第{doc.issue.number}期{pages}"


def block_at(doc: Document, line: int) -> int:
    """The 1-based index of the block of ``doc`` that holds source line ``line``."""
    return max((i for i, b in enumerate(doc.blocks, start=1) if 0 < b.line <= line), default=1)


def ending(r: Relation, docs: dict[str, Document]) -> Ending:
    by = docs[r.source]
    return Ending(r.source, by.doc_number.normalized if by.doc_number else by.title, r.doc_number.raw,
                  where_printed(by), r.line, block_at(by, r.line))


def document_validity(doc: Document | None, ended_by: list[Relation], docs: dict[str, Document], as_of: str) -> Validity:
    """What the archive can show about one document's validity, as of ``as_of``
    (``doc`` None: a number the archive cites but does not hold)."""
    endings = tuple(ending(r, docs) for r in ended_by)
    if endings:
        text = "已停止执行：" + "；".join(f"{e.number}（{e.where}）" for e in endings)
        return Validity("ended", text, as_of, endings)
    term = own_term(doc.body_text(), doc.date if doc.date and len(doc.date) == 10 else None) if doc else None
    no_record = f"本库未见其废止或停止执行的记录（截至 {as_of}）"
    if term and doc:
        words, expires = term
        line = next((b.line for b in doc.blocks if words in b.lead + b.text), None)
        if expires and as_of and expires <= as_of:
            return Validity("expired", f"已过有效期：本文件规定“{words}”，至 {expires} 届满", as_of, expires=expires, term=words, term_line=line)
        until = f"，至 {expires} 届满" if expires else ""
        return Validity("in_term", f"本文件规定“{words}”{until}；{no_record}", as_of, expires=expires, term=words, term_line=line)
    return Validity("no_record", no_record, as_of)


def archive_validity(archive: Archive) -> dict[str, Validity]:
    """Every gazette document's validity by id, and every cited number's the archive lacks
    by that number (``柳政办〔2019〕90号``)."""
    as_of = build_date(archive)
    docs = {d.id: d for d in archive.documents}
    ended: dict[str, list[Relation]] = {}
    for r in archive.relations:
        if r.relation == "ends":
            ended.setdefault(r.target or r.number, []).append(r)
    out = {d.id: document_validity(d, ended.get(d.id, []), docs, as_of) for d in archive.documents if kind_of(d.kind).official}
    for number in sorted({r.number for r in archive.relations if r.target is None}):
        out[number] = document_validity(None, ended.get(number, []), docs, as_of)
    return out
