"""Newspaper page structure → articles with their metadata (issue #4).

Headlines are given to articles by what they share (``headlines``); the 电头, signatures,
captions and jump lines become metadata; everything moved out of the text flow is logged
as a Removal with its source line, so the conservation audit can account for it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from ...model import Block, Diagnostic, Document, NewspaperPage, Removal, Source, SourceResult
from ..identity import article_id, newspaper_page_id
from .headlines import (
    ADJACENT_TIE_BREAK,
    CLEAR_CONFIDENCE,
    MIN_SCORE,
    SURE_CONFIDENCE,
    HeadlineGroup,
    Part,
    Roles,
    Weights,
    assign_by_evidence,
    best,
    group_parts,
    headline_roles,
    letters,
    letters_keep_sentences,
    ngrams,
    score,
    scores,
    split_glued,
    strip_stray_glyph,
    weights_of,
)
from .lines import dateline_of
from .paragraphs import collapse_spaced_runs
from .segment import ArticleBody, HeadlineRun, PageSegments, PageUnit

#: A title derived from the first sentence is cut to about this many characters.
DERIVED_TITLE_LENGTH = 30
#: How sure a boundary is, by the evidence that opened the article (``ArticleBody.opened_by``).
BOUNDARY_CONFIDENCE = {"page-start": 1.0, "dateline": 0.95, "continued": 0.95, "closed": 0.9, "headline": 0.8, "topic": 0.7}
#: A headline part after a blank line is its own group when it scores below this share of the
#: part above for that part's article (two headlines of a block, glued by a shared word).
WEAK_TAIL = 0.25
WEAK_TAIL_LETTERS = 10
#: A signature printed in one of the formulas (brackets, 记者 …, □ author line).
BYLINE_CONFIDENCE = 0.9
#: An inferred field below this confidence is listed in ``Document.uncertain``.
UNCERTAIN_BELOW = SURE_CONFIDENCE
#: A page with up to this many articles matches every headline and caption against every
#: article (every printed page does: a broadsheet holds a few dozen at most) …
WHOLE_PAGE_ARTICLES = 48
#: … a longer text (pages concatenated, a whole day in one file) only against this many
#: articles either side of where it is printed, so time grows linearly with its length.
NEAR_ARTICLES = 24


@dataclass(frozen=True)
class ArticleText:
    """One article body read for metadata: its dateline and the text used for matching."""

    article: ArticleBody
    dateline: str | None
    text: str


def read_body(article: ArticleBody) -> ArticleText:
    """The 电头 of the first paragraph and the whole text of the body."""
    paragraphs = article.paragraphs()
    dateline = dateline_of(paragraphs[0].text) if paragraphs else None
    return ArticleText(article, dateline, "\n".join(u.text for u in article.units))


def derive_title(text: str) -> str:
    """A title for an article the page prints none for: its first sentence, shortened.

    >>> derive_title("坚定向海图强，柳州向蔚蓝看未来。而达成…")
    '坚定向海图强，柳州向蔚蓝看未来'
    >>> derive_title("日前，柳工装载机单月海外销量超 1000 台，电动装载机单月第600台也同时下线，这是里程碑。")
    '日前，柳工装载机单月海外销量超 1000 台…'

    A shortened sentence ends in an ellipsis, so nobody reads it as the whole.
    """
    sentence = re.split(r"[。！？]", text, maxsplit=1)[0].strip()
    if len(sentence) <= DERIVED_TITLE_LENGTH:
        return sentence
    clauses = re.split(r"(?<=，)", sentence)
    title = ""
    for clause in clauses:
        if len(title) + len(clause) > DERIVED_TITLE_LENGTH and len(title) >= 8:
            break
        title += clause
    title = title.rstrip("，")
    return (title if len(title) <= DERIVED_TITLE_LENGTH + 10 else title[:DERIVED_TITLE_LENGTH]) + "…"


def strip_brackets(byline: str) -> str:
    """A signature without its printed brackets or author mark.

    >>> strip_brackets("（荣瑶 文/图）"), strip_brackets("□《对策研究》课题组")
    ('荣瑶 文/图', '《对策研究》课题组')
    """
    byline = byline.strip().lstrip("□■◎").strip()
    m = re.fullmatch(r"（(.*)）", byline)
    return m.group(1) if m else byline


def jump_target(jump: str) -> str:
    """The page a jump line points to.

    >>> jump_target("（下转二版）"), jump_target("（上接第一版）")
    ('二版', '第一版')
    """
    return re.sub(r"^（?(?:下转|上接|转|接)", "", jump.strip()).rstrip("）")


def run_parts(run: HeadlineRun) -> list[Part]:
    """The headline lines of a run as parts (spaced-out lettering collapsed)."""
    parts = []
    for unit in run.units:
        if unit.kind == "subtitle":
            parts.append(Part(unit.text.strip(), unit.line, subtitle=True))
        else:
            parts += [Part(collapse_spaced_runs(l.text.strip()), l.no) for l in unit.lines if l.text.strip()]
    return parts


@dataclass(frozen=True)
class PlacedGroup:
    """A headline group with the run it was printed in and whether it opens or closes that run."""

    group: HeadlineGroup
    run: HeadlineRun
    first: bool
    last: bool


@dataclass(frozen=True)
class Positions:
    """Where the articles of a page start and end (unit sequence numbers, in page order)."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]

    @classmethod
    def of(cls, bodies: Sequence[ArticleText]) -> Positions:
        return cls(tuple(b.article.seq for b in bodies), tuple(b.article.seq_end for b in bodies))

    def near(self, seq: int) -> range:
        """The articles a headline or caption printed at ``seq`` is matched against: all of
        them on a page of ``WHOLE_PAGE_ARTICLES`` or fewer, else ``NEAR_ARTICLES`` either side.

        >>> Positions((1, 5), (4, 9)).near(7)
        range(0, 2)
        >>> Positions(tuple(range(0, 200, 2)), tuple(range(1, 200, 2))).near(100)
        range(26, 74)
        """
        n = len(self.starts)
        if n <= WHOLE_PAGE_ARTICLES:
            return range(n)
        at = bisect_left(self.starts, seq)
        return range(max(0, at - NEAR_ARTICLES), min(n, at + NEAR_ARTICLES))

    def after(self, seq: int) -> int | None:
        """The first article that starts after ``seq``."""
        at = bisect_right(self.starts, seq)
        return at if at < len(self.starts) else None

    def before(self, seq: int) -> int | None:
        """The last article that ends before ``seq``."""
        at = bisect_left(self.ends, seq)
        return at - 1 if at else None


