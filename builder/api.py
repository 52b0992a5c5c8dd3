"""The Python API behind the command line: ``check`` and ``build``.

Phases (MkDocs' own rule: gather everything first, then write):
gather (read, parse, index) → render (pages, catalog, search) → write content → MkDocs site.
"""

from __future__ import annotations

import gc
import hashlib
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from functools import partial
from itertools import chain
from pathlib import Path

from .cache import BuildCache, code_version, files_digest, hashed, tree_digest, value_digest
from .citable.cite import document_citation_files
from .citable.resolver import resolver_files
from .citable.urls import LockMode, UrlLock
from .export import DATA_PAGE, data_page, rows, started_open_data
from .export.bundle import Verification, readme_text, site_files, verify_bundle, write_bundle
from .export.texts import document_text_files
from .model import Archive, Diagnostic, Document, FileContent, KeptText, Publication, Source
from .parallel import Executor, InProcess, ProcessPool, executor
from .pipeline import ParseTask, gather
from .render.memo import RenderMemo, remembered_files
from .render.pages import template_folders
from .render.trees import load_tree_settings, renderer_trees, tree_files
from .renderers.mkdocs import DIALECT, config_used, configured_site_url, nav, serve_site, tree_navs
from .renderers.mkdocs.commands import build_site_sharded
from .resources import default_root
from .search import SEARCH_FOLDER, build_search_index
from .search.layout import BUNDLE, HOSTED, Packing
from .search.partitions import ShardCache
from .settings import Settings, load_settings
from .sources import read_corpus
from .sources.digest import corpus_checksums
from .write import Listing, check_target, claim, clean_leftovers, fixed_timestamp, folder_listing, listing_digest, sync_files, write_files

Progress = Callable[[Iterable, str, int], Iterable]


@dataclass(frozen=True)
class BuildReport:
    archive: Archive
    content: Path
    site: Path | None
    pages: int
    config: tuple[Path, ...] = ()  # templates, mkdocs.yml, overrides taken from outside the package
    lock: Diagnostic | None = None  # why urls.lock could not be written, if it could not
    rendered: int | None = None  # pages rendered by this build (with a cache; the others were reused)
    reused: int | None = None
    shards_built: int | None = None  # MkDocs builds (shards) this build ran; None: no site
    seconds: tuple[tuple[str, float], ...] = ()  # wall time per phase (for benchmarks/run)


def site_dirs_for(corpus: Path) -> list[Path]:
    """Folders whose mkdocs.yml / templates / overrides take precedence over the packaged ones:
    the corpus folder, then the folder the command runs in."""
    dirs = [Path(corpus).resolve(), Path.cwd().resolve()]
    return list(dict.fromkeys(dirs))


def check(corpus: Path, progress: Progress | None = None) -> Archive:
    """Parse and validate only (URL registry included); the archive's diagnostics say what is wrong."""
    return gather(Path(corpus), progress, UrlLock(Path(corpus), "read"), settings=load_settings(corpus))


def search_files(archive: Archive, packing: Packing = HOSTED, executor: Executor | None = None,
                 cache: ShardCache | None = None) -> Iterator[tuple[str, bytes | KeptText]]:
    """The archive's own static search index (files under ``search/``), in the given layout;
    its shards encoded on ``executor``, reused from ``cache`` where unchanged (without a cache, all bytes)."""
    return build_search_index(archive, packing=packing, executor=executor, cache=cache)


