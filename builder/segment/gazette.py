"""Gazette issue → front matter + document chunks. (First level; issue #3 makes it exact.)"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Line, Source

DATE_NUMBER_LINE = re.compile(r"^\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s+\S+\s*[〔\[［【（(]\s*\d{4}")


@dataclass(frozen=True)
class GazetteSegments:
    front: tuple[Line, ...]
    documents: tuple[tuple[Line, ...], ...]


def _next_text(lines: tuple[Line, ...], i: int) -> Line | None:
    for line in lines[i + 1 :]:
        if line.text.strip():
            return line
    return None


def segment_gazette(source: Source, lines: tuple[Line, ...]) -> GazetteSegments:
    starts = [i for i, line in enumerate(lines) if line.text.strip() and (n := _next_text(lines, i)) and DATE_NUMBER_LINE.match(n.text)]
    if not starts:
        return GazetteSegments(front=lines, documents=())
    bounds = [*starts, len(lines)]
    return GazetteSegments(front=lines[: starts[0]], documents=tuple(lines[a:b] for a, b in zip(bounds, bounds[1:])))
