"""Headline lines → articles, by what they share with them.

A page may print a headline above its article, below it, or in a block at the end of the
page with the others. Each headline line is scored against each article body by the
character n-grams they share, weighted by how rare the n-gram is on the page (a name, a
place, a number outweighs 发展); lines are split where extraction glued two headlines into
one line, grouped, and the groups assigned to articles one-to-one so that the total
score is highest.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from ...zh.text import join_wrapped

#: Below this score a headline shares nothing meaningful with an article.
MIN_SCORE = 1.0
#: A glued line is split only when each half scores this many times more for its own
#: article than for the other half's.
HALF_MARGIN = 2.0
#: Position only breaks ties: the article printed directly below (or above) a headline run
#: gets this much, far less than any shared n-gram is worth.
ADJACENT_TIE_BREAK = 1e-3
#: A headline goes to an article only when the page-wide assignment loses at least this share
#: of its score by giving it elsewhere (the best article is 1.5 times the next) …
CLEAR_CONFIDENCE = 0.34
#: … and below this it is kept but flagged as uncertain.
SURE_CONFIDENCE = 0.6


@dataclass(frozen=True)
class Part:
    """One headline line (or a piece of a glued line)."""

    text: str
    line: int
    subtitle: bool = False


@dataclass(frozen=True)
class HeadlineGroup:
    """The headline parts of one article, in printed order, and the essay author if any."""

    parts: tuple[Part, ...]
    author: str | None = None
    author_line: int = 0


def letters(text: str) -> str:
    """Only letters, digits and ideographs: what n-grams are made of.

    >>> letters("《“十四五”广西 科技》2024")
    '十四五广西科技2024'
    """
    return NOT_LETTERS.sub("", text)


#: What ``letters`` drops: ``\w`` is ``str.isalnum`` and ``_`` (the same Unicode test), so
#: ``[\W_]`` is exactly the characters that are not; one C-level pass instead of a loop.
NOT_LETTERS = re.compile(r"[\W_]+")


def ngrams(text: str, sizes: Sequence[int] = (2, 3, 4)) -> set[str]:
    """Distinct character n-grams of the letters of a text.

    >>> sorted(ngrams("柳州港", (2,)))
    ['州港', '柳州']
    """
    s = letters(text)
    return {s[i:i + n] for n in sizes for i in range(len(s) - n + 1)}


class Weights(dict[str, float]):
    """Rarity weights of n-grams; an n-gram no text has weighs nothing.

    A mapping that answers 0.0 for a missing key, so that a score sums ``weight[g]`` with the
    dictionary's own lookup (``map``): on a long page scoring is most of the parsing time.

    >>> Weights({"港口": 1.5})["钢铁"]
    0.0
    """

    def __missing__(self, gram: str) -> float:
        return 0.0


def rarity_weights(texts: Sequence[str]) -> Weights:
    """Weight of an n-gram: log inverse of the number of articles that contain it.

    >>> w = rarity_weights(["柳州港口", "柳州工业"])
    >>> w["港口"] > w["柳州"]
    True
    """
    return weights_of([ngrams(text) for text in texts])


def weights_of(grams: Sequence[set[str]]) -> Weights:
    """``rarity_weights`` from the texts' n-grams already made (a page makes them once).

    >>> weights_of([ngrams("柳州港口"), ngrams("柳州工业")]) == rarity_weights(["柳州港口", "柳州工业"])
    True
    """
    df: Counter = Counter()
    for text_grams in grams:
        df.update(text_grams)
    n = len(grams)
    return Weights({g: math.log((n + 1) / c) for g, c in df.items()})


def score(text: str, article: set[str], weight: Weights) -> float:
    """Sum of the rarity of the n-grams a headline shares with an article.

    >>> w = rarity_weights(["柳州港口码头", "柳州工业"])
    >>> score("港口", ngrams("柳州港口码头"), w) > score("港口", ngrams("柳州工业"), w)
    True
    """
    return shared_weight(ngrams(text), article, weight)


def shared_weight(grams: set[str], article: set[str], weight: Weights) -> float:
    """``score`` with the headline's n-grams already made (they are made once, not per article)."""
    # fsum: exact, so the score does not depend on the set's (hash-seeded) order
    return math.fsum(map(weight.__getitem__, grams & article))


