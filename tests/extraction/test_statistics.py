"""Table tests for the statistics extractor, on sentences written for these tests."""

from decimal import Decimal
from pathlib import Path

import pytest

from reports.evaluation import whole_file_report
from reports.extraction.records import AgendaItemRecord, BodyRecord, ReportRecord
from reports.extraction.statistics import extract_statistics

ROOT = Path(__file__).resolve().parents[2]
NPC = BodyRecord("某县人民代表大会常务委员会", "npc_sc", "county")
CPPCC = BodyRecord("政协某县委员会", "cppcc_sc", "county")


def report_for(text: str, body=NPC, report_type="work_report", scope="one_year", items=None) -> ReportRecord:
    return ReportRecord(
        key="r1",
        title="工作报告",
        report_type=report_type,
        body=body,
        char_start=0,
        char_end=len(text),
        review_year=2023,
        plan_year=2024,
        review_scope=scope,
        items=items or [],
    )


def stats(text: str, **kw):
    return extract_statistics(text, report_for(text, **kw))


POSITIVE = [
    ("一年来，县人大常委会召开常委会会议8次。", "8", Decimal(8), "次", "sc_meetings"),
    ("召开主任会议十二次，", "十二", Decimal(12), "次", "chair_meetings"),
    ("依法任免国家机关工作人员64人次；", "64", Decimal(64), "人次", "appointments"),
    ("审议通过地方性法规3件，", "3", Decimal(3), "件", "laws_passed"),
    ("开展执法检查4项、专题询问2次。", "4", Decimal(4), "项", "law_enforcement_inspections"),
    ("代表提出的建议156件全部办结，", "156", Decimal(156), "件", "deputy_suggestions"),
    ("建成代表联络站41个。", "41", Decimal(41), "个", "liaison_stations"),
    ("代表建议满意率达98.5%。", "98.5%", Decimal("98.5"), "%", "suggestion_resolution_rate"),
    ("受理群众来信来访320件次。", "320", Decimal(320), "件次", "petitions"),
    ("举办代表培训班两期，", "两", Decimal(2), "期", "training_sessions"),
    ("开展视察调研17次。", "17", Decimal(17), "次", "inspections_visits"),
    ("备案审查规范性文件45件。", "45", Decimal(45), "件", "normative_docs_reviewed"),
    ("筹集捐赠资金1200余万元。", "1200余万", Decimal(1200), "万元", "money"),
]


@pytest.mark.parametrize(("text", "number_text", "value", "unit", "code"), POSITIVE)
def test_npc_counts(text, number_text, value, unit, code):
    (s,) = [s for s in stats(text) if s.number_text == number_text]
    assert (s.value, s.unit, s.indicator) == (value, unit, code)
    assert number_text in text[s.char_start : s.char_end]


CPPCC_POSITIVE = [
    ("全年召开常委会议4次，", "cppcc_sc_meetings"),
    ("召开主席会议11次。", "cppcc_chair_meetings"),
    ("收到委员提案312件，", "proposals_submitted"),
    ("经审查立案286件，", "proposals_accepted"),
    ("提案办复率100%。", "proposal_resolution_rate"),
    ("收集社情民意信息3600余篇。", "public_opinion_reports"),
    ("组织专题协商会议6次。", "consultations"),
    ("委员参加履职活动2300人次。", "members_participation"),
    ("召开党组会议15次，", "party_group_meetings"),
    ("形成调研报告21篇。", "research_reports"),
    ("提出意见建议180条。", "recommendations"),
    ("在各级媒体刊发稿件96篇。", "media_reports"),
]


@pytest.mark.parametrize(("text", "code"), CPPCC_POSITIVE)
def test_cppcc_counts(text, code):
    (s,) = stats(text, body=CPPCC)
    assert s.indicator == code


