"""The reader-facing trees of the site: the Simplified pages as printed at the root, the same
pages in Traditional characters under ``zh-hant/`` and an English interface under ``en/``.

A tree is a prefix of content paths. Links between pages are relative, so a page copied
into a tree links only inside it; the search index is one for all trees (it folds
Traditional to Simplified) and the search box opens results in the reader's tree.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..model import Archive, DanganError, Diagnostic
from ..resources import data_file, find
from .dialect import Dialect
from .memo import RenderMemo, remembered
from .pages import page_plan

SETTINGS_FILE = "site.yml"
SAFE_PROFILES = ("s2t", "s2hk", "s2tw")  # character conversion; never s2twp (phrase replacement)


@dataclass(frozen=True)
class Tree:
    name: str  # the setting's name: zh-hans, zh-hant, en
    prefix: str  # content path prefix ("" for the root tree)
    lang: str  # BCP 47, for <html lang>
    labels: str  # which labels-<x>.yml the interface takes
    theme_language: str  # Material's own strings
    switch_label: str  # how the switcher names this tree, in its own script
    convert: bool = False  # pages are the Simplified ones converted with OpenCC


TREES = {
    "zh-hans": Tree("zh-hans", "", "zh-Hans", "zh", "zh", "简体"),
    "zh-hant": Tree("zh-hant", "zh-hant/", "zh-Hant", "zh-Hant", "zh-Hant", "繁體", convert=True),
    "en": Tree("en", "en/", "en", "en", "en", "English"),
}


@dataclass(frozen=True)
class TreeSettings:
    trees: tuple[Tree, ...]
    traditional: str = "s2t"
    file: Path | None = None


def parse_tree_settings(data: dict, file: Path) -> TreeSettings:
    """Validate ``site.yml``: the root tree comes first and is always built.

    >>> [t.name for t in parse_tree_settings({"trees": ["en", "zh-hans"]}, Path("site.yml")).trees]
    ['zh-hans', 'en']
    >>> parse_tree_settings({"traditional": "s2twp"}, Path("site.yml"))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    builder.model.DanganError: site.yml:1: error: traditional: 's2twp' is not one of ['s2t', 's2hk', 's2tw'] (a phrase-replacing ...) [site-setting]
    """
    problems = []
    names = data.get("trees") or ["zh-hans", "zh-hant"]
    unknown = [n for n in names if n not in TREES]
    if unknown:
        problems.append(f"trees: unknown {unknown} (known: {sorted(TREES)})")
    profile = data.get("traditional", "s2t")
    if profile not in SAFE_PROFILES:
        problems.append(f"traditional: {profile!r} is not one of {list(SAFE_PROFILES)} (a phrase-replacing profile would change the words of official texts)")
    extra = sorted(set(data) - {"trees", "traditional"})
    if extra:
        problems.append(f"unknown keys {extra} (expected trees, traditional)")
    if problems:
        raise DanganError([Diagnostic("error", "site-setting", p, str(file), 1) for p in problems])
    chosen = ["zh-hans", *(n for n in TREES if n in names and n != "zh-hans")]
    return TreeSettings(tuple(TREES[n] for n in chosen), profile, file)


def load_tree_settings(site_dirs: list[Path]) -> TreeSettings:
    """``site.yml`` of the archive (or the folder the command runs in), else the packaged one."""
    file = find(SETTINGS_FILE, site_dirs)
    if not file.is_file():
        file = data_file(SETTINGS_FILE)
    data = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
    return parse_tree_settings(data, file)


def converter(profile: str) -> Callable[[str], str]:
    """OpenCC's official binding, loaded once per build.

    >>> converter("s2t")("柳政办〔2022〕59号 柳州市人民政府办公室")
    '柳政辦〔2022〕59號 柳州市人民政府辦公室'
    """
    import opencc

    return opencc.OpenCC(f"{profile}.json").convert


def tree_labels(tree: Tree, labels: Mapping[str, str]) -> Mapping[str, str]:
    """A tree's interface labels: the archive's own (``Settings.labels``, Simplified) for the
    root tree, else the packaged ``labels-<language>.yml`` with the same keys. (An archive
    cannot yet give its own Traditional or English labels: builder/settings.py reads only
    labels-zh.yml.)"""
    if tree.labels == "zh":
        return labels
    return yaml.safe_load(data_file(f"labels-{tree.labels}.yml").read_text(encoding="utf-8"))


def strings_js(tree: Tree, labels: Mapping[str, str]) -> str:
    """The search box's strings for one tree (``i18n/<tree>.js``), from its labels."""
    labels = tree_labels(tree, labels)
    strings = {k[len("search_"):]: v for k, v in labels.items() if k.startswith("search_")}
    data = {"tree": tree.prefix, "lang": tree.lang, "strings": strings}
    return ("window.dangan = window.dangan || {};\nwindow.dangan.i18n = "
            + json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + ";\n")


