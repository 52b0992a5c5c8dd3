"""The MkDocs configuration, ``mkdocs build`` and ``mkdocs serve``."""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from ...model import FileContent
from ...resources import default_root, find
from ...write import MARKERS, Listing, fresh_sibling, listing_after, merge_dirs, replace_dir, update_files
from .. import RendererError

HOOKS = Path(__file__).resolve().parent / "hooks.py"


class CollectWarnings(logging.Handler):
    """MkDocs' warnings of one build, to report them as dangan's own messages."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def run_mkdocs(config_file: str, kwargs: dict, source_date_epoch: str) -> None:
    """One ``mkdocs build`` with the build's fixed timestamp (unless the caller set one); its
    warnings become the message of a RendererError when it fails."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    collector = CollectWarnings()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = previous or source_date_epoch
    try:
        build(load_config(config_file, **kwargs))
    except (Abort, ConfigurationError) as exc:
        raise RendererError("MkDocs failed:\n" + "\n".join(collector.messages or [str(exc)])) from exc
    finally:
        logger.removeHandler(collector)
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)


def config_used(site_dirs: list[Path]) -> list[Path]:
    """The renderer files a build takes from the site folders instead of the packaged ones
    (an archive's ``mkdocs.yml`` may name hooks: Python that runs)."""
    config = find("mkdocs.yml", site_dirs)
    dirs = [d for d in site_dirs if d.resolve() != default_root().resolve()]
    return [config] * (config.parent in dirs) + [d / "overrides" for d in dirs if (d / "overrides").is_dir()]


def configured_site_url(site_dirs: list[Path]) -> str | None:
    """``site_url`` of the configuration in use (the archive's own ``mkdocs.yml`` or the packaged one)."""
    from mkdocs.utils import yaml_load

    with open(find("mkdocs.yml", site_dirs), encoding="utf-8") as f:
        return (yaml_load(f) or {}).get("site_url") or None


def renderer_config(content: Path, out: Path, site_dirs: list[Path], nav: list, serve: dict | None = None,
                    extra: dict | None = None, site_url: str | None = None) -> tuple[Path, dict]:
    """The MkDocs config file to use and the settings the build decides itself (``serve``:
    the folders the live server's hook re-parses; ``extra``: what the hook and the templates
    read, such as ``dangan_trees``; both handed over in ``extra``; ``site_url``: the
    published address given on the command line, over the configuration's)."""
    from mkdocs.utils import yaml_load

    config_file = find("mkdocs.yml", site_dirs)
    with open(config_file, encoding="utf-8") as f:
        raw = yaml_load(f) or {}
    overrides = merge_dirs(fresh_sibling(out, "overrides"), [default_root() / "overrides", *(d / "overrides" for d in site_dirs)])
    theme = dict(raw.get("theme") or {"name": "material"})
    theme["custom_dir"] = str(overrides)
    kwargs = {"docs_dir": str(Path(content).resolve()), "theme": theme, "hooks": [*(raw.get("hooks") or []), str(HOOKS)]}
    if "nav" not in raw:
        kwargs["nav"] = nav
    if site_url:
        kwargs["site_url"] = site_url
    ours = {**(extra or {}), **({"dangan_serve": serve} if serve else {})}
    if ours:
        kwargs["extra"] = {**(raw.get("extra") or {}), **ours}
    return config_file, kwargs


# Material's own search (lunr and its worker, 2.3 MB) is never used: the archive has its own.
UNUSED_THEME_ASSETS = ("assets/javascripts/lunr", "assets/javascripts/workers")


def drop_unused_theme_assets(site: Path) -> None:
    for rel in UNUSED_THEME_ASSETS:
        shutil.rmtree(site / rel, ignore_errors=True)


def build_site(content: Path, out: Path, site_dirs: list[Path], nav: list, source_date_epoch: str, strict: bool = True,
               extra: dict | None = None, site_url: str | None = None) -> Path:
    """Run ``mkdocs build`` on ``content`` into ``out`` (atomically); raise on any warning when strict."""

    out = Path(out).resolve()
    config_file, kwargs = renderer_config(content, out, site_dirs, nav, extra=extra, site_url=site_url)
    tmp = fresh_sibling(out)
    kwargs.update(site_dir=str(tmp), strict=strict)
    try:
        run_mkdocs(str(config_file), kwargs, source_date_epoch)
    finally:
        shutil.rmtree(kwargs["theme"]["custom_dir"], ignore_errors=True)
    drop_unused_theme_assets(tmp)
    replace_dir(tmp, out)
    return out


def serve_site(content: Path, out: Path, site_dirs: list[Path], nav: list, dev_addr: str, corpus: Path, extra: dict | None = None) -> None:
    """MkDocs' development server with live reload of content, templates, overrides and corpus."""
    from mkdocs.commands.serve import serve

    folders = {"corpus": str(Path(corpus).resolve()), "content": str(Path(content).resolve())}
    config_file, kwargs = renderer_config(content, Path(out).resolve(), site_dirs, nav, serve=folders, extra=extra)
    watch = [str(corpus), *(str(d / "templates") for d in site_dirs if (d / "templates").is_dir())]
    serve(str(config_file), livereload=True, dev_addr=dev_addr, watch=watch, **kwargs)



def docs_without(content: Path, unseen: Sequence[str], folder: Path) -> Path:
    """``folder`` made a view of ``content`` without its top-level entries ``unseen``: a symbolic
    link to each of the others (MkDocs follows them; nothing is copied). Always a folder of
    dangan's own, so that removing it afterwards never touches the content."""
    for entry in sorted(os.scandir(content), key=lambda e: e.name):
        if entry.name not in unseen:
            os.symlink(os.path.abspath(entry.path), folder / entry.name, target_is_directory=entry.is_dir())
    return folder


