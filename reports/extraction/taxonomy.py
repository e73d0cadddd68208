"""The indicator catalogue of TAXONOMY.md, as data a migration can load."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Indicator:
    """One comparable indicator: what a standing committee counted."""

    code: str
    name_zh: str
    name_en: str
    unit: str
    body_kind: str  # "npc_sc" | "cppcc_sc" | "shared"
    description: str


def _npc(code: str, zh: str, en: str, unit: str, desc: str) -> Indicator:
    return Indicator(code, zh, en, unit, "npc_sc", desc)


def _cppcc(code: str, zh: str, en: str, unit: str, desc: str) -> Indicator:
    return Indicator(code, zh, en, unit, "cppcc_sc", desc)


def _shared(code: str, zh: str, en: str, unit: str, desc: str) -> Indicator:
    return Indicator(code, zh, en, unit, "shared", desc)


INDICATORS: tuple[Indicator, ...] = (
    _npc(
        "sc_meetings",
        "召开常委会会议",
        "Standing committee meetings",
        "次",
        "召开常委会会议 N 次",
    ),
    _npc(
        "chair_meetings",
        "召开主任会议",
        "Chair's council meetings",
        "次",
        "召开主任会议 N 次",
    ),
    _npc(
        "laws_passed",
        "制定批准地方性法规",
        "Local regulations passed",
        "件",
        "制定/审议通过/批准 地方性法规 N 件/部 (new + amended when not split)",
    ),
    _npc("laws_new", "制定法规", "New regulations", "件", "制定(新) N 件"),
    _npc("laws_amended", "修改法规", "Regulations amended", "件", "修改/修订 N 件"),
    _npc("laws_repealed", "废止法规", "Regulations repealed", "件", "废止 N 件"),
    _npc(
        "laws_under_review",
        "审议法规草案",
        "Draft regulations under review",
        "件",
        "审议法规草案 N 件 (not yet passed)",
    ),
    _npc(
        "legislative_research",
        "立法调研",
        "Legislative research",
        "项",
        "立法调研 N 项",
    ),
    _npc(
        "reports_reviewed",
        "听取审议工作报告",
        "Work reports heard and reviewed",
        "项",
        "听取和审议 (专项)工作报告 N 项/个",
    ),
    _npc(
        "law_enforcement_inspections",
        "执法检查",
        "Law-enforcement inspections",
        "项",
        "执法检查 N 次/项/部法律",
    ),
    _npc("special_inquiries", "专题询问", "Special inquiries", "次", "专题询问 N 次"),
    _npc(
        "inspections_visits",
        "视察调研检查",
        "Inspections, visits and research",
        "次",
        "视察/调研/检查 N 次 (generic oversight activities)",
    ),
    _npc(
        "normative_docs_reviewed",
        "备案审查规范性文件",
        "Normative documents filed and reviewed",
        "件",
        "备案审查 规范性文件 N 件",
    ),
    _npc(
        "resolutions",
        "作出决议决定",
        "Resolutions and decisions",
        "项",
        "作出决议、决定 N 项/件",
    ),
    _npc(
        "appointments",
        "任免国家机关工作人员",
        "Appointments and removals",
        "人次",
        "任免国家机关工作人员 N 人次",
    ),
    _npc(
        "oath_sessions",
        "组织宪法宣誓",
        "Constitutional oath ceremonies",
        "次",
        "组织宪法宣誓 N 次",
    ),
    _npc("oath_persons", "宪法宣誓人数", "Persons taking the oath", "人", "宪法宣誓 N 人"),
    _npc(
        "deputy_suggestions",
        "代表建议",
        "Deputies' suggestions",
        "件",
        "代表(提出的)建议、批评和意见 N 件",
    ),
    _npc("deputy_motions", "代表议案", "Deputies' motions", "件", "代表议案 N 件"),
    _npc(
        "deputies_attending",
        "代表列席常委会会议",
        "Deputies attending committee meetings",
        "人次",
        "邀请代表列席常委会会议 N 人次/名",
    ),
    _npc("deputy_training", "培训代表", "Deputies trained", "人次", "培训代表 N 人次"),
    _npc(
        "liaison_stations",
        "代表之家联络站",
        "Deputy homes and liaison stations",
        "个",
        "代表之家/代表联络站/家站 N 个",
    ),
    _npc(
        "legislative_contact_points",
        "基层立法联系点",
        "Grassroots legislative contact points",
        "个",
        "基层立法联系点 N 个",
    ),
    _npc(
        "suggestion_resolution_rate",
        "代表建议办结率",
        "Suggestion resolution rate",
        "%",
        "代表建议 办结率/满意率/解决率 N%",
    ),
    _cppcc(
        "cppcc_sc_meetings",
        "召开常委会议",
        "CPPCC standing committee meetings",
        "次",
        "召开常委会议 N 次",
    ),
    _cppcc("cppcc_chair_meetings", "主席会议", "Chair's meetings", "次", "主席会议 N 次"),
    _cppcc(
        "proposals_submitted",
        "收到提案",
        "Proposals submitted",
        "件",
        "收到/提交提案 N 件",
    ),
    _cppcc("proposals_accepted", "提案立案", "Proposals accepted", "件", "立案 N 件"),
    _cppcc("proposals_resolved", "提案办复", "Proposals resolved", "件", "办复/办结 N 件"),
    _cppcc(
        "proposal_resolution_rate",
        "提案办复率",
        "Proposal resolution rate",
        "%",
        "提案 办复率/满意率 N%",
    ),
    _cppcc(
        "public_opinion_reports",
        "社情民意信息",
        "Public-opinion reports",
        "篇",
        "社情民意信息 N 篇/条 (collected, submitted, adopted: the verb stays in the label)",
    ),
    _cppcc("consultations", "协商活动", "Consultations", "次", "协商(活动/议政) N 次/场"),
    _cppcc(
        "cppcc_inspections",
        "视察调研",
        "Inspections and research",
        "次",
        "视察/调研 N 次",
    ),
    _cppcc(
        "members_participation",
        "委员参加",
        "Member participation",
        "人次",
        "委员参加 N 人次",
    ),
    _shared(
        "party_group_meetings",
        "党组会议",
        "Party group meetings",
        "次",
        "党组会议 N 次",
    ),
    _shared(
        "study_sessions",
        "集体学习",
        "Study sessions",
        "次",
        "理论学习中心组学习/集体学习 N 次",
    ),
    _shared(
        "requests_reported",
        "请示报告",
        "Requests and reports to the party committee",
        "次",
        "向党委请示报告 N 次/件",
    ),
    _shared(
        "recommendations",
        "意见建议",
        "Recommendations",
        "条",
        "提出意见建议/对策/建议案 N 条/份",
    ),
    _shared(
        "research_reports",
        "调研报告",
        "Research reports",
        "篇",
        "调研报告/专题报告 N 篇/份",
    ),
    _shared("petitions", "信访", "Petitions", "件", "信访 (来信来访) N 件/件次/人次"),
    _shared(
        "rules_adopted",
        "工作制度",
        "Internal rules adopted",
        "项",
        "制定/修订工作制度 N 项",
    ),
    _shared("training_sessions", "培训班", "Training sessions", "期", "培训班/讲堂 N 期"),
    _shared("trainees", "培训人次", "Trainees", "人次", "培训 N 人次 (not deputies)"),
    _shared("media_reports", "媒体报道", "Media reports", "篇", "媒体刊发/报道/推送 N 篇/条"),
    _shared("money", "资金", "Money", "万元", "捐款捐物/资金 N 万元/亿元"),
    _shared("other", "其他", "Other count", "", "any other real count (unit as written)"),
)

INDICATOR_BY_CODE: dict[str, Indicator] = {i.code: i for i in INDICATORS}
CODES: frozenset[str] = frozenset(INDICATOR_BY_CODE)
