"""Renderer adapters: what turns the content folder into a site.

The render stage writes plain Markdown with YAML front matter; the little it must know of a
renderer's dialect it asks a ``render.dialect.Dialect``, which the adapter supplies.
Everything else a renderer needs (its configuration, navigation, template hooks,
development server) lives in that renderer's package: ``mkdocs/`` today.
"""

from __future__ import annotations


class RendererError(Exception):
    """The renderer refused the content (a broken link, a bad configuration)."""
