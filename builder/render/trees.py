"""The reader-facing trees of the site: the Simplified pages as printed at the root, the same
pages in Traditional characters under ``zh-hant/`` and an English interface under ``en/``.

A tree is a prefix of content paths. Links between pages are relative, so a page copied
into a tree links only inside it; the search index is one for all trees (it folds
Traditional to Simplified) and the search box opens results in the reader's tree.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..model import Archive, DanganError, Diagnostic, KeptText, content_sha256, text_of
from ..resources import data_file, find
from .dialect import Dialect
from .links import to_root_files
from .memo import RenderMemo, remembered_text
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
               labels: Mapping[str, str], site_url: str | None = None, memo: RenderMemo | None = None) -> tuple[int, Iterator[tuple[str, str | KeptText]]]:
    """Every page of every tree (count first, then the pages, each rendered once as written):
    a converted tree reuses the Simplified page just rendered instead of rendering again.
    ``memo``: pages (and conversions) of earlier builds, reused when their inputs are the same."""
    root = page_plan(archive, site_dirs, dialect, labels, site_url, memo)
    others = {t.name: page_plan(archive, site_dirs, dialect, tree_labels(t, labels), site_url, memo, t.prefix)
              for t in settings.trees if t.prefix and not t.convert}
    converted = [t for t in settings.trees if t.convert]
    convert = converter(settings.traditional) if converted else None
    count = len(root) * (1 + len(converted)) + sum(len(p) for p in others.values()) + len(settings.trees)

    def files() -> Iterator[tuple[str, str | KeptText]]:
        for path in sorted(root):
            page = root[path]()
            yield path, page
            if convert:
                for t in converted:
                    yield t.prefix + path, converted_page(memo, convert, settings.traditional, t.prefix, path, page)
        for t in settings.trees:
            plan = others.get(t.name, {})
            for path in sorted(plan):
                yield t.prefix + path, plan[path]()  # its links to root-tree files repointed as it was rendered
        for t in settings.trees:
            yield f"i18n/{t.name}.js", strings_js(t, labels)

    return count, files()


def converted_text(convert: Callable[[str], str], page: str) -> str:
    """OpenCC's conversion of a Simplified page but its front matter, the page's metadata
    record (identifiers, 发文字号, source files, the citation metadata reference managers
    read), which stays as the source prints it, so that a reference made from either tree is
    the same one and names the same files; only its ``title``, shown to the reader, is converted.

    >>> print(converted_text(lambda s: s.replace("发", "發"), "---\\ntitle: 发文\\ndoc_number: 发〔2024〕1号\\n---\\n\\n发文\\n"), end="")
    ---
    title: 發文
    doc_number: 发〔2024〕1号
    ---
    <BLANKLINE>
    發文
    """
    end = page.find("\n---\n", 3) if page.startswith("---\n") else -1
    if end < 0:
        return convert(page)
    lines, in_title = [], False
    for line in page[4:end + 1].splitlines(keepends=True):
        in_title = line.startswith("title:") or (in_title and line.startswith(" "))  # a long title goes on, indented
        lines.append(convert(line) if in_title else line)
    return "---\n" + "".join(lines) + "---\n" + convert(page[end + 5:])


def converted_page(memo: RenderMemo | None, convert: Callable[[str], str], profile: str, prefix: str, path: str,
                   page: str | KeptText) -> str | KeptText:
    """The page ``path`` of the converted tree at ``prefix``: OpenCC's conversion of the
    Simplified ``page`` with its links to root-tree files repointed; reused from ``memo`` for
    the same page (a page not rendered again is neither converted nor read again)."""
    def make() -> str:
        return to_root_files(converted_text(convert, text_of(page)), prefix, path)

    if memo is None:
        return make()
    return remembered_text(memo, ("converted", profile, prefix, path, content_sha256(page)), make)


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
