"""Units of a page → article bodies, headline runs, floating captions and page furniture.

An article starts at a 电头, after a headline run, after a signature, or where the
vocabulary changes (``newspaper_topics``); it ends where the next one starts. Headline runs
are kept apart (with the author line of an essay, ``□…课题组``), to be assigned to articles
by what they share with them, wherever the page put them.
"""

from __future__ import annotations

from dataclasses import dataclass

from .lines import dateline_of
from .topic_shifts import rarity, topic_boundaries
from .units import PageUnit

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
    """
    return unit.kind == "byline" or (unit.kind == "jump" and not opens_article(unit))


def layout(units: list[PageUnit]) -> PageLayout:
    """Cut the page's units into article bodies and the pieces that stand between them."""
    articles: list[list[PageUnit]] = []
    runs: list[HeadlineRun] = []
    captions: list[PageUnit] = []
    furniture: list[PageUnit] = []
    stray: list[PageUnit] = []
    body: list[PageUnit] | None = None
    run: list[PageUnit] = []
    run_open = False  # the last unit that is not furniture belongs to a headline run

    def close_body() -> None:
        nonlocal body
        if body:
            articles.append(body)
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
            close_body()
            run.append(unit)
            run_open = True
        elif unit.kind == "author":
            if run_open or body is None:
                close_run(unit)
            else:
                # an author line under a body is the essay's signature
                body.append(unit)
                close_body()
        else:
            if run_open:
                close_run()
            if unit.kind == "caption":
                # a photo may sit beside any article of the page: extraction decides by content
                captions.append(unit)
            elif unit.kind in ("byline", "jump") and body is None and not opens_article(unit):
                (articles[-1].append(unit) if articles and unit.kind == "byline" else stray.append(unit))
            else:
                if body is not None and opens_article(unit) and any(u.kind == "paragraph" for u in body):
                    close_body()
                body = body if body is not None else []
                body.append(unit)
                if closes_article(unit):
                    close_body()
    close_body()
    close_run()
    split = split_by_topic([ArticleBody(tuple(a)) for a in articles])
    return PageLayout(tuple(split), tuple(runs), tuple(captions), tuple(furniture), tuple(stray))


def split_by_topic(articles: list[ArticleBody]) -> list[ArticleBody]:
    """Split bodies where the vocabulary changes and no marker was printed."""
    weight = rarity([p.text for a in articles for p in a.paragraphs()])
    out: list[ArticleBody] = []
    for article in articles:
        paragraphs = article.paragraphs()
        cuts = {paragraphs[i].seq for i in topic_boundaries([p.text for p in paragraphs], weight)}
        part: list[PageUnit] = []
        for unit in article.units:
            if unit.seq in cuts and part:
                out.append(ArticleBody(tuple(part)))
                part = []
            part.append(unit)
        out.append(ArticleBody(tuple(part)))
    return out
