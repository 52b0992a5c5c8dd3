"""The newspaper cleanup rules one by one, on small made-up inputs (no corpus needed)."""

from __future__ import annotations

import pytest

from builder.kinds.newspaper.headlines import Part, assign_by_evidence, best_assignment, group_parts, ngrams, rarity_weights, split_glued
from builder.kinds.newspaper.paragraphs import collapse_spaced_runs, line_units
from builder.model import Line
from builder.zh.doubled import undouble_line


@pytest.mark.parametrize("line, repaired", [
    ("清江公交开通的夜间线路清江公交开通的夜间线路。。", "清江公交开通的夜间线路。"),
    ("学学方略方略", "学方略"),
    ("码头码头，，", "码头，"),
])
def test_doubled_lines_repaired_once(line, repaired):
    assert undouble_line(line) == repaired


@pytest.mark.parametrize("word", ["常常", "研究研究", "天天", "谢谢", "天天向上", "他常常说谢谢。", "试验场试验场"])
def test_reduplication_untouched(word):
    assert undouble_line(word) is None


@pytest.mark.parametrize("text, expected", [
    ("数 字 化 贸 易 高 峰 论 坛", "数字化贸易高峰论坛"),
    ("达到 1.034 亿 件 ， 同 比 增 长", "达到 1.034亿件，同比增长"),
    ("全媒体记者 朱柳融 李汶璟", "全媒体记者 朱柳融 李汶璟"),
    ("崔 峻", "崔 峻"),
    ("the Liuzhou gazette", "the Liuzhou gazette"),
])
def test_spaced_runs(text, expected):
    assert collapse_spaced_runs(text) == expected


def lines(text: str) -> tuple[Line, ...]:
    return tuple(Line(n, t) for n, t in enumerate(text.split("\n"), start=1))


def test_blank_line_inside_a_sentence_is_a_column_end():
    units, _ = line_units(lines("不少“柳州制造”通过\n\n跨境电商平台打开国际市场的\n大门。\n\n当前，电商行业"), "x.txt")
    assert [u.text for u in units][:2] == ["不少“柳州制造”通过跨境电商平台打开国际市场的大门。", "当前，电商行业"]


def test_headline_above_prose_stands_alone():
    units, _ = line_units(lines("香港中转 行销全球\n\n近日，柳江畔，碧水蓝天。"), "x.txt")
    assert [(u.kind, u.text) for u in units] == [("headline", "香港中转 行销全球"), ("paragraph", "近日，柳江畔，碧水蓝天。")]


def test_doubled_line_is_logged():
    units, removals = line_units(lines("试验场试验场。。"), "x.txt")
    assert units[0].kind == "caption" and units[0].text == "试验场。"
    assert [(r.line, r.reason, r.replacement) for r in removals] == [(1, "doubled-text", "试验场。")]


def test_glued_headline_line_is_split_between_its_neighbours():
    bodies = ["庞淇文入选2024年大国工匠培育对象名单，柳州1人入选。", "助力企业把握数字化转型机遇，我市面向企业开展电子商务活动。"]
    grams, weight = [ngrams(b) for b in bodies], rarity_weights(bodies)
    parts = [Part("2024年大国工匠培育对象名单", 1), Part("柳州1人入选助力企业把握数字化转型机遇", 2), Part("我市面向企业开展电子商务活动", 3)]
    split = split_glued(parts, grams, weight)
    assert [p.text for p in split] == ["2024年大国工匠培育对象名单", "柳州1人入选", "助力企业把握数字化转型机遇", "我市面向企业开展电子商务活动"]
    groups = group_parts(split, grams, bodies, weight)
    assert [[p.text for p in g] for g in groups] == [["2024年大国工匠培育对象名单", "柳州1人入选"],
                                                     ["助力企业把握数字化转型机遇", "我市面向企业开展电子商务活动"]]


def test_assignment_is_one_to_one_and_global():
    # the greedy choice (row 0 → column 0) would leave row 1 worse off
    assert best_assignment([[5.0, 4.0], [6.0, 1.0]])[1] == (1, 0)
    assert [a for a, _ in assign_by_evidence([[5.0, 4.0], [6.0, 1.0]], 0.34)] == [1, 0]


def test_an_unclear_headline_is_left_unassigned_not_forced():
    # fits both articles about as well: logged and kept, never forced onto the article without one
    assert assign_by_evidence([[5.0, 4.5]], 0.34) == [(None, 0.1)]
    # fits nothing: no article, whatever is left free
    assert assign_by_evidence([[9.0, 0.0], [0.2, 0.3]], 0.34) == [(0, 1.0), (None, 0.0)]
