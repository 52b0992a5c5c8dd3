"""The site as independent MkDocs builds (shards) merged into one folder.

A shard is a set of content pages: the home shard (the root pages), or one of
:data:`SHARDS` into which the groups (one publication and year, ``lzgb/2024``; one other
top-level folder, ``issuer``, ``topic`` …) are hashed; a page of every tree falls into the
shard of its Simplified page, so that the tree switcher of a page sees its counterparts in
the same shard. Every shard reads the whole content folder (so
that MkDocs resolves and checks every link, the sidebar and the tree switcher as in one
build) but renders only its own pages: the hook marks the other files excluded
(``extra.dangan_shard``). The home shard also writes the theme's files and ``404.html``.
Static content files (search index, open data, citation files) are copied by dangan, only
those whose bytes changed, and ``sitemap.xml`` is merged from the shards' entries in MkDocs'
own file order.

A clean build (or one whose shared inputs, the nav, configuration, theme and trees, changed)
runs every shard, on the build's executor. A rebuild runs MkDocs only on the pages whose own
inputs changed (:func:`page_inputs`: the page's Markdown, which of its tree counterparts
exist, and on a tree's home page the build date): one run (one per worker when there are
many), which reads the whole content folder like a shard and renders just those pages; every
other page's HTML, sitemap entry and links are the last build's (:class:`PageState`). So a
day's new pages or one edited source cost one MkDocs run over the pages they touch. Because
a page that is not rendered again is not seen by MkDocs, each run notes its pages' links as
Markdown parsed them (the hook's ``LinkNotes``), and :func:`broken_links` checks the notes of
every page, rendered now or before, against the content's files in each build.

The merged site is byte for byte the one-build site (tests/test_incremental.py).
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import shutil
import time
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ...write import Listing, folder_listing, remove_unwanted
from .. import RendererError
from .commands import drop_unused_theme_assets, run_mkdocs

HOME_SHARD = ""
SITEMAP = "sitemap.xml"
NOT_FOUND = "404.html"


#: Shards besides the home shard. Each MkDocs build reads the whole content folder (about
#: 1 s of CPU per shard at 1,000 documents, 10 s at 10,000), so the groups below are hashed
#: into a fixed number of shards: few enough that reading stays small beside rendering,
#: enough that one changed page rebuilds an eighth of the site, and fixed, so that a page
#: stays in its shard as the archive grows.
SHARDS = 8


def shard_of(path: str, prefixes: Iterable[str], publications: Iterable[str]) -> str:
    """The shard of a content page: the home shard ('') for the root pages, else one of
    :data:`SHARDS`, by a stable hash of its group (publication and year, else top folder).

    >>> pubs, trees = {"lzgb", "lzrb"}, ("", "zh-hant/", "en/")
    >>> [group_of(p, trees, pubs) for p in ("lzgb/2024/10/x/index.md", "zh-hant/lzrb/2024-04-03/01/index.md",
    ...                                     "lzgb/index.md", "en/issuer/a/index.md", "index.md", "zh-hant/index.md")]
    ['lzgb/2024', 'lzrb/2024', 'lzgb', 'issuer', '', '']
    >>> shard_of("lzgb/2024/10/x/index.md", trees, pubs) == shard_of("en/lzgb/2024/11/y/index.md", trees, pubs), shard_of("index.md", trees, pubs)
    (True, '')
    """
    group = group_of(path, prefixes, publications)
    return group and f"shard-{zlib.crc32(group.encode('utf-8')) % SHARDS}"


def group_of(path: str, prefixes: Iterable[str], publications: Iterable[str]) -> str:
    """A page's group: its publication and year, else its top folder ('' at the root); a
    tree's page is in the group of its Simplified page."""
    own = max((p for p in prefixes if path.startswith(p)), key=len, default="")
    parts = path[len(own):].split("/")
    if len(parts) == 1:
        return HOME_SHARD
    if parts[0] in publications and len(parts) > 2 and parts[1][:4].isdigit():
        return f"{parts[0]}/{parts[1][:4]}"
    return parts[0]


def walk_key(path: str) -> tuple:
    """The order MkDocs lists the files of docs_dir in (os.walk, top-down, folders sorted,
    ``index.md`` first in each): the sitemap's order.

    >>> sorted(["b/index.md", "a/z/index.md", "a/y.md", "index.md", "a/index.md"], key=walk_key)
    ['index.md', 'a/index.md', 'a/y.md', 'a/z/index.md', 'b/index.md']
    """
    *folders, name = path.split("/")
    return (*((1, f) for f in folders), (0, os.path.splitext(name)[0] not in ("index", "README"), name))


def is_page(path: str) -> bool:
    return path.endswith(".md")


