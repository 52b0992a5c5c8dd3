"""A document body: page furniture out, paragraphs re-joined, tables built, headings levelled,
recipients and signature set apart."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import cast

from ...model import Block, BlockKind, Diagnostic, Line, Removal
from ...zh.dates import is_date_line
from ...zh.han import han_count
from ...zh.sentences import ends_clause, has_clause_punctuation
from .blocks import (
    BodyUnit,
    classify_line,
    continues_sentence,
    heading_levels,
    join_units,
    mark_attachment_titles,
    mark_enclosed_titles,
    ordinal,
    restore_order,
    sentence_styles,
)
from .furniture import furniture_reason, is_decorated
from .tables import RawTable, build_vocabulary, group_tables, repair_table

_ORG_END = re.compile(r"(政府|办公室|办公厅|委员会|委|局|厅|部|院|会|组|中心|处|室|公司|所|站|队|政府办)$")


@dataclass(frozen=True)
class DocumentBody:
    blocks: tuple[Block, ...]
    recipients: str | None = None
    recipients_line: int = 0
    signature: tuple[str, ...] = ()
    signature_line: int = 0
    removals: tuple[Removal, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()


def next_text(lines: tuple[Line, ...], i: int) -> str:
    """The next non-blank line after index ``i`` ('' at the end)."""
    return next((l.text for l in lines[i + 1 :] if l.text.strip()), "")


def is_signature_org(text: str, headers: frozenset[str]) -> bool:
    """A 发文机关署名 line: a short organisation name.

    >>> is_signature_org("清江市人民政府办公室", frozenset()), is_signature_org("现印发给你们。", frozenset())
    (True, False)
    """
    t = text.strip()
    return 0 < han_count(t) <= 30 and not has_clause_punctuation(t) and (bool(_ORG_END.search(t)) or t in headers)


def classify_lines(lines: tuple[Line, ...], headers: frozenset[str], source: str) -> tuple[list[BodyUnit], dict[int, tuple[Line, ...]], list[Removal]]:
    """Remove page furniture; classify text lines; collect runs of table lines (by first line)."""
    units: list[BodyUnit] = []
    tables: dict[int, tuple[Line, ...]] = {}
    removals: list[Removal] = []
    run: list[Line] = []
    broke = False

    def flush() -> None:
        if run:
            tables[run[0].no] = tuple(run)
            units.append(BodyUnit("table", "", run[0].no))
            run.clear()

    for i, line in enumerate(lines):
        text = line.text
        if not text.strip():
            continue
        reason = furniture_reason(text, headers)
        # an organisation name above a date is the signature, not a running header
        if reason in ("page-header", "page-footer") and not is_decorated(text) and is_date_line(next_text(lines, i)):
            reason = None
        if reason:
            removals.append(Removal(source, line.no, text, reason))
            broke = True
            continue
        if "\t" in text:
            run.append(line)
            continue
        flush()
        units.append(replace(classify_line(text, line.no), after_break=broke))
        broke = False
    flush()
    return units, tables, removals


def join_broken(units: list[BodyUnit]) -> list[BodyUnit]:
    """Re-join paragraphs that a page or column break cut in the middle of a sentence."""
    out: list[BodyUnit] = []
    styles = sentence_styles(units)
    for u in units:
        if out and continues_sentence(out[-1], u, styles):
            out[-1] = join_units(out[-1], u)
        else:
            out.append(u)
    return out


def unfinished(units: list[BodyUnit], path: str) -> list[Diagnostic]:
    """Paragraphs that stop mid-sentence with nothing to continue them: text may be missing or
    displaced there (a figure, a page out of order), which a reader should know."""
    out = []
    for i, u in enumerate(units):
        nxt = units[i + 1] if i + 1 < len(units) else None
        # a closing （责任单位：…） note ends a paragraph; a bare list of names has no sentence
        text = re.sub(r"〔[^〔]*〕$|（[^（]*）$|\[[^\[]*\]$|\([^(]*\)$", "", u.lead + u.text)
        prose = bool(re.search(r"[，。]", text))
        if u.kind in ("paragraph", "article") and prose and not ends_clause(text) and han_count(text) >= 16 \
                and not u.listed and (nxt is None or nxt.kind != "paragraph"):
            out.append(Diagnostic("warning", "paragraph-unfinished",
                                  f"paragraph stops mid-sentence (…{(u.lead + u.text)[-12:]}) and nothing continues it", path, u.line))
    return out


def take_recipients(units: list[BodyUnit]) -> tuple[list[BodyUnit], BodyUnit | None]:
    """The 主送机关: a first paragraph that ends with a colon and has no full stop."""
    first = units[0] if units else None
    if first and first.kind == "paragraph" and not first.lead and first.text.rstrip().endswith(("：", ":")) \
            and "。" not in first.text and len(first.text) <= 300 and not first.text.rstrip()[:-1].endswith("如下"):
        return units[1:], first
    return units, None


def take_signature(units: list[BodyUnit], headers: frozenset[str]) -> tuple[list[BodyUnit], tuple[BodyUnit, ...]]:
    """The 发文机关署名 and 成文日期 printed under the body (one or two names, then a date)."""
    for k, u in enumerate(units):
        if u.kind in ("paragraph", "title") and is_date_line(u.text):
            names: list[BodyUnit] = []
            j = k - 1
            while j >= 0 and len(names) < 3 and units[j].kind in ("paragraph", "title") and is_signature_org(units[j].text, headers):
                names.insert(0, units[j])
                j -= 1
            if names:
                return units[: j + 1] + units[k + 1 :], (*names, u)
    return units, ()


def attach_captions(units: list[BodyUnit], raw: dict[int, list[RawTable]]) -> list[BodyUnit]:
    """A caption next to a table becomes the table's caption (before it, or ``表 N`` after it)."""
    out: list[BodyUnit] = []
    for i, u in enumerate(units):
        nxt = units[i + 1] if i + 1 < len(units) else None
        if u.kind == "caption" and nxt and nxt.kind == "table" and not raw[nxt.line][0].caption:
            raw[nxt.line][0] = replace(raw[nxt.line][0], caption=u.text, caption_line=u.line)
            continue
        prev = out[-1] if out else None
        if u.kind == "caption" and prev and prev.kind == "table" and not raw[prev.line][-1].caption \
                and re.match(r"表\s*\d", u.text) and not (nxt and nxt.kind == "table"):
            raw[prev.line][-1] = replace(raw[prev.line][-1], caption=u.text, caption_line=u.line)
            continue
        out.append(u)
    return out


