"""Read a corpus folder: ``corpus.yml`` plus the raw files it names.

Every problem is collected as a Diagnostic naming the manifest and the entry's line; if
any is an error, :class:`DanganError` is raised before anything is parsed or written.

The manifest is untrusted input: the YAML loader refuses aliases (an alias bomb of a few
hundred bytes expands to gigabytes) and duplicate keys, keeps dates as text (checked here as
calendar dates of any year, not by PyYAML), and every file named must lie inside the corpus.
"""

from __future__ import annotations

import calendar
import codecs
import re
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

import yaml

from ..kinds import KINDS as REGISTERED_KINDS
from ..kinds import kind_of
from ..model import DanganError, Diagnostic, PartialDate, Publication, Source
from .decode import DecodeError, decode_bytes

MANIFEST = "corpus.yml"
LICENCE_KEYS = ("licence", "license")  # optional, at the top (every publication) or per publication
TOP_KEYS = {"publications", "sources", *LICENCE_KEYS}
PUBLICATION_KEYS = {"name", "kind", "publisher", "alternate_name", "place", *LICENCE_KEYS}
SOURCE_KEYS = {"file", "publication", "date", "page", "page_name", "id", "format", "encoding"}
KINDS = frozenset(REGISTERED_KINDS)
SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")
MAX_SLUG = 64
MAX_TEXT = 500
MAX_MANIFEST_BYTES = 10_000_000
#: First URL segments the site uses itself; a publication may not take them.
RESERVED_SLUGS = {"issuer", "mention", "doctype", "topic", "series", "year", "month", "az", "search", "assets", "cited", "about", "en", "zh-hant", "data"}


class Mapping(dict):
    """A YAML mapping that knows its line and the line of each key."""

    line: int = 0
    key_lines: dict

    def line_of(self, key) -> int:
        return self.key_lines.get(key, self.line)


class Sequence(list):
    """A YAML sequence that knows its line and the line of each item."""

    line: int = 0
    item_lines: list


# libyaml's parser when PyYAML has it (a tenth of the time at 10,000 sources), else PyYAML's own
_Parser: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class ManifestLoader(_Parser):
    """Safe loader without duplicate keys and without implicit timestamps (aliases: :func:`load_yaml`)."""

    # a class attribute, as PyYAML reads it; its stubs declare it on instances, so no ClassVar
    yaml_implicit_resolvers: dict[Any, list[tuple[str, re.Pattern[str]]]] = {  # noqa: RUF012
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


def _construct_mapping(loader: ManifestLoader, node: yaml.MappingNode) -> Mapping:
    mapping = Mapping()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(None, None, "a key must be a plain value, not a list or mapping", key_node.start_mark) from None
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r} (first at line {mapping.key_lines[key]})", key_node.start_mark)
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = key_node.start_mark.line + 1
    return mapping


def _construct_sequence(loader: ManifestLoader, node: yaml.SequenceNode) -> Sequence:
    seq = Sequence(loader.construct_object(item, deep=True) for item in node.value)
    seq.line = node.start_mark.line + 1
    seq.item_lines = [item.start_mark.line + 1 for item in node.value]
    return seq


ManifestLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
ManifestLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def load_yaml(text: str) -> Any:
    """The manifest's YAML (and the data files' and corrections'): no aliases (``*name``), no
    duplicate keys, dates kept as written, every mapping and sequence knowing its lines.
    Raises ``yaml.YAMLError`` with the line of the problem."""
    refuse_aliases(text)
    return yaml.load(text, Loader=ManifestLoader)


def refuse_aliases(text: str) -> None:
    """Raise at the first alias, refused rather than expanded, so that a few lines cannot
    stand for a billion values (libyaml's parser composes them before any code of ours runs)."""
    if "*" not in text:  # no alias without one
        return
    for event in yaml.parse(text, Loader=ManifestLoader):
        if isinstance(event, yaml.AliasEvent):
            raise yaml.composer.ComposerError(None, None, "aliases (*name) are not allowed; write the value out", event.start_mark)  # type: ignore[arg-type]


class Problems(list):
    """The diagnostics of one manifest, all naming it."""

    def __init__(self, path: str):
        super().__init__()
        self.path = path

    def error(self, code: str, message: str, line: int | None) -> None:
        self.append(Diagnostic("error", code, message, self.path, line))


