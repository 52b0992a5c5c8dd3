"""Doubled text: fake-bold glyphs that PDF extraction read twice.

A caption or heading set in fake bold comes out with every run of characters printed twice
in a row (``东风柳汽试验场东风柳汽试验场。。``, ``学学方略方略``). Ordinary Chinese is full of
real reduplication (常常, 研究研究, 天天, 谢谢), so a line is repaired only when the *whole*
line decomposes into doubled runs and the evidence is strong: a doubled punctuation mark, or
at least two different doubled runs.
"""

from __future__ import annotations

from functools import cache

from .han import han_chars

PUNCTUATION = set("。，、；：！？…—“”‘’（）《》〈〉【】·,.;:!?()")


def doubled_runs(text: str) -> tuple[str, ...] | None:
    """The runs whose doubling makes up all of ``text``, fewest runs first; None if there are none.

    >>> doubled_runs("学学方略方略")
    ('学', '方略')
    >>> doubled_runs("试验场试验场。。")
    ('试验场', '。')
    >>> doubled_runs("天天向上") is None
    True
    """
    n = len(text)
    if not text or text.find(text[0], 1, n // 2 + 1) < 0:
        return None  # no first run is doubled (most lines): the search below finds nothing

    @cache
    def best(i: int) -> tuple[str, ...] | None:
        if i == n:
            return ()
        found: tuple[str, ...] | None = None
        for size in range((n - i) // 2, 0, -1):
            if text[i:i + size] != text[i + size:i + 2 * size]:
                continue
            rest = best(i + 2 * size)
            if rest is not None and (found is None or len(rest) + 1 < len(found)):
                found = (text[i:i + size], *rest)
        return found

    return best(0)


def is_punctuation_run(run: str) -> bool:
    """A run made only of punctuation (the ``。`` of ``。。``).

    >>> is_punctuation_run("。"), is_punctuation_run("车。")
    (True, False)
    """
    return bool(run) and all(ch in PUNCTUATION for ch in run)


def undouble_line(text: str) -> str | None:
    """The line printed once, when the whole line is doubled runs with strong evidence; else None.

    >>> undouble_line("东风柳汽研发试验场东风柳汽研发试验场。。")
    '东风柳汽研发试验场。'
    >>> undouble_line("学学方略方略")
    '学方略'
    >>> [undouble_line(w) for w in ("常常", "研究研究", "天天", "谢谢", "天天向上")]
    [None, None, None, None, None]
    """
    body = text.strip()
    runs = doubled_runs(body)
    if not runs:
        return None
    once = "".join(runs)
    punctuated = any(is_punctuation_run(r) for r in runs) and bool(han_chars(once))
    # one doubled word (研究研究) is real language; two different doubled runs are not
    several = len(runs) >= 2 and len(han_chars(once)) >= 3
    return once if punctuated or several else None

