"""The Markdown MkDocs reads beyond CommonMark, as the render stage asks for it."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass


@dataclass(frozen=True)
class MkDocsDialect:
    def link(self, from_path: str, to_path: str) -> str:
        """A relative link to the other page's ``.md`` file: MkDocs (``use_directory_urls:
        false``) rewrites it to ``index.html``, so the site works from ``file://``, and
        ``--strict`` fails on a link to a page that does not exist.

        >>> DIALECT.link("lzgb/2024/10/index.md", "lzgb/2024/10/liuzhengban-2022-59/index.md")
        'liuzhengban-2022-59/index.md'
        >>> DIALECT.link("lzgb/2024/10/liuzhengban-2022-59/index.md", "issuer/x/index.md")
        '../../../../issuer/x/index.md'
        """
        return posixpath.relpath(to_path, posixpath.dirname(from_path) or ".")

    def heading_id(self, anchor: str) -> str:
        """attr_list's id after the heading text.

        >>> "## 一、总则" + DIALECT.heading_id("b1")
        '## 一、总则 {#b1}'
        """
        return f" {{#{anchor}}}"


DIALECT = MkDocsDialect()
