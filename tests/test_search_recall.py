"""Recall over a few hundred queries sampled from the real corpus, run by search.js in
Chromium: every query must return exactly the documents the plain-text scan finds.

Queries: substrings of titles and of body blocks (2–12 characters), their Traditional
spelling (OpenCC s2t), full pinyin and initials of titles and issuers, and every
document's 发文字号 in bracket, square-bracket and spaced forms.
"""

from __future__ import annotations

import random

import pytest

from builder.search.layout import BUNDLE, HOSTED
from builder.search.reference import scan, search_docs
from tests.browser import browser, chromium_path
from tests.search_harness import write_site


def sample_queries(archive, n_sub: int = 160, seed: int = 6) -> list[str]:
    import opencc

    rng = random.Random(seed)
    docs = search_docs(archive)
    queries: list[str] = []
    for _ in range(n_sub):
        sd = rng.choice(docs)
        title_side = rng.random() < 0.3
        texts = list(sd.heads[:1]) if title_side else [t for _, t in sd.body] or list(sd.heads)
        text = "".join(rng.choice(texts).split())
        if len(text) < 2:
            continue
        size = rng.randint(2, min(12, len(text)))
        start = rng.randrange(len(text) - size + 1)
        queries.append(text[start:start + size])
    s2t = opencc.OpenCC("s2t")
    queries += [s2t.convert(q) for q in queries[::4]]
    for sd in rng.sample(docs, min(20, len(docs))):
        for syl in sd.pinyin[:2]:
            i = rng.randrange(len(syl))
            queries.append("".join(syl[i:i + rng.randint(2, 4)]))
            queries.append("".join(s[0] for s in syl[i:i + rng.randint(3, 7)]))
    for d in archive.documents:
        if d.doc_number and d.doc_number.year:
            n = d.doc_number
            queries += [n.normalized, f"{n.agency_code}[{n.year}]{n.serial}号", f"{n.agency_code} {n.year} {n.serial}"]
    return list(dict.fromkeys(q for q in queries if q.strip()))


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("packing", [HOSTED, BUNDLE], ids=["hosted", "bundle"])
def test_recall_on_real_corpus(real_site, tmp_path, packing):
    if chromium_path() is None:
        pytest.skip("Debian's chromium is not installed (python3 tasks.py test installs it)")
    archive = real_site.archive
    write_site(archive, tmp_path, packing)
    docs = search_docs(archive)
    queries = sample_queries(archive)
    assert len(queries) >= 200
    expected = {q: sorted(scan(docs, q)) for q in queries}
    with browser() as b:
        page = b.new_page()
        page.goto((tmp_path / "index.html").as_uri())
        got = page.evaluate(
            """async qs => { const out = {};
                 for (const q of qs) { const r = await dangan.search.searchAll(q);
                   out[q] = {ids: r.results.map(x => x.url.replace(/\\/$/, "")).sort(), total: r.search.total, exact: r.search.exact}; }
                 return out; }""",
            queries,
        )
    missed = {q: sorted(set(expected[q]) - set(got[q]["ids"])) for q in queries if set(expected[q]) - set(got[q]["ids"])}
    false = {q: sorted(set(got[q]["ids"]) - set(expected[q])) for q in queries if set(got[q]["ids"]) - set(expected[q])}
    assert not missed, f"recall < 100%: {list(missed.items())[:5]}"
    assert not false, f"false results: {list(false.items())[:5]}"
    assert all(got[q]["exact"] and got[q]["total"] == len(expected[q]) for q in queries)
    assert sum(1 for q in queries if expected[q]) >= 0.9 * len(queries)
