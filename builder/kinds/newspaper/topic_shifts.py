"""Where one article ends and the next begins when the page prints no marker between them.

Two stories set one after the other in a column, or two essays on a theory page, share no
电头 and no headline between them; what changes is the vocabulary. Each gap between
paragraphs is scored by the lexical cohesion of the text on its two sides (character
bigrams weighted by rarity on the page, as in TextTiling); a gap whose cohesion drops far
below that of its neighbours is a boundary.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from ...zh.han import han_chars

#: A gap is a boundary when the cohesion across it is below this …
MAX_COHESION = 0.12
#: … and this much below the highest cohesion on each side of it.
MIN_DEPTH = 0.06
#: An article found this way has at least this many paragraphs.
MIN_PARAGRAPHS = 2
#: How many characters of text on each side of a gap are compared.
WINDOW = 320


def bigrams(text: str) -> Counter:
    """Han character bigrams of a text (punctuation and Latin ignored).

    >>> sorted(bigrams("柳州，柳州港"))
    ['州柳', '州港', '柳州']
    """
    han = han_chars(text)
    return Counter(han[i:i + 2] for i in range(len(han) - 1))


def rarity(texts: Sequence[str]) -> dict[str, float]:
    """Inverse document frequency of every bigram over the texts (paragraphs of a page).

    >>> w = rarity(["柳州港口", "柳州工业"])
    >>> w["柳州"] < w["港口"]
    True
    """
    df: Counter = Counter()
    for text in texts:
        df.update(set(bigrams(text)))
    n = len(texts)
    return {g: math.log((n + 1) / (c + 0.5)) for g, c in df.items()}


def cohesion(left: str, right: str, weight: dict[str, float]) -> float:
    """Weighted cosine similarity of the bigrams of two texts.

    >>> w = {"港口": 1.0, "柳州": 0.2, "工业": 1.0}
    >>> cohesion("柳州港口", "柳州港口", w) > cohesion("柳州港口", "柳州工业", w)
    True
    """
    a, b = bigrams(left), bigrams(right)
    # fsum: exact, so the score does not depend on the set's (hash-seeded) order
    dot = math.fsum(a[g] * b[g] * weight.get(g, 0.0) ** 2 for g in a.keys() & b.keys())
    na = math.sqrt(sum((c * weight.get(g, 0.0)) ** 2 for g, c in a.items()))
    nb = math.sqrt(sum((c * weight.get(g, 0.0)) ** 2 for g, c in b.items()))
    return dot / (na * nb) if na and nb else 0.0


def window(paragraphs: Sequence[str], start: int, step: int) -> str:
    """Text from ``start`` going forward (step 1) or backward (step -1) up to WINDOW characters.

    >>> window(["甲" * 200, "乙" * 200, "丙" * 200], 2, -1) == "乙" * 200 + "丙" * 200
    True
    """
    taken: list[str] = []
    size = 0
    i = start
    while 0 <= i < len(paragraphs) and size < WINDOW:
        taken.append(paragraphs[i])
        size += len(han_chars(paragraphs[i]))
        i += step
    return "".join(reversed(taken) if step < 0 else taken)


def gap_cohesions(paragraphs: Sequence[str], weight: dict[str, float]) -> list[float]:
    """Cohesion across each gap: gap ``i`` lies between paragraph ``i`` and ``i + 1``."""
    return [cohesion(window(paragraphs, i, -1), window(paragraphs, i + 1, 1), weight) for i in range(len(paragraphs) - 1)]


def climb(scores: Sequence[float], start: int, step: int) -> float:
    """The peak reached from ``start`` walking in one direction while cohesion keeps rising.

    >>> climb([0.3, 0.2, 0.05, 0.1, 0.08], 2, -1), climb([0.3, 0.2, 0.05, 0.1, 0.08], 2, 1)
    (0.3, 0.1)
    """
    peak = scores[start]
    i = start + step
    while 0 <= i < len(scores) and scores[i] >= peak:
        peak = scores[i]
        i += step
    return peak


def depth(scores: Sequence[float], i: int) -> float:
    """How far the cohesion at gap ``i`` lies below the peaks on both sides (TextTiling's depth).

    >>> round(depth([0.3, 0.05, 0.2], 1), 2)
    0.4
    """
    return climb(scores, i, -1) + climb(scores, i, 1) - 2 * scores[i]


def topic_boundaries(paragraphs: Sequence[str], weight: dict[str, float]) -> list[int]:
    """Paragraph indexes where a new article starts (the paragraph after a deep, low gap).

    >>> texts = ["港口货轮码头", "货轮码头港口", "钢铁产业绿色", "绿色钢铁产业"]
    >>> topic_boundaries(texts, rarity(texts))
    [2]
    """
    scores = gap_cohesions(paragraphs, weight)
    cuts = []
    for i, score in enumerate(scores):
        before, after = i + 1, len(paragraphs) - i - 1
        if before < MIN_PARAGRAPHS or after < MIN_PARAGRAPHS or score >= MAX_COHESION:
            continue
        if all(score <= s for s in scores[max(i - 1, 0):i + 2]) and depth(scores, i) >= MIN_DEPTH:
            cuts.append(i + 1)
    return cuts
