"""The controlled vocabulary of agencies (data file with aliases and 机关代字)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from ..resources import data_file


@dataclass(frozen=True)
class Agencies:
    canonical: dict[str, str]  # any known name or alias → canonical name
    codes: dict[str, str]  # 机关代字 → canonical name
    pattern: re.Pattern | None  # finds any known name, longest first

    def name(self, text: str | None) -> str | None:
        """The canonical name of an agency, or None when the vocabulary does not know it."""
        if not text:
            return None
        return self.canonical.get(re.sub(r"\s+", "", text))

    def mentions(self, text: str) -> tuple[str, ...]:
        """Canonical names of the agencies a text mentions, in order of first mention."""
        if not self.pattern:
            return ()
        return tuple(dict.fromkeys(self.canonical[m.group(0)] for m in self.pattern.finditer(text)))


def load_agencies(path: Path | None = None) -> Agencies:
    data = yaml.safe_load((path or data_file("agencies.yml")).read_text(encoding="utf-8")) or {}
    canonical: dict[str, str] = {}
    codes: dict[str, str] = {}
    for entry in data.get("agencies", []):
        name = entry["name"]
        for alias in [name, *(entry.get("aliases") or [])]:
            canonical[alias] = name
        for code in entry.get("codes") or []:
            codes[code] = name
    names = sorted(canonical, key=lambda n: (-len(n), n))
    pattern = re.compile("|".join(map(re.escape, names))) if names else None
    return Agencies(canonical, codes, pattern)


@lru_cache(maxsize=1)
def default_agencies() -> Agencies:
    return load_agencies()
