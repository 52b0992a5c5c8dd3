"""Gazette issue → front matter, table of contents, documents (with structured bodies), colophon.

A document starts at its title followed by the line that gives its 成文日期 and 发文字号
(``2022年6月27日 柳政办〔2022〕59号``), never at a Markdown heading: the converter's ``#``
marks are unreliable. Structure only; metadata is read by ``builder.extract.gazette``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...model import Diagnostic, DocNumber, Line, Removal, Source
from ...zh.dates import DATE, is_date_line, parse_date
from ...zh.docnumber import DOC_NUMBER, DOC_NUMBER_TEXT, parse_doc_number
from ...zh.sentences import ends_clause
from .body import DocumentBody, derived_title, segment_body, unparsed_blocks
from .front import EDITOR_LABELS, LabelledField, group_toc_entries, is_toc_entry, is_toc_heading, labelled_fields, split_colophon
from .furniture import is_rule, running_header_texts
from .header import order_number
from .text import ends_with_doc_type, is_heading_marked, squeeze_wide_spaces, strip_heading_marks


@dataclass(frozen=True)
class DocumentSegment:
    """One document's lines, split into title, header line and body."""

    title: str  # as printed, stray spaces of the layout removed
    title_lines: tuple[Line, ...]
    header: Line | None  # the 成文日期 / 发文字号 line under the title
    body: DocumentBody
    line_start: int
    line_end: int
    doc_number: DocNumber | None = None  # the 发文字号 of the header line, parsed
    header_date: str | None = None  # the 成文日期 of the header line (ISO)
    unparsed: bool = False  # no document start found: the whole text, kept as printed


@dataclass(frozen=True)
class GazetteSegments:
    front: tuple[Line, ...]  # cover lines (non-blank), in order
    toc: tuple[tuple[Line, ...], ...]  # the lines of each TOC entry
    colophon: tuple[Line, ...]
    documents: tuple[DocumentSegment, ...]
    fields: tuple[LabelledField, ...] = ()  # the labelled lines of the cover, then of the colophon
    removals: tuple[Removal, ...] = ()  # issue-level: TOC headings, rules
    diagnostics: tuple[Diagnostic, ...] = ()


def is_header_line(text: str) -> bool:
    """The line under a title: date and 发文字号 (either order), or the 发文字号 alone.

    >>> is_header_line("2022年6月27日 柳政办〔2022〕59号"), is_header_line("清政发[2025]3号")
    (True, True)
    >>> is_header_line("根据柳政办〔2022〕59号文件精神，"), is_header_line("2022年6月27日")
    (False, False)
    """
    t = strip_heading_marks(text).strip()
    number, date = DOC_NUMBER_TEXT, re.sub(r"\(\?P<\w+>", "(?:", DATE.pattern)
    return bool(re.fullmatch(rf"(?:{date}\s*)?{number}|{number}\s*{date}", t))


def is_recipients_line(text: str) -> bool:
    """A 主送机关 line: organisations ending with a colon, no sentence.

    >>> is_recipients_line("各县、区人民政府，市政府各部门："), is_recipients_line("现将有关事项通知如下：")
    (True, False)
    >>> is_recipients_line("据此，工资折算办法调整如下。"), is_recipients_line("市林业局："), is_recipients_line("通告如下：")
    (False, True, False)
    """
    t = strip_heading_marks(text).strip()
    one_agency = re.fullmatch(r"[\u4e00-\u9fff]{2,20}(?:政府|办公室|办公厅|委员会|局|厅|委|部|院|会|中心|公司)[：:]", t)
    return bool(re.fullmatch(r"[^。；！？]{2,120}[：:]", t)) and bool(one_agency or re.search(r"[、，,]|各", t)) \
        and not re.search(r"如下|通知|规定|意见|办法", t)


def weak_header(text: str, title: str) -> str | None:
    """A header line that starts a document only under a title ending with a 文种: a 令号
    (``第12号`` under ``…人民政府令``), a 公告's ``（第3号）``, a date alone, or no header at all
    but the 主送机关 line. Returns what it is: ``order``, ``date`` or ``recipients``.

    >>> weak_header("第12号", "柳州市人民政府令"), weak_header("（第3号）", "清江市人民政府关于禁止燃放烟花爆竹的通告")
    ('order', 'order')
    >>> weak_header("2024年3月1日", "清江市人民政府关于张三等同志职务任免的通知")
    'date'
    >>> weak_header("各县、区人民政府，市政府各部门：", "清江市人民政府关于调整公交票价的批复")
    'recipients'
    >>> weak_header("2024年3月1日", "柳州市人民政府办公室"), weak_header("第12号", "关于某事的意见"), weak_header("第3号", "清江市人民政府公告")
    (None, None, 'order')
    """
    plain = squeeze_wide_spaces(strip_heading_marks(title))
    doc_type = ends_with_doc_type(plain)
    if not doc_type or ends_clause(plain):
        return None
    if doc_type in ("令", "命令", "公告", "通告") and order_number(text, plain):
        return "order"
    if is_date_line(strip_heading_marks(text)):
        return "date"
    if is_recipients_line(text):
        return "recipients"
    return None


def read_header(header: Line) -> tuple[DocNumber | None, str | None]:
    """The 发文字号 and the date of a header line.

    >>> n, d = read_header(Line(5, "2022年6月27日 柳政办［2022］59号"))
    >>> n.normalized, d
    ('柳政办〔2022〕59号', '2022-06-27')
    """
    m = DOC_NUMBER.search(header.text)
    return (parse_doc_number(m.group(0)) if m else None), parse_date(header.text)


def _previous(lines: tuple[Line, ...], i: int) -> int | None:
    return next((j for j in range(i - 1, -1, -1) if lines[j].text.strip()), None)


