"""Where each page lives in the generated content, and relative links between pages.

Every page is ``<url path>/index.md``; the renderer writes ``<url path>/index.html``, so the
same site works from ``file://`` while the cited URL ``/<url path>/`` works on any web server.
How one page links another is the renderer's dialect (``renderers.Dialect.link``).
"""

from __future__ import annotations

import posixpath
import re

from ..model import Document, Issue, NewspaperPage, Term

HOME = "index.md"
AZ = "az/index.md"


def document_path(doc: Document) -> str:
    return f"{doc.id}/index.md"


def issue_path(issue: Issue) -> str:
    return f"{issue.id}/index.md"


def page_path(page: NewspaperPage) -> str:
    return f"{page.id}/index.md"


def publication_path(slug: str) -> str:
    return f"{slug}/index.md"


def period_path(publication: str, period: str) -> str:
    """A publication's year, month or day (``2024``, ``2024-04``, ``2024-04-03``).

    >>> period_path("lzrb", "2024-04-03")
    'lzrb/2024-04-03/index.md'
    """
    return f"{publication}/{period}/index.md"


def taxonomy_path(taxonomy: str) -> str:
    return f"{taxonomy}/index.md"


def paged(path: str, page: int) -> str:
    """Page ``page`` of a listing whose first page is ``path``.

    >>> paged("series/index.md", 1), paged("series/index.md", 3)
    ('series/index.md', 'series/3/index.md')
    """
    return path if page == 1 else f"{path[: -len('index.md')]}{page}/index.md"


def term_path(term: Term, page: int = 1) -> str:
    return paged(f"{term.taxonomy}/{term.key}/index.md", page)


def cited_path(slug: str | None) -> str:
    """A 发文字号 cited by the archive but not in it (``None``: the list of all of them)."""
    return f"cited/{slug}/index.md" if slug else "cited/index.md"


def url_of(path: str) -> str:
    """The URL a content page is cited by.

    >>> url_of("lzgb/2024/10/liuzhengban-2022-59/index.md"), url_of("index.md")
    ('/lzgb/2024/10/liuzhengban-2022-59/', '/')
    """
    folder = path[: -len("index.md")]
    return f"/{folder}"


#: Marks a link to a file that exists once, in the root tree (a document's text.md / text.txt
#: and cite.bib / .ris / .json): the templates write it before the href, relative to the page.
ROOT_FILE = "data-dangan-root "
_ROOT_LINK = re.compile(re.escape(ROOT_FILE) + r'href="([^"]+)"')


def to_root_files(text: str, prefix: str, path: str) -> str:
    """The page ``path`` of the tree at ``prefix`` with its links to root-tree files pointed
    at the root tree's one copy (still relative: from file:// and any host alike).

    >>> to_root_files('<a data-dangan-root href="text.txt">纯文本</a>', "zh-hant/", "lzgb/2024/10/a/index.md")
    '<a data-dangan-root href="../../../../../lzgb/2024/10/a/text.txt">纯文本</a>'
    >>> to_root_files('<a href="text.txt">', "en/", "a/index.md")  # unmarked links stay in the tree
    '<a href="text.txt">'
    """
    if not prefix or ROOT_FILE not in text:
        return text
    here = posixpath.dirname(path)

    def repoint(m: re.Match) -> str:
        target = posixpath.normpath(posixpath.join(here, m[1]))
        return f'{ROOT_FILE}href="{posixpath.relpath(target, posixpath.dirname(prefix + path))}"'

    return _ROOT_LINK.sub(repoint, text)
