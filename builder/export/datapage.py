"""The 数据下载 page (/data/): every data file with its size, what it holds, sample SQL, the licence."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from pathlib import Path

from ..citable.cite import document_citation_files
from ..model import Archive, StagedFile
from ..render import links
from ..render.dialect import Dialect
from ..render.pages import front_matter, template_environment
from . import rows
from .database import FALLBACK_SQL
from .package import DOCUMENT_FILES, FILE_DESCRIPTIONS, TEXTS_DESCRIPTION, file_size
from .schema import FTS_SAMPLE_SQL, TABLES
from .texts import document_text_files

DATA_PAGE = "data/index.md"


def human_size(n: int) -> str:
    """A file size for people.

    >>> human_size(512), human_size(12_345), human_size(3_500_000)
    ('512 B', '12.1 KB', '3.3 MB')
    """
    if n < 1024:
        return f"{n} B"
    if n < 1024 * 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n / 1024 / 1024:.1f} MB"


_CLAUSE = re.compile(r" (?=(?:FROM|JOIN|WHERE|GROUP BY|ORDER BY) )")


def sql_lines(sql: str) -> str:
    """A one-line query laid out one clause a line, to read on a phone.

    >>> print(sql_lines("SELECT a FROM t JOIN u ON u.id = t.id WHERE a LIKE '%x%' ORDER BY a"))
    SELECT a
      FROM t
      JOIN u ON u.id = t.id
      WHERE a LIKE '%x%'
      ORDER BY a
    """
    return _CLAUSE.sub("\n  ", sql)


def example_files(archive: Archive, site_url: str | None) -> list[tuple[str, int]]:
    """The first document's own files (texts and citations) with their sizes in bytes: what
    every document has beside its page."""
    if not archive.documents:
        return []
    doc = archive.documents[0]
    pub = next(p for p in archive.publications if p.slug == doc.publication)
    made = [*document_text_files(doc), *document_citation_files(doc, pub, site_url)]
    return [(path, len(text.encode("utf-8"))) for path, text in made]


def data_page(archive: Archive, files: Mapping[str, bytes | StagedFile], site_dirs: list[Path], dialect: Dialect, labels: Mapping[str, str],
              here: str = DATA_PAGE, site_url: str | None = None) -> str:
    """The page's Markdown at ``here``, from templates/data.md.j2 (``files``: the data files at the
    site root; ``site_url`` as the citation files have it, for their sizes)."""
    licences = rows.licences(archive)
    env = template_environment(site_dirs)
    listed = [{"path": p, "href": dialect.link(here, p), "size": human_size(file_size(b)), "bytes": file_size(b),
             "description": FILE_DESCRIPTIONS.get(p, "")} for p, b in files.items()]
    # raw HTML links: the texts are beside the pages in the built site, not in the renderer's content
    own = [{"name": posixpath.basename(p), "href": posixpath.relpath(p, posixpath.dirname(here)), "size": human_size(n),
            "description": DOCUMENT_FILES.get(posixpath.basename(p), "")} for p, n in example_files(archive, site_url)]
    return env.get_template("data.md.j2").render(
        L=labels, files=listed, tables=TABLES, licences=licences, fts_sql=sql_lines(FTS_SAMPLE_SQL), sql_lines=sql_lines,
        fallback_sql=sql_lines(FALLBACK_SQL.replace("'%' || :q || '%'", "'%产教%'")), texts=TEXTS_DESCRIPTION,
        example=archive.documents[0] if archive.documents else None, own_files=own, documents=len(archive.documents),
        href=lambda target: dialect.link(here, target), home=here[: -len(DATA_PAGE)] + links.HOME, links=links, front_matter=front_matter,
    )
