"""Identity-based, ASCII, permanent URL paths. Never derived from a title."""

from __future__ import annotations

from ..model import DocNumber, PartialDate
from ..slugs import doc_number_slug, slugify


def issue_id(publication: str, year: int, number: int) -> str:
    """A gazette issue: publication, year, number.

    >>> issue_id("lzgb", 2024, 10)
    'lzgb/2024/10'
    """
    return f"{publication}/{year}/{number}"


def gazette_document_id(issue: str, number: DocNumber | None, position: int) -> str:
    """A document is named by its 发文字号; one without gets its position in the issue.

    >>> gazette_document_id("lzgb/2024/10", None, 3)
    'lzgb/2024/10/item-03'
    """
    return f"{issue}/{doc_number_slug(number) if number else f'item-{position:02d}'}"


def single_document_id(publication: str, number: DocNumber | None, source_id: str | None, date: PartialDate | None,
                       file_stem: str) -> str:
    """A document in no issue: its 发文字号 or 令号, else the manifest's id, else date and file name.

    >>> single_document_id("flfg", DocNumber("劳社部发[2008]3号", "劳社部发", 2008, 3), None, None, "x")
    'flfg/laoshebufa-2008-3'
    >>> single_document_id("flfg", None, None, PartialDate(2023, 12, 4), "regulation-renti-qiguan-2023")
    'flfg/2023-12-04/regulation-renti-qiguan-2023'
    >>> single_document_id("flfg", None, "renti-qiguan", None, "x")
    'flfg/renti-qiguan'
    """
    if number:
        return f"{publication}/{doc_number_slug(number)}"
    if source_id:
        return f"{publication}/{slugify(source_id)}"
    return f"{publication}/{date.iso() if date else 'undated'}/{slugify(file_stem)}"


def newspaper_page_id(publication: str, date: PartialDate | None, page: int | None, source_id: str | None, file_stem: str) -> str:
    """Date at the precision known, then the printed page, else the source id, else the file name.

    >>> newspaper_page_id("lzrb", PartialDate(2024, 4, 3), 1, None, "x")
    'lzrb/2024-04-03/01'
    >>> newspaper_page_id("lzrb", PartialDate(2024), None, None, "003_53429b0ff103284c")
    'lzrb/2024/003-53429b0ff103284c'
    """
    when = date.iso() if date else "undated"
    where = f"{page:02d}" if page else slugify(source_id or file_stem)
    return f"{publication}/{when}/{where}"


def article_id(page_id: str, position: int) -> str:
    """An article: its page and its position on the page.

    >>> article_id("lzrb/2024-04-03/01", 3)
    'lzrb/2024-04-03/01/03'
    """
    return f"{page_id}/{position:02d}"
