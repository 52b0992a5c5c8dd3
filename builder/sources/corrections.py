"""Read ``corrections.yml`` beside the corpus: the archivist's corrections, validated later
against what was parsed (see :mod:`builder.corrections`). Only input I/O here."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from ..model import DanganError, Diagnostic
from .manifest import ManifestLoader, Mapping

CORRECTIONS = "corrections.yml"


@dataclass(frozen=True)
class Correction:
    """One correction: which article (source and a line inside it, or a line range), what to set."""

    source: str
    first: int | None
    last: int | None
    set: tuple[tuple[str, object], ...]
    note: str | None
    line: int  # in corrections.yml
    path: str


def _range(value) -> tuple[int | None, int | None]:
    if value is None:
        return None, None
    if isinstance(value, int) and not isinstance(value, bool):
        return value, value
    first, _, last = str(value).partition("-")
    return int(first), int(last or first)


def read_corrections(corpus: Path) -> tuple[Correction, ...]:
    """The corrections of a corpus (none when it has no corrections.yml); a malformed entry is an error."""
    path = Path(corpus) / CORRECTIONS
    if not path.is_file():
        return ()
    where = str(path)
    try:
        # the manifest's loader: no aliases, no duplicate keys, dates kept as written
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=ManifestLoader) or {}
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
        if not isinstance(entry, dict) or not isinstance(entry.get("source"), str) or not isinstance(entry.get("set"), dict):
            problems.append(Diagnostic("error", "corrections-entry", "each correction needs `source:` and `set:` (a mapping)", where, line))
            continue
        unknown = sorted(set(entry) - {"source", "lines", "set", "note"}, key=str)
        if unknown:
            problems.append(Diagnostic("error", "corrections-entry", f"unknown key {unknown[0]!r} (expected source, lines, set, note)", where, line))
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
