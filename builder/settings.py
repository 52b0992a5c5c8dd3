"""The archive's own data: vocabularies and interface labels, read once at the boundary.

Each file is taken from the archive (corpus) folder when it is there, else from the
packaged defaults (``builder/data``):

==========================  ==================================================================
``agencies.yml``            agencies (national, province-level, city patterns); replaces the
                            packaged file, or adds to it with ``use_defaults: true``
``topics.yml``              主题分类 rules; replaces the packaged 21 national classes
``keyword-stopwords.txt``   words never shown as keywords; replaces the packaged list
``labels-zh.yml``           interface labels; each key given replaces the packaged one
==========================  ==================================================================

:func:`load_settings` validates every file (a problem names the file and the line) and
returns one frozen :class:`Settings` that the caller passes to the stages.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import yaml

from .index.topics import Keywords, TopicRules, topic_rules
from .index.vocabulary import AgencyEntry, AgencyVocabulary, Province, placeholders
from .model import DanganError, Diagnostic
from .resources import data_file
from .sources.manifest import Mapping as YamlMapping
from .sources.manifest import load_yaml

AGENCIES, TOPICS, STOPWORDS, LABELS = "agencies.yml", "topics.yml", "keyword-stopwords.txt", "labels-zh.yml"
DATA_FILES = (AGENCIES, TOPICS, STOPWORDS, LABELS)
AGENCY_KEYS = {"name", "aliases", "codes"}
AGENCY_SECTIONS = {"agencies": set(), "province_agencies": {"province", "abbr", "level"},
                   "city_agencies": {"place", "short", "abbr", "level"}}
PROVINCE_KEYS = {"name", "abbr", "cities"}


@dataclass(frozen=True)
class Settings:
    """What the stages take from the archive's own data (or the packaged defaults)."""

    agencies: AgencyVocabulary
    topics: TopicRules
    keywords: Keywords
    labels: Mapping[str, str]
    files: Mapping[str, Path]  # data file name → the file it was read from


def data_path(corpus: Path | None, name: str) -> Path:
    """The archive's own copy of a data file, else the packaged default."""
    own = Path(corpus) / name if corpus is not None else None
    return own if own is not None and own.is_file() else data_file(name)


def load_settings(corpus: Path | None = None) -> Settings:
    """Read and validate the data files of an archive folder (``None``: the packaged ones)."""
    problems: list[Diagnostic] = []
    files = {name: data_path(corpus, name) for name in DATA_FILES}
    agencies = _agencies(files[AGENCIES], problems)
    topics = _topics(files[TOPICS], problems)
    stopwords = _stopwords(files[STOPWORDS], problems)
    labels = _labels(files[LABELS], problems)
    if any(p.level == "error" for p in problems):
        raise DanganError(problems)
    return Settings(agencies, topics, Keywords(stopwords), MappingProxyType(labels), MappingProxyType(files))


def _read_yaml(path: Path, problems: list[Diagnostic]) -> YamlMapping | None:
    """A data file read like the manifest: no aliases, no duplicate keys, every mapping knows its lines."""
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        mark = getattr(exc, "problem_mark", None)
        problems.append(Diagnostic("error", "data-syntax", f"cannot read {path.name}: {exc}", str(path), mark.line + 1 if mark else None))
        return None
    if not isinstance(data, YamlMapping):
        problems.append(Diagnostic("error", "data-shape", f"{path.name} must be a mapping", str(path), 1))
        return None
    return data


def _error(problems: list[Diagnostic], path: Path, line: int | None, message: str) -> None:
    problems.append(Diagnostic("error", "data-invalid", f"{path.name}: {message}", str(path), line))


def _strings(value, what: str, path: Path, line: int, problems: list[Diagnostic]) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        _error(problems, path, line, f"{what} must be a list of names, got {value!r}")
        return ()
    return tuple(v.strip() for v in value)


def _unknown_keys(entry: YamlMapping, allowed: set[str], what: str, path: Path, problems: list[Diagnostic]) -> None:
    for key in sorted(set(entry) - allowed, key=str):
        _error(problems, path, entry.line, f"{what}: unknown key {key!r} (expected {sorted(allowed)})")