def content_files(archive: Archive, settings: Settings, site_dirs: list[Path], progress: Progress | None = None, search: bool = True,
                  site_url: str | None = None, memo: RenderMemo | None = None,
                  search_packing: Packing = HOSTED, executor: Executor | None = None,
                  search_cache: ShardCache | None = None) -> Iterator[tuple[str, FileContent]]:
    """Every file of the content folder: pages of every tree, the open data (catalog, removal log,
    CSV, SQLite, datapackage) with a 数据下载 page in every tree, citation files and (unless told
    not to) the search index. ``site_url``: the published address (absolute URLs in citations);
    ``memo``: pages rendered by earlier builds (builder/render/memo.py); ``executor`` and
    ``search_cache``: where the search index's shards are encoded, and those of earlier builds.
    archive.sqlite comes as a ``StagedFile`` whose scratch file lasts until the next item is
    asked for: write each file as it comes (as ``write`` does), never collect them first."""
    trees = load_tree_settings(site_dirs)
    count, pages = tree_files(archive, site_dirs, DIALECT, trees, settings.labels, site_url, memo)
    step = progress or (lambda it, label, total: it)
    # archive.sqlite is built meanwhile (a scratch file until the with ends), in a process of its own on a local pool
    with started_open_data(archive, (executor or InProcess()).aside) as finished:
        # Rendered one at a time as they are written: at 100,000 documents the whole site's
        # Markdown would be about 1 GB held at once.
        yield from step(pages, "render", count)
        data = finished()
        for tree in trees.trees:  # each tree's home links its own data page, which links the one set of files
            yield tree.prefix + DATA_PAGE, data_page(archive, data, site_dirs, DIALECT, settings.labels, tree.prefix + DATA_PAGE, site_url)
        yield from data.items()  # catalog.json and removals.json among them
    yield from resolver_files(archive)  # builder/citable: /doc/<slug>/ and /doc/?n=…
    # builder/citable: <id>/cite.bib, cite.ris, cite.json, once, in the root tree (every tree's pages link these)
    yield from per_document(archive, memo, "citations", lambda doc, pub: document_citation_files(doc, pub, site_url), site_url)
    if search:
        yield from search_files(archive, search_packing, executor, search_cache)


def per_document(archive: Archive, memo: RenderMemo | None, name: str, files_of: Callable[[Document, Publication], list[tuple[str, str]]],
                 *inputs: object) -> Iterator[tuple[str, str | KeptText]]:
    """The files ``files_of`` makes of each document and its publication, in archive order:
    made again only for a document that changed since the build that made them (``memo``; the
    others' are read from it only if they have to be written); ``inputs``: what else they
    depend on (the site's URL)."""
    pubs = {p.slug: p for p in archive.publications}
    for doc in archive.documents:
        pub = pubs[doc.publication]
        yield from remembered_files(memo, (name, doc, pub, *inputs), partial(files_of, doc, pub))


def renderer_extra(archive: Archive, site_dirs: list[Path], labels) -> dict:
    """What the renderer's hook and templates need beyond the content: the trees and their
    sidebars, and the build date (the newest document's date: reproducible)."""
    trees = load_tree_settings(site_dirs)
    latest = max((d.date for d in archive.documents if d.date), default=None)
    return {"dangan_trees": renderer_trees(trees, tree_navs(archive, trees, labels), labels), "dangan_build_date": latest or ""}


