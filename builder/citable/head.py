"""What a document or article page says about itself in its ``<head>``, for reference managers,
search engines and link previews: Highwire ``citation_*`` tags, Dublin Core, OpenGraph, a
description, COinS (what Zotero reads to type an item) and schema.org JSON-LD
(``Legislation`` / ``NewsArticle``). Pure data: the renderer adapter writes the tags.

Zotero's Embedded Metadata translator types ``citation_*`` pages only as journal article,
report, conference paper, book section or thesis; its COinS translator takes precedence over
it and reads ``rft.genre``: a gazette document is given as a report (``mtx:book`` with
``rft.genre=report``), a newspaper article as an article (``mtx:journal``, ``rft.genre=article``).
"""

from __future__ import annotations

import re
from urllib.parse import quote

from ..model import Document, Issue, Publication
from .cite import is_article, page_url
from .validity import Validity

DESCRIPTION_CHARS = 160  # longer descriptions are cut by every consumer anyway
_SENTENCE = re.compile(r"^.+?[。！？!?](?=[^”’」』）)]|$)", re.S)


def description(doc: Document) -> str:
    """The first sentence of the body (or its first ``DESCRIPTION_CHARS`` characters).

    >>> from builder.model import Block
    >>> d = Document("a", "newspaper_article", "p", "x", "T", 1, 2, blocks=(Block("paragraph", "第一句。第二句。"),))
    >>> description(d)
    '第一句。'
    >>> description(Document("a", "newspaper_article", "p", "x", "T", 1, 2)) == "T"
    True
    """
    text = next((b.lead + b.text for b in doc.blocks if b.kind == "paragraph" and (b.lead + b.text).strip()), "")
    text = " ".join(text.split())
    if not text:
        return doc.title
    m = _SENTENCE.match(text)
    sentence = m.group(0) if m else text
    return sentence if len(sentence) <= DESCRIPTION_CHARS else sentence[: DESCRIPTION_CHARS - 1] + "…"


def _date_slashes(iso: str) -> str:
    return iso.replace("-", "/")


def highwire(doc: Document, pub: Publication, url: str) -> list[tuple[str, str]]:
    """``citation_*`` (Google Scholar's Highwire Press tags)."""
    tags = [("citation_title", doc.title)]
    author = doc.byline if is_article(doc) else doc.issuer
    if author:
        tags.append(("citation_author", author))
    if doc.date:
        tags.append(("citation_publication_date", _date_slashes(doc.date)))
    tags.append(("citation_journal_title", pub.name))
    if doc.issue:
        tags += [("citation_volume", str(doc.issue.year)), ("citation_issue", str(doc.issue.number))]
    if doc.pages and doc.pages[0]:
        tags.append(("citation_firstpage", str(doc.pages[0])))
        if doc.pages[1]:
            tags.append(("citation_lastpage", str(doc.pages[1])))
    if is_article(doc) and doc.page:
        tags.append(("citation_firstpage", str(doc.page)))
    tags += [("citation_language", "zh"), ("citation_public_url", url)]
    return tags


def dublin_core(doc: Document, pub: Publication, url: str) -> list[tuple[str, str]]:
    author = doc.byline if is_article(doc) else doc.issuer
    tags = [("DC.title", doc.title)]
    if author:
        tags.append(("DC.creator", author))
    if doc.date:
        tags.append(("DC.date", doc.date))
    tags.append(("DC.identifier", doc.doc_number.normalized if doc.doc_number else url))
    tags += [("DC.type", "Text"), ("DC.publisher", pub.name), ("DC.language", "zh"), ("DC.source", pub.name)]
    return tags


def opengraph(doc: Document, pub: Publication, url: str, about: str) -> list[tuple[str, str]]:
    tags = [("og:type", "article"), ("og:title", doc.title), ("og:description", about), ("og:site_name", pub.name),
            ("og:locale", "zh_CN"), ("og:url", url)]
    if doc.date:
        tags.append(("article:published_time", doc.date))
    return tags


