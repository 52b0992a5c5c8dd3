"""The archive's data model: typed, frozen records that flow one way through the stages.

sources -> normalize -> segment -> extract -> index -> render -> write.
Every record that comes from the input keeps the source file name and line so that any
warning, removal or metadata value can be traced back to the text it came from.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol

Level = Literal["error", "warning", "info"]
BlockKind = Literal["paragraph", "heading", "table", "caption", "box", "figure", "signature", "note"]
#: Kind names are registered in ``builder.kinds`` (the manifest validates against it).
PublicationKind = str
DocumentKind = str


@dataclass(frozen=True)
class Diagnostic:
    """A message about the input, always with the file (and line, when there is one)."""

    level: Level
    code: str  # short, stable, e.g. "toc-unmatched", "manifest-unknown-key"
    message: str
    path: str  # the file the message is about (manifest or source)
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.level}: {self.message} [{self.code}]"


class DanganError(Exception):
    """Input that cannot be built; carries every diagnostic found before giving up."""

    def __init__(self, diagnostics: list[Diagnostic] | tuple[Diagnostic, ...]):
        self.diagnostics = tuple(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the day, the month or only the year (the manifest allows all three).

    >>> PartialDate(2024, 10).iso()
    '2024-10'
    >>> PartialDate.parse("2024-04-03").iso()
    '2024-04-03'
    """

    year: int
    month: int | None = None
    day: int | None = None

    def iso(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
            if self.day:
                parts.append(f"{self.day:02d}")
        return "-".join(parts)

    @classmethod
    def parse(cls, value: str) -> PartialDate:
        m = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", value.strip())
        if not m:
            raise ValueError(f"not a date, month or year: {value!r}")
        year = int(m[1])
        month, day = (int(g) if g else None for g in m.groups()[1:])
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"month out of range: {value!r}")
        if day is not None and not 1 <= day <= 31:
            raise ValueError(f"day out of range: {value!r}")
        return cls(year, month, day)


@dataclass(frozen=True)
class Publication:
    slug: str
    name: str
    kind: PublicationKind
    publisher: str | None = None
    alternate_name: str | None = None  # e.g. the romanised Zhuang title on the cover
    place: str | None = None  # whose 市商务局 its texts mean (柳州市); else read from name/publisher
    licence: str | None = None  # as the manifest states it (optional)


@dataclass(frozen=True)
class Line:
    """One line of a source after decoding and normalization; ``no`` is 1-based."""

    no: int
    text: str


@dataclass(frozen=True)
class Source:
    """One input file, decoded, with what the manifest says about it."""

    path: Path
    publication: Publication
    text: str
    encoding: str
    manifest_line: int | None = None
    date: PartialDate | None = None
    page: int | None = None
    page_name: str | None = None
    id: str | None = None
    format: str | None = None  # the manifest's ``format:``: which reader of its kind reads it (else chosen by content)

    @property
    def file(self) -> str:
        return self.path.name


@dataclass(frozen=True)
class Removal:
    """A span of source text that cleaning removed or moved out of a document body.

    The removal log is the archivist's proof that nothing was lost: every character of a
    source ends up in a document, in issue/page metadata, or here.
    """

    source: str
    line: int
    text: str
    reason: str  # e.g. "page-header", "doubled-text", "toc", "page-furniture"
    document: str | None = None  # document id the span was inside, if any
    replacement: str = ""  # what stands in the text instead (e.g. the repaired caption)


@dataclass(frozen=True)
class Block:
    """One block of a document body, renderer-independent."""

    kind: BlockKind
    text: str = ""
    level: int = 0  # headings: 1 = the document's top section level
    rows: tuple[tuple[str, ...], ...] = ()  # tables: header rows first
    header_rows: int = 0
    line: int = 0  # first source line
    lead: str = ""  # a paragraph's lead phrase such as "（一）加强组织领导。"
    anchor: str = ""  # a stable anchor a citation can point at (``tiao-12`` for 第十二条); else the block's place


@dataclass(frozen=True)
class DocNumber:
    """A 发文字号 such as 柳政办〔2022〕59号, parsed and normalised.

    >>> DocNumber("柳政办[2022]59号", "柳政办", 2022, 59).normalized
    '柳政办〔2022〕59号'
    """

    raw: str
    agency_code: str  # 机关代字
    year: int | None
    serial: int

    @property
    def normalized(self) -> str:
        if self.year is None:
            return f"{self.agency_code}第{self.serial}号"
        return f"{self.agency_code}〔{self.year}〕{self.serial}号"

    @property
    def series(self) -> str:
        return f"{self.agency_code}〔{self.year}〕" if self.year is not None else self.agency_code


