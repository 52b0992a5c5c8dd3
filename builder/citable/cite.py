"""Citations of a document or article, as ``shared/reference/conventions.md`` §5 sets them:
GB/T 7714-2015 (government document ``[A/OL]``, gazette item ``[J]``, newspaper ``[N/OL]``),
its full-width form (§5: the 2025 edition sets Chinese references in full-width punctuation),
CSL-JSON, biblatex and RIS. Pure: the caller gives the page's URL (absolute when the site's
URL is known). ``citations`` is what the cite panel and the download files show.
"""

from __future__ import annotations

import json
import re

import rispy

from ..kinds import kind_of
from ..model import Document, Publication

ACCESS = "[引用日期]"  # the reader fills in the day they consulted the page


def is_article(doc: Document) -> bool:
    """A newspaper-style article, cited as [N]: its kind is not one of official documents (公文)."""
    return not kind_of(doc.kind).official


def gbt7714(doc: Document, pub: Publication, url: str) -> str:
    """The GB/T 7714-2015 reference of a document (online: ``[A/OL]``) or article (``[N/OL]``).

    >>> from builder.model import DocNumber, PartialDate
    >>> gazette = Publication("lzgb", "柳州市人民政府公报", "gazette")
    >>> d = Document("lzgb/2024/10/liuzhengban-2022-59", "gazette_document", "lzgb", "x.txt", "关于X的通知", 1, 2,
    ...              date="2022-12-30", issuer="柳州市人民政府办公室", doc_number=DocNumber("柳政办〔2022〕59号", "柳政办", 2022, 59))
    >>> gbt7714(d, gazette, "https://a.example/lzgb/2024/10/liuzhengban-2022-59/")
    '柳州市人民政府办公室. 关于X的通知: 柳政办〔2022〕59号[A/OL]. (2022-12-30)[引用日期]. https://a.example/lzgb/2024/10/liuzhengban-2022-59/.'
    """
    if is_article(doc):
        author = f"{doc.byline}. " if doc.byline else ""
        edition = f"({doc.page})" if doc.page else ""
        return f"{author}{doc.title}[N/OL]. {pub.name}, {doc.date or ''}{edition}{ACCESS}. {url}."
    issuer = f"{doc.issuer}. " if doc.issuer else ""
    number = f": {doc.doc_number.normalized}" if doc.doc_number else ""
    date = f"({doc.date})" if doc.date else ""
    return f"{issuer}{doc.title}{number}[A/OL]. {date}{ACCESS}. {url}."


def gbt7714_gazette_online(doc: Document, pub: Publication, url: str) -> str | None:
    """A gazette item cited in its issue, online: ``… [J/OL]. 公报名, 年(期): 起页-止页[引用日期]. URL.``

    >>> from builder.model import DocNumber, IssueRef
    >>> gazette = Publication("lzgb", "柳州市人民政府公报", "gazette")
    >>> d = Document("a", "gazette_document", "lzgb", "x.txt", "关于X的通知", 1, 2, issuer="柳州市人民政府办公室",
    ...              doc_number=DocNumber("柳政办〔2022〕59号", "柳政办", 2022, 59), issue=IssueRef(2024, 10), pages=(3, 45))
    >>> gbt7714_gazette_online(d, gazette, "https://a.example/a/")
    '柳州市人民政府办公室. 关于X的通知: 柳政办〔2022〕59号[J/OL]. 柳州市人民政府公报, 2024(10): 3-45[引用日期]. https://a.example/a/.'
    """
    printed = gbt7714_gazette_item(doc, pub)
    return printed and f"{printed[:-1].replace('[J]. ', '[J/OL]. ', 1)}{ACCESS}. {url}."


def gbt7714_gazette_item(doc: Document, pub: Publication) -> str | None:
    """A gazette item cited in its printed issue: ``… [J]. 公报名, 年(期): 起页-止页.``

    >>> from builder.model import DocNumber, IssueRef
    >>> gazette = Publication("lzgb", "柳州市人民政府公报", "gazette")
    >>> d = Document("a", "gazette_document", "lzgb", "x.txt", "关于X的通知", 1, 2, issuer="柳州市人民政府办公室",
    ...              doc_number=DocNumber("柳政办〔2022〕59号", "柳政办", 2022, 59), issue=IssueRef(2024, 10), pages=(3, 45))
    >>> gbt7714_gazette_item(d, gazette)
    '柳州市人民政府办公室. 关于X的通知: 柳政办〔2022〕59号[J]. 柳州市人民政府公报, 2024(10): 3-45.'
    """
    if not doc.issue:
        return None
    issuer = f"{doc.issuer}. " if doc.issuer else ""
    number = f": {doc.doc_number.normalized}" if doc.doc_number else ""
    pages = ""
    if doc.pages and doc.pages[0]:
        first, last = doc.pages
        pages = f": {first}" + (f"-{last}" if last and last != first else "")
    return f"{issuer}{doc.title}{number}[J]. {pub.name}, {doc.issue.year}({doc.issue.number}){pages}."