def build_site_sharded(content: Path, out: Path, site_dirs: list[Path], nav: list, source_date_epoch: str, *, digests: Mapping[str, str],
                       prefixes: Sequence[str], publications: Iterable[str], shared: str, dated: str = "", executor,
                       previous: dict | None = None, present: Listing | None = None, unseen: Sequence[str] = (),
                       extra_files: Iterable[tuple[str, FileContent]] = (), extra: dict | None = None, site_url: str | None = None,
                       strict: bool = True) -> tuple[Path, dict, int, str | None]:
    """The site of ``content`` as shards (builder/renderers/mkdocs/shards.py) into ``out``.

    ``digests``: every content file's digest (path → hex); ``shared``: a digest of what every
    page's HTML depends on besides its own Markdown; ``dated``: a digest of the build date,
    which only the trees' home pages print; ``previous``: the state this returned
    last time, when ``out`` is as that build left it (``present``: its listing). With the same shared inputs as then,
    MkDocs renders only the pages whose inputs changed (one run, or one per worker for many)
    and ``out`` is updated in place; else every shard is built into a scratch folder that
    replaces ``out``. ``extra_files``: written into the site after MkDocs (the text files).
    ``unseen``: top-level folders of ``content`` that no page links to (the search index): MkDocs
    is not shown them (every run would walk their files), dangan copies them like every static file.
    Returns the site, the state to keep, how many MkDocs runs there were and, when ``out`` was
    updated in place, its :meth:`Listing.digest` afterwards (known without walking it again)."""
    from .shards import (
        NOT_FOUND,
        SITEMAP,
        STATE_VERSION,
        PageState,
        ShardJob,
        broken_links,
        copy_static,
        delta_jobs,
        is_page,
        merged_sitemap,
        move_outputs,
        page_inputs,
        remove_except,
        run_shard,
        shard_jobs,
        static_files,
        write_sitemap,
    )

    out = Path(out).resolve()
    pages = [p for p in sorted(digests) if is_page(p)]
    inputs = page_inputs(pages, digests, prefixes, dated)
    incremental = previous is not None and previous.get("version") == STATE_VERSION and previous.get("shared") == shared
    old: dict[str, PageState] = previous["pages"] if incremental and previous else {}
    config_file, kwargs = renderer_config(content, out, site_dirs, nav, extra=extra, site_url=site_url)
    shown = docs_without(content, unseen, fresh_sibling(out, "docs"))
    kwargs = {**kwargs, "docs_dir": str(shown), "strict": strict}
    if incremental and previous:
        changed = [p for p in pages if p not in old or old[p].input != inputs[p]]
        specs = delta_jobs(changed, executor.workers)
    else:
        specs = shard_jobs(pages, prefixes, publications)
    staging = out if incremental else fresh_sibling(out)
    touched: set[str] = set()  # files this build wrote into the site
    scratch = [fresh_sibling(out, "shard") for _ in specs]
    try:
        jobs = [ShardJob(name, str(config_file), {**kwargs, "site_dir": str(folder)}, tuple(job_pages), furniture, source_date_epoch)
                for (name, job_pages, furniture), folder in zip(specs, scratch, strict=True)]
        results = executor.map(run_shard, jobs)
        for folder, result in zip(scratch, results, strict=True):
            move_outputs(folder, staging, result.outputs)
            touched.update(result.outputs)
        states = {p: old[p] for p in pages if p in old}
        furniture, frame = (previous["furniture"], previous["frame"]) if incremental and previous else ((), ("", ""))
        for job, result in zip(jobs, results, strict=True):
            dests, entries, links = dict(result.dests), dict(result.sitemap), dict(result.links)
            for page in job.pages:
                states[page] = PageState(inputs[page], dests[page], entries.get(page, ""), tuple(links.get(page, ())))
            if job.furniture:
                own = set(dests.values())
                furniture, frame = tuple(rel for rel in result.outputs if rel not in own), result.frame
        problems = broken_links({page: list(s.links) for page, s in states.items()}, set(digests))
        if problems:
            raise RendererError("broken links between shards: " + "; ".join(problems[:20]) + (f" … ({len(problems)} in all)" if len(problems) > 20 else ""))
        statics = static_files(digests)
        before = (previous or {}).get("digests", {}) if incremental else {}
        there = present.files if incremental and present else None  # the site folder as this build found it: no stat per file
        copied = [p for p in statics if before.get(p) != digests[p] or not (p in there if there is not None else (staging / p).is_file())]
        copy_static(content, staging, copied)
        write_sitemap(staging, merged_sitemap(states, frame, source_date_epoch), source_date_epoch)
        written = update_files(staging, extra_files, (previous or {}).get("texts") if incremental else None, there, touched)
        touched.update(copied, (SITEMAP, SITEMAP + ".gz"))
        keep = {s.dest for s in states.values()} | set(furniture) | set(statics) | set(written)
        keep |= {SITEMAP, SITEMAP + ".gz", NOT_FOUND, *MARKERS.values()}
        removed = remove_except(staging, keep, present if incremental else None)
        if staging != out:
            replace_dir(staging, out)
        listing = listing_after(out, present.files, removed, touched) if incremental and present else None
    except BaseException:
        if staging != out:
            shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        for folder in scratch:
            shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(kwargs["theme"]["custom_dir"], ignore_errors=True)
        shutil.rmtree(shown, ignore_errors=True)  # its links only: rmtree does not follow them
    state = {"version": STATE_VERSION, "shared": shared, "pages": states, "furniture": furniture, "frame": frame,
             "digests": dict(digests), "texts": written}
    return out, state, len(jobs), listing
