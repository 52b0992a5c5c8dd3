"""What the render stage asks of a renderer: the little Markdown beyond CommonMark it needs.

A renderer adapter (``builder/renderers/<name>/``) supplies one; the render stage never
knows which renderer it writes for.
"""

from __future__ import annotations

from typing import Protocol


class Dialect(Protocol):
    def link(self, from_path: str, to_path: str) -> str:
        """The link target, in ``from_path``'s page, of the content page ``to_path``."""
        ...

    def heading_id(self, anchor: str) -> str:
        """What follows a heading's text to give the heading the id ``anchor``."""
        ...