def scores(text: str, articles: Sequence[set[str]], weight: Weights) -> list[float]:
    """``score`` of one text against each article.

    >>> w = rarity_weights(["柳州港口码头", "柳州工业"])
    >>> scores("港口", [ngrams("柳州港口码头"), ngrams("柳州工业")], w) == [score("港口", ngrams(t), w) for t in ["柳州港口码头", "柳州工业"]]
    True
    """
    # only the n-grams that weigh something (some text has them): the others add 0.0, and a
    # headline has many that no body has; ``shared_weight`` inlined, and nothing to add for an
    # article that shares nothing: a long page makes millions of these
    grams, get = weight.keys() & ngrams(text), weight.__getitem__
    return [math.fsum(map(get, shared)) if (shared := grams & a) else 0.0 for a in articles]


def best(scores: Sequence[float]) -> int:
    """Index of the highest score (the first on ties).

    >>> best([0.5, 2.0, 2.0])
    1
    """
    return scores.index(max(scores))  # index() finds the first of equal highest scores


def label(text: str, articles: Sequence[set[str]], weight: Weights) -> int | None:
    """The article a headline text matches best, or None when it matches nothing well.

    >>> w = rarity_weights(["柳州港口码头", "钢铁产业"])
    >>> label("港口码头", [ngrams("柳州港口码头"), ngrams("钢铁产业")], w), label("天气", [ngrams("柳州港口码头")], w)
    (0, None)
    """
    row = scores(text, articles, weight)
    return best(row) if row and max(row) >= MIN_SCORE else None


def labels(texts: Sequence[str], articles: Sequence[set[str]], weight: Weights, known: dict[str, int | None] | None = None) -> list[int | None]:
    """``label`` of each text; ``known`` keeps the labels of texts already scored against the
    same articles (a run's lines are labelled before and after glued lines are split).

    >>> w = rarity_weights(["柳州港口码头", "钢铁产业"])
    >>> known = {}
    >>> labels(["港口码头", "钢铁产业", "港口码头"], [ngrams("柳州港口码头"), ngrams("钢铁产业")], w, known), known
    ([0, 1, 0], {'港口码头': 0, '钢铁产业': 1})
    """
    known = {} if known is None else known
    for text in texts:
        if text not in known:
            known[text] = label(text, articles, weight)
    return [known[t] for t in texts]


def split_glued(parts: Sequence[Part], articles: Sequence[set[str]], weight: Weights, known: dict[str, int | None] | None = None) -> list[Part]:
    """Split lines that hold the end of one headline and the start of the next.

    Extraction sometimes prints the last line of one headline and the first of the next as
    one line (``柳州1人入选助力企业把握数字化转型机遇``). A line is split only where its left
    half belongs with the line above and its right half with the line below, and those two
    are different articles. ``known``: see ``labels``.
    """
    of = labels([p.text for p in parts], articles, weight, known)
    out: list[Part] = []
    for i, part in enumerate(parts):
        above = of[i - 1] if i > 0 else None
        below = of[i + 1] if i + 1 < len(parts) else None
        if part.subtitle or above is None or below is None or above == below or len(letters(part.text)) < 8:
            out.append(part)
            continue
        s = part.text
        # every cut scores pieces of this line only, so only the articles that share n-grams
        # with the line can score: the others (0.0) are never the best of a half that fits
        # (at least MIN_SCORE), and the line above's or below's article must be one of them
        grams = weight.keys() & ngrams(s)  # (those that weigh nothing add nothing)
        mine = [grams & a for a in articles]
        live = [a for a, shared in enumerate(mine) if shared]
        candidates = []
        if above not in live or below not in live:
            out.append(part)
            continue
        halves, up, down = HalfScores(s, [mine[a] for a in live], weight), live.index(above), live.index(below)
        for k in range(3, len(s) - 2):
            sl, top = halves.left(k)
            if top != up or sl[up] < MIN_SCORE or sl[up] < HALF_MARGIN * sl[down]:
                continue  # the right half is looked at only when the left one fits the line above
            sr, top = halves.right(k)
            if top == down and sr[down] >= MIN_SCORE and sr[down] >= HALF_MARGIN * sr[up]:
                candidates.append((sl[up] + sr[down], -k, s[:k].strip(), s[k:].strip()))
        if candidates:
            _, _, left, right = max(candidates)
            out += [Part(left, part.line), Part(right, part.line)]
        else:
            out.append(part)
    return out


