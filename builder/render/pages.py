"""Every content page of the site as Markdown with YAML front matter, from Jinja2 templates.

``page_plan`` lists every page (path → a function that renders it) before any is rendered,
so that the build knows how many pages there are and renders each only as it is written.
Nothing here touches the disk (``write`` does).
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import jinja2

from ..citable.cite import cite_panel_data
from ..citable.head import page_head
from ..citable.validity import archive_validity
from ..index import TAXONOMIES
from ..kinds import kind_of
from ..model import Archive, Document, Issue, KeptText, NewspaperPage, Relation, Term
from ..resources import default_root
from ..slugs import doc_number_slug, pinyin_sort_key
from ..zh.dates import chinese_number
from . import links
from .dialect import Dialect
from .markdown import block_to_markdown, code_span, escape, escape_dated, escape_html, yaml_text
from .memo import RenderMemo, digest, fingerprint, memoised

PAGE_SIZE = 100  # documents per listing page: a listing never grows with the archive
TERMS_PER_PAGE = 300  # rows per page of a list of terms (issuers, series …)


def pinyin_line(text: str) -> str:
    """A title or a name in pinyin with tone marks, for readers of the English interface.

    Syllable by syllable (pypinyin reads each character in its phrase, but does not group words).

    >>> pinyin_line("柳州市人民政府办公室")
    'liǔ zhōu shì rén mín zhèng fǔ bàn gōng shì'
    >>> pinyin_line("关于2024年的通知")
    'guān yú 2024 nián de tōng zhī'
    """
    from pypinyin import Style, lazy_pinyin

    return " ".join(part.strip() for part in lazy_pinyin(text, style=Style.TONE) if part.strip())



def template_folders(site_dirs: list[Path]) -> list[Path]:
    """The site folders' own templates (they take precedence, file by file); not the packaged ones."""
    return [d / "templates" for d in site_dirs if (d / "templates").is_dir() and d.resolve() != default_root().resolve()]


def template_environment(site_dirs: list[Path]) -> jinja2.Environment:
    """Templates of the site folder first, then the packaged ones (per file)."""
    folders = [str(f) for f in template_folders(site_dirs)]
    folders.append(str(default_root() / "templates"))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folders),
        autoescape=False,  # Markdown, not HTML: text is escaped with the md filter
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    # the one escaping boundary: every source or manifest string enters a page through one of these
    env.filters["md"] = lambda s: escape(str(s)) if s is not None else ""
    env.filters["h"] = lambda s: escape_html(str(s)) if s is not None else ""
    env.filters["dated"] = lambda s: escape_dated(str(s)) if s is not None else ""  # md, dates kept whole
    env.filters["code"] = lambda s: code_span(str(s))
    env.filters["block"] = block_to_markdown
    env.filters["pinyin"] = pinyin_line
    env.tests["month_of"] = lambda period, year: len(period) == 7 and period.startswith(f"{year}-")
    return env


def front_matter(data: dict) -> str:
    """YAML front matter; keys in a fixed order, empty values left out (deterministic).

    >>> print(front_matter({"title": "关于𠀀的通知", "n": 3, "empty": ""}), end="")
    ---
    title: 关于𠀀的通知
    n: 3
    ---
    """
    clean = {k: v for k, v in data.items() if v not in (None, "", [], (), {})}
    return "---\n" + yaml_text(clean) + "---\n"


