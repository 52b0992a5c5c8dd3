"""Validity with its evidence, never "现行有效" from absence (issue #13 item 5)."""

from __future__ import annotations

import json
import re

from builder.citable.validity import archive_validity, document_validity
from builder.model import Block, Document


def test_no_page_of_the_real_site_says_in_force_without_evidence(real_site):
    pages = [p for p in real_site.site.rglob("*.html")] + [p for p in real_site.content.rglob("*.md")]
    assert pages
    assert [p for p in pages if "现行有效" in p.read_text(encoding="utf-8")] == []


def test_every_real_document_says_what_the_archive_has_seen(real_site):
    text = (real_site.content / "lzgb/2024/10/liuzhengban-2022-59/index.md").read_text(encoding="utf-8")
    assert "| 有效性 | 本库未见其废止或停止执行的记录（截至 2024-10） |" in text


def test_an_ended_number_links_the_sentence_that_ends_it(real_site):
    cited = (real_site.content / "cited/liuzhengban-2019-90/index.md").read_text(encoding="utf-8")
    link = re.search(r"有效性：已停止执行：\[柳政办〔2022〕61号\]\(([^)# ]+)#(b\d+) .*?\)（2024年第10期第46–53页）", cited)
    assert link, cited
    ending = (real_site.content / "cited/liuzhengban-2019-90" / link[1]).resolve().read_text(encoding="utf-8")
    sentence = ending.split(f'<a id="{link[2]}"></a>', 1)[1].split("\n", 1)[0]
    assert "柳政办〔2019〕90号" in sentence and "停止执行" in sentence


def test_the_catalog_carries_the_same_statement(real_site):
    catalog = {d["id"]: d for d in json.loads((real_site.content / "catalog.json").read_text(encoding="utf-8"))}
    v = catalog["lzgb/2024/10/liuzhengban-2022-59"]["validity"]
    assert v == {"status": "no_record", "text": "本库未见其废止或停止执行的记录（截至 2024-10）", "as_of": "2024-10"}
    assert all("validity" not in d for d in catalog.values() if d["kind"] == "newspaper_article")


def doc(text: str, date: str = "2020-03-01") -> Document:
    return Document(id="x/1", kind="gazette_document", publication="x", source="x.txt", title="t", line_start=1, line_end=9,
                    blocks=(Block("paragraph", text, line=5),), date=date)


def test_a_documents_own_term_is_measured_against_the_build_date():
    expired = document_validity(doc("本办法自印发之日起施行，有效期3年。"), [], {}, "2024-10-01")
    assert (expired.status, expired.expires, expired.term_line) == ("expired", "2023-03-01", 5)
    assert expired.text == "已过有效期：本文件规定“自印发之日起施行，有效期3年”，至 2023-03-01 届满"
    running = document_validity(doc("本意见有效期至2027年12月31日。"), [], {}, "2024-10-01")
    assert running.status == "in_term"
    assert running.text == "本文件规定“有效期至2027年12月31日”，至 2027-12-31 届满；本库未见其废止或停止执行的记录（截至 2024-10-01）"


def test_the_build_date_is_the_newest_document_date(real_site):
    assert {v.as_of for v in archive_validity(real_site.archive).values()} == {"2024-10"}


def test_a_number_many_documents_end_shows_a_few_proofs_and_the_count(tmp_path):
    """A number that hundreds of documents declare ended (a 废止 list, a common parent) gets a
    validity line of a few linked proofs and their count, not a paragraph of every one: each
    is in the page's list of citing documents, and a line of a thousand links took MkDocs'
    Markdown minutes a page."""
    from builder import api
    from builder.benchcorpus import generate
    from builder.settings import load_settings

    generate(120, tmp_path / "corpus", seed=3)
    archive = api.gather(tmp_path / "corpus")
    settings = load_settings(tmp_path / "corpus")
    validity = archive_validity(archive)
    number, many = max(((k, v) for k, v in validity.items() if v.endings), key=lambda kv: len(kv[1].endings))
    assert len(many.endings) > 4, "the generated corpus has a number many documents end"
    files = dict(api.content_files(archive, settings, api.site_dirs_for(tmp_path / "corpus"), search=False))
    page = next(text for path, text in files.items() if path.startswith("cited/") and isinstance(text, str)
                and f"\n# {number}\n" in text)
    line = next(x for x in page.splitlines() if x.startswith("有效性："))
    assert line.count("](") == 3, line
    assert line.endswith(f"；另有 {len(many.endings) - 3} 份文件宣布其停止执行，均列于下文“被引用”"), line
    assert page.count(" — 宣布停止执行") == min(len(many.endings), page.count("\n- ")), "the list below has them"
