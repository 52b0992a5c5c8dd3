"""Issue #16: pages rendered only when their inputs change, and the site as MkDocs shards
merged into the one-build site, rebuilt only where pages changed."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from builder import api
from builder.cache import BuildCache
from builder.renderers import RendererError
from builder.renderers.mkdocs import build_site, nav
from builder.renderers.mkdocs.shards import shard_of
from builder.settings import load_settings
from builder.write import fixed_timestamp, listing_digest
from tests.test_scale import assert_same_tree


def search_records(site: Path) -> dict[str, bytes]:
    """The search index's document records and text chunks (``search/d/``), by name."""
    folder = site / "search" / "d"
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.js"))}


def change_one_character(source: Path) -> None:
    """The last 的 of a source becomes 地 (in the newspaper page: its article pages change, the gazette's do not)."""
    text = source.read_text(encoding="utf-8")
    at = text.rindex("的")
    source.write_text(text[:at] + "地" + text[at + 1:], encoding="utf-8")


@pytest.mark.slow
def test_the_sharded_site_is_the_one_mkdocs_build(tmp_path, demo_corpus):
    """With a site URL (so that sitemap.xml lists every page, merged from the shards)."""
    url = "https://archive.example/dangan/"
    report = api.build(demo_corpus, tmp_path / "site", tmp_path / "content", site_url=url, jobs=2)
    assert report.shards_built and report.shards_built > 3
    archive, dirs = report.archive, api.site_dirs_for(demo_corpus)
    labels = load_settings(demo_corpus).labels
    latest = max(d.date for d in archive.documents if d.date)
    one = build_site(report.content, tmp_path / "one", dirs, nav(archive, labels), fixed_timestamp(latest),
                     extra=api.renderer_extra(archive, dirs, labels), site_url=url)
    from builder.export import text_files
    from builder.write import add_files

    add_files(one, text_files(archive))
    assert "<loc>https://archive.example/dangan/qjgb/" in (tmp_path / "site" / "sitemap.xml").read_text(encoding="utf-8")
    (one / ".dangan-site").write_bytes((tmp_path / "site" / ".dangan-site").read_bytes())
    assert_same_tree(tmp_path / "site", one)


@pytest.mark.slow
def test_one_source_changed_renders_and_builds_only_what_it_touches(tmp_path, corpus_copy):
    corpus = corpus_copy
    inc, cache = tmp_path / "inc", tmp_path / "cache"
    first = api.build(corpus, inc / "site", inc / "content", cache=cache)
    publications = {p.slug for p in first.archive.publications}
    shards = {shard_of(str(p.relative_to(inc / "content")), ("", "zh-hant/", "en/"), publications)
              for p in (inc / "content").rglob("*.md")}
    assert first.shards_built == len(shards) and first.reused == 0
    change_one_character(corpus / "qjrb-2025-03-18-01.txt")
    again = api.build(corpus, inc / "site", inc / "content", cache=cache)
    assert 0 < again.rendered < first.rendered and again.reused > 0
    assert 0 < again.shards_built < first.shards_built
    record = BuildCache.open(cache, corpus).record()  # what the folders' listings were taken to be, without a walk
    assert (record["site_listing"], record["content_listing"]) == (listing_digest(inc / "site"), listing_digest(inc / "content"))
    clean = api.build(corpus, tmp_path / "clean" / "site", tmp_path / "clean" / "content", jobs=1)
    assert_same_tree(inc / "content", clean.content)
    assert_same_tree(inc / "site", clean.site)


def test_a_broken_link_is_an_error_naming_the_page(tmp_path, corpus_copy):
    """In the shard MkDocs builds (MkDocs' own --strict check)."""
    corpus = corpus_copy
    (corpus / "templates").mkdir()
    az = (api.default_root() / "templates" / "az.md.j2").read_text(encoding="utf-8")
    (corpus / "templates" / "az.md.j2").write_text(az + "\n[lost]({{ href('qjgb/2099/index.md') }})\n", encoding="utf-8")
    with pytest.raises(RendererError, match=r"'az/index.md' contains a link '../qjgb/2099/index.md'"):
        api.build(corpus, tmp_path / "site", tmp_path / "content", jobs=1)


@pytest.mark.slow
def test_links_of_pages_not_built_again_are_checked_by_dangan(tmp_path, corpus_copy):
    """A page that is not rendered again still has its links checked: the notes of its last
    build against the content of this one (here a note made to point at a page that is gone)."""
    corpus = corpus_copy
    cache = tmp_path / "cache"
    api.build(corpus, tmp_path / "site", tmp_path / "content", cache=cache, jobs=1)
    store = BuildCache.open(cache, corpus)
    state = store.site_state()
    az = state["pages"]["az/index.md"]
    assert az.links, "the shard noted the links of its pages"
    state["pages"]["az/index.md"] = dataclasses.replace(az, links=(*az.links, "qjgb/2020/gone/index.md"))
    store.save_site_state(state)
    change_one_character(corpus / "qjrb-2025-03-18-01.txt")
    with pytest.raises(RendererError, match=r"'az/index.md' links to 'qjgb/2020/gone/index.md'"):
        api.build(corpus, tmp_path / "site", tmp_path / "content", cache=cache, jobs=1)


