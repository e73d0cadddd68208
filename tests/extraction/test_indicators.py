"""Indicator catalogue and mapping table."""

import pytest

from reports.extraction.indicators import RULES, map_indicator
from reports.extraction.taxonomy import CODES, INDICATORS

MAPPING = [
    ("召开常委会会议", "次", "npc_sc", "sc_meetings"),
    ("召开主任会议", "次", "npc_sc", "chair_meetings"),
    ("召开常委会议", "次", "cppcc_sc", "cppcc_sc_meetings"),
    ("召开主席会议", "次", "cppcc_sc", "cppcc_chair_meetings"),
    ("废止法规", "件", "npc_sc", "laws_repealed"),
    ("修改法规", "件次", "npc_sc", "laws_amended"),
    ("制定地方性法规", "件", "npc_sc", "laws_new"),
    ("审议通过法规", "件", "npc_sc", "laws_passed"),
    ("听取和审议专项工作报告", "项", "npc_sc", "reports_reviewed"),
    ("开展专题询问", "次", "npc_sc", "special_inquiries"),
    ("作出决议决定", "项", "npc_sc", "resolutions"),
    ("组织宪法宣誓", "次", "npc_sc", "oath_sessions"),
    ("宪法宣誓", "人", "npc_sc", "oath_persons"),
    ("邀请代表列席常委会会议", "人次", "npc_sc", "deputies_attending"),
    ("培训代表", "人次", "npc_sc", "deputy_training"),
    ("培训机关干部", "人次", "npc_sc", "trainees"),
    ("设立基层立法联系点", "个", "npc_sc", "legislative_contact_points"),
    ("建成代表之家", "个", "npc_sc", "liaison_stations"),
    ("代表议案", "件", "npc_sc", "deputy_motions"),
    ("立案", "件", "cppcc_sc", "proposals_accepted"),
    ("提案办结", "件", "cppcc_sc", "proposals_resolved"),
    ("报送社情民意信息", "条", "cppcc_sc", "public_opinion_reports"),
    ("视察调研", "次", "cppcc_sc", "cppcc_inspections"),
    ("视察调研", "次", "npc_sc", "inspections_visits"),
    ("理论学习中心组集体学习", "次", "npc_sc", "study_sessions"),
    ("向县委请示报告", "次", "npc_sc", "requests_reported"),
    ("制定完善工作制度", "项", "cppcc_sc", "rules_adopted"),
    ("信访来信来访", "件次", "npc_sc", "petitions"),
    ("捐款捐物", "万元", "cppcc_sc", "money"),
    ("举办培训班", "期", "cppcc_sc", "training_sessions"),
    ("公开征求意见", "条", "npc_sc", "other"),
    ("接待群众", "人", "npc_sc", "other"),
    ("保障上级人大调研", "次", "npc_sc", "other"),
    ("开展民主监督", "次", "cppcc_sc", "other"),
    # unit must fit: 人大 codes are not given to a 政协 body and vice versa
    ("立案", "件", "npc_sc", "other"),
    ("召开主任会议", "人", "npc_sc", "other"),
]


@pytest.mark.parametrize(("words", "unit", "kind", "code"), MAPPING)
def test_map_indicator(words, unit, kind, code):
    assert map_indicator(words, unit, kind) == code


def test_wider_context_is_used_only_when_near_words_say_other():
    assert (
        map_indicator("计划预算报告", "件", "npc_sc", "听取和审议专项工作报告79件、计划预算报告") == "reports_reviewed"
    )
    assert (
        map_indicator("开展执法检查", "项", "npc_sc", "五年来，任免国家机关工作人员") == "law_enforcement_inspections"
    )


def test_catalogue_codes_are_unique_and_cover_rules():
    assert len(CODES) == len(INDICATORS)
    assert "other" in CODES
    assert {r.code for r in RULES} <= CODES
    assert {i.body_kind for i in INDICATORS} == {"npc_sc", "cppcc_sc", "shared"}