def build(corpus: Path, out: Path, content: Path | None = None, progress: Progress | None = None, render_site: bool = True,
          lock: LockMode = "read", site_url: str | None = None, *, jobs: int | None = None, workers: int | None = None,
          scheduler: str | None = None, cache: Path | None = None, search_packing: Packing = HOSTED) -> BuildReport:
    """Build the whole archive: Markdown content into ``content``, the site into ``out``.

    ``lock``: ``write`` (the command line's default) records URLs published for the first time
    in the corpus folder's ``urls.lock`` once the build has succeeded; ``read`` (the API's
    default, so that a program never writes into a corpus unasked) writes nothing; ``frozen`` fails on
    any URL the lock does not have yet. ``site_url``: where the site will be published (canonical
    links, sitemap.xml, absolute URLs in citations); default: ``site_url`` of mkdocs.yml.

    ``jobs``: processes parsing sources (default: the cores, at most one per source; 1 = this
    process); ``workers``/``scheduler``: parse on Dask instead (a LocalCluster of that many
    processes / a running cluster). ``cache``: a build cache folder (``builder.cache``): sources
    parsed before are not parsed again, the content folder is updated in place, MkDocs runs
    only when the content changed, and nothing runs when no input changed. The output is the
    same either way. ``search_packing``: the search index's layout (``builder.search.layout``:
    small files for a host, or packed into few files for the offline bundle).

    Both folders are checked before anything is parsed: dangan replaces only folders it made
    (see :mod:`builder.write`); on failure, scratch folders and folders made by this build go."""
    corpus, out = Path(corpus), Path(out).resolve()
    content = Path(content).resolve() if content else default_content(out)
    targets = {**({"site": out} if render_site else {}), "content": content}
    for kind, target in targets.items():
        check_target(target, kind, corpus, [t for t in targets.values() if t != target])
    settings = load_settings(corpus)
    dirs = site_dirs_for(corpus)
    site_url = site_url or configured_site_url(dirs)
    config = (*template_folders(dirs), *config_used(dirs))
    read = read_corpus(corpus)
    store = BuildCache.open(cache, corpus) if cache else None
    with store.exclusive() if store else nullcontext():  # one build at a time on a cache and its folders
        inputs = inputs_fingerprint(corpus, read[1], settings, dirs, (content, out, render_site, lock, site_url, search_packing)) if store else ""
        unchanged = unchanged_build(store, inputs, content, out if render_site else None) if store else None
        if unchanged:
            return BuildReport(archive=unchanged[0], content=content, site=out if render_site else None, pages=unchanged[1], config=config)
        urls = UrlLock(corpus, lock)
        task = ParseTask.of(settings)
        with executor(jobs, max(2, len(read[1])), workers, scheduler, prepare=task.load_dictionaries) as ex, \
                ThreadPoolExecutor(1, "dangan-listing") as aside, heap_frozen() as freeze:  # parsing, then the site's shards; a folder walk
            record = store.record() if store else {}
            if record and isinstance(ex, ProcessPool):
                ex.warm()  # a rebuild parses a few changed sources: on a worker that loads the dictionary meanwhile
            # the content folder is walked while the sources are parsed (its files wait on disk, mostly in system calls)
            content_present = aside.submit(untouched_folder, record, "content", content) if store else None
            started = time.perf_counter()
            archive = gather(corpus, progress, urls, settings=settings, executor=ex, cache=store, read=read)
            seconds = [("gather", time.perf_counter() - started)]
            freeze()
            digest = hashlib.sha256()
            if store:
                store.forget_record()  # until this build is complete, the outputs are not the record's
            created = []
            shards = None
            try:
                for kind, target in targets.items():
                    clean_leftovers(target)
                    if claim(target, kind, corpus):
                        created.append(target)
                # and the site folder while the content is made
                listing = aside.submit(untouched_folder, record, "site", out) if store and render_site else None
                memo = render_memo(store, dirs) if store else None
                shard_cache = ShardCache(store.entries("search"), code_version()) if store else None
                sums: dict[str, str] = {}
                files = chain(content_files(archive, settings, dirs, progress, site_url=site_url, memo=memo, search_packing=search_packing,
                                            executor=ex, search_cache=shard_cache), urls.files())
                started = time.perf_counter()
                count, content_listing = update_content(content, hashed(files, digest, sums), content_present.result() if content_present else None,
                                                        sums, store.content_digests() if store else None)
                seconds.append(("content", time.perf_counter() - started))
                site = None
                if render_site:
                    started = time.perf_counter()
                    present = listing.result() if listing else None  # one walk of the site folder
                    site, shards = render(archive, settings, dirs, content, out, site_url, ex, digest.hexdigest(), sums, memo,
                                          store.site_state() if store and present else None, record.get("site_inputs") if present else None,
                                          present)
                    seconds.append(("site", time.perf_counter() - started))
            except BaseException:
                for target in targets.values():
                    clean_leftovers(target)
                for target in created:  # made by this build, so nothing of anyone's is in them
                    shutil.rmtree(target, ignore_errors=True)
                raise
        problem = urls.commit()
        if store:
            site_skipped = shards is not None and shards[0] is None  # its text files were not asked for: keep their entries
            if memo:
                memo.save(keep_unused=site_skipped)
            store.prune_grown({**({"rendered": memo.used, "texts": memo.used} if memo and not site_skipped else {}),
                               **({"search": shard_cache.used} if shard_cache else {})})
            store.commit()
            if shards and shards[0] is not None:
                store.save_site_state(shards[0])
            store.save_content_digests(sums)
            store.save_record({"inputs": inputs, "pages": count, "content": str(content),
                               "content_listing": content_listing or listing_digest(content),
                               "content_digest": digest.hexdigest(), "site": str(out) if site else "",
                               "site_inputs": shards[2] if site and shards else "", "site_listing": site_listing(out, shards) if site else ""}, archive)
        return BuildReport(archive=archive, content=content, site=site, pages=count, config=config, lock=problem,
                           rendered=memo.rendered if memo else None, reused=memo.reused if memo else None,
                           shards_built=shards[1] if shards else None, seconds=tuple((k, round(v, 2)) for k, v in seconds))


@contextmanager
def heap_frozen() -> Iterator[Callable[[], None]]:
    """``gc.freeze`` to call once the archive is gathered, undone at the end. The archive (millions
    of objects, alive to the end of the build) is then out of the collector's way: every full
    collection while pages are rendered would walk all of it again (seconds of a rebuild)."""
    try:
        yield gc.freeze
    finally:
        gc.unfreeze()


