"""Units of a page → article bodies, headline runs, floating captions and page furniture.

An article starts where the page gives evidence for it: a 电头, a jump line 上接, the end of
a signature or jump line above it, a headline run above it (unless the run is a subhead of a
feature that goes on with the same words), or a change of vocabulary (``topic_shifts``) that a
headline or caption confirms by matching one side and not the other; a vocabulary change alone
never cuts. Each body records what opened it, which extraction turns into a confidence.
Headline runs are kept apart (with the author line of an essay, ``□…课题组``), to be assigned
to articles by what they share with them, wherever the page put them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .headlines import MIN_SCORE, Weights, ngrams, rarity_weights, score
from .lines import dateline_of, is_photo_credit
from .topic_shifts import cohesion, rarity, topic_boundaries, window
from .units import PageUnit

#: What opened an article body (see ``ArticleBody.opened_by``).
OPENERS = ("page-start", "dateline", "continued", "closed", "headline", "topic")
#: A vocabulary change is a boundary only when a headline or caption scores this many times
#: more on one side than on the other.
EVIDENCE_RATIO = 3.0
#: A short headline-shaped run between two bodies is a feature's subhead when the text on its
#: two sides is at least this cohesive (``topic_shifts.cohesion``), or at least the lower figure
#: when the feature's own headline also matches the text below the subhead …
SUBHEAD_COHESION, SUBHEAD_COHESION_WITH_TITLE = 0.12, 0.06
#: … and it is at most this many lines of at most this many characters.
SUBHEAD_LINES, SUBHEAD_CHARS = 2, 20

BODY_KINDS = {"paragraph", "heading", "caption", "byline", "jump"}


@dataclass(frozen=True)
class HeadlineRun:
    """Consecutive headline lines (and subtitles) with the essay author line printed with them."""

    units: tuple[PageUnit, ...]
    author: PageUnit | None = None

    @property
    def seq(self) -> int:
        return self.units[0].seq if self.units else (self.author.seq if self.author else 0)


@dataclass(frozen=True)
class ArticleBody:
    """The units of one article's body, in reading order (captions and signatures included)."""

    units: tuple[PageUnit, ...]
    opened_by: str = "page-start"  # one of OPENERS: the evidence for the boundary above it

    @property
    def seq(self) -> int:
        return self.units[0].seq

    @property
    def seq_end(self) -> int:
        return self.units[-1].seq

    def paragraphs(self) -> tuple[PageUnit, ...]:
        return tuple(u for u in self.units if u.kind == "paragraph")


@dataclass(frozen=True)
class PageLayout:
    articles: tuple[ArticleBody, ...]
    headlines: tuple[HeadlineRun, ...]
    captions: tuple[PageUnit, ...]  # photo captions, wherever printed
    furniture: tuple[PageUnit, ...]
    stray: tuple[PageUnit, ...] = ()  # signatures or jump lines with no article to belong to


def opens_article(unit: PageUnit) -> bool:
    """A paragraph that starts with a 电头, or a jump line saying it continues another page.

    >>> from builder.model import Line
    >>> opens_article(PageUnit("paragraph", "【柳州讯】近日", (Line(1, ""),)))
    True
    """
    if unit.kind == "jump":
        return "上接" in unit.text or "接第" in unit.text
    return unit.kind == "paragraph" and dateline_of(unit.text) is not None


def closes_article(unit: PageUnit) -> bool:
    """A signature or a 下转 jump line is the last thing of an article on this page.

    >>> from builder.model import Line
    >>> closes_article(PageUnit("byline", "（韦柳钰）", (Line(1, ""),))), closes_article(PageUnit("jump", "（上接一版）", (Line(1, ""),)))
    (True, False)

    A photographer's credit signs a picture inside the article, not its end.
    """
    if unit.kind == "byline":
        return not is_photo_credit(unit.text)
    return unit.kind == "jump" and not opens_article(unit)


def layout(units: list[PageUnit]) -> PageLayout:
    """Cut the page's units into article bodies and the pieces that stand between them."""
    articles: list[ArticleBody] = []
    runs: list[HeadlineRun] = []
    captions: list[PageUnit] = []
    furniture: list[PageUnit] = []
    stray: list[PageUnit] = []
    body: list[PageUnit] | None = None
    run: list[PageUnit] = []
    run_open = False  # the last unit that is not furniture belongs to a headline run
    opener = "page-start"  # the evidence for the start of the next body

    def close_body(next_opener: str) -> None:
        nonlocal body, opener
        if body:
            articles.append(ArticleBody(tuple(body), opener))
            opener = next_opener
        body = None

    def close_run(author: PageUnit | None = None) -> None:
        nonlocal run, run_open
        if run or author:
            runs.append(HeadlineRun(tuple(run), author))
        run, run_open = [], False

    for unit in units:
        if unit.kind == "furniture":
            # furniture between two headline lines means they belong to different things
            close_run()
            furniture.append(unit)
        elif unit.kind in ("headline", "subtitle"):
            close_body("headline")
            run.append(unit)
            run_open = True
        elif unit.kind == "author":
            if run_open or body is None:
                close_run(unit)
            else:
                # an author line under a body is the essay's signature
                body.append(unit)
                close_body("closed")
        else:
            if run_open:
                close_run()
            if unit.kind == "caption":
                # a photo may sit beside any article of the page: extraction decides by content
                captions.append(unit)
            elif unit.kind in ("byline", "jump") and body is None and not opens_article(unit):
                (_append_last(articles, unit) if articles and unit.kind == "byline" else stray.append(unit))
            else:
                if body is not None and opens_article(unit) and any(u.kind == "paragraph" for u in body):
                    close_body(opener)
                if body is None and opens_article(unit):
                    opener = "continued" if unit.kind == "jump" else "dateline"
                body = body if body is not None else []
                body.append(unit)
                if closes_article(unit):
                    close_body("closed")
    close_body(opener)
    close_run()
    articles, runs = merge_subheads(articles, runs)
    evidence = [text for r in runs for text in run_lines(r)] + [c.text for c in captions]
    split = split_by_topic(articles, evidence)
    return PageLayout(tuple(split), tuple(runs), tuple(captions), tuple(furniture), tuple(stray))


