"""Single documents (kind ``documents``): expectations written by reading the sources.

The real files are ../shared/corpus-more/ (skipped with a reason when absent); the fictional
ones are tests/cases/documents_variant/.
"""

from __future__ import annotations

import json
import re

import pytest

from builder.api import content_files, site_dirs_for
from builder.audit import missing_han
from builder.model import DanganError
from builder.pipeline import gather
from builder.settings import load_settings
from builder.sources import read_corpus
from tests.conftest import CASES, ROOT, subset_corpus

MORE = ROOT.parent / "shared" / "corpus-more"
VARIANT = CASES / "documents_variant"


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    if not (MORE / "corpus.yml").is_file():
        pytest.skip(f"real single documents not found at {MORE}")
    return gather(subset_corpus(MORE, ["regulation-renti-qiguan-2023.md", "notice-laoshebufa-2008-3.md"], tmp_path_factory.mktemp("flfg")))


@pytest.fixture(scope="module")
def variant():
    return gather(VARIANT)


def by_source(archive, name):
    [doc] = [d for d in archive.documents if d.source == name]
    return doc


def outline(doc):
    return [b for b in doc.blocks if b.kind == "heading"]


def test_regulation_is_one_document_with_chapters_fuze_and_50_articles(real):
    doc = by_source(real, "regulation-renti-qiguan-2023.md")
    heads = outline(doc)
    chapters = [h.text for h in heads if re.match(r"第.+章", h.text)]
    articles = [h for h in heads if re.fullmatch(r"第.+条", h.text)]
    assert chapters == ["第一章 总 则", "第二章 人体器官的捐献", "第三章 人体器官的获取和移植", "第四章 法律责任"]
    assert "附则" in [h.text for h in heads]
    assert len(articles) == 50 and articles[11].text == "第十二条" and articles[11].anchor == "tiao-12"
    assert articles[-1].anchor == "tiao-50"
    assert doc.title == "人体器官捐献和移植条例" and doc.doc_type == "条例" and doc.date == "2023-12-04"
    assert doc.id == "flfg/2023-12-04/regulation-renti-qiguan-2023"
    # chapters outrank articles; 附则 stands beside the chapters
    level = {h.text: h.level for h in heads}
    assert level["第一章 总 则"] == level["附则"] < level["第一条"]


def test_notice_has_its_number_and_ends_the_earlier_one_with_no_comment_shown(real):
    doc = by_source(real, "notice-laoshebufa-2008-3.md")
    assert doc.doc_number.normalized == "劳社部发〔2008〕3号" and doc.id == "flfg/laoshebufa-2008-3"
    assert [(c.doc_number.normalized, c.relation) for c in doc.citations] == [("劳社部发〔2000〕8号", "ends")]
    assert doc.recipients == "各省、自治区、直辖市劳动和社会保障厅（局）："
    assert [h.text for h in outline(doc)] == ["一、制度工作时间的计算", "二、日工资、小时工资的折算", "三"]
    assert doc.blocks[-1].text.startswith("2000年3月17日劳动保障部发布的")
    pages = dict(content_files(real, load_settings(real.corpus), site_dirs_for(real.corpus), search=False))
    page = pages["flfg/laoshebufa-2008-3/index.md"]
    assert "<!--" not in page and "INFO END" not in page
    assert any(r.reason == "comment" and r.text == "<!-- INFO END -->" for r in real.removals)


def test_every_real_han_character_is_kept(real):
    _, sources = read_corpus(real.corpus)
    from builder.pipeline import parse_source
    for source in sources:
        assert missing_han(source.text, parse_source(source)) == {}, source.file


