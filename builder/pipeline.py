"""The build's phases: gather everything first (read → normalize → segment → extract → index),
then the caller renders and writes. Pure apart from ``sources`` reading the corpus."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from .extract.gazette import extract_gazette
from .extract.newspaper import extract_newspaper
from .index import build_index
from .model import Archive, DanganError, Diagnostic, Document, Source, SourceResult
from .normalize import normalize_source_logged
from .segment.gazette import segment_gazette
from .segment.newspaper import segment_newspaper
from .sources import read_corpus


def parse_source(source: Source) -> SourceResult:
    """Normalize, segment and extract one source, by the kind of its publication."""
    lines, removed = normalize_source_logged(source)
    if source.publication.kind == "gazette":
        result = extract_gazette(source, segment_gazette(source, lines))
    else:
        result = extract_newspaper(source, segment_newspaper(source, lines))
    return replace(result, removals=removed + result.removals) if removed else result


def check_unique_ids(documents: Iterable[Document], corpus: Path) -> list[Diagnostic]:
    """Two documents that would get one URL are an error naming both sources."""
    seen: dict[str, Document] = {}
    problems = []
    for doc in documents:
        other = seen.setdefault(doc.id, doc)
        if other is not doc:
            problems.append(Diagnostic(
                "error", "duplicate-url",
                f"{doc.source}:{doc.line_start} and {other.source}:{other.line_start} would both be /{doc.id}/",
                str(corpus / doc.source), doc.line_start,
            ))
    return problems


def gather(corpus: Path, progress: Callable[[Iterable, str, int], Iterable] | None = None) -> Archive:
    """Read and parse a whole corpus into an :class:`Archive`; raise DanganError on errors."""
    corpus = Path(corpus)
    publications, sources = read_corpus(corpus)
    step = progress or (lambda it, label, total: it)
    results = [parse_source(s) for s in step(sources, "parse", len(sources))]
    documents = [d for r in results for d in r.documents]
    diagnostics = [d for r in results for d in r.diagnostics]
    ids = check_unique_ids(documents, corpus)
    ids += check_unique_ids(
        [Document(id=x.id, kind="gazette_document", publication=x.publication, source=x.source, title="", line_start=1, line_end=1)
         for r in results for x in (r.issue, r.page) if x], corpus)
    if ids:
        raise DanganError(ids)
    archive = Archive(
        corpus=corpus,
        publications=publications,
        documents=tuple(documents),
        issues=tuple(sorted((r.issue for r in results if r.issue), key=lambda i: (i.publication, i.year, i.number))),
        pages=tuple(sorted((r.page for r in results if r.page), key=lambda p: (p.publication, p.date or "", p.page or 0, p.id))),
        removals=tuple(x for r in results for x in r.removals),
        diagnostics=tuple(diagnostics),
        sources=tuple(s.file for s in sources),
    )
    return build_index(archive)
