"""Normalize stage: pure ``str -> str`` rules applied to every line, in an explicit order.

Rules here never delete content: they change how a character is written (a Kangxi radical
for the ordinary character, ``<sup>2</sup>`` for ², a full-width digit for an ASCII one).
Anything that removes text belongs to a later stage, where it goes through the removal log.
"""

from __future__ import annotations

from ..model import Line, Source
from .rules import RULES, normalize_text

__all__ = ["RULES", "normalize_text", "normalize_source"]


def normalize_source(source: Source) -> tuple[Line, ...]:
    """Split a source into numbered lines (1-based, as an editor shows them) and normalize each."""
    return tuple(Line(no, normalize_text(text)) for no, text in enumerate(source.text.split("\n"), start=1))