def test_raw_regulation_wrapped_at_a_narrow_column(variant):
    doc = by_source(variant, "qingjiang-lvhua-banfa.txt")
    assert doc.title == "清江市城市绿化管理办法" and doc.doc_type == "办法"
    assert (doc.adopted, doc.effective, doc.date) == ("2024-03-01", "2024-05-01", "2024-03-01")
    heads = [(h.text, h.level) for h in outline(doc)]
    assert heads[:4] == [("第一章 总 则", 1), ("第一条", 3), ("第二条", 3), ("第二章 规划和建设", 1)]
    assert ("第一节 规划", 2) in heads and ("附则", 1) in heads and ("清江市各类用地绿地率指标表", 1) in heads
    assert [h.anchor for h in outline(doc) if h.anchor] == [f"tiao-{n}" for n in range(1, 10)]
    paragraphs = [b.text for b in doc.blocks if b.kind == "paragraph"]
    assert "为了加强城市绿化管理，改善城市生态环境，根据有关法律、法规，结合本市实际，制定本办法。" in paragraphs
    # 第六条 follows 第五条 on the next line with no blank line: still its own article
    assert "绿化工程竣工后，建设单位应当组织验收。" in paragraphs
    assert doc.attachments == ("清江市各类用地绿地率指标表",)
    assert any(b.kind == "table" for b in doc.blocks)


def test_judicial_interpretation_dates(variant):
    doc = by_source(variant, "sifa-jieshi.md")
    assert (doc.adopted, doc.effective) == ("2020-12-29", "2021-01-01")
    assert doc.issuer == "清江市中级人民法院" and doc.doc_type == "解释"
    assert [h.anchor for h in outline(doc)] == ["tiao-1", "tiao-2"]


def test_markdown_notice_with_multiline_comment_and_signature(variant):
    doc = by_source(variant, "qingjiang-notice.md")
    assert doc.id == "qjfg/qingzhengban-2024-7" and doc.issuer == "清江市人民政府办公室"
    assert doc.recipients == "各县、区人民政府，市政府各部门："
    assert doc.signature == ("清江市人民政府办公室", "2024年6月1日") and doc.date == "2024-06-01"
    assert [(c.doc_number.normalized, c.relation) for c in doc.citations] == [("清政办〔2019〕3号", "ends")]
    assert not any("来源" in b.text or "fictional" in b.text for b in doc.blocks)


def test_text_no_rule_understands_is_kept_and_flagged(variant):
    doc = by_source(variant, "loose-text.txt")
    assert doc.unparsed and doc.title_derived and doc.id == "qjfg/loose-text"
    assert len(doc.blocks) == 2
    catalog = json.loads(dict(content_files(variant, load_settings(VARIANT), site_dirs_for(VARIANT), search=False))["catalog.json"])
    entry = next(e for e in catalog if e["id"] == "qjfg/loose-text")
    assert entry["unparsed"] is True
    page = dict(content_files(variant, load_settings(VARIANT), site_dirs_for(VARIANT), search=False))["qjfg/loose-text/index.md"]
    assert "本文未能自动识别结构，按原文保存" in page


def test_variant_conserves_every_han_character(variant):
    _, sources = read_corpus(VARIANT)
    from builder.pipeline import parse_source
    for source in sources:
        assert missing_han(source.text, parse_source(source)) == {}, source.file


def test_empty_source_fails_the_build_naming_the_file(tmp_path):
    (tmp_path / "corpus.yml").write_text("publications:\n  p: {name: P, kind: documents}\nsources:\n  - file: a.md\n    publication: p\n", encoding="utf-8")
    (tmp_path / "a.md").write_text("<!-- nothing but a comment -->\n", encoding="utf-8")
    with pytest.raises(DanganError) as e:
        gather(tmp_path)
    assert "a.md" in str(e.value) and "source-no-document" in str(e.value)


def test_gazette_with_no_document_start_keeps_its_text_as_one_unparsed_document(tmp_path):
    (tmp_path / "corpus.yml").write_text("publications:\n  qj: {name: 清江市人民政府公报, kind: gazette}\n"
                                         "sources:\n  - file: a.txt\n    publication: qj\n    date: 2024-05\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("清江市人民政府公报\n2024年第5期\n\n本期刊登的文件因排版原因暂缺，特此说明。\n请读者谅解。\n", encoding="utf-8")
    archive = gather(tmp_path)
    [doc] = archive.documents
    assert doc.unparsed and doc.title_derived and doc.kind == "gazette_document"
    assert "本期刊登的文件因排版原因暂缺，特此说明。" in doc.body_text()
    assert any(d.code == "gazette-no-documents" for d in archive.diagnostics)
    page = dict(content_files(archive, load_settings(tmp_path), site_dirs_for(tmp_path), search=False))[f"{doc.id}/index.md"]
    assert "本文未能自动识别结构，按原文保存" in page
