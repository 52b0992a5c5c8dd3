"""The pieces a newspaper page is cut into before articles are formed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ...model import Line

PageUnitKind = Literal["paragraph", "headline", "subtitle", "heading", "caption", "byline", "author", "jump", "furniture"]


@dataclass(frozen=True)
class PageUnit:
    """One block of a page: a re-joined paragraph, a run of headline lines, a byline …

    ``lines`` are the source lines it came from (for headlines, each line is one candidate
    headline part); ``text`` is the cleaned text; ``gap_before`` counts blank lines above.
    """

    kind: PageUnitKind
    text: str
    lines: tuple[Line, ...]
    gap_before: int = 0
    seq: int = 0  # place in the page's reading order

    @property
    def line(self) -> int:
        return self.lines[0].no if self.lines else 0

    @property
    def line_end(self) -> int:
        return self.lines[-1].no if self.lines else 0
