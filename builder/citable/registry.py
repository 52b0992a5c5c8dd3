"""The URL registry: once a URL is published, ``urls.lock`` fixes it for good.

The file lives in the corpus folder and is meant to be committed with it. It is plain text,
one tab-separated entry a line, and dangan only ever adds ``url`` lines to it:

    url        <identity key>  <URL>
    moved      <old URL>       <new URL>  <YYYY-MM-DD>  <reason>
    withdrawn  <URL>           <YYYY-MM-DD>  <what it was>  <why>

An identity key names what a URL stands for without pypinyin or titles
(``lzgb|2024|10|柳政办〔2022〕59号``), so a new pypinyin reading, a corrected title or a
growing corpus never moves a URL: the registry, not the slug function, decides a URL once it
is issued. Everything here is pure; :mod:`.lockfile` reads and writes the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Diagnostic

LOCK_NAME = "urls.lock"
HEADER = f"""\
# {LOCK_NAME}: the published URLs of this archive. Commit it with the corpus.
# dangan adds a "url" line when it first publishes a URL and never changes or removes one;
# a build that would change or drop a published URL fails unless a line below says why.
# Fields are separated by one tab. To move or withdraw a URL, add a line:
#   moved<TAB>/old/url/<TAB>/new/url/<TAB>YYYY-MM-DD<TAB>reason
#   withdrawn<TAB>/url/<TAB>YYYY-MM-DD<TAB>what it was<TAB>why
"""
URL = re.compile(r"/(?:[a-z0-9][a-z0-9._-]*/)*")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Entry:
    key: str
    url: str
    line: int = 0


@dataclass(frozen=True)
class Move:
    old: str
    new: str
    date: str
    reason: str
    line: int = 0


@dataclass(frozen=True)
class Withdrawal:
    url: str
    date: str
    what: str
    why: str
    line: int = 0


@dataclass(frozen=True)
class Registry:
    """What ``urls.lock`` says, with the text it was read from (to add lines to)."""

    entries: tuple[Entry, ...] = ()
    moves: tuple[Move, ...] = ()
    withdrawals: tuple[Withdrawal, ...] = ()
    text: str = ""
    path: str = LOCK_NAME


@dataclass(frozen=True)
class Identity:
    """One URL the build wants to publish: what it is, where it came from, the URL derived."""

    key: str
    url: str
    path: str  # the file the identity comes from (source or manifest)
    line: int | None


@dataclass(frozen=True)
class Assignment:
    """The URLs of this build: identity key → URL, the redirects, tombstones and new lines."""

    urls: dict[str, str]
    redirects: tuple[tuple[str, str], ...] = ()  # (old URL, URL it now lives at)
    withdrawn: tuple[Withdrawal, ...] = ()
    added: tuple[Entry, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()


def parse_registry(text: str, path: str = LOCK_NAME) -> tuple[Registry, list[Diagnostic]]:
    """Read the lines of ``urls.lock``; every malformed line is an error naming its line.

    >>> reg, problems = parse_registry("url\\tlzgb|2024|10\\t/lzgb/2024/10/\\n")
    >>> reg.entries[0].key, reg.entries[0].url, problems
    ('lzgb|2024|10', '/lzgb/2024/10/', [])
    >>> parse_registry("url\\tx\\tno-slashes\\n")[1][0].message
    "a URL starts and ends with '/' and has only a-z, 0-9, '.', '_', '-': 'no-slashes'"
    """
    entries, moves, withdrawals, problems = [], [], [], []
    keys: dict[str, int] = {}

    def bad(no: int, message: str) -> None:
        problems.append(Diagnostic("error", "urls-lock-syntax", message, path, no))

    def url_ok(no: int, url: str) -> bool:
        if URL.fullmatch(url):
            return True
        bad(no, f"a URL starts and ends with '/' and has only a-z, 0-9, '.', '_', '-': {url!r}")
        return False

    for no, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        fields = raw.split("\t")
        kind = fields[0]
        if kind == "url" and len(fields) == 3:
            if url_ok(no, fields[2]):
                if fields[1] in keys:
                    bad(no, f"{fields[1]} is already registered at line {keys[fields[1]]}")
                keys.setdefault(fields[1], no)
                entries.append(Entry(fields[1], fields[2], no))
        elif kind == "moved" and len(fields) == 5:
            if url_ok(no, fields[1]) and url_ok(no, fields[2]) and date_ok(fields[3], no, bad):
                moves.append(Move(fields[1], fields[2], fields[3], fields[4], no))
        elif kind == "withdrawn" and len(fields) == 5:
            if url_ok(no, fields[1]) and date_ok(fields[2], no, bad):
                withdrawals.append(Withdrawal(fields[1], fields[2], fields[3], fields[4], no))
        else:
            bad(no, "expected url<TAB>key<TAB>URL, moved<TAB>old<TAB>new<TAB>date<TAB>reason "
                    "or withdrawn<TAB>URL<TAB>date<TAB>what<TAB>why")
    return Registry(tuple(entries), tuple(moves), tuple(withdrawals), text, path), problems


def date_ok(value: str, no: int, bad) -> bool:
    if DATE.fullmatch(value):
        return True
    bad(no, f"a date is YYYY-MM-DD: {value!r}")
    return False


def final_url(url: str, moves: dict[str, Move]) -> str:
    """Where a URL lives after every recorded move (a cycle stops where it closes).

    >>> final_url("/a/", {"/a/": Move("/a/", "/b/", "", ""), "/b/": Move("/b/", "/c/", "", "")})
    '/c/'
    """
    seen = {url}
    while url in moves and moves[url].new not in seen:
        url = moves[url].new
        seen.add(url)
    return url


def assign_urls(registry: Registry, identities: list[Identity], frozen: bool = False) -> Assignment:
    """Give every identity its URL: the registered one when there is one, else the derived one.

    Fails (diagnostics of level error, one per URL) when a published URL would disappear
    without a ``moved`` or ``withdrawn`` line, when a new URL would take one already issued
    to something else, or (``frozen``) when any URL is not registered yet.
    """
    lock = registry.path
    moves = {m.old: m for m in registry.moves}
    withdrawn = {w.url: w for w in registry.withdrawals}
    by_key = {e.key: e for e in registry.entries}
    issued = {e.url: e for e in registry.entries}
    present = {i.key for i in identities}
    problems: list[Diagnostic] = []
    urls: dict[str, str] = {}
    added: list[Entry] = []
    served: dict[str, Identity] = {}

    def error(code: str, message: str, path: str, line: int | None) -> None:
        problems.append(Diagnostic("error", code, message, path, line))

    for ident in identities:
        entry = by_key.get(ident.key)
        if entry:
            url = final_url(entry.url, moves)
        else:
            url = ident.url
            owner = issued.get(url)
            if frozen:
                error("url-unregistered", f"{url} ({ident.key}) is not in {LOCK_NAME} and the build is frozen", ident.path, ident.line)
            elif url in moves or url in withdrawn:
                error("url-reused", f"{url} ({ident.key}) was {'moved' if url in moves else 'withdrawn'} "
                      f"({lock}:{(moves.get(url) or withdrawn[url]).line}) and cannot be issued again", ident.path, ident.line)
            elif owner and owner.key in present:
                error("url-taken", f"{url} ({ident.key}) is already issued to {owner.key} ({lock}:{owner.line})", ident.path, ident.line)
            added.append(Entry(ident.key, url))
        if url in withdrawn:
            error("url-withdrawn", f"{url} ({ident.key}) is withdrawn ({lock}:{withdrawn[url].line}) but the corpus still has it", ident.path, ident.line)
        other = served.setdefault(url, ident)
        if other is not ident:
            error("url-taken", f"{url} would serve both {other.key} ({other.path}:{other.line}) and {ident.key}", ident.path, ident.line)
        urls[ident.key] = url

    for entry in registry.entries:
        if entry.key in present:
            continue
        url = final_url(entry.url, moves)
        if url not in served and url not in withdrawn:
            error("url-dropped", f"published URL {entry.url} ({entry.key}) would disappear: nothing in the corpus has it any more; "
                  f"record it in {LOCK_NAME} as moved or withdrawn", lock, entry.line)
    redirects = []
    for move in registry.moves:
        if move.old in served:
            error("url-moved-served", f"{move.old} is recorded as moved to {move.new} but this build still serves it", lock, move.line)
            continue
        target = final_url(move.old, moves)
        if target not in served:
            error("url-move-target", f"{move.old} is recorded as moved to {move.new}, which this build does not have", lock, move.line)
            continue
        redirects.append((move.old, target))
    tombstones = tuple(w for w in registry.withdrawals if w.url not in served)
    return Assignment(urls, tuple(sorted(redirects)), tombstones, tuple(added), tuple(problems))


def added_text(registry: Registry, added: tuple[Entry, ...]) -> str:
    r"""The lock file with ``added`` merged in key order among the ``url`` lines; every
    existing line is kept as it is (dangan only adds lines).

    >>> reg, _ = parse_registry("# c\nurl\tb\t/b/\nmoved\t/x/\t/b/\t2025-01-01\tr\n")
    >>> print(added_text(reg, (Entry("c", "/c/"), Entry("a", "/a/"))).replace("\t", " "), end="")
    # c
    url a /a/
    url b /b/
    url c /c/
    moved /x/ /b/ 2025-01-01 r
    """
    pending = sorted(added, key=lambda e: e.key)
    lines = registry.text.splitlines() if registry.text else HEADER.splitlines()
    out: list[str] = []
    last_url = -1
    for line in lines:
        if line.startswith("url\t"):
            key = line.split("\t")[1]
            while pending and pending[0].key < key:
                out.append(entry_line(pending.pop(0)))
            last_url = len(out)
        out.append(line)
    at = last_url + 1 if last_url >= 0 else len(out)
    out[at:at] = [entry_line(e) for e in pending]
    return "\n".join(out) + "\n"


def entry_line(entry: Entry) -> str:
    return f"url\t{entry.key}\t{entry.url}"