@dataclass(frozen=True)
class Citation:
    """A 发文字号 cited in a body, with the cited title when the text gives it."""

    doc_number: DocNumber
    title: str | None
    line: int
    relation: Literal["cites", "ends"] = "cites"  # "ends": 停止执行 / 废止 / 不再执行


@dataclass(frozen=True)
class IssueRef:
    year: int
    number: int
    total: int | None = None


@dataclass(frozen=True)
class TocEntry:
    title: str
    doc_number: str | None  # normalised 发文字号
    page: int | None
    line: int
    document: str | None = None  # id of the matched document


@dataclass(frozen=True)
class Document:
    """One official document of a gazette issue or one newspaper article."""

    id: str  # URL path without slashes at the ends; identity-based, never from the title
    kind: DocumentKind
    publication: str
    source: str
    title: str
    line_start: int
    line_end: int
    blocks: tuple[Block, ...] = ()
    title_derived: bool = False
    date: str | None = None  # ISO, reduced precision allowed
    position: int = 0  # 1-based place in its issue or on its page
    # gazette documents
    issue: IssueRef | None = None
    doc_number: DocNumber | None = None
    issuer: str | None = None
    doc_type: str | None = None  # 文种
    recipients: str | None = None  # 主送机关
    attachments: tuple[str, ...] = ()
    enclosed_title: str | None = None  # what it 印发 / 转发
    pages: tuple[int | None, int | None] | None = None  # first, last printed page
    signature: tuple[str, ...] = ()
    citations: tuple[Citation, ...] = ()
    adopted: str | None = None  # 通过 (a judicial interpretation, a regulation adopted at a meeting)
    promulgated: str | None = None  # 公布 (a 政府令's 规章)
    effective: str | None = None  # 施行
    unparsed: bool = False  # no rule understood its structure: kept as printed, the page says so
    # newspaper articles
    page: int | None = None
    page_name: str | None = None
    kicker: str | None = None  # 引题
    subtitle: str | None = None  # 副题
    dateline: str | None = None
    byline: str | None = None
    captions: tuple[str, ...] = ()
    continues_on: str | None = None
    continued_from: str | None = None
    source_url: str | None = None  # where the text was taken from (front matter)
    # inferred fields: (name, confidence 0–1 rounded to 2 places) in a fixed order, and the
    # names of those below the reader's threshold ("title", "kicker", "byline", "boundary" …:
    # shown on the page, listed by `dangan check` with a correction stub)
    confidence: tuple[tuple[str, float], ...] = ()
    uncertain: tuple[str, ...] = ()
    corrections: tuple[str, ...] = ()  # the archivist's corrections applied (corrections.yml), one note each
    split_from: str | None = None  # a corrections.yml split: the id of the article this part was cut from
    merged: tuple[str, ...] = ()  # a corrections.yml merge: ids of the articles joined into this one (they redirect here)
    # both; filled by the index stage
    topics: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    mentions: tuple[str, ...] = ()  # canonical names of agencies the text mentions
    related: tuple[str, ...] = ()  # ids of documents sharing topics, issuer or keywords

    @property
    def url(self) -> str:
        return f"/{self.id}/"

    def body_text(self) -> str:
        """The body: every block's text and every table row, one per line."""
        parts = []
        for b in self.blocks:
            parts.append(b.lead + b.text)
            parts.extend("".join(r) for r in b.rows)
        return "\n".join(p for p in parts if p)

    def text(self) -> str:
        """Every character of the document: title, metadata and body (for audit and search)."""
        parts = [self.title, self.kicker or "", self.subtitle or "", self.dateline or "", self.byline or ""]
        parts += [self.recipients or "", *self.attachments, *self.signature, *self.captions, self.body_text()]
        return "\n".join(p for p in parts if p)


@dataclass(frozen=True)
class Issue:
    """One gazette issue."""

    id: str  # e.g. "lzgb/2024/10"
    publication: str
    source: str
    year: int
    number: int
    total: int | None = None
    date: str | None = None
    editor: str | None = None  # 主办
    supervisor: str | None = None  # 主管
    alternate_title: str | None = None
    toc: tuple[TocEntry, ...] = ()
    documents: tuple[str, ...] = ()  # ids in printed order
    front_matter: tuple[str, ...] = ()  # cover / colophon lines kept as metadata
    phone: str | None = None  # the colophon's 联系电话

    @property
    def url(self) -> str:
        return f"/{self.id}/"