@dataclass
class Site:
    """Lookups the templates need, computed once."""

    archive: Archive
    labels: Mapping[str, str]
    site_url: str | None = None  # the published site's address, for absolute URLs in citations

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
        # documents of a kind without a container (single documents) are listed by their own date
        self.loose_kinds = sorted({d.kind for d in a.documents if kind_of(d.kind).container == "none"})
        self.loose_by_pub: dict[str, list[Document]] = defaultdict(list)
        for d in a.documents:
            if kind_of(d.kind).container == "none":
                self.loose_by_pub[d.publication].append(d)
        groups: list[Sequence[Issue | NewspaperPage]] = [*self.issues_by_pub.values(), *self.pages_by_pub.values()]
        self.position = {x.id: n for group in groups for n, x in enumerate(group)}
        self.issue_of = {d: i for i in a.issues for d in i.documents}
        self.page_of = {d: p for p in a.pages for d in p.documents}
        self.terms: dict[str, list[Term]] = defaultdict(list)
        self.term_of: dict[tuple[str, str], Term] = {}
        for t in a.terms:
            self.terms[t.taxonomy].append(t)
            self.term_of[(t.taxonomy, t.label)] = t
        self.taxonomies = [t for t in TAXONOMIES if self.terms.get(t.name)]
        self.relations_from: dict[str, list[Relation]] = defaultdict(list)
        self.relations_to: dict[str, list[Relation]] = defaultdict(list)
        for r in a.relations:
            self.relations_from[r.source].append(r)
            self.relations_to[r.number].append(r)
        self.external = sorted({r.number for r in a.relations if r.target is None}, key=pinyin_sort_key)
        self.number_slug = {r.number: doc_number_slug(r.doc_number) for r in a.relations}
        self.validity = archive_validity(a)  # builder/citable: a status only with its evidence

    def counts(self) -> list[tuple[str, int]]:
        """How many documents and how many articles (a kind's ``count_label``), in that order."""
        kinds = {p.slug: kind_of(p.kind).count_label for p in self.archive.publications}
        found: dict[str, int] = defaultdict(int)
        for d in self.archive.documents:
            found[kinds[d.publication]] += 1
        return sorted(found.items(), key=lambda kv: (kv[0] != "documents", kv[0]))

    def home(self, latest: int = 10) -> dict:
        """What the home page prints: the documents' first and last date, each publication with
        its number of documents, the latest issues, pages and loose documents (as the template's
        ``sort`` orders them: stable, newest first). A summary, so that the page depends on it
        and not on the whole archive: it is reused while none of it changes."""
        a = self.archive
        dates = sorted(d.date for d in a.documents if d.date)
        per_publication = Counter(d.publication for d in a.documents)
        return {
            "first": dates[0] if dates else None, "last": dates[-1] if dates else None,
            "publications": [(pub, per_publication[pub.slug]) for pub in a.publications],
            "issues": sorted(a.issues, key=lambda i: (i.year, i.number), reverse=True)[:latest],
            "pages": sorted(a.pages, key=lambda p: p.date or "", reverse=True)[:latest],
            "loose": sorted((d for d in a.documents if d.date and d.kind in self.loose_kinds), key=lambda d: d.date or "", reverse=True)[:latest],
        }

    # The packaged templates call cite_panel_data and page_head themselves, with what they look up
    # here: a page then depends on the fields those read, and a build replaying it does not
    # make every document's citations again. These stay for an archive's own templates.
    def cite(self, doc: Document) -> dict:
        """The cite panel of a page (builder/citable): its URL, every form of the reference, the download files."""
        return cite_panel_data(doc, self.publications[doc.publication], self.site_url)

    def head(self, doc: Document) -> dict:
        """What the page's <head> says about it (builder/citable.head), as front-matter data."""
        return page_head(doc, self.publications[doc.publication], self.site_url, self.issue_of.get(doc.id),
                         self.validity.get(doc.id) if kind_of(doc.kind).official else None)

    def cited_by(self, doc: Document) -> list[Relation]:
        return self.relations_to.get(doc.doc_number.normalized, []) if doc.doc_number else []

    def ended_by(self, doc: Document) -> list[Relation]:
        return [r for r in self.cited_by(doc) if r.relation == "ends"]

    def external_path(self, number: str) -> str:
        return links.cited_path(self.number_slug[number])

    def adjacent(self, items: list, item) -> tuple:
        """The issues or pages before and after ``item`` in its publication (None at the ends)."""
        i = self.position[item.id]
        return (items[i - 1] if i > 0 else None), (items[i + 1] if i + 1 < len(items) else None)

    def az_entries(self) -> list[tuple[str, list[tuple[Term, str]]]]:
        """Issuers, mentioned agencies and topics by pinyin, grouped under their initial."""
        groups: dict[str, list[tuple[Term, str]]] = defaultdict(list)
        issuers = {t.label for t in self.terms.get("issuer", [])}
        for name in ("issuer", "mention", "topic"):
            for term in self.terms.get(name, []):
                if name == "mention" and term.label in issuers:
                    continue  # one entry per agency: its issuer page lists its mentions too
                initial = (term.sort_key[:1] or "#").upper()
                groups[initial if initial.isalpha() and initial.isascii() else "#"].append((term, self.labels.get(name, name)))
        return [(k, sorted(v, key=lambda tv: (tv[0].sort_key, tv[1]))) for k, v in sorted(groups.items())]

    def periods(self, pub: str) -> dict[str, list]:
        """Every year, month and day of a publication with its issues or pages, newest first."""
        found: dict[str, list] = defaultdict(list)
        for issue in self.issues_by_pub.get(pub, []):
            found[str(issue.year)].append(issue)
        for page in self.pages_by_pub.get(pub, []):
            if not page.date:
                continue
            for n in (4, 7, 10):
                if len(page.date) >= n:
                    found[page.date[:n]].append(page)
        for doc in self.loose_by_pub.get(pub, []):
            if doc.date:
                found[doc.date[:4]].append(doc)
        return dict(sorted(found.items(), reverse=True))

    def jump_page(self, doc: Document, target: str | None) -> NewspaperPage | None:
        """The page a jump line (``下转二版``) points to, when the archive has it."""
        number = page_number(target or "")
        if number is None:
            return None
        return next((p for p in self.pages_by_pub.get(doc.publication, []) if p.date == doc.date and p.page == number), None)

    def months_of(self, year: str) -> list[Term]:
        return sorted((t for t in self.terms.get("month", []) if t.label.startswith(f"{year}-")), key=lambda t: t.label)

    def series_order(self, term: Term) -> list[str]:
        """The ids of a 发文字号 series in serial order (a series term holds only numbered
        documents). Ids, not documents: the series page reads each one's number through
        ``site.docs``, and does not change when another field of them does."""
        docs = sorted((self.docs[i] for i in term.documents), key=lambda d: (d.doc_number.serial if d.doc_number else 0, d.id))
        return [d.id for d in docs]

    @staticmethod
    def series_gaps(serials: list[int]) -> list[str]:
        return series_gaps(serials)

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

    def term_page(self, taxonomy: str, label: str | None) -> str | None:
        """The page of a term, if the archive has the term: what a link to it needs (a page that
        links a topic is not rendered again when a document joins the topic)."""
        term = self.term(taxonomy, label)
        return links.term_path(term) if term else None