def headline_groups(runs: Sequence[HeadlineRun], grams: Sequence[set[str]], kept: Sequence[str], weight: Weights,
                    pos: Positions) -> list[PlacedGroup]:
    """Every run cut into groups (one per article), each with its run; ``kept`` are the bodies
    through ``letters_keep_sentences``."""
    out: list[PlacedGroup] = []
    for run in runs:
        window = pos.near(run.seq)
        near_grams, near_kept = [grams[i] for i in window], [kept[i] for i in window]
        known: dict[str, int | None] = {}  # the labels of this run's lines (against its window)
        parts = split_glued(run_parts(run), near_grams, weight, known)
        groups = group_parts(parts, near_grams, near_kept, weight, known) if parts else []
        for i, group in enumerate(groups):
            last = i == len(groups) - 1
            author = run.author if last else None
            out.append(PlacedGroup(HeadlineGroup(group, author.text if author else None, author.line if author else 0), run, i == 0, last))
        if not groups and run.author:
            out.append(PlacedGroup(HeadlineGroup((), run.author.text, run.author.line), run, True, True))
    return out


def group_scores(placed: PlacedGroup, pos: Positions, grams: Sequence[set[str]],
                 weight: Weights, captions: CaptionsAt) -> list[float] | dict[int, float]:
    """How well a headline group fits each article: the rarity-weighted n-grams its words (with
    its author line and the photo captions printed right beside it) share with the body.
    Position only breaks ties. On a very long text only the articles ``near`` it are scored
    (a dict: the others score 0)."""
    group, run = placed.group, placed.run
    beside = captions_beside(run, captions, placed.first, placed.last)
    text = " ".join(p.text for p in group.parts) + " " + (group.author or "") + " " + beside
    after, before = pos.after(run.seq), pos.before(run.seq)
    window = pos.near(run.seq)
    row = scores(text, [grams[i] for i in window], weight)
    cells = {i: v + (ADJACENT_TIE_BREAK if i in (after, before) else 0.0) for i, v in zip(window, row, strict=True)}
    return list(cells.values()) if len(window) == len(grams) else cells


