"""Issue #16 for the search index: docnos that a newer day does not move, so that its files
keep their bytes, and each document's part of the index pass reused from the cache, the
output a clean build's byte for byte."""

from __future__ import annotations

import base64
import dataclasses
import datetime
import json
import pickle
import random
from typing import Any

import pytest

from builder.model import Archive, Block, KeptText
from builder.pipeline import gather
from builder.search import build_search_index
from builder.search.documents import document_entry, read_fields
from builder.search.encode import decode_set
from builder.search.layout import BUNDLE, HOSTED, Packing, big_key_path
from builder.search.partitions import OWN_FILE, ShardCache
from builder.search.segments import search_doc, search_order
from tests.search_harness import CALL


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Archive:
    from builder.benchcorpus import generate
    corpus = tmp_path_factory.mktemp("stable-corpus")
    generate(300, corpus, seed=1)
    return gather(corpus)


class PickledStore:
    """A store like the build cache's: values pickled, so that nothing is shared with the build that put them."""

    def __init__(self) -> None:
        self.values: dict[str, bytes] = {}

    def get(self, key: str) -> Any:
        value = self.values.get(key)
        return None if value is None else pickle.loads(value)

    def put(self, key: str, value: Any) -> None:
        self.values[key] = pickle.dumps(value)

    def holds(self, keys) -> bool:
        return all(key in self.values for key in keys)


def index(archive: Archive, cache: ShardCache | None = None, stats: dict | None = None, packing: Packing = HOSTED,
          common_df: int | None = None) -> dict[str, bytes]:
    """The search files in the order the pass gives them (a kept file read back)."""
    return {path: content.load().encode() if isinstance(content, KeptText) else content
            for path, content in build_search_index(archive, cache=cache, stats=stats, packing=packing, common_df=common_df)}


def a_newer_day(archive: Archive) -> Archive:
    """One short newspaper article on the day after the newest document (few keys, so few shards)."""
    newest = max(d.date for d in archive.documents if d.date)
    day = (datetime.date.fromisoformat(newest) + datetime.timedelta(days=1)).isoformat()
    template = next(d for d in archive.documents if d.kind == "newspaper_article" and d.blocks)
    article = dataclasses.replace(template, id=f"{template.id}-next", date=day, title="港口新航线开通", kicker=None, subtitle=None,
                                  dateline=None, byline=None, captions=(), blocks=(Block("paragraph", "新航线今日开通。"),))
    return dataclasses.replace(archive, documents=(*archive.documents, article))


def one_character_changed(archive: Archive) -> Archive:
    docs = list(archive.documents)
    n = next(i for i, d in enumerate(docs) if d.blocks and d.blocks[0].text)
    first = docs[n].blocks[0]
    docs[n] = dataclasses.replace(docs[n], blocks=(dataclasses.replace(first, text=first.text[:-1] + "地"), *docs[n].blocks[1:]))
    return dataclasses.replace(archive, documents=tuple(docs))