def exact(value: float, bits: int) -> int:
    """``value`` as an exact count of units of 2**-bits (``bits`` at least those of its
    fraction): sums of these are exact, and one division by 2**bits rounds them as
    ``math.fsum`` rounds (both are correctly rounded).

    >>> exact(0.75, 2), exact(0.0, 0), exact(2.5, 4)
    (3, 0, 40)
    """
    numerator, denominator = value.as_integer_ratio()
    return numerator << (bits - denominator.bit_length() + 1)


class HalfScores:
    """``scores`` (and ``best``) of the two halves of a line cut at each place: the halves grow
    one letter at a time and the n-grams a half gains are added to the articles that hold
    them, instead of scoring every cut afresh (most of the parsing time of a long page). Sums
    are kept exact (``exact``) and rounded once, so the numbers are those of ``scores``.
    For one line and its articles only; nothing is kept beyond it.

    >>> w = rarity_weights(["柳州港口码头", "钢铁产业基地", "港口钢铁"])
    >>> arts = [ngrams("柳州港口码头"), ngrams("钢铁产业基地"), ngrams("港口钢铁")]
    >>> line = "港口码头 钢铁产业"
    >>> h = HalfScores(line, arts, w)
    >>> all(h.left(k) == (scores(line[:k], arts, w), best(scores(line[:k], arts, w)))
    ...     and h.right(k) == (scores(line[k:], arts, w), best(scores(line[k:], arts, w))) for k in range(len(line) + 1))
    True
    """

    def __init__(self, text: str, articles: Sequence[set[str]], weight: Weights, sizes: Sequence[int] = (2, 3, 4)):
        self.letters, self.sizes, self.count = letters(text), sizes, len(articles)
        self.cut_at = [0]  # letters before each cut: a half's letters are the line's before or after it
        for ch in text:
            self.cut_at.append(self.cut_at[-1] + ch.isalnum())
        self.holders: dict[str, list[int]] = {}  # an n-gram of the line → the articles that have it
        grams = ngrams(self.letters, sizes)
        for a, article in enumerate(articles):
            for g in grams & article:
                self.holders.setdefault(g, []).append(a)
        # the common unit of this line's weights: small integers, quick to divide
        self.bits = max((w.as_integer_ratio()[1].bit_length() - 1 for w in map(weight.__getitem__, self.holders)), default=0)
        self.units = {g: exact(weight[g], self.bits) for g in self.holders}
        self._left: list[tuple[list[float], int]] | None = None
        self._right: list[tuple[list[float], int]] | None = None

    def left(self, k: int) -> tuple[list[float], int]:
        """Scores of ``text[:k]`` against each article, and the best article."""
        if self._left is None:
            s, n = self.letters, len(self.letters)
            self._left = self._grow([[s[m - size:m] for size in self.sizes if m >= size] for m in range(1, n + 1)])
        return self._left[self.cut_at[k]]

    def right(self, k: int) -> tuple[list[float], int]:
        """Scores of ``text[k:]`` against each article, and the best article."""
        if self._right is None:
            s, n = self.letters, len(self.letters)
            self._right = self._grow([[s[m:m + size] for size in self.sizes if m + size <= n] for m in range(n - 1, -1, -1)])[::-1]
        return self._right[self.cut_at[k]]

    def _grow(self, steps: list[list[str]]) -> list[tuple[list[float], int]]:
        """The (scores, best) of a half growing from empty by each step's n-grams in turn."""
        seen: set[str] = set()
        totals = [0] * self.count
        row = [0.0] * self.count
        rows = [(row, best(row) if row else 0)]
        scale = 1 << self.bits
        for grams in steps:
            gained = [g for g in grams if g in self.holders and g not in seen]
            if gained:
                seen.update(gained)
                row = row[:]
                touched = set()
                for g in gained:
                    for a in self.holders[g]:
                        totals[a] += self.units[g]
                        touched.add(a)
                for a in touched:
                    row[a] = totals[a] / scale
            rows.append((row, rows[-1][1] if not gained else best(row)))
        return rows


def is_wrap(first: str, second: str, bodies: Sequence[str]) -> bool:
    """Two headline lines are one headline wrapped: the words across the break occur in a body.

    >>> is_wrap("2024年大国工匠培育对象", "名单公布", ["公布入选2024年大国工匠培育对象名单"])
    True
    >>> is_wrap("推动技术创新和成果转化", "中国-东盟新能源汽车", ["成果转化。中国-东盟"])
    False
    """
    return wraps_in(first, second, [letters_keep_sentences(body) for body in bodies])


