"""Body blocks → Markdown. Plain CommonMark plus pipe tables; nothing MkDocs-specific."""

from __future__ import annotations

import re

from ..model import Block

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def escape(text: str) -> str:
    r"""Escape characters Markdown would read as markup (the text stays exactly as printed).

    >>> escape("a*b [1] <i>")
    'a\\*b \\[1\\] \\<i\\>'
    """
    text = _MD_SPECIAL.sub(r"\\\1", text)
    # a line starting like a list or heading marker must stay text
    return re.sub(r"^(\s*)([#>+-]|\d+\.)(\s)", lambda m: f"{m[1]}\\{m[2]}{m[3]}" if not m[2][0].isdigit() else f"{m[1]}{m[2][:-1]}\\.{m[3]}", text)


def table_to_markdown(block: Block) -> str:
    """A pipe table; every row padded to the widest row so no cell is dropped.

    >>> print(table_to_markdown(Block("table", rows=(("序号", "名称"), ("1", "柳州|港")), header_rows=1)))
    | 序号 | 名称 |
    | --- | --- |
    | 1 | 柳州\\|港 |
    """
    width = max((len(r) for r in block.rows), default=0)
    rows = [list(r) + [""] * (width - len(r)) for r in block.rows]
    if not rows:
        return ""
    heads = block.header_rows or 0
    if heads == 0:
        header = [""] * width
        body = rows
    else:
        # a two-row header is merged into one Markdown header row, cell by cell
        header = [" ".join(c for c in col if c).strip() for col in zip(*rows[:heads])]
        body = rows[heads:]
    cell = lambda c: escape(c.replace("\n", " ")).strip()
    out = ["| " + " | ".join(cell(c) for c in header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    out += ["| " + " | ".join(cell(c) for c in r) + " |" for r in body]
    return "\n".join(out)


def block_to_markdown(block: Block, base_level: int = 2) -> str:
    """One block. Headings start at ``base_level`` (the page title is the only ``#``)."""
    if block.kind == "heading":
        return "#" * min(6, base_level + max(block.level, 1) - 1) + " " + escape(block.text)
    if block.kind == "table":
        caption = f"**{escape(block.text)}**\n\n" if block.text else ""
        return caption + table_to_markdown(block)
    if block.kind == "caption":
        return f"*{escape(block.text)}*"
    if block.kind == "box":
        return f"**{escape(block.text)}**"
    if block.kind == "figure":
        # the figure itself was an image in the PDF; only its caption is in the text
        return f"*{escape(block.text)}*（图略）"
    if block.kind == "paragraph" and block.lead:
        return f"**{escape(block.lead)}**{escape(block.text)}"
    return escape(block.lead + block.text)


def blocks_to_markdown(blocks: tuple[Block, ...] | list[Block], base_level: int = 2) -> str:
    """A whole body, blocks separated by blank lines.

    >>> print(blocks_to_markdown([Block("heading", "一、总则", level=1), Block("paragraph", "正文。")]))
    ## 一、总则
    <BLANKLINE>
    正文。
    """
    return "\n\n".join(block_to_markdown(b, base_level) for b in blocks)