def render(archive: Archive, settings: Settings, dirs: list[Path], content: Path, out: Path, site_url: str | None, ex,
           content_digest: str, sums: dict[str, str], memo: RenderMemo | None, previous: dict | None,
           last_inputs: str | None, present: Listing | None = None) -> tuple[Path, tuple[dict | None, int, str, str | None]]:
    """The site from the content folder: nothing when MkDocs' inputs are ``last_inputs``, those
    of the last build (given when its site folder is untouched since; ``present``: its listing), else MkDocs on the pages
    that changed (builder/renderers/mkdocs/shards.py), which also checks the links of the pages
    not rendered again. Returns the site and (the shards' state to keep, how many MkDocs runs
    there were, the site inputs' digest, the site folder's listing digest when known without a walk)."""
    latest = max((d.date for d in archive.documents if d.date), default=None)
    extra = renderer_extra(archive, dirs, settings.labels)
    sidebar = nav(archive, settings.labels)
    # The build date (the newest document's) is printed on the trees' home pages only, so that
    # a day's new pages do not change every page: it is an input of those pages, not a shared one.
    shared = value_digest(sidebar, {k: v for k, v in extra.items() if k != "dangan_build_date"}, site_url, renderer_digest(dirs),
                          DATA_PAGE in sums)
    dated = value_digest(fixed_timestamp(latest), extra["dangan_build_date"])
    site_inputs = value_digest(content_digest, shared, dated)
    if site_inputs == last_inputs:
        return out, (None, 0, site_inputs, present.digest() if present else None)
    prefixes = [t.prefix for t in load_tree_settings(dirs).trees]
    texts = per_document(archive, memo, "texts", lambda doc, pub: document_text_files(doc))
    # The text files go beside each page in the site, not in the content: MkDocs would render a .md as a page;
    # once, in the root tree: every tree's pages link these.
    site, state, built, listing = build_site_sharded(content, out, dirs, sidebar, fixed_timestamp(latest), digests=sums, prefixes=prefixes,
                                            publications=[p.slug for p in archive.publications], shared=shared, dated=dated, executor=ex,
                                            previous=previous, present=present, unseen=(SEARCH_FOLDER,), extra_files=texts, extra=extra,
                                            site_url=site_url)
    return site, (state, built, site_inputs, listing)


def render_memo(store: BuildCache, site_dirs: list[Path]) -> RenderMemo:
    """The build cache's rendered pages, keyed by the code, the templates of every site folder and
    the libraries that shape a page's text."""
    from importlib.metadata import version

    templates = [tree_digest(folder / "templates") for folder in [*site_dirs, default_root()]]
    libraries = [version(name) for name in ("jinja2", "pyyaml", "pypinyin", "opencc", "rispy")]
    return RenderMemo(store.rendered(), value_digest(code_version(), templates, libraries), texts=store.entries("texts"))


def renderer_digest(site_dirs: list[Path]) -> str:
    """The renderer's own inputs beyond the content: mkdocs.yml, site.yml, templates and overrides of
    every site folder and of the package, and the versions of MkDocs and Material."""
    from importlib.metadata import version

    parts = [version("mkdocs"), version("mkdocs-material"), code_version()]
    for folder in [*site_dirs, default_root()]:
        parts += [tree_digest(folder / "templates"), tree_digest(folder / "overrides")]
        parts += [files_digest([folder / name], folder) if (folder / name).is_file() else "" for name in ("mkdocs.yml", "site.yml")]
    return value_digest(*parts)


def inputs_fingerprint(corpus: Path, sources: Sequence[Source], settings: Settings, site_dirs: list[Path], options: tuple) -> str:
    """Everything a build reads: the sources and their manifest entries, the corpus folder's
    other files (corpus.yml, corrections.yml, urls.lock, the archive's data files), the data
    files in use, the renderer's files, the code version and the build's options."""
    task = ParseTask.of(settings)
    own = {s.path.resolve() for s in sources}
    others = [p for p in sorted(Path(corpus).iterdir()) if p.is_file() and p.resolve() not in own]
    data = [Path(p) for _, p in sorted(settings.files.items()) if Path(p).is_file()]
    return value_digest([task.cache_key(s) for s in sources], files_digest(others, Path(corpus)),
                        files_digest(data, None), renderer_digest(site_dirs), tuple(map(str, options)))


