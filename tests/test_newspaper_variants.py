"""Variants of the real newspaper pages that the parser has never seen (issue #11, item 4 and 7).

Each variant is written at test time into a temporary folder from the real page in
../shared/corpus (never a committed copy): its articles as the original parse found them,
re-wrapped at 17 or 40 columns, with the headlines printed above each article, collected in a
block before or after all bodies, or with the articles in reverse order. The parse of a variant
must find the same articles (boundaries) and give each its printed title or a flagged one;
a wrong title without a flag fails, whatever the numbers elsewhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from test_newspaper import PAGES, parsed

from builder.model import Document, SourceResult

WIDTHS = (17, 40)
LAYOUTS = ("above", "block-after", "block-before", "reordered")


def wrap(text: str, width: int) -> list[str]:
    """Cut a paragraph into lines of ``width`` cells (ASCII counts half), as a narrow column would."""
    lines, line, cells = [], "", 0.0
    for ch in text:
        w = 0.5 if ch.isascii() else 1.0
        if cells + w > width:
            lines.append(line)
            line, cells = "", 0.0
        line += ch
        cells += w
    return lines + ([line] if line else [])


def headline_lines(doc: Document) -> list[str]:
    if doc.title_derived:
        return []
    lines = [doc.kicker] if doc.kicker else []
    lines.append(doc.title)
    return lines + ([doc.subtitle] if doc.subtitle else [])


def author_lines(doc: Document) -> tuple[list[str], list[str]]:
    """A byline as the page printed it: essay authors under the title (□…), signatures at the end."""
    top, end = [], []
    for part in (doc.byline or "").split("；") if doc.byline else []:
        if part.startswith("全媒体记者"):
            end.append(part)
        elif part.startswith("执笔") or re.search(r"文/图|摄", part) or len(part) <= 4:
            end.append(f"（{part}）")
        else:
            top.append(f"□{part}")
    return top, end


def body_lines(doc: Document, width: int) -> list[str]:
    out: list[str] = []
    first = True
    for block in doc.blocks:
        text = block.text
        if first and doc.dateline and block.kind == "paragraph":
            text, first = doc.dateline + text, False
        out += (wrap(text, width) if block.kind == "paragraph" else [text]) + [""]
    return out


def variant_text(result: SourceResult, width: int, layout: str) -> str:
    docs = list(result.documents)
    if layout == "reordered":
        docs.reverse()
    lines: list[str] = []
    heads: list[str] = []
    for doc in docs:
        top, end = author_lines(doc)
        head = headline_lines(doc) + top
        if layout in ("above", "reordered"):
            lines += [*head, ""] if head else []
        elif head:
            heads += [*head, ""]
        lines += body_lines(doc, width) + ([*end, ""] if end else [])
    if layout == "block-after":
        lines += ["", *heads]
    elif layout == "block-before":
        lines = [*heads, "", *lines]
    return "\n".join(lines) + "\n"


def letters(text: str) -> str:
    return re.sub(r"\s", "", text)


@dataclass(frozen=True)
class Measure:
    articles: int
    boundaries_right: int
    titles_right: int
    flagged: int
    wrong_unflagged: list[str]


def measure(original: SourceResult, variant: SourceResult) -> Measure:
    by_body = {letters(d.body_text()): d for d in variant.documents}
    right = titles = flagged = 0
    wrong: list[str] = []
    for doc in original.documents:
        got = by_body.get(letters(doc.body_text()))
        if got is None:
            continue
        right += 1
        if (got.title, got.kicker, got.subtitle) == (doc.title, doc.kicker, doc.subtitle) and not got.title_derived and not doc.title_derived:
            titles += 1
        elif got.title_derived or "title" in got.uncertain:
            flagged += 1
        elif doc.title_derived and got.title == doc.title:
            flagged += 0  # unreachable: a derived title is flagged
        else:
            wrong.append(f"{got.title!r} for {doc.title!r}")
    for got in variant.documents:
        if letters(got.body_text()) not in {letters(d.body_text()) for d in original.documents} and not (got.title_derived or got.uncertain):
            wrong.append(f"article with a wrong boundary and no flag: {got.title!r} (lines {got.line_start}–{got.line_end})")
    return Measure(len(original.documents), right, titles, flagged, wrong)


def write_variant(tmp_path: Path, real_corpus: Path, page: str, width: int, layout: str) -> tuple[SourceResult, SourceResult]:
    _, original = parsed(real_corpus, PAGES[page])
    folder = tmp_path / "corpus"
    folder.mkdir()
    name = f"{page}_w{width}_{layout}.txt"
    (folder / name).write_text(variant_text(original, width, layout), encoding="utf-8")
    (folder / "corpus.yml").write_text(
        "publications:\n  lzrb:\n    name: 柳州日报\n    kind: newspaper\n"
        f"sources:\n  - file: {name}\n    publication: lzrb\n    date: 2024-10-12\n    page: 1\n", encoding="utf-8")
    return original, parsed(folder, name)[1]


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("page", sorted(PAGES))
def test_variant_keeps_articles_and_titles(tmp_path, real_corpus, page, width, layout):
    original, variant = write_variant(tmp_path, real_corpus, page, width, layout)
    m = measure(original, variant)
    print(f"{page} w{width} {layout}: {m.articles} articles, {m.boundaries_right} boundaries right, "
          f"{m.titles_right} titles right, {m.flagged} flagged, {len(m.wrong_unflagged)} wrong unflagged")
    assert not m.wrong_unflagged, m.wrong_unflagged
    assert m.boundaries_right == m.articles
    assert m.titles_right + m.flagged == m.articles


@pytest.mark.parametrize("page", sorted(PAGES))
def test_rewrapped_numbers_get_no_space(tmp_path, real_corpus, page):
    """A number or a code cut by a narrow column joins again without a space (5 00万元 → 500万元)."""
    original, variant = write_variant(tmp_path, real_corpus, page, 17, "above")
    before = sum(len(re.findall(r"\d \d|\d [A-Za-z]|[A-Za-z] \d", d.body_text())) for d in original.documents)
    after = sum(len(re.findall(r"\d \d|\d [A-Za-z]|[A-Za-z] \d", d.body_text())) for d in variant.documents)
    assert after <= before


# --- a fictional page with another paper's furniture (committed: tests/cases/newspaper_furniture) ---

FURNITURE = Path(__file__).parent / "cases" / "newspaper_furniture"


def test_another_papers_furniture():
    """Banner in doubled glyphs, wire story, two-line photo credit, a feature with subheads and
    its 副题 printed before its 主题, a 本报讯 story with its headline below it."""
    from test_newspaper import check_page_invariants
    source, result = parsed(FURNITURE, "yzrb-2025-03-06-01.txt")
    check_page_invariants(source, result)
    got = [(d.title, d.subtitle, d.byline, d.dateline, [b.text for b in d.blocks if b.kind == "heading"]) for d in result.documents]
    assert got == [
        ("全国春季农业生产工作会议召开", None, None, "新华社北京3月5日电（记者 韩明）", []),
        ("云江大桥主体合龙", None, "全媒体记者 蒋晓 摄", None, []),
        ("老街焕新颜", "——云州老城区改造纪实", "全媒体记者 苏雯", None, ["巷子变宽了", "老邻居回来了"]),
        ("市图书馆少儿阅览室重新开放", None, None, "本报讯（通讯员 廖群）", []),
    ]
    assert result.page.furniture == ("奋进新征程",)  # the banner: page furniture, never a title
    assert not any(d.uncertain for d in result.documents)