def wraps_in(first: str, second: str, kept: Sequence[str]) -> bool:
    """``is_wrap`` against bodies already reduced by ``letters_keep_sentences`` (once per page,
    not once per pair of lines).

    >>> wraps_in("2024年大国工匠培育对象", "名单公布", ["公布入选2024年大国工匠培育对象名单"])
    True
    """
    a, b = letters(first), letters(second)
    if len(a) < 2 or len(b) < 2:
        return False
    junction = a[-2:] + b[:2]
    return any(junction in body for body in kept)


def letters_keep_sentences(text: str) -> str:
    """Letters of a text with sentence and clause breaks kept as a separator.

    >>> letters_keep_sentences("成果转化。中国-东盟")
    '成果转化|中国东盟'
    """
    return re.sub(r"[，。；！？、：]+", "|", NOT_LETTERS_OR_BREAKS.sub("", text))


#: What ``letters_keep_sentences`` drops (as ``NOT_LETTERS``, but the breaks stay).
NOT_LETTERS_OR_BREAKS = re.compile(r"[^\w，。；！？、：]|_")


def join_parts(parts: Sequence[Part]) -> str:
    """Join the lines of one wrapped headline part.

    >>> join_parts([Part("中国-东盟新能源汽车行业", 1), Part("产教融合共同体", 2)])
    '中国-东盟新能源汽车行业产教融合共同体'
    """
    text = ""
    for p in parts:
        text = join_wrapped(text, p.text) if text else p.text
    return text


def best_assignment(matrix: Sequence[Sequence[float]], minimum: float = MIN_SCORE,
                    fixed: tuple[int, int | None] | None = None, dropped: frozenset[int] = frozenset()) -> tuple[float, tuple[int | None, ...]]:
    """The one-to-one assignment of rows (headline groups) to columns (articles) with the
    highest total, and that total.

    Each article gets at most one group; a pair scoring below ``minimum`` is never made;
    ``fixed`` = (row, column or None) forces one row; ``dropped`` rows get nothing. Exact
    search over article subsets (a page has few articles); totals are summed in row order.

    >>> best_assignment([[5.0, 4.0], [6.0, 1.0]])
    (10.0, (1, 0))
    >>> best_assignment([[0.1, 0.0]])
    (0.0, (None,))
    >>> best_assignment([[5.0, 4.0], [6.0, 1.0]], fixed=(0, 0))
    (6.0, (0, 1))
    """
    rows = len(matrix)
    cols = len(matrix[0]) if rows else 0

    def allowed(r: int) -> list[int]:
        if r in dropped:
            return []
        if fixed is not None and fixed[0] == r:
            return [] if fixed[1] is None else [fixed[1]]
        return [c for c in range(cols) if matrix[r][c] >= minimum]

    options = [allowed(r) for r in range(rows)]

    @cache
    def solve(r: int, used: int) -> tuple[float, tuple[int | None, ...]]:
        if r == rows:
            return 0.0, ()
        forced = fixed is not None and fixed[0] == r and fixed[1] is not None
        choice: tuple[float, tuple[int | None, ...]] | None = None
        if not forced:
            total, rest = solve(r + 1, used)
            choice = (total, (None, *rest))
        for c in options[r]:
            if used & (1 << c):
                continue
            total, rest = solve(r + 1, used | (1 << c))
            if choice is None or total + matrix[r][c] > choice[0]:
                choice = (total + matrix[r][c], (c, *rest))
        return choice if choice is not None else (-math.inf, (None,) * (rows - r))

    return solve(0, 0)


def assignment_confidence(matrix: Sequence[Sequence[float]], chosen: Sequence[int | None], r: int,
                          minimum: float = MIN_SCORE, dropped: frozenset[int] = frozenset()) -> float:
    """How clearly row ``r`` belongs to its article: what the best page-wide assignment loses
    when this row goes to any other article or to none, as a share of the row's own score.

    1.0: nothing else comes close; 0.0: another assignment explains the page as well.

    >>> assignment_confidence([[6.0, 1.0]], [0], 0), assignment_confidence([[5.0, 4.0]], [0], 0)
    (0.83, 0.2)
    """
    c = chosen[r]
    if c is None or matrix[r][c] <= 0:
        return 0.0
    total = best_assignment(matrix, minimum, dropped=dropped)[0]
    cols = len(matrix[0])
    alternatives = [best_assignment(matrix, minimum, fixed=(r, alt), dropped=dropped)[0]
                    for alt in [None, *range(cols)] if alt != c and (alt is None or matrix[r][alt] >= minimum)]
    gain = total - max(alternatives)
    return round(max(0.0, min(1.0, gain / matrix[r][c])), 2)


