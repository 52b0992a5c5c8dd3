"""Citations of a document or article, as ``shared/reference/conventions.md`` §5 sets them:
GB/T 7714-2015 (government document ``[A/OL]``, gazette item ``[J]``, newspaper ``[N/OL]``),
CSL-JSON and biblatex. Pure: the caller gives the page's absolute URL.

Not yet wired into a page (the cite panel is left to do; see the issue #13 report).
"""

from __future__ import annotations

from ..model import Document, Publication

ACCESS = "[引用日期]"  # the reader fills in the day they consulted the page


def gbt7714(doc: Document, pub: Publication, url: str) -> str:
    """The GB/T 7714-2015 reference of a document (online: ``[A/OL]``) or article (``[N/OL]``).

    >>> from builder.model import DocNumber, PartialDate
    >>> gazette = Publication("lzgb", "柳州市人民政府公报", "gazette")
    >>> d = Document("lzgb/2024/10/liuzhengban-2022-59", "gazette_document", "lzgb", "x.txt", "关于X的通知", 1, 2,
    ...              date="2022-12-30", issuer="柳州市人民政府办公室", doc_number=DocNumber("柳政办〔2022〕59号", "柳政办", 2022, 59))
    >>> gbt7714(d, gazette, "https://a.example/lzgb/2024/10/liuzhengban-2022-59/")
    '柳州市人民政府办公室. 关于X的通知: 柳政办〔2022〕59号[A/OL]. (2022-12-30)[引用日期]. https://a.example/lzgb/2024/10/liuzhengban-2022-59/.'
    """
    if doc.kind == "newspaper_article":
        author = f"{doc.byline}. " if doc.byline else ""
        edition = f"({doc.page})" if doc.page else ""
        return f"{author}{doc.title}[N/OL]. {pub.name}, {doc.date or ''}{edition}{ACCESS}. {url}."
    issuer = f"{doc.issuer}. " if doc.issuer else ""
    number = f": {doc.doc_number.normalized}" if doc.doc_number else ""
    date = f"({doc.date})" if doc.date else ""
    return f"{issuer}{doc.title}{number}[A/OL]. {date}{ACCESS}. {url}."


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
    if doc.kind == "newspaper_article":
        item |= {"type": "article-newspaper", "section": str(doc.page) if doc.page else None,
                 "author": [{"literal": doc.byline}] if doc.byline else None}
    else:
        item |= {"type": "regulation", "number": doc.doc_number.normalized if doc.doc_number else None,
                 "authority": doc.issuer, "issue": str(doc.issue.number) if doc.issue else None,
                 "page": f"{doc.pages[0]}-{doc.pages[1]}" if doc.pages and doc.pages[0] and doc.pages[1] else None}
    item["issued"] = issued
    return {k: v for k, v in item.items() if v is not None}


def biblatex(doc: Document, pub: Publication, url: str) -> str:
    """``@legislation{…, type={regulation}, number=…}`` or ``@article{…, entrysubtype={newspaper}}``."""
    key = doc.id.replace("/", ":")
    fields: list[tuple[str, str | None]] = [("title", doc.title)]
    if doc.kind == "newspaper_article":
        head = f"@article{{{key},"
        fields += [("entrysubtype", "newspaper"), ("journaltitle", pub.name), ("author", doc.byline),
                   ("date", doc.date), ("pages", str(doc.page) if doc.page else None)]
    else:
        head = f"@legislation{{{key},"
        fields += [("type", "regulation"), ("number", doc.doc_number.normalized if doc.doc_number else None),
                   ("author", f"{{{doc.issuer}}}" if doc.issuer else None), ("date", doc.date),
                   ("journaltitle", pub.name), ("issue", str(doc.issue.number) if doc.issue else None)]
    fields.append(("url", url))
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields if v)
    return f"{head}\n{body}\n}}\n"
