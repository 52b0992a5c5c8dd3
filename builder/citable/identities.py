"""What each URL of a build stands for (its identity key), and putting registered URLs in place.

Keys are built from the manifest and the printed numbers only, never from pypinyin or a
title: ``lzgb|2024|10`` (an issue), ``lzgb|2024|10|柳政办〔2022〕59号`` (a document),
``lzrb|2024-04-03|p01`` (a newspaper page), ``lzrb|2024-04-03|p01|03`` (an article).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from ..model import Diagnostic, Document, NewspaperPage, Source, SourceResult
from .registry import Identity, Move


def page_key(source: Source, page: NewspaperPage) -> str:
    """A newspaper page: its date, then the printed page, else the manifest id, else the file.

    >>> from builder.model import Publication
    >>> pub = Publication("lzrb", "柳州日报", "newspaper")
    >>> page_key(Source(Path("a.txt"), pub, "", "utf-8"), NewspaperPage("lzrb/2024-04-03/01", "lzrb", "a.txt", "2024-04-03", page=1))
    'lzrb|2024-04-03|p01'
    >>> page_key(Source(Path("003_x.txt"), pub, "", "utf-8"), NewspaperPage("lzrb/2024/003_x", "lzrb", "003_x.txt", "2024"))
    'lzrb|2024|file:003_x.txt'
    """
    number = page.page or source.page
    where = f"p{number:02d}" if number else f"id:{source.id}" if source.id else f"file:{source.file}"
    return f"{source.publication.slug}|{page.date or 'undated'}|{where}"


def result_identities(source: Source, result: SourceResult, corpus: Path, page_of: dict[str, str]) -> list[Identity]:
    """Every URL one source publishes, with its key and the line it comes from.

    ``page_of``: the key of the page each article is printed on, over the whole corpus (an
    article file may add to a page another source holds)."""
    path = str(corpus / source.file)
    out: list[Identity] = []
    if result.issue:
        issue = result.issue
        base = f"{source.publication.slug}|{issue.year}|{issue.number}"
        out.append(Identity(base, f"/{issue.id}/", path, 1))
        seen: set[str] = set()
        for doc in result.documents:
            key = f"{base}|{doc.doc_number.normalized}" if doc.doc_number else ""
            if not key or (key in seen and not doc.split_from):  # two documents with one number: the later by its place
                key = f"{base}|item-{doc.position:02d}"
            seen.add(key)
            out.append(Identity(key + part_suffix(doc), f"/{doc.id}/", path, doc.line_start))
        return out
    out.extend(Identity(page_key(source, page), f"/{page.id}/", str(corpus / "corpus.yml"), source.manifest_line)
               for page in result.all_pages)
    for doc in result.documents:
        base = page_of.get(doc.id, f"{source.file}")
        out.append(Identity(f"{base}|{doc.position:02d}{part_suffix(doc)}", f"/{doc.id}/", path, doc.line_start))
    return out


def part_suffix(doc: Document) -> str:
    """A part a corrections.yml split cut off keeps its article's key with ``|part-2``: no
    other article's key (its position) moves, and the new URL is an addition to the lock."""
    return "|part-2" if doc.split_from else ""


def merge_moves(results: Sequence[SourceResult], date: str = "") -> tuple[Move, ...]:
    """A move for every article a corrections.yml merge joined into another (old URL → the
    article it is now part of), so the registry redirects it instead of calling it dropped."""
    return tuple(Move(f"/{old}/", f"/{d.id}/", date, "merged by corrections.yml")
                 for r in results for d in r.documents for old in d.merged)


def corpus_identities(sources: Sequence[Source], results: Sequence[SourceResult], corpus: Path) -> list[list[Identity]]:
    page_of = {doc: page_key(s, page) for s, r in zip(sources, results, strict=True) for page in r.all_pages for doc in page.documents}
    return [result_identities(s, r, corpus, page_of) for s, r in zip(sources, results, strict=True)]


def with_urls(result: SourceResult, ids: dict[str, str]) -> SourceResult:
    """The same result with every id replaced by the one its URL registry entry gives
    (``ids``: derived id → registered id, over the whole corpus)."""
    def new(x: str) -> str:
        return ids.get(x, x) if x else x

    documents = tuple(replace(d, id=new(d.id), split_from=new(d.split_from) if d.split_from else d.split_from) for d in result.documents)
    issue = None
    if result.issue:
        issue = replace(result.issue, id=new(result.issue.id), documents=tuple(map(new, result.issue.documents)),
                        toc=tuple(replace(t, document=new(t.document) if t.document else t.document) for t in result.issue.toc))
    pages = [replace(p, id=new(p.id), documents=tuple(map(new, p.documents))) for p in result.all_pages]
    removals = tuple(replace(r, document=new(r.document) if r.document else r.document) for r in result.removals)
    return replace(result, documents=documents, issue=issue, page=pages[0] if result.page else None,
                   pages=tuple(pages[1:] if result.page else pages), removals=removals)


def identity_warnings(sources: Sequence[Source], results: Sequence[SourceResult], corpus: Path) -> list[Diagnostic]:
    """A newspaper page with neither ``page`` nor ``id`` in the manifest is named by its
    file: its URL changes if the file is renamed (the README promises this warning)."""
    return [
        Diagnostic("warning", "page-identity",
                   f"{s.file} has neither page nor id in the manifest: its URL falls back to the file name; "
                   "give the printed page (page: 1) or a stable id", str(corpus / "corpus.yml"), s.manifest_line)
        for s, r in zip(sources, results, strict=True)
        if any(not p.page for p in r.all_pages) and not s.page and not s.id
    ]
