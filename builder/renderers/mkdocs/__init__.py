"""The MkDocs (Material) adapter: everything of the builder that knows MkDocs.

- ``dialect``: link style (relative ``.md`` links MkDocs rewrites and checks with ``--strict``)
  and heading ids (attr_list's ``{#id}``);
- ``nav``: the sidebar built from the archive;
- ``site``: the configuration (the packaged or the archive's ``mkdocs.yml``), ``mkdocs build``
  and ``mkdocs serve``;
- ``hooks``: the one hook file: front matter escaped for Material's templates, and the live
  server's re-parse of the corpus.

``mkdocs.yml`` and ``overrides/`` stay at the top of the repository (shipped in the wheel).
"""

from __future__ import annotations

from .. import RendererError
from .commands import build_site, config_used, configured_site_url, serve_site
from .dialect import DIALECT
from .nav import nav, tree_navs

__all__ = ["DIALECT", "RendererError", "build_site", "config_used", "configured_site_url", "nav", "serve_site", "tree_navs"]
