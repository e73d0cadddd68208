"""Item markers and part headings: table tests on single lines."""

from __future__ import annotations

import pytest

from reports.extraction import numbering as nb
from reports.extraction.parts import (
    AMBIGUOUS,
    OTHER,
    PLAN,
    REVIEW,
    glued_part_heading,
    part_kind,
)


@pytest.mark.parametrize(
    ("line", "style", "value", "number"),
    [
        ("一、加强党的领导", nb.SECTION, 1, "一"),
        ("十二、加强自身建设", nb.SECTION, 12, "十二"),
        ("（三）强化监督", nb.PAREN_CN, 3, "（三）"),
        ("4.保证宪法法律全面实施。", nb.ARABIC, 4, "4"),
        ("4．保证实施。", nb.ARABIC, 4, "4"),
        ("2、听取报告。", nb.ARABIC, 2, "2"),
        ("（2）开展检查。", nb.PAREN_ARABIC, 2, "（2）"),
        ("③加强宣传。", nb.CIRCLED, 3, "③"),
        ("二是坚定不移强化党的领导。", nb.SHI, 2, "二是"),
        ("五要推动政协工作创新提质。", nb.YAO, 5, "五要"),
        ("第三，要厚植民生情怀。", nb.DI, 3, "第三"),
        ("其次，丰富活动载体。", nb.LEAD, 2, "其次"),
        ("最后，提高质量。", nb.LEAD, nb.LAST, "最后"),
    ],
)
def test_markers(line, style, value, number):
    marker = nb.find_marker(line)
    assert (
        marker.style,
        marker.value,
        line[marker.number_start : marker.number_end],
    ) == (
        style,
        value,
        number,
    )


@pytest.mark.parametrize(
    "line",
    [
        "2022年，是党和国家历史上具有里程碑意义的一年。",  # a year
        "1.5亿元用于民生项目。",  # a decimal
        "12月2日，第二十七次全国人大立法工作座谈会召开。",  # a date
        "一年来，我们以学习贯彻为主线。",
        "第一次会议审议通过。",  # 第一 without punctuation after it
        "一是，",  # nothing after the number
        "（2024年2月26日主任会议通过）",  # an adoption note
        "十十、错误的数",
    ],
)
def test_not_markers(line):
    assert nb.find_marker(line) is None


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("二十三", 23), ("十十", 0)],
)
def test_cn_value(numeral, value):
    assert nb.cn_value(numeral) == value


def test_inline_sub_item_after_section_heading():
    line = "一、加强党对人大工作的全面领导 1.健全制度机制。坚持以思想为指导。"
    assert nb.inline_sub_item(line, nb.find_marker(line)) == line.index("1.")
    body = "一、加强领导。坚持 2.5倍增长的目标 3.加强"
    assert nb.inline_sub_item(body, nb.find_marker(body)) is None


def test_glued_tail_marker():
    line = "全年报告15件。二、加强监督工作"
    assert nb.glued_tail_marker(line) == line.index("二、")
    assert nb.glued_tail_marker("报告15件。二、加强监督，提升实效。") is None


@pytest.mark.parametrize(
    ("core", "kind"),
    [
        ("2022年工作回顾", REVIEW),
        ("过去一年的主要工作", REVIEW),
        ("五年工作的回顾", REVIEW),
        ("本届以来的主要工作", REVIEW),
        ("二〇二二年以来的主要工作", REVIEW),
        ("2022年主要工作", AMBIGUOUS),
        ("市七届人大常委会的主要工作", AMBIGUOUS),
        ("2023年工作安排及要求", PLAN),
        ("今后一年工作建议", PLAN),
        ("新一年的主要任务", PLAN),
        ("今年工作的建议", PLAN),
        ("市八届人大常委会工作总体要求及2023年工作建议", PLAN),
        ("过去五年工作体会", OTHER),
        ("2022年：履职求作为，干出新样子", AMBIGUOUS),
        ("加强党的全面领导", None),
        ("始终把保障代表履职作为重要任务，在推进代表工作上实现新发展", None),
        ("工作成效", None),
        ("2023年是全面贯彻落实党的二十大精神的开局之年", None),
    ],
)
def test_part_kind(core, kind):
    assert part_kind(core) == kind


def test_glued_part_heading():
    line = "我们将认真加以改进和解决。2023年工作安排"
    assert glued_part_heading(line) == line.index("2023")
    assert glued_part_heading("我们将认真加以改进和解决。") is None
    assert glued_part_heading("常委会召开会议。全年共召开会议") is None
