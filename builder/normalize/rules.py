"""Cleanup rules for one line of extracted text. Each is pure and named for what it does."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable


def map_kangxi_radicals(text: str) -> str:
    """Replace Kangxi radical code points that PDF extraction produces by ordinary characters.

    >>> map_kangxi_radicals("⼈民政府")
    '人民政府'
    """
    return text.translate(_KANGXI)


def _kangxi_table() -> dict[int, str]:
    table = {}
    for cp in [*range(0x2F00, 0x2FD6), *range(0x2E80, 0x2F00)]:
        ch = chr(cp)
        folded = unicodedata.normalize("NFKC", ch)
        if folded != ch and len(folded) == 1:
            table[cp] = folded
    return table


_KANGXI = _kangxi_table()

_SUPERSCRIPT = str.maketrans("0123456789+-=()n", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿ")
_SUBSCRIPT = str.maketrans("0123456789+-=()", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎")


def render_sup_sub_tags(text: str) -> str:
    """Turn ``<sup>…</sup>`` / ``<sub>…</sub>`` of the converter into Unicode super/subscripts.

    The space the converter puts before the tag is dropped with it.

    >>> render_sup_sub_tags("69.15万m <sup>2</sup>，CO<sub>2</sub>")
    '69.15万m²，CO₂'
    """

    def sup(m: re.Match) -> str:
        inner = m.group(1)
        out = inner.translate(_SUPERSCRIPT)
        return out if out != inner or not inner else f"^{inner}"

    def sub(m: re.Match) -> str:
        return m.group(1).translate(_SUBSCRIPT)

    text = re.sub(r" ?<sup>([^<]*)</sup>", sup, text)
    return re.sub(r" ?<sub>([^<]*)</sub>", sub, text)


def halfwidth_alphanumerics(text: str) -> str:
    """Full-width digits and Latin letters become ASCII; full-width punctuation stays.

    >>> halfwidth_alphanumerics("２０２４年ＡＩ，（一）")
    '2024年AI，（一）'
    """
    return text.translate(_HALFWIDTH)


_HALFWIDTH = {cp: cp - 0xFEE0 for cp in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]}


#: C0 controls but tab and form feed, DEL and the C1 controls: they carry no text and are invalid
#: in HTML. A form feed marks a PDF page break, which the newspaper readers use (and log).
CONTROL = re.compile("[\x00-\x08\x0b\x0d-\x1f\x7f-\x9f]")


def drop_control_characters(text: str) -> str:
    r"""Remove NUL and the other C0/C1 control characters (tab stays: it separates table cells;
    form feed stays: it is a page break).

    What this removes is logged by :func:`builder.normalize.normalize_source_logged`.

    >>> drop_control_characters("柳州\x00市\x1b[31m公报\x85\t2024")
    '柳州市[31m公报\t2024'
    >>> drop_control_characters("序号\t名称")
    '序号\t名称'
    """
    return CONTROL.sub("", text)


#: A Latin letter followed by combining marks (a decomposed accent, as some PDF extractors write them).
_DECOMPOSED_LATIN = re.compile("[A-Za-z\u00c0-\u024f\u1e00-\u1eff][\u0300-\u036f]+")


def compose_latin_accents(text: str) -> str:
    """NFC for Latin letters with combining accents only, so that search finds ``é`` however it
    was written; Chinese is left alone (NFC would turn CJK compatibility ideographs such as
    U+F9F1 into other code points, and NFKC on whole texts is forbidden, conventions §6).

    >>> compose_latin_accents("Liuzhou Re\u0301sume\u0301") == "Liuzhou Résumé"
    True
    >>> compose_latin_accents("\uf9f1 ①（一）") == "\uf9f1 ①（一）"
    True
    """
    return _DECOMPOSED_LATIN.sub(lambda m: unicodedata.normalize("NFC", m.group()), text)


def drop_zero_width(text: str) -> str:
    """Remove zero-width spaces, joiners and stray BOMs, which carry no text.

    >>> drop_zero_width("柳\\u200b州\\ufeff")
    '柳州'
    """
    return re.sub("[\u200b\u200c\u200d\u2060\ufeff]", "", text)


def strip_trailing_whitespace(text: str) -> str:
    r"""Trailing spaces are layout; leading ones (indents) and tabs (table cells) are kept.

    >>> strip_trailing_whitespace("　　正文。 \u3000 ")
    '　　正文。'
    >>> strip_trailing_whitespace("序号\t名称\t\t")
    '序号\t名称\t\t'
    """
    return text.rstrip(" \u00a0\u3000")


#: The rules, in the order they run.
RULES: tuple[Callable[[str], str], ...] = (
    drop_control_characters,
    drop_zero_width,
    compose_latin_accents,
    map_kangxi_radicals,
    render_sup_sub_tags,
    halfwidth_alphanumerics,
    strip_trailing_whitespace,
)


def normalize_text(text: str) -> str:
    """Apply every rule in order.

    >>> normalize_text("２⼈ <sup>2</sup>  ")
    '2人²'
    """
    for rule in RULES:
        text = rule(text)
    return text
