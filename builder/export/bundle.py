"""One zip to take the archive away: the built site (which works from file://, search included),
its data, README.txt and SHA256SUMS; and the check of such a zip.

Deterministic: entries sorted by name, every timestamp the newest document's date, fixed
permissions and compression, so one corpus gives the same bytes. Names are safe on every
desktop: relative, printable ASCII, at most 200 characters, never two differing only by case.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..checksums import checksum_line, parse_checksum_lines

README = "README.txt"
SUMS = "SHA256SUMS"
MAX_PATH = 200
_FORBIDDEN = re.compile(r'[<>:"\\|?*\x00-\x1f\x7f]')
_DEVICE = re.compile(r"(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?", re.IGNORECASE)


def zip_time(date: str | None) -> tuple[int, int, int, int, int, int]:
    """A zip entry's timestamp: midnight of ``date`` (zip cannot go before 1980).

    >>> zip_time("2024-10"), zip_time(None), zip_time("1975-01-01")
    ((2024, 10, 1, 0, 0, 0), (1980, 1, 1, 0, 0, 0), (1980, 1, 1, 0, 0, 0))
    """
    if not date:
        return (1980, 1, 1, 0, 0, 0)
    parts = [int(p) for p in date.split("-")] + [1, 1]
    return (1980, 1, 1, 0, 0, 0) if parts[0] < 1980 else (parts[0], parts[1], parts[2], 0, 0, 0)


def unsafe_names(names: Iterable[str]) -> list[str]:
    """Why each bad entry name would trouble some desktop or zip tool (empty: all safe).

    >>> unsafe_names(["index.html", "a/b.txt"])
    []
    >>> for p in unsafe_names(["/etc/x", "a/../b", "C:/x", "A.txt", "a.txt", "con.txt", "x" * 201, "a\\\\b", "档案.txt"]): print(p)
    /etc/x: absolute path
    a/../b: '..' or empty segment
    C:/x: forbidden character
    con.txt: reserved device name con.txt
    xxxxxxxxxxxxxxxxxxxx…: longer than 200 characters
    a\\b: forbidden character
    档案.txt: not printable ASCII
    a.txt: differs from A.txt only by case
    """
    problems = []
    seen: dict[str, str] = {}
    later = []
    for name in names:
        why = _name_problem(name)
        if why:
            problems.append(f"{name if len(name) <= MAX_PATH else name[:20] + '…'}: {why}")
        key = name.casefold()
        if key in seen and seen[key] != name:
            later.append(f"{name}: differs from {seen[key]} only by case")
        seen.setdefault(key, name)
    return problems + later


def _name_problem(name: str) -> str | None:
    if name.startswith("/"):
        return "absolute path"
    if any(seg in ("", ".", "..") for seg in name.rstrip("/").split("/")):
        return "'..' or empty segment"
    if _FORBIDDEN.search(name):
        return "forbidden character"
    if len(name) > MAX_PATH:
        return f"longer than {MAX_PATH} characters"
    if not name.isascii() or not name.isprintable():
        return "not printable ASCII"
    for seg in name.rstrip("/").split("/"):
        if _DEVICE.fullmatch(seg):
            return f"reserved device name {seg}"
        if seg.endswith((" ", ".")):
            return f"segment ends in a space or dot: {seg!r}"
    return None


def site_files(site: Path) -> list[str]:
    """Every file of a built site, as sorted POSIX paths relative to it; not the folder's own
    marker (``.dangan-site`` names the corpus folder of this machine: no part of the archive)."""
    site = Path(site)
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*")
                  if p.is_file() and not (p.parent == site and p.name.startswith(".dangan-")))


def readme_text(*, documents: int, files: int, newest: str | None, corpus_sha256: str, licences: list[str], corpus_checksums: str) -> str:
    """README.txt: what the bundle is, how to open it, its date, the corpus hash and the licence."""
    licence = "; ".join(licences) if licences else "not stated in corpus.yml (ask the publisher before reuse) / 语料清单未声明许可"
    return "\n".join([
        "档案 dangan — offline archive / 离线档案",
        "",
        f"{documents} documents · {files} files (this README and SHA256SUMS included).",
        "",
        "How to open / 打开方式:",
        "  Unpack the whole zip into a folder, then double-click index.html.",
        "  Everything works without internet, search included.",
        "  解压整个压缩包到一个文件夹，双击 index.html 即可浏览与检索，无需联网。",
        "",
        "Data / 数据 (see data/index.html):",
        "  catalog.csv, catalog.json, removals.json, archive.sqlite, datapackage.json, metadata.json;",
        "  every document's text beside its page: <id>/text.md and <id>/text.txt.",
        "",
        f"Build date / 版本日期 (newest document date): {newest or 'undated'}",
        f"Licence / 许可: {licence}",
        "",
        f"Corpus SHA-256 / 语料指纹: {corpus_sha256}",
        "  = SHA-256 of these lines (sha256sum of corpus.yml and every source file):",
        *("  " + line for line in corpus_checksums.splitlines()),
        "",
        "Check the bundle / 校验: `dangan verify <this zip>`, or in the unpacked folder `sha256sum -c SHA256SUMS`.",
        "",
    ])


def bundle_entries(site: Path, readme: str) -> tuple[list[str], str]:
    """The names of the bundle (sorted, README and SHA256SUMS included) and the SHA256SUMS text."""
    names = site_files(site)
    clash = [n for n in names if n in (README, SUMS)]
    if clash:
        raise RuntimeError(f"the site already has {clash}; the bundle's own files would replace them")
    lines = [checksum_line(n, (Path(site) / n).read_bytes()) for n in names]
    lines.append(checksum_line(README, readme.encode("utf-8")))
    sums = "".join(sorted(lines, key=lambda line: line[66:]))
    return sorted([*names, README, SUMS]), sums


def write_bundle(out: Path, site: Path, readme: str, date: str | None) -> int:
    """Pack ``site`` with README.txt and SHA256SUMS into the zip ``out`` (atomically); returns the entry count."""
    names, sums = bundle_entries(site, readme)
    problems = unsafe_names(names)
    if problems:
        raise RuntimeError("names not safe on every desktop:\n" + "\n".join(problems[:20]))
    extra = {README: readme.encode("utf-8"), SUMS: sums.encode("utf-8")}
    when = zip_time(date)
    out = Path(out).resolve()
    tmp = out.with_name(out.name + ".tmp")
    with zipfile.ZipFile(tmp, "w") as z:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=when)
            info.create_system = 3  # Unix, so the permissions below are read
            info.external_attr = 0o100644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            data = extra[name] if name in extra else (Path(site) / name).read_bytes()
            z.writestr(info, data, compresslevel=6)
    tmp.replace(out)
    return len(names)


@dataclass
class Verification:
    missing: list[str] = field(default_factory=list)  # listed in SHA256SUMS, not in the zip
    extra: list[str] = field(default_factory=list)  # in the zip, not listed
    changed: list[str] = field(default_factory=list)  # hash differs
    unsafe: list[str] = field(default_factory=list)  # names some desktop or zip tool refuses
    broken: list[str] = field(default_factory=list)  # unreadable entries, no SHA256SUMS
    checked: int = 0

    @property
    def ok(self) -> bool:
        return not (self.missing or self.extra or self.changed or self.unsafe or self.broken)

    def lines(self) -> Iterator[str]:
        for label, items in (("missing", self.missing), ("extra", self.extra), ("changed", self.changed),
                             ("unsafe name", self.unsafe), ("broken", self.broken)):
            for item in items:
                yield f"{label}: {item}"


def verify_bundle(path: Path) -> Verification:
    """Check every entry of a bundle against its SHA256SUMS, and every name for safety."""
    result = Verification()
    try:
        z = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        result.broken.append(f"{path}: {exc}")
        return result
    with z:
        names = [i.filename for i in z.infolist() if not i.is_dir()]
        result.unsafe = unsafe_names([i.filename for i in z.infolist()])
        if SUMS not in names:
            result.broken.append(f"no {SUMS} in the zip")
            return result
        listed = parse_checksum_lines(z.read(SUMS).decode("utf-8"))
        present = set(names) - {SUMS}
        result.missing = sorted(set(listed) - present)
        result.extra = sorted(present - set(listed))
        for name in sorted(present & set(listed)):
            try:
                digest = hashlib.sha256(z.read(name)).hexdigest()
            except (zipfile.BadZipFile, OSError) as exc:  # a bad CRC or a truncated entry
                result.broken.append(f"{name}: {exc}")
                continue
            result.checked += 1
            if digest != listed[name]:
                result.changed.append(name)
    return result
