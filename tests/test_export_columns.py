"""The newer catalog keys as open-data columns (validity and its evidence, uncertain fields and
their confidences, corrections), and archive.sqlite built on disk: same corpus, same bytes."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import sqlite3
from pathlib import Path

from builder.export import open_data_files
from builder.export.package import CSV_TYPES
from builder.export.schema import CONFIDENCES, DOCUMENTS
from builder.model import Archive, Block, DocNumber, Document, IssueRef, Publication, Relation, StagedFile
from builder.render.catalog import catalog_records

OLD = DocNumber("柳政办〔2019〕90号", "柳政办", 2019, 90)
NEW = DocNumber("柳政办〔2022〕61号", "柳政办", 2022, 61)


def small_archive() -> Archive:
    """Two gazette documents (the newer ends the older, which has a term of its own) and one
    newspaper article with an uncertain title and a correction."""
    old = Document(id="g/2022/1/old", kind="gazette_document", publication="g", source="g.txt", title="旧办法", line_start=1,
                   line_end=9, date="2019-06-01", doc_number=OLD, issue=IssueRef(2019, 1), pages=(3, 4),
                   blocks=(Block("paragraph", "本办法自印发之日起施行，有效期5年。", line=5),))
    new = Document(id="g/2022/1/new", kind="gazette_document", publication="g", source="g.txt", title="新办法", line_start=10,
                   line_end=30, date="2022-07-01", doc_number=NEW, issue=IssueRef(2022, 1), pages=(5, 8),
                   blocks=(Block("paragraph", "《旧办法》（柳政办〔2019〕90号）同时停止执行。", line=22),))
    article = Document(id="r/2022-07-01/01/01", kind="newspaper_article", publication="r", source="r.txt", title="一篇报道",
                       line_start=1, line_end=5, date="2022-07-01", blocks=(Block("paragraph", "正文。", line=3),),
                       confidence=(("boundary", 0.95), ("title", 0.4)), uncertain=("title",),
                       corrections=("title set by corrections.yml line 4",))
    return Archive(corpus=Path("/nowhere"), documents=(old, new, article),
                   publications=(Publication("g", "公报", "gazette"), Publication("r", "日报", "newspaper")),
                   relations=(Relation("g/2022/1/new", OLD, "ends", target="g/2022/1/old", line=22),))


def sqlite_rows(db: StagedFile, sql: str) -> list[tuple]:
    conn = sqlite3.connect(db.path)
    try:
        return list(conn.execute(sql))
    finally:
        conn.close()


def test_validity_evidence_uncertain_and_corrections_are_columns():
    archive = small_archive()
    records = {r["id"]: r for r in catalog_records(archive)}
    assert records["g/2022/1/old"]["validity"]["status"] == "ended"  # the archive ends it, so the catalog says so
    with open_data_files(archive) as files:
        rows = {r["id"]: r for r in csv.DictReader(io.StringIO(files["catalog.csv"].decode("utf-8-sig")))}
        db = files["archive.sqlite"]
        old = rows["g/2022/1/old"]
        assert old["validity_status"] == "ended" and old["validity_as_of"] == "2022-07-01"
        assert old["validity_text"] == records["g/2022/1/old"]["validity"]["text"]
        assert (old["validity_ended_by"], old["validity_ended_by_doc_number"], old["validity_ended_by_line"]) == (
            "g/2022/1/new", "柳政办〔2022〕61号", "22")
        assert old["validity_ended_by_where"] == "2022年第1期第5–8页"
        assert rows["g/2022/1/new"]["validity_status"] == "no_record" and rows["g/2022/1/new"]["validity_ended_by"] == ""
        article = rows["r/2022-07-01/01/01"]
        assert (article["validity_status"], article["uncertain"], article["unparsed"]) == ("", "title", "false")
        assert article["corrections"] == "title set by corrections.yml line 4"
        cells = dict(sqlite_rows(db, "SELECT id, json_object('ended_by', json(validity_ended_by), 'lines', json(validity_ended_by_line),"
                                     " 'uncertain', json(uncertain), 'corrections', json(corrections)) FROM documents"))
        assert json.loads(cells["g/2022/1/old"]) == {"ended_by": ["g/2022/1/new"], "lines": [22], "uncertain": [], "corrections": []}
        assert json.loads(cells["r/2022-07-01/01/01"])["uncertain"] == ["title"]
        assert sqlite_rows(db, "SELECT * FROM confidences ORDER BY document_id, field") == [
            ("r/2022-07-01/01/01", "boundary", 0.95, 0), ("r/2022-07-01/01/01", "title", 0.4, 1)]
        # the relations table keeps cites / ends, and the cited_by view answers the reverse
        assert sqlite_rows(db, "SELECT source, relation, doc_number, target, line FROM relations") == [
            ("g/2022/1/new", "ends", "柳政办〔2019〕90号", "g/2022/1/old", 22)]
        assert sqlite_rows(db, "SELECT document_id, cited_by, relation FROM cited_by") == [("g/2022/1/old", "g/2022/1/new", "ends")]
        package = json.loads(files["datapackage.json"])
    csv_fields = next(r for r in package["resources"] if r["path"] == "catalog.csv")["schema"]["fields"]
    assert [f["name"] for f in csv_fields] == DOCUMENTS.names
    assert all(f["description"] for f in csv_fields)
    tables = {t["name"]: t for t in next(r for r in package["resources"] if r["path"] == "archive.sqlite")["dangan:tables"]}
    assert [f["type"] for f in tables["confidences"]["schema"]["fields"]] == [CSV_TYPES[c.type] for c in CONFIDENCES.columns]


def test_archive_sqlite_is_built_on_disk_and_byte_identical_twice():
    archive = small_archive()
    with open_data_files(archive) as first:
        staged = first["archive.sqlite"]
        assert isinstance(staged, StagedFile) and staged.path.is_file() and staged.size == staged.path.stat().st_size
        once = staged.path.read_bytes()
        described = next(r for r in json.loads(first["datapackage.json"])["resources"] if r["path"] == "archive.sqlite")
        assert described["bytes"] == len(once) and described["hash"] == "sha256:" + staged.sha256
    assert not staged.path.exists() and not staged.path.parent.exists()  # the scratch folder went with the block
    with open_data_files(archive) as second:
        assert second["archive.sqlite"].path.read_bytes() == once
        assert sqlite_rows(second["archive.sqlite"], "PRAGMA freelist_count") == [(0,)]  # compacted by VACUUM


def test_the_write_stage_copies_a_staged_file_and_leaves_an_equal_one_alone(tmp_path):
    from builder.cache import hashed
    from builder.export import staged
    from builder.write import sync_files, write_files

    scratch = tmp_path / "scratch.bin"
    scratch.write_bytes(b"\x00sqlite\xff" * 1000)
    file = staged(scratch)
    into, plain = hashlib.sha256(), hashlib.sha256()
    list(hashed([("a.sqlite", file)], into))
    list(hashed([("a.sqlite", scratch.read_bytes())], plain))
    assert into.digest() == plain.digest()  # the cache sees a staged file as its bytes
    write_files(tmp_path / "out", [("data/a.sqlite", file), ("b.txt", "乙")])
    copied = tmp_path / "out" / "data" / "a.sqlite"
    assert copied.read_bytes() == scratch.read_bytes()
    before = copied.stat().st_mtime_ns
    sync_files(tmp_path / "out", [("data/a.sqlite", file), ("b.txt", "乙")])
    assert copied.stat().st_mtime_ns == before and (tmp_path / "out" / "b.txt").read_text(encoding="utf-8") == "乙"
