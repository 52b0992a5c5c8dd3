"""Hand the generated content to MkDocs (the renderer) and put the built site in place.

All MkDocs-specific knowledge of the builder is here, in ``mkdocs.yml`` and in
``overrides/``; the content itself is plain Markdown.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

from .resources import default_root, find
from .write import fresh_sibling, merge_dirs, replace_dir


class RendererError(Exception):
    pass


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def renderer_config(content: Path, out: Path, site_dirs: list[Path], nav: list) -> tuple[Path, dict]:
    """The MkDocs config file to use and the settings the build decides itself."""
    from mkdocs.utils import yaml_load

    config_file = find("mkdocs.yml", site_dirs)
    with open(config_file, encoding="utf-8") as f:
        raw = yaml_load(f) or {}
    overrides = merge_dirs(fresh_sibling(out, "overrides"), [default_root() / "overrides", *(d / "overrides" for d in site_dirs)])
    theme = dict(raw.get("theme") or {"name": "material"})
    theme["custom_dir"] = str(overrides)
    kwargs = {"docs_dir": str(Path(content).resolve()), "theme": theme}
    if "nav" not in raw:
        kwargs["nav"] = nav
    return config_file, kwargs


def build_site(content: Path, out: Path, site_dirs: list[Path], nav: list, source_date_epoch: str, strict: bool = True) -> Path:
    """Run ``mkdocs build`` on ``content`` into ``out`` (atomically); raise on any warning when strict."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    out = Path(out).resolve()
    config_file, kwargs = renderer_config(content, out, site_dirs, nav)
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
    replace_dir(tmp, out)
    return out


def serve_site(content: Path, out: Path, site_dirs: list[Path], nav: list, dev_addr: str, corpus: Path) -> None:
    """MkDocs' development server with live reload of content, templates, overrides and corpus."""
    from mkdocs.commands.serve import serve

    config_file, kwargs = renderer_config(content, Path(out).resolve(), site_dirs, nav)
    # the one hook file: before each rebuild, re-parse the corpus if its files changed
    os.environ["DANGAN_SERVE_CORPUS"] = str(Path(corpus).resolve())
    os.environ["DANGAN_SERVE_CONTENT"] = str(Path(content).resolve())
    kwargs["hooks"] = [str(Path(__file__).resolve().parent / "serve_hook.py")]
    serve(str(config_file), livereload=True, dev_addr=dev_addr, watch=[str(corpus), *(str(d / "templates") for d in site_dirs if (d / "templates").is_dir())], **kwargs)
