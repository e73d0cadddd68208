"""Table tests for the title-line recogniser."""

from __future__ import annotations

import pytest

from reports.extraction.titles import match_split_title, match_title, match_toc_entry


@pytest.mark.parametrize(
    ("line", "report_type", "body"),
    [
        ("白城市人民代表大会常务委员会工作报告", "work_report", "白城市人民代表大会常务委员会"),
        ("漯河市人大常委会工作报告", "work_report", "漯河市人大常委会"),
        (
            "政协襄阳市第十五届委员会常务委员会工作报告",
            "work_report",
            "政协襄阳市第十五届委员会常务委员会",
        ),
        ("德阳市委员会常务委员会工作报告", "work_report", "德阳市委员会常务委员会"),
        ("苏州市政协十五届常委会工作报告", "work_report", "苏州市政协十五届常委会"),
        ("全国人民代表大会常务委员会工作报告", "work_report", "全国人民代表大会常务委员会"),
        (
            "新疆维吾尔自治区人民代表大会常务委员会工作报告",
            "work_report",
            "新疆维吾尔自治区人民代表大会常务委员会",
        ),
        ("昌吉回族自治州人大常委会工作报告（摘要）", "work_report", "昌吉回族自治州人大常委会"),
        ("XX县政协常委会2023年工作报告", "work_report", "XX县政协常委会"),
        ("某某市人民代表大会常务委员会 工作报告", "work_report", "某某市人民代表大会常务委员会"),
        ("北京市人大常委会2024年工作要点", "work_plan", "北京市人大常委会"),
        ("二〇二四年工作要点", "work_plan", ""),
        ("关于做好新时代人大工作的意见", "opinion", ""),
        ("中共某某区委关于加强新时代人大工作的意见", "opinion", "中共某某区委"),
    ],
)
def test_title_lines(line, report_type, body):
    found = match_title(line)
    assert found is not None
    assert (found.report_type, found.body_text, found.title) == (report_type, body, line)


@pytest.mark.parametrize(
    "line",
    [
        "11.漯河市人大常委会工作报告",  # table-of-contents entry
        "- 02 漯河市人大常委会工作报告",
        "漯河市人大常委会工作报告……12",
        "各位代表:",
        "会议听取和审议了市人大常委会工作报告",  # a clause, not a title
        "认真审议市人大常委会工作报告,提出意见建议。",
        "对于做好新时代人大工作意见",  # a listing title without 关于…的
        "2022年工作回顾",
        "",
    ],
)
def test_not_title_lines(line):
    assert match_title(line) is None


def test_toc_entry_names_a_title():
    assert match_toc_entry("11.漯河市人大常委会工作报告").title == "漯河市人大常委会工作报告"
    assert match_toc_entry("漯河市人大常委会工作报告") is None


def test_title_split_over_two_lines():
    found = match_split_title("某某市人民代表大会常务委员会", "工作报告")
    assert (found.title, found.body_text) == (
        "某某市人民代表大会常务委员会工作报告",
        "某某市人民代表大会常务委员会",
    )
    assert match_split_title("某某市人民代表大会常务委员会", "各位代表:") is None