def csl_json(doc: Document, pub: Publication, url: str) -> dict:
    """CSL-JSON: ``regulation`` (number, authority, container-title, issue, page) or
    ``article-newspaper`` (container-title, issued, section = 版)."""
    issued = {"date-parts": [[int(x) for x in doc.date.split("-")]]} if doc.date else None
    item: dict = {"id": doc.id, "title": doc.title, "URL": url, "container-title": pub.name}
    if is_article(doc):
        item |= {"type": "article-newspaper", "section": str(doc.page) if doc.page else None,
                 "author": [{"literal": doc.byline}] if doc.byline else None}
    else:
        item |= {"type": "regulation", "number": doc.doc_number.normalized if doc.doc_number else None,
                 "authority": doc.issuer, "issue": str(doc.issue.number) if doc.issue else None,
                 "page": f"{doc.pages[0]}-{doc.pages[1]}" if doc.pages and doc.pages[0] and doc.pages[1] else None}
    item["issued"] = issued
    return {k: v for k, v in item.items() if v is not None}


_TEX = str.maketrans({"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "#": r"\#", "$": r"\$", "_": r"\_"})


def tex(text: str) -> str:
    r"""A field value that no brace, backslash or comment sign in the source can break.

    >>> tex("50%{a}_b & c")
    '50\\%\\{a\\}\\_b \\& c'
    """
    return text.translate(_TEX)


def biblatex(doc: Document, pub: Publication, url: str) -> str:
    """``@legislation{…, type={regulation}, number=…}`` or ``@article{…, entrysubtype={newspaper}}``."""
    key = doc.id.replace("/", ":")
    fields: list[tuple[str, str | None]] = [("title", doc.title)]
    if is_article(doc):
        head = f"@article{{{key},"
        fields += [("entrysubtype", "newspaper"), ("journaltitle", pub.name), ("author", doc.byline),
                   ("date", doc.date), ("pages", str(doc.page) if doc.page else None)]
    else:
        head = f"@legislation{{{key},"
        fields += [("type", "regulation"), ("number", doc.doc_number.normalized if doc.doc_number else None),
                   ("author", doc.issuer), ("date", doc.date),
                   ("journaltitle", pub.name), ("issue", str(doc.issue.number) if doc.issue else None)]
    fields.append(("url", url))
    # an institution is one name in braces, so biber does not split it into given and family
    def value(k: str, v: str) -> str:
        return v if k == "url" else f"{{{tex(v)}}}" if k == "author" and head.startswith("@legislation") else tex(v)

    body = ",\n".join(f"  {k} = {{{value(k, v)}}}" for k, v in fields if v)
    return f"{head}\n{body}\n}}\n"


# GB/T 7714 punctuation and its full-width form; a URL keeps its ASCII characters
_FULL_WIDTH = {". ": "．", ": ": "：", ", ": "，", "(": "（", ")": "）", "[": "［", "]": "］"}
_HALF_WIDTH_PUNCT = re.compile(r"\. |: |, |[()\[\]]")
_URL = re.compile(r"https?://\S+?(?=\.?$)|/\S+/(?:#\S+)?(?=\.?$)")


def full_width(reference: str) -> str:
    """A GB/T 7714-2015 reference in the full-width punctuation of the 2025 edition: the
    separators ``. : , ( ) [ ]`` of the description become ``．：，（）［］``; the URL (and
    the digits, dates and page ranges) stay as they are, and so does the period after the URL.

    >>> full_width("柳州市人民政府办公室. 关于X的通知: 柳政办〔2022〕59号[A/OL]. (2022-12-30)[引用日期]. https://a.example/x/(1)/.")
    '柳州市人民政府办公室．关于X的通知：柳政办〔2022〕59号［A/OL］．（2022-12-30）［引用日期］．https://a.example/x/(1)/.'
    >>> full_width("记者 甲. 标题[N/OL]. 清江日报, 2025-03-18(1)[引用日期]. /qjrb/2025-03-18/01/01/.")
    '记者 甲．标题［N/OL］．清江日报，2025-03-18（1）［引用日期］．/qjrb/2025-03-18/01/01/.'
    """
    m = _URL.search(reference)
    head, tail = (reference[: m.start()], reference[m.start():]) if m else (reference, "")
    return _HALF_WIDTH_PUNCT.sub(lambda p: _FULL_WIDTH[p.group(0)], head) + tail


def ris(doc: Document, pub: Publication, url: str) -> str:
    """RIS (rispy): ``STAT`` for a gazette document (Zotero imports it as a statute, with the
    发文字号 as its number), ``NEWS`` for a newspaper article (its 版 as the section)."""
    entry: dict = {"title": doc.title, "urls": [url], "language": "zh"}
    if doc.date:
        entry["date"] = doc.date.replace("-", "/")
        entry["year"] = doc.date[:4]
    if is_article(doc):
        entry |= {"type_of_reference": "NEWS", "secondary_title": pub.name}
        if doc.byline:
            entry["authors"] = [doc.byline]
        if doc.page:
            entry["section"] = str(doc.page)
            entry["start_page"] = str(doc.page)
    else:
        entry |= {"type_of_reference": "STAT", "secondary_title": pub.name}
        if doc.issuer:
            entry["authors"] = [doc.issuer]
        if doc.doc_number:
            entry["number"] = doc.doc_number.normalized
        if doc.issue:
            entry["volume"] = str(doc.issue.year)
            entry["note"] = f"{doc.issue.year}年第{doc.issue.number}期"
        if doc.pages and doc.pages[0]:
            entry["start_page"] = str(doc.pages[0])
            if doc.pages[1]:
                entry["end_page"] = str(doc.pages[1])
    return _ris_text(entry)


def _ris_text(entry: dict) -> str:
    """One RIS record without rispy's leading record counter (``1.``), which Zotero ignores
    but other importers print."""
    text = rispy.dumps([entry])
    return re.sub(r"^\s*1\.\s*\n", "", text)


def csl_text(doc: Document, pub: Publication, url: str) -> str:
    """A CSL-JSON file: an array of one item (what citeproc and Zotero import)."""
    return json.dumps([csl_json(doc, pub, url)], ensure_ascii=False, indent=2) + "\n"


def citations(doc: Document, pub: Publication, url: str) -> dict[str, str]:
    """Every form of the reference, in the panel's order: ``{format: text}``."""
    forms = {"gbt7714": gbt7714(doc, pub, url)}
    forms["gbt7714-2025"] = full_width(forms["gbt7714"])
    gazette = gbt7714_gazette_online(doc, pub, url)
    if gazette:
        forms["gbt7714-gazette"] = gazette
        forms["gbt7714-gazette-2025"] = full_width(gazette)
    forms |= {"bibtex": biblatex(doc, pub, url), "ris": ris(doc, pub, url), "csl-json": csl_text(doc, pub, url)}
    return forms


#: the files beside a document's page, one per format a reference manager imports
FILES = {"bibtex": "cite.bib", "ris": "cite.ris", "csl-json": "cite.json"}


def page_url(site_url: str | None, doc: Document) -> str:
    """The URL a citation gives: absolute when the site's URL is known, else the archive path.

    >>> d = Document("lzgb/2024/10/a", "gazette_document", "lzgb", "x", "T", 1, 2)
    >>> page_url("https://a.example/archive", d), page_url(None, d)
    ('https://a.example/archive/lzgb/2024/10/a/', '/lzgb/2024/10/a/')
    """
    return (site_url or "").rstrip("/") + doc.url


def cite_panel_data(doc: Document, pub: Publication, site_url: str | None) -> dict:
    """What a page's cite panel shows: its URL, every form of the reference, the download files.
    A function of what it is given (templates call it: a page depends on the fields it reads)."""
    url = page_url(site_url, doc)
    return {"url": url, "forms": citations(doc, pub, url), "files": FILES}


def document_citation_files(doc: Document, pub: Publication, site_url: str | None) -> list[tuple[str, str]]:
    """One document's ``<id>/cite.bib``, ``cite.ris`` and ``cite.json``."""
    forms = citations(doc, pub, page_url(site_url, doc))
    return [(f"{doc.id}/{name}", forms[form]) for form, name in FILES.items()]