def coins(doc: Document, pub: Publication, url: str) -> str:
    """The OpenURL ContextObject (Z39.88-2004, KEV) of a COinS ``<span class="Z3988">``.

    >>> d = Document("a", "newspaper_article", "p", "x", "标题", 1, 2, date="2025-03-18", page=1)
    >>> coins(d, Publication("p", "清江日报", "newspaper"), "https://a.example/p/")
    'ctx_ver=Z39.88-2004&rft_val_fmt=info%3Aofi%2Ffmt%3Akev%3Amtx%3Ajournal&rft.genre=article&rft.atitle=%E6%A0%87%E9%A2%98&rft.jtitle=%E6%B8%85%E6%B1%9F%E6%97%A5%E6%8A%A5&rft.date=2025-03-18&rft.spage=1&rft_id=https%3A%2F%2Fa.example%2Fp%2F'
    """
    if is_article(doc):
        pairs = [("rft_val_fmt", "info:ofi/fmt:kev:mtx:journal"), ("rft.genre", "article"), ("rft.atitle", doc.title),
                 ("rft.jtitle", pub.name), ("rft.au", doc.byline), ("rft.date", doc.date),
                 ("rft.spage", str(doc.page) if doc.page else None)]
    else:
        pages = f"{doc.pages[0]}-{doc.pages[1]}" if doc.pages and doc.pages[0] and doc.pages[1] else None
        pairs = [("rft_val_fmt", "info:ofi/fmt:kev:mtx:book"), ("rft.genre", "report"), ("rft.btitle", doc.title),
                 ("rft.aucorp", doc.issuer), ("rft.date", doc.date), ("rft.pub", pub.name),
                 ("rft.series", pub.name), ("rft.pages", pages)]
    pairs = [("ctx_ver", "Z39.88-2004"), *pairs, ("rft_id", url)]
    return "&".join(f"{k}={quote(v, safe='-')}" for k, v in pairs if v)


LEGAL_FORCE = {"ended": "https://schema.org/NotInForce", "expired": "https://schema.org/NotInForce"}


def json_ld(doc: Document, pub: Publication, url: str, about: str, issue: Issue | None, validity: Validity | None) -> dict:
    """schema.org: ``Legislation`` (a gazette document) or ``NewsArticle``. A legal force is
    stated only with evidence (ended by a later document, or past its own term); "in force" is
    never claimed from the absence of a record."""
    if is_article(doc):
        item: dict = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": doc.title, "url": url,
                      "inLanguage": "zh-CN", "description": about}
        if doc.subtitle:
            item["alternativeHeadline"] = doc.subtitle
        if doc.byline:
            item["author"] = {"@type": "Person", "name": doc.byline}
        if doc.date:
            item["datePublished"] = doc.date
        if doc.page:
            item["printPage"] = str(doc.page)
        if doc.date:
            item["printEdition"] = doc.date  # the day's edition: the archive knows of no other
        if doc.page_name:
            item["printSection"] = doc.page_name
        if doc.dateline:
            item["dateline"] = doc.dateline
        item["publisher"] = {"@type": "Organization", "name": pub.name}
        item["isPartOf"] = {"@type": "PublicationIssue", **({"datePublished": doc.date} if doc.date else {}),
                            "isPartOf": {"@type": "Newspaper", "name": pub.name}}
        return item
    item = {"@context": "https://schema.org", "@type": "Legislation", "name": doc.title, "url": url, "inLanguage": "zh-CN",
            "description": about}
    if doc.doc_number:
        item["legislationIdentifier"] = doc.doc_number.normalized
    if doc.date:
        item["legislationDate"] = doc.date
    if doc.doc_type:
        item["legislationType"] = doc.doc_type
    if doc.issuer:
        item["legislationPassedBy"] = {"@type": "GovernmentOrganization", "name": doc.issuer}
        item["author"] = {"@type": "GovernmentOrganization", "name": doc.issuer}
    if validity:
        force = LEGAL_FORCE.get(validity.status)
        if force:
            item["legislationLegalForce"] = force
        item["creativeWorkStatus"] = validity.text  # the statement with its evidence, as the page shows it
    if doc.issue:
        part: dict = {"@type": "PublicationIssue", "issueNumber": str(doc.issue.number),
                      "isPartOf": {"@type": "Periodical", "name": pub.name, "volumeNumber": str(doc.issue.year)}}
        if issue and issue.date:
            part["datePublished"] = issue.date
        if doc.pages and doc.pages[0]:
            part["pageStart"] = str(doc.pages[0])
            if doc.pages[1]:
                part["pageEnd"] = str(doc.pages[1])
        item["isPartOf"] = part
    return item


def head_meta(doc: Document, pub: Publication, url: str, issue: Issue | None = None, validity: Validity | None = None) -> dict:
    """Everything the page's ``<head>`` carries, as front-matter data:
    ``{"description", "meta": [[attribute, key, value], …], "coins", "jsonld"}``."""
    about = description(doc)  # the theme writes <meta name="description"> from it
    meta = [["name", k, v] for k, v in (*highwire(doc, pub, url), *dublin_core(doc, pub, url))]
    meta += [["property", k, v] for k, v in opengraph(doc, pub, url, about)]
    return {"description": about, "meta": meta, "coins": coins(doc, pub, url), "jsonld": json_ld(doc, pub, url, about, issue, validity)}


def page_head(doc: Document, pub: Publication, site_url: str | None, issue: Issue | None = None, validity: Validity | None = None) -> dict:
    """:func:`head_meta` of the page at the document's URL (templates call it with what they looked up)."""
    return head_meta(doc, pub, page_url(site_url, doc), issue, validity)
