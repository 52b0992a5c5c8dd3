"""Related documents: those sharing topics, issuer, mentioned agencies or keywords.

Candidates come from an inverted index over those features, so the cost grows with the
documents that share something, not with the square of the archive.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Iterable

from ..model import Document

WEIGHTS = {"k": 2.0, "t": 1.0, "i": 1.0, "m": 0.5}
MAX_POSTING = 300  # a feature shared by more documents says little about any two of them (and costs n²)


def features(doc: Document) -> set[str]:
    f = {f"k:{k}" for k in doc.keywords} | {f"t:{t}" for t in doc.topics} | {f"m:{m}" for m in doc.mentions}
    if doc.issuer:
        f.add(f"i:{doc.issuer}")
    return f


#: What a build keeps of each document's related ones for the next: its features and the documents found.
RelatedState = dict[str, tuple[frozenset[str], tuple[str, ...]]]


def related_state(documents: Iterable[Document]) -> RelatedState:
    """What :func:`related_documents` needs of an earlier build to find only what changed."""
    return {d.id: (frozenset(features(d)), d.related) for d in documents}


def related_documents(documents: tuple[Document, ...], count: int = 5, before: RelatedState | None = None) -> dict[str, tuple[str, ...]]:
    """The ``count`` documents sharing most with each (a score of at least 2), best first.

    ``before``: an earlier build's :func:`related_state`, found with the same ``count``. Only
    the documents whose features changed (added, removed or edited) and those sharing a
    feature with one of them are scored again; every other document's features' postings have
    the same members as then, so its scores, and its related documents, are those of then.
    """
    feats = {d.id: frozenset(features(d)) for d in documents}
    postings: dict[str, list[str]] = defaultdict(list)
    for doc_id, fs in feats.items():
        for f in fs:
            postings[f].append(doc_id)
    todo: Iterable[str] = feats
    result: dict[str, tuple[str, ...]] = {}
    if before is not None:
        changed = {i for i, fs in feats.items() if i not in before or before[i][0] != fs} | (before.keys() - feats.keys())
        grown: Counter[str] = Counter()  # members gained less members lost, per feature
        for i in changed:
            now, then = feats.get(i, frozenset()), before[i][0] if i in before else frozenset()
            grown.update(now - then)
            grown.subtract(then - now)
        # a feature scores only while it has at most MAX_POSTING members: one past it both then
        # and now (a newspaper's own name, a broad topic) changed no other document's scores
        touched = {f for f, n in grown.items() if n and min(len(postings.get(f, ())), len(postings.get(f, ())) - n) <= MAX_POSTING}
        again = changed | {i for f in touched for i in postings.get(f, ())}
        todo = [i for i in feats if i in again]
        result = {i: before[i][1] for i in feats if i not in again}
    for doc_id in todo:
        scores: defaultdict[str, float] = defaultdict(float)
        for f in feats[doc_id]:
            members = postings[f]
            if len(members) > MAX_POSTING:
                continue
            for other in members:
                if other != doc_id:
                    scores[other] += WEIGHTS[f[0]]  # halves and wholes: exact, in any order
        best = heapq.nsmallest(count, scores.items(), key=lambda kv: (-kv[1], kv[0]))  # sorted(…)[:count], without sorting them all
        result[doc_id] = tuple(other for other, score in best if score >= 2.0)
    return {i: result[i] for i in feats}
