"""Chinese numerals and dates as printed in official documents: ``2022年6月27日`` or ``二〇二二年六月二十七日``."""

from __future__ import annotations

import re

_CN_DIGIT = "〇○零Ｏ一二三四五六七八九"

_DIGIT_VALUE = {**{c: 0 for c in "〇○零Ｏ"}, **{c: i for i, c in enumerate("一二三四五六七八九", start=1)}}


def chinese_number(text: str) -> int:
    """Value of a Chinese numeral up to 9999 (第一百零五条) or of a digit-by-digit year.

    >>> chinese_number("二十七"), chinese_number("十一"), chinese_number("三十"), chinese_number("二〇二二")
    (27, 11, 30, 2022)
    >>> chinese_number("一百零五"), chinese_number("一百一十"), chinese_number("二百"), chinese_number("一千零二十三")
    (105, 110, 200, 1023)
    """
    if text.isdigit():
        return int(text)
    if not any(unit in text for unit in "十百千"):
        value = 0
        for ch in text:
            value = value * 10 + _DIGIT_VALUE[ch]
        return value
    total, digit = 0, None
    for ch in text:
        if ch in _UNIT_VALUE:
            total += (1 if digit is None else digit) * _UNIT_VALUE[ch]
            digit = None
        else:
            digit = _DIGIT_VALUE[ch] or None  # 零 only holds a place
    return total + (digit or 0)


_UNIT_VALUE = {"十": 10, "百": 100, "千": 1000}


#: A full date, Arabic or Chinese numerals, blanks allowed between the parts.
DATE = re.compile(
    rf"(?P<year>\d{{4}}|[{_CN_DIGIT}]{{4}})\s*年\s*(?P<month>\d{{1,2}}|[十一二三四五六七八九]{{1,3}})\s*月"
    rf"\s*(?P<day>\d{{1,2}}|[十一二三四五六七八九]{{1,4}})\s*日"
)


def parse_date(text: str) -> str | None:
    """The first full date in a text, as ISO ``YYYY-MM-DD`` (None when there is none or it is impossible).

    >>> parse_date("2022年6月27日 柳政办〔2022〕59号")
    '2022-06-27'
    >>> parse_date("二〇二二年六月二十七日")
    '2022-06-27'
    >>> parse_date("2022年13月1日") is None
    True
    """
    m = DATE.search(text)
    if not m:
        return None
    year, month, day = (chinese_number(m[k]) for k in ("year", "month", "day"))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def is_date_line(text: str) -> bool:
    """True when a line is only a date (perhaps in parentheses), as under a signature.

    >>> is_date_line("2025年3月1日"), is_date_line("（二〇二二年六月二十七日）"), is_date_line("2025年3月1日起施行")
    (True, True, False)
    """
    return bool(re.fullmatch(rf"[（(]?\s*{DATE.pattern}\s*[）)]?", text.strip()))
