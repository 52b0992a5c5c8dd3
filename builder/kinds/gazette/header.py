"""The lines an official document prints between its title and its body, read once for the
gazette and for single documents: 令号 (``第12号``), a 公告's ``（第X号）``, the 发文字号 line,
and the bracketed line of a regulation or judicial interpretation that says when it was
adopted (通过), promulgated (公布) and takes effect (施行)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...model import DocNumber
from ...zh.dates import DATE, chinese_number, parse_date
from .text import strip_heading_marks

_NUMERAL = r"(?:\d{1,5}|[一二三四五六七八九十百千零〇]{1,8})"
#: ``第12号`` / ``（第3号）`` / ``柳州市人民政府令 第12号`` standing alone.
ORDER_NUMBER = re.compile(rf"(?P<code>[\u4e00-\u9fff]{{1,20}}令)?\s*[（(]?\s*第\s*(?P<serial>{_NUMERAL})\s*号\s*[）)]?")
_PLAIN_DATE = re.sub(r"\(\?P<\w+>", "(?:", DATE.pattern)


@dataclass(frozen=True)
class Dates:
    adopted: str | None = None  # 通过
    promulgated: str | None = None  # 公布 / 发布
    effective: str | None = None  # 施行

    def __bool__(self) -> bool:
        return bool(self.adopted or self.promulgated or self.effective)


def order_number(text: str, issuer: str | None = None) -> DocNumber | None:
    """A 令号 or 公告 number line: ``第12号``, ``（第3号）``, ``国务院令第767号``.

    The 令 it belongs to is the line's own (``国务院令``) or ``issuer`` (the line above,
    ``柳州市人民政府令``); a bare number keeps the issuer as its code.

    >>> order_number("第12号", "柳州市人民政府令").normalized, order_number("国务院令第767号").normalized
    ('柳州市人民政府令第12号', '国务院令第767号')
    >>> order_number("（第三号）", "清江市人民政府公告").serial
    3
    >>> order_number("第十二条 国家建立") is None, order_number("根据第3号文件") is None
    (True, True)
    """
    t = strip_heading_marks(text).strip()
    m = ORDER_NUMBER.fullmatch(t)
    if not m or not (m["code"] or issuer):
        return None
    serial = int(m["serial"]) if m["serial"].isdigit() else chinese_number(m["serial"])
    return DocNumber(raw=t, agency_code=m["code"] or issuer or "", year=None, serial=serial)


def read_dates(text: str) -> Dates:
    """What a bracketed header line says about adoption, promulgation and effect.

    >>> read_dates("（2020年12月29日最高人民法院审判委员会第1823次会议通过，自2021年1月1日起施行）")
    Dates(adopted='2020-12-29', promulgated=None, effective='2021-01-01')
    >>> read_dates("（2024年3月1日柳州市人民政府第30次常务会议审议通过 2024年3月20日公布 自2024年5月1日起施行）").promulgated
    '2024-03-20'
    >>> bool(read_dates("2022年6月27日")), bool(read_dates("自本通知印发之日起施行。"))
    (False, False)
    """
    t = strip_heading_marks(text).strip()
    if not re.fullmatch(r"[（(].*[）)]", t):
        return Dates()
    found: dict[str, str | None] = {}
    for m in re.finditer(rf"({_PLAIN_DATE})([^，,；;\s）)]*?)(通过|公布|发布|施行)", t):
        word = {"通过": "adopted", "公布": "promulgated", "发布": "promulgated", "施行": "effective"}[m[3]]
        found.setdefault(word, parse_date(m[1]))
    return Dates(**found)


def is_dates_line(text: str) -> bool:
    """A header line of dates only (see :func:`read_dates`).

    >>> is_dates_line("（2020年12月29日最高人民法院审判委员会第1823次会议通过，自2021年1月1日起施行）")
    True
    """
    return bool(read_dates(text))
