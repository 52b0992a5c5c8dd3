"""Read a corpus folder: ``corpus.yml`` plus the raw files it names.

Every problem is collected as a Diagnostic naming the manifest and the entry's line; if
any is an error, :class:`DanganError` is raised before anything is parsed or written.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

from ..kinds import KINDS as REGISTERED_KINDS, kind_of
from ..model import DanganError, Diagnostic, PartialDate, Publication, Source
from .decode import decode_bytes

MANIFEST = "corpus.yml"
LICENCE_KEYS = ("licence", "license")  # optional, at the top (every publication) or per publication
TOP_KEYS = {"publications", "sources", *LICENCE_KEYS}
PUBLICATION_KEYS = {"name", "kind", "publisher", "alternate_name", "place", *LICENCE_KEYS}
SOURCE_KEYS = {"file", "publication", "date", "page", "page_name", "id", "format"}
KINDS = frozenset(REGISTERED_KINDS)
SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")
#: First URL segments the site uses itself; a publication may not take them.
RESERVED_SLUGS = {"issuer", "mention", "doctype", "topic", "series", "year", "month", "az", "search", "assets", "cited", "about", "en", "zh-hant", "data"}


class _LineLoader(yaml.SafeLoader):
    """A safe loader that records the line of every mapping (as ``__line__``)."""


def _construct_mapping(loader, node, deep=False):
    mapping = yaml.SafeLoader.construct_mapping(loader, node, deep=deep)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _date(value, path: str, line: int, problems: list[Diagnostic]) -> PartialDate | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return PartialDate(value.year, value.month, value.day)
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str):
        try:
            return PartialDate.parse(value)
        except ValueError as exc:
            problems.append(Diagnostic("error", "manifest-date", str(exc), path, line))
            return None
    problems.append(Diagnostic("error", "manifest-date", f"date must be YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}", path, line))
    return None


def _licence(mapping: dict) -> str | None:
    """The licence a manifest mapping states (either spelling), if any.

    >>> _licence({"license": " CC BY 4.0 "}), _licence({"licence": "公有领域"}), _licence({})
    ('CC BY 4.0', '公有领域', None)
    """
    value = next((mapping[k] for k in LICENCE_KEYS if mapping.get(k)), None)
    return str(value).strip() if value else None


def read_corpus(corpus: Path) -> tuple[tuple[Publication, ...], tuple[Source, ...]]:
    """Read and validate a corpus folder; raise DanganError listing every problem found."""
    corpus = Path(corpus)
    manifest = corpus / MANIFEST
    mpath = str(manifest)
    if not manifest.is_file():
        raise DanganError([Diagnostic("error", "manifest-missing", f"no {MANIFEST} in {corpus}", mpath)])
    try:
        data = yaml.load(manifest.read_text(encoding="utf-8"), Loader=_LineLoader)
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DanganError([Diagnostic("error", "manifest-syntax", f"not valid YAML: {exc}", mpath, mark.line + 1 if mark else None)])
    problems: list[Diagnostic] = []
    if not isinstance(data, dict):
        raise DanganError([Diagnostic("error", "manifest-shape", "the manifest must be a mapping with publications and sources", mpath)])
    for key in sorted(set(data) - TOP_KEYS - {"__line__"}):
        problems.append(Diagnostic("error", "manifest-unknown-key", f"unknown key {key!r} (expected {sorted(TOP_KEYS)})", mpath, data["__line__"]))

    publications: dict[str, Publication] = {}
    pubs = data.get("publications")
    if not isinstance(pubs, dict) or not pubs:
        problems.append(Diagnostic("error", "manifest-publications", "publications must map slugs to {name, kind}", mpath))
        pubs = {}
    for slug, entry in pubs.items():
        if slug == "__line__":
            continue
        line = entry.get("__line__") if isinstance(entry, dict) else pubs["__line__"]
        if not isinstance(entry, dict):
            problems.append(Diagnostic("error", "manifest-publication", f"publication {slug!r} must be a mapping", mpath, line))
            continue
        if not isinstance(slug, str) or not SLUG.fullmatch(slug):
            problems.append(Diagnostic("error", "manifest-slug", f"publication slug {slug!r} must be lower-case ASCII letters, digits and '-'", mpath, line))
        elif slug in RESERVED_SLUGS:
            problems.append(Diagnostic("error", "manifest-slug", f"publication slug {slug!r} is reserved for the site's own pages", mpath, line))
        for key in sorted(set(entry) - PUBLICATION_KEYS - {"__line__"}):
            problems.append(Diagnostic("error", "manifest-unknown-key", f"publication {slug!r}: unknown key {key!r}", mpath, line))
        if entry.get("kind") not in KINDS:
            problems.append(Diagnostic("error", "manifest-kind", f"publication {slug!r}: kind must be {' or '.join(sorted(KINDS))}, got {entry.get('kind')!r}", mpath, line))
        if not isinstance(entry.get("name"), str) or not entry["name"].strip():
            problems.append(Diagnostic("error", "manifest-name", f"publication {slug!r}: name is required", mpath, line))
        publications[str(slug)] = Publication(
            slug=str(slug),
            name=str(entry.get("name", "")).strip(),
            kind=str(entry.get("kind", "")),
            publisher=entry.get("publisher"),
            alternate_name=entry.get("alternate_name"),
            place=entry.get("place"),
            licence=_licence(entry) or _licence(data),
        )

    sources: list[Source] = []
    entries = data.get("sources")
    if not isinstance(entries, list) or not entries:
        problems.append(Diagnostic("error", "manifest-sources", "sources must be a non-empty list", mpath))
        entries = []
    seen: dict[str, int] = {}
    for entry in entries:
        if not isinstance(entry, dict):
            problems.append(Diagnostic("error", "manifest-source", f"each source must be a mapping, got {entry!r}", mpath))
            continue
        line = entry["__line__"]
        label = entry.get("file", "?")
        for key in sorted(set(entry) - SOURCE_KEYS - {"__line__"}):
            problems.append(Diagnostic("error", "manifest-unknown-key", f"source {label!r}: unknown key {key!r} (expected {sorted(SOURCE_KEYS)})", mpath, line))
        file = entry.get("file")
        if not isinstance(file, str) or not file:
            problems.append(Diagnostic("error", "manifest-file", "source without file", mpath, line))
            continue
        if file in seen:
            problems.append(Diagnostic("error", "manifest-duplicate", f"{file!r} is listed twice (also at line {seen[file]})", mpath, line))
            continue
        seen[file] = line
        pub = publications.get(entry.get("publication"))
        if pub is None:
            problems.append(Diagnostic("error", "manifest-publication", f"source {file!r}: unknown publication {entry.get('publication')!r} (known: {sorted(publications)})", mpath, line))
        page = entry.get("page")
        if page is not None and (not isinstance(page, int) or isinstance(page, bool) or page < 1):
            problems.append(Diagnostic("error", "manifest-page", f"source {file!r}: page must be a positive whole number, got {page!r}", mpath, line))
            page = None
        ident = entry.get("id")
        if ident is not None and not (isinstance(ident, (str, int)) and SLUG.fullmatch(str(ident).lower())):
            problems.append(Diagnostic("error", "manifest-id", f"source {file!r}: id must be ASCII letters, digits and '-', got {ident!r}", mpath, line))
        date = _date(entry.get("date"), mpath, line, problems)
        fmt = entry.get("format")
        formats = kind_of(pub.kind).formats if pub is not None and pub.kind in KINDS else ()
        if fmt is not None and fmt not in formats:
            problems.append(Diagnostic("error", "manifest-format", f"source {file!r}: format must be one of {', '.join(formats) or '(none for this kind)'}, got {fmt!r}", mpath, line))
        path = corpus / file
        if not path.is_file():
            problems.append(Diagnostic("error", "source-missing", f"source {file!r} does not exist in {corpus}", mpath, line))
            continue
        try:
            text, encoding = decode_bytes(path.read_bytes())
        except UnicodeDecodeError as exc:
            problems.append(Diagnostic("error", "source-encoding", f"{file!r} is neither UTF-8 nor GB18030 (byte {exc.start})", str(path)))
            continue
        if pub is None:
            continue
        sources.append(Source(
            path=path, publication=pub, text=text, encoding=encoding, manifest_line=line,
            date=date, page=page, page_name=entry.get("page_name"),
            id=str(ident).lower() if ident is not None else None, format=fmt,
        ))
    if any(p.level == "error" for p in problems):
        raise DanganError(problems)
    return tuple(publications[k] for k in sorted(publications)), tuple(sources)
