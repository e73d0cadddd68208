"""Texts written for rdapi's genres (tests/fixtures/texts): other levels, shapes and clutter."""

from __future__ import annotations

from reports.extraction.documents import find_reports

from .conftest import fixture_text


def _only(name):
    text = fixture_text(name)
    document = find_reports(text)
    assert len(document.reports) == 1
    return text, document.reports[0]


def test_county_cppcc_report():
    text, report = _only("county_cppcc.txt")
    assert report.title == "政协安吉县第十届委员会常务委员会工作报告"
    assert report.char_start == 0
    assert report.body.name == "中国人民政治协商会议安吉县委员会常务委员会"
    assert (report.body.kind, report.body.level, report.body.region_code) == (
        "cppcc_sc",
        "county",
        "330523",
    )
    assert (report.term, report.review_year, report.plan_year) == (10, 2022, 2023)
    assert report.metadata["date"] == "2023-01-10"
    assert text[report.char_start : report.char_end].endswith("奋力谱写新篇章!")


def test_national_npc_report_uses_its_date_and_mandate():
    _text, report = _only("national_npc.txt")
    assert report.body.name == "全国人民代表大会常务委员会"
    assert (report.body.level, report.body.region_code) == ("national", None)
    assert report.warnings == []  # a national body has no region, and that is not a problem
    assert report.term == 13  # the outgoing committee reports to the 14th congress
    assert (report.review_year, report.plan_year, report.review_scope) == (2022, 2023, "term")
    assert not report.review_year_inferred and not report.plan_year_inferred


def test_autonomous_prefecture_short_form():
    _text, report = _only("autonomous_prefecture.txt")
    assert report.body.name == "昌吉回族自治州人民代表大会常务委员会"
    assert (report.body.level, report.body.region_code) == ("prefecture", "652300")
    assert (report.term, report.review_year, report.plan_year) == (16, 2023, 2024)


def test_report_with_no_plan_part():
    text, report = _only("no_plan_part.txt")
    assert (report.body.level, report.body.region_code) == ("district", "360103")  # the 南昌 西湖区
    assert report.body.name == "南昌市西湖区人民代表大会常务委员会"
    assert (report.review_year, report.plan_year, report.review_scope) == (2023, None, "one_year")
    assert report.char_end == len(text.rstrip("\n"))


def test_web_page_clutter_stays_outside_the_report():
    text, report = _only("web_page_clutter.txt")
    span = text[report.char_start : report.char_end]
    assert span.startswith("鄂尔多斯市人民代表大会常务委员会工作报告")
    assert span.endswith("努力奋斗!")
    assert "www." not in span and "版权所有" not in span and "关闭窗口" not in span
    assert report.metadata["published"] == "2024-02-05"
    assert (report.body.region_code, report.term) == ("150600", 5)
    assert (report.review_year, report.plan_year) == (2023, 2024)


def test_compilation_with_table_of_contents():
    text = fixture_text("compilation_with_toc.txt")
    reports = find_reports(text).reports
    assert [r.title for r in reports] == [
        "长兴县人民代表大会常务委员会工作报告",
        "政协德清县委员会常务委员会工作报告",
    ]
    first_title = text.index("长兴县人民代表大会常务委员会工作报告\n各位代表")
    assert reports[0].char_start == first_title  # not the TOC line above
    assert [r.body.kind for r in reports] == ["npc_sc", "cppcc_sc"]
    assert [r.body.region_code for r in reports] == ["330522", "330521"]
    assert [r.term for r in reports] == [17, 11]
    assert text[reports[1].char_start : reports[1].char_end].endswith("关键一年。")  # not the ad
