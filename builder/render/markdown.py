"""Body blocks → Markdown. Plain CommonMark plus pipe tables; nothing MkDocs-specific.

Every string from the sources or the manifest enters a page through ``escape`` (Markdown
context), ``escape_html`` (inside raw HTML) or ``code_span``, once."""

from __future__ import annotations

import re

import yaml

from ..model import Block

# What Python-Markdown and CommonMark both honour as a backslash escape; `{`/`}` so that
# attribute-list syntax (`{: onfocus=…}`) in source text stays text.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}|])")
# `<`, `>` and `&` become entities, not backslash escapes: Python-Markdown shows `\<` as
# printed, and an entity in the source (`&lt;`) must show as printed, not decoded.
_HTML_SPECIAL = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_HTML_ATTRIBUTE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})
_LINE_MARKER = re.compile(r"^(\s*)([#+-]|\d+\.)(\s)", re.MULTILINE)
_SETEXT_UNDERLINE = re.compile(r"^(\s*)([=-])(?=[=-]*\s*$)", re.MULTILINE)


def escape(text: str) -> str:
    r"""Source text as Markdown that shows exactly its characters: no markup, no HTML, no
    attribute list, entities shown as printed. The one escape for text entering a page.

    >>> escape("a*b [1] <i> {: onfocus=x}")
    'a\\*b \\[1\\] &lt;i&gt; \\{: onfocus=x\\}'
    >>> escape("<6.8 &lt; 柳州")
    '&lt;6.8 &amp;lt; 柳州'
    >>> escape("# 一") , escape("1. 二"), escape("---"), escape("第1.5条")
    ('\\# 一', '1\\. 二', '\\---', '第1.5条')
    """
    text = _MD_SPECIAL.sub(r"\\\1", text).translate(_HTML_SPECIAL)
    # a line starting like a list or heading marker (or a setext underline) must stay text
    text = _LINE_MARKER.sub(lambda m: f"{m[1]}\\{m[2]}{m[3]}" if not m[2][0].isdigit() else f"{m[1]}{m[2][:-1]}\\.{m[3]}", text)
    return _SETEXT_UNDERLINE.sub(r"\1\\\2", text)


_ISO_DATE = re.compile(r"(?<![\d-])\d{4}-\d{2}(?:-\d{2})?(?![\d-])")


def escape_dated(text: str) -> str:
    """:func:`escape`, with each ISO date in the text marked up as a ``<time>``: one word for
    reference managers and for line breaking (a phone would wrap ``2024-06-`` / ``12``).

    >>> escape_dated("临建〔2024〕7号 · 2024-11-22 至 2025-06")
    '临建〔2024〕7号 · <time datetime="2024-11-22">2024-11-22</time> 至 <time datetime="2025-06">2025-06</time>'
    >>> escape_dated("<b>2024-1-2</b> 12024-11-22")  # only whole ISO dates; the rest escaped as ever
    '&lt;b&gt;2024-1-2&lt;/b&gt; 12024-11-22'
    """
    return _ISO_DATE.sub(lambda m: f'<time datetime="{m[0]}">{m[0]}</time>', escape(text))


def escape_html(text: str) -> str:
    """Source text inside a raw HTML block or attribute, where Markdown is not read.

    >>> escape_html('<img src=x onerror="alert(1)"> *a* &lt;')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt; *a* &amp;lt;'
    """
    return text.translate(_HTML_ATTRIBUTE)


def code_span(text: str) -> str:
    """A code span that no backtick in ``text`` can close early.

    >>> code_span("a.txt"), code_span("a`<b>`.txt")
    ('`a.txt`', '`` a`<b>`.txt ``')
    """
    run = max((len(m) for m in re.findall(r"`+", text)), default=0)
    if not run:
        return f"`{text}`"
    fence = "`" * (run + 1)
    return f"{fence} {text} {fence}"


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
        header = [" ".join(c for c in col if c).strip() for col in zip(*rows[:heads], strict=False)]
        body = rows[heads:]
    def cell(c: str) -> str:
        return escape(c.replace("\n", " ")).strip()

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


# libyaml's emitter (ten times faster than PyYAML's own: front matter was half of rendering)
# writes the same text, except that it escapes characters beyond U+FFFF (CJK Extension B
# names among them) and NEL; text holding those keeps the pure-Python emitter, so that the
# content's bytes never depend on whether libyaml is installed.
_LIBYAML_DIFFERS = re.compile("[\x85\U00010000-\U0010FFFF]")


def yaml_text(data: object) -> str:
    """YAML of plain data (front matter, records): block style, keys in their order, every
    character as itself.

    >>> data = {"title": "关于𠀀的通知", "tags": ["a: b", "柳州"]}
    >>> yaml_text(data) == yaml.safe_dump(data, allow_unicode=True, sort_keys=False), yaml_text({"t": "柳州"}).strip()
    (True, 't: 柳州')
    """
    dumper = yaml.CSafeDumper if getattr(yaml, "__with_libyaml__", False) and libyaml_writes_it(data) else yaml.SafeDumper
    return yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=1000)


def libyaml_writes_it(value: object) -> bool:
    """Whether libyaml's emitter writes this value as PyYAML's does (no string in it holds a
    character it escapes and PyYAML does not).

    >>> libyaml_writes_it({"t": ["柳州", 1]}), libyaml_writes_it({"t": ["𠀀"]}), libyaml_writes_it({"\x85": 1})
    (True, False, False)
    """
    if isinstance(value, str):
        return not _LIBYAML_DIFFERS.search(value)
    if isinstance(value, dict):
        return all(libyaml_writes_it(k) and libyaml_writes_it(v) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return all(libyaml_writes_it(v) for v in value)
    return True