@pytest.mark.slow
def test_a_day_added_and_a_day_removed_give_the_clean_build(tmp_path, corpus_copy):
    """Pages that appear (a new day's page: new documents, new index entries, new tree
    counterparts) and pages that go: the cached site is the clean one each time."""
    corpus = corpus_copy
    manifest = corpus / "corpus.yml"
    original = manifest.read_text(encoding="utf-8")
    text = (corpus / "qjrb-2025-03-18-01.txt").read_text(encoding="utf-8")
    (corpus / "qjrb-2025-03-19-01.txt").write_text(text.replace("3月18日", "3月19日"), encoding="utf-8")
    added = original + ("  - file: qjrb-2025-03-19-01.txt\n    publication: qjrb\n    date: 2025-03-19\n"
                        "    page: 1\n    page_name: 要闻\n")
    inc, cache, url = tmp_path / "inc", tmp_path / "cache", "https://archive.example/dangan/"  # a sitemap with every page
    api.build(corpus, inc / "site", inc / "content", cache=cache, site_url=url)
    records = search_records(inc / "site")
    for step, text_of_manifest in enumerate((added, original)):
        manifest.write_text(text_of_manifest, encoding="utf-8")
        report = api.build(corpus, inc / "site", inc / "content", cache=cache, site_url=url)
        # the new day's articles are the newest: their docnos come after every other, whose
        # search records and chunks keep their names and bytes (then the new ones go again)
        now = search_records(inc / "site")
        assert {name: now[name] for name in records} == records
        assert len(now) > len(records) if step == 0 else now == records
        assert report.shards_built == 1, "one MkDocs run renders the pages that changed"
        clean = api.build(corpus, tmp_path / f"clean{step}" / "site", tmp_path / f"clean{step}" / "content", jobs=1, site_url=url)
        assert_same_tree(inc / "content", clean.content)
        assert_same_tree(inc / "site", clean.site)
        # the newest date moved (2025-03-19, then back): every entry's lastmod with it
        assert f"<lastmod>2025-03-{19 - step}</lastmod>" in (inc / "site" / "sitemap.xml").read_text(encoding="utf-8")


def test_a_page_depends_on_the_fields_it_reads_of_a_record():
    """A listing links a document through ``site.docs[id]``: it is reused when a field it did not
    read changes (the document's related documents, when others are added), not when its title does."""
    from builder.model import Publication, text_of
    from builder.render.memo import RenderMemo, memoised

    @dataclasses.dataclass(frozen=True)
    class Doc:
        id: str
        title: str
        related: tuple[str, ...] = ()

    class Site:
        def __init__(self, doc):
            self.docs = {doc.id: doc}
            self.pub = Publication("p", "公报", "gazette")

    class Store(dict):
        def put(self, key, value):
            self[key] = value

    memo = RenderMemo(Store(), "ns")

    def page(site) -> str:
        doc = site.docs["a"]
        return f"[{doc.title}]({doc.id}/) {site.docs.get('missing')}"

    def build(doc) -> str:
        return text_of(memoised(memo, Site(doc), {}, {}, "key", page))

    assert build(Doc("a", "通知")) == "[通知](a/) None"
    assert build(Doc("a", "通知", related=("b",))) == "[通知](a/) None"
    assert (memo.rendered, memo.reused) == (1, 1)
    assert build(Doc("a", "决定")) == "[决定](a/) None"
    assert (memo.rendered, memo.reused) == (2, 1)


def test_a_record_handed_to_a_site_function_is_noted_whole():
    """A page that hands a record to one of the Site's functions depends on all of it (the
    function may read any field): a field the template itself never read changes its page."""
    from builder.model import KeptText
    from builder.render.memo import RenderMemo, memoised

    @dataclasses.dataclass(frozen=True)
    class Doc:
        id: str
        title: str
        body: str = ""

    class Site:
        def __init__(self, doc):
            self.docs = {doc.id: doc}

        def length(self, doc) -> int:
            return len(doc.body)

    class Store(dict):
        def put(self, key, value):
            self[key] = value

    memo = RenderMemo(Store(), "ns")

    def build(doc) -> str | KeptText:
        return memoised(memo, Site(doc), {}, {}, "key", lambda site: f"{site.docs['a'].title}: {site.length(site.docs['a'])}")

    assert build(Doc("a", "通知", "一二三")) == "通知: 3"
    again = build(Doc("a", "通知", "一二三"))
    assert isinstance(again, KeptText) and again.load() == "通知: 3" and memo.reused == 1
    assert build(Doc("a", "通知", "一二")) == "通知: 2"
    assert (memo.rendered, memo.reused) == (2, 1)
    del memo.store["key:text"]  # a store that lost a text: made again, never another page's
    assert build(Doc("a", "通知", "一二")).load() == "通知: 2"
