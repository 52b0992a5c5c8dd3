"""Conservation audit: every Han character of a source ends up somewhere the archive keeps.

Somewhere = a document (title, metadata, body), the issue/page metadata, or the removal
log. Compared as multisets, so a character dropped in one place cannot hide behind the
same character kept elsewhere.
"""

from __future__ import annotations

from collections import Counter

from .model import Issue, NewspaperPage, SourceResult
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

