"""URL permanence: urls.lock fixes every URL once it is published (issue #13 item 1)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from builder import api, slugs
from builder.citable.registry import LOCK_NAME
from builder.model import DanganError

DOC12 = "/qjgb/2025/3/qingzhengban-2025-12/"


def demo_copy(demo_corpus: Path, tmp_path: Path, lock: bool = True) -> Path:
    corpus = tmp_path / "corpus"
    shutil.copytree(demo_corpus, corpus)
    if not lock:
        (corpus / LOCK_NAME).unlink(missing_ok=True)
    return corpus


def urls(archive) -> set[str]:
    return {x.url for x in (*archive.documents, *archive.issues, *archive.pages)}


def build(corpus: Path, tmp_path: Path, **kw):
    kw.setdefault("lock", "write")
    return api.build(corpus, tmp_path / "site", tmp_path / "content", render_site=kw.pop("render_site", False), **kw)


def lock_lines(corpus: Path) -> list[str]:
    return (corpus / LOCK_NAME).read_text(encoding="utf-8").splitlines()


def test_the_demo_lock_is_complete(demo_corpus, tmp_path):
    """The committed demo lock has every URL: building the demo adds nothing to it."""
    corpus = demo_copy(demo_corpus, tmp_path)
    before = lock_lines(corpus)
    report = build(corpus, tmp_path, lock="frozen")
    assert lock_lines(corpus) == before
    assert {line.split("\t")[2] for line in before if line.startswith("url\t")} == urls(report.archive)


def test_first_build_writes_the_lock_and_rebuilds_keep_it(demo_corpus, tmp_path):
    corpus = demo_copy(demo_corpus, tmp_path, lock=False)
    first = build(corpus, tmp_path)
    text = (corpus / LOCK_NAME).read_text(encoding="utf-8")
    assert f"url\tqjgb|2025|3|清政办〔2025〕12号\t{DOC12}" in text
    assert "url\tqjrb|2025-03-18|p01|02\t/qjrb/2025-03-18/01/02/" in text
    keys = [line.split("\t")[1] for line in text.splitlines() if line.startswith("url\t")]
    assert keys == sorted(keys)
    again = build(corpus, tmp_path)
    assert urls(again.archive) == urls(first.archive)
    assert (corpus / LOCK_NAME).read_text(encoding="utf-8") == text


def test_the_registry_not_pypinyin_fixes_a_slug(demo_corpus, tmp_path, monkeypatch):
    """A new pypinyin reading of 清 would move every gazette URL; the lock keeps them."""
    corpus = demo_copy(demo_corpus, tmp_path)
    published = urls(build(corpus, tmp_path).archive)
    reading = slugs.pinyin_slug.__wrapped__
    monkeypatch.setattr(slugs, "pinyin_slug", lambda text: reading(text).replace("qing", "qīng-changed"))
    assert DOC12 not in urls(build(demo_copy(demo_corpus, tmp_path / "nolock", lock=False), tmp_path / "nolock").archive)
    assert urls(build(corpus, tmp_path, lock="frozen").archive) == published


def test_a_changed_title_keeps_every_url(demo_corpus, tmp_path):
    corpus = demo_copy(demo_corpus, tmp_path)
    published = urls(build(corpus, tmp_path).archive)
    source = corpus / "qjgb-2025-03.txt"
    text = source.read_text(encoding="utf-8")
    title = "清江市人民政府办公室关于印发清江市冷链物流发展三年行动方案的通知"
    source.write_text(text.replace(f"# {title}", f"# {title.replace('三年', '五年')}"), encoding="utf-8")
    report = build(corpus, tmp_path, lock="frozen")
    assert "五年" in report.archive.document(DOC12.strip("/")).title
    assert urls(report.archive) == published


def grow(corpus: Path, page: int) -> None:
    """Add another page of the demo newspaper to the corpus (a second file, a new page number)."""
    shutil.copy(corpus / "qjrb-2025-03-18-01.txt", corpus / f"qjrb-2025-03-18-0{page}.txt")
    with open(corpus / "corpus.yml", "a", encoding="utf-8") as f:
        f.write(f"  - file: qjrb-2025-03-18-0{page}.txt\n    publication: qjrb\n    date: 2025-03-18\n    page: {page}\n")


def test_adding_documents_never_moves_a_published_url(demo_corpus, tmp_path):
    corpus = demo_copy(demo_corpus, tmp_path)
    before = lock_lines(corpus)
    published = urls(build(corpus, tmp_path).archive)
    grow(corpus, 2)
    grown = urls(build(corpus, tmp_path).archive)
    assert published < grown and "/qjrb/2025-03-18/02/" in grown
    after = lock_lines(corpus)
    assert [line for line in after if line in before] == before  # only lines added
    assert len(after) - len(before) == len(grown - published)


def test_frozen_fails_on_a_new_url_and_writes_nothing(demo_corpus, tmp_path):
    corpus = demo_copy(demo_corpus, tmp_path)
    before = lock_lines(corpus)
    grow(corpus, 2)
    with pytest.raises(DanganError) as exc:
        build(corpus, tmp_path, lock="frozen")
    messages = [d for d in exc.value.diagnostics if d.code == "url-unregistered"]
    assert len(messages) == 3 and all(d.line for d in messages)
    assert any(d.path.endswith("corpus.yml") for d in messages)  # the page: its manifest entry
    assert lock_lines(corpus) == before


def drop_newspaper(corpus: Path) -> None:
    manifest = corpus / "corpus.yml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text[: text.index("  - file: qjrb-2025-03-18-01.txt")], encoding="utf-8")


def test_dropping_a_published_url_fails_with_one_message_per_url(demo_corpus, tmp_path):
    corpus = demo_copy(demo_corpus, tmp_path)
    drop_newspaper(corpus)
    with pytest.raises(DanganError) as exc:
        build(corpus, tmp_path)
    dropped = [d for d in exc.value.diagnostics if d.code == "url-dropped"]
    assert sorted(re.search(r"URL (\S+)", d.message)[1] for d in dropped) == [
        "/qjrb/2025-03-18/01/", "/qjrb/2025-03-18/01/01/", "/qjrb/2025-03-18/01/02/"]
    assert all(d.path.endswith(LOCK_NAME) and d.line for d in dropped)


def test_withdrawn_urls_become_tombstones(demo_corpus, tmp_path):
    corpus = demo_copy(demo_corpus, tmp_path)
    drop_newspaper(corpus)
    with open(corpus / LOCK_NAME, "a", encoding="utf-8") as f:
        for url in ("/qjrb/2025-03-18/01/", "/qjrb/2025-03-18/01/01/", "/qjrb/2025-03-18/01/02/"):
            f.write(f"withdrawn\t{url}\t2025-06-01\t清江日报2025年3月18日第1版\t版权方要求撤下\n")
    report = build(corpus, tmp_path, render_site=True)
    page = (report.site / "qjrb/2025-03-18/01/02/index.html").read_text(encoding="utf-8")
    assert "已撤下：清江日报2025年3月18日第1版" in page and "2025-06-01" in page and "版权方要求撤下" in page


def test_a_recorded_move_serves_the_new_url_and_redirects_the_old(demo_corpus, tmp_path):
    corpus = demo_copy(demo_corpus, tmp_path)
    new = "/qjgb/2025/3/qingzhengban-2025-12-corrected/"
    with open(corpus / LOCK_NAME, "a", encoding="utf-8") as f:
        f.write(f"moved\t{DOC12}\t{new}\t2025-06-01\t发文字号更正\n")
    report = build(corpus, tmp_path, render_site=True)
    assert new in urls(report.archive) and DOC12 not in urls(report.archive)
    old_page = (report.site / DOC12.strip("/") / "index.html").read_text(encoding="utf-8")
    target = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', old_page)[1]
    assert target == "../qingzhengban-2025-12-corrected/index.html"
    assert (report.site / DOC12.strip("/") / target).resolve().is_file()
    assert f"{DOC12} {new} 301" in (report.site / "_redirects").read_text(encoding="utf-8")
    assert 'rel="canonical"' in old_page


def test_a_move_to_a_url_the_build_lacks_fails(demo_corpus, tmp_path):
    corpus = demo_copy(demo_corpus, tmp_path)
    with open(corpus / LOCK_NAME, "a", encoding="utf-8") as f:
        f.write("moved\t/nowhere/\t/elsewhere/\t2025-06-01\tx\n")
    with pytest.raises(DanganError) as exc:
        build(corpus, tmp_path)
    assert [d.code for d in exc.value.diagnostics] == ["url-move-target"]


def test_a_read_only_corpus_folder_is_never_written(demo_corpus, tmp_path):
    corpus = demo_copy(demo_corpus, tmp_path, lock=False)
    corpus.chmod(0o555)  # read-only by intent: respected even when the tests run as root
    try:
        report = build(corpus, tmp_path)
    finally:
        corpus.chmod(0o755)
    assert report.lock.code == "urls-lock-unwritten" and not (corpus / LOCK_NAME).exists()


def test_the_api_writes_no_lock_unless_asked(demo_corpus, tmp_path):
    corpus = demo_copy(demo_corpus, tmp_path, lock=False)
    api.build(corpus, tmp_path / "site", tmp_path / "content", render_site=False)
    assert not (corpus / LOCK_NAME).exists()


def test_check_warns_about_newspaper_pages_named_by_their_file(real_corpus):
    archive = api.check(real_corpus)
    warned = [d for d in archive.diagnostics if d.code == "page-identity"]
    assert [d.line for d in warned] == [17, 20, 23]
    assert all(d.path.endswith("corpus.yml") for d in warned)
    assert "000_b945ee7139b0b895.txt" in warned[0].message
