"""One generic grouping for every taxonomy (issuer, 文种, year, topic, 发文字号 series …)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..model import Document, Term
from ..slugs import pinyin_slug, pinyin_sort_key
from .topics import TopicRules


@dataclass(frozen=True)
class Taxonomy:
    name: str  # URL segment and key, e.g. "issuer"
    label: str  # shown to readers
    values: Callable[[Document], Iterable[str]]
    ordered_by_pinyin: bool = True
    key_of: Callable[[str], str] = pinyin_slug  # the URL segment of a term


def topic_key(topics: TopicRules) -> Callable[[str], str]:
    """The URL segment of a topic class: its ``key`` in topics.yml, else its pinyin.

    >>> from .topics import Topic
    >>> key = topic_key(TopicRules((Topic("nongye", "农业、林业、水利", ()),), 3))
    >>> key("农业、林业、水利"), key("其他")
    ('nongye', 'qita')
    """
    keys = {t.name: t.key for t in topics.topics}
    return lambda name: keys.get(name) or pinyin_slug(name)


def taxonomies(topics: TopicRules) -> tuple[Taxonomy, ...]:
    """Every taxonomy, with the archive's topic keys."""
    return (
        Taxonomy("issuer", "发文机关", lambda d: [d.issuer] if d.issuer else []),
        Taxonomy("mention", "提及机关", lambda d: d.mentions),
        Taxonomy("topic", "主题分类", lambda d: d.topics, key_of=topic_key(topics)),
        Taxonomy("doctype", "文种", lambda d: [d.doc_type] if d.doc_type else []),
        Taxonomy("series", "发文字号", lambda d: [d.doc_number.series] if d.doc_number else []),
        Taxonomy("year", "年份", lambda d: [d.date[:4]] if d.date else [], ordered_by_pinyin=False),
        Taxonomy("month", "月份", lambda d: [d.date[:7]] if d.date and len(d.date) >= 7 else [], ordered_by_pinyin=False),
    )


#: The taxonomies' names and labels, in order (for pages and navigation; the terms were keyed
#: when the index was built, with :func:`taxonomies` of the archive's topics).
TAXONOMIES: tuple[Taxonomy, ...] = taxonomies(TopicRules((), 0))


def newest_first(doc: Document) -> tuple:
    """Sort key: newest date first, then printed order (undated last)."""
    date = doc.date or ""
    return (tuple(-ord(c) for c in date) if date else (1,), doc.id)


def group(documents: Iterable[Document], taxonomy: Taxonomy) -> tuple[Term, ...]:
    """Group documents by the values a taxonomy gives them, each term newest first."""
    members: dict[str, list[Document]] = defaultdict(list)
    for doc in documents:
        for value in dict.fromkeys(taxonomy.values(doc)):
            members[value].append(doc)
    terms = []
    used: set[str] = set()  # the keys given so far (a set: a search of them per label was quadratic)
    for label in sorted(members, key=pinyin_sort_key if taxonomy.ordered_by_pinyin else str):
        key = taxonomy.key_of(label) or "x"
        if key in used:  # two labels with one pinyin (rare): keep both apart
            n = 2
            while f"{key}-{n}" in used:
                n += 1
            key = f"{key}-{n}"
        used.add(key)
        docs = sorted(members[label], key=newest_first)
        terms.append(Term(taxonomy.name, key, label, tuple(d.id for d in docs), pinyin_sort_key(label)))
    if not taxonomy.ordered_by_pinyin:
        terms.reverse()  # years: newest first
    return tuple(terms)

