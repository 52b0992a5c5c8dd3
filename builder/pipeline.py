"""The build's phases: gather everything first (read → normalize → segment → extract → index),
then the caller renders and writes. Pure apart from ``sources`` reading the corpus and the
optional build cache (``cache``) keeping parsed sources between builds."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import ClassVar

from .audit import conservation_problems
from .cache import BuildCache, parse_key
from .corrections import apply_corrections, apply_structure
from .index import build_index, related_state
from .index.enrich import keyword_text, topic_text_key
from .index.topics import Keywords, TopicRules
from .kinds import kind_of
from .kinds.shared_pages import merge_shared_pages
from .model import Archive, DanganError, Diagnostic, Document, Publication, Source, SourceResult
from .normalize import normalize_source_logged
from .parallel import FEW, Executor, InProcess
from .settings import Settings, load_settings
from .sources import read_corpus
from .sources.corrections import read_corrections


def parse_source(source: Source) -> SourceResult:
    """Normalize, segment and extract one source, by the kind of its publication."""
    lines, removed = normalize_source_logged(source)  # control characters, logged
    result = kind_of(source.publication.kind).parse(source, lines)
    return replace(result, removals=removed + result.removals) if removed else result


@dataclass(frozen=True)
class Parsed:
    """One source parsed, with the free keywords of its documents by the text they were read
    from and their topic classes by :func:`~builder.index.enrich.topic_text_key` (the index
    takes them when a document's text is still that text)."""

    result: SourceResult
    keywords: tuple[tuple[str, tuple[str, ...]], ...] = ()
    lost: tuple[Diagnostic, ...] = ()  # the conservation check of this source (audit)
    topics: tuple[tuple[bytes, tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class ParseTask:
    """The per-source work, with the settings it reads passed in: picklable, so that it runs
    the same in this process, in a process pool or on a Dask worker. Free keywords (jieba's
    TF-IDF, the costliest step of the index) and topic classes are per document, so they are
    computed here too (and kept in the build cache with the parse)."""

    keywords: Keywords
    topics: TopicRules | None = None
    NEEDS_PREPARE: ClassVar[bool] = True  # a pool forked for it loads the dictionary first (parallel.executor's prepare)

    @classmethod
    def of(cls, settings: Settings) -> ParseTask:
        return cls(settings.keywords, settings.topics)

    def __call__(self, source: Source) -> Parsed:
        result = parse_source(source)
        texts = [keyword_text(d) for d in result.documents if not d.keywords]
        topics = self.topics
        classes = {topic_text_key(d): topics.assign(d.title, d.body_text()) for d in result.documents if not d.topics} if topics else {}
        return Parsed(result, tuple((t, self.keywords.of(t)) for t in dict.fromkeys(texts)), tuple(conservation_problems(source, result)),
                      tuple(classes.items()))

    def load_dictionaries(self) -> None:
        """Load jieba's dictionary and IDF table now (see ``parallel.executor``'s ``prepare``)."""
        self.keywords.of("柳州市人民政府关于印发冷链物流发展方案的通知")

    def cache_key(self, source: Source) -> str:
        """The source's cache key (a stable order of the stopwords: a set's order changes
        between processes)."""
        return parse_key(source, (sorted(self.keywords.stopwords), self.topics))


def parse_all(sources: Sequence[Source], task: ParseTask, executor: Executor | None = None, cache: BuildCache | None = None) -> list[Parsed]:
    """Every source parsed, in manifest order: from the cache where its key is there, the rest
    on the executor (stored in the cache as they come back)."""
    keys = [task.cache_key(s) for s in sources] if cache else []
    found = [cache.parsed(k) for k in keys] if cache else [None] * len(sources)
    todo = [i for i, f in enumerate(found) if not isinstance(f, Parsed)]
    where = executor or InProcess()
    fresh = (where.map_few if len(todo) <= FEW else where.map)(task, [sources[i] for i in todo])
    for i, parsed in zip(todo, fresh, strict=True):
        found[i] = parsed
        if cache:
            cache.store(keys[i], parsed)
    if cache:
        cache.prune(set(keys))
    return [f for f in found if isinstance(f, Parsed)]  # every one by now: from the cache or just parsed


def with_text_facts(documents: Iterable[Document], parsed: Sequence[Parsed]) -> list[Document]:
    """Documents with the keywords and topic classes computed while parsing, where their text
    is unchanged (a correction of the title changes it: the index then reads the new text itself)."""
    known = {text: words for p in parsed for text, words in p.keywords}
    classes = {key: names for p in parsed for key, names in p.topics}
    out = []
    for d in documents:
        keywords = d.keywords or known.get(keyword_text(d), ())
        topics = d.topics or (classes.get(topic_text_key(d), ()) if classes else ())
        out.append(d if (keywords, topics) == (d.keywords, d.topics) else replace(d, keywords=keywords, topics=topics))
    return out


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


def checked_structure(before: Sequence[SourceResult], after: list[SourceResult], sources: Sequence[Source]) -> list[SourceResult]:
    """``after`` (the results with splits and merges applied), once the conservation check
    holds again on every result a correction changed."""
    by_file = {s.file: s for s in sources}
    lost = [p for old, new in zip(before, after, strict=True) if new is not old and new.source in by_file
            for p in conservation_problems(by_file[new.source], new)]
    if lost:
        raise DanganError(lost)
    return after


AssignUrls = Callable[[Sequence[Source], list[SourceResult]], tuple[list[SourceResult], list[Diagnostic]]]


def gather(corpus: Path, progress: Callable[[Iterable, str, int], Iterable] | None = None,
           assign_urls: AssignUrls | None = None, *, settings: Settings | None = None,
           executor: Executor | None = None, cache: BuildCache | None = None,
           read: tuple[tuple[Publication, ...], Sequence[Source]] | None = None) -> Archive:
    """Read and parse a whole corpus into an :class:`Archive`; raise DanganError on errors.

    ``settings``: the archive's own data (default: :func:`load_settings` of ``corpus``).
    ``assign_urls`` (the URL registry, ``citable.urls.UrlLock``) may replace the derived ids
    with the URLs already published, before ids are checked and indexed. ``executor``: where
    sources are parsed (default: in this process); ``cache``: parsed sources kept between
    builds; ``read``: the corpus as :func:`read_corpus` returned it, when the caller has it."""
    corpus = Path(corpus)
    settings = settings or load_settings(corpus)
    publications, sources = read or read_corpus(corpus)
    step = progress or (lambda it, label, total: it)
    if executor is None and cache is None:  # one at a time, so that a progress bar can follow
        parsed = [ParseTask.of(settings)(s) for s in step(sources, "parse", len(sources))]
    else:
        parsed = parse_all(sources, ParseTask.of(settings), executor, cache)
    # nothing lost: every source gives a document, and every Han character of it reaches a
    # page or the removal log; otherwise the build stops naming the file and line
    lost = [problem for p in parsed for problem in p.lost]
    if lost:
        raise DanganError(lost)
    results = merge_shared_pages([p.result for p in parsed])
    corrections = read_corrections(corpus)
    results = checked_structure(results, apply_structure(results, corrections, [s.file for s in sources]), sources)
    url_problems: list[Diagnostic] = []
    if assign_urls:
        results, url_problems = assign_urls(sources, results)
    documents = with_text_facts(apply_corrections([d for r in results for d in r.documents], corrections, [s.file for s in sources]), parsed)
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
    before = cache.related_state() if cache else None
    indexed = build_index(archive, settings, related_before=before if isinstance(before, dict) else None)
    if cache:
        cache.save_related_state(related_state(indexed.documents))
    return indexed