@dataclass(frozen=True)
class NewspaperPage:
    """One printed page (版) of a newspaper."""

    id: str  # e.g. "lzrb/2024-04-03/01"
    publication: str
    source: str
    date: str | None
    page: int | None = None
    page_name: str | None = None
    furniture: tuple[str, ...] = ()  # banners, mail boxes, column labels kept as page metadata
    documents: tuple[str, ...] = ()

    @property
    def url(self) -> str:
        return f"/{self.id}/"


@dataclass(frozen=True)
class SourceResult:
    """What parsing one source produced."""

    source: str
    documents: tuple[Document, ...] = ()
    issue: Issue | None = None
    page: NewspaperPage | None = None
    pages: tuple[NewspaperPage, ...] = ()  # further pages, for a source holding several (a whole day)
    removals: tuple[Removal, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()

    @property
    def all_pages(self) -> tuple[NewspaperPage, ...]:
        return ((self.page,) if self.page else ()) + self.pages


@dataclass(frozen=True)
class Term:
    """One value of a taxonomy (an issuer, a topic, a 文种, a year …) and its documents."""

    taxonomy: str
    key: str  # ASCII slug, part of the URL
    label: str
    documents: tuple[str, ...] = ()
    sort_key: str = ""


@dataclass(frozen=True)
class Relation:
    """One document citing (or ending) a 发文字号, resolved against the archive."""

    source: str  # id of the citing document
    doc_number: DocNumber  # the 发文字号 cited
    relation: Literal["cites", "ends"]
    target: str | None = None  # id of the cited document when it is in the archive
    title: str | None = None  # the cited title as the citing text gives it
    line: int = 0

    @property
    def number(self) -> str:
        return self.doc_number.normalized


@dataclass(frozen=True)
class Archive:
    """Everything the build knows, gathered before anything is written."""

    corpus: Path
    publications: tuple[Publication, ...]
    documents: tuple[Document, ...]
    issues: tuple[Issue, ...] = ()
    pages: tuple[NewspaperPage, ...] = ()
    removals: tuple[Removal, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    terms: tuple[Term, ...] = ()
    sources: tuple[str, ...] = field(default=())
    relations: tuple[Relation, ...] = ()

    def document(self, id: str) -> Document:
        return self._by_id()[id]

    def _by_id(self) -> dict[str, Document]:
        cache = self.__dict__.get("_doc_index")
        if cache is None:
            cache = {d.id: d for d in self.documents}
            object.__setattr__(self, "_doc_index", cache)
        return cache


@dataclass(frozen=True)
class StagedFile:
    """Content too big to hold in memory (archive.sqlite: 146 MB at 10,000 documents), which a
    stage built in a scratch file of its own. The write stage copies it into place, as it writes
    ``str`` and ``bytes``; ``size`` and ``sha256`` describe it without reading it again.
    The scratch file lives only as long as the stage's context (see ``export.open_data_files``)."""

    path: Path
    size: int
    sha256: str  # hex


@dataclass(frozen=True)
class KeptText:
    """A text an earlier build made (a page, a citation file), kept in the build cache: known
    by its digest, read only when it has to be written. A rebuild that finds the file already
    there with that digest never reads it (builder/render/memo.py makes these)."""

    sha256: str  # hex, of the UTF-8 bytes
    load: Callable[[], str] = field(compare=False, repr=False)


def text_of(content: str | KeptText) -> str:
    """The text itself, read from the cache if it is a :class:`KeptText`."""
    return content.load() if isinstance(content, KeptText) else content


#: What a stage hands the write stage for one file.
FileContent = str | bytes | StagedFile | KeptText


def content_sha256(content: FileContent) -> str:
    """The hex sha256 of a file's bytes, known without reading a staged or kept file.

    >>> content_sha256("档") == content_sha256("档".encode("utf-8")) == content_sha256(KeptText(content_sha256("档"), str))
    True
    """
    if isinstance(content, (StagedFile, KeptText)):
        return content.sha256
    return hashlib.sha256(content.encode("utf-8") if isinstance(content, str) else content).hexdigest()


class Store(Protocol):
    """Values kept between builds, by key (the build cache's ``Entries``): what the render memo
    and the search index's shard cache are handed, so that neither touches the disk itself."""

    def get(self, key: str) -> Any: ...

    def put(self, key: str, value: Any) -> None: ...

    def holds(self, keys: Iterable[str]) -> bool:
        """Whether a value is kept under every one of ``keys``, without reading them."""
        ...
