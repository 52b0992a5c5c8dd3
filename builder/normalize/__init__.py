"""Normalize stage: pure ``str -> str`` rules applied to every line, in an explicit order.

Rules here never delete content: they change how a character is written (a Kangxi radical
for the ordinary character, ``<sup>2</sup>`` for ², a full-width digit for an ASCII one).
The one exception, control characters (NUL, ESC, C1), carry no text: what they remove goes
through the removal log here. Anything else that removes text belongs to a later stage.
"""

from __future__ import annotations

from ..model import Line, Removal, Source
from .rules import CONTROL, RULES, normalize_text

__all__ = ["RULES", "normalize_source", "normalize_source_logged", "normalize_text"]


def normalize_source(source: Source) -> tuple[Line, ...]:
    """Split a source into numbered lines (1-based, as an editor shows them) and normalize each."""
    return normalize_source_logged(source)[0]


def normalize_source_logged(source: Source) -> tuple[tuple[Line, ...], tuple[Removal, ...]]:
    """:func:`normalize_source` and the removals of control characters, one per line that had any."""
    lines, removals = [], []
    for no, text in enumerate(source.text.split("\n"), start=1):
        if (controls := CONTROL.findall(text)):
            removals.append(Removal(source=source.file, line=no, text="".join(controls), reason="control-character"))
        lines.append(Line(no, normalize_text(text)))
    return tuple(lines), tuple(removals)