def split_for_bare_articles(groups: list[PlacedGroup], chosen: Sequence[tuple[int | None, float]], pos: Positions,
                            grams: Sequence[set[str]], weight: Weights, captions: CaptionsAt) -> list[PlacedGroup] | None:
    """Cut a headline group in two at a blank line when its second half is the headline of an
    article that got none: two headlines of one block glued because both share words with one body.

    Returns the new groups, or None when no group needs cutting.
    """
    bare = set(range(len(grams))) - {a for a, _ in chosen if a is not None}
    out: list[PlacedGroup] = []
    changed = False
    for placed, (article, _) in zip(groups, chosen, strict=True):
        parts = placed.group.parts
        window = pos.near(placed.run.seq)
        cut = next((i for i in range(1, len(parts)) if parts[i].line - parts[i - 1].line > 1 and not parts[i].subtitle
                    and article is not None and (_fits_bare(parts[i:], article, bare, grams, weight, window)
                                                 or _weak_tail(parts[:i], parts[i:], article, grams, weight))), None)
        if cut is None:
            out.append(placed)
            continue
        changed = True
        head, tail = HeadlineGroup(parts[:cut]), HeadlineGroup(parts[cut:], placed.group.author, placed.group.author_line)
        out += [PlacedGroup(head, placed.run, placed.first, False), PlacedGroup(tail, placed.run, False, placed.last)]
    return out if changed else None


def _weak_tail(head: Sequence[Part], tail: Sequence[Part], article: int, grams: Sequence[set[str]], weight: Weights) -> bool:
    """The part after the blank line is a headline's length and shares next to nothing with the
    article the part above fits (a short line such as ``柳州1人入选`` is a kicker or a wrap)."""
    text = " ".join(p.text for p in tail)
    own = score(" ".join(p.text for p in head), grams[article], weight)
    return len(letters(text)) >= WEAK_TAIL_LETTERS and score(text, grams[article], weight) < WEAK_TAIL * own


def _fits_bare(parts: Sequence[Part], article: int, bare: set[int], grams: Sequence[set[str]], weight: Weights,
               window: range) -> bool:
    bare = bare if len(window) == len(grams) else {i for i in window if i in bare}
    if not bare:
        return False
    text = " ".join(p.text for p in parts)
    row = dict(zip(window, scores(text, [grams[i] for i in window], weight), strict=True))
    best_bare = max(bare, key=lambda i: (row[i], -i))
    return row[best_bare] >= MIN_SCORE and row[best_bare] >= row[article]


#: The page's floating captions by unit sequence number, each with its place in page order.
CaptionsAt = dict[int, list[tuple[int, str]]]


def captions_at(captions: Sequence[PageUnit]) -> CaptionsAt:
    """The captions by where they are printed: looked up per headline group, not searched (a
    search of every caption per group was quadratic in the page's length)."""
    out: CaptionsAt = {}
    for i, c in enumerate(captions):
        out.setdefault(c.seq, []).append((i, c.text))
    return out


def captions_beside(run: HeadlineRun, captions: CaptionsAt, first: bool, last: bool) -> str:
    """The photo captions printed directly above (for the run's first group) or below (for its last)."""
    top = run.seq
    bottom = max(u.seq for u in (*run.units, *([run.author] if run.author else [])))
    near = (captions.get(top - 1, []) if first else []) + (captions.get(bottom + 1, []) if last else [])
    return " ".join(text for _, text in sorted(near))


