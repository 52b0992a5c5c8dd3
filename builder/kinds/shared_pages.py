"""Printed pages that several sources contribute to (one article per file): one page record,
articles numbered in manifest order.

A page is named by publication, date and page number (``rmrb/2025-03-01/01``), so every file
holding an article of that page yields the same page id. Each reader numbers its own articles
from 1; here the articles of a shared page are numbered on in the order of the sources in the
manifest (and within a source, in its own order), which keeps ``/<pub>/<date>/<page>/<pos>/``
free of collisions and stable as long as the manifest's order is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..model import NewspaperPage, SourceResult
from .identity import article_id


def merge_shared_pages(results: Sequence[SourceResult]) -> list[SourceResult]:
    """Results with every page that more than one source holds merged into the first of them."""
    holders: dict[str, list[int]] = {}
    for i, r in enumerate(results):
        for page in r.all_pages:
            holders.setdefault(page.id, []).append(i)
    shared = {pid: idx for pid, idx in holders.items() if len(idx) > 1}
    if not shared:
        return list(results)
    renamed: list[dict[str, str]] = [{} for _ in results]
    merged: dict[str, NewspaperPage] = {}
    for pid, idx in shared.items():
        pages = [p for i in idx for p in results[i].all_pages if p.id == pid]
        documents: list[str] = []
        for i, page in zip(idx, pages, strict=False):
            for old in page.documents:
                new = article_id(pid, len(documents) + 1)
                renamed[i][old] = new
                documents.append(new)
        first = pages[0]
        merged[pid] = replace(first, documents=tuple(documents),
                              furniture=tuple(f for p in pages for f in p.furniture),
                              page_name=next((p.page_name for p in pages if p.page_name), None))
    out = []
    for i, r in enumerate(results):
        names = renamed[i]
        docs = tuple(replace(d, id=names[d.id], position=int(names[d.id].rsplit("/", 1)[1])) if d.id in names else d for d in r.documents)
        removals = tuple(replace(x, document=names.get(x.document, x.document)) if x.document else x for x in r.removals)
        kept = [merged.get(p.id, p) for p in r.all_pages if p.id not in shared or shared[p.id][0] == i]
        out.append(replace(r, documents=docs, removals=removals, page=kept[0] if kept else None, pages=tuple(kept[1:])))
    return out
