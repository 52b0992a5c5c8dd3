"""The archive's own data (issue #10 item 3): vocabularies and labels from the corpus folder,
agency names read relative to the publication's own place."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import DEMO, REAL_CORPUS, ROOT

from builder import api
from builder.model import DanganError
from builder.pipeline import gather
from builder.renderers.mkdocs import nav
from builder.settings import load_settings

LIUZHOU_EXAMPLE = ROOT / "examples" / "liuzhou" / "agencies.yml"


def agencies_named(archive) -> set[str]:
    return {d.issuer for d in archive.documents if d.issuer} | {m for d in archive.documents for m in d.mentions}


def copy_corpus(source: Path, target: Path) -> Path:
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("*.md"))
    return target


def test_demo_links_no_liuzhou_agency(demo_corpus):
    archive = gather(demo_corpus)
    named = agencies_named(archive)
    assert not [n for n in named if "柳州" in n]
    assert {"清江市商务局", "清江市发展和改革委员会", "国务院办公厅"} <= named
    news = [d for d in archive.documents if d.publication == "qjrb"]
    assert any("清江市商务局" in d.mentions for d in news)  # the manifest's place: 清江市


@pytest.fixture(scope="module")
def wuzhou_archive(tmp_path_factory):
    gazette = sorted(REAL_CORPUS.glob("004_*.txt"))
    if not gazette:
        pytest.skip(f"real gazette 004_*.txt not found in {REAL_CORPUS} (put shared/ beside the checkout)")
    corpus = tmp_path_factory.mktemp("wuzhou")
    text = gazette[0].read_text(encoding="utf-8").replace("柳州", "梧州").replace("柳政", "梧政")
    (corpus / "wzgb.txt").write_text(text, encoding="utf-8")
    (corpus / "corpus.yml").write_text(
        "publications:\n  wzgb:\n    name: 梧州市人民政府公报\n    kind: gazette\n    publisher: 梧州市人民政府办公室\n"
        "sources:\n  - file: wzgb.txt\n    publication: wzgb\n", encoding="utf-8")
    return gather(corpus)


def test_a_wuzhou_gazette_means_wuzhou_agencies(wuzhou_archive):
    docs = wuzhou_archive.documents
    assert len(docs) == 10
    assert {d.issuer for d in docs} == {"梧州市人民政府办公室"}
    assert not [n for n in agencies_named(wuzhou_archive) if "柳州" in n]
    mentioning = [d for d in docs if any(m.startswith("梧州") for m in d.mentions)]
    assert len(mentioning) >= 8, [(d.id, d.mentions) for d in docs]
    named = agencies_named(wuzhou_archive)
    assert {"梧州市人民政府", "梧州市商务局", "梧州市人力资源和社会保障局", "广西壮族自治区人民政府"} <= named
    assert not [t.label for t in wuzhou_archive.terms if t.taxonomy in ("issuer", "mention") and "柳州" in t.label]


def test_the_liuzhou_example_file_gives_what_the_patterns_give(real_corpus, tmp_path):
    """examples/liuzhou/agencies.yml (the old packaged list, by name) replaces the packaged
    patterns; on the real corpus both resolve the same issuers and mentions."""
    corpus = copy_corpus(real_corpus, tmp_path / "corpus")
    shutil.copy(LIUZHOU_EXAMPLE, corpus / "agencies.yml")
    own = load_settings(corpus)
    assert own.files["agencies.yml"] == corpus / "agencies.yml"
    assert own.agencies.city_agencies == () and own.agencies.provinces == ()
    by_name = gather(corpus, settings=own)
    by_pattern = gather(real_corpus)
    listed = {e.name for e in own.agencies.agencies}  # the example lists no ministries
    assert [(d.id, d.issuer, d.mentions) for d in by_name.documents] == [
        (d.id, d.issuer, tuple(m for m in d.mentions if m in listed)) for d in by_pattern.documents]
    assert "柳州市人力资源和社会保障局" in agencies_named(by_pattern)


def test_archive_files_replace_the_defaults(tmp_path):
    corpus = copy_corpus(DEMO, tmp_path / "demo")
    (corpus / "topics.yml").write_text(
        "min_body_hits: 1\ntopics:\n  - key: lengliang\n    name: 冷链\n    keywords: [冷链]\n  - key: qita\n    name: 其他\n",
        encoding="utf-8")
    (corpus / "agencies.yml").write_text("agencies:\n  - name: 清江市人民政府办公室\n    aliases: [市人民政府办公室]\n", encoding="utf-8")
    (corpus / "labels-zh.yml").write_text("home: 起始页\n", encoding="utf-8")
    (corpus / "keyword-stopwords.txt").write_text("# ours\n物流\n", encoding="utf-8")
    settings = load_settings(corpus)
    assert [t.name for t in settings.topics.topics] == ["冷链", "其他"]
    assert settings.labels["home"] == "起始页" and settings.labels["az"] == load_settings().labels["az"]
    assert settings.keywords.stopwords == frozenset({"物流"})
    archive = gather(corpus, settings=settings)
    # nothing national (the demo mentions 国务院办公厅): the file replaced the packaged one
    assert {m for d in archive.documents for m in d.mentions} <= {"清江市人民政府办公室"}
    assert any(d.code == "unknown-agency" and "清江市人民政府" in d.message for d in archive.diagnostics)
    assert {t for d in archive.documents for t in d.topics} <= {"冷链", "其他"}
    assert any(t.taxonomy == "topic" and t.key == "lengliang" for t in archive.terms)
    assert not any("物流" in d.keywords for d in archive.documents)
    assert nav(archive, settings.labels)[0] == {"起始页": "index.md"}


def test_use_defaults_adds_to_the_packaged_agencies(tmp_path):
    corpus = copy_corpus(DEMO, tmp_path / "demo")
    (corpus / "agencies.yml").write_text("use_defaults: true\nagencies:\n  - name: 清江市总工会\n    aliases: [市总工会]\n", encoding="utf-8")
    vocabulary = load_settings(corpus).agencies
    agencies = vocabulary.for_place(vocabulary.place_of("清江市人民政府公报"))
    assert agencies.name("市总工会") == "清江市总工会" and agencies.name("市商务局") == "清江市商务局"


@pytest.mark.parametrize("text, line, words", [
    ("agencies:\n  - name: 甲局\n    aliases: [乙局\n", None, "cannot read agencies.yml"),
    ("agencies:\n  - name: 甲局\n  - aliases: [乙局]\n", 3, "an entry without a name"),
    ("agencies:\n  - name: 甲局\n    alias: [乙局]\n", 2, "unknown key 'alias'"),
    ("city_agencies:\n  - name: \"{city}商务局\"\n", 2, "unknown placeholder(s) ['city']"),
    ("agencies:\n  - name: 甲局\n    codes: 甲\n", 2, "codes must be a list"),
])
def test_a_malformed_agencies_file_is_one_clear_error(tmp_path, text, line, words):
    corpus = copy_corpus(DEMO, tmp_path / "demo")
    (corpus / "agencies.yml").write_text(text, encoding="utf-8")
    with pytest.raises(DanganError) as err:
        api.check(corpus)
    (problem,) = err.value.diagnostics
    assert problem.path == str(corpus / "agencies.yml") and words in problem.message
    if line:
        assert problem.line == line
    else:
        assert problem.line  # the YAML parser's own mark


def test_a_misspelt_label_names_its_line(tmp_path):
    corpus = copy_corpus(DEMO, tmp_path / "demo")
    (corpus / "labels-zh.yml").write_text("# ours\nhome: 起始页\nhomee: 首页\n", encoding="utf-8")
    with pytest.raises(DanganError) as err:
        load_settings(corpus)
    (problem,) = err.value.diagnostics
    assert (problem.path, problem.line) == (str(corpus / "labels-zh.yml"), 3) and "'homee'" in problem.message


def test_check_still_reports_unknown_agencies(tmp_path):
    corpus = copy_corpus(DEMO, tmp_path / "demo")
    source = corpus / "qjgb-2025-03.txt"
    text = source.read_text(encoding="utf-8").replace("市发展改革委、", "市生态环境局、")
    # the second document's issuer, in its title (and the 目录's) and its signature
    text = text.replace("清江市人民政府办公室关于进一步", "清江市行政审批局关于进一步")
    text = text.replace("\n\n清江市人民政府办公室\n\n2025", "\n\n清江市行政审批局\n\n2025")
    source.write_text(text, encoding="utf-8")
    diagnostics = api.check(corpus).diagnostics
    mentions = [d for d in diagnostics if d.code == "unknown-agency-mention"]
    assert [(re.search("'(.+?)'", d.message).group(1), d.path, d.line) for d in mentions] == [("市生态环境局", str(source), 73)]
    issuers = [d for d in diagnostics if d.code == "unknown-agency"]
    assert len(issuers) == 1 and "'清江市行政审批局'" in issuers[0].message and issuers[0].path == str(source)
