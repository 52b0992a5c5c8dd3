"""Joining the pieces of a wrapped line: Chinese joins with nothing, Latin words with a space."""

from __future__ import annotations


def latin_boundary(left: str, right: str) -> bool:
    """Two Latin words or numbers meet: a space between them is a real word space.

    >>> latin_boundary("eVTOL", "200"), latin_boundary("柳州", "2024")
    (True, False)
    """
    return bool(left) and bool(right) and left[-1].isascii() and left[-1].isalnum() and right[0].isascii() and right[0].isalnum()


def splits_token(left: str, right: str) -> bool:
    """A column wrap cut one number or one code in two: a digit meets a digit or a Latin letter.

    A column breaks anywhere, also inside ``500万元`` or ``5G``; only two Latin words meet
    at a real word space.

    >>> splits_token("5", "00万元"), splits_token("5", "G网络"), splits_token("eVTOL", "200")
    (True, True, True)
    >>> splits_token("the", "gazette"), splits_token("柳州", "2024")
    (False, False)
    """
    if not latin_boundary(left, right):
        return False
    return left[-1].isdigit() or right[0].isdigit()


def join_wrapped(left: str, right: str) -> str:
    """Join two pieces of a line broken by the column width.

    Chinese (and full-width punctuation) joins with nothing, and so do the pieces of a number
    or of a code made of digits and letters (``5 00万元`` → ``500万元``, ``5G``); two Latin
    words get one space; a hyphen at the break is kept as it is.

    >>> join_wrapped("柳州市物流业", "发展规划")
    '柳州市物流业发展规划'
    >>> join_wrapped("the Liuzhou", "gazette")
    'the Liuzhou gazette'
    >>> join_wrapped("2024 年 1 至 5 月，我市跨", "境电商")
    '2024 年 1 至 5 月，我市跨境电商'
    >>> join_wrapped("投入5", "00万元"), join_wrapped("7月1", "7日"), join_wrapped("（202", "3—2025年）"), join_wrapped("5", "G基站")
    ('投入500万元', '7月17日', '（2023—2025年）', '5G基站')
    """
    left, right = left.rstrip(), right.lstrip()
    if not left or not right:
        return left + right
    a, b = left[-1], right[0]
    if latin_boundary(left, right) and not splits_token(left, right):
        return f"{left} {right}"
    if a in ",;:" and b.isascii() and b.isalnum():
        return f"{left} {right}"
    return left + right