NOT_STATISTICS = [
    "深刻领悟“两个确立”的决定性意义，增强“四个意识”、坚定“四个自信”、做到“两个维护”。",
    "支持和保证“一府一委两院”依法行使职权。",
    "深入实施“五大行动”和一三三四战略。",
    "严格落实中央八项规定精神。",
    "市十六届人大常委会第三十一次主任会议通过。",
    "县十八届人大二次会议期间，",
    "首批试点、二期工程顺利推进。",
    "2023年12月4日开展国家宪法日宣传。",
    "编制第十五个五年规划，连续三年获评先进。",
    "每月一次走访选民，每半年向县委报告一次工作。",
    "五级人大代表联动履职，推动市县两级联动，建成四星级站点。",
    "畅通12345政务服务热线。",
    "一是加强学习；（一）强化监督；1.完善制度。",
    "办成了一批实事，多次开展调研，出台一系列举措。",
    "完善“提、交、办”三个环节。",
    "关系千家万户的事情。",
    "推动十四五规划实施，打造十五分钟服务圈。",
    "庆祝人民代表大会成立70周年。",
    "习近平总书记5次视察本省。",
    "位列全省第1、2名。",
]


@pytest.mark.parametrize("text", NOT_STATISTICS)
def test_not_statistics(text):
    assert [s.number_text for s in stats(text)] == []


def test_several_numbers_in_one_clause():
    found = stats("组织宪法宣誓5次39人。")
    assert [(s.value, s.unit, s.indicator) for s in found] == [
        (Decimal(5), "次", "oath_sessions"),
        (Decimal(39), "人", "oath_persons"),
    ]


def test_range_per_unit_and_plan_part():
    text = "2024年工作安排\n每个乡镇打造2—3个标杆代表家站。"
    item = AgendaItemRecord("plan/1", None, "plan", "", 1, "2024年工作安排", text, 0, len(text))
    (s,) = stats(text, items=[item])
    assert (s.value, s.value_max, s.per_unit, s.part, s.year, s.agenda_item_key) == (
        Decimal(2),
        Decimal(3),
        True,
        "plan",
        2024,
        "plan/1",
    )


def test_period_cues():
    text = "一年来，召开常委会会议6次。五年来，制定法规12件。现有工作人员30名。"
    assert [s.period for s in stats(text)] == ["year", "term", "unspecified"]
    assert [s.period for s in stats("召开常委会会议40次。", scope="term")] == ["term"]


def test_work_plan_without_items_is_plan():
    (s,) = stats("打造示范性代表之家5个。", report_type="work_plan")
    assert (s.part, s.year) == ("plan", 2024)


def test_report_without_items_turns_to_plan_after_heading():
    found = stats("召开会议6次。\n二、2024年工作安排\n开展执法检查3次。")
    assert [s.part for s in found] == ["review", "plan"]


def test_approx_qualifiers_and_people_nouns():
    (a, b) = stats("90万多选民参加选举，近百次座谈。")
    assert (a.value, a.unit, a.qualifier) == (Decimal(900000), "人", "approx")
    assert (b.value, b.unit, b.qualifier, b.number_text) == (Decimal(100), "次", "approx", "百")


def test_keys_are_stable_and_unique():
    text = "召开会议5次，召开会议5次。"
    keys = [s.key for s in stats(text)]
    assert len(set(keys)) == 2
    assert [s.key for s in stats("前言。" + text)] == keys


def _seed_reports():
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8-sig")
        yield path.name, text, whole_file_report(text, "x", "work_report")


def test_every_span_holds_its_number_in_every_seed():
    for name, text, report in _seed_reports():
        for s in extract_statistics(text, report):
            assert s.number_text in text[s.char_start : s.char_end], (name, s)
            assert report.char_start <= s.char_start < s.char_end <= report.char_end


def test_meeting_ordinal_without_verb_but_count_with_verb():
    assert stats("市委六次人大工作会议作出部署。") == []
    (s,) = stats("召开两次常委会会议。")
    assert (s.value, s.unit) == (Decimal(2), "次")
