"""Which reader reads a newspaper source: chosen by what the text looks like, or named by the
manifest's ``format:``. ``check`` reports the choice (an info diagnostic) for every source.
"""

from __future__ import annotations

from collections.abc import Callable

from ...model import Diagnostic, Line, Source, SourceResult
from .front_matter import front_matter_end
from .items import has_source_lines

#: Reader names the manifest's ``format:`` accepts, with what each is for.
FORMATS: dict[str, str] = {
    "text": "PDF text of a page, column-wrapped or one paragraph per line",
    "markdown": "Markdown from a PDF converter",
    "front-matter": "one article per file, Markdown with YAML front matter",
    "source-lines": "PDF text printing each article's source line 《…》（… 第 N 版）: one page or a whole day",
}


def detect_format(lines: tuple[Line, ...]) -> tuple[str, str]:
    """The reader for a text, and the evidence for it.

    >>> detect_format((Line(1, "---"), Line(2, "title: 讨论"), Line(3, "---")))[0]
    'front-matter'
    >>> detect_format((Line(1, "标题"), Line(2, "《清江日报》（2025年4月3日 第 2 版）")))[0]
    'source-lines'
    >>> detect_format((Line(1, "# 标题"), Line(2, "正文。")))[0], detect_format((Line(1, "正文。"),))[0]
    ('markdown', 'text')
    """
    if front_matter_end(lines) is not None:
        return "front-matter", "the file opens with a YAML front matter"
    if has_source_lines(lines):
        return "source-lines", "its articles carry source lines 《…》（… 第 N 版）"
    if any(l.text.startswith(("#", "|")) for l in lines):
        return "markdown", "Markdown heading or table marks"
    return "text", "plain text"


#: A reader turns one source's lines into its result.
Reader = Callable[[Source, tuple[Line, ...]], SourceResult]


def choose(source: Source, lines: tuple[Line, ...], readers: dict[str, Reader]) -> SourceResult:
    """Read the source with the reader the manifest names or the text calls for; say which."""
    if source.format:
        name, why = source.format, "named by the manifest's format:"
    else:
        name, why = detect_format(lines)
        why = f"chosen by content: {why}"
    result = readers[name](source, lines)
    note = Diagnostic("info", "reader", f"read as {name} ({FORMATS[name]}); {why}", str(source.path), source.manifest_line)
    return SourceResult(source=result.source, documents=result.documents, issue=result.issue, page=result.page, pages=result.pages,
                        removals=result.removals, diagnostics=(note, *result.diagnostics))
