"""Table tests for numerals, years, dates, terms and part headings."""

from __future__ import annotations

import pytest

from reports.extraction.lines import split_lines
from reports.extraction.periods import classify_heading, find_periods, party_event_year
from reports.extraction.terms import find_term, term_in_title
from reports.extraction.years import chinese_int, first_date, year_value, years_in


@pytest.mark.parametrize(
    ("text", "value"),
    [("十", 10), ("十六", 16), ("二十三", 23), ("七", 7), ("一百零五", 105), ("二〇二二", 2022),
     ("二○二三", 2023), ("2024", 2024), ("两", 2), ("", None), ("abc", None), ("十x", None)],
)  # fmt: skip
def test_chinese_int(text, value):
    assert chinese_int(text) == value


def test_year_value_rejects_implausible_years():
    assert year_value("二〇二三") == 2023
    assert year_value("1234") is None


@pytest.mark.parametrize(
    ("text", "years"),
    [("2022年工作回顾", [2022]), ("二〇二二年以来的主要工作", [2022]), ("二○二三年的主要工作", [2023]),
     ("从2018年到2022年", [2018, 2022]), ("共12年", []), ("过去一年", [])],
)  # fmt: skip
def test_years_in(text, years):
    assert years_in(text) == years


def test_first_date():
    assert first_date("(2024年2月26日市十六届人大常委会通过)") == ("2024-02-26", 1)
    assert first_date("——二〇二三年一月十二日在大会上")[0] == "2023-01-12"
    assert first_date("2024年13月1日") is None


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("我代表市七届人大常委会,向大会报告工作", 7),
        ("我受北京市第十五届人民代表大会常务委员会委托", 15),
        ("我代表政协第九届德阳市委员会常务委员会,向大会报告工作", 9),
        ("我代表中国人民政治协商会议营口市第十四届委员会常务委员会", 14),
        ("制定《保定市第十六届人大常委会立法规划》", 16),
        ("全面完成市十四届人大一次会议确定的各项任务", 14),
        ("十四届政协履职以来", 14),
        ("新一届常委会履职开局之年", None),  # 新一届 is not a term number
        ("学习贯彻党的十九届六中全会精神和人大常委会部署", None),  # a party plenum
        ("本届常委会开局之年", None),
    ],
)
def test_find_term(text, term):
    assert find_term(text) == term


def test_term_in_title_wins():
    assert term_in_title("苏州市政协十五届常委会工作报告") == 15
    assert find_term("受市八届人大常委会委托", "某市第七届人民代表大会常务委员会工作报告") == 7


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2022年工作回顾", ("review", 2022)),
        ("二〇二二年以来的主要工作", ("review", 2022)),
        ("过去一年的主要工作", ("review", None)),
        ("本届以来的主要工作", ("review", None)),
        ("一、2022年:履职求作为,干出新样子", ("review", 2022)),
        ("二、2023年工作安排", ("plan", 2023)),
        ("今后一年工作建议", ("plan", None)),
        ("新一年的主要任务", ("plan", None)),
        ("2023年工作安排及要求", ("plan", 2023)),
        ("2022年,是党的二十大胜利召开之年", None),
        ("(三)不断营造良好工作氛围", None),
        ("过去五年工作体会", None),
    ],
)
def test_classify_heading(text, expected):
    assert classify_heading(text) == expected


def _periods(text, date_year=None):
    return find_periods(split_lines(text), date_year)


def test_periods_from_headings():
    found = _periods("各位代表:\n2022年工作回顾\n一年来,常委会…。\n2023年工作安排\n2023年是开局之年。")
    assert (found.review_year, found.plan_year, found.review_scope) == (2022, 2023, "one_year")
    assert not found.review_year_inferred and not found.plan_year_inferred


def test_term_review_with_plan_year_in_text():
    found = _periods("过去五年工作回顾\n五年来,我们…。\n今后一年工作建议\n2023年是开局之年。")
    assert (found.review_year, found.plan_year, found.review_scope) == (2022, 2023, "term")
    assert found.review_year_inferred and not found.plan_year_inferred


def test_second_same_worded_heading_with_later_year_is_the_plan():
    found = _periods("2022年主要工作\n一年来…。\n2023年主要工作\n新的一年…。")
    assert (found.review_year, found.plan_year) == (2022, 2023)
    assert found.plan_heading.text == "2023年主要工作"


def test_heading_glued_after_a_sentence():
    found = _periods("2022年工作回顾\n…。\n我们将认真改进。2023年工作安排\n一、…")
    assert found.plan_year == 2023 and not found.plan_year_inferred


def test_years_from_the_reports_own_date():
    found = _periods("过去一年的主要工作\n一年来,常委会…。\n今后一年的主要任务\n今年是…。", date_year=2023)
    assert (found.review_year, found.plan_year) == (2022, 2023)
    assert not found.review_year_inferred and not found.plan_year_inferred


def test_no_year_written_falls_back_on_cited_party_meetings():
    found = _periods("本届以来的主要工作\n本届以来,我们深入学习党的二十大精神。\n今后的工作建议\n…。")
    assert (found.review_year, found.plan_year, found.review_scope) == (2022, 2023, "term")
    assert found.review_year_inferred and found.plan_year_inferred


def test_party_event_year():
    assert party_event_year("学习贯彻党的二十大和二十届二中全会精神") == 2023
    assert party_event_year("二十届三中全会") == 2024
    assert party_event_year("党的十九大") == 2017
    assert party_event_year("没有会议") is None
