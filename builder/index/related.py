"""Related documents: those sharing topics, issuer, mentioned agencies or keywords.

Candidates come from an inverted index over those features, so the cost grows with the
documents that share something, not with the square of the archive.
"""

from __future__ import annotations

import heapq
from collections import defaultdict

from ..model import Document

WEIGHTS = {"k": 2.0, "t": 1.0, "i": 1.0, "m": 0.5}
MAX_POSTING = 300  # a feature shared by more documents says little about any two of them (and costs n²)


def features(doc: Document) -> set[str]:
    f = {f"k:{k}" for k in doc.keywords} | {f"t:{t}" for t in doc.topics} | {f"m:{m}" for m in doc.mentions}
    if doc.issuer:
        f.add(f"i:{doc.issuer}")
    return f


def related_documents(documents: tuple[Document, ...], count: int = 5) -> dict[str, tuple[str, ...]]:
    feats = {d.id: features(d) for d in documents}
    postings: dict[str, list[str]] = defaultdict(list)
    for doc_id, fs in feats.items():
        for f in fs:
            postings[f].append(doc_id)
    result = {}
    for doc_id, fs in feats.items():
        scores: defaultdict[str, float] = defaultdict(float)
        for f in fs:
            members = postings[f]
            if len(members) > MAX_POSTING:
                continue
            for other in members:
                if other != doc_id:
                    scores[other] += WEIGHTS[f[0]]
        best = heapq.nsmallest(count, scores.items(), key=lambda kv: (-kv[1], kv[0]))  # sorted(…)[:count], without sorting them all
        result[doc_id] = tuple(other for other, score in best if score >= 2.0)
    return result
