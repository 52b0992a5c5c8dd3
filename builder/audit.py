"""Conservation audit: every Han character of a source ends up somewhere the archive keeps.

Somewhere = a document (title, metadata, body), the issue/page metadata, or the removal
log. Compared as multisets, so a character dropped in one place cannot hide behind the
same character kept elsewhere.
"""

from __future__ import annotations

from collections import Counter

from .model import Diagnostic, Issue, NewspaperPage, Source, SourceResult
from .zh.han import han_chars


def kept_text(result: SourceResult) -> str:
    parts = [d.text() for d in result.documents]
    parts += [r.text for r in result.removals]
    if result.issue:
        parts += _issue_text(result.issue)
    for page in result.all_pages:
        parts += _page_text(page)
    return "\n".join(parts)


def _issue_text(issue: Issue) -> list[str]:
    return [*issue.front_matter, *(e.title + (e.doc_number or "") for e in issue.toc)]


def _page_text(page: NewspaperPage) -> list[str]:
    return [*page.furniture, page.page_name or ""]


def missing_han(source_text: str, result: SourceResult) -> Counter:
    """Han characters of the source that are not accounted for (with how many are missing)."""
    return Counter(han_chars(source_text)) - Counter(han_chars(kept_text(result)))



def first_missing_line(source_text: str, missing: Counter) -> tuple[int, str]:
    r"""The first source line holding a character that is missing, and that line's text.

    >>> first_missing_line("甲乙\n丙丁\n", Counter("丁"))
    (2, '丙丁')
    """
    for no, line in enumerate(source_text.split("\n"), start=1):
        if any(ch in missing for ch in han_chars(line)):
            return no, line
    return 0, ""


def conservation_problems(source: Source, result: SourceResult) -> list[Diagnostic]:
    r"""Errors when a source yields no document or loses Han characters on the way.

    >>> from pathlib import Path
    >>> from .model import Publication
    >>> src = Source(Path("x.txt"), Publication("p", "P", "gazette"), "第一行\n", "utf-8")
    >>> [d.code for d in conservation_problems(src, SourceResult("x.txt"))]
    ['source-no-document', 'han-lost']
    """
    path = str(source.path)
    out = []
    if not result.documents:
        why = "; ".join(d.message for d in result.diagnostics if d.level != "info") or "no rule found a document in it"
        out.append(Diagnostic("error", "source-no-document", f"no document could be made from this file: {why}", path))
    missing = missing_han(source.text, result)
    if missing:
        no, line = first_missing_line(source.text, missing)
        lost = "".join(sorted(missing.elements()))[:40]
        out.append(Diagnostic("error", "han-lost",
                              f"{sum(missing.values())} Han characters reach neither a page nor the removal log ({lost}); first at: {line.strip()[:40]}",
                              path, no or None))
    return out
