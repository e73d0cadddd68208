"""Each shortcut the extractor takes for speed gives what the long way gives.

The long ways are written out here as they were before the shortcut, and both
run over every line, number and clause of the seeds and the fixture texts
(other genres, web clutter, broken PDFs), plus cases made to sit at a shortcut's edge.
"""

from __future__ import annotations

import re
from functools import cache

import pytest

from reports.extraction import indicators, normalize, numbering, parts, statistics, titles
from reports.extraction.indicators import map_indicator
from reports.extraction.numbers import _PREFIX_REACH, _QUANTITY, quantity_matches
from reports.extraction.records import ReportRecord

from .conftest import FIXTURES, SEEDS


@cache
def texts() -> tuple[str, ...]:
    paths = sorted(SEEDS.glob("*.txt")) + sorted((FIXTURES / "texts").glob("*.txt"))
    return tuple(path.read_text(encoding="utf-8") for path in paths)


def lines() -> list[str]:
    return [line.strip() for text in texts() for line in text.split("\n") if line.strip()]


# --- numbers -------------------------------------------------------------------


def _quantity_matches_searching(text: str) -> list[tuple[int, int]]:
    """Every quantity match, searched for from just before each numeral (the long way)."""
    found, pos = [], 0
    numeral_char = re.compile(r"[0-9０-９〇零一二三四五六七八九两十百千万亿]")
    while (numeral := numeral_char.search(text, pos)) is not None:
        m = _QUANTITY.search(text, max(pos, numeral.start() - _PREFIX_REACH))
        pos = max(m.end(), m.start() + 1)
        before = text[m.start() - 1] if m.start() > 0 else ""
        if (m.group("core") or m.group("pct")) and not (before.isascii() and before.isalnum()):
            found.append(m.span())
    return found


EDGE_NUMBERS = "不超过5件，超过3次，上百次，逾百人，G60科创走廊，约3600余篇，百分之九十，以上2项，至少"


@pytest.mark.parametrize("extra", ["", EDGE_NUMBERS])
def test_quantity_matches_as_searched_for(extra):
    for text in (*texts(), extra):
        assert [m.span() for m in quantity_matches(text)] == _quantity_matches_searching(text)


# --- statistics: a clause's ends -------------------------------------------------


def _clause_stepping(text: str, q, report) -> tuple[int, int]:
    start = q.span_start
    while start > report.char_start and text[start - 1] not in statistics._CLAUSE_STOPS:
        start -= 1
    end = q.span_end
    while end < report.char_end and text[end] not in statistics._CLAUSE_STOPS:
        end += 1
    while start < q.start and text[start].isspace():
        start += 1
    return start, end


def test_clause_ends_as_stepped_to_including_clauses_longer_than_the_reach():
    long_clause = "常委会" + "围绕中心服务大局依法履职尽责" * 12 + "共审议法规12件。"
    assert len(long_clause) > statistics._CLAUSE_REACH
    checked = 0
    for text, first in [(t, f) for t in (*texts(), long_clause, "  共召开会议5次") for f in (0, len(t) // 7)]:
        # a report from the text's start, and one from mid-text: a clause may run into its start
        report = ReportRecord("r1", "t", "work_report", None, char_start=first, char_end=len(text))
        for m in quantity_matches(text, report.char_start, report.char_end):
            q = statistics.quantity_from_match(m)
            if q is not None:
                assert statistics._clause(text, q, report) == _clause_stepping(text, q, report)
                checked += 1
    assert checked > 1000


# --- indicators ------------------------------------------------------------------


def _map_indicator_rule_by_rule(words, unit, body_kind, *wider):
    family = indicators.body_family(body_kind)
    words, wider = indicators._people(words), tuple(indicators._people(w) for w in wider)
    sentence = wider[-1] if wider else words
    for depth, context in enumerate((words, *wider)):
        for rule in indicators.RULES:
            if rule.family not in (indicators.BOTH, family) or (rule.units is not None and unit not in rule.units):
                continue
            if rule.near and depth > 1:
                continue
            if rule.needs is not None and not rule.needs.search(sentence):
                continue
            vetoed_in = (words, context) if rule.near else (words,)
            if rule.words.search(context) and not (rule.unless and any(rule.unless.search(c) for c in vetoed_in)):
                return rule.code
    return "other"


def test_map_indicator_as_rule_by_rule():
    clauses = [c for line in lines() for c in re.split(r"[，。；]", line) if 2 <= len(c) <= 60][:4000]
    units = ("件", "次", "人", "项", "篇", "部", "个", "万元")
    codes = set()
    for n, clause in enumerate(clauses):
        unit, kind = units[n % len(units)], ("npc_sc", "cppcc_sc")[n % 2]
        near, wider = clause[-8:], clauses[max(0, n - 2) : n + 1]
        expected = _map_indicator_rule_by_rule(near, unit, kind, *wider)
        assert map_indicator(near, unit, kind, *wider) == expected, (near, unit, kind, wider)
        codes.add(expected)
    assert len(codes) > 10  # the clauses reach many rules, not only "other"


# --- outline: glued headings, folding, cleaning ------------------------------------------


EDGE_LINES = [
    "取得新成效。二、加强自身建设",
    "取得新成效！（三）加强自身建设",
    "取得新成效。二、加强自身建设。还有一句",
    "加以改进和解决。2023年工作安排",
    "一句。二句。2023年工作安排",
    "没有句号的标题 2023年工作安排",
    "。",
    "",
]


def test_glued_headings_found_where_searched_for():
    glued_marker = re.compile(numbering._GLUED_TAIL.pattern)
    glued_part = re.compile(parts._GLUED_TAIL.pattern)
    found = 0
    for line in lines() + EDGE_LINES:
        marker = glued_marker.search(line)
        assert numbering.glued_tail_marker(line) == (marker.start() if marker else None), line
        part = glued_part.search(line)
        expected = part.start("tail") if part and parts.part_kind(part.group("tail")) else None
        assert parts.glued_part_heading(line) == expected, line
        found += expected is not None
    assert found >= 1


def _fold_every_pair(text: str) -> str:
    for ascii_form, wide_form in normalize._FOLD_PAIRS:
        text = text.replace(ascii_form, wide_form)
    return text


def test_fold_and_clean_as_the_long_way():
    for line in lines() + ["a, b", "２０２３年", "人大 常委会", "会议\u3000召开", "纯中文的一行"]:
        assert normalize.fold(line) == _fold_every_pair(line)
        assert normalize._clean(line) == normalize._STRAY_SPACE.sub("", _fold_every_pair(line))


def test_no_wrapped_title_starts_where_the_shortcut_says_none_can():
    all_lines = lines() + ["白城市人民代表大会常务委员会", "工作报告", "一句话。", "工作报告"]
    skipped = 0
    for n, line in enumerate(all_lines):
        if not titles.may_start_wrapped_title(line):
            assert titles.match_wrapped_title(all_lines[n : n + 3]) is None, all_lines[n : n + 3]
            skipped += 1
    assert skipped > len(all_lines) // 2
    # long first lines of real wrapped titles: the shortcut must let them through
    for first in (
        "中国人民政治协商会议黔东南苗族侗族自治州第十三届委员会常务委员会",
        "黔东南苗族侗族自治州人民代表大会常务委员会",
    ):
        assert titles.match_wrapped_title([first, "工作报告"]) is not None
        assert titles.may_start_wrapped_title(first)
