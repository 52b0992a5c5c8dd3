"""Render stage: the archive as Markdown pages with YAML front matter (renderer-independent)."""