def assign_by_evidence(matrix: Sequence[Sequence[float] | dict[int, float]], clear: float, minimum: float = MIN_SCORE) -> list[tuple[int | None, float]]:
    """Each headline group's article and the confidence of that choice, one assignment for the page.

    A group whose article is not clearly better than the next choice (confidence below
    ``clear``) is left unassigned, never forced onto an article that lacks a headline; the
    others are assigned again without it.

    >>> assign_by_evidence([[6.0, 5.0], [0.5, 4.0]], 0.34)
    [(0, 0.83), (1, 1.0)]
    >>> assign_by_evidence([[5.0, 4.0]], 0.34)
    [(None, 0.2)]
    """
    rows = len(matrix)
    if rows and isinstance(matrix[0], dict):  # sparse rows (a very long page): only nearby articles scored
        return _assign_greedy(matrix, clear, minimum)
    if rows == 0 or not matrix[0]:
        return [(None, 0.0)] * rows
    if len(matrix[0]) > 16:  # too many articles for the exact search: best pairs first
        return _assign_greedy(matrix, clear, minimum)
    dense = [row for row in matrix if not isinstance(row, dict)]  # every row, once the first is dense
    dropped: frozenset[int] = frozenset()
    weak: dict[int, float] = {}
    while True:
        chosen = best_assignment(dense, minimum, dropped=dropped)[1]
        confidence = {r: assignment_confidence(dense, chosen, r, minimum, dropped) for r in range(rows) if chosen[r] is not None}
        unclear = {r: v for r, v in confidence.items() if v < clear}
        if not unclear:
            return [(chosen[r], confidence[r]) if chosen[r] is not None else (None, weak.get(r, 0.0)) for r in range(rows)]
        weak.update(unclear)
        dropped = dropped | frozenset(unclear)


def _cells(row: Sequence[float] | dict[int, float]):
    """(column, score) of a dense row, or of a sparse one (a dict: unlisted columns score 0)."""
    return sorted(row.items()) if isinstance(row, dict) else enumerate(row)


def _assign_greedy(matrix: Sequence[Sequence[float] | dict[int, float]], clear: float, minimum: float) -> list[tuple[int | None, float]]:
    """Best pairs first, confidence from the row's runner-up: for pages with many articles.

    >>> _assign_greedy([{0: 6.0, 1: 1.0}, {1: 4.0}], 0.34, 1.0)
    [(0, 0.83), (1, 1.0)]
    """
    pairs = sorted(((v, -r, -c) for r, row in enumerate(matrix) for c, v in _cells(row) if v >= minimum), reverse=True)
    out: list[tuple[int | None, float]] = [(None, 0.0)] * len(matrix)
    taken: set[int] = set()
    for v, r, c in pairs:
        r, c = -r, -c
        if out[r][0] is None and c not in taken:
            runner_up = max((x for i, x in _cells(matrix[r]) if i != c), default=0.0)
            conf = round(max(0.0, 1 - runner_up / v), 2)
            if conf >= clear:
                out[r] = (c, conf)
                taken.add(c)
            else:
                out[r] = (None, conf)
    return out


def subtitle_goes_below(parts: Sequence[Part], i: int, labels: Sequence[int | None], above: int | None) -> bool:
    """A 副题 printed before its 主题: it matches the article of the line below, not the one above.

    Most pages print the 副题 under its 主题, so without evidence it stays with the line above;
    the first line of a run has no line above to go with.

    >>> parts = [Part("甲", 1), Part("——乙", 2, True), Part("丙", 3)]
    >>> subtitle_goes_below(parts, 1, [0, 1, 1], 0), subtitle_goes_below(parts, 1, [0, None, 1], 0)
    (True, False)
    """
    below = labels[i + 1] if i + 1 < len(parts) else None
    mine = labels[i]
    return i == 0 or (mine is not None and mine == below and mine != above)


