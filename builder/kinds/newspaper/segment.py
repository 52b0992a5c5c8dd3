"""Newspaper page → structure: paragraphs re-joined, doubled text repaired, article bodies,
and the headline runs, captions and furniture standing between them (issue #4).

Extraction (``builder.extract.newspaper``) then decides which headline belongs to which
article; this stage only says where things are and what shape they have.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...model import Diagnostic, Line, Removal, Source
from .articles import ArticleBody, HeadlineRun, layout
from .paragraphs import line_units
from .units import PageUnit

__all__ = ["ArticleBody", "HeadlineRun", "PageSegments", "PageUnit", "segment_newspaper"]


@dataclass(frozen=True)
class PageSegments:
    """A page cut into article bodies and what lies between them, with the repairs made."""

    articles: tuple[ArticleBody, ...]
    headlines: tuple[HeadlineRun, ...] = ()
    captions: tuple[PageUnit, ...] = ()  # printed apart from any article
    furniture: tuple[PageUnit, ...] = ()
    stray: tuple[PageUnit, ...] = ()
    removals: tuple[Removal, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()


def is_banner(run: HeadlineRun, first_body: int, furniture_at: set[int]) -> bool:
    """A headline run at the very top (before the first body, unit ``first_body``), directly
    above page furniture (at the units ``furniture_at``), is the page's banner.

    (A theory page opens with a standing line such as its series motto, then its mail box.)
    """
    return run.author is None and run.seq < first_body and bool(run.units) and run.units[-1].seq + 1 in furniture_at


def segment_newspaper(source: Source, lines: tuple[Line, ...]) -> PageSegments:
    """Cut one normalized newspaper page into its structure."""
    units, removals = line_units(lines, source.file)
    page = layout(units)
    # the first body and the furniture found once, not per run (that was quadratic)
    first_body = min((a.seq for a in page.articles), default=10**9)
    furniture_at = {f.seq for f in page.furniture}
    banners = [r for r in page.headlines if is_banner(r, first_body, furniture_at)]
    furniture = sorted([*page.furniture, *(u for r in banners for u in r.units)], key=lambda u: u.seq)
    diagnostics = [
        Diagnostic("warning", "newspaper-stray", f"{u.kind} with no article to belong to: {u.text}", str(source.path), u.line)
        for u in page.stray
    ]
    return PageSegments(
        articles=page.articles,
        headlines=tuple(r for r in page.headlines if r not in banners),
        captions=page.captions,
        furniture=tuple(furniture),
        stray=page.stray,
        removals=tuple(removals),
        diagnostics=tuple(diagnostics),
    )
