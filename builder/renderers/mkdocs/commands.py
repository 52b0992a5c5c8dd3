"""The MkDocs configuration, ``mkdocs build`` and ``mkdocs serve``."""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from ...resources import default_root, find
from ...write import MARKERS, fresh_sibling, merge_dirs, replace_dir, update_files
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



def build_site_sharded(content: Path, out: Path, site_dirs: list[Path], nav: list, source_date_epoch: str, *, digests: Mapping[str, str],
                       prefixes: Sequence[str], publications: Iterable[str], shared: str, executor, previous: dict | None = None,
                       extra_files: Iterable[tuple[str, str | bytes]] = (), extra: dict | None = None, site_url: str | None = None,
                       strict: bool = True) -> tuple[Path, dict, int]:
    """The site of ``content`` as shards (builder/renderers/mkdocs/shards.py) into ``out``.

    ``digests``: every content file's digest (path → hex); ``shared``: a digest of what every
    page's HTML depends on besides its own Markdown; ``previous``: the state this returned
    last time, when ``out`` is as that build left it: then only the shards whose inputs
    changed are built and ``out`` is updated in place; else every shard is built into a
    scratch folder that replaces ``out``. ``extra_files``: written into the site after
    MkDocs (the text files). Returns the site, the state to keep, and how many shards ran."""
    from .shards import (
        HOME_SHARD,
        NOT_FOUND,
        SITEMAP,
        ShardJob,
        broken_links,
        copy_static,
        is_page,
        merged_sitemap,
        move_outputs,
        remove_except,
        run_shard,
        shard_of,
        static_files,
        write_sitemap,
    )

    out = Path(out).resolve()
    publications = set(publications)
    groups: dict[str, list[str]] = {HOME_SHARD: []}
    for path in sorted(digests):
        if is_page(path):
            groups.setdefault(shard_of(path, prefixes, publications), []).append(path)
    inputs = {name: hashlib.sha256(repr((shared, [(p, digests[p]) for p in pages])).encode()).hexdigest() for name, pages in groups.items()}
    old = (previous or {}).get("shards", {})
    todo = [name for name in sorted(groups) if name not in old or old[name]["inputs"] != inputs[name]]
    config_file, kwargs = renderer_config(content, out, site_dirs, nav, extra=extra, site_url=site_url)
    staging = out if previous is not None else fresh_sibling(out)
    scratch = [fresh_sibling(out, "shard") for _ in todo]
    try:
        jobs = [ShardJob(name, str(config_file), {**kwargs, "site_dir": str(folder), "strict": strict}, tuple(groups[name]),
                         name == HOME_SHARD, source_date_epoch) for name, folder in zip(todo, scratch, strict=True)]
        results = executor.map(run_shard, jobs)
        for folder, result in zip(scratch, results, strict=True):
            move_outputs(folder, staging, result.outputs)
        shards = {name: {"inputs": inputs[name], "result": old[name]["result"]} for name in groups if name not in todo}
        shards.update({r.name: {"inputs": inputs[r.name], "result": r} for r in results})
        problems = broken_links({page: targets for s in shards.values() for page, targets in s["result"].links}, set(digests))
        if problems:
            raise RendererError("broken links between shards: " + "; ".join(problems[:20]) + (f" … ({len(problems)} in all)" if len(problems) > 20 else ""))
        statics = static_files(digests)
        before = (previous or {}).get("digests", {})
        copy_static(content, staging, [p for p in statics if before.get(p) != digests[p] or not (staging / p).is_file()])
        frame = shards[HOME_SHARD]["result"].frame
        write_sitemap(staging, merged_sitemap((s["result"] for s in shards.values()), frame), source_date_epoch)
        written = update_files(staging, extra_files, (previous or {}).get("texts") if previous is not None else None)
        keep = {rel for s in shards.values() for rel in s["result"].outputs} | set(statics) | set(written)
        keep |= {SITEMAP, SITEMAP + ".gz", NOT_FOUND, *MARKERS.values()}
        remove_except(staging, keep)
        if staging != out:
            replace_dir(staging, out)
    except BaseException:
        if staging != out:
            shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        for folder in scratch:
            shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(kwargs["theme"]["custom_dir"], ignore_errors=True)
    return out, {"shared": shared, "shards": shards, "digests": dict(digests), "texts": written}, len(todo)
