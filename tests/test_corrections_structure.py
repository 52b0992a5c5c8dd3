"""Split and merge by the archivist (corrections.yml) on a fictional newspaper page: the
parts, their ids and URLs, the page note and catalog, conservation, and errors naming the line."""

from __future__ import annotations

import json

import pytest

from builder.audit import missing_han
from builder.model import DanganError, SourceResult
from builder.pipeline import gather
from builder.render.catalog import catalog_json
from tests.test_newspaper_readers import write_day


def corrected(corpus, text: str):
    (corpus / "corrections.yml").write_text("corrections:\n" + text, encoding="utf-8")
    return gather(corpus)


def conserved(corpus, archive) -> bool:
    source = (corpus / "qjrb.txt").read_text(encoding="utf-8")
    result = SourceResult("qjrb.txt", archive.documents, None, None, archive.pages, archive.removals)
    return not missing_han(source, result)


def test_split_cuts_an_article_in_two_with_a_stable_new_id(tmp_path):
    corpus = write_day(tmp_path)
    before = gather(corpus)
    first = before.documents[0]
    cut = first.blocks[1].line
    archive = corrected(corpus, f"  - source: qjrb.txt\n    split: {cut}\n    note: 两篇稿件\n")
    ids = [d.id for d in archive.documents]
    assert ids == [first.id, f"{first.id}-2", *[d.id for d in before.documents[1:]]]  # nobody else moves
    a, b = archive.documents[:2]
    assert a.blocks == first.blocks[:1] and b.blocks == first.blocks[1:] and (a.title, a.byline) == (first.title, first.byline)
    assert b.title_derived and b.uncertain == ("title",) and b.split_from == first.id and b.line_start == cut
    assert a.corrections[-1].startswith(f"corrections.yml:2: split at line {cut} (两篇稿件)")
    assert archive.pages[0].documents[:2] == (a.id, b.id)
    entry = next(e for e in json.loads(catalog_json(archive)) if e["id"] == b.id)
    assert entry["corrections"] == [f"corrections.yml:2: split at line {cut} (两篇稿件); cut from /{first.id}/"]
    assert conserved(corpus, archive)
    named = corrected(corpus, f"  - source: qjrb.txt\n    split: {cut}\n    second_title: 田间收割忙\n")
    assert (named.documents[1].title, named.documents[1].title_derived, named.documents[1].uncertain) == ("田间收割忙", False, ())


def test_merge_joins_two_consecutive_articles_and_keeps_every_character(tmp_path):
    corpus = write_day(tmp_path)
    before = gather(corpus)
    one, two, three = before.documents
    archive = corrected(corpus, f"  - source: qjrb.txt\n    merge: [{two.line_start}, {three.line_end}]\n")
    assert [d.id for d in archive.documents] == [one.id, two.id]
    joined = archive.documents[1]
    assert joined.merged == (three.id,) and joined.line_end == three.line_end and joined.title == two.title
    assert any(b.kind == "heading" and b.text == three.title for b in joined.blocks)
    assert joined.body_text().endswith(three.body_text())
    assert archive.pages[0].documents == (one.id, two.id)
    assert all(r.document != three.id for r in archive.removals)
    assert f"merged /{three.id}/" in joined.corrections[-1]
    assert conserved(corpus, archive)


def test_a_merged_url_redirects_and_a_split_url_is_an_addition(tmp_path):
    from builder.citable.urls import UrlLock
    corpus = write_day(tmp_path)
    lock = UrlLock(corpus)
    plain = gather(corpus, assign_urls=lock)
    lock.commit()
    one, two, three = plain.documents
    (corpus / "corrections.yml").write_text(
        f"corrections:\n  - source: qjrb.txt\n    split: {one.blocks[1].line}\n  - source: qjrb.txt\n    merge: [{two.line_start}, {three.line_start}]\n",
        encoding="utf-8")
    lock = UrlLock(corpus)
    archive = gather(corpus, assign_urls=lock)
    assert [d.id for d in archive.documents] == [one.id, f"{one.id}-2", two.id]
    assert [e.url for e in lock.assignment.added] == [f"/{one.id}-2/"] and not lock.assignment.diagnostics
    assert lock.assignment.redirects == ((f"/{three.id}/", f"/{two.id}/"),)
    assert dict(lock.files())[f"{three.id}/index.html"]


@pytest.mark.parametrize("entry,message,code", [
    ("split: 9999", "line 9999 lies inside no article", "correction-split"),
    ("split: {start}", "without a body", "correction-split"),
    ("merge: [{start}, {last}]", "not consecutive", "correction-merge"),
    ("merge: [{start}, {start_plus}]", "the same article", "correction-merge"),
    ("split: twelve", "split must be a source line number", "corrections-entry"),
    ("merge: 3", "merge must be two source line numbers", "corrections-entry"),
    ("split: 3\n    title: x", "unknown key 'title'", "corrections-entry"),
])
def test_bad_splits_and_merges_name_the_corrections_line(tmp_path, entry, message, code):
    corpus = write_day(tmp_path)
    docs = gather(corpus).documents
    text = entry.format(start=docs[0].line_start, last=docs[2].line_start, start_plus=docs[0].line_start + 1)
    (corpus / "corrections.yml").write_text(f"corrections:\n  - note: 核对\n    source: qjrb.txt\n    {text}\n", encoding="utf-8")
    with pytest.raises(DanganError, match=message) as err:
        gather(corpus)
    problem = err.value.diagnostics[0]
    assert (problem.code, problem.line, problem.path.endswith("corrections.yml")) == (code, 2, True)