def caption_article(caption: PageUnit, pos: Positions, grams: Sequence[set[str]], weight: Weights) -> int:
    """The article a caption printed apart belongs to: the best match, else the one above it."""
    window = pos.near(caption.seq)
    row = scores(caption.text, [grams[i] for i in window], weight)
    if max(row) >= MIN_SCORE:
        return window[best(row)]
    return max(bisect_left(pos.starts, caption.seq) - 1, 0)


def extract_newspaper(source: Source, seg: PageSegments) -> SourceResult:
    """Build the page's articles, its furniture, the removal log and the diagnostics."""
    path = str(source.path)
    page_id = newspaper_page_id(source.publication.slug, source.date, source.page, source.id, source.path.stem)
    ids = [article_id(page_id, i) for i in range(1, len(seg.articles) + 1)]
    bodies = [read_body(a) for a in seg.articles]
    texts = [b.text for b in bodies]
    grams = [ngrams(t) for t in texts]
    weight = weights_of(grams)
    removals = list(seg.removals)
    diagnostics = list(seg.diagnostics)
    furniture = [u.text for u in seg.furniture]
    removals += [Removal(source.file, u.line, u.text, "page-furniture") for u in seg.furniture]

    pos = Positions.of(bodies)
    caption_target = {c.seq: caption_article(c, pos, grams, weight) for c in seg.captions} if bodies else {}
    kept = [letters_keep_sentences(t) for t in texts]
    groups = headline_groups(seg.headlines, grams, kept, weight, pos)
    beside = captions_at(seg.captions)
    matrix = [group_scores(g, pos, grams, weight, beside) for g in groups]
    chosen = assign_by_evidence(matrix, CLEAR_CONFIDENCE) if bodies else [(None, 0.0)] * len(groups)
    split = split_for_bare_articles(groups, chosen, pos, grams, weight, beside)
    if split is not None:
        groups = split
        matrix = [group_scores(g, pos, grams, weight, beside) for g in groups]
        chosen = assign_by_evidence(matrix, CLEAR_CONFIDENCE)
    headline_of: dict[int, tuple[HeadlineGroup, float]] = {}
    for group, (article, confidence) in zip((g.group for g in groups), chosen, strict=True):
        if article is None:
            text = " ".join(p.text for p in group.parts) or (group.author or "")
            furniture.append(text)
            line = group.parts[0].line if group.parts else group.author_line
            removals.append(Removal(source.file, line, text, "headline-unassigned"))
            why = "shares nothing with any article" if confidence == 0.0 else f"fits no article clearly better than the next (confidence {confidence})"
            diagnostics.append(Diagnostic("warning", "headline-unassigned", f"headline {why}, kept as page furniture: {text}", path, line))
            continue
        headline_of[article] = (group, confidence)
        removals += [Removal(source.file, p.line, p.text, "headline", ids[article]) for p in group.parts]
        if group.author:
            removals.append(Removal(source.file, group.author_line, group.author, "byline", ids[article]))

    floating: dict[int, list[PageUnit]] = {}
    for caption in seg.captions:
        if not bodies:
            furniture.append(caption.text)
            continue
        target = caption_target[caption.seq]
        floating.setdefault(target, []).append(caption)
        removals.append(Removal(source.file, caption.line, caption.text, "caption", ids[target]))

    documents = [
        build_article(source, ids[i], i + 1, body, headline_of.get(i, (None, 0.0)), floating.get(i, []), removals, diagnostics)
        for i, body in enumerate(bodies)
    ]
    date = source.date.iso() if source.date else None
    page = NewspaperPage(id=page_id, publication=source.publication.slug, source=source.file, date=date, page=source.page,
                         page_name=source.page_name, furniture=tuple(furniture), documents=tuple(ids))
    return SourceResult(source=source.file, documents=tuple(documents), page=page, removals=tuple(removals), diagnostics=tuple(diagnostics))