def title_start(lines: tuple[Line, ...], k: int, headers: frozenset[str]) -> int | None:
    """Index of the first title line above header line ``k``, or None when there is no title.

    The title is the line above (a heading, or ending with a 文种); a heading line above that
    joins it when the title was broken after the issuer or after 关于.
    """
    i = _previous(lines, k)
    if i is None:
        return None
    text = lines[i].text
    plain = squeeze_wide_spaces(strip_heading_marks(text))
    if "\t" in text or ends_clause(plain) or not (is_heading_marked(text) or ends_with_doc_type(plain)):
        return None
    p = _previous(lines, i)
    if p is not None:
        above = lines[p].text
        core = squeeze_wide_spaces(strip_heading_marks(above))
        broken = plain.startswith("关于") or not is_heading_marked(text)
        if is_heading_marked(above) and broken and not ends_clause(core) and not ends_with_doc_type(core) \
                and len(core) <= 50 and not is_toc_heading(above) and (core not in headers or plain.startswith("关于")):
            return p
    return i


def header_names(source: Source, colophon: tuple[LabelledField, ...]) -> list[str]:
    """Names that may run as page headers: publication, publisher, editor (主办)."""
    names = [source.publication.name, source.publication.publisher or ""]
    names += [f.value for f in colophon if f.label in EDITOR_LABELS]
    return [n for n in names if n]


def split_front(front: tuple[Line, ...], source: str) -> tuple[tuple[Line, ...], tuple[tuple[Line, ...], ...], tuple[Removal, ...]]:
    """Cover lines, TOC entries and the TOC's own furniture (目录 headings, rules)."""
    start = next((i for i, l in enumerate(front) if is_toc_heading(l.text)), len(front))
    cover = [l for l in front[:start] if l.text.strip()]
    removals, toc_lines = [], []
    for line in front[start:]:
        text = line.text
        if is_toc_heading(text) or is_rule(text):
            removals.append(Removal(source, line.no, text, "toc-heading" if is_toc_heading(text) else "page-break"))
        elif is_heading_marked(text) or re.fullmatch(r"\s*【[^】]+】\s*", text):
            cover.append(line)  # a section label (栏目) of the TOC
        else:
            toc_lines.append(line)
    groups = group_toc_entries(tuple(toc_lines))
    entries = tuple(g for g in groups if is_toc_entry(g))
    cover += [l for g in groups if not is_toc_entry(g) for l in g]
    return tuple(sorted(cover, key=lambda l: l.no)), entries, tuple(removals)


def segment_gazette(source: Source, lines: tuple[Line, ...]) -> GazetteSegments:
    """Split an issue into front matter, TOC entries, documents and colophon."""
    body_lines, colophon = split_colophon(lines)
    colophon_fields = labelled_fields(colophon)
    path = str(source.path)
    strong = {k for k, l in enumerate(body_lines) if l.text.strip() and is_header_line(l.text)}  # a set: tested per line
    weak: dict[int, str] = {}
    above: int | None = None  # the last non-blank line before k
    for k, l in enumerate(body_lines):
        if not l.text.strip():
            continue
        if k not in strong and above is not None and (kind := weak_header(l.text, body_lines[above].text)):
            weak[k] = kind
        above = k
    anchors = sorted([*strong, *weak])
    texts = [l.text for l in body_lines]
    headers = running_header_texts(texts, header_names(source, colophon_fields))
    starts: list[tuple[int, int]] = []
    for k in anchors:
        s = title_start(body_lines, k, headers)
        if s is not None and (not starts or s > starts[-1][1]):
            starts.append((s, k))
    front_end = starts[0][0] if starts else len(body_lines)
    cover, toc, toc_removals = split_front(body_lines[:front_end], source.file)
    documents = []
    bounds = [s for s, _ in starts] + [len(body_lines)]
    for (s, k), end in zip(starts, bounds[1:], strict=True):
        title_lines = tuple(l for l in body_lines[s:k] if l.text.strip())
        title = squeeze_wide_spaces("".join(strip_heading_marks(l.text) for l in title_lines))
        kind = weak.get(k)
        # under a title with no header line the 主送机关 line is the body's first line
        chunk = body_lines[k if kind == "recipients" else k + 1 : end]
        body = segment_body(chunk, headers, source.file, path)
        last = next((l.no for l in reversed(chunk) if l.text.strip()), body_lines[k].no)
        if kind is None:
            number, date = read_header(body_lines[k])
        elif kind == "order":
            number, date = order_number(body_lines[k].text, title), None
        else:
            number, date = None, parse_date(body_lines[k].text) if kind == "date" else None
        header = None if kind == "recipients" else body_lines[k]
        documents.append(DocumentSegment(title, title_lines, header, body, title_lines[0].no, last, number, date))
    diagnostics = []
    if not documents:
        # nothing lost: text no rule understands is one document, kept as printed and flagged
        kept = tuple(l for l in body_lines if l.text.strip())
        if kept:
            body = DocumentBody(blocks=unparsed_blocks(kept))
            documents.append(DocumentSegment(derived_title(kept), (), None, body, kept[0].no, kept[-1].no, unparsed=True))
        diagnostics.append(Diagnostic("warning", "gazette-no-documents",
                                      "no document start found (a title followed by a header line); the text is kept as one unparsed document", path))
    return GazetteSegments(
        front=cover, toc=toc, colophon=colophon, documents=tuple(documents),
        fields=labelled_fields(cover) + colophon_fields,
        removals=toc_removals, diagnostics=tuple(diagnostics),
    )


__all__ = ["DocumentSegment", "GazetteSegments", "segment_gazette"]
