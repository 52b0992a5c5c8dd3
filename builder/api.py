"""The Python API behind the command line: ``check`` and ``build``.

Phases (MkDocs' own rule: gather everything first, then write):
gather (read, parse, index) → render (pages, catalog, search) → write content → MkDocs site.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
import shutil
from dataclasses import dataclass
from pathlib import Path

from .model import Archive
from .pipeline import gather
from .publish import build_site, serve_site
from .render.catalog import catalog_json, removals_json
from .render.pages import nav, page_plan
from .search import build_search_index
from .write import check_target, claim, clean_leftovers, fixed_timestamp, sync_files, write_files

Progress = Callable[[Iterable, str, int], Iterable]


@dataclass(frozen=True)
class BuildReport:
    archive: Archive
    content: Path
    site: Path | None
    pages: int


def site_dirs_for(corpus: Path) -> list[Path]:
    """Folders whose mkdocs.yml / templates / overrides take precedence over the packaged ones:
    the corpus folder, then the folder the command runs in."""
    dirs = [Path(corpus).resolve(), Path.cwd().resolve()]
    return list(dict.fromkeys(dirs))


def check(corpus: Path, progress: Progress | None = None) -> Archive:
    """Parse and validate only; the archive's diagnostics say what is wrong."""
    return gather(Path(corpus), progress)


def search_files(archive: Archive) -> Iterator[tuple[str, bytes]]:
    """The archive's own static search index (files under ``search/``)."""
    return build_search_index(archive)


def content_files(archive: Archive, site_dirs: list[Path], progress: Progress | None = None, search: bool = True) -> Iterator[tuple[str, str | bytes]]:
    """Every file of the content folder: pages, catalog, removal log and (unless told not to) the search index."""
    pages = page_plan(archive, site_dirs)
    step = progress or (lambda it, label, total: it)
    # Rendered one at a time as they are written: at 100,000 documents the whole site's
    # Markdown would be about 1 GB held at once.
    yield from step(((path, pages[path]()) for path in sorted(pages)), "render", len(pages))
    yield "catalog.json", catalog_json(archive)
    yield "removals.json", removals_json(archive)
    if search:
        yield from search_files(archive)


def default_content(out: Path) -> Path:
    """The content folder when none is named: ``content/`` beside the site folder."""
    return Path(out).resolve().parent / "content"


def build(corpus: Path, out: Path, content: Path | None = None, progress: Progress | None = None, render_site: bool = True) -> BuildReport:
    """Build the whole archive: Markdown content into ``content``, the site into ``out``.

    Both folders are checked before anything is parsed: dangan replaces only folders it made
    (see :mod:`builder.write`); on failure, scratch folders and folders made by this build go."""
    corpus = Path(corpus)
    out = Path(out).resolve()
    content = Path(content).resolve() if content else default_content(out)
    targets = {**({"site": out} if render_site else {}), "content": content}
    for kind, target in targets.items():
        check_target(target, kind, corpus, [t for t in targets.values() if t != target])
    archive = gather(corpus, progress)
    created = []
    try:
        for kind, target in targets.items():
            clean_leftovers(target)
            if claim(target, kind, corpus):
                created.append(target)
        dirs = site_dirs_for(corpus)
        count = write_files(content, content_files(archive, dirs, progress))
        site = None
        if render_site:
            latest = max((d.date for d in archive.documents if d.date), default=None)
            site = build_site(content, out, dirs, nav(archive), fixed_timestamp(latest))
    except BaseException:
        for target in targets.values():
            clean_leftovers(target)
        for target in created:  # made by this build, so nothing of anyone's is in them
            shutil.rmtree(target, ignore_errors=True)
        raise
    return BuildReport(archive=archive, content=content, site=site, pages=count)


def refresh_content(corpus: Path, content: Path) -> Archive:
    """Parse the corpus again and update the content folder in place (for the live server)."""
    archive = gather(Path(corpus))
    check_target(content, "content", corpus)
    sync_files(content, content_files(archive, site_dirs_for(corpus)))
    return archive


def serve(report: BuildReport, dev_addr: str = "127.0.0.1:8000") -> int:
    """Serve the content with MkDocs' live-reloading server; edits to the corpus, templates
    and overrides show on reload (the corpus is parsed again when one of its files changes)."""
    dirs = site_dirs_for(report.archive.corpus)
    serve_site(report.content, report.content.with_name("site"), dirs, nav(report.archive), dev_addr,
               corpus=report.archive.corpus)
    return 0
