"""Every content page of the site as Markdown with YAML front matter, from Jinja2 templates.

``render_pages`` returns ``{path: text}``; nothing here touches the disk (``write`` does).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import jinja2
import yaml

from ..index import TAXONOMIES
from ..model import Archive, Document, Issue, NewspaperPage, Term
from ..resources import data_file, default_root
from . import links
from .markdown import block_to_markdown, escape

PAGE_SIZE = 100  # documents per listing page: a listing never grows with the archive


def load_labels(language: str = "zh") -> dict[str, str]:
    return yaml.safe_load(data_file(f"labels-{language}.yml").read_text(encoding="utf-8"))


def template_environment(site_dirs: list[Path]) -> jinja2.Environment:
    """Templates of the site folder first, then the packaged ones (per file)."""
    folders = [str(d / "templates") for d in site_dirs if (d / "templates").is_dir()]
    folders.append(str(default_root() / "templates"))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folders),
        autoescape=False,  # Markdown, not HTML: text is escaped with the md filter
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["md"] = lambda s: escape(str(s)) if s is not None else ""
    env.filters["block"] = block_to_markdown
    return env


def front_matter(data: dict) -> str:
    """YAML front matter; keys in a fixed order, empty values left out (deterministic)."""
    clean = {k: v for k, v in data.items() if v not in (None, "", [], (), {})}
    return "---\n" + yaml.safe_dump(clean, allow_unicode=True, sort_keys=False, width=1000) + "---\n"


@dataclass
class Site:
    """Lookups the templates need, computed once."""

    archive: Archive
    labels: dict[str, str]

    def __post_init__(self) -> None:
        a = self.archive
        self.publications = {p.slug: p for p in a.publications}
        self.docs = {d.id: d for d in a.documents}
        self.issues_by_pub: dict[str, list[Issue]] = defaultdict(list)
        for i in a.issues:
            self.issues_by_pub[i.publication].append(i)
        self.pages_by_pub: dict[str, list[NewspaperPage]] = defaultdict(list)
        for p in a.pages:
            self.pages_by_pub[p.publication].append(p)
        self.issue_of = {d: i for i in a.issues for d in i.documents}
        self.page_of = {d: p for p in a.pages for d in p.documents}
        self.terms: dict[str, list[Term]] = defaultdict(list)
        self.term_of: dict[tuple[str, str], Term] = {}
        for t in a.terms:
            self.terms[t.taxonomy].append(t)
            self.term_of[(t.taxonomy, t.label)] = t
        self.taxonomies = [t for t in TAXONOMIES if self.terms.get(t.name)]
        self.by_number = {d.doc_number.normalized: d for d in a.documents if d.doc_number}
        self.cited_by: dict[str, list[tuple[Document, str]]] = defaultdict(list)
        for d in a.documents:
            for c in d.citations:
                self.cited_by[c.doc_number.normalized].append((d, c.relation))

    def siblings(self, doc: Document) -> tuple[Document | None, Document | None]:
        container = self.issue_of.get(doc.id) or self.page_of.get(doc.id)
        if not container:
            return None, None
        ids = list(container.documents)
        i = ids.index(doc.id)
        prev = self.docs[ids[i - 1]] if i > 0 else None
        nxt = self.docs[ids[i + 1]] if i + 1 < len(ids) else None
        return prev, nxt

    def term(self, taxonomy: str, label: str | None) -> Term | None:
        return self.term_of.get((taxonomy, label)) if label else None


def paginate(items: list, size: int = PAGE_SIZE) -> list[list]:
    """Split a listing into pages of ``size`` (at least one page, possibly empty).

    >>> [len(p) for p in paginate(list(range(250)))]
    [100, 100, 50]
    """
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]


class Renderer:
    def __init__(self, archive: Archive, site_dirs: list[Path], language: str = "zh"):
        self.site = Site(archive, load_labels(language))
        self.env = template_environment(site_dirs)

    def _render(self, template: str, path: str, **context) -> tuple[str, str]:
        def href(target: str) -> str:
            return links.relative(path, target)

        text = self.env.get_template(template).render(
            L=self.site.labels, site=self.site, links=links, href=href, here=path, front_matter=front_matter, **context
        )
        return path, text

    def pages(self) -> Iterator[tuple[str, str]]:
        site, a = self.site, self.site.archive
        yield self._render("home.md.j2", links.HOME)
        for pub in a.publications:
            yield self._render("publication.md.j2", links.publication_path(pub.slug), pub=pub)
        for issue in a.issues:
            yield self._render("issue.md.j2", links.issue_path(issue), issue=issue, pub=site.publications[issue.publication])
        for page in a.pages:
            yield self._render("newspaper_page.md.j2", links.page_path(page), page=page, pub=site.publications[page.publication])
        for doc in a.documents:
            pub = site.publications[doc.publication]
            prev, nxt = site.siblings(doc)
            template = "document.md.j2" if doc.kind == "gazette_document" else "article.md.j2"
            yield self._render(template, links.document_path(doc), doc=doc, pub=pub, prev=prev, next=nxt,
                               issue=site.issue_of.get(doc.id), page=site.page_of.get(doc.id))
        for tax in site.taxonomies:
            yield self._render("taxonomy.md.j2", links.taxonomy_path(tax.name), taxonomy=tax, terms=site.terms[tax.name])
            for term in site.terms[tax.name]:
                chunks = paginate([site.docs[d] for d in term.documents])
                for n, chunk in enumerate(chunks, start=1):
                    yield self._render("term.md.j2", links.term_path(term, n), taxonomy=tax, term=term,
                                       documents=chunk, page_no=n, page_count=len(chunks))


def render_pages(archive: Archive, site_dirs: list[Path], language: str = "zh") -> dict[str, str]:
    """All content pages, ``{path relative to docs_dir: Markdown}``, in a stable order."""
    return dict(Renderer(archive, site_dirs, language).pages())


def nav(archive: Archive, language: str = "zh") -> list:
    """A short navigation: home, publications, indexes. Never the documents themselves, so
    no page carries a list that grows with the archive."""
    labels = load_labels(language)
    items: list = [{labels["home"]: links.HOME}]
    items += [{p.name: links.publication_path(p.slug)} for p in archive.publications]
    present = {t.taxonomy for t in archive.terms}
    items += [{labels.get(t.name, t.label): links.taxonomy_path(t.name)} for t in TAXONOMIES if t.name in present]
    return items

