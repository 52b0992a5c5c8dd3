"""Walk a built site: every local link of every HTML page must resolve to a file."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        for key in ("href", "src"):
            if a.get(key) and tag in {"a", "link", "script", "img"}:
                self.links.append(a[key])


def parse(page: Path) -> _Links:
    p = _Links()
    p.feed(page.read_text(encoding="utf-8"))
    return p


def broken_links(site: Path) -> list[str]:
    """``page: link`` for every local link whose target file (or #anchor) does not exist."""
    site = site.resolve()
    problems = []
    ids_cache: dict[Path, set[str]] = {}
    # 404.html is served by a web server for any missing path, so MkDocs writes it with
    # root-absolute links; it is the one page not meant to be opened from file://.
    for page in sorted(p for p in site.rglob("*.html") if p.name != "404.html"):
        for link in parse(page).links:
            if re.match(r"^[a-z]+:", link) or link.startswith("//"):
                continue  # external (none should exist; see test_no_external_fetch)
            url, fragment = urldefrag(link)
            path = unquote(urlsplit(url).path)
            target = (page.parent / path).resolve() if path else page
            if path.startswith("/"):
                problems.append(f"{page.relative_to(site)}: absolute link {link}")
                continue
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                problems.append(f"{page.relative_to(site)}: {link}")
                continue
            if fragment and target.suffix == ".html":
                ids = ids_cache.setdefault(target, parse(target).ids)
                if unquote(fragment) not in ids:
                    problems.append(f"{page.relative_to(site)}: {link} (no such anchor)")
    return problems


def external_references(site: Path) -> list[str]:
    """Any http(s) resource a page would load (links to read elsewhere are fine; loads are not)."""
    found = []
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for m in re.finditer(r'<(?:script|link|img|iframe)[^>]+(?:src|href)="(https?:)?//[^"]+"', html):
            found.append(f"{page.relative_to(site)}: {m.group(0)[:120]}")
    return found
