"""The MkDocs hook file of every dangan build (and the only one).

- Front matter holds the source's characters as data (any renderer can read it). Material
  prints ``page.meta.title`` unescaped in ``<title>`` and the page header, and MkDocs' Jinja
  does not autoescape, so the values are HTML-escaped here, once, as the page is read.
- Trees (``extra.dangan_trees``, see builder/render/trees.py): each page learns its tree
  from its path: ``lang`` for ``<html>``, Material's language, the same page in the other
  trees (the switcher) and the tree's own sidebar, so a reader never leaves the tree.
- ``dangan_head`` (builder/citable/head.py): the page's own metadata for its ``<head>``; its
  JSON-LD is serialised here for a ``<script>`` element (``<``, ``>``, ``&`` as ``\\u003c`` …),
  the rest escaped like any value; ``overrides/partials/dangan-head.html`` writes the tags.
- With ``site_url`` set, every page's canonical URL (``<link rel="canonical">`` and
  ``sitemap.xml``) is the URL it is cited by, ``/…/``, not the file ``/…/index.html``.
- ``dangan serve``: before each rebuild, parse the corpus again when one of its files
  changed, so that editing a raw file or corpus.yml shows on the next reload. The corpus
  and content folders come in ``extra.dangan_serve`` of the configuration.
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path

_seen: dict[str, int] = {}


def escaped(value):
    """A front-matter value with every string HTML-escaped (lists and mappings walked).

    >>> escaped({"title": "<img onerror=x> &lt;", "source_lines": [1, 2], "tags": ["a&b"]})
    {'title': '&lt;img onerror=x&gt; &amp;lt;', 'source_lines': [1, 2], 'tags': ['a&amp;b']}
    """
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, list):
        return [escaped(v) for v in value]
    if isinstance(value, dict):
        return {k: escaped(v) for k, v in value.items()}
    return value


def tree_of(path: str, trees: list[dict]) -> dict | None:
    """The tree a content path belongs to (the longest matching prefix).

    >>> trees = [{"prefix": ""}, {"prefix": "zh-hant/"}]
    >>> tree_of("zh-hant/lzgb/index.md", trees), tree_of("lzgb/index.md", trees)
    ({'prefix': 'zh-hant/'}, {'prefix': ''})
    """
    found = [t for t in trees if path.startswith(t["prefix"])]
    return max(found, key=lambda t: len(t["prefix"])) if found else None


def tree_meta(path: str, url: str, trees: list[dict], files) -> dict:
    """``dangan_lang``, Material's language, the page's counterparts in the other trees and
    whether it is its tree's home page (the footer prints the build date there)."""
    tree = tree_of(path, trees)
    if tree is None:
        return {}
    rest, rest_url = path[len(tree["prefix"]):], url[len(tree["prefix"]):]
    alternates = [{"label": t["label"], "lang": t["lang"], "url": t["prefix"] + rest_url, "current": t is tree}
                  for t in trees if t is tree or files.get_file_from_path(t["prefix"] + rest)]
    return {"dangan_lang": tree["lang"], "dangan_theme_language": tree["theme_language"],
            "dangan_tree": tree["name"], "dangan_ui": tree["labels"], "dangan_alternates": alternates if len(alternates) > 1 else [],
            "dangan_tree_home": rest == "index.md"}


