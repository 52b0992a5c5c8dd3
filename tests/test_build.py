"""The whole pipeline, end to end: corpus in, site out (demo corpus always, real corpus when present)."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sitecheck import broken_links, external_references

from builder import api
from builder.model import DanganError

REAL_GAZETTE_NUMBERS = [59, 61, 62, 63, 65, 69, 70, 71, 72, 74]


def catalog(report) -> list[dict]:
    return json.loads((report.site / "catalog.json").read_text(encoding="utf-8"))


def test_demo_builds_with_strict_mkdocs(demo_site):
    assert (demo_site.site / "index.html").exists()
    kinds = {e["kind"] for e in catalog(demo_site)}
    assert kinds == {"gazette_document", "newspaper_article"}


@pytest.mark.parametrize("fixture", ["demo_site", "real_site"])
def test_every_document_has_a_page_and_a_catalog_entry(fixture, request):
    report = request.getfixturevalue(fixture)
    entries = catalog(report)
    assert len(entries) == len(report.archive.documents) > 0
    for e in entries:
        assert {"id", "kind", "title", "url", "publication", "source", "date"} <= set(e), e
        assert e["url"] == f"/{e['id']}/"
        assert (report.site / e["id"] / "index.html").is_file(), e["url"]
        assert e["url"].isascii()


@pytest.mark.parametrize("fixture", ["demo_site", "real_site"])
def test_home_links_every_publication_and_issue_pages_list_documents(fixture, request):
    report = request.getfixturevalue(fixture)
    home = (report.site / "index.html").read_text(encoding="utf-8")
    for pub in report.archive.publications:
        assert f'href="{pub.slug}/index.html"' in home, pub.slug
    for issue in report.archive.issues:
        html = (report.site / issue.id / "index.html").read_text(encoding="utf-8")
        for doc_id in issue.documents:
            assert f'href="{doc_id.rsplit("/", 1)[1]}/index.html"' in html


@pytest.mark.parametrize("fixture", ["demo_site", "real_site"])
def test_no_broken_links_and_nothing_fetched_from_the_internet(fixture, request):
    report = request.getfixturevalue(fixture)
    assert broken_links(report.site) == []
    assert external_references(report.site) == []


def test_real_gazette_has_its_ten_documents_at_identity_urls(real_site):
    gazette = [e for e in catalog(real_site) if e["kind"] == "gazette_document"]
    assert [e["url"] for e in gazette] == [f"/lzgb/2024/10/liuzhengban-2022-{n}/" for n in REAL_GAZETTE_NUMBERS]
    assert all(e["issue"] == {"year": 2024, "number": 10, "total": 160} for e in gazette)
    assert all(e["doc_number"].startswith("柳政办") for e in gazette)


def test_real_newspaper_articles_have_pages_and_entries(real_site):
    articles = [e for e in catalog(real_site) if e["kind"] == "newspaper_article"]
    assert {e["source"] for e in articles} == {"000_b945ee7139b0b895.txt", "001_67504c9ffebf9f9f.txt", "003_53429b0ff103284c.txt"}
    assert all(e["url"].startswith("/lzrb/") for e in articles)


def tree_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_build_is_deterministic(demo_site, demo_corpus, tmp_path):
    again = api.build(demo_corpus, tmp_path / "site", tmp_path / "content")
    assert tree_digest(again.content) == tree_digest(demo_site.content)
    assert tree_digest(again.site) == tree_digest(demo_site.site)


def test_bad_corpus_writes_nothing(tmp_path):
    (tmp_path / "corpus.yml").write_text("publications: {}\nsources: []\n", encoding="utf-8")
    with pytest.raises(DanganError):
        api.build(tmp_path, tmp_path / "site", tmp_path / "content")
    assert not (tmp_path / "site").exists() and not (tmp_path / "content").exists()


def test_two_documents_with_one_url_are_an_error(tmp_path, demo_corpus):
    manifest = (demo_corpus / "corpus.yml").read_text(encoding="utf-8")
    manifest += "  - file: copy.txt\n    publication: qjgb\n"
    (tmp_path / "corpus.yml").write_text(manifest, encoding="utf-8")
    for f in demo_corpus.glob("*.txt"):
        (tmp_path / f.name).write_bytes(f.read_bytes())
    (tmp_path / "copy.txt").write_bytes((demo_corpus / "qjgb-2025-03.txt").read_bytes())
    with pytest.raises(DanganError) as exc:
        api.check(tmp_path)
    message = str(exc.value)
    assert "qjgb-2025-03.txt" in message and "copy.txt" in message and "/qjgb/2025/3/" in message


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "builder.cli", *args], cwd=cwd, capture_output=True, text=True)


def test_cli_check_reports_errors_with_file_and_line(tmp_path):
    (tmp_path / "corpus.yml").write_text(
        "publications:\n  gb:\n    name: X\n    kind: gazette\nsources:\n  - file: gone.txt\n    publication: gb\n", encoding="utf-8")
    result = run_cli("check", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 1  # an input error (issue #12: 1 input, 2 environment)
    assert "corpus.yml:6" in result.stderr and "gone.txt" in result.stderr and "nothing was written" in result.stderr


def test_cli_builds_the_demo_from_any_folder(tmp_path):
    result = run_cli("build", "--out", "out", "--content", "md", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "index.html").exists() and (tmp_path / "md" / "index.md").exists()
    assert "documents from 2 sources" in result.stderr


def test_cli_check_lists_the_removal_log_per_document(real_corpus, tmp_path):
    result = run_cli("check", str(real_corpus), "--removals", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    block = result.stderr.split("lzgb/2024/10/liuzhengban-2022-59:")[1].split("lzgb/2024/10/liuzhengban-2022-61:")[0]
    assert "004_cea03bdf2b5fe175.txt:505: [page-header] '## 柳州市人民政府办公室'" in block


HASH_SEED_PROBE = """
import hashlib, sys
from pathlib import Path
from builder.pipeline import gather
a = gather(Path(sys.argv[1]))
print(hashlib.sha256(repr((a.documents, a.removals, a.terms, a.diagnostics)).encode()).hexdigest())
"""


@pytest.mark.slow
def test_parse_does_not_depend_on_the_hash_seed(tmp_path):
    """Python seeds str hashing per process, so set order changes between runs: nothing the
    archive holds may depend on it. Headline and topic scores once summed floats over sets,
    and on this generated corpus hash seed 4 gave a different headline than seed 1."""
    from builder.benchcorpus import generate
    generate(1500, tmp_path, seed=0)
    digests = set()
    for seed in ("1", "4"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run([sys.executable, "-c", HASH_SEED_PROBE, str(tmp_path)], env=env, capture_output=True,
                             text=True, check=True, cwd=Path(__file__).resolve().parent.parent)
        digests.add(out.stdout.strip())
    assert len(digests) == 1