def static_files(paths: Iterable[str]) -> list[str]:
    """The content files MkDocs would copy as they are: not pages, not excluded by its defaults (dot files)."""
    from mkdocs.structure.files import _default_exclude

    return [p for p in paths if not is_page(p) and not _default_exclude.match_file(p)]


@dataclass(frozen=True)
class ShardJob:
    """One MkDocs build: the configuration (``kwargs`` as for ``load_config``, ``site_dir`` its
    own scratch folder), the pages it renders and whether it writes the theme's files."""

    name: str
    config_file: str
    kwargs: dict
    pages: tuple[str, ...]
    furniture: bool
    source_date_epoch: str


@dataclass(frozen=True)
class ShardResult:
    name: str
    outputs: tuple[str, ...]  # files it wrote, relative to its site_dir
    sitemap: tuple[tuple[str, str], ...]  # (page, its sitemap entry)
    frame: tuple[str, str]  # the sitemap's text before and after the entries
    links: tuple[tuple[str, tuple[str, ...]], ...] = ()  # each page's relative links, as Markdown parsed them
    dests: tuple[tuple[str, str], ...] = ()  # each page's output file


#: The version of the state below (kept in the build cache between builds).
STATE_VERSION = 2


@dataclass(frozen=True)
class PageState:
    """What the last build knew of one page: its inputs' digest (:func:`page_inputs`), the file
    it became, its sitemap entry and its links (checked again in every build)."""

    input: str
    dest: str
    sitemap: str
    links: tuple[str, ...]


def page_inputs(pages: list[str], digests: Mapping[str, str], prefixes: Sequence[str], dated: str = "") -> dict[str, str]:
    """Each page's inputs beside those every page shares: its own Markdown, which of its
    counterparts in the other trees exist (the tree switcher links those) and, for a tree's
    home page, the build date (``dated``: the footer prints it there only).

    >>> a = page_inputs(["x/index.md"], {"x/index.md": "1"}, ("", "en/"))
    >>> b = page_inputs(["x/index.md", "en/x/index.md"], {"x/index.md": "1", "en/x/index.md": "2"}, ("", "en/"))
    >>> a["x/index.md"] == b["x/index.md"]
    False
    >>> c = page_inputs(["index.md", "x/index.md"], {"index.md": "0", "x/index.md": "1"}, ("", "en/"), "2025-03-19")
    >>> c["x/index.md"] == a["x/index.md"], c["index.md"] == page_inputs(["index.md"], {"index.md": "0"}, ("", "en/"))["index.md"]
    (True, False)
    """
    known = set(pages)
    out = {}
    for page in pages:
        own = max((p for p in prefixes if page.startswith(p)), key=len, default="")
        rest = page[len(own):]
        there = tuple(p + rest in known for p in prefixes if p != own)
        out[page] = hashlib.sha256(repr((digests[page], there, dated if rest == "index.md" else "")).encode()).hexdigest()
    return out


#: Pages one MkDocs run renders before the changed pages are split over the workers: each
#: run reads the whole content folder first (about 7 s of CPU at 10,000 documents).
PAGES_PER_RUN = 500


