"""主题分类 by transparent keyword rules (``topics.yml``), and free keywords (jieba TF-IDF)."""

from __future__ import annotations

import copy
import logging
import math
import types
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Topic:
    key: str
    name: str
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class TopicRules:
    topics: tuple[Topic, ...]
    min_body_hits: int

    def key_of(self, name: str) -> str:
        return next(t.key for t in self.topics if t.name == name)

    def assign(self, title: str, body: str) -> tuple[str, ...]:
        """Classes whose keywords the title names; else the best-scoring classes of the body.

        >>> rules = TopicRules((Topic("a", "工业、交通", ("物流",)), Topic("b", "科技、教育", ("教育",))), 2)
        >>> rules.assign("关于印发物流业发展规划的通知", "")
        ('工业、交通',)
        >>> rules.assign("关于某事的通知", "教育教育教育，物流")
        ('科技、教育',)
        >>> rules.assign("关于某事的通知", "物流")
        ()
        """
        title, body = mask_government_names(title), mask_government_names(body)
        in_title = tuple(t.name for t in self.topics if any(k in title for k in t.keywords))
        if in_title:
            return in_title
        hits = Counter({t.name: sum(body.count(k) for k in t.keywords) for t in self.topics})
        best = max(hits.values(), default=0)
        if best < self.min_body_hits:
            return ()
        return tuple(t.name for t in self.topics if hits[t.name] == best)


def topic_rules(data: dict) -> TopicRules:
    """The rules of a (validated) ``topics.yml``.

    >>> topic_rules({"topics": [{"key": "a", "name": "工业、交通", "keywords": ["物流"]}]}).min_body_hits
    3
    """
    topics = tuple(Topic(t["key"], t["name"], tuple(t.get("keywords") or ())) for t in data["topics"])
    return TopicRules(topics, int(data.get("min_body_hits", 3)))


@lru_cache(maxsize=1)
def _jieba_tfidf():
    """jieba's TF-IDF extractor with a private tokenizer: the shared ``jieba.dt`` is changed by
    other code (the search hook adds words), and keywords must not depend on what ran before.

    The one process-wide cache of the index stage, on purpose: it holds jieba's bundled
    dictionary and IDF table (the same for every archive, 1–3 s to load), nothing an archive
    sets; the archive's stopwords are in :class:`Keywords`."""
    import jieba
    import jieba.analyse  # builds jieba's default extractor, reading the IDF table once

    jieba.setLogLevel(logging.WARNING)
    # a copy of that extractor, not a second TFIDF(): TFIDF() reads the IDF table again
    # (about 2 s); the table is only read, the stopword set is the copy's own
    extractor = copy.copy(jieba.analyse.default_tfidf)
    extractor.stop_words = set(extractor.stop_words)
    tokenizer = _fast_tokenizer(jieba)()
    # without the HMM for unknown words: three times faster, and a keyword worth showing is
    # a dictionary word anyway
    extractor.tokenizer = types.SimpleNamespace(cut=lambda text: tokenizer.cut(text, HMM=False))
    return extractor


def _fast_tokenizer(jieba: types.ModuleType) -> type:
    """jieba's tokenizer with its two inner loops (the word graph of a block and the best path
    through it) doing the same steps with fewer lookups: a word's log probability is computed
    once per tokenizer, not once per occurrence (about half of the keyword step). The words
    found are the same: the same floats, added in the same order, the same first maximum."""

    class Tokenizer(jieba.Tokenizer):  # type: ignore[name-defined]
        def get_DAG(self, sentence: str) -> dict[int, list[int]]:
            self.check_initialized()
            freq, dag, n = self.FREQ, {}, len(sentence)
            for k in range(n):
                ends, i, frag = [], k, sentence[k]
                while i < n and frag in freq:
                    if freq[frag]:
                        ends.append(i)
                    i += 1
                    frag = sentence[k:i + 1]
                dag[k] = ends or [k]
            return dag

        def calc(self, sentence: str, DAG: dict[int, list[int]], route: dict[int, tuple[float, int]]) -> None:
            if getattr(self, "_cost_total", None) != self.total:  # a word added changes every cost
                self._cost: dict[str, float] = {}
                self._cost_total = self.total
            cost, freq, logtotal = self._cost, self.FREQ, math.log(self.total)
            n = len(sentence)
            route[n] = (0, 0)
            for idx in range(n - 1, -1, -1):
                best: tuple[float, int] | None = None
                for x in DAG[idx]:
                    word = sentence[idx:x + 1]
                    c = cost.get(word)
                    if c is None:
                        c = cost[word] = math.log(freq.get(word) or 1) - logtotal
                    candidate = (c + route[x + 1][0], x)
                    if best is None or candidate > best:
                        best = candidate
                assert best is not None  # every position has at least itself as a word
                route[idx] = best

    return Tokenizer


@dataclass(frozen=True)
class Keywords:
    """Free keywords: jieba's TF-IDF, less the archive's stopwords (``keyword-stopwords.txt``)."""

    stopwords: frozenset[str] = frozenset()

    def of(self, text: str, count: int = 8) -> tuple[str, ...]:
        """The words that characterise a text (jieba's TF-IDF over its bundled IDF table).

        >>> "物流" in Keywords().of("物流园区建设。冷链物流发展。物流企业。")
        True
        >>> "物流" in Keywords(frozenset({"物流"})).of("物流园区建设。冷链物流发展。物流企业。")
        False
        """
        words = _jieba_tfidf().extract_tags(text, topK=count * 3)
        # digits, one-character words and general words make poor tags
        return tuple(w for w in words if len(w) > 1 and not any(c.isdigit() for c in w) and w not in self.stopwords)[:count]


def mask_government_names(text: str) -> str:
    """Blank out 人民政府 so that a topic keyword such as 民政 is not found inside it.

    >>> mask_government_names("柳州市人民政府办公室")
    '柳州市〇〇〇〇办公室'
    """
    return text.replace("人民政府", "〇〇〇〇")


def drop_ubiquitous_keywords(keyword_lists: list[tuple[str, ...]], share: float = 0.3, minimum: int = 20) -> list[tuple[str, ...]]:
    """Remove keywords that a large share of the archive has (the city's own name, say):
    a tag on every page tells a reader nothing. Small archives are left alone.

    >>> lists = [("柳州", f"词{i}") for i in range(20)] + [("物流",)]
    >>> drop_ubiquitous_keywords(lists)[0], drop_ubiquitous_keywords(lists)[-1]
    (('词0',), ('物流',))
    """
    if len(keyword_lists) < minimum:
        return keyword_lists
    counts = Counter(k for ks in keyword_lists for k in set(ks))
    common = {k for k, n in counts.items() if n > share * len(keyword_lists)}
    return [tuple(k for k in ks if k not in common) for ks in keyword_lists]
