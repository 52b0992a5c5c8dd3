"""The 数据下载 page (/data/): every data file with its size, what it holds, sample SQL, the licence."""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from pathlib import Path

from ..model import Archive, StagedFile
from ..render import links
from ..render.dialect import Dialect
from ..render.pages import front_matter, template_environment
from . import rows
from .database import FALLBACK_SQL
from .package import FILE_DESCRIPTIONS, TEXTS_DESCRIPTION, file_size
from .schema import FTS_SAMPLE_SQL, TABLES

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


def data_page(archive: Archive, files: Mapping[str, bytes | StagedFile], site_dirs: list[Path], dialect: Dialect, labels: Mapping[str, str],
              here: str = DATA_PAGE) -> str:
    """The page's Markdown at ``here``, from templates/data.md.j2 (``files``: the data files at the site root)."""
    licences = rows.licences(archive)
    example_text = rows.text_paths(archive.documents[0].id)[1] if archive.documents else None
    env = template_environment(site_dirs)
    listed = [{"path": p, "href": dialect.link(here, p), "size": human_size(file_size(b)), "bytes": file_size(b),
             "description": FILE_DESCRIPTIONS.get(p, "")} for p, b in files.items()]
    return env.get_template("data.md.j2").render(
        L=labels, files=listed, tables=TABLES, licences=licences, fts_sql=FTS_SAMPLE_SQL,
        fallback_sql=FALLBACK_SQL.replace(":q", "'产教'"), texts=TEXTS_DESCRIPTION,
        # raw HTML: the texts are beside the pages in the built site, not in the renderer's content
        example_text=posixpath.relpath(example_text, posixpath.dirname(here)) if example_text else None,
        href=lambda target: dialect.link(here, target), home=here[: -len(DATA_PAGE)] + links.HOME, links=links, front_matter=front_matter,
    )
