"""Gazette metadata: issue, documents, 发文字号. (First level; issue #3 makes it exact.)"""

from __future__ import annotations

import re

from ..model import Block, Diagnostic, Document, Issue, IssueRef, Line, Source, SourceResult
from ..segment.gazette import GazetteSegments
from .docnumber import DOC_NUMBER, parse_doc_number
from .identity import gazette_document_id, issue_id

DOC_TYPES = ("决议", "决定", "命令", "令", "公报", "公告", "通告", "意见", "通知", "通报", "报告", "请示", "批复", "议案", "函", "纪要")


def _blocks(lines: tuple[Line, ...]) -> tuple[Block, ...]:
    out = []
    for line in lines:
        text = line.text.strip()
        if not text:
            continue
        m = re.match(r"^(#{1,6})\s+(.*)$", text)
        if m:
            out.append(Block("heading", m.group(2).strip(), level=min(len(m.group(1)), 4), line=line.no))
        else:
            out.append(Block("paragraph", text, line=line.no))
    return tuple(out)


def extract_gazette(source: Source, seg: GazetteSegments) -> SourceResult:
    front = "\n".join(l.text for l in seg.front)
    diagnostics = []
    m = re.search(r"(\d{4})\s*年\s*第\s*(\d+)\s*期", front)
    if m:
        year, number = int(m.group(1)), int(m.group(2))
    else:
        year, number = (source.date.year if source.date else 0), 1
        diagnostics.append(Diagnostic("warning", "issue-number", "no 'YYYY年第N期' on the cover; using issue 1", str(source.path)))
    total = re.search(r"总第\s*(\d+)\s*期", front)
    iid = issue_id(source.publication.slug, year, number)
    documents = []
    for position, chunk in enumerate(seg.documents, start=1):
        title = re.sub(r"^#+\s*", "", chunk[0].text).replace(" ", "").strip()
        date_line = next(l for l in chunk[1:] if l.text.strip())
        nm = DOC_NUMBER.search(date_line.text)
        number_ = parse_doc_number(nm.group(0)) if nm else None
        dm = re.match(r"\s*(\d{4})年(\d{1,2})月(\d{1,2})日", date_line.text)
        date = f"{int(dm.group(1)):04d}-{int(dm.group(2)):02d}-{int(dm.group(3)):02d}" if dm else None
        body = tuple(l for l in chunk[1:] if l is not date_line)
        doc_type = next((t for t in DOC_TYPES if title.endswith(t)), None)
        issuer = title.split("关于")[0] if "关于" in title else None
        documents.append(Document(
            id=gazette_document_id(iid, number_, position), kind="gazette_document",
            publication=source.publication.slug, source=source.file, title=title,
            line_start=chunk[0].no, line_end=chunk[-1].no, blocks=_blocks(body), date=date,
            position=position, issue=IssueRef(year, number, int(total.group(1)) if total else None),
            doc_number=number_, issuer=issuer, doc_type=doc_type,
        ))
    issue = Issue(
        id=iid, publication=source.publication.slug, source=source.file, year=year, number=number,
        total=int(total.group(1)) if total else None,
        documents=tuple(d.id for d in documents),
        front_matter=tuple(l.text.strip() for l in seg.front if l.text.strip()),
    )
    return SourceResult(source=source.file, documents=tuple(documents), issue=issue, diagnostics=tuple(diagnostics))