def _agencies(path: Path, problems: list[Diagnostic]) -> AgencyVocabulary:
    data = _read_yaml(path, problems)
    if data is None:
        return AgencyVocabulary()
    _unknown_keys(data, {*AGENCY_SECTIONS, "provinces", "use_defaults"}, "top level", path, problems)
    sections: dict[str, tuple[AgencyEntry, ...]] = {}
    for section, allowed in AGENCY_SECTIONS.items():
        entries = []
        for entry in _list(data, section, path, problems):
            name = entry.get("name")
            if not isinstance(name, str) or not name.strip():
                _error(problems, path, entry.line, f"{section}: an entry without a name")
                continue
            _unknown_keys(entry, AGENCY_KEYS, f"{section} {name!r}", path, problems)
            agency = AgencyEntry(name.strip(), _strings(entry.get("aliases"), "aliases", path, entry.line, problems),
                                 _strings(entry.get("codes"), "codes", path, entry.line, problems))
            used = set().union(*(placeholders(t) for t in (agency.name, *agency.aliases, *agency.codes)))
            if used - allowed:
                _error(problems, path, entry.line,
                       f"{section} {name!r}: unknown placeholder(s) {sorted(used - allowed)} (this section knows {sorted(allowed) or 'none'})")
                continue
            entries.append(agency)
        sections[section] = tuple(entries)
    provinces = []
    for entry in _list(data, "provinces", path, problems):
        _unknown_keys(entry, PROVINCE_KEYS, f"province {entry.get('name')!r}", path, problems)
        name, abbr = entry.get("name"), entry.get("abbr")
        if not isinstance(name, str) or not isinstance(abbr, str) or not name or not abbr:
            _error(problems, path, entry.line, "a province needs a name and an abbr (its 机关代字 prefix, e.g. 桂)")
            continue
        provinces.append(Province(name, abbr, _strings(entry.get("cities"), "cities", path, entry.line, problems)))
    own = AgencyVocabulary(sections["agencies"], tuple(provinces), sections["province_agencies"], sections["city_agencies"])
    use_defaults = data.get("use_defaults", False)
    if not isinstance(use_defaults, bool):
        _error(problems, path, data.line, f"use_defaults must be true or false, got {use_defaults!r}")
    if use_defaults is True and path != data_file(AGENCIES):
        base = _agencies(data_file(AGENCIES), problems)
        # the archive's own entries first: a name both give is the archive's
        return AgencyVocabulary(own.agencies + base.agencies, own.provinces + base.provinces,
                                own.province_agencies + base.province_agencies, own.city_agencies + base.city_agencies)
    return own


def _list(data: YamlMapping, key: str, path: Path, problems: list[Diagnostic]) -> list[YamlMapping]:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, YamlMapping) for v in value):
        _error(problems, path, data.line, f"{key} must be a list of mappings")
        return []
    return value


def _topics(path: Path, problems: list[Diagnostic]) -> TopicRules:
    data = _read_yaml(path, problems)
    if data is None:
        return TopicRules((), 3)
    _unknown_keys(data, {"topics", "min_body_hits"}, "top level", path, problems)
    hits = data.get("min_body_hits", 3)
    if not isinstance(hits, int) or isinstance(hits, bool) or hits < 1:
        _error(problems, path, data.line, f"min_body_hits must be a positive whole number, got {hits!r}")
        hits = 3
    topics, keys = [], set()
    for entry in _list(data, "topics", path, problems):
        line = entry.line
        _unknown_keys(entry, {"key", "name", "keywords"}, f"topic {entry.get('name')!r}", path, problems)
        key, name = entry.get("key"), entry.get("name")
        if not isinstance(key, str) or not key or not key.isascii() or not isinstance(name, str) or not name:
            _error(problems, path, line, "a topic needs a key (ASCII, it is in URLs) and a name")
            continue
        if key in keys:
            _error(problems, path, line, f"topic key {key!r} is given twice")
        keys.add(key)
        topics.append({"key": key, "name": name, "keywords": _strings(entry.get("keywords"), "keywords", path, line, problems)})
    if not topics:
        _error(problems, path, data.line, "topics must list at least one topic")
    return topic_rules({"topics": topics, "min_body_hits": hits})


def _stopwords(path: Path, problems: list[Diagnostic]) -> frozenset[str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(Diagnostic("error", "data-syntax", f"cannot read {path.name}: {exc}", str(path)))
        return frozenset()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def _labels(path: Path, problems: list[Diagnostic]) -> dict[str, str]:
    default = data_file(LABELS)
    base = {} if path == default else _labels(default, problems)
    data = _read_yaml(path, problems)
    if data is None:
        return base
    for key, value in data.items():
        line = data.line_of(key)
        if base and key not in base:
            _error(problems, path, line, f"unknown label {key!r} (the packaged {LABELS} lists the keys)")
        elif not isinstance(value, str):
            _error(problems, path, line, f"label {key!r} must be text, got {value!r}")
    return {**base, **{k: str(v) for k, v in data.items()}}
