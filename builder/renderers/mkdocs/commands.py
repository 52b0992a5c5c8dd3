"""The MkDocs configuration, ``mkdocs build`` and ``mkdocs serve``."""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

from ...resources import default_root, find
from ...write import fresh_sibling, merge_dirs, replace_dir
from .. import RendererError

HOOKS = Path(__file__).resolve().parent / "hooks.py"


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


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
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    out = Path(out).resolve()
    config_file, kwargs = renderer_config(content, out, site_dirs, nav, extra=extra, site_url=site_url)
    tmp = fresh_sibling(out)
    kwargs.update(site_dir=str(tmp), strict=strict)
    collector = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = previous or source_date_epoch
    try:
        config = load_config(str(config_file), **kwargs)
        build(config)
    except (Abort, ConfigurationError) as exc:
        raise RendererError("MkDocs failed:\n" + "\n".join(collector.messages or [str(exc)])) from exc
    finally:
        logger.removeHandler(collector)
        if previous is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
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

