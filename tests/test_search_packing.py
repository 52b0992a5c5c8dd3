"""The packed index (the offline bundle's): its file count is bounded by the pack factors,
whatever the text, and it holds exactly the entries of the unpacked index."""

from __future__ import annotations

import pytest

from builder.pipeline import gather
from builder.search import build_search_index
from builder.search.layout import BUNDLE, HOSTED, shard_count
from tests.search_harness import CALL


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    from builder.benchcorpus import generate
    corpus = tmp_path_factory.mktemp("packing-corpus")
    generate(400, corpus, seed=0)
    return gather(corpus)


def entries(files: list[tuple[str, bytes]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for _, content in files:
        for line in content.decode().removesuffix("\n").split("\n"):
            m = CALL.fullmatch(line)
            assert m and m[1] not in out, line[:80]
            out[m[1]] = m[2]
    return out


def test_bundle_file_count_is_bounded(generated):
    stats: dict = {}
    files = list(build_search_index(generated, stats=stats, packing=BUNDLE))
    documents, shards = stats["documents"], stats["shards"]
    assert documents >= 300
    assert len(files) == stats["files"] <= BUNDLE.file_bound(documents, shards)
    # the hosted layout writes a file per record, per later chunk and per large key
    hosted = list(build_search_index(generated, packing=HOSTED))
    assert len(hosted) > len(files) + documents
    # both hold the same records, chunks and own postings, and the same keys in fewer shards
    a, b = entries(files), entries(hosted)
    assert {k: v for k, v in a.items() if k[:2] in ("d/", "p/")} == {k: v for k, v in b.items() if k[:2] in ("d/", "p/")}
    assert keys(a) == keys(b)


def keys(entries: dict[str, str]) -> dict[str, list]:
    import json
    return {key: e for name, shard in entries.items() if name.startswith("s/") for key, e in json.loads(shard).items()}


def test_bundle_bound_at_100000_documents():
    """At 100,000 documents (about 140 M characters: 4096 shards) the search folder has at
    most 14,194 files, so the bundle's index stays well under 20,000 (issue #15)."""
    shards = shard_count(140_000_000, BUNDLE)
    assert shards == BUNDLE.max_shards == 4096
    assert BUNDLE.file_bound(100_000, shards) == 14_194
    assert HOSTED.file_bound(100_000, shards) is None  # a file per large key: no bound