def unchanged_build(store: BuildCache, inputs: str, content: Path, site: Path | None) -> tuple[Archive, int] | None:
    """The last build's archive and page count when no input changed since and its content and
    site folders are as it left them (nothing written, touched or removed there)."""
    record = store.record()
    if not record or record.get("inputs") != inputs or record.get("content") != str(content):
        return None
    if record.get("content_listing") != listing_digest(content):
        return None
    if site is not None and (record.get("site") != str(site) or record.get("site_listing") != listing_digest(site)):
        return None
    archive = store.last_archive()
    return (archive, record["pages"]) if isinstance(archive, Archive) else None


def update_content(content: Path, files: Iterable[tuple[str, FileContent]], present: Listing | None, sums: dict[str, str],
                   before: dict[str, str] | None) -> tuple[int, str | None]:
    """Write the content folder: in place, only the files whose bytes changed, when it is the
    last cached build's and untouched since (``present``: its listing then, see
    :func:`untouched_folder`); else anew (atomically). ``sums``: each file's digest, filled as
    the files pass (builder.cache.hashed); ``before``: the last build's, so that a file with the
    same digest is not even read back. Returns the number of files and, when updated in place,
    the folder's listing digest afterwards (known without a walk)."""
    if present is not None:
        known = before or {}
        return sync_files(content, files, same=lambda rel: rel in known and known[rel] == sums.get(rel), present=present)
    return write_files(content, files), None


def site_listing(site: Path, shards: tuple | None) -> str:
    """The site folder's listing digest after the build: known when it was updated in place, else from a walk."""
    return (shards[3] if shards else None) or listing_digest(site)


def untouched_folder(record: dict, kind: str, folder: Path) -> Listing | None:
    """The listing of the ``kind`` folder (``content`` or ``site``) when it is the last cached
    build's, untouched since, so that it may be updated in place; else None."""
    if record.get(kind) != str(folder) or not folder.is_dir():
        return None
    listing = folder_listing(folder)
    return listing if record.get(f"{kind}_listing") == listing.digest() else None


def default_content(out: Path) -> Path:
    """The content folder when none is named: ``content/`` beside the site folder."""
    return Path(out).resolve().parent / "content"


@dataclass(frozen=True)
class BundleReport:
    archive: Archive
    path: Path
    entries: int


def bundle(corpus: Path, out: Path, progress: Progress | None = None) -> BundleReport:
    """Build the site in a scratch folder and pack it, with README.txt and SHA256SUMS, into one zip."""
    with tempfile.TemporaryDirectory(prefix="dangan-bundle-") as scratch:
        # The index packed into few files: a zip of 100,000 documents keeps its search under
        # 15,000 files, and from file:// a larger file costs almost nothing (issue #15).
        report = build(corpus, Path(scratch) / "site", Path(scratch) / "content", progress, search_packing=BUNDLE)
        archive, site = report.archive, report.site
        assert site is not None  # build renders the site unless told not to
        newest = max((d.date for d in archive.documents if d.date), default=None)
        sums = corpus_checksums(archive.corpus, archive.sources)
        readme = readme_text(
            documents=len(archive.documents), files=len(site_files(site)) + 2, newest=newest,
            corpus_sha256=hashlib.sha256(sums.encode("utf-8")).hexdigest(), licences=rows.licences(archive),
            corpus_checksums=sums,
        )
        entries = write_bundle(Path(out), site, readme, newest)
    return BundleReport(archive=archive, path=Path(out).resolve(), entries=entries)


def verify(path: Path) -> Verification:
    """Check a bundle: every hash of SHA256SUMS, nothing missing or extra, every name safe."""
    return verify_bundle(Path(path))


def refresh_content(corpus: Path, content: Path) -> Archive:
    """Parse the corpus again and update the content folder in place (for the live server)."""
    settings = load_settings(corpus)
    urls = UrlLock(Path(corpus), "read")
    archive = gather(Path(corpus), assign_urls=urls, settings=settings)
    check_target(content, "content", corpus)
    dirs = site_dirs_for(corpus)
    sync_files(content, chain(content_files(archive, settings, dirs, site_url=configured_site_url(dirs)), urls.files()))
    return archive


def serve(report: BuildReport, dev_addr: str = "127.0.0.1:8000") -> int:
    """Serve the content with MkDocs' live-reloading server; edits to the corpus, templates
    and overrides show on reload (the corpus is parsed again when one of its files changes)."""
    dirs = site_dirs_for(report.archive.corpus)
    labels = load_settings(report.archive.corpus).labels
    serve_site(report.content, report.content.with_name("site"), dirs, nav(report.archive, labels), dev_addr,
               corpus=report.archive.corpus, extra=renderer_extra(report.archive, dirs, labels))
    return 0