def entries(files: dict[str, bytes]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for content in files.values():
        for line in content.decode().removesuffix("\n").split("\n"):
            m = CALL.fullmatch(line)
            assert m, line[:80]
            out[m[1]] = json.loads(m[2])
    return out


def newest_docno(key: str, entry: list, logical: dict[str, Any]) -> int:
    """The highest document number in a key's postings (its own file's when it has one)."""
    full = logical[big_key_path(key)] if entry[1] & OWN_FILE else entry
    return decode_set(base64.b64decode(full[2]))[-1]


def test_a_newer_day_appends_docnos_and_leaves_other_files_alone(generated):
    before, after = index(generated), index(a_newer_day(generated))
    n = len(generated.documents)
    records = {p for p in before if p.startswith("search/d/")}
    assert records and all(after[p] == before[p] for p in records), "every earlier record and chunk keeps its bytes"
    assert {p for p in after if p.startswith("search/d/")} - records == {f"search/d/{n // 1000}/{n}.js"}
    logical = entries(after)
    shards = sorted(p for p in before if p.startswith("search/s/"))
    changed = [p for p in shards if after.get(p) != before[p]]
    # a shard changes only where the new document holds one of its keys ...
    for path in changed:
        shard = logical[path.removeprefix("search/").removesuffix(".js")]
        assert any(newest_docno(k, e, logical) == n for k, e in shard.items()), path
    # ... and one short article holds few keys: most shards keep their bytes
    assert 0 < len(changed) < len(shards) // 4, (len(changed), len(shards))
    for path in (p for p in before if p.startswith("search/p/") and after.get(p) != before[p]):
        key = bytes.fromhex(path.removesuffix(".js").rsplit("/", 1)[1]).decode()
        assert newest_docno(key, logical[path.removeprefix("search/").removesuffix(".js")], logical) == n, path


def test_cached_builds_are_clean_builds(generated):
    """After one character changed, after a newer day, in both packings and with other common
    bigrams: only the changed or new documents are computed again."""
    store = PickledStore()
    n = len(generated.documents)
    stats: dict = {}
    assert index(generated, ShardCache(store, "test"), stats) == index(generated)
    assert "documents_cached" not in stats
    edited = one_character_changed(generated)
    stats = {}
    assert index(edited, ShardCache(store, "test"), stats) == index(edited)
    assert stats["documents_cached"] == n - 1
    added = a_newer_day(edited)
    stats = {}
    assert index(added, ShardCache(store, "test"), stats) == index(added)
    assert stats["documents_cached"] == n
    stats = {}
    assert index(added, ShardCache(store, "test"), stats, BUNDLE) == index(added, packing=BUNDLE)
    assert stats["documents_cached"] == n + 1, "the entries do not depend on the packing"
    # other common bigrams (a day added moves them): the entries hold every next-character key
    stats = {}
    assert index(added, ShardCache(store, "test"), stats, common_df=12) == index(added, common_df=12)
    assert stats["documents_cached"] == n + 1, "the entries do not depend on the common bigrams"
    used = ShardCache(store, "test")
    index(added, used)
    assert len(used.used) > n + 1, "every document's key is kept, besides the shards'"


class Reading:
    """An object that notes which of its attributes are read (and of the dataclasses they hold)."""

    def __init__(self, value: Any, read: set[str], prefix: str = ""):
        self._value, self._read, self._prefix = value, read, prefix

    def __getattr__(self, name: str) -> Any:
        self._read.add(self._prefix + name)
        return wrap(getattr(self._value, name), self._read, f"{self._prefix}{name}.")


def wrap(value: Any, read: set[str], prefix: str) -> Any:
    if dataclasses.is_dataclass(value):
        return Reading(value, read, prefix)
    if isinstance(value, tuple) and value and dataclasses.is_dataclass(value[0]):
        return tuple(Reading(v, read, prefix) for v in value)
    return value


def test_the_digest_covers_every_field_the_pass_reads(generated):
    """The cache key is a digest of read_fields: everything the entry is made from must be in it."""
    pubs = {p.slug: p for p in generated.publications}
    for doc in (next(d for d in generated.documents if d.kind == kind) for kind in {d.kind for d in generated.documents}):
        made: set[str] = set()
        digested: set[str] = set()
        pub = pubs[doc.publication]
        document_entry(search_doc(0, Reading(doc, made), Reading(pub, made, "publication.")), Reading(pub, made, "publication."))
        read_fields(Reading(doc, digested), Reading(pub, digested, "publication."))
        assert made and made <= digested, made - digested


def ordered(archive: Archive, cache: ShardCache | None = None, stats: dict | None = None) -> list[tuple[str, bytes]]:
    return list(index(archive, cache, stats).items())


def a_random_change(archive: Archive, rng: random.Random, step: int) -> Archive:
    """One of the changes a day brings: characters edited in a few documents, a newer day of
    articles, the newest documents taken away again, an issuer corrected (a filter key moves)."""
    docs = list(archive.documents)
    change = step % 4
    if change == 0:
        for n in rng.sample([i for i, d in enumerate(docs) if d.blocks and d.blocks[0].text], 3):
            first = docs[n].blocks[0]
            at = rng.randrange(len(first.text))
            docs[n] = dataclasses.replace(docs[n], blocks=(dataclasses.replace(first, text=first.text[:at] + "港" + first.text[at + 1:]),
                                                           *docs[n].blocks[1:]))
        return dataclasses.replace(archive, documents=tuple(docs))
    if change == 1:
        for k in range(rng.randrange(1, 4)):
            day_after = a_newer_day(dataclasses.replace(archive, documents=tuple(docs)))
            docs.append(dataclasses.replace(day_after.documents[-1], id=f"next-{step}-{k}", title=f"港口新航线开通{step}{k}"))
        return dataclasses.replace(archive, documents=tuple(docs))
    if change == 2:
        return dataclasses.replace(archive, documents=tuple(search_order(docs)[:-2]))
    n = rng.choice([i for i, d in enumerate(docs) if d.issuer])
    docs[n] = dataclasses.replace(docs[n], issuer="柳州市人民政府办公室" if docs[n].issuer != "柳州市人民政府办公室" else "柳州市财政局")
    return dataclasses.replace(archive, documents=tuple(docs))


def test_a_patched_pass_is_the_clean_pass(generated):
    """Issue #16: a build that changes few documents patches the last build's shards; its files,
    their bytes and their order are the clean pass's, and it hands over the files it did not
    touch as their digests (read only when one has to be written)."""
    rng = random.Random(16)
    store = PickledStore()
    archive = generated
    ordered(archive, ShardCache(store, "test"))
    patched = 0
    for step in range(5):
        archive = a_random_change(archive, rng, step)
        stats: dict = {}
        files = list(build_search_index(archive, cache=ShardCache(store, "test"), stats=stats))
        kept = sum(isinstance(content, KeptText) for _, content in files)
        assert [(p, c.load().encode() if isinstance(c, KeptText) else c) for p, c in files] == ordered(archive), step
        if "patched_shards" in stats:
            patched += 1
            assert 0 < stats["patched_shards"] <= stats["shards"], stats
            # every record of a document left alone (in this small index a few documents touch most shards)
            assert kept >= stats["documents_cached"] > len(archive.documents) - 4, (step, kept, stats)
    assert patched >= 4, f"few changes patch the last build's index: {patched} of 5"


def test_a_patched_pass_survives_a_store_that_lost_entries(generated):
    """A damaged cache is not a traceback: a record file whose document entry the store lost is
    made again from its document, and a kept shard the store lost sends the build to the
    clean pass."""
    store = PickledStore()
    ordered(generated, ShardCache(store, "test"))
    kinds = {key: type(pickle.loads(value)).__name__ for key, value in store.values.items()}
    for key in [k for k, kind in kinds.items() if kind == "DocumentEntry"]:
        del store.values[key]
    stats: dict = {}
    files = list(build_search_index(generated, cache=ShardCache(store, "test"), stats=stats))
    assert "patched_shards" in stats and any(isinstance(c, KeptText) for _, c in files)
    assert [(p, c.load().encode() if isinstance(c, KeptText) else c) for p, c in files] == ordered(generated)
    del store.values[next(k for k, kind in kinds.items() if kind == "KeptShard")]
    stats = {}
    assert ordered(generated, ShardCache(store, "test"), stats) == ordered(generated)
    assert "patched_shards" not in stats
