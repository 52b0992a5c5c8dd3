"""The gazette parser is general: a variant issue of another city (GB18030, other agency
codes and layouts) and the demo corpus parse with the same code."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CASES
from test_gazette import metadata_json

from builder.audit import missing_han
from builder.pipeline import gather, parse_source
from builder.render.markdown import blocks_to_markdown
from builder.sources import read_corpus

VARIANT = CASES / "gazette_variant"


def parse_only_gazette(corpus: Path):
    _, sources = read_corpus(corpus)
    source = next(s for s in sources if s.publication.kind == "gazette")
    return source, parse_source(source)


@pytest.fixture(scope="module")
def variant():
    return parse_only_gazette(VARIANT)


def test_variant_is_read_as_gb18030(variant):
    source, _ = variant
    assert source.encoding == "gb18030"
    assert (VARIANT / source.file).read_bytes().count(b"\r\n") > 10


def test_variant_issue(variant):
    _, result = variant
    i = result.issue
    assert (i.id, i.year, i.number, i.total, i.date) == ("yzgb/2023/5", 2023, 5, 72, "2023-05-20")
    assert (i.editor, i.supervisor, i.alternate_title) == ("云州市人民政府办公室", "云州市人民政府", "YUNZHOU SHI YINZMINZ CWNGFUJ GUNGHBAU")
    assert "【市政府文件】" in i.front_matter


def test_variant_documents(variant):
    _, result = variant
    docs = result.documents
    assert [d.id for d in docs] == ["yzgb/2023/5/yunzhengfa-2023-8", "yzgb/2023/5/yunzhengban-2023-21", "yzgb/2023/5/yunzhengban-2023-23"]
    assert [d.title for d in docs] == [
        "云州市人民政府关于废止和修改部分市政府规范性文件的决定",
        "云州市人民政府办公室关于印发云州市城市内涝治理工作方案的通知",
        "云州市人民政府办公室关于加强电动自行车安全管理的意见",
    ]
    assert [d.doc_number.raw for d in docs] == ["云政发[2023]8号", "云政办［2023］21号", "云政办〔2023〕23号"]
    assert [d.doc_type for d in docs] == ["决定", "通知", "意见"]
    assert [d.date for d in docs] == ["2023-03-05", "2023-04-03", "2023-04-18"]
    assert [d.signature for d in docs] == [
        ("云州市人民政府", "二〇二三年三月五日"), ("云州市人民政府办公室", "2023年4月3日"), ("云州市人民政府办公室", "2023年4月18日"),
    ]
    assert [d.pages for d in docs] == [(1, 3), (4, 8), (9, None)]
    assert [e.document for e in result.issue.toc] == [d.id for d in docs]
    assert docs[1].attachments == ("云州市易涝积水点清单",) and docs[1].enclosed_title == "云州市城市内涝治理工作方案"


def test_variant_body(variant):
    _, result = variant
    plan = result.documents[1]
    text = "\n".join(b.lead + b.text for b in plan.blocks)
    assert "城市生命线工程安全运行得到保障。" in text
    assert "2024年汛期前完成30处" in text
    assert "云州市人民政府公报" not in text and "— 5 —" not in text
    table = next(b for b in plan.blocks if b.kind == "table")
    assert table.text == "易涝积水点整治计划表" and table.header_rows == 1
    assert table.rows[-1] == ("3", "河东区", "10", "2025年")
    levels = {b.text: b.level for b in plan.blocks if b.kind == "heading"}
    assert levels == {"云州市城市内涝治理工作方案": 1, "一、工作目标": 2, "二、重点任务": 2, "三、保障措施": 2}
    assert any(b.kind == "note" and b.text == "（此件公开发布）" for b in result.documents[0].blocks)


def test_variant_citations(variant):
    _, result = variant
    decision, _, opinion = result.documents
    assert [(c.doc_number.normalized, c.relation) for c in decision.citations] == [("云政发〔2015〕31号", "ends"), ("云政规〔2018〕2号", "cites")]
    assert [(c.doc_number.normalized, c.relation) for c in opinion.citations] == [("云政办〔2020〕7号", "ends")]


def test_variant_conservation(variant):
    source, result = variant
    assert missing_han(source.text, result) == {}
    assert not [d for d in result.diagnostics if d.level == "warning"]


def test_variant_golden(variant, golden):
    _, result = variant
    for d in result.documents:
        slug = d.id.rsplit("/", 1)[1]
        golden(f"gazette_variant/expected/{slug}.md", blocks_to_markdown(d.blocks) + "\n")
        golden(f"gazette_variant/expected/{slug}.json", metadata_json(d))


def test_demo_gazette_parses(demo_corpus):
    if not (demo_corpus / "corpus.yml").is_file():
        pytest.skip("demo corpus not written yet")
    source, result = parse_only_gazette(demo_corpus)
    assert result.issue.year and result.documents
    assert missing_han(source.text, result) == {}
    assert all(d.doc_number and d.title and d.date for d in result.documents)
    toc = result.issue.toc
    assert toc and all(e.document for e in toc)
    assert not [d for d in result.diagnostics if d.code.startswith("toc")]
    for d in result.documents:
        body = "\n".join(b.lead + b.text for b in d.blocks)
        assert "---" not in body
    archive = gather(demo_corpus)
    assert {d.id for d in result.documents} <= {d.id for d in archive.documents}


def test_documents_start_at_every_kind_of_header_line():
    """政府令 (令号), 公告 (（第X号）), 通告 and 人事任免 (a date alone), 批复 (its 主送机关 line
    only) and an ordinary 通知 (date and 发文字号) each start a document (tests/cases/gazette_starts)."""
    archive = gather(CASES / "gazette_starts")
    got = [(d.title, d.doc_number.normalized if d.doc_number else None, d.date, d.doc_type) for d in archive.documents]
    assert got == [
        ("清江市人民政府令", "清江市人民政府令第12号", "2024-03-20", "命令"),
        ("清江市人民政府公告", "清江市人民政府公告第3号", "2024-05-10", "公告"),
        ("清江市人民政府关于禁止在城区燃放烟花爆竹的通告", None, "2024-05-12", "通告"),
        ("清江市人民政府关于同意设立清江市湿地公园的批复", None, "2024-05-15", "批复"),
        ("清江市人民政府关于张三等同志职务任免的通知", None, "2024-05-20", "通知"),
        ("清江市人民政府办公室关于做好城市绿化养护工作的通知", "清政办〔2024〕9号", "2024-05-22", "通知"),
    ]
    order = archive.documents[0]
    assert order.id == "qjgb/2024/5/qingjiangshirenminzhengfuling-12"
    assert (order.promulgated, order.effective) == ("2024-03-20", "2024-05-01")
    assert [b.anchor for b in order.blocks if b.anchor] == ["tiao-1", "tiao-2", "tiao-3"]
    assert archive.documents[2].recipients is None  # 通告如下： is the body's first sentence, not a 主送机关
    assert archive.documents[3].recipients == "市林业局："
