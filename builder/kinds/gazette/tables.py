"""Tab-separated table lines → table blocks with a consistent column count.

The converter writes one row per line, cells separated by tabs; some rows lost a tab to a
space (``商贸服务型 在建``, ``24 对全面推行…``), some have trailing or leading empty cells,
headers may take two rows, and a caption may be the first row. Rows are repaired only on
evidence; a row that cannot be placed with confidence keeps every cell and is reported.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ...model import Block, Diagnostic, Line

#: Column label → values seen under it in the document's tables (evidence for splitting cells).
Vocabulary = dict[str, frozenset[str]]


@dataclass(frozen=True)
class RawTable:
    """Rows of one table as printed, before repair."""

    caption: str
    caption_line: int
    rows: tuple[tuple[str, ...], ...]
    lines: tuple[int, ...]


def split_cells(text: str) -> tuple[str, ...]:
    r"""The cells of a tab-separated line, each without surrounding blanks.

    >>> split_cells("序号\t项目名称\t\t")
    ('序号', '项目名称', '', '')
    """
    return tuple(c.strip() for c in text.split("\t"))


def is_integer_cell(cell: str) -> bool:
    """A serial number cell.

    >>> is_integer_cell("12"), is_integer_cell("12.5"), is_integer_cell("")
    (True, False, False)
    """
    return bool(re.fullmatch(r"\d{1,4}", cell))


def is_caption_text(text: str) -> bool:
    """A table caption: ``表 1-1 …``, ``表2 …`` or a short name ending in 表/单/明细/目录.

    >>> is_caption_text("表 4-1 九大产业集群分布图"), is_caption_text("“十四五”柳南区重点物流项目表")
    (True, True)
    >>> is_caption_text("序号"), is_caption_text("各单位要按表填报。")
    (False, False)
    """
    t = text.strip()
    if re.match(r"^表\s*\d+(?:\s*[-－—.]\s*\d+)?(?!\d)", t):
        return True
    return 4 <= len(t) <= 50 and not re.search(r"[，。；：]", t) and bool(re.search(r"(表|单|明细|目录)(（[^）]*）)?$", t))


def caption_row(row: tuple[str, ...]) -> str | None:
    """The caption when a row is a caption printed inside the table (one cell, then empties).

    >>> caption_row(("“十四五”柳南区重点物流项目表", "", "", ""))
    '“十四五”柳南区重点物流项目表'
    >>> caption_row(("一、本地项目", "", "")) is None
    True
    """
    filled = [c for c in row if c]
    if len(filled) == 1 and row[0] and len(row) > 1 and is_caption_text(row[0]):
        return row[0]
    return None


def header_like(cell: str) -> bool:
    """A cell that can be a column label: short, not a number, not a sentence.

    >>> header_like("建设性质"), header_like("2025年"), header_like("12"), header_like("项目位于柳工大道东侧。")
    (True, True, False, False)
    """
    return 0 < len(cell) <= 30 and not re.fullmatch(r"[\d.,%\s—\-]+", cell) and "。" not in cell


#: Words that column labels are made of; a header row has at least one of them.
_LABEL = re.compile(
    r"序号|编号|名称|项目|内容|单位|时间|时限|日期|备注|类型|类别|指标|规模|性质|地点|地址|金额|投资|数量|合计|情况|职务|姓名"
    r"|分布|领域|属性|年份|现状|措施|任务|事项|责任|标准|面积|产能|概况|简介|建议|诉求|国别|^\d{4}年$"
)


def is_label_row(row: tuple[str, ...]) -> bool:
    """A row of column labels: short non-numeric cells, one of them a typical label word.

    >>> is_label_row(("序号", "项目名称", "类型")), is_label_row(("组 长：", "崔 峻", "市委常委，常务副市长"))
    (True, False)
    """
    filled = [c for c in row if c]
    return bool(filled) and all(header_like(c) and not c.endswith(("：", ":")) for c in filled) \
        and not is_integer_cell(filled[0]) and any(_LABEL.search(c) for c in filled)


def count_header_rows(rows: tuple[tuple[str, ...], ...]) -> int:
    """0, 1 or 2: how many leading rows are column labels.

    A second header row starts with an empty cell (the cells above span two rows).

    >>> count_header_rows((("序号", "名称", "规模"), ("", "", "用地面积"), ("1", "园区", "50亩")))
    2
    >>> count_header_rows((("组 长：", "崔 峻", "常务副市长"), ("", "卢柳屏", "副市长")))
    0
    >>> count_header_rows((("企业全称", "", ""), ("行业领域", "", "")))
    0
    """
    if not rows or len([c for c in rows[0] if c]) < 2 or not is_label_row(rows[0]):
        return 0
    if len(rows) > 2 and rows[1] and not rows[1][0] and is_label_row(rows[1]):
        return 2
    return 1


def group_tables(lines: tuple[Line, ...]) -> tuple[RawTable, ...]:
    """Split a run of table lines into tables at caption rows and repeated header rows."""
    tables: list[RawTable] = []
    rows: list[tuple[str, ...]]
    nos: list[int]
    caption, caption_no, rows, nos = "", 0, [], []

    def flush() -> None:
        if rows:
            tables.append(RawTable(caption, caption_no, tuple(rows), tuple(nos)))

    for line in lines:
        row = split_cells(line.text)
        cap = caption_row(row)
        if cap is not None:
            flush()
            caption, caption_no, rows, nos = cap, line.no, [], []
            continue
        if len(rows) > 1 and row == rows[0] and is_label_row(row):
            flush()
            caption, caption_no, rows, nos = "", 0, [], []
        rows.append(row)
        nos.append(line.no)
    flush()
    return tuple(tables)


def column_labels(table: RawTable) -> tuple[str, ...]:
    """The label of each column (from the first header row), for the document vocabulary."""
    return table.rows[0] if count_header_rows(table.rows) else ()


def build_vocabulary(tables: tuple[RawTable, ...]) -> Vocabulary:
    """Values seen under each column label across the tables of one document.

    >>> t = RawTable("", 0, (("类型", "性质"), ("商贸服务型", "在建")), (1, 2))
    >>> sorted(build_vocabulary((t,))["类型"])
    ['商贸服务型']
    """
    seen: dict[str, set[str]] = {}
    for table in tables:
        labels = column_labels(table)
        for row in table.rows[1:]:
            for label, cell in zip(labels, row, strict=False):
                if label and cell:
                    seen.setdefault(label, set()).add(cell)
    return {k: frozenset(v) for k, v in seen.items()}


def trim_empty_ends(row: tuple[str, ...], width: int) -> tuple[str, ...]:
    """Drop empty cells at the end, then at the start, while the row is wider than ``width``.

    >>> trim_empty_ends(("", "", "用地面积", "内容"), 3)
    ('', '用地面积', '内容')
    >>> trim_empty_ends(("1", "柳州", ""), 2)
    ('1', '柳州')
    """
    cells = list(row)
    while len(cells) > width and cells and not cells[-1]:
        cells.pop()
    while len(cells) > width and cells and not cells[0]:
        cells.pop(0)
    return tuple(cells)


def split_serial(row: tuple[str, ...]) -> tuple[str, ...] | None:
    """``24 对全面推行…`` in the first cell: the serial number lost its tab to a space.

    >>> split_serial(("24 对全面推行林长制", "自治区林业局"))
    ('24', '对全面推行林长制', '自治区林业局')
    """
    m = re.fullmatch(r"(\d{1,4})\s+(\S.*)", row[0]) if row else None
    return (m[1], m[2], *row[1:]) if m else None


def split_by_vocabulary(row: tuple[str, ...], labels: tuple[str, ...], vocab: Vocabulary, rates: list[float]) -> tuple[str, ...] | None:
    """Split ``商贸服务型 在建`` when the left part is a value known under that column and the
    next column is one that is usually filled (else the space separates names in one cell).

    >>> labels = ("序号", "名称", "类型", "性质", "规模")
    >>> split_by_vocabulary(("5", "园区", "商贸服务型 在建", "210 亩"), labels, {"类型": frozenset({"商贸服务型"})}, [1.0] * 5)
    ('5', '园区', '商贸服务型', '在建', '210 亩')
    >>> split_by_vocabulary(("1", "内容", "市发展改革委 市生态环境局"), ("序号", "内容", "单位", "备注"),
    ...                     {"单位": frozenset({"市发展改革委"})}, [1.0, 1.0, 1.0, 0.0]) is None
    True
    """
    for j, cell in enumerate(row):
        label = labels[j] if j < len(labels) else ""
        m = re.fullmatch(r"(\S+)\s+(\S{1,6})", cell)
        if m and m[1] in vocab.get(label, ()) and j + 1 < len(rates) and rates[j + 1] >= 0.5:
            return (*row[:j], m[1], m[2], *row[j + 1 :])
    return None


def fill_rates(rows: list[tuple[str, ...]], width: int) -> list[float]:
    """How often each column is filled among the complete rows.

    >>> fill_rates([("a", "", "b"), ("c", "", "")], 3)
    [1.0, 0.0, 0.5]
    """
    full = [r for r in rows if len(r) == width] or [()]
    return [sum(1 for r in full if j < len(r) and r[j]) / len(full) for j in range(width)]


def place_short_row(row: tuple[str, ...], width: int, rates: list[float]) -> tuple[tuple[str, ...], bool]:
    """Pad a short row to ``width``; return it and whether the placement is confident.

    Empty cells go at the end, or at the start when the first columns are mostly empty
    elsewhere (a label column, as in a list of names under 组长/成员).

    >>> place_short_row(("张建武", "市财政局副局长"), 3, [0.2, 1.0, 1.0])
    (('', '张建武', '市财政局副局长'), True)
    >>> place_short_row(("1", "内容", "单位"), 4, [1.0, 1.0, 1.0, 0.0])
    (('1', '内容', '单位', ''), True)
    >>> place_short_row(("1", "内容"), 3, [1.0, 1.0, 0.9])
    (('1', '内容', ''), False)
    """
    gap = width - len(row)
    filled = [bool(c) for c in row]
    scores = []
    for lead in range(gap + 1):
        score = sum(rates[lead + j] for j, f in enumerate(filled) if f)
        scores.append((score, -lead))
    best_score, neg_lead = max(scores)
    lead = -neg_lead
    others = [s for s, nl in scores if nl != neg_lead]
    margin = best_score - max(others) if others else 1.0
    placed = ("",) * lead + row + ("",) * (gap - lead)
    left_out = [rates[j] for j, c in enumerate(placed) if not c]
    confident = margin >= 0.5 or all(r < 0.5 for r in left_out)
    return placed, confident


def repair_table(table: RawTable, vocab: Vocabulary, path: str) -> tuple[Block, tuple[Diagnostic, ...]]:
    """Make every row of a table the same width, on evidence; report what stays doubtful."""
    heads = count_header_rows(table.rows)
    labels = table.rows[0] if heads else ()
    data = table.rows[heads:]
    lengths = Counter(len(r) for r in data)
    width = max([len(r) for r in table.rows[:heads]] + ([lengths.most_common(1)[0][0]] if lengths else [1]))
    width = max(width, max((len([c for c in r if c]) for r in table.rows), default=1))
    serial_column = sum(1 for r in data if r and is_integer_cell(r[0])) >= max(1, len(data) // 2)
    rows = [trim_empty_ends(r, width) for r in table.rows]
    rates = fill_rates(rows[heads:], width)
    diagnostics = []
    out = []
    for i, (row, no) in enumerate(zip(rows, table.lines, strict=False)):
        if i >= heads and len(row) < width:
            row = (split_serial(row) if serial_column else None) or row
        if i >= heads and len(row) < width:
            row = split_by_vocabulary(row, labels, vocab, rates) or row
        if len(row) < width:
            row, confident = place_short_row(row, width, rates)
            if not confident:
                diagnostics.append(Diagnostic(
                    "warning", "table-row-short",
                    f"table row has fewer cells than the table's {width} columns; cells kept, empty cells added at the end",
                    path, no))
        out.append(row)
    widest = max(len(r) for r in out)
    if widest > width:
        for r, no in zip(out, table.lines, strict=False):
            if len(r) > width:
                diagnostics.append(Diagnostic(
                    "warning", "table-row-long",
                    f"table row has {len(r)} cells, more than the table's {width} columns; the table was widened",
                    path, no))
        out = [r + ("",) * (widest - len(r)) for r in out]
    block = Block("table", text=table.caption, rows=tuple(out), header_rows=heads, line=table.caption_line or table.lines[0])
    return block, tuple(diagnostics)
