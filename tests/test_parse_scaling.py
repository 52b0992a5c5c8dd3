"""Parsing time grows linearly with source size (issue #12, failure 10).

Big newspaper pages are made at test time from the demo page (``benchmarks/bigsource.py``):
the 2 MB page must parse in well under ten times the 400 KB page's time; quadratic matching
of headlines against articles made it about 25 times.
"""

from __future__ import annotations

import importlib.util
import time
from pathlib import Path

import pytest

from builder import api

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("bigsource", ROOT / "benchmarks" / "bigsource.py")
bigsource = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bigsource)


def _parse_seconds(corpus: Path) -> tuple[float, int]:
    start = time.perf_counter()
    archive = api.check(corpus)
    return time.perf_counter() - start, len(archive.documents)


@pytest.mark.slow
def test_newspaper_parse_time_is_linear(tmp_path):
    api.check(bigsource.write_corpus("newspaper", 20_000, tmp_path / "warm"))  # imports, dictionaries
    small, small_docs = _parse_seconds(bigsource.write_corpus("newspaper", 400_000, tmp_path / "small"))
    big, big_docs = _parse_seconds(bigsource.write_corpus("newspaper", 2_000_000, tmp_path / "big"))
    assert big_docs > 4 * small_docs  # every article of the bigger page was found
    assert big < 10 * small, f"2 MB page took {big:.1f} s, 400 KB page {small:.1f} s: more than linear"


def test_repeated_doc_number_names_both_places(tmp_path):
    corpus = bigsource.write_corpus("gazette", 2_000, tmp_path)
    text = (corpus / "big-gazette.txt").read_text(encoding="utf-8")
    (corpus / "big-gazette.txt").write_text(text + "\n" + text[text.index("\n# 清江市人民政府办公室关于印发"):], encoding="utf-8")
    repeated = [d for d in api.check(corpus).diagnostics if d.code == "doc-number-repeated"]
    assert repeated and repeated[0].line == 124
    assert "first at big-gazette.txt:40, again at big-gazette.txt:124" in repeated[0].message
    assert "published as qjgb/2025/3/item-04" in repeated[0].message
