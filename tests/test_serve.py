"""The live server's refresh: the corpus parsed again, the content folder updated in place."""

from __future__ import annotations

from builder import api
from builder.renderers.mkdocs import hooks
from builder.write import sync_files


def test_sync_files_writes_changes_and_removes_what_is_gone(tmp_path):
    sync_files(tmp_path, [("a/index.md", "一"), ("b/index.md", "二")])
    before = (tmp_path / "a" / "index.md").stat().st_mtime_ns
    sync_files(tmp_path, [("a/index.md", "一"), ("c/index.md", "三")])
    assert (tmp_path / "a" / "index.md").stat().st_mtime_ns == before  # unchanged file untouched
    assert not (tmp_path / "b").exists() and (tmp_path / "c" / "index.md").read_text(encoding="utf-8") == "三"


def test_hook_reparses_the_corpus_when_a_file_changes(tmp_path, corpus_copy):
    corpus = corpus_copy
    report = api.build(corpus, tmp_path / "site", tmp_path / "content", render_site=False)
    config = {"extra": {"dangan_serve": {"corpus": str(corpus), "content": str(report.content)}}}
    hooks.on_pre_build(config)  # first build: nothing to do
    source = corpus / "qjgb-2025-03.txt"
    source.write_text(source.read_text(encoding="utf-8").replace("清江港冷链物流园", "清江港冷链物流园区"), encoding="utf-8")
    hooks.on_pre_build(config)
    page = (report.content / "qjgb/2025/3/qingzhengban-2025-12/index.md").read_text(encoding="utf-8")
    assert "清江港冷链物流园区" in page
