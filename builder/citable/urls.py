"""The build's hook into the URL registry: assign registered URLs while gathering, then
emit redirect and tombstone pages and record the URLs first published."""

from __future__ import annotations

import html
import json
import posixpath
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from ..model import Diagnostic, Source, SourceResult
from ..render.markdown import escape
from .identities import corpus_identities, identity_warnings, merge_moves, with_urls
from .lockfile import add_entries, read_registry
from .registry import Assignment, Registry, Withdrawal, assign_urls

LockMode = Literal["write", "read", "frozen"]


@dataclass
class UrlLock:
    """Called by ``pipeline.gather`` with the parsed sources; remembers what it assigned so
    that the build can write redirects, tombstones and (mode ``write``) the new lock lines.

    ``write``: add newly published URLs to ``urls.lock`` after a successful build;
    ``read``: use the lock, write nothing; ``frozen``: any URL not in the lock is an error.
    """

    corpus: Path
    mode: LockMode = "write"
    registry: Registry = field(init=False)
    assignment: Assignment = field(init=False, default_factory=lambda: Assignment({}))
    problems: list[Diagnostic] = field(init=False)

    def __post_init__(self) -> None:
        self.registry, self.problems = read_registry(self.corpus)

    def __call__(self, sources: Sequence[Source], results: list[SourceResult]) -> tuple[list[SourceResult], list[Diagnostic]]:
        identities = corpus_identities(sources, results, self.corpus)
        # an article merged away by corrections.yml redirects to the one it joined (unless
        # urls.lock already says where it went)
        recorded = {m.old for m in self.registry.moves}
        merges = tuple(m for m in merge_moves(results) if m.old not in recorded)
        registry = replace(self.registry, moves=(*self.registry.moves, *merges))
        self.assignment = assign_urls(registry, [i for group in identities for i in group], self.mode == "frozen")
        urls = self.assignment.urls
        ids = {i.url.strip("/"): urls[i.key].strip("/") for group in identities for i in group}
        warnings = identity_warnings(sources, results, self.corpus)
        if any(k != v for k, v in ids.items()):
            results = [with_urls(r, ids) for r in results]
        return results, [*self.problems, *self.assignment.diagnostics, *warnings]

    def files(self) -> Iterator[tuple[str, str]]:
        """Redirect pages for moved URLs, ``_redirects`` for hosts that read one, tombstones."""
        for old, new in self.assignment.redirects:
            yield f"{old.strip('/')}/index.html", redirect_page(old, new)
        if self.assignment.redirects:
            yield "_redirects", "".join(f"{old} {new} 301\n" for old, new in self.assignment.redirects)
        for w in self.assignment.withdrawn:
            yield f"{w.url.strip('/')}/index.md", tombstone_page(w)

    def commit(self) -> Diagnostic | None:
        """After a successful build: record the URLs this build published for the first time."""
        if self.mode != "write":
            return None
        return add_entries(self.corpus, self.registry, self.assignment.added)


def relative_index(from_url: str, to_url: str) -> str:
    """A link from the page at ``from_url`` to ``to_url``'s index.html (works from file://).

    >>> relative_index("/lzgb/2024/10/old/", "/lzgb/2024/10/new/")
    '../new/index.html'
    """
    return posixpath.relpath(f"{to_url}index.html", from_url.rstrip("/") or "/")


def redirect_page(old: str, new: str) -> str:
    """A small HTML page that forwards to where a URL moved, from file:// and any host."""
    href = html.escape(relative_index(old, new))
    return f"""<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>已迁至 {html.escape(new)}</title>
<meta http-equiv="refresh" content="0; url={href}">
<link rel="canonical" href="{href}">
<meta name="robots" content="noindex">
</head>
<body>
<p>本页已迁至 <a href="{href}">{html.escape(new)}</a>。</p>
</body>
</html>
"""


def tombstone_page(w: Withdrawal) -> str:
    """The page a withdrawn URL keeps: what it was, when and why it was withdrawn."""
    title = f"已撤下：{w.what}"
    return (f"---\ntitle: {json_str(title)}\ndangan_page: withdrawn\n---\n\n# {md(title)}\n\n"
            f"| 原网址 | `{w.url}` |\n| --- | --- |\n| 内容 | {md(w.what)} |\n| 撤下日期 | {w.date} |\n| 原因 | {md(w.why)} |\n")


def json_str(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def md(s: str) -> str:
    return escape(s)  # escapes | too: safe in a table cell