def _append_last(articles: list[ArticleBody], unit: PageUnit) -> None:
    articles[-1] = replace(articles[-1], units=(*articles[-1].units, unit))


def run_lines(run: HeadlineRun) -> list[str]:
    """Each line a headline run prints, and the essay author (a run may hold several headlines)."""
    return [l.text.strip() for u in run.units for l in u.lines if l.text.strip()] + ([run.author.text] if run.author else [])


def is_subhead(run: HeadlineRun, above: ArticleBody, below: ArticleBody, weight: dict[str, float],
               title: HeadlineRun | None = None, title_weight: Weights | None = None) -> bool:
    """A short headline line inside a feature: the body goes on below it with the same words.

    A run with an author or a 副题, a body above that ended with a signature, or a body below
    that opens with a 电头 is a real headline.
    """
    lines = [l for u in run.units for l in u.lines]
    if run.author or any(u.kind == "subtitle" for u in run.units) or below.opened_by != "headline":
        return False
    if above.units[-1].kind in ("byline", "jump", "author") or len(lines) > SUBHEAD_LINES:
        return False
    if any(len(l.text.strip()) > SUBHEAD_CHARS for l in lines):
        return False
    left = window([p.text for p in above.paragraphs()], len(above.paragraphs()) - 1, -1)
    right = window([p.text for p in below.paragraphs()], 0, 1)
    level = cohesion(left, right, weight)
    if level >= SUBHEAD_COHESION:
        return True
    if title is None or level < SUBHEAD_COHESION_WITH_TITLE:
        return False
    grams = ngrams(right)
    return any(score(line, grams, title_weight or Weights()) >= MIN_SCORE for line in run_lines(title))


def merge_subheads(articles: list[ArticleBody], runs: list[HeadlineRun]) -> tuple[list[ArticleBody], list[HeadlineRun]]:
    """Put a feature's subheads back inside it (as headings) and join the parts they cut."""
    paragraphs = [p.text for a in articles for p in a.paragraphs()]
    weight, title_weight = rarity(paragraphs), rarity_weights(paragraphs)
    kept: list[HeadlineRun] = []
    by_start = {a.seq: a for a in articles}
    # looked up by key, not searched: a search of the earlier articles or runs per run was
    # quadratic in the page's length
    pending = {a.seq: a for a in articles}  # in page order; a join keeps the upper article's place
    by_end = {a.seq_end: a for a in articles}
    kept_by_end: dict[int, HeadlineRun] = {}  # the last kept run ending at a unit
    for run in runs:
        end = max(u.seq for u in run.units) if run.units else run.seq
        above = by_end.get(run.seq - 1)
        below = by_start.get(end + 1)
        title = kept_by_end.get(above.seq - 1) if above else None
        if run.units and above and below and is_subhead(run, above, below, weight, title, title_weight):
            heads = tuple(replace(u, kind="heading") for u in run.units)
            joined = ArticleBody((*above.units, *heads, *below.units), above.opened_by)
            pending[above.seq] = joined
            del pending[below.seq], by_end[above.seq_end]
            by_end[joined.seq_end] = joined
            by_start[joined.seq] = joined
            continue
        kept.append(run)
        if run.units:
            kept_by_end[max(u.seq for u in run.units)] = run
    return list(pending.values()), kept


def evidence_for_cut(left: str, right: str, evidence: list[str]) -> bool:
    """A headline or caption of the page matches one side of a vocabulary change and not the other.

    >>> evidence_for_cut("港口货轮码头集装箱", "钢铁产业绿色低碳", ["港口码头"])
    True
    >>> evidence_for_cut("港口货轮码头集装箱", "货轮码头港口集装箱", ["港口码头"])
    False
    """
    weight = rarity_weights([left, right, *evidence])
    sides = (ngrams(left), ngrams(right))
    for text in evidence:
        a, b = (score(text, g, weight) for g in sides)
        if max(a, b) >= MIN_SCORE and max(a, b) >= EVIDENCE_RATIO * min(a, b):
            return True
    return False


def split_by_topic(articles: list[ArticleBody], evidence: list[str]) -> list[ArticleBody]:
    """Split bodies where the vocabulary changes and a headline or caption confirms it."""
    weight = rarity([p.text for a in articles for p in a.paragraphs()])
    out: list[ArticleBody] = []
    for article in articles:
        paragraphs = article.paragraphs()
        candidates = topic_boundaries([p.text for p in paragraphs], weight)
        bounds = [0, *candidates, len(paragraphs)]
        cuts: set[int] = set()
        start = 0
        for k in range(1, len(bounds) - 1):
            left = "\n".join(p.text for p in paragraphs[start:bounds[k]])
            right = "\n".join(p.text for p in paragraphs[bounds[k]:bounds[k + 1]])
            if evidence_for_cut(left, right, evidence):
                cuts.add(paragraphs[bounds[k]].seq)
                start = bounds[k]
        part: list[PageUnit] = []
        opened = article.opened_by
        for unit in article.units:
            if unit.seq in cuts and part:
                out.append(ArticleBody(tuple(part), opened))
                part, opened = [], "topic"
            part.append(unit)
        out.append(ArticleBody(tuple(part), opened))
    return out
