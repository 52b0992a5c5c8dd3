"""Goldens of real input that keep no copy of its text.

The real corpus must never be copied into the repository, yet a reviewer must see what a
change did to it. So a golden of real input stores, instead of the rendered files:

* ``content.sha256``: every file as ``<sha256>  <path>``, so that any change to any byte fails;
* ``structure/<path>``: for each Markdown page, catalog.json and removals.json, what a reviewer
  must see change, with every text reduced to its length, its first and last characters and a
  hash (see ``markdown_structure`` and ``json_structure``).

A diff of the structure files shows which document, which heading, which paragraph changed.
"""

from __future__ import annotations

import hashlib
import json
import re

import yaml

SHORT = 80  # longer strings are text, not metadata: reduced to a summary
SNIPPET = 20  # removals keep this much of the removed furniture
TEXT_KEYS = frozenset({"description", "abstract", "text_html", "body"})  # prose whatever its length
HASH_LIST = "content.sha256"
STRUCTURE = "structure"


def digest(text: str) -> str:
    """The first 10 hex digits of the text's sha256.

    >>> digest("柳州")
    '01ee06680b'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


def summary(text: str) -> str:
    """A text as ``<N chars> <first 6>…<last 4> <sha256[:10]>``: enough to tell which one
    changed and roughly how, not enough to read it.

    >>> summary("清江市人民政府决定对城区公交线路进行优化调整。")
    '23 chars 清江市人民政…化调整。 c595426371'
    >>> summary("短")
    '1 chars 短… 4ca8d4f775'
    """
    return f"{len(text)} chars {text[:6]}…{text[-4:] if len(text) > 6 else ''} {digest(text)}"


def is_prose(key: object, value: str) -> bool:
    """Long strings, sentences and the values of prose keys are text; the rest is metadata."""
    return len(value) > SHORT or "。" in value or key in TEXT_KEYS


def reduce_value(value: object, key: object = None) -> object:
    """Keys, numbers and short strings kept; every text replaced by ``<its summary>``."""
    if isinstance(value, dict):
        return {k: reduce_value(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [reduce_value(v, key) for v in value]
    if isinstance(value, str) and is_prose(key, value):
        return f"<{summary(value)}>"
    return value


def reduce_removal(entry: dict) -> dict:
    """A removal log entry: source, line, reason and document kept; the removed text (short
    furniture) kept up to ``SNIPPET`` characters, the rest summarised."""
    out = dict(entry)
    for key in ("text", "replacement"):
        text = out.get(key)
        if isinstance(text, str) and len(text) > SNIPPET:
            out[key] = f"{text[:SNIPPET]}<… {len(text)} chars {digest(text)}>"
    return out


def json_structure(text: str, removals: bool = False) -> str:
    """A JSON file with its keys and short values, every text summarised."""
    data = json.loads(text)
    reduced = [reduce_removal(e) for e in data] if removals else reduce_value(data)
    return json.dumps(reduced, ensure_ascii=False, indent=1) + "\n"


_HEADING = re.compile(r"#{1,6}\s")
_MARKER = re.compile(r"(?P<marker>[-*+]\s+|\d+[.)]\s+|>\s*|\|\s*|!!!\s*\S+|\?\?\?\+?\s*\S+|<[a-zA-Z][\w-]*|\{|:::)?(?P<rest>.*)")


def line_structure(line: str) -> str:
    """One non-heading line: its indent and block marker kept, its text summarised; a
    paragraph line is ``¶``.

    >>> line_structure("    - [清江市公交线路调整方案](../a/) 清政办〔2025〕3号")
    '    - 32 chars [清江市公交…5〕3号 066630fa66'
    """
    indent = line[: len(line) - len(line.lstrip())]
    m = _MARKER.fullmatch(line.strip())
    assert m is not None  # every part of the pattern is optional
    marker = (m["marker"] or "¶").strip()
    return f"{indent}{marker} {summary(m['rest'])}" if m["rest"] else f"{indent}{marker}"


def markdown_structure(text: str) -> str:
    """A Markdown page as its front matter (keys and short values), every heading line, and
    every other line reduced to its block marker and a summary; blank lines kept as one.

    >>> print(markdown_structure("---\\ntitle: 通知\\ndescription: 现印发给你们。\\n---\\n\\n# 通知\\n\\n公交线路调整后运行。\\n"), end="")
    ---
    title: 通知
    description: <7 chars 现印发给你们…给你们。 b12c6bfcde>
    ---
    <BLANKLINE>
    # 通知
    <BLANKLINE>
    ¶ 10 chars 公交线路调整…后运行。 0609bc2a22
    """
    lines = text.split("\n")
    out: list[str] = []
    start = 0
    if lines and lines[0] == "---" and "---" in lines[1:]:
        end = lines.index("---", 1)
        meta = yaml.safe_load("\n".join(lines[1:end])) or {}
        dumped = yaml.safe_dump(reduce_value(meta), allow_unicode=True, sort_keys=False, width=1000)
        out += ["---", *dumped.rstrip("\n").split("\n"), "---"]
        start = end + 1
    for line in lines[start:]:
        if not line.strip():
            if out and out[-1] != "":
                out.append("")
        elif _HEADING.match(line):
            out.append(line)
        else:
            out.append(line_structure(line))
    return "\n".join(out).rstrip("\n") + "\n"


def structure_of(rel: str, data: bytes) -> str | None:
    """The structure file of one rendered file, None for files kept only in the hash list."""
    if rel.endswith(".md"):
        return markdown_structure(data.decode("utf-8"))
    if rel in ("catalog.json", "removals.json"):
        return json_structure(data.decode("utf-8"), removals=rel == "removals.json")
    return None


def hash_list(files: dict[str, bytes]) -> str:
    return "".join(f"{hashlib.sha256(files[rel]).hexdigest()}  {rel}\n" for rel in sorted(files))


def without_text(files: dict[str, bytes]) -> dict[str, bytes]:
    """The golden of real input: {relative path: bytes} of the hash list and the structure files."""
    out = {HASH_LIST: hash_list(files).encode("utf-8")}
    for rel in sorted(files):
        shape = structure_of(rel, files[rel])
        if shape is not None:
            out[f"{STRUCTURE}/{rel}"] = shape.encode("utf-8")
    return out