def series_gaps(serials: list[int]) -> list[str]:
    """Serial numbers missing between the lowest and the highest held, as ranges.

    >>> series_gaps([59, 61, 62, 63, 65, 69, 70, 71, 72, 74])
    ['60', '64', '66–68', '73']
    """
    held = sorted(set(serials))
    gaps = []
    for a, b in pairwise(held):
        if b - a == 2:
            gaps.append(str(a + 1))
        elif b - a > 2:
            gaps.append(f"{a + 1}–{b - 1}")
    return gaps


def page_number(text: str) -> int | None:
    """The page number in a jump target such as ``二版``, ``12版`` or ``第十一版``.

    >>> page_number("二版"), page_number("第12版"), page_number("十一版"), page_number("要闻")
    (2, 12, 11, None)
    """
    m = re.search(r"([0-9]+|[〇一二三四五六七八九十]+)\s*版", text)
    return chinese_number(m.group(1)) if m else None


def paginate(items: list, size: int = PAGE_SIZE) -> list[list]:
    """Split a listing into pages of ``size`` (at least one page, possibly empty).

    >>> [len(p) for p in paginate(list(range(250)))]
    [100, 100, 50]
    """
    return [items[i : i + size] for i in range(0, len(items), size)] or [[]]


def sealed_pages(items: list, size: int = PAGE_SIZE) -> list[list]:
    """A listing ordered newest first, split so that its older pages never change when newer
    items join: pages are counted from the oldest end, and the first page holds the newest full
    page and whatever is newer (``size`` to ``2 * size - 1`` items; all of them when fewer).
    A cited listing page keeps its documents, and a day added renders only the first page.

    >>> [len(p) for p in sealed_pages(list(range(250)))], [len(p) for p in sealed_pages(list(range(199)))]
    ([150, 100], [199])
    >>> sealed_pages(list(range(7)), 2), sealed_pages(["new", *range(7)], 2)[2:]
    ([[0, 1, 2], [3, 4], [5, 6]], [[3, 4], [5, 6]])
    """
    full = len(items) // size
    if full <= 1:
        return [items]
    split = len(items) - (full - 1) * size
    return [items[:split]] + [items[i : i + size] for i in range(split, len(items), size)]