def group_parts(parts: Sequence[Part], articles: Sequence[set[str]], kept: Sequence[str], weight: Weights,
                known: dict[str, int | None] | None = None) -> list[tuple[Part, ...]]:
    """Cut one run of headline parts into groups, one per article.

    A subtitle (``——…``) stays with the part above it unless the evidence puts it with the
    part below (``subtitle_goes_below``); a part directly after a subtitle that opened a group
    joins it; a line that continues the line above (``is_wrap``) or pairs with it
    (``is_couplet``) too; otherwise a new group starts where the best-matching article changes.
    A part that matches nothing joins the line directly above it (no blank line between).
    ``kept`` are the article bodies through ``letters_keep_sentences``; ``known``: see ``labels``.
    """
    groups: list[list[Part]] = []
    group_labels: list[int | None] = []
    mine_all = labels([p.text for p in parts], articles, weight, known)
    for i, part in enumerate(parts):
        mine = mine_all[i]
        if groups:
            prev = groups[-1][-1]
            touching = part.line - prev.line <= 1
            weak = mine is None and touching
            couplet = touching and len(groups[-1]) == 1 and is_couplet(prev.text, part.text)
            after_subtitle = prev.subtitle and len(groups[-1]) == 1 and not part.subtitle
            below = part.subtitle and subtitle_goes_below(parts, i, mine_all, group_labels[-1])
            if not below and (part.subtitle or after_subtitle or wraps_in(prev.text, part.text, kept) or weak or couplet
                              or (mine is not None and mine == group_labels[-1])):
                groups[-1].append(part)
                group_labels[-1] = group_labels[-1] if group_labels[-1] is not None else mine
                continue
        groups.append([part])
        group_labels.append(mine)
    return [tuple(g) for g in groups]


@dataclass(frozen=True)
class Roles:
    kicker: str | None
    title: str
    subtitle: str | None


def headline_roles(parts: Sequence[Part], bodies: Sequence[str]) -> Roles:
    """Kicker (引题), title (主题) and subtitle (副题) of one article's headline parts.

    A dash line is the subtitle; wrapped lines are joined; of two remaining parts the first
    is the kicker, unless they are a parallel couplet (same short length), printed as one
    title in two lines.

    >>> headline_roles([Part("香港中转 行销全球", 1), Part("柳州口岸进出口货运量实现历史新突破", 3)], []).kicker
    '香港中转 行销全球'
    >>> headline_roles([Part("提升创新“硬实力”", 1), Part("跑出发展“加速度”", 2)], []).title
    '提升创新“硬实力” 跑出发展“加速度”'
    >>> headline_roles([Part("打破“天花板”", 1), Part("——我市技术工人综述", 3, True)], []).subtitle
    '——我市技术工人综述'
    """
    subtitles = [p.text for p in parts if p.subtitle]
    merged: list[list[Part]] = []
    for p in (p for p in parts if not p.subtitle):
        if merged and is_wrap(merged[-1][-1].text, p.text, bodies):
            merged[-1].append(p)
        else:
            merged.append([p])
    texts = [join_parts(m) for m in merged]
    subtitle = " ".join(subtitles) or None
    if not texts:
        return Roles(None, subtitles[0] if subtitles else "", " ".join(subtitles[1:]) or None)
    if len(texts) == 1:
        return Roles(None, texts[0], subtitle)
    if len(texts) == 2 and is_couplet(texts[0], texts[1]):
        return Roles(None, f"{texts[0]} {texts[1]}", subtitle)
    return Roles(texts[0], " ".join(texts[1:]), subtitle)


def strip_stray_glyph(title: str, author: str | None) -> tuple[str, str]:
    """Remove a lone glyph that extraction moved from the end of an essay's author line to the
    front of its title; returns the title and what was removed.

    The author line ``□《…》课题组`` and the title are printed side by side; the last glyph of
    the author line sometimes lands before the title (``组聚焦“双碳”目标…``).

    >>> strip_stray_glyph("组聚焦“双碳”目标", "□《对策研究》课题组")
    ('聚焦“双碳”目标', '组')
    >>> strip_stray_glyph("组织起来", None)
    ('组织起来', '')
    """
    author = (author or "").strip()
    if author and title[:1] == author[-1:] and len(title) > 4 and "\u4e00" <= title[:1] <= "\u9fff":
        return title[1:], title[:1]
    return title, ""


def is_couplet(first: str, second: str) -> bool:
    """Two short lines of the same length: a parallel pair printed as one title.

    >>> is_couplet("提升创新“硬实力”", "跑出发展“加速度”"), is_couplet("2024年名单公布", "柳州1人入选")
    (True, False)
    """
    a, b = letters(first), letters(second)
    return len(a) == len(b) and len(a) <= 10