def build_article(source: Source, doc_id: str, position: int, body: ArticleText, assigned: tuple[HeadlineGroup | None, float],
                  floating: Sequence[PageUnit], removals: list[Removal], diagnostics: list[Diagnostic]) -> Document:
    """One article: blocks, headline roles, dateline, byline, captions and jump lines, and how
    sure its boundary, headline and byline are."""
    headline, headline_confidence = assigned
    blocks: list[Block] = []
    bylines: list[str] = []
    continues_on = continued_from = None
    dateline_left = body.dateline
    for unit in body.article.units:
        if unit.kind == "paragraph":
            text = unit.text
            if dateline_left and text.lstrip().startswith(dateline_left):
                text = text.lstrip()[len(dateline_left):].lstrip()
                removals.append(Removal(source.file, unit.line, dateline_left, "dateline", doc_id))
                dateline_left = None
            blocks.append(Block("paragraph", text, line=unit.line))
        elif unit.kind == "heading":
            blocks.append(Block("heading", unit.text, level=1, line=unit.line))
        elif unit.kind in ("byline", "author"):
            bylines.append(strip_brackets(unit.text))
            removals.append(Removal(source.file, unit.line_end, unit.text, "byline", doc_id))
        elif unit.kind == "jump":
            removals.append(Removal(source.file, unit.line, unit.text, "jump-line", doc_id))
            if "上接" in unit.text or "接第" in unit.text:
                continued_from = jump_target(unit.text)
            else:
                continues_on = jump_target(unit.text)
    captions = [c.text for c in floating]
    roles = headline_roles(headline.parts, [body.text]) if headline and headline.parts else None
    if headline and headline.author:
        bylines.insert(0, strip_brackets(headline.author))
    if roles and headline and headline.author:
        roles, glyph = _without_stray_glyph(roles, headline.author)
        if glyph:
            removals.append(Removal(source.file, headline.parts[0].line, glyph, "stray-glyph", doc_id, replacement=""))
    title, derived = (roles.title, False) if roles and roles.title else (derive_title(_first_text(blocks)), True)
    if derived:
        diagnostics.append(Diagnostic(
            "info", "title-derived", f"no headline printed for the article starting here; title taken from its first sentence: {title}",
            str(source.path), body.article.units[0].line))
    units = body.article.units
    confidence = (
        ("boundary", BOUNDARY_CONFIDENCE[body.article.opened_by]),
        ("title", 0.0 if derived else headline_confidence),
        *((("byline", BYLINE_CONFIDENCE),) if bylines else ()),
    )
    uncertain = tuple(name for name, value in confidence if value < UNCERTAIN_BELOW)
    for name, value in confidence:
        if value < UNCERTAIN_BELOW and not (name == "title" and derived):
            line = headline.parts[0].line if name == "title" and headline and headline.parts else units[0].line
            what = {"boundary": f"article start found only by {body.article.opened_by} evidence", "title": f"headline assigned with low confidence: {title}",
                    "byline": "byline"}[name]
            diagnostics.append(Diagnostic("warning", f"uncertain-{name}", f"{what} (confidence {value})", str(source.path), line))
    return Document(
        id=doc_id, kind="newspaper_article", publication=source.publication.slug, source=source.file,
        title=title, title_derived=derived, line_start=units[0].line, line_end=max(u.line_end for u in units),
        blocks=tuple(blocks), date=source.date.iso() if source.date else None, position=position,
        page=source.page, page_name=source.page_name,
        kicker=roles.kicker if roles else None, subtitle=roles.subtitle if roles else None,
        dateline=body.dateline, byline="；".join(bylines) or None, captions=tuple(captions),
        continues_on=continues_on, continued_from=continued_from, confidence=confidence, uncertain=uncertain,
    )


def _without_stray_glyph(roles: Roles, author: str) -> tuple[Roles, str]:
    """The headline with a glyph strayed from the author line removed from its first part."""
    if roles.kicker:
        kicker, glyph = strip_stray_glyph(roles.kicker, author)
        return Roles(kicker, roles.title, roles.subtitle), glyph
    title, glyph = strip_stray_glyph(roles.title, author)
    return Roles(None, title, roles.subtitle), glyph


def _first_text(blocks: Sequence[Block]) -> str:
    return next((b.text for b in blocks if b.kind == "paragraph" and b.text), "")


__all__ = ["Roles", "extract_newspaper"]
