"""Joining the pieces of a wrapped line: Chinese joins with nothing, Latin words with a space."""

from __future__ import annotations


def latin_boundary(left: str, right: str) -> bool:
    """Two Latin words or numbers meet: a space between them is a real word space.

    >>> latin_boundary("eVTOL", "200"), latin_boundary("柳州", "2024")
    (True, False)
    """
    return bool(left) and bool(right) and left[-1].isascii() and left[-1].isalnum() and right[0].isascii() and right[0].isalnum()


def join_wrapped(left: str, right: str) -> str:
    """Join two pieces of a line broken by the column width.

    Chinese (and full-width punctuation) joins with nothing; two Latin words or numbers get
    one space; a hyphen at the break is kept as it is.

    >>> join_wrapped("柳州市物流业", "发展规划")
    '柳州市物流业发展规划'
    >>> join_wrapped("the Liuzhou", "gazette")
    'the Liuzhou gazette'
    >>> join_wrapped("2024 年 1 至 5 月，我市跨", "境电商")
    '2024 年 1 至 5 月，我市跨境电商'
    """
    left, right = left.rstrip(), right.lstrip()
    if not left or not right:
        return left + right
    a, b = left[-1], right[0]
    if latin_boundary(left, right):
        return f"{left} {right}"
    if a in ",;:" and b.isascii() and b.isalnum():
        return f"{left} {right}"
    return left + right