def tree_files(archive: Archive, site_dirs: list[Path], dialect: Dialect, settings: TreeSettings,
               labels: Mapping[str, str], site_url: str | None = None, memo: RenderMemo | None = None) -> tuple[int, Iterator[tuple[str, str]]]:
    """Every page of every tree (count first, then the pages, each rendered once as written):
    a converted tree reuses the Simplified page just rendered instead of rendering again.
    ``memo``: pages (and conversions) of earlier builds, reused when their inputs are the same."""
    root = page_plan(archive, site_dirs, dialect, labels, site_url, memo)
    others = {t.name: page_plan(archive, site_dirs, dialect, tree_labels(t, labels), site_url, memo)
              for t in settings.trees if t.prefix and not t.convert}
    converted = [t for t in settings.trees if t.convert]
    convert = converter(settings.traditional) if converted else None
    count = len(root) * (1 + len(converted)) + sum(len(p) for p in others.values()) + len(settings.trees)

    def files() -> Iterator[tuple[str, str]]:
        for path in sorted(root):
            text = root[path]()
            yield path, text
            if convert:
                for t in converted:
                    yield t.prefix + path, converted_page(memo, convert, settings.traditional, t.prefix, path, text)
        for t in settings.trees:
            plan = others.get(t.name, {})
            for path in sorted(plan):
                yield t.prefix + path, to_root_files(plan[path](), t.prefix, path)
        for t in settings.trees:
            yield f"i18n/{t.name}.js", strings_js(t, labels)

    return count, files()


def converted_page(memo: RenderMemo | None, convert: Callable[[str], str], profile: str, prefix: str, path: str, text: str) -> str:
    """The page ``path`` of the converted tree at ``prefix``: OpenCC's conversion of the
    Simplified page ``text`` with its links to root-tree files repointed; reused from ``memo``
    for the same text (a page not rendered again is not converted again either)."""
    key = ("converted", profile, prefix, path, hashlib.sha256(text.encode("utf-8")).hexdigest())
    return remembered(memo, key, lambda: to_root_files(convert(text), prefix, path))


#: Marks a link to a file that exists once, in the root tree (a document's text.md / text.txt
#: and cite.bib / .ris / .json): the templates write it before the href, relative to the page.
ROOT_FILE = "data-dangan-root "
_ROOT_LINK = re.compile(re.escape(ROOT_FILE) + r'href="([^"]+)"')


def to_root_files(text: str, prefix: str, path: str) -> str:
    """The page ``path`` of the tree at ``prefix`` with its links to root-tree files pointed
    at the root tree's one copy (still relative: from file:// and any host alike).

    >>> to_root_files('<a data-dangan-root href="text.txt">纯文本</a>', "zh-hant/", "lzgb/2024/10/a/index.md")
    '<a data-dangan-root href="../../../../../lzgb/2024/10/a/text.txt">纯文本</a>'
    >>> to_root_files('<a href="text.txt">', "en/", "a/index.md")  # unmarked links stay in the tree
    '<a href="text.txt">'
    """
    if not prefix or ROOT_FILE not in text:
        return text
    here = posixpath.dirname(path)

    def repoint(m: re.Match) -> str:
        target = posixpath.normpath(posixpath.join(here, m[1]))
        return f'{ROOT_FILE}href="{posixpath.relpath(target, posixpath.dirname(prefix + path))}"'

    return _ROOT_LINK.sub(repoint, text)


# labels the theme templates print (switcher, footer, 404), besides the pages' own
FURNITURE = ("home", "archive_name", "footer_built", "footer_data", "not_found_title", "not_found_text",
             "not_found_home", "other_script")


def renderer_trees(settings: TreeSettings, navs: dict[str, list], labels: Mapping[str, str]) -> list[dict]:
    """What the renderer adapter needs of each tree (in ``extra.dangan_trees``)."""
    out = []
    for t in settings.trees:
        own = tree_labels(t, labels)
        out.append({"name": t.name, "prefix": t.prefix, "lang": t.lang, "theme_language": t.theme_language,
                    "label": t.switch_label, "nav": navs[t.name], "labels": {k: own[k] for k in FURNITURE}})
    return out
