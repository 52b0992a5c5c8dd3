"""The corpus reader: manifest validation names file and entry line; decoding is robust."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.model import DanganError, PartialDate
from builder.sources import read_corpus

GOOD_TEXT = "# 标题\n\n正文。\n"


def corpus(tmp_path: Path, manifest: str, files: dict[str, bytes] | None = None) -> Path:
    (tmp_path / "corpus.yml").write_text(manifest, encoding="utf-8")
    for name, data in (files or {"a.txt": GOOD_TEXT.encode()}).items():
        (tmp_path / name).write_bytes(data)
    return tmp_path


PUBS = "publications:\n  gb:\n    name: 某市政府公报\n    kind: gazette\n"


def errors(path: Path) -> list[str]:
    with pytest.raises(DanganError) as exc:
        read_corpus(path)
    return [str(d) for d in exc.value.diagnostics]


def test_reads_dates_at_every_precision(tmp_path):
    path = corpus(tmp_path, PUBS + "sources:\n  - file: a.txt\n    publication: gb\n    date: 2024-10\n"
                  "  - file: b.txt\n    publication: gb\n    date: 2024\n  - file: c.txt\n    publication: gb\n    date: 2024-04-03\n",
                  {n: GOOD_TEXT.encode() for n in ("a.txt", "b.txt", "c.txt")})
    _, sources = read_corpus(path)
    assert [s.date for s in sources] == [PartialDate(2024, 10), PartialDate(2024), PartialDate(2024, 4, 3)]


def test_missing_file_names_manifest_and_line(tmp_path):
    path = corpus(tmp_path, PUBS + "sources:\n  - file: a.txt\n    publication: gb\n  - file: nope.txt\n    publication: gb\n")
    [msg] = errors(path)
    assert "corpus.yml:8" in msg and "nope.txt" in msg and "does not exist" in msg


def test_unknown_key_and_unknown_publication_are_all_reported(tmp_path):
    path = corpus(tmp_path, PUBS + "sources:\n  - file: a.txt\n    publication: xx\n    pages: 3\n")
    msgs = errors(path)
    assert any("unknown key 'pages'" in m and "corpus.yml:8" in m for m in msgs)
    assert any("unknown publication 'xx'" in m for m in msgs)


def test_bad_yaml_names_the_line(tmp_path):
    path = corpus(tmp_path, PUBS + "sources:\n  - file: a.txt\n   publication: [gb\n")
    [msg] = errors(path)
    assert "corpus.yml" in msg and "not valid YAML" in msg


def test_bad_kind_and_bad_date(tmp_path):
    path = corpus(tmp_path, "publications:\n  gb:\n    name: X\n    kind: magazine\nsources:\n  - file: a.txt\n    publication: gb\n    date: 2024-13\n")
    msgs = errors(path)
    assert any("kind must be" in m and "documents" in m and "gazette" in m and "newspaper" in m for m in msgs)
    assert any("month out of range" in m and "corpus.yml:8" in m for m in msgs)


def test_reserved_slug_is_refused(tmp_path):
    path = corpus(tmp_path, "publications:\n  issuer:\n    name: X\n    kind: gazette\nsources:\n  - file: a.txt\n    publication: issuer\n")
    assert any("reserved" in m for m in errors(path))


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_decodes_utf8_bom_and_gb18030_with_crlf(tmp_path, encoding):
    path = corpus(tmp_path, PUBS + "sources:\n  - file: a.txt\n    publication: gb\n", {"a.txt": "柳州\r\n公报\r\n".encode(encoding)})
    [source] = read_corpus(path)[1]
    assert source.text == "柳州\n公报\n"


def test_undecodable_file_is_an_error(tmp_path):
    path = corpus(tmp_path, PUBS + "sources:\n  - file: a.txt\n    publication: gb\n", {"a.txt": b"\xff\xfe\x00\xd8bad"})
    assert any("a.txt" in m and "encoding" in m for m in errors(path))
