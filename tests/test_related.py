"""Related documents found again only where they can change (builder/index/related.py)."""

from __future__ import annotations

import random
from dataclasses import replace

from builder.index.related import MAX_POSTING, related_documents, related_state
from builder.model import Document

WORDS = [f"词{i}" for i in range(40)]
TOPICS = ["工业、交通", "科技、教育", "城乡建设、环境保护", "劳动、人事、监察"]
AGENCIES = [f"市{n}局" for n in "甲乙丙丁戊己"]


def document(rng: random.Random, n: int) -> Document:
    return Document(id=f"d{n:04d}", kind="document", publication="p", source="s.txt", title=f"文{n}", line_start=1, line_end=1,
                    keywords=tuple(rng.sample(WORDS, rng.randint(0, 4))), topics=tuple(rng.sample(TOPICS, rng.randint(0, 2))),
                    issuer=rng.choice([*AGENCIES, None]), mentions=tuple(rng.sample(AGENCIES, rng.randint(0, 2))))


def edited(rng: random.Random, docs: list[Document], n: int) -> list[Document]:
    """``docs`` after one random edit: a document's features changed, one added or one removed."""
    docs = list(docs)
    what = rng.choice(["edit", "add", "remove"])
    if what == "edit":
        at = rng.randrange(len(docs))
        docs[at] = replace(document(rng, n), id=docs[at].id)
    elif what == "add":
        docs.insert(rng.randrange(len(docs) + 1), document(rng, n))
    else:
        docs.pop(rng.randrange(len(docs)))
    return docs


def test_related_found_again_only_where_they_can_change_are_those_found_anew():
    rng = random.Random(7)
    docs = [document(rng, n) for n in range(MAX_POSTING + 120)]  # some features past MAX_POSTING, some crossing it
    state = related_state(replace(d, related=r) for d, r in zip(docs, related_documents(tuple(docs)).values(), strict=True))
    for step in range(60):
        docs = edited(rng, docs, 10_000 + step)
        anew = related_documents(tuple(docs))
        again = related_documents(tuple(docs), before=state)
        assert again == anew
        assert list(again) == [d.id for d in docs]
        state = related_state(replace(d, related=anew[d.id]) for d in docs)
