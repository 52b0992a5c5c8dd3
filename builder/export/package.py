"""Descriptions of the data: datapackage.json (Frictionless) and metadata.json (Datasette).

Both come from schema.TABLES, so a column is described once.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping

from ..model import StagedFile
from .database import FALLBACK_SQL
from .rows import TEXT_MD, TEXT_TXT
from .schema import CITED_BY_VIEW, DOCUMENTS, FTS_SAMPLE_SQL, FTS_TABLE, LIST_SEPARATOR, TABLES, Table

CSV_TYPES = {"string": "string", "integer": "integer", "number": "number", "boolean": "boolean", "array": "string"}

#: What each file holds (the 数据下载 page and datapackage.json say the same).
FILE_DESCRIPTIONS = {
    "catalog.csv": f"文件目录（表格），每篇一行；UTF-8（带 BOM），列表值以“{LIST_SEPARATOR.strip()}”分隔。The catalog as CSV.",
    "catalog.json": "文件目录（JSON），每篇一个对象。The catalog as JSON.",
    "removals.json": "清理日志：移除或移动的每段文字及其来源行。The removal log.",
    "archive.sqlite": "SQLite 数据库：全部表与全文索引（FTS5 trigram），可用 Datasette 打开。All tables and a full-text index.",
    "metadata.json": "Datasette 的表与列说明（datasette archive.sqlite -m metadata.json）。Datasette metadata.",
    "datapackage.json": "Frictionless 数据包：每个文件、表与字段的说明。Frictionless Data Package.",
}
TEXTS_DESCRIPTION = (f"每篇的全文与引文各一份，位于其（简体）页面旁，各语言版本的页面都链接这一份：<id>/{TEXT_MD}（目录记录作 front matter，"
                     f"然后是正文）、<id>/{TEXT_TXT}（纯文本：全文检索与字符守恒检查所见的每个字）；引文 <id>/cite.bib、cite.ris、cite.json。"
                     "路径见 documents.text_md / text_txt。")
#: The files beside every document's page (the 数据下载 page shows one document's as the example).
DOCUMENT_FILES = {
    TEXT_MD: "全文（Markdown）：目录记录作 front matter，然后是标题与正文。Full text as Markdown with the catalog record.",
    TEXT_TXT: "全文（纯文本，UTF-8）：标题、元数据行与正文，照原样（简体）。Plain text, as printed.",
    "cite.bib": "引文（BibTeX / biblatex），供 Zotero、JabRef 等导入。Citation for BibTeX.",
    "cite.ris": "引文（RIS），供 EndNote、Zotero 等导入。Citation as RIS.",
    "cite.json": "引文（CSL-JSON），供 Zotero、citeproc 等导入。Citation as CSL-JSON.",
}


def _json(data) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def file_size(data: bytes | StagedFile) -> int:
    return data.size if isinstance(data, StagedFile) else len(data)


def _file_facts(path: str, data: bytes | StagedFile) -> dict:
    sha256 = data.sha256 if isinstance(data, StagedFile) else hashlib.sha256(data).hexdigest()
    return {"path": path, "bytes": file_size(data), "hash": "sha256:" + sha256}


def _fields(table: Table, types: dict[str, str]) -> list[dict]:
    return [{"name": c.name, "type": types[c.type], "description": c.description} for c in table.columns]


def _licences(licences: list[str]) -> list[dict]:
    return [{"name": x, "title": x} for x in licences]


def datapackage_json(files: Mapping[str, bytes | StagedFile], licences: list[str], title: str) -> bytes:
    """A Data Package with one resource per file in ``files`` (catalog.csv as a tabular resource
    with its schema; archive.sqlite with the schema of every table under ``dangan:tables``)."""
    resources = []
    for path, data in files.items():
        name = path.replace(".", "-").lower()
        res = {"name": name, **_file_facts(path, data), "description": FILE_DESCRIPTIONS.get(path, "")}
        if path == "catalog.csv":
            res.update({
                "type": "table", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8-sig",
                "schema": {"fields": _fields(DOCUMENTS, CSV_TYPES), "primaryKey": [DOCUMENTS.pk]},
            })
        elif path.endswith(".json"):
            res.update({"type": "json", "format": "json", "mediatype": "application/json", "encoding": "utf-8"})
        elif path == "archive.sqlite":
            res.update({
                "type": "file", "format": "sqlite", "mediatype": "application/vnd.sqlite3",
                "dangan:tables": [
                    {"name": t.name, "description": t.description, "primaryKey": _pk(t),
                     "schema": {"fields": _fields(t, {**CSV_TYPES, "array": "array"})}, "example": t.sample_sql}
                    for t in TABLES
                ],
                "dangan:fts": {"table": FTS_TABLE, "tokenizer": "trigram", "columns": ["title", "text"],
                               "example": FTS_SAMPLE_SQL, "two_character_queries": FALLBACK_SQL},
                "dangan:views": [CITED_BY_VIEW],
            })
        resources.append(res)
    package = {
        "name": "dangan-archive",
        "title": title,
        "description": "档案的开放数据：目录、清理日志、SQLite 数据库与每篇全文。" + TEXTS_DESCRIPTION,
        "profile": "data-package",
        "resources": resources,
        "dangan:texts": {"path_pattern": [f"<id>/{TEXT_MD}", f"<id>/{TEXT_TXT}"], "description": TEXTS_DESCRIPTION},
    }
    if licences:
        package["licenses"] = _licences(licences)
    return _json(package)


def _pk(table: Table) -> list[str]:
    if table.pk is None:
        return []
    return [table.pk] if isinstance(table.pk, str) else list(table.pk)


def datasette_metadata(licences: list[str], title: str) -> bytes:
    """metadata.json for ``datasette archive.sqlite -m metadata.json``."""
    tables = {
        t.name: {"description": t.description, "columns": {c.name: c.description for c in t.columns}}
        for t in TABLES
    }
    tables["texts"]["fts_table"] = FTS_TABLE
    tables["texts"]["fts_pk"] = "rowid"
    meta = {
        "title": title,
        "description": "两个字的检索词短于 trigram，请用 LIKE：" + FALLBACK_SQL,
        "databases": {"archive": {
            "tables": tables,
            "queries": {
                "fulltext": {"title": "全文检索（三个字以上）", "sql": FTS_SAMPLE_SQL.replace("'\"产教融合\"'", ":q")},
                "two_characters": {"title": "两个字的检索", "sql": FALLBACK_SQL},
            },
        }},
    }
    if licences:
        meta["license"] = "; ".join(licences)
    return _json(meta)
