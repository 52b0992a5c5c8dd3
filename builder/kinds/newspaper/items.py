"""The reader for PDF text in which every article carries its own source line.

Exports of e-paper PDFs print each article as: its headline (wrapped over lines), its authors
one name per line, then ``《<paper>》（<date> 第 <n> 版）``, then the body. One file may hold
one page or a whole day's pages: each article's page is the one its source line names.
Page footers (``第 30 页``, ``- 12 -``), form feeds and the source lines are furniture (removal
log); a page's list of editors (``本版责编：…``) is page metadata, never an article.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ...model import Block, Diagnostic, Document, Line, NewspaperPage, PartialDate, Removal, Source, SourceResult
from ...zh.sentences import ends_sentence
from ...zh.text import join_wrapped
from ..identity import article_id, newspaper_page_id
from .furniture import (
    FORM_FEED,
    SourceLine,
    byline_of,
    closes_complete,
    is_author,
    is_editor_list,
    is_page_footer,
    is_role,
    opens_unclosed,
    source_line,
    starts_closing,
)
from .lines import dateline_of, display_width

#: A box printed under the source line: its label alone on a line, then its one line of text.
BOX_LABELS = ("亮点",)
_LONE_DATELINE = re.compile(r"^(?:本报|新华社|中新社|人民日报)\S{0,16}电$")
_HALVES = re.compile(r"[\u4e00-\u9fff] +[\u4e00-\u9fff]")
_REPORTER_BRACKET = re.compile(r"^（(?:本报|新华社)?(?:记者|通讯员)[^（）]{1,30}）")


def join_wrap(left: str, right: str) -> str:
    """Join a line wrapped by the column: digits (and Latin letters beside digits) split by
    the wrap join with nothing; Latin words keep their space.

    >>> join_wrap("（202", "3—2025年）"), join_wrap("增长9.", "6%"), join_wrap("5G", "网络"), join_wrap("the", "paper")
    ('（2023—2025年）', '增长9.6%', '5G网络', 'the paper')
    """
    left, right = left.rstrip(), right.lstrip()
    if left and right and (left[-1].isdigit() or left[-1] == ".") and right[0].isascii() and right[0].isalnum():
        return left + right
    if left and right and left[-1].isascii() and left[-1].isalnum() and right[0].isdigit():
        return left + right
    return join_wrapped(left, right)


@dataclass(frozen=True)
class Item:
    """One article (or one editors' list) as the file prints it."""

    head: tuple[Line, ...]  # headline and author lines, blanks left out
    source_line: Line
    found: SourceLine
    body: tuple[Line, ...]  # every line after the source line up to the next item, footers left out


@dataclass(frozen=True)
class Head:
    """A headline block read: headline parts (each a list of wrapped lines), author lines."""

    parts: tuple[tuple[Line, ...], ...]
    authors: tuple[Line, ...]
    uncertain: tuple[str, ...] = ()


@dataclass
class _Log:
    file: str
    path: str
    removals: list[Removal] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def remove(self, line: Line, reason: str, doc: str | None = None, text: str | None = None) -> None:
        self.removals.append(Removal(self.file, line.no, line.text.strip() if text is None else text, reason, doc))

    def say(self, level, code: str, message: str, line: int | None = None) -> None:
        self.diagnostics.append(Diagnostic(level, code, message, self.path, line))


def has_source_lines(lines: tuple[Line, ...]) -> bool:
    """Does the text print per-article source lines (the shape this reader is for)?"""
    return any(source_line(l.text) for l in lines)


def without_form_feeds(lines: tuple[Line, ...], log: _Log) -> tuple[list[Line], set[int]]:
    """The lines with their form feeds taken off (logged), and the indexes a new PDF page starts at."""
    out, breaks = [], set()
    for i, line in enumerate(lines):
        if FORM_FEED in line.text:
            breaks.add(i)
            log.remove(line, "form-feed", text=FORM_FEED * line.text.count(FORM_FEED))
            line = Line(line.no, line.text.replace(FORM_FEED, ""))
        out.append(line)
    return out, breaks


def head_start(lines: list[Line], breaks: set[int], feeds: set[int], at: int, limit: int) -> int:
    """Where the head of the item whose source line is at ``at`` begins: after a footer, at a
    new PDF page, and when the text has neither, after the sentence that ends the article above."""
    bounded = any(is_page_footer(lines[j].text) or j in breaks for j in range(limit, at))
    start = at
    for j in range(at - 1, limit - 1, -1):
        text = lines[j].text.strip()
        if is_page_footer(text):
            break
        if text and not bounded and ends_sentence(text):
            break
        if text:
            start = j
        if j in breaks:
            break
    # characters of a name spread one a line before the headline belong to the list above
    # (unless a new PDF page starts with them: then they are the headline, spread out)
    while start < at and start not in feeds and len(lines[start].text.strip()) <= 1:
        start += 1
    return start


def split_items(lines: list[Line], breaks: set[int], feeds: set[int]) -> tuple[list[Line], list[Item]]:
    """The lines before the first item, and every item."""
    marks = [(i, found) for i, l in enumerate(lines) if (found := source_line(l.text))]
    starts, limit = [], 0
    for at, _ in marks:
        starts.append(head_start(lines, breaks, feeds, at, limit))
        limit = at + 1
    items = []
    for k, (at, found) in enumerate(marks):
        end = starts[k + 1] if k + 1 < len(marks) else len(lines)
        head = tuple(l for l in lines[starts[k]:at] if l.text.strip())
        items.append(Item(head, lines[at], found, tuple(lines[at + 1:end])))
    return lines[:starts[0]] if marks else lines, items


def title_width(items: list[Item]) -> float | None:
    """The width headlines wrap at in this file: the widest first headline line, when more
    than one headline reaches it (one alone is a long headline, not a wrap)."""
    widths = Counter(display_width(i.head[0].text) for i in items if i.head and not is_editor_list(i.head[0].text))
    if not widths:
        return None
    widest = max(widths)
    return widest if widths[widest] >= 2 else None


def read_head(head: tuple[Line, ...], width: float | None) -> Head:
    """Headline parts, then authors. A line continues the headline part above it when that part
    leaves a bracket open, when it starts with a closing mark, or when the line above reaches the
    width headlines wrap at (unless a closing bracket or quotation ended the part); else a role or
    name opens the authors, anything else is a new part. Characters spread one a line at the top
    are one headline; a line among the authors that is no name is a headline part printed there."""
    parts: list[list[Line]] = []
    uncertain: list[str] = []
    spread = 0
    while spread < len(head) and len(head[spread].text.strip()) == 1:
        spread += 1
    if (spread and spread == len(head)) or (spread > 1 and not is_author(head[spread].text)):
        parts.append(list(head[:spread]))
    i = len(parts[0]) if parts else 0
    while i < len(head):
        line, text = head[i], head[i].text.strip()
        if parts:
            joined = "".join(l.text.strip() for l in parts[-1])
            prev = parts[-1][-1].text
            # a line set in two halves (Han, space, Han) is a couplet's line, not a wrapped one
            halves = bool(_HALVES.search(prev))
            full = width is not None and display_width(prev) >= width - 0.5 and not closes_complete(joined) and not halves
            if starts_closing(text) or opens_unclosed(joined) or (full and not is_role(text)):
                if full and is_author(text) and not (starts_closing(text) or opens_unclosed(joined)):
                    uncertain.append("title")
                parts[-1].append(line)
                i += 1
                continue
            if is_author(text):
                break
        parts.append([line])
        i += 1
    authors = []
    for line in head[i:]:
        if is_author(line.text):
            authors.append(line)
        else:
            parts.append([line])
            uncertain.append("title")
    if len(parts) > 1:
        uncertain.append("kicker" if len(parts[0]) > 1 else "title")
    return Head(tuple(tuple(p) for p in parts), tuple(authors), tuple(uncertain))


def headline_text(lines: tuple[Line, ...]) -> str:
    text = ""
    for line in lines:
        text = join_wrap(text, line.text.strip()) if text else line.text.strip()
    return text


def roles(parts: tuple[tuple[Line, ...], ...]) -> tuple[str | None, str, str | None]:
    """Kicker, title, subtitle of a headline printed as parts: a part opening with a dash is the
    副题; of two other parts, a first one wrapped over lines is the 引题 above the 主题, two
    one-line parts are the two lines of one title (joined by a space, as the page sets them).

    >>> L = lambda *t: tuple(Line(i, x) for i, x in enumerate(t))
    >>> roles((L("深入学习贯彻习近平总书记在全球妇女峰会", "上的主旨讲话精神"), L("推动妇女事业高质量发展")))
    ('深入学习贯彻习近平总书记在全球妇女峰会上的主旨讲话精神', '推动妇女事业高质量发展', None)
    >>> roles((L("先进人物图片损毁"), L("影响公益宣传功能（身边事）")))
    (None, '先进人物图片损毁 影响公益宣传功能（身边事）', None)
    >>> roles((L("主题"), L("——副题")))
    (None, '主题', '——副题')
    """
    texts = [headline_text(p) for p in parts]
    subtitle = next((t for t in texts if t.startswith(("——", "—", "--"))), None)
    rest = [(p, t) for p, t in zip(parts, texts, strict=True) if t is not subtitle]
    if not rest:
        return None, subtitle or "", None
    if len(rest) > 1 and all(len(p) == 1 for p, _ in rest):
        return None, " ".join(t for _, t in rest), subtitle
    kicker = "".join(t for _, t in rest[:-1]) or None
    return kicker, rest[-1][1], subtitle


def body_width(items: list[Item]) -> float:
    """The column width of the bodies: the widest line width printed at least three times."""
    widths = Counter(display_width(l.text) for i in items for l in i.body if l.text.strip())
    common = [w for w, n in widths.items() if n >= 3]
    return max(common or widths or [1.0])


def paragraphs(body: list[Line], width: float) -> list[tuple[Line, str]]:
    """Re-join wrapped lines: a paragraph ends at a line shorter than the column."""
    out: list[tuple[Line, str]] = []
    first: Line | None = None
    text = ""
    for line in body:
        piece = line.text.strip()
        if not piece:
            continue
        if first is None:
            first, text = line, piece
        else:
            text = join_wrap(text, piece)
        if display_width(piece) < 0.9 * width:
            out.append((first, text))
            first, text = None, ""
    if first is not None:
        out.append((first, text))
    return out


def article_blocks(body: list[Line], width: float, doc_id: str, log: _Log) -> tuple[list[Block], str | None]:
    """The body's blocks (a box under the source line first) and the 电头 that opens it."""
    lines = [l for l in body if l.text.strip()]
    blocks: list[Block] = []
    if len(lines) >= 2 and lines[0].text.strip() in BOX_LABELS:
        blocks.append(Block("paragraph", lines[1].text.strip(), line=lines[0].no, lead=lines[0].text.strip()))
        lines = lines[2:]
    dateline = None
    if lines:
        first = lines[0].text.strip()
        found = first if _LONE_DATELINE.match(first) else dateline_of(first)
        if found and found == first:
            dateline = found
            log.remove(lines[0], "dateline", doc_id)
            lines = lines[1:]
            bracket = _REPORTER_BRACKET.match(lines[0].text.strip()) if lines else None
            if bracket:
                dateline += bracket.group(0)
                log.remove(lines[0], "dateline", doc_id, bracket.group(0))
                lines = [Line(lines[0].no, lines[0].text.strip()[bracket.end():]), *lines[1:]]
        elif found:
            dateline = found
            log.remove(lines[0], "dateline", doc_id, found)
            lines = [Line(lines[0].no, first[len(found):].lstrip()), *lines[1:]]
    blocks += [Block("paragraph", text, line=start.no) for start, text in paragraphs(lines, width) if text]
    return blocks, dateline


@dataclass
class _Page:
    id: str
    date: str | None
    number: int
    furniture: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)