def sealed_numbers(count: int) -> list[int]:
    """The numbers in the paths of :func:`sealed_pages`' pages: 1 for the first (newest), then
    counted from the oldest (2), so that a page keeps its number as newer pages are added.

    >>> sealed_numbers(1), sealed_numbers(4)
    ([1], [1, 4, 3, 2])
    """
    return [1, *range(count, 1, -1)]


def _each_record(context: dict, site: Site, change: Callable[[str, object], object]) -> dict:
    """The context with ``change(table, key)`` applied to each of the archive's documents and
    terms in it (alone or in a list): ``("docs", id)``, ``("term_of", (taxonomy, label))``."""
    def one(value):
        if isinstance(value, Document) and site.docs.get(value.id) is value:
            return change("docs", value.id)
        if isinstance(value, Term) and site.term_of.get((value.taxonomy, value.label)) is value:
            return change("term_of", (value.taxonomy, value.label))
        return value

    return {k: [one(v) for v in value] if isinstance(value, list) else one(value) for k, value in context.items()}


def by_reference(context: dict, site: Site) -> dict:
    """The context with each of the archive's documents and terms in it as a reference
    ``(table, key)``: the key of a page, whose text depends on what the template reads of
    them (noted as it renders, see :func:`by_lookup`), not on all of their fields (an older
    page of a topic does not read the topic's documents, which grow every day)."""
    return _each_record(context, site, lambda table, key: (table, key))


def by_lookup(context: dict, site: Site, recorded) -> dict:
    """The context as the template gets it while its page is recorded: each record that
    :func:`by_reference` turned into a reference comes as if the template had looked it up
    in the site's table (builder/render/memo.py notes the fields it reads)."""
    return _each_record(context, site, lambda table, key: getattr(recorded, table)[key])