def shape_of(value) -> str:
    """How a wrong value is named in a message.

    >>> shape_of([1]), shape_of({"a": 1}), shape_of(True), shape_of(3)
    ('a list', 'a mapping', 'true/false', 'a number')
    """
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    return repr(value)


def text_value(entry: Mapping, key: str, where: str, problems: Problems, required: bool = False) -> str | None:
    """A text field: absent (None), or a non-empty string of at most MAX_TEXT characters."""
    value = entry.get(key)
    line = entry.line_of(key)
    if value is None:
        if required:
            problems.error(f"manifest-{key.replace('_', '-')}", f"{where}: {key} is required", line)
        return None
    if not isinstance(value, str):
        problems.error("manifest-type", f"{where}: {key} must be text, got {shape_of(value)} (quote it if it is meant as text)", line)
        return None
    if not value.strip():
        problems.error("manifest-type", f"{where}: {key} is empty", line)
        return None
    if len(value) > MAX_TEXT or "\n" in value.strip():
        problems.error("manifest-type", f"{where}: {key} must be one line of at most {MAX_TEXT} characters", line)
        return None
    return value.strip()


def slug_error(value, what: str) -> str | None:
    """Why ``value`` cannot be a URL segment, or None.

    >>> slug_error("lzgb", "slug") is None
    True
    >>> slug_error("a" * 65, "slug")
    'slug must be at most 64 characters, got 65'
    >>> slug_error(["x"], "slug")
    'slug must be lower-case ASCII letters, digits and -, got a list'
    """
    if not isinstance(value, (str, int)) or isinstance(value, bool) or not SLUG.fullmatch(str(value).lower()):
        return f"{what} must be lower-case ASCII letters, digits and -, got {shape_of(value)}"
    if len(str(value)) > MAX_SLUG:
        return f"{what} must be at most {MAX_SLUG} characters, got {len(str(value))}"
    return None


def calendar_date(value) -> PartialDate:
    """A year, month or day of the calendar, any year from 1 to 9999; ValueError says why not.

    >>> calendar_date("1949-10-01"), calendar_date(2024), calendar_date("2024-02-29")
    (PartialDate(year=1949, month=10, day=1), PartialDate(year=2024, month=None, day=None), PartialDate(year=2024, month=2, day=29))
    >>> calendar_date("2025-02-30")
    Traceback (most recent call last):
    ValueError: not a calendar date: '2025-02-30' (February 2025 has 28 days)
    >>> calendar_date("2024-13-40")
    Traceback (most recent call last):
    ValueError: month out of range: '2024-13-40'
    """
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ValueError(f"date must be YYYY, YYYY-MM or YYYY-MM-DD, got {shape_of(value)}")
    date = PartialDate.parse(str(value))
    if date.year < 1:
        raise ValueError(f"year out of range: {value!r}")
    if date.day is not None and date.month is not None:  # a day always comes with its month
        days = calendar.monthrange(date.year, date.month)[1]
        if date.day > days:
            raise ValueError(f"not a calendar date: {value!r} ({calendar.month_name[date.month]} {date.year} has {days} days)")
    return date


def inside_corpus(corpus: Path, file: str) -> tuple[Path | None, str | None]:
    """The path of a manifest ``file:`` entry, or why it is refused (outside the corpus folder).

    >>> inside_corpus(Path("/c"), "../etc/passwd")[1]
    "'../etc/passwd' leaves the corpus folder ('..' is not allowed)"
    >>> inside_corpus(Path("/c"), "/etc/passwd")[1]
    "'/etc/passwd' is an absolute path; name files relative to the corpus folder"
    """
    if PurePosixPath(file).is_absolute() or PureWindowsPath(file).is_absolute() or PureWindowsPath(file).drive:
        return None, f"{file!r} is an absolute path; name files relative to the corpus folder"
    if ".." in PurePosixPath(file.replace("\\", "/")).parts:
        return None, f"{file!r} leaves the corpus folder ('..' is not allowed)"
    path = corpus / file
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError, ValueError):
        return None, f"{file!r} cannot be resolved (a symlink loop?)"
    if not resolved.is_relative_to(corpus.resolve()):
        return None, f"{file!r} is a symlink to {resolved}, outside the corpus folder"
    return path, None


