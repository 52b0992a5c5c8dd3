"""Index build and the JS engine (in headless Chromium) against the plain-text scan.

The small archive is the real corpus when present, else the demo corpus, so that the
default run always exercises the real search.js.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from builder.index.taxonomy import newest_first
from builder.pipeline import gather
from builder.search import build_search_index
from builder.search.encode import decode_set
from builder.search.fold import fold_fast
from builder.search.layout import BUNDLE, HOSTED
from builder.search.reference import scan, search_docs
from tests.browser import browser, chromium_path
from tests.conftest import DEMO, REAL_CORPUS
from tests.search_harness import js_search, read_entries, write_site


@pytest.fixture(scope="module")
def corpus_archive(request):
    path = REAL_CORPUS if (REAL_CORPUS / "corpus.yml").is_file() else DEMO
    return gather(path)


@pytest.fixture(scope="module", params=[HOSTED, BUNDLE], ids=["hosted", "bundle"])
def site(corpus_archive, tmp_path_factory, request):
    """The index in both layouts: a file per entry, and packed (the offline bundle's)."""
    out = tmp_path_factory.mktemp("search-site")
    write_site(corpus_archive, out, request.param)
    return out


@pytest.fixture(scope="module")
def browser_page(site):
    if chromium_path() is None:
        pytest.skip("Debian's chromium is not installed (python3 tasks.py test installs it)")
    with browser() as b:
        page = b.new_page()
        page.goto((site / "index.html").as_uri())
        page.evaluate("dangan.search.init()")
        yield page


def doc_ids(results: list[dict]) -> set[str]:
    return {r["url"].rstrip("/") for r in results}


# ---------- index files ----------

def test_index_is_deterministic(corpus_archive):
    first = list(build_search_index(corpus_archive))
    second = list(build_search_index(corpus_archive))
    assert first == second
    assert all(path.startswith("search/") and path.endswith(".js") for path, _ in first)
    assert first[-1][0] == "search/manifest.js"


def index_entries(site: Path) -> dict[str, list]:
    """Every key's complete entry, own files resolved."""
    from builder.search.layout import big_key_path
    from builder.search.partitions import OWN_FILE
    files = read_entries(site)
    out = {}
    for name, shard in sorted(files.items()):
        if not name.startswith("s/"):
            continue
        for key, entry in shard.items():
            if entry[1] & OWN_FILE:
                own = files[big_key_path(key)]
                assert own[:1] == entry[:1]
                entry = own
            out[key] = entry
    return out


def decoded(entry: list) -> tuple[set[int], set[int], set[int]]:
    import base64

    from builder.search.encode import decode_subset
    docs = decode_set(base64.b64decode(entry[2]))
    assert entry[0] == len(docs)
    return set(docs), set(decode_subset(base64.b64decode(entry[3]), docs)), set(decode_subset(base64.b64decode(entry[4]), docs))


def test_postings_equal_bigrams_and_next_characters_of_folded_text(site, corpus_archive):
    """Every bigram of every document is in the index, every common bigram followed by a
    character has the next-character key of that character's class, and nothing else."""
    from builder.search.partitions import HAS_NEXT
    docs = search_docs(corpus_archive)
    entries = index_entries(site)
    common = {k for k, e in entries.items() if len(k) == 2 and e[1] & HAS_NEXT}
    assert common, "the test site is built with a low common_df, so that next-character keys exist"
    bigrams: dict[str, set[int]] = {}
    nexts: dict[str, set[int]] = {}
    for sd in docs:
        for s in sd.folded_segments():
            for i in range(len(s) - 1):
                bigrams.setdefault(s[i:i + 2], set()).add(sd.docno)
                if i + 2 < len(s) and s[i:i + 2] in common:
                    nexts.setdefault(f"n:{s[i:i + 2]}{ord(s[i + 2]) & 15:x}", set()).add(sd.docno)
    assert {k: decoded(e)[0] for k, e in entries.items() if len(k) == 2} == bigrams
    assert {k: decoded(e)[0] for k, e in entries.items() if k.startswith("n:")} == nexts


def test_title_and_strong_sets(site, corpus_archive):
    """The ranking sets: a title-tier key is in the title set; STRONG_TF body occurrences."""
    from builder.search.postings import STRONG_TF
    entries = index_entries(site)
    for sd in search_docs(corpus_archive)[:5]:
        folded = sd.folded_segments()
        heads, body = folded[:len(sd.heads)], folded[len(sd.heads):]
        title = {h[i:i + 2] for h in heads for i in range(len(h) - 1)}
        counts: dict[str, int] = {}
        for s in body:
            for i in range(len(s) - 1):
                counts[s[i:i + 2]] = counts.get(s[i:i + 2], 0) + 1
        for key in title | set(counts):
            _, in_title, strong = decoded(entries[key])
            assert (sd.docno in in_title) == (key in title), key
            assert (sd.docno in strong) == (counts.get(key, 0) >= STRONG_TF), key


# ---------- the engine in Chromium ----------

@pytest.mark.browser
def test_js_fold_equals_python_fold(browser_page, corpus_archive):
    texts = [corpus_archive.documents[0].text()[:20000], "營商環境 ｅＶＴＯＬ 柳政办[2022]59号\u3000（一）\ufeff\x1c𠀀"]
    for text in texts:
        assert browser_page.evaluate("t => dangan.search.fold(t)", text) == fold_fast(text)


SAMPLE_QUERIES = ["政府", "人民政府", "营商环境", "營商環境", "物流", "wuliu", "lzsrmzf", "liuzhou",
                  "柳政办〔2022〕59号", "柳政办[2022]59号", "柳政办 2022 59", "2024", "600万元",
                  "十四五 规划", "产教融合 试点", "不存在的词语组合", "eVTOL", "〔2022〕"]


@pytest.mark.browser
@pytest.mark.parametrize("query", SAMPLE_QUERIES)
def test_js_results_equal_scan(browser_page, corpus_archive, query):
    expected = scan(search_docs(corpus_archive), query)
    got = js_search(browser_page, query)
    assert doc_ids(got["results"]) == expected
    assert got["total"] == len(expected) and got["exact"]


@pytest.mark.browser
def test_lazy_keys_give_the_same_results(browser_page, corpus_archive):
    """With every common key left pending (and fetched only when checking finds false
    candidates), and with every key fetched at once, the results are the same."""
    try:
        for many, enough in [(0, 0), (0, 10**9), (10**9, 0)]:
            browser_page.evaluate("([m, e]) => { dangan.search.tuning.many = m; dangan.search.tuning.enough = e; }", [many, enough])
            for query in SAMPLE_QUERIES:
                got = js_search(browser_page, query)
                assert doc_ids(got["results"]) == scan(search_docs(corpus_archive), query), (query, many, enough)
    finally:
        browser_page.evaluate("() => { dangan.search.tuning.many = 200; dangan.search.tuning.enough = 10; }")


@pytest.mark.browser
def test_highlight_and_anchor(browser_page):
    got = js_search(browser_page, "营商环境")
    assert got["results"], "the corpus mentions 营商环境"
    for r in got["results"]:
        assert "<mark>" in r["snippet"] + r["title"]
        if "<mark>" not in r["title"]:
            assert r["block"] >= 1


@pytest.mark.browser
def test_filters_alone_and_combined(browser_page, corpus_archive):
    for pub in {d.publication for d in corpus_archive.documents}:
        got = js_search(browser_page, "", {"pub": [pub]})
        assert doc_ids(got["results"]) == {d.id for d in corpus_archive.documents if d.publication == pub}
        assert got["exact"]
    years = sorted({d.date[:4] for d in corpus_archive.documents if d.date})
    got = js_search(browser_page, "", {"yearFrom": years[-1], "yearTo": years[-1]})
    assert doc_ids(got["results"]) == {d.id for d in corpus_archive.documents if (d.date or "")[:4] == years[-1]}
    some = corpus_archive.documents[0]
    got = js_search(browser_page, "发展", {"pub": [some.publication]})
    expected = {i for i in scan(search_docs(corpus_archive), "发展") if corpus_archive.document(i).publication == some.publication}
    assert doc_ids(got["results"]) == expected


@pytest.mark.browser
def test_newest_first_sort(browser_page, corpus_archive):
    got = js_search(browser_page, "人民", sort="newest")  # in several documents of the demo and of the real corpus
    order = {d.id: n for n, d in enumerate(sorted(corpus_archive.documents, key=newest_first))}
    ranks = [order[u] for u in [r["url"].rstrip("/") for r in got["results"]]]
    assert len(ranks) > 1 and ranks == sorted(ranks)


@pytest.mark.browser
def test_equal_scores_rank_newest_first(browser_page, corpus_archive, tmp_path):
    """Copies of one document on other days score the same for any query: relevance ranks
    them newest first (docnos go oldest first, so the tie-break is the descending docno)."""
    import dataclasses
    doc = corpus_archive.documents[0]
    days = ["2021-05-03", "2023-01-09", "2020-12-30", "2023-01-10", "2022-07-01"]
    copies = tuple(dataclasses.replace(doc, id=f"{doc.id}-{n}", date=day) for n, day in enumerate(days))
    archive = dataclasses.replace(corpus_archive, documents=copies)
    write_site(archive, tmp_path)
    page = browser_page.context.browser.new_page()
    page.goto((tmp_path / "index.html").as_uri())
    newest = [d.id for d in sorted(copies, key=newest_first)]
    for sort in ("relevance", "newest"):
        got = js_search(page, fold_fast(doc.title)[:2], sort=sort)
        assert [r["url"].rstrip("/") for r in got["results"]] == newest, sort
    page.close()


def test_random_substrings_scan_is_sane(corpus_archive):
    """The reference scan finds a substring in the document it was cut from."""
    rng = random.Random(1)
    docs = search_docs(corpus_archive)
    for _ in range(50):
        sd = rng.choice(docs)
        seg = rng.choice(sd.folded_segments())
        if len(seg) < 4:
            continue
        i = rng.randrange(len(seg) - 3)
        assert sd.doc.id in scan(docs, seg[i:i + 4])


@pytest.mark.browser
def test_keys_that_look_like_prefixed_keys(browser_page, corpus_archive, tmp_path):
    """Text that spells a key prefix (``n:``, ``p:``) is found like any other bigram: the
    engine must not take the bigram ``n:`` for a next-character key."""
    import dataclasses
    doc = dataclasses.replace(corpus_archive.documents[0], title="关于n:ab与p:liu格式的说明")
    archive = dataclasses.replace(corpus_archive, documents=(doc, *corpus_archive.documents[1:]))
    write_site(archive, tmp_path)
    page = browser_page.context.browser.new_page()
    page.goto((tmp_path / "index.html").as_uri())
    for query in ["n:", "n:ab", "p:liu", "与p:"]:
        got = js_search(page, query)
        assert doc_ids(got["results"]) == scan(search_docs(archive), query) == {doc.id}, query
    page.close()
