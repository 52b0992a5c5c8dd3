"""The controlled vocabulary of agencies: national bodies, province-level bodies, and the
bodies of the publication's own city, written as patterns (``{place}商务局``).

A bare ``市商务局`` in a 梧州 gazette is 梧州's: the vocabulary a document is read with is
the one of its publication's :class:`Place` (:meth:`AgencyVocabulary.for_place`).
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, replace

#: Endings of a city-level place name, and the bare word its own texts use (市商务局, 州人民政府).
CITY_ENDINGS = (("自治州", "州"), ("地区", "地区"), ("市", "市"), ("盟", "盟"))
#: A city-level place at the start of a publication's name or publisher (柳州市人民政府公报),
#: followed by a body of that place (so that 新都市报 is no place 新都市).
CITY_AT_START = re.compile(r"[\u4e00-\u9fff]{2,8}?(?:自治州|地区|市|盟)(?=人民政府|人民代表大会|行政公署|日报|晚报|政协|委员会)")


@dataclass(frozen=True)
class AgencyEntry:
    """One body: its canonical name, other printed names, 机关代字 of its 发文字号."""

    name: str
    aliases: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()

    def expand(self, **values: str) -> AgencyEntry:
        """The entry with its placeholders filled in.

        >>> AgencyEntry("{place}人民政府办公室", ("{level}政府办公室",), ("{abbr}政办",)).expand(place="梧州市", level="市", abbr="梧")
        AgencyEntry(name='梧州市人民政府办公室', aliases=('市政府办公室',), codes=('梧政办',))
        >>> AgencyEntry("{short}海关").expand(short="柳州").name
        '柳州海关'
        >>> AgencyEntry("国务院", (), ("国发",)).expand(place="柳州市")
        AgencyEntry(name='国务院', aliases=(), codes=('国发',))
        """
        def fill(text: str) -> str:
            return text.format_map(values)

        return AgencyEntry(fill(self.name), tuple(map(fill, self.aliases)), tuple(map(fill, self.codes)))


def placeholders(text: str) -> set[str]:
    """The ``{names}`` a pattern uses.

    >>> sorted(placeholders("中国国际贸易促进委员会{place}委员会 {level}贸促会"))
    ['level', 'place']
    >>> placeholders("国务院")
    set()
    """
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@dataclass(frozen=True)
class Province:
    """A province-level division: 广西壮族自治区, its 机关代字 prefix 桂, its cities."""

    name: str
    abbr: str
    cities: tuple[str, ...] = ()

    @property
    def level(self) -> str:
        """The word its own texts use for it (自治区人民政府, 省政府).

        >>> Province("广西壮族自治区", "桂").level, Province("广东省", "粤").level, Province("北京市", "京").level
        ('自治区', '省', '市')
        """
        return next((end for end in ("自治区", "省", "市") if self.name.endswith(end)), "")

    def values(self) -> dict[str, str]:
        return {"province": self.name, "abbr": self.abbr, "level": self.level}


@dataclass(frozen=True)
class Place:
    """The place a publication belongs to: a city (or none), and its province (or none)."""

    city: str | None
    province: Province | None = None

    def values(self) -> dict[str, str]:
        """What the city patterns' placeholders stand for.

        >>> Place("柳州市").values()
        {'place': '柳州市', 'short': '柳州', 'abbr': '柳', 'level': '市'}
        >>> Place("恩施土家族苗族自治州").values()["level"]
        '州'
        """
        city = self.city or ""
        ending, level = next(((e, w) for e, w in CITY_ENDINGS if city.endswith(e)), ("", ""))
        short = city[: len(city) - len(ending)] if ending else city
        return {"place": city, "short": short, "abbr": city[:1], "level": level}


@dataclass(frozen=True)
class Agencies:
    """The vocabulary of one place, resolved: every name it knows, looked up and found in text."""

    canonical: dict[str, str]  # any known name or alias → canonical name
    codes: dict[str, str]  # 机关代字 → canonical name
    pattern: re.Pattern | None  # finds any known name, longest first

    def name(self, text: str | None) -> str | None:
        """The canonical name of an agency, or None when the vocabulary does not know it."""
        if not text:
            return None
        return self.canonical.get(re.sub(r"\s+", "", text))

    def mentions(self, text: str) -> tuple[str, ...]:
        """Canonical names of the agencies a text mentions, in order of first mention."""
        if not self.pattern:
            return ()
        return tuple(dict.fromkeys(self.canonical[m.group(0)] for m in self.pattern.finditer(text)))


def resolve(entries: list[AgencyEntry]) -> Agencies:
    """The lookup tables of a list of entries; the first entry to claim a name keeps it.

    >>> a = resolve([AgencyEntry("梧州市商务局", ("市商务局",)), AgencyEntry("梧州市人民政府", ("市人民政府", "市政府"), ("梧政发",))])
    >>> a.name("市商务局"), a.codes["梧政发"], a.mentions("经市人民政府同意，市商务局牵头")
    ('梧州市商务局', '梧州市人民政府', ('梧州市人民政府', '梧州市商务局'))
    """
    canonical: dict[str, str] = {}
    codes: dict[str, str] = {}
    for entry in entries:
        for alias in (entry.name, *entry.aliases):
            canonical.setdefault(alias, entry.name)
        for code in entry.codes:
            codes.setdefault(code, entry.name)
    names = sorted(canonical, key=lambda n: (-len(n), n))
    pattern = re.compile("|".join(map(re.escape, names))) if names else None
    return Agencies(canonical, codes, pattern)


@dataclass(frozen=True)
class AgencyVocabulary:
    """What ``agencies.yml`` says: bodies by name, province-level divisions, and patterns.

    ``province_agencies`` are filled in for every province; their aliases without
    ``{province}`` (自治区人民政府) only for the publication's own province.
    ``city_agencies`` are filled in for the publication's own city only.
    """

    agencies: tuple[AgencyEntry, ...] = ()
    provinces: tuple[Province, ...] = ()
    province_agencies: tuple[AgencyEntry, ...] = ()
    city_agencies: tuple[AgencyEntry, ...] = ()

    def place_of(self, name: str, publisher: str | None = None, place: str | None = None) -> Place:
        """The place of a publication: its manifest ``place``, else read from its name or publisher.

        >>> gx = Province("广西壮族自治区", "桂", ("柳州市", "梧州市"))
        >>> v = AgencyVocabulary(provinces=(gx,))
        >>> v.place_of("柳州市人民政府公报") == Place("柳州市", gx)
        True
        >>> v.place_of("柳州日报", "柳州日报社") == Place("柳州市", gx)
        True
        >>> v.place_of("广西壮族自治区人民政府公报") == Place(None, gx)
        True
        >>> v.place_of("清江日报", place="清江市"), v.place_of("清江市人民政府公报").city, v.place_of("人民日报").city
        (Place(city='清江市', province=None), '清江市', None)
        >>> v.place_of("新都市报").city is None
        True
        """
        if place:
            return self._place_in(place) or Place(place)
        for text in (name, publisher or ""):
            found = self._place_in(text)
            if found:
                return found
        return Place(None)

    def _place_in(self, text: str) -> Place | None:
        province = next((p for p in self.provinces if text.startswith(p.name)), None)
        rest = text[len(province.name):] if province else text
        for p in self.provinces:
            for city in p.cities:
                short = Place(city).values()["short"]
                if rest.startswith(city) or (len(short) >= 2 and rest.startswith(short)):
                    return Place(city, province or p)
        m = CITY_AT_START.match(rest)
        if m:
            return Place(m.group(0), province)
        return Place(None, province) if province else None

    def for_place(self, place: Place) -> Agencies:
        """The vocabulary a publication of ``place`` is read with.

        >>> gx = Province("广西壮族自治区", "桂", ("梧州市",))
        >>> v = AgencyVocabulary((AgencyEntry("国务院"),), (gx,),
        ...                      (AgencyEntry("{province}人民政府", ("{level}人民政府",), ("{abbr}政发",)),),
        ...                      (AgencyEntry("{place}商务局", ("{level}商务局",)),))
        >>> a = v.for_place(Place("梧州市", gx))
        >>> a.name("市商务局"), a.name("自治区人民政府"), a.codes["桂政发"], a.name("国务院")
        ('梧州市商务局', '广西壮族自治区人民政府', '广西壮族自治区人民政府', '国务院')
        >>> v.for_place(Place(None)).name("市商务局") is None, v.for_place(Place(None)).name("广西壮族自治区人民政府")
        (True, '广西壮族自治区人民政府')
        """
        entries = list(self.agencies)
        if place.city:
            values = place.values()
            entries += [e.expand(**values) for e in self.city_agencies]
        for province in self.provinces:
            for entry in self.province_agencies:
                own = province == place.province
                kept = entry if own else replace(entry, aliases=tuple(a for a in entry.aliases if "province" in placeholders(a)))
                entries.append(kept.expand(**province.values()))
        return resolve(entries)