def load_manifest(manifest: Path) -> Mapping:
    """Parse corpus.yml; DanganError (one line, with the line) when it is not a YAML mapping."""
    mpath = str(manifest)
    if not manifest.is_file():
        raise DanganError([Diagnostic("error", "manifest-missing", f"no {MANIFEST} in {manifest.parent}", mpath)])
    data = manifest.read_bytes()
    if len(data) > MAX_MANIFEST_BYTES:
        raise DanganError([Diagnostic("error", "manifest-size", f"{len(data)} bytes is too large for a manifest", mpath)])
    try:
        tree = load_yaml(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        from .decode import line_of

        raise DanganError([Diagnostic("error", "manifest-encoding", f"corpus.yml must be UTF-8 (byte {exc.start})", mpath, line_of(data, exc.start))]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise DanganError([Diagnostic("error", "manifest-syntax", f"not valid YAML: {' '.join(str(problem).split())}",
                                      mpath, mark.line + 1 if mark else None)]) from None
    except RecursionError:
        raise DanganError([Diagnostic("error", "manifest-syntax", "not valid YAML: nested too deeply", mpath)]) from None
    if not isinstance(tree, Mapping):
        raise DanganError([Diagnostic("error", "manifest-shape", "the manifest must be a mapping with publications and sources", mpath, 1)])
    return tree


def licence_value(entry: Mapping, where: str, problems: Problems) -> str | None:
    """The licence a mapping states, under either spelling (a text field like the others)."""
    return next((v for k in LICENCE_KEYS if (v := text_value(entry, k, where, problems))), None)


def read_publication(slug, entry, line: int, problems: Problems, default_licence: str | None = None) -> Publication | None:
    where = f"publication {slug!r}"
    if not isinstance(entry, Mapping):
        problems.error("manifest-publication", f"{where} must be a mapping with name and kind, got {shape_of(entry)}", line)
        return None
    if (why := slug_error(slug, "publication slug")):
        problems.error("manifest-slug", why, line)
    elif slug in RESERVED_SLUGS:
        problems.error("manifest-slug", f"publication slug {slug!r} is reserved for the site's own pages", line)
    for key in sorted(set(entry) - PUBLICATION_KEYS, key=str):
        problems.error("manifest-unknown-key", f"{where}: unknown key {key!r} (expected {sorted(PUBLICATION_KEYS)})", entry.line_of(key))
    kind = entry.get("kind")
    if not isinstance(kind, str) or kind not in KINDS:
        problems.error("manifest-kind", f"{where}: kind must be {' or '.join(sorted(KINDS))}, got {shape_of(kind)}", entry.line_of("kind"))
        kind = ""
    name = text_value(entry, "name", where, problems, required=True)
    return Publication(
        slug=str(slug),
        name=name or "",
        kind=kind,
        publisher=text_value(entry, "publisher", where, problems),
        alternate_name=text_value(entry, "alternate_name", where, problems),
        place=text_value(entry, "place", where, problems),
        licence=licence_value(entry, where, problems) or default_licence,
    )


def read_publications(tree: Mapping, problems: Problems) -> dict[str, Publication]:
    pubs = tree.get("publications")
    if not isinstance(pubs, Mapping) or not pubs:
        problems.error("manifest-publications", "publications must map slugs to {name, kind}", tree.line_of("publications"))
        return {}
    found = {}
    licence = licence_value(tree, "manifest", problems)
    for slug, entry in pubs.items():
        pub = read_publication(slug, entry, pubs.line_of(slug), problems, licence)
        if pub is not None:
            found[pub.slug] = pub
    return found


def read_source(corpus: Path, entry: Mapping, publications: dict[str, Publication], seen: dict[Path, int], problems: Problems) -> Source | None:
    line = entry.line
    file = entry.get("file")
    if not isinstance(file, str) or not file.strip():
        problems.error("manifest-file", f"source without file (got {shape_of(file)})" if file is not None else "source without file", line)
        return None
    where = f"source {file!r}"
    for key in sorted(set(entry) - SOURCE_KEYS, key=str):
        problems.error("manifest-unknown-key", f"{where}: unknown key {key!r} (expected {sorted(SOURCE_KEYS)})", entry.line_of(key))
    path, why = inside_corpus(corpus, file)
    if path is None:
        assert why is not None  # inside_corpus gives its reason with every refusal
        problems.error("source-outside", why, line)
        return None
    key = path.resolve()
    if key in seen:
        problems.error("manifest-duplicate", f"{file!r} is listed twice (also at line {seen[key]})", line)
        return None
    seen[key] = line
    slug = entry.get("publication")
    pub = publications.get(slug) if isinstance(slug, str) else None
    if pub is None:
        got = repr(slug) if isinstance(slug, str) or slug is None else shape_of(slug)
        problems.error("manifest-publication", f"{where}: unknown publication {got} (known: {sorted(publications)})", entry.line_of("publication"))
    page = entry.get("page")
    if page is not None and (not isinstance(page, int) or isinstance(page, bool) or not 1 <= page <= 100_000):
        problems.error("manifest-page", f"{where}: page must be a positive whole number, got {shape_of(page)}", entry.line_of("page"))
        page = None
    ident = entry.get("id")
    if ident is not None and (why := slug_error(ident, f"{where}: id")):
        problems.error("manifest-id", why.replace("lower-case ", ""), entry.line_of("id"))
        ident = None
    date = None
    if entry.get("date") is not None:
        try:
            date = calendar_date(entry["date"])
        except ValueError as exc:
            problems.error("manifest-date", f"{where}: {exc}", entry.line_of("date"))
    page_name = text_value(entry, "page_name", where, problems)
    fmt = entry.get("format")
    formats = kind_of(pub.kind).formats if pub is not None and pub.kind in KINDS else ()
    if fmt is not None and fmt not in formats:
        problems.error("manifest-format", f"{where}: format must be one of {', '.join(formats) or '(none for this kind)'}, got {shape_of(fmt)}",
                       entry.line_of("format"))
    encoding = text_value(entry, "encoding", where, problems)
    if encoding:
        try:
            encoding = codecs.lookup(encoding).name
        except LookupError:
            problems.error("manifest-encoding", f"{where}: unknown encoding {encoding!r} (e.g. utf-8, gb18030, big5, utf-16)", entry.line_of("encoding"))
            encoding = None
    try:
        if not path.is_file():
            problems.error("source-missing", f"{where} does not exist in {corpus}" if not path.exists() else f"{where} is not a file", line)
            return None
        text, encoding = decode_bytes(path.read_bytes(), encoding)
    except DecodeError as exc:
        problems.append(Diagnostic("error", "source-encoding", f"{file!r}: {exc}", str(path), exc.line))
        return None
    except OSError as exc:
        problems.error("source-unreadable", f"{where} cannot be read: {exc.strerror}", line)
        return None
    if not text.strip(" \t\n\u3000\u200b\u00a0"):
        problems.append(Diagnostic("error", "source-empty",
                                   f"{file!r} is empty (no text to publish); remove it from {MANIFEST} or fix the extraction", str(path), 1))
        return None
    if pub is None:
        return None
    return Source(
        path=path, publication=pub, text=text, encoding=encoding, manifest_line=line,
        date=date, page=page, page_name=page_name,
        id=str(ident).lower() if ident is not None else None, format=fmt,
    )


def read_corpus(corpus: Path) -> tuple[tuple[Publication, ...], tuple[Source, ...]]:
    """Read and validate a corpus folder; raise DanganError listing every problem found."""
    corpus = Path(corpus)
    if not corpus.is_dir():
        raise DanganError([Diagnostic("error", "corpus-missing", f"no corpus folder {corpus}", str(corpus))])
    manifest = corpus / MANIFEST
    tree = load_manifest(manifest)
    problems = Problems(str(manifest))
    for key in sorted(set(tree) - TOP_KEYS, key=str):
        problems.error("manifest-unknown-key", f"unknown key {key!r} (expected {sorted(TOP_KEYS)})", tree.line_of(key))
    publications = read_publications(tree, problems)
    entries = tree.get("sources")
    if not isinstance(entries, Sequence) or not entries:
        problems.error("manifest-sources", "sources must be a non-empty list", tree.line_of("sources"))
        entries = Sequence()
        entries.item_lines = []
    sources: list[Source] = []
    seen: dict[Path, int] = {}
    for entry, line in zip(entries, entries.item_lines, strict=True):
        if not isinstance(entry, Mapping):
            problems.error("manifest-source", f"each source must be a mapping with file and publication, got {shape_of(entry)}", line)
            continue
        if (source := read_source(corpus, entry, publications, seen, problems)) is not None:
            sources.append(source)
    if any(p.level == "error" for p in problems):
        raise DanganError(problems)
    return tuple(publications[k] for k in sorted(publications)), tuple(sources)