class Renderer:
    def __init__(self, archive: Archive, site_dirs: list[Path], dialect: Dialect, labels: Mapping[str, str], site_url: str | None = None,
                 memo: RenderMemo | None = None, prefix: str = ""):
        self.site = Site(archive, labels, site_url)
        self.env = template_environment(site_dirs)
        self.dialect = dialect
        self.memo = memo  # pages rendered by an earlier build (builder/render/memo.py)
        self.lookups: dict = {}  # digests of this Site's answers, shared by its pages
        self.objects: dict = memo.objects if memo else {}  # digests of the archive's objects (builder/render/memo.fingerprint)
        self.prefix = prefix  # the tree's, whose pages' links to root-tree files are repointed (links.to_root_files)
        self.shared = digest(memo.namespace, dict(labels), site_url, dialect, prefix) if memo else ""

    def _render(self, template: str, path: str, **context) -> tuple[str, Callable[[], str | KeptText]]:
        """The page's path, and a function that renders it (when it is about to be written)."""
        return path, functools.partial(self._text, template, path, context)

    def _text(self, template: str, path: str, context: dict) -> str | KeptText:
        def href(target: str) -> str:
            return self.dialect.link(path, target)

        def render(site) -> str:
            return links.to_root_files(self.env.get_template(template).render(
                L=self.site.labels, site=site, kind_of=kind_of, links=links, cite_panel_data=cite_panel_data, page_head=page_head,
                href=href, heading_id=self.dialect.heading_id, here=path,
                front_matter=front_matter, **(by_lookup(context, self.site, site) if site is not self.site else context)
            ), self.prefix, path)

        key = digest(self.shared, template, path, fingerprint(by_reference(context, self.site), self.objects)) if self.memo else ""
        return memoised(self.memo, self.site, self.lookups, self.objects, key, render)

    def pages(self) -> Iterator[tuple[str, Callable[[], str | KeptText]]]:
        site, a = self.site, self.site.archive
        yield self._render("home.md.j2", links.HOME)
        for pub in a.publications:
            periods = site.periods(pub.slug)
            yield self._render("publication.md.j2", links.publication_path(pub.slug), pub=pub, periods=periods)
            # a year's page lists its months (with their counts), not every period: a day
            # added renders again its own day, month and year, not every other one
            months: dict[str, list[tuple[str, int]]] = defaultdict(list)
            for period in sorted(p for p in periods if len(p) == 7):
                months[period[:4]].append((period, len(periods[period])))
            for period, members in periods.items():
                yield self._render("period.md.j2", links.period_path(pub.slug, period), pub=pub, period=period,
                                   members=members, months=months.get(period, []) if len(period) == 4 else [])
        for issue in a.issues:
            prev, nxt = site.adjacent(site.issues_by_pub[issue.publication], issue)
            yield self._render("issue.md.j2", links.issue_path(issue), issue=issue, pub=site.publications[issue.publication], prev=prev, next=nxt)
        for page in a.pages:
            prev, nxt = site.adjacent(site.pages_by_pub[page.publication], page)
            yield self._render("newspaper_page.md.j2", links.page_path(page), page=page, pub=site.publications[page.publication], prev=prev, next=nxt)
        for doc in a.documents:
            pub = site.publications[doc.publication]
            prev, nxt = site.siblings(doc)
            template = kind_of(doc.kind).document_template
            yield self._render(template, links.document_path(doc), doc=doc, pub=pub, prev=prev, next=nxt,
                               issue=site.issue_of.get(doc.id), page=site.page_of.get(doc.id))
        for number in site.external:
            yield from self._listing("cited.md.j2", site.external_path(number), site.relations_to[number], number=number)
        if site.external:
            yield from self._listing("cited_index.md.j2", links.cited_path(None), site.external, TERMS_PER_PAGE)
        yield self._render("az.md.j2", links.AZ)
        for tax in site.taxonomies:
            yield from self._listing("taxonomy.md.j2", links.taxonomy_path(tax.name), site.terms[tax.name], TERMS_PER_PAGE, taxonomy=tax)
            for term in site.terms[tax.name]:
                yield from self._sealed_listing("term.md.j2", links.term_path(term), [site.docs[d] for d in term.documents],
                                                taxonomy=tax, term=term)

    def _listing(self, template: str, first: str, items: list, size: int = PAGE_SIZE, **context) -> Iterator[tuple[str, Callable[[], str | KeptText]]]:
        """A listing split into pages; the template gets ``items``, ``page_no``, ``page_count``, ``first``."""
        chunks = paginate(items, size)
        for n, chunk in enumerate(chunks, start=1):
            yield self._render(template, links.paged(first, n), items=chunk, page_no=n, page_count=len(chunks), first=first, **context)

    def _sealed_listing(self, template: str, first: str, items: list[Document], **context) -> Iterator[tuple[str, Callable[[], str | KeptText]]]:
        """A listing newest first in :func:`sealed_pages`. The template gets ``items``, ``page_no``
        (1 for the first page), ``first``, ``span`` (the dates of the page's documents), and the
        pages beside it as ``(path, span)``: on the first page ``earlier`` lists every other page,
        on the others ``newer`` and ``older`` are the neighbours (the first page's span left
        out: it changes with every newer document)."""
        chunks = sealed_pages(items)
        numbers = sealed_numbers(len(chunks))
        paths = [links.paged(first, n) for n in numbers]
        spans = [self.date_span(chunk) for chunk in chunks]
        for i, chunk in enumerate(chunks):
            if i == 0:
                beside: dict = {"newer": None, "older": None, "earlier": list(zip(paths[1:], spans[1:], strict=True))}
            else:
                beside = {"newer": (paths[i - 1], spans[i - 1] if i > 1 else self.site.labels["newest"]),
                          "older": (paths[i + 1], spans[i + 1]) if i + 1 < len(chunks) else None, "earlier": []}
            yield self._render(template, paths[i], items=chunk, page_no=numbers[i],
                               first=first, span=spans[i], **beside, **context)

    def date_span(self, docs: list[Document]) -> str:
        """The dates of a listing page's documents, as a label: ``2024-03-01 至 2024-05-12``."""
        dates = sorted(d.date for d in docs if d.date)
        if not dates:
            return self.site.labels["undated"]
        return dates[0] if dates[0] == dates[-1] else self.site.labels["date_range"].format(start=dates[0], end=dates[-1])


def page_plan(archive: Archive, site_dirs: list[Path], dialect: Dialect, labels: Mapping[str, str],
              site_url: str | None = None, memo: RenderMemo | None = None, prefix: str = "") -> dict[str, Callable[[], str | KeptText]]:
    """Every content page: ``{path relative to docs_dir: function rendering its Markdown}``.

    Two pages with one path would be a bug in this module (identities are unique by the
    time the archive is gathered), so it raises instead of keeping the last.
    """
    plan: dict[str, Callable[[], str | KeptText]] = {}
    for path, render in Renderer(archive, site_dirs, dialect, labels, site_url, memo, prefix).pages():
        if path in plan:
            raise RuntimeError(f"two pages render to {path}")
        plan[path] = render
    return plan

