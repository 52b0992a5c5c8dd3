"""Every table of the open data, its columns and what they mean: written once, used for the
SQLite database, catalog.csv, datapackage.json, Datasette's metadata.json and the 数据下载 page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ColumnType = Literal["string", "integer", "number", "boolean", "array"]

#: How list values are joined in one CSV cell (catalog.json and archive.sqlite keep real lists).
LIST_SEPARATOR = " | "

#: SQLite column types (lists are JSON arrays in TEXT, booleans 0/1).
SQLITE_TYPES = {"string": str, "integer": int, "number": float, "boolean": int, "array": str}


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType
    description: str


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]
    pk: str | tuple[str, ...] | None = None
    sample_sql: str = ""

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


def _cols(*rows: tuple[str, ColumnType, str]) -> tuple[Column, ...]:
    return tuple(Column(*r) for r in rows)


DOCUMENTS = Table(
    "documents",
    "每篇公文或文章一行（与 catalog.json / catalog.csv 同一内容）。One row per document or article.",
    _cols(
        ("id", "string", "标识，即 URL 路径 · identity, the URL path without slashes"),
        ("kind", "string", "gazette_document（公报文件）或 newspaper_article（报纸文章）"),
        ("title", "string", "标题 · title as printed"),
        ("url", "string", "本档案中的 URL · URL in this archive"),
        ("publication", "string", "出版物代号 · publication slug"),
        ("source", "string", "来源文件 · source file name"),
        ("line_start", "integer", "来源文件中的首行 · first source line"),
        ("line_end", "integer", "来源文件中的末行 · last source line"),
        ("date", "string", "日期（YYYY、YYYY-MM 或 YYYY-MM-DD）· date, reduced precision allowed"),
        ("title_derived", "boolean", "标题由正文推出（原文无标题）· title derived from the text"),
        ("issue_id", "string", "所在期号的标识 · id of the gazette issue"),
        ("issue_year", "integer", "期号年份 · issue year"),
        ("issue_number", "integer", "期号 · issue number"),
        ("issue_total", "integer", "总期号 · running issue number"),
        ("doc_number", "string", "发文字号（原文）· document number as printed"),
        ("doc_number_normalized", "string", "发文字号（规范化）· normalised document number"),
        ("issuer", "string", "发文机关 · issuing agency"),
        ("doc_type", "string", "文种 · document type"),
        ("recipients", "string", "主送机关 · addressees"),
        ("enclosed_title", "string", "印发或转发的文件标题 · title of the enclosed document"),
        ("attachments", "array", "附件 · attachments"),
        ("page_first", "integer", "公报首页码 · first printed page"),
        ("page_last", "integer", "公报末页码 · last printed page"),
        ("page_id", "string", "所在报纸版面的标识 · id of the newspaper page"),
        ("page", "integer", "版次 · newspaper page number"),
        ("page_name", "string", "版名 · page name"),
        ("kicker", "string", "引题 · kicker"),
        ("subtitle", "string", "副题 · subtitle"),
        ("dateline", "string", "电头 · dateline"),
        ("byline", "string", "署名 · byline"),
        ("captions", "array", "图片说明 · captions"),
        ("continues_on", "string", "转至（下转）· continues on"),
        ("continued_from", "string", "接自（上接）· continued from"),
        ("adopted", "string", "通过日期 · date adopted"),
        ("promulgated", "string", "公布日期 · date promulgated"),
        ("effective", "string", "施行日期 · date in force"),
        ("source_url", "string", "原文取自的网址 · where the text was taken from"),
        ("topics", "array", "主题分类 · topics"),
        ("keywords", "array", "关键词 · keywords"),
        ("cites", "array", "引用的发文字号 · document numbers cited"),
        ("ends", "array", "废止或停止执行的发文字号 · document numbers it ends"),
        ("validity_status", "string",
         "效力（仅据本库所见）：ended 已停止执行、expired 已过有效期、in_term 在其自定有效期内、no_record 未见废止记录；"
         "报纸文章为空 · validity as far as the archive shows (never 现行有效 from absence)"),
        ("validity_text", "string", "效力说明（页面所示原文）· the validity statement as shown"),
        ("validity_as_of", "string", "效力判断的截止日期（本库最新文件日期）· the date the statement speaks for"),
        ("validity_ended_by", "array", "证据：停止执行本文件的文件 documents.id · evidence: the documents ending it"),
        ("validity_ended_by_doc_number", "array", "证据：其发文字号（无则标题）· their document numbers (or titles)"),
        ("validity_ended_by_where", "array", "证据：其所在期与页 · their issue and pages"),
        ("validity_ended_by_line", "array", "证据：其来源文件中写明废止的行 · source line of the ending sentence"),
        ("validity_term", "string", "证据：本文件自定有效期的原文 · evidence: the words of its own term"),
        ("validity_term_line", "integer", "证据：该原文的来源行 · source line of those words"),
        ("validity_expires", "string", "自定有效期的届满日 · the day its own term ends"),
        ("unparsed", "boolean", "未能识别其结构，按原样保留 · no rule understood its structure: kept as printed"),
        ("uncertain", "array",
         "推断信心不足的字段（如 title、kicker、byline、boundary），页面上有提示，可在 corrections.yml 更正；"
         "各字段的信心值见表 confidences · inferred fields below the confidence threshold"),
        ("corrections", "array", "档案员依 corrections.yml 所作的更正，每条一则说明 · the archivist's corrections applied"),
        ("text_md", "string", "全文（Markdown）的路径 · path of the full text as Markdown"),
        ("text_txt", "string", "全文（纯文本）的路径 · path of the full text as plain text"),
    ),
    pk="id",
    sample_sql="SELECT date, title, issuer FROM documents WHERE doc_type = '通知' ORDER BY date",
)

TEXTS = Table(
    "texts",
    "每篇的全文（标题、元数据行与正文），供全文检索。Full text of each document (title, metadata lines, body).",
    _cols(
        ("document_id", "string", "documents.id"),
        ("title", "string", "标题 · title"),
        ("text", "string", "全文 · full text, one block per line"),
    ),
    pk="document_id",
    sample_sql="SELECT document_id, title FROM texts WHERE text LIKE '%产教%'",
)

ISSUES = Table(
    "issues",
    "公报的每一期。One row per gazette issue.",
    _cols(
        ("id", "string", "标识 · id (URL path)"),
        ("publication", "string", "出版物代号 · publication slug"),
        ("year", "integer", "年份 · year"),
        ("number", "integer", "期号 · issue number"),
        ("total", "integer", "总期号 · running number"),
        ("date", "string", "出版日期 · date"),
        ("editor", "string", "主办 · editor"),
        ("supervisor", "string", "主管 · supervisor"),
        ("alternate_title", "string", "其他刊名 · alternate title"),
        ("url", "string", "本档案中的 URL · URL in this archive"),
        ("source", "string", "来源文件 · source file"),
        ("documents", "array", "按目录顺序的文件标识 · document ids in printed order"),
    ),
    pk="id",
    sample_sql="SELECT year, number, json_array_length(documents) AS n FROM issues ORDER BY year, number",
)

PAGES = Table(
    "pages",
    "报纸的每一版。One row per printed newspaper page.",
    _cols(
        ("id", "string", "标识 · id (URL path)"),
        ("publication", "string", "出版物代号 · publication slug"),
        ("date", "string", "日期 · date"),
        ("page", "integer", "版次 · page number"),
        ("page_name", "string", "版名 · page name"),
        ("url", "string", "本档案中的 URL · URL in this archive"),
        ("source", "string", "来源文件 · source file"),
        ("documents", "array", "按版面顺序的文章标识 · article ids in printed order"),
    ),
    pk="id",
    sample_sql="SELECT date, page, page_name, json_array_length(documents) AS n FROM pages ORDER BY date, page",
)

AGENCIES = Table(
    "agencies",
    "机关与文件：发文机关（issuer）和正文提及的机关（mention）。Agencies issuing or mentioned in each document.",
    _cols(
        ("agency", "string", "机关名称（规范名）· canonical agency name"),
        ("role", "string", "issuer（发文机关）或 mention（提及）"),
        ("document_id", "string", "documents.id"),
        ("url", "string", "该机关的索引页 · the agency's index page"),
    ),
    pk=("agency", "role", "document_id"),
    sample_sql="SELECT agency, count(*) AS n FROM agencies WHERE role = 'mention' GROUP BY agency ORDER BY n DESC",
)

TOPICS = Table(
    "topics",
    "主题分类与文件。Topic of each document (21 classes).",
    _cols(
        ("topic", "string", "主题分类 · topic"),
        ("document_id", "string", "documents.id"),
        ("url", "string", "该主题的索引页 · the topic's index page"),
    ),
    pk=("topic", "document_id"),
    sample_sql="SELECT topic, count(*) AS n FROM topics GROUP BY topic ORDER BY n DESC",
)

RELATIONS = Table(
    "relations",
    "引用与废止：source 引用（cites）或废止（ends）发文字号 doc_number；target 为档案中的该文件（不在档案中则为空）。"
    "被引（cited-by）即反向查询，见视图 cited_by。",
    _cols(
        ("source", "string", "引用方 documents.id · citing document"),
        ("relation", "string", "cites（引用）或 ends（废止、停止执行）"),
        ("doc_number", "string", "被引发文字号（规范化）· the document number cited"),
        ("target", "string", "被引文件 documents.id（不在档案中为空）· cited document when archived"),
        ("title", "string", "引文中给出的标题 · cited title as the citing text gives it"),
        ("line", "integer", "来源文件行号 · source line"),
    ),
    sample_sql="SELECT r.doc_number, d.title FROM relations r JOIN documents d ON d.id = r.source WHERE r.relation = 'ends'",
)

REMOVALS = Table(
    "removals",
    "清理时移除或移动的每一段文字及其来源行（与 removals.json 同一内容）。Every span cleaning removed or moved.",
    _cols(
        ("seq", "integer", "顺序号 · order in the removal log"),
        ("source", "string", "来源文件 · source file"),
        ("line", "integer", "来源行号 · source line"),
        ("reason", "string", "原因，如 page-header · reason"),
        ("text", "string", "被移除的文字 · the text removed"),
        ("document", "string", "所在文件 documents.id · document it was in"),
        ("replacement", "string", "替代文字 · what stands in its place"),
    ),
    pk="seq",
    sample_sql="SELECT reason, count(*) AS n FROM removals GROUP BY reason ORDER BY n DESC",
)

CONFIDENCES = Table(
    "confidences",
    "推断字段的信心值（0–1，两位小数）：报纸文章的标题、引题、署名、分篇边界等由规则推断，低于阈值者列入 documents.uncertain。"
    "Confidence of each inferred field of a document.",
    _cols(
        ("document_id", "string", "documents.id"),
        ("field", "string", "推断的字段，如 title、kicker、byline、boundary · the inferred field"),
        ("confidence", "number", "信心值 0–1 · confidence"),
        ("uncertain", "boolean", "低于阈值，页面上有提示 · below the threshold: flagged on the page"),
    ),
    pk=("document_id", "field"),
    sample_sql="SELECT c.document_id, d.title, c.field, c.confidence FROM confidences c JOIN documents d ON d.id = c.document_id "
               "WHERE c.uncertain ORDER BY c.confidence",
)

TABLES: tuple[Table, ...] = (DOCUMENTS, TEXTS, ISSUES, PAGES, AGENCIES, TOPICS, RELATIONS, REMOVALS, CONFIDENCES)

#: The full-text table (FTS5, trigram tokenizer) over texts.title and texts.text.
FTS_TABLE = "texts_fts"
FTS_SAMPLE_SQL = (
    "SELECT t.document_id, t.title FROM texts_fts JOIN texts t ON t.rowid = texts_fts.rowid "
    "WHERE texts_fts MATCH '\"产教融合\"' ORDER BY rank"
)
#: Reverse of relations: who cites (or ends) a document of the archive.
CITED_BY_VIEW = (
    "CREATE VIEW cited_by AS SELECT target AS document_id, source AS cited_by, relation, doc_number "
    "FROM relations WHERE target IS NOT NULL"
)