def read_source_lines(source: Source, lines: tuple[Line, ...]) -> SourceResult:
    """Articles, each on the page its source line names; editors' lists as page metadata."""
    log = _Log(source.file, str(source.path))
    clean, feeds = without_form_feeds(lines, log)
    footers = {i for i, l in enumerate(clean) if is_page_footer(l.text)}
    for i in sorted(footers):
        log.remove(clean[i], "page-footer")
    kept = [l if i not in footers else Line(l.no, "") for i, l in enumerate(clean)]
    before, items = split_items(kept, feeds | {i + 1 for i in footers}, feeds)
    numbers = sorted({i.found.page for i in items})
    dates = sorted({i.found.date for i in items})
    manifest_date = source.date.iso() if source.date else None
    if manifest_date and any(d != manifest_date for d in dates):
        log.say("warning", "manifest-wins", f"the source lines give the date {', '.join(dates)}; the manifest's {manifest_date} is used", source.manifest_line)
    if source.page and numbers and numbers != [source.page]:
        if len(numbers) == 1:
            log.say("warning", "manifest-wins", f"the source lines give page {numbers[0]}; the manifest's page {source.page} is used", source.manifest_line)
        else:
            log.say("warning", "manifest-page-ignored",
                    f"the file holds pages {numbers}; each article keeps the page its source line names, not the manifest's page {source.page}")
    for name in sorted({i.found.paper for i in items} - {source.publication.name}):
        log.say("warning", "source-line-paper", f"source lines name 《{name}》, the publication is {source.publication.name}")
    leftover = [l for l in before if l.text.strip()]
    for line in leftover:
        log.remove(line, "before-first-article")
    if leftover:
        log.say("warning", "newspaper-stray",
                f"{len(leftover)} lines before the first source line belong to no article (kept in the removal log)", leftover[0].no)

    tw = title_width(items)
    bw = body_width(items)
    pages: dict[tuple[str | None, int], _Page] = {}
    documents: list[Document] = []
    seen: dict[tuple[str, str], str] = {}
    for item in items:
        date = manifest_date or item.found.date
        number = source.page if source.page and len(numbers) == 1 else item.found.page
        key = (date, number)
        if key not in pages:
            pid = newspaper_page_id(source.publication.slug, PartialDate.parse(date) if date else None, number, source.id, source.path.stem)
            pages[key] = _Page(pid, date, number)
        page = pages[key]
        log.remove(item.source_line, "source-line")
        if any(is_editor_list(l.text) for l in item.head):
            page.furniture.append(" ".join(l.text.strip() for l in item.head))
            for l in item.head:
                log.remove(l, "page-furniture")
            for l in item.body:
                if l.text.strip():
                    page.furniture.append(l.text.strip())
                    log.remove(l, "page-furniture")
            continue
        doc_id = article_id(page.id, len(page.documents) + 1)
        head = read_head(item.head, tw)
        kicker, title, subtitle = roles(head.parts) if head.parts else (None, "", None)
        for l in item.head:
            log.remove(l, "byline" if l in head.authors else "headline", doc_id)
        blocks, dateline = article_blocks(list(item.body), bw, doc_id, log)
        uncertain = list(head.uncertain)
        derived = not title
        if derived:
            title = next((b.text[:30] for b in blocks if b.text), "") or "（无题）"
            uncertain.append("title")
            log.say("warning", "title-derived", "an article with no headline above its source line; title taken from its text", item.source_line.no)
        lines_of = [l.no for l in (*item.head, item.source_line, *item.body) if l.text.strip()]
        doc = Document(
            id=doc_id, kind="newspaper_article", publication=source.publication.slug, source=source.file,
            title=title, title_derived=derived, line_start=min(lines_of), line_end=max(lines_of),
            blocks=tuple(blocks), date=date, position=len(page.documents) + 1, page=number,
            page_name=source.page_name if len(numbers) == 1 else None,
            kicker=kicker, subtitle=subtitle, dateline=dateline, byline=byline_of([l.text for l in head.authors]) or None,
            uncertain=tuple(dict.fromkeys(uncertain)),
        )
        signature = (title, doc.body_text())
        if signature in seen:
            log.say("info", "article-repeated", f"the file prints this article twice (also {seen[signature]}); both are kept", item.source_line.no)
        seen.setdefault(signature, doc_id)
        page.documents.append(doc_id)
        documents.append(doc)
    records = tuple(
        NewspaperPage(id=p.id, publication=source.publication.slug, source=source.file, date=p.date, page=p.number,
                      page_name=source.page_name if len(numbers) == 1 else None, furniture=tuple(p.furniture), documents=tuple(p.documents))
        for p in pages.values()
    )
    return SourceResult(source=source.file, documents=tuple(documents), page=records[0] if records else None, pages=records[1:],
                        removals=tuple(log.removals), diagnostics=tuple(log.diagnostics))
