"""Newspaper page → article chunks. (First level; issue #4 makes it exact.)"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Line, Source


@dataclass(frozen=True)
class PageSegments:
    articles: tuple[tuple[Line, ...], ...]


def segment_newspaper(source: Source, lines: tuple[Line, ...]) -> PageSegments:
    body = tuple(l for l in lines if l.text.strip())
    return PageSegments(articles=(body,) if body else ())