def script_json(value) -> str:
    r"""JSON that cannot end its ``<script>`` element or open a comment or entity in it.

    >>> script_json({"name": "</script><b>&"})
    '{"name": "\\u003c/script\\u003e\\u003cb\\u003e\\u0026"}'
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def cited_url(site_url: str, page_url: str) -> str:
    """The URL a page is cited by: its folder, not its ``index.html``.

    >>> cited_url("https://a.example/archive/", "lzgb/2024/10/x/index.html"), cited_url("https://a.example", "index.html")
    ('https://a.example/archive/lzgb/2024/10/x/', 'https://a.example/')
    """
    path = page_url[: -len("index.html")] if page_url.endswith("index.html") else page_url
    return site_url.rstrip("/") + "/" + path


def on_page_markdown(markdown, page, config, files):
    _current["page"] = page.file.src_uri
    if "dests" in _current:  # a shard: which file each of its pages becomes
        _current["dests"][page.file.src_uri] = page.file.dest_uri
    head = page.meta.pop("dangan_head", None)
    page.meta = escaped(page.meta)
    if head:
        jsonld = head.pop("jsonld", None)
        head = escaped(head)
        if jsonld:
            head["jsonld"] = script_json(jsonld)
        page.meta["dangan_head"] = head
        page.meta.setdefault("description", head.get("description"))
    trees = (config.get("extra") or {}).get("dangan_trees") or []
    page.meta.update(tree_meta(page.file.src_uri, page.file.url, trees, files))
    if config.get("site_url"):
        page.canonical_url = cited_url(config["site_url"], page.url)
    return markdown


def on_files(files, config):
    """Whether the site has a data downloads page (the footer links it then); in a shard
    (builder/renderers/mkdocs/shards.py) every file but the shard's own is excluded: still
    known (links to it resolve and are checked, the sidebar finds it), not rendered or copied."""
    extra = config.get("extra")
    if extra is not None:
        extra["dangan_data_page"] = files.get_file_from_path("data/index.md") is not None
        shard = extra.pop("dangan_shard", None)
        _current.pop("dests", None)
        if shard is not None:
            _current["dests"] = shard["dests"]
            exclude_others(files, config, shard["pages"], shard["furniture"])
            config["markdown_extensions"].append(LinkNotes(shard["links"]))
    return files


def link_targets(page: str, hrefs) -> list[str]:
    """The docs_dir paths of a page's relative links (as MkDocs resolves them; others left out).

    >>> link_targets("a/b/index.md", ["../c/index.md#b1", "https://e.org/", "#top", "d.bib", "javascript:x(", "/abs"])
    ['a/c/index.md', 'a/b/d.bib']
    """
    import posixpath
    from urllib.parse import unquote, urlsplit

    found = []
    for href in hrefs:
        try:
            parts = urlsplit(href)
        except ValueError:
            continue
        if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
            continue
        found.append(posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path))))
    return found


def _link_notes_extension():
    from markdown import Extension
    from markdown.treeprocessors import Treeprocessor

    class Notes(Treeprocessor):
        def __init__(self, md, notes: dict):
            super().__init__(md)
            self.notes = notes

        def run(self, root):
            hrefs = [el.get("href") for el in root.iter("a") if el.get("href")] + [el.get("src") for el in root.iter("img") if el.get("src")]
            self.notes[_current["page"]] = link_targets(_current["page"], hrefs)

    class LinkNotesExtension(Extension):
        def __init__(self, notes: dict):
            super().__init__()
            self.notes = notes

        def extendMarkdown(self, md):
            md.treeprocessors.register(Notes(md, self.notes), "dangan_link_notes", 1)  # before MkDocs rewrites them (0)

    return LinkNotesExtension


_current: dict = {"page": ""}  # the page being rendered; in a shard, where its pages' dests are noted


def LinkNotes(notes: dict):
    """A Markdown extension noting each rendered page's links (``notes``: page → docs_dir paths),
    as Markdown parsed them: what MkDocs checked, for dangan to check again in later builds."""
    return _link_notes_extension()(notes)


def exclude_others(files, config, pages, furniture: bool) -> None:
    """Exclude every page not in ``pages``, every static file of the content (dangan copies
    those) and, unless ``furniture``, the theme's files."""
    from mkdocs.structure.files import InclusionLevel

    docs = config["docs_dir"]
    for file in files:
        keep = file.src_uri in pages if file.is_documentation_page() else furniture and file.src_dir != docs
        if not keep:
            file.inclusion = InclusionLevel.EXCLUDED


def on_nav(nav, config, files):
    """One sidebar per tree besides the configured one (its pages exist by now)."""
    from mkdocs.structure.nav import Navigation, Page, _add_parent_links, _add_previous_and_next_links, _data_to_navigation, _get_by_type

    extra = config.get("extra") or {}
    navs = {}
    for tree in extra.get("dangan_trees") or []:
        if not tree["prefix"]:
            continue
        for item in tree["nav"]:
            titled_as_rendered(files, config, *item.values())
        items = _data_to_navigation(tree["nav"], files, config)
        pages = _get_by_type(items, Page)
        _add_previous_and_next_links(pages)
        _add_parent_links(items)
        navs[tree["name"]] = Navigation(items, pages)
    extra["dangan_navs"] = navs
    return nav


def titled_as_rendered(files, config, path: str) -> None:
    """A tree's sidebar entry shows its page's own title (MkDocs made the page before this hook,
    without the sidebar's title, and reads the title from its front matter). In a shard that
    page is excluded and not read: read its front matter here, escaped as when it is rendered,
    so that the entry reads the same in every shard."""
    from mkdocs.structure.pages import Page

    file = files.get_file_from_path(path)
    if file is not None and file.inclusion.is_excluded() and file.page is None:
        page = Page(None, file, config)
        page.read_source(config)
        page.meta = escaped(page.meta)


def on_page_context(context, page, config, nav):  # MkDocs hook signature: every argument, used or not
    navs = (config.get("extra") or {}).get("dangan_navs") or {}
    tree = page.meta.get("dangan_tree")
    if tree in navs:
        context["nav"] = navs[tree]
    return context


def corpus_stamp(corpus: Path) -> int:
    """The newest modification time of the corpus' files (ns)."""
    return max((p.stat().st_mtime_ns for p in corpus.iterdir() if p.is_file()), default=0)


def on_pre_build(config) -> None:
    serve = (config.get("extra") or {}).get("dangan_serve") if config else None
    if not serve:
        return
    corpus, content = Path(serve["corpus"]), Path(serve["content"])
    stamp = corpus_stamp(corpus)
    if _seen.get(str(corpus), stamp) != stamp:
        from builder.api import refresh_content
        from builder.model import DanganError

        try:
            refresh_content(corpus, content)
        except DanganError as exc:  # keep serving the last good archive; say why
            print(exc)
    _seen[str(corpus)] = stamp