def delta_jobs(changed: list[str], workers: int) -> list[tuple[str, list[str], bool]]:
    """``(name, pages, furniture)`` of the runs that render the changed pages, in walk order.

    >>> delta_jobs([], 2), delta_jobs(["b/index.md", "a/index.md"], 2)
    ([], [('changed-0', ['a/index.md', 'b/index.md'], False)])
    """
    ordered = sorted(changed, key=walk_key)
    runs = max(1, min(workers, len(ordered) // PAGES_PER_RUN))
    size = -(-len(ordered) // runs) if ordered else 0
    return [(f"changed-{i}", ordered[i * size:(i + 1) * size], False) for i in range(runs) if ordered[i * size:(i + 1) * size]]


def shard_jobs(pages: list[str], prefixes: Sequence[str], publications: Iterable[str]) -> list[tuple[str, list[str], bool]]:
    """``(name, pages, furniture)`` of every shard: the home shard (which also writes the
    theme's files and 404.html) and those of :func:`shard_of`."""
    publications = set(publications)
    groups: dict[str, list[str]] = {HOME_SHARD: []}
    for page in pages:
        groups.setdefault(shard_of(page, prefixes, publications), []).append(page)
    return [(name, groups[name], name == HOME_SHARD) for name in sorted(groups)]


_ENTRY = re.compile(r"\s*<url>.*?</url>", re.S)


def sitemap_parts(text: str) -> tuple[str, list[str], str]:
    """A sitemap's text before its entries, the entries (with the white space before each), and after.

    >>> sitemap_parts('<urlset>\\n    <url>\\n <loc>a</loc>\\n    </url>\\n</urlset>')
    ('<urlset>', ['\\n    <url>\\n <loc>a</loc>\\n    </url>'], '\\n</urlset>')
    """
    entries = list(_ENTRY.finditer(text))
    if not entries:
        at = text.rindex("</urlset>")
        at = len(text[:at].rstrip())
        return text[:at], [], text[at:]
    return text[: entries[0].start()], [m.group(0) for m in entries], text[entries[-1].end():]


def run_shard(job: ShardJob) -> ShardResult:
    """``mkdocs build`` of one shard into its ``site_dir``; the sitemap is taken apart (merged
    later) and what only the home shard keeps is removed from the others."""
    site = Path(job.kwargs["site_dir"])
    notes: dict[str, list[str]] = {}
    dests: dict[str, str] = {}
    shard = {"pages": frozenset(job.pages), "furniture": job.furniture, "links": notes, "dests": dests}
    kwargs = {**job.kwargs, "extra": {**job.kwargs.get("extra", {}), "dangan_shard": shard}}
    run_mkdocs(job.config_file, kwargs, job.source_date_epoch)
    text = (site / SITEMAP).read_text(encoding="utf-8")
    head, entries, tail = sitemap_parts(text)
    included = sorted((p for p in job.pages), key=walk_key)
    if len(entries) not in (0, len(included)):
        raise RendererError(f"shard {job.name!r}: {len(entries)} sitemap entries for {len(included)} pages")
    for name in (SITEMAP, SITEMAP + ".gz"):
        (site / name).unlink(missing_ok=True)
    if job.furniture:
        drop_unused_theme_assets(site)
    else:
        (site / NOT_FOUND).unlink(missing_ok=True)
    outputs = tuple(sorted(str(p.relative_to(site)) for p in site.rglob("*") if p.is_file()))
    links = tuple((page, tuple(targets)) for page, targets in sorted(notes.items()))
    missing = [p for p in job.pages if p not in dests]
    if missing:
        raise RendererError(f"shard {job.name!r}: MkDocs did not render {missing[:5]}")
    return ShardResult(job.name, outputs, tuple(zip(included, entries, strict=False)), (head, tail), links, tuple(sorted(dests.items())))


def merged_sitemap(pages: Mapping[str, PageState], frame: tuple[str, str], source_date_epoch: str) -> str:
    """The sitemap of every page, in MkDocs' file order, inside the home shard's frame; every
    entry's ``lastmod`` is this build's date (MkDocs gives every page the build's), also in the
    entries of pages rendered by an earlier build."""
    date = time.strftime("%Y-%m-%d", time.gmtime(int(os.environ.get("SOURCE_DATE_EPOCH") or source_date_epoch)))  # as run_mkdocs
    return frame[0] + "".join(_LASTMOD.sub(f"<lastmod>{date}</lastmod>", pages[p].sitemap) for p in sorted(pages, key=walk_key)) + frame[1]


_LASTMOD = re.compile(r"<lastmod>[^<]*</lastmod>")


def write_sitemap(site: Path, text: str, source_date_epoch: str) -> None:
    """``sitemap.xml`` and its gzip copy as MkDocs writes them (the gzip header's time is the
    build's SOURCE_DATE_EPOCH, its name the file's)."""
    path = site / SITEMAP
    data = text.encode("utf-8")
    if not path.is_file() or path.read_bytes() != data:
        path.write_bytes(data)
    gz = f"{path}.gz"
    with open(gz, "wb") as f, gzip.GzipFile(fileobj=f, filename=gz, mode="wb", mtime=int(source_date_epoch)) as out:
        out.write(data)


def broken_links(links: Mapping[str, list[str]], files: set[str]) -> list[str]:
    """Each page's links to a file the content does not have, as messages naming the page.

    >>> broken_links({"a/index.md": ["b/index.md", "c/index.md"]}, {"a/index.md", "b/index.md"})
    ["content page 'a/index.md' links to 'c/index.md', which is not in the site"]
    """
    return [f"content page {page!r} links to {target!r}, which is not in the site"
            for page, targets in sorted(links.items()) for target in targets if target not in files]


def move_outputs(source: Path, target: Path, outputs: Iterable[str]) -> None:
    """Move a shard's files into the merged site (same file system: renames)."""
    for rel in outputs:
        dest = target / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source / rel, dest)


def remove_except(site: Path, keep: set[str], listing: Listing | None = None) -> set[str]:
    """Delete the files of ``site`` not in ``keep`` (pages gone since the last build) and empty
    folders; returns the paths removed. ``listing``: the site's, taken before this build wrote
    into it (what it wrote is kept)."""
    return remove_unwanted(site, listing if listing is not None else folder_listing(site), keep.__contains__)


def copy_static(content: Path, site: Path, paths: list[str]) -> None:
    for rel in paths:
        dest = site / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(content / rel, dest)