def structure_anchor(u: BodyUnit) -> str:
    """The stable anchor of an article (``tiao-12`` for 第十二条), so that a citation of
    第十二条 can point at it; '' for anything else (other blocks keep their place, ``bN``).

    >>> structure_anchor(BodyUnit("article", "国家建立…", 9, marker="article", lead="第十二条"))
    'tiao-12'
    >>> structure_anchor(BodyUnit("heading", "第二章 人体器官的捐献", 9, marker="chapter"))
    ''
    """
    if u.kind != "article":
        return ""
    n = ordinal(BodyUnit(u.kind, u.lead, u.line))
    return f"tiao-{n}" if n else ""


def unit_blocks(u: BodyUnit, level: int, anchor: str) -> list[Block]:
    """An article is its number as a heading (the outline, with the anchor) and its text."""
    if u.kind != "article":
        return [replace(to_block(u, level), anchor=anchor)]
    blocks = [Block("heading", u.lead.strip(), level=level, line=u.line, anchor=anchor)]
    return blocks + ([Block("paragraph", u.text, line=u.line)] if u.text else [])


def to_block(u: BodyUnit, level: int) -> Block:
    """The renderer-independent block for a unit."""
    if u.kind in ("heading", "title"):
        return Block("heading", u.text, level=level, line=u.line)
    if u.kind in ("box", "figure", "caption", "note"):
        return Block(cast(BlockKind, u.kind), u.text, line=u.line)
    if u.kind == "marker":
        return Block("note", u.text, line=u.line)
    return Block("paragraph", u.text, line=u.line, lead=u.lead)


def unparsed_blocks(lines: tuple[Line, ...]) -> tuple[Block, ...]:
    """Every non-blank line as a paragraph, as printed: text no rule understood."""
    return tuple(Block("paragraph", l.text.strip(), line=l.no) for l in lines if l.text.strip())


def derived_title(lines: tuple[Line, ...]) -> str:
    """The first line, cut at its first sentence end, for a document whose title is not printed.

    >>> derived_title((Line(1, ""), Line(2, "本办法自公布之日起施行。其他")))
    '本办法自公布之日起施行'
    """
    first = next((l.text.strip() for l in lines if l.text.strip()), "")
    for stop in "。；！？":
        first = first.split(stop)[0]
    return first[:40]


def segment_body(lines: tuple[Line, ...], headers: frozenset[str], source: str, path: str) -> DocumentBody:
    """Everything between a document's header line and the next document."""
    units, table_lines, removals = classify_lines(lines, headers, source)
    units, moved_units = restore_order(mark_enclosed_titles(mark_attachment_titles(units)))
    removals += [Removal(source, u.line, u.lead + u.text, "reordered", replacement=f"moved before line {before}") for u, before in moved_units]
    units = join_broken(units)
    open_ends = unfinished(units, path)
    units, recipients = take_recipients(units)
    units, signature = take_signature(units, headers)
    raw = {no: list(group_tables(ls)) for no, ls in table_lines.items()}
    units = attach_captions(units, raw)
    vocab = build_vocabulary(tuple(t for ts in raw.values() for t in ts))
    levels = heading_levels(units)
    blocks: list[Block] = []
    diagnostics: list[Diagnostic] = list(open_ends)
    anchors: set[str] = set()
    for i, u in enumerate(units):
        if u.kind != "table":
            # an anchor printed twice (a regulation attached to a notice restarts at 第一条) is the first one's
            anchor = structure_anchor(u)
            anchor = "" if anchor in anchors else anchor
            anchors.add(anchor)
            blocks.extend(unit_blocks(u, levels.get(i, 0), anchor))
            continue
        for table in raw[u.line]:
            block, problems = repair_table(table, vocab, path)
            blocks.append(block)
            diagnostics.extend(problems)
    moved = [Removal(source, recipients.line, recipients.text, "recipients")] if recipients else []
    moved += [Removal(source, s.line, s.text, "signature") for s in signature]
    return DocumentBody(
        blocks=tuple(blocks),
        recipients=recipients.text.strip() if recipients else None,
        recipients_line=recipients.line if recipients else 0,
        signature=tuple(s.text.strip() for s in signature),
        signature_line=signature[0].line if signature else 0,
        removals=tuple(removals + moved),
        diagnostics=tuple(diagnostics),
    )
