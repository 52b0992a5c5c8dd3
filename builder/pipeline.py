"""The build's phases: gather everything first (read → normalize → segment → extract → index),
then the caller renders and writes. Pure apart from ``sources`` reading the corpus."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from .audit import conservation_problems
from .corrections import apply_corrections
from .index import build_index
from .kinds import kind_of
from .kinds.shared_pages import merge_shared_pages
from .model import Archive, DanganError, Diagnostic, Source, SourceResult
from .normalize import normalize_source_logged
from .settings import Settings, load_settings
from .sources import read_corpus
from .sources.corrections import read_corrections


def parse_source(source: Source) -> SourceResult:
    """Normalize, segment and extract one source, by the kind of its publication."""
    lines, removed = normalize_source_logged(source)  # control characters, logged
    result = kind_of(source.publication.kind).parse(source, lines)
    return replace(result, removals=removed + result.removals) if removed else result


def check_unique_ids(records: Iterable[tuple[str, str, int]], corpus: Path) -> list[Diagnostic]:
    """Two records (id, source file, line) that would get one URL are an error naming both sources."""
    seen: dict[str, tuple[str, str, int]] = {}
    problems = []
    for record in records:
        id, source, line = record
        other = seen.setdefault(id, record)
        if other is not record:
            problems.append(Diagnostic(
                "error", "duplicate-url",
                f"{source}:{line} and {other[1]}:{other[2]} would both be /{id}/",
                str(corpus / source), line,
            ))
    return problems


AssignUrls = Callable[[Sequence[Source], list[SourceResult]], tuple[list[SourceResult], list[Diagnostic]]]


def gather(corpus: Path, progress: Callable[[Iterable, str, int], Iterable] | None = None,
           assign_urls: AssignUrls | None = None, *, settings: Settings | None = None) -> Archive:
    """Read and parse a whole corpus into an :class:`Archive`; raise DanganError on errors.

    ``settings``: the archive's own data (default: :func:`load_settings` of ``corpus``).
    ``assign_urls`` (the URL registry, ``citable.urls.UrlLock``) may replace the derived ids
    with the URLs already published, before ids are checked and indexed."""
    corpus = Path(corpus)
    settings = settings or load_settings(corpus)
    publications, sources = read_corpus(corpus)
    step = progress or (lambda it, label, total: it)
    parsed = [parse_source(s) for s in step(sources, "parse", len(sources))]
    # nothing lost: every source gives a document, and every Han character of it reaches a
    # page or the removal log; otherwise the build stops naming the file and line
    lost = [p for s, r in zip(sources, parsed, strict=True) for p in conservation_problems(s, r)]
    if lost:
        raise DanganError(lost)
    results = merge_shared_pages(parsed)
    url_problems: list[Diagnostic] = []
    if assign_urls:
        results, url_problems = assign_urls(sources, results)
    documents = list(apply_corrections([d for r in results for d in r.documents], read_corrections(corpus), [s.file for s in sources]))
    diagnostics = [d for r in results for d in r.diagnostics] + [d for d in url_problems if d.level != "error"]
    ids = check_unique_ids([(d.id, d.source, d.line_start) for d in documents], corpus)
    ids += check_unique_ids([(x.id, x.source, 1) for r in results for x in (r.issue, *r.all_pages) if x], corpus)
    ids += [d for d in url_problems if d.level == "error"]
    if ids:
        raise DanganError(ids)
    archive = Archive(
        corpus=corpus,
        publications=publications,
        documents=tuple(documents),
        issues=tuple(sorted((r.issue for r in results if r.issue), key=lambda i: (i.publication, i.year, i.number))),
        pages=tuple(sorted((p for r in results for p in r.all_pages), key=lambda p: (p.publication, p.date or "", p.page or 0, p.id))),
        removals=tuple(x for r in results for x in r.removals),
        diagnostics=tuple(diagnostics),
        sources=tuple(s.file for s in sources),
    )
    return build_index(archive, settings)
