"""Big sources made at run time from the demo pages (issue #12: parsing time vs source size).

The demo newspaper page and gazette issue are repeated until the text reaches a size; every
copy is a fictional variant (its numbers and the city's name changed, 发文字号 renumbered) so
that copies are not identical and n-gram rarity still tells articles apart. Nothing here is
committed as data: the files are written where the caller asks.

    .venv/bin/python benchmarks/bigsource.py --kind newspaper --size 2000000 --out /tmp/big
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

DEMO = Path(__file__).resolve().parent.parent / "examples" / "demo"
NEWSPAPER = DEMO / "qjrb-2025-03-18-01.txt"
GAZETTE = DEMO / "qjgb-2025-03.txt"
CITIES = ["清江", "澜沧", "青州", "白河", "云岭", "临川", "柳溪", "东岚", "南浦", "石城", "金滩", "玉泉", "枫桥", "松阳", "竹源", "梅岭"]


def _shift(m: re.Match[str], k: int) -> str:
    if m.group("year") is None:
        return str(int(m.group()) + k)
    # a date stays a calendar date: only its year moves (months and days shifted by k were
    # 91月100日 from copy 90 on, no header line, and the documents merged into the one above)
    return f"{int(m.group('year')) + k}年{m.group('rest')}"


def variant(text: str, k: int) -> str:
    """Copy ``k`` of a demo text: another city name, every number shifted by ``k``, except the
    month and day of a date (the year is shifted, so that dates and 发文字号 never repeat).

    >>> variant("清江港12号", 3)
    '白河港15号'
    >>> variant("2025年2月10日 清政办〔2025〕12号", 90)
    '2115年2月10日 清政办〔2115〕102号'
    """
    city = CITIES[k % len(CITIES)]
    text = text.replace("清江", city)
    return re.sub(r"(?P<year>\d{4})年(?P<rest>\d{1,2}月(?:\d{1,2}日)?)|\d+", lambda m: _shift(m, k), text)


#: What one copy of the demo text holds: the gazette issue's three documents, the newspaper
#: page's two articles (tests/test_parse_scaling.py checks these on a one-copy source).
PER_COPY = {"gazette": 3, "newspaper": 2}


def _copies(kind: str, size: int) -> list[str]:
    """The head (the gazette's cover and TOC, once) and the variant copies, to ``size`` bytes."""
    if kind == "newspaper":
        head, body = "", NEWSPAPER.read_text(encoding="utf-8")
    else:
        full = GAZETTE.read_text(encoding="utf-8")
        cut = full.index("\n# 清江市人民政府办公室关于印发")
        head, body = full[:cut + 1], full[cut + 1:]
    chunks, total, k = [head], len(head.encode()), 0
    while total < size:
        chunk = variant(body, k).rstrip("\n") + "\n\n"
        chunks.append(chunk)
        total += len(chunk.encode())
        k += 1
    return chunks


def big_text(kind: str, size: int) -> str:
    """Demo text of one kind repeated (as variants) to at least ``size`` UTF-8 bytes."""
    return "".join(_copies(kind, size))


def expected_documents(kind: str, size: int) -> int:
    """How many documents (gazette) or articles (newspaper) the big source of that size holds.

    >>> expected_documents("gazette", 2_000), expected_documents("newspaper", 2_000)
    (3, 6)
    """
    return PER_COPY[kind] * (len(_copies(kind, size)) - 1)


def write_corpus(kind: str, size: int, out: Path) -> Path:
    """A corpus folder with one big source of ``kind``; returns the folder."""
    out.mkdir(parents=True, exist_ok=True)
    name = "big-page.txt" if kind == "newspaper" else "big-gazette.txt"
    (out / name).write_text(big_text(kind, size), encoding="utf-8")
    if kind == "newspaper":
        pub = "  qjrb:\n    name: 清江日报\n    kind: newspaper\n    publisher: 清江日报社\n    place: 清江市\n"
        src = f"  - file: {name}\n    publication: qjrb\n    date: 2025-03-18\n    page: 1\n    page_name: 要闻\n"
    else:
        pub = "  qjgb:\n    name: 清江市人民政府公报\n    kind: gazette\n    publisher: 清江市人民政府办公室\n"
        src = f"  - file: {name}\n    publication: qjgb\n"
    (out / "corpus.yml").write_text(f"publications:\n{pub}sources:\n{src}", encoding="utf-8")
    return out


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kind", choices=["newspaper", "gazette"], required=True)
    ap.add_argument("--size", type=int, required=True, help="bytes")
    ap.add_argument("--out", type=Path, required=True)
    a = ap.parse_args()
    print(write_corpus(a.kind, a.size, a.out))
