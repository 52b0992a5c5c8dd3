"""Each document's clean text to download: ``text.txt`` (every character, as search and the
conservation audit see it) and ``text.md`` (the catalog record as front matter, then the body)."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Archive, Document
from ..render.catalog import catalog_entry
from ..render.markdown import blocks_to_markdown, escape, yaml_text
from .rows import text_paths


def plain_text(doc: Document) -> str:
    """Title, metadata lines and body, one block per line (what the FTS table holds)."""
    return doc.text()


def markdown_text(doc: Document) -> str:
    """Front matter (the document's catalog record), the title, the body, signature and attachments."""
    record = catalog_entry(doc)
    head = "---\n" + yaml_text(record) + "---\n\n"
    parts = [f"# {escape(doc.title)}", blocks_to_markdown(doc.blocks)]
    if doc.signature:
        parts.append("  \n".join(escape(s) for s in doc.signature))
    if doc.attachments:
        parts.append("\n".join(f"- {escape(a)}" for a in doc.attachments))
    return head + "\n\n".join(p for p in parts if p) + "\n"


def text_files(archive: Archive) -> Iterator[tuple[str, str]]:
    """``(path, text)`` of every document's two text files, in archive order, beside its page in
    the root tree only: the other trees' pages link these (``render.links.to_root_files``).
    One copy: the text is as printed (Simplified), whichever script a tree shows, so a copy
    per tree would be the same bytes again (two or three times the files of a bundle)."""
    for doc in archive.documents:
        yield from document_text_files(doc)


def document_text_files(doc: Document) -> list[tuple[str, str]]:
    """One document's ``text.md`` and ``text.txt``."""
    md, txt = text_paths(doc.id)
    return [(md, markdown_text(doc)), (txt, plain_text(doc) + "\n")]
