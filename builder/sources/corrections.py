"""Read ``corrections.yml`` beside the corpus: the archivist's corrections, validated later
against what was parsed (see :mod:`builder.corrections`). Only input I/O here."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from ..model import DanganError, Diagnostic
from .manifest import Mapping, load_yaml

CORRECTIONS = "corrections.yml"


@dataclass(frozen=True)
class Correction:
    """One correction: which article (source and a line inside it, or a line range), what to set;
    or (``action``) a split of one article at a source line, or a merge of two consecutive ones."""

    source: str
    first: int | None
    last: int | None
    set: tuple[tuple[str, object], ...]
    note: str | None
    line: int  # in corrections.yml
    path: str
    action: str = "set"  # "set", "split" (at: the cut line) or "merge" (at: a line in each article)
    at: tuple[int, ...] = ()
    second_title: str | None = None  # split: the second part's title (else derived and flagged)


def _range(value) -> tuple[int | None, int | None]:
    if value is None:
        return None, None
    if isinstance(value, int) and not isinstance(value, bool):
        return value, value
    first, _, last = str(value).partition("-")
    return int(first), int(last or first)


def _is_line(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _structural(entry: dict, action: str) -> str | None:
    """What is wrong with an entry's value (None when its shape is right).

    >>> _structural({"set": {"title": "x"}}, "set"), _structural({"split": "12"}, "split")
    (None, "split must be a source line number, got '12'")
    >>> _structural({"merge": [3, 3]}, "merge")
    'merge must be two source line numbers in two consecutive articles, [first, second], got [3, 3]'
    """
    value = entry[action]
    if action == "set" and not isinstance(value, dict):
        return "set must be a mapping of field: value"
    if action == "split" and not _is_line(value):
        return f"split must be a source line number, got {value!r}"
    if action == "split" and "second_title" in entry and not (isinstance(entry["second_title"], str) and entry["second_title"].strip()):
        return f"second_title must be a text, got {entry['second_title']!r}"
    if action == "merge" and not (isinstance(value, list) and len(value) == 2 and all(map(_is_line, value)) and value[0] < value[1]):
        return f"merge must be two source line numbers in two consecutive articles, [first, second], got {value!r}"
    return None


def read_corrections(corpus: Path) -> tuple[Correction, ...]:
    """The corrections of a corpus (none when it has no corrections.yml); a malformed entry is an error."""
    path = Path(corpus) / CORRECTIONS
    if not path.is_file():
        return ()
    where = str(path)
    try:
        # the manifest's loader: no aliases, no duplicate keys, dates kept as written
        data = load_yaml(path.read_text(encoding="utf-8")) or {}
    except UnicodeDecodeError as exc:
        raise DanganError([Diagnostic("error", "corrections-syntax", f"corrections.yml must be UTF-8 (byte {exc.start})", where)]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise DanganError([Diagnostic("error", "corrections-syntax", f"not valid YAML: {' '.join(str(problem).split())}",
                                      where, mark.line + 1 if mark else None)]) from None
    entries = data.get("corrections") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise DanganError([Diagnostic("error", "corrections-shape", "corrections.yml must hold `corrections:`, a list", where, 1)])
    out, problems = [], []
    for entry in entries:
        line = entry.line if isinstance(entry, Mapping) else 1
        if not isinstance(entry, dict) or not isinstance(entry.get("source"), str):
            problems.append(Diagnostic("error", "corrections-entry", "each correction needs `source:` and one of `set:`, `split:`, `merge:`", where, line))
            continue
        actions = [k for k in ("set", "split", "merge") if k in entry]
        if len(actions) != 1:
            problems.append(Diagnostic("error", "corrections-entry",
                                       "each correction needs exactly one of `set:` (a mapping), `split:` (a line), `merge:` (two lines)", where, line))
            continue
        allowed = {"source", "note", actions[0]} | ({"lines"} if actions == ["set"] else {"second_title"} if actions == ["split"] else set())
        unknown = sorted(set(entry) - allowed, key=str)
        if unknown:
            problems.append(Diagnostic("error", "corrections-entry", f"unknown key {unknown[0]!r} (expected {', '.join(sorted(allowed))})", where, line))
            continue
        problem = _structural(entry, actions[0])
        if problem:
            problems.append(Diagnostic("error", "corrections-entry", problem, where, line))
            continue
        if actions == ["split"]:
            out.append(Correction(entry["source"], None, None, (), entry.get("note"), line, where, "split", (entry["split"],), entry.get("second_title")))
            continue
        if actions == ["merge"]:
            out.append(Correction(entry["source"], None, None, (), entry.get("note"), line, where, "merge", tuple(entry["merge"])))
            continue
        try:
            first, last = _range(entry.get("lines"))
        except ValueError:
            problems.append(Diagnostic("error", "corrections-lines", f"lines must be N or N-M, got {entry.get('lines')!r}", where, line))
            continue
        values = tuple(sorted((str(k), v) for k, v in entry["set"].items()))
        out.append(Correction(entry["source"], first, last, values, entry.get("note"), line, where))
    if problems:
        raise DanganError(problems)
    return tuple(out)
