"""Words the Chinese segmenter must keep whole: agency names and their aliases."""

from __future__ import annotations

from functools import lru_cache

import yaml

from .resources import data_file


@lru_cache(maxsize=1)
def user_words() -> tuple[str, ...]:
    data = yaml.safe_load(data_file("agencies.yml").read_text(encoding="utf-8"))
    words = set()
    for agency in data.get("agencies", []):
        words.add(agency["name"])
        words.update(agency.get("aliases") or [])
    return tuple(sorted(words))
