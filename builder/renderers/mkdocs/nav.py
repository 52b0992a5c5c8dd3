"""MkDocs' ``nav``: a short sidebar of home, publications and indexes."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from ...index import TAXONOMIES
from ...model import Archive
from ...render import links

NAV_TAXONOMIES = ("issuer", "topic", "doctype", "series", "year")


def nav(archive: Archive, labels: Mapping[str, str]) -> list:
    """Home, publications, indexes; never the documents themselves, so no page carries a
    list that grows with the archive. Titles are HTML-escaped here because Material prints
    nav titles unescaped (a publication name is manifest text and shows on every page)."""
    items: list = [(labels["home"], links.HOME)]
    items += [(p.name, links.publication_path(p.slug)) for p in archive.publications]
    present = {t.taxonomy for t in archive.terms}
    items += [(labels.get(t.name, t.label), links.taxonomy_path(t.name)) for t in TAXONOMIES if t.name in present and t.name in NAV_TAXONOMIES]
    items.append((labels["az"], links.AZ))
    if any(r.target is None for r in archive.relations):
        items.append((labels["cited"], links.cited_path(None)))
    return [{escape(title, quote=False): path} for title, path in items]


def tree_navs(archive: Archive, settings, labels: Mapping[str, str]) -> dict[str, list]:
    """The sidebar of each tree (``settings``: render.trees.TreeSettings): its labels, its
    script, its paths, so that a reader in one tree never leaves it through the sidebar."""
    from ...render.trees import converter, tree_labels

    navs = {}
    for tree in settings.trees:
        base = nav(archive, labels if tree.convert else tree_labels(tree, labels))
        convert = converter(settings.traditional) if tree.convert else (lambda s: s)
        navs[tree.name] = [{convert(title): tree.prefix + path for title, path in item.items()} for item in base]
    return navs
