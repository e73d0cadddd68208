"""Map a counted thing (the words around a number, its unit, the body kind) to an indicator code.

Rules are tried in order; the first whose words, unit and body kind all fit wins.
Words are regexes over the clause text before the number plus the noun right
after the unit (举办3期培训班 -> "举办培训班"). Anything else is ``other``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

_TIMES = frozenset({"次", "场", "场次"})
_ITEMS = frozenset({"件", "件次", "部", "项", "个", "条"})
_PEOPLE = frozenset({"人", "人次", "名", "位"})
_TEXTS = frozenset({"篇", "条", "份", "期", "篇次", "项", "件"})
_ANY = None
NPC, CPPCC, BOTH = "npc", "cppcc", "both"
_AWARDS = r"先进|表彰|评选|荣获|获评|获奖"  # awards counted are not things built or written
# hosting others' visits is not the body's own activity (省政协11次来襄调研, 全国人大莅临调研)
_HOSTING = r"保障|接待|配合|陪同|服务|协助|莅临|来[^，,、]{0,3}(调研|视察|考察|检查)"
_LAWS = r"法规|条例|法律|立法|规章(?!制度)|决定"


@dataclass(frozen=True)
class Rule:
    """One mapping rule: words (regex), allowed units (None = any), body family."""

    code: str
    words: re.Pattern
    units: frozenset | None
    family: str = BOTH
    unless: re.Pattern | None = None  # words that veto the rule
    needs: re.Pattern | None = None  # words the whole sentence must hold
    near: bool = False  # words must stand in the clause or its 、-chain, not only elsewhere in the sentence


def _r(
    code: str,
    words: str,
    units,
    family: str = BOTH,
    unless: str | None = None,
    needs: str | None = None,
    near: bool = False,
) -> Rule:
    compiled = (re.compile(p) if p else None for p in (unless, needs))
    return Rule(code, re.compile(words), units, family, *compiled, near)


RULES: tuple[Rule, ...] = (
    _r("money", r".", frozenset({"元", "千元", "万元", "亿元"})),
    _r("other", r"民主监督|提请", None),  # named activities without a code: stop wider contexts
    _r("other", r"(阅读|点击|浏览|访问|播放|观看)(量|人次)", None),  # readers of reports are not reports
    # correcting or supervising a subset of documents / suggestions is not a count of the set itself
    _r(
        "other",
        r"(纠正|撤销|改正)[^，,；;]{0,8}$|(督办|领办|领衔|选定|遴选)[^，,；;]*重点(提案|建议)|重点(提案|建议)[^，,；;]{0,6}(督办|领办)",
        _ITEMS,
    ),
    # a count of two kinds of texts at once (提案和社情民意) is no one code
    _r("other", r"提案.*社情民意|社情民意.*提案", _ITEMS | _TEXTS),
    # 建言报告, 个人建言 and 协商成果 are recommendations made, before 协商 makes them consultations
    _r("recommendations", r"建议案|建言报告|个人建言|协商成果", frozenset({"份", "篇", "件", "条", "项"})),
    _r("suggestion_resolution_rate", r"(建议|意见).*率|(办结|满意|解决|见面)率", frozenset({"%"}), NPC),
    _r("proposal_resolution_rate", r"(提案|办复|满意).*率", frozenset({"%"}), CPPCC),
    # the newly appointed take the oath: 宣誓 names the count even when 任命 stands before it
    _r("oath_persons", r"宣誓", _PEOPLE, NPC),
    _r("appointments", r"任免|任命|免职", _PEOPLE, NPC),
    _r("oath_sessions", r"宣誓", _TIMES, NPC),
    _r(
        "deputies_attending",
        r"列席|邀请.*代表",
        _PEOPLE | {"批"},
        NPC,
        unless=r"(参加|参与|开展|进行)(?!.*列席)|旁听|视察|调研|评议",
        near=True,
    ),
    _r("deputy_training", r"代表.*(培训|参训|学习)|(培训|轮训|班|参训).*代表", _PEOPLE, NPC),
    # the people trained are named elsewhere in the sentence (组织新任代表履职培训，参训280人次)
    _r(
        "deputy_training",
        r"培训|参训|轮训",
        _PEOPLE,
        NPC,
        needs=r"代表[^，,。；;]*(培训|参训|轮训)|(培训|轮训|班)[^，,。；;]*代表",
    ),
    _r("trainees", r"培训|参训|轮训", _PEOPLE),
    _r(
        "training_sessions",
        r"培训|讲堂|讲坛|讲座|学习班|研修班|轮训|专题班",
        frozenset({"期", "场", "次", "班", "个"}),
        unless=r"参加|参与|发布|推送|播放|上线|点击",
    ),
    _r("training_sessions", r"班", frozenset({"期"})),
    _r(
        "study_sessions",
        r"中心组.*学习|集体学习|专题学习|学习研讨|中心组|第一议题|学习(会议|会)",
        _TIMES,
        unless=r"(参加|参与|组织)[^，,]*(委员|代表|干部)|(委员|代表|干部)[^，,]*(参加|参与)",
    ),
    _r("party_group_meetings", r"党组(扩大)?会议|党组会", _TIMES),
    _r("chair_meetings", r"主任会议", _TIMES, NPC),
    _r("cppcc_chair_meetings", r"主席会议|主席办公会", _TIMES, CPPCC),
    _r("sc_meetings", r"常委会(全体)?会议|常委会.*(召开|举行)会议|召开常委会", _TIMES, NPC),
    _r("cppcc_sc_meetings", r"常委(会)?会议", _TIMES, CPPCC),
    _r(
        "requests_reported",
        r"请示报告|向(省|市|区|县|州)?(委|党委).*(请示|报告|汇报)|(专题)?汇报工作|专题汇报",
        _TIMES | _ITEMS,
        unless=r"咨询",
    ),
    _r("legislative_contact_points", r"立法联系点|立法联络点", _ITEMS | {"家", "处"}),
    _r(
        "liaison_stations",
        r"代表之家|联络站|家站|代表活动(室|站|中心)|代表工作站|代表[^，,、]{0,6}联系点",
        _ITEMS | {"家", "处"},
        NPC,
        unless=_AWARDS,
    ),
    _r(
        "normative_docs_reviewed",
        r"备案|规范性文件",
        _ITEMS | {"份"},
        NPC,
        unless=r"督促|纠正|改正|修订|修改|废止|撤销|报送|上报|向[^，,]{0,12}(报备|备案)",
    ),
    _r(
        "rules_adopted",
        r"(制定|修订|修改|出台|建立|完善|新建|梳理).*(制度|规程|规则|细则)|(制度|规程|规则|细则).*(制定|修订|修改|出台)"
        r"|(制度|规程|规则|细则|流程|办法)$",
        _ITEMS,
        unless=r"废止|保留|清理|废除",
    ),
    # 制定和修订 N 件: new and amended counted together; 制定出台 N 部: enacted, not split
    _r(
        "laws_passed",
        r"(制定|立)[和及、与]?(修订|修改|修正)|(修订|修改)[和及、与]?制定|制定出台",
        _ITEMS,
        NPC,
        needs=_LAWS,
    ),
    _r("laws_repealed", r"废止|废除", _ITEMS, NPC, needs=_LAWS, unless=r"意见|建议"),
    _r("laws_amended", r"修改|修订|修正", _ITEMS, NPC, needs=_LAWS, unless=r"意见|建议"),
    _r("laws_under_review", r"审议.*(草案)|初审|二审", _ITEMS, NPC, unless=r"通过"),
    _r("laws_passed", r"(审议)?通过.*(法规|条例)|批准.*(法规|条例|自治)|(法规|条例).*(通过|批准)", _ITEMS, NPC),
    _r("laws_new", r"制定|出台", _ITEMS, NPC, unless=r"计划|方案|清单|意见|建议", needs=_LAWS),
    _r("legislative_research", r"立法调研", _ITEMS, NPC),
    _r("reports_reviewed", r"(听取|审议).*报告|报告.*(听取|审议)", _ITEMS, NPC),
    # 两次听取和审议…报告: the times stand before the verb 听取 (of reports), so they count its acts
    _r("reports_reviewed", r"^听取", _TIMES, NPC),
    _r("law_enforcement_inspections", r"执法检查|实施.*检查|检查.*实施情况", _ITEMS | _TIMES, NPC),
    _r("special_inquiries", r"专题询问|询问", _ITEMS | _TIMES, NPC),
    _r("resolutions", r"决议|决定", _ITEMS, NPC),
    # a delegation to a higher congress (市代表团在省人代会上提出议案) is not this congress's deputies
    _r("other", r"代表团", _ITEMS, NPC, near=True),
    _r("deputy_motions", r"议案", _ITEMS, NPC),
    _r(
        "deputy_suggestions",
        # deputies are the source (代表…建议), or the verb is one of handling deputies' suggestions
        r"代表[^，,；;]*(建议|意见)|(交办|办结|办理|转交|转办|承办|答复|办复).*(建议|意见)"
        r"|(建议|意见).*(办结|办理完毕|答复|办复|交办)",
        frozenset({"件", "条", "件次"}),
        NPC,
        unless=r"(提出|形成).*(意见建议|对策|建议案)|收集|征集|征求",
    ),
    # 收到/提出建议 N 件 with deputies named in the sentence (大会期间代表…，共收到建议612件)
    _r(
        "deputy_suggestions",
        r"(收到|所提|提交|提出)[^，,；;]*建议",
        frozenset({"件", "件次"}),
        NPC,
        unless=r"(提出|形成).*(意见建议|对策|建议案)|收集|征集|征求",
        needs=r"代表",
    ),
    _r("proposals_accepted", r"立案|立提案", _ITEMS, CPPCC),
    _r("proposals_resolved", r"提案.*(办复|办结|答复|落实)|(办复|办结|答复)", _ITEMS, CPPCC),
    _r("proposals_submitted", r"提案", _ITEMS, CPPCC),
    _r("public_opinion_reports", r"社情民意|民意信息", _TEXTS, BOTH),
    _r("recommendations", r"金点子", frozenset({"个", "条"})),
    _r("members_participation", r"委员.*(参加|参与|参会|列席|出席)|(参加|参与|列席|出席).*委员", _PEOPLE, CPPCC),
    _r("consultations", r"协商|议政", _TIMES | {"项"}, CPPCC),
    _r("research_reports", r"(调研|专题|研究|视察|考察|调查|主|子)报告|研究成果", _TEXTS | {"个"}, unless=_AWARDS),
    _r(
        "recommendations",
        r"(提出|形成|报送|提交|提供|作出|汇总|反映).*(建议|意见|建言|对策)|建言|对策建议|意见建议|意见和建议",
        frozenset({"条", "份", "篇", "项", "件"}),
        unless=r"征求|征集|收集|收到|公开",
    ),
    _r("cppcc_inspections", r"视察|调研|考察", _TIMES | {"项"}, CPPCC, unless=_HOSTING),
    _r("inspections_visits", r"视察|调研|检查|考察", _TIMES | {"项"}, NPC, unless=_HOSTING),
    _r("petitions", r"信访|来信|来访|来电|上访", frozenset({"件", "件次", "人次", "批次", "批", "人"})),
    _r(
        "media_reports",
        r"媒体|公众号|微信|网站|报道|刊发|刊播|推送|播发|播出|刊登|刊载|宣传稿|稿件|专栏|栏目|节目|专题片|头条|编发.*故事",
        frozenset({"篇", "条", "期", "次", "篇次", "集"}),
        unless=r"收到|征集|收集|征求",  # comments received through the media are not reports
    ),
)


def body_family(kind: str | None) -> str:
    """Return ``npc`` for 人大 bodies, ``cppcc`` for 政协 bodies (kind codes from records)."""
    return CPPCC if kind and kind.startswith("cppcc") else NPC


def map_indicator(words: str, unit: str, body_kind: str | None, *wider: str) -> str:
    """Return the indicator code for ``words`` counted in ``unit`` by a body of ``body_kind``.

    ``words`` are the clause words next to the number; each of ``wider`` (e.g. the
    whole sentence before it) is tried in turn when the nearer words give ``other``.
    The last context is the one ``needs`` patterns are checked against.

    A rule fits a context when its words are found there, the sentence holds what it
    ``needs``, and no ``unless`` word is in the nearest words (or, for a ``near`` rule,
    in the context itself): a wider context that mentions 废止 elsewhere does not veto 新制定.
    """
    family = body_family(body_kind)
    words, wider = _people(words), tuple(_people(w) for w in wider)
    sentence = wider[-1] if wider else words
    tried = set()
    for depth, context in enumerate((words, *wider)):
        # A context seen at a lower depth gave "other" there with the same or more rules.
        if context in tried:
            continue
        tried.add(context)
        # The loop below runs about fifteen times per context: plain tuples, no call per rule.
        for code, find_words, needs, unless, near in _tests_for(unit, family):
            if near and depth > 1:
                continue
            if find_words(context) is None or (needs is not None and needs(sentence) is None):
                continue
            if unless is not None and (unless(words) is not None or (near and unless(context) is not None)):
                continue
            return code
    return "other"


@cache
def _tests_for(unit: str, family: str) -> tuple[tuple, ...]:
    """``_rules_for(unit, family)`` as (code, words search, needs search, unless search, near) tuples."""
    return tuple(
        (
            rule.code,
            rule.words.search,
            rule.needs.search if rule.needs is not None else None,
            rule.unless.search if rule.unless is not None else None,
            rule.near,
        )
        for rule in _rules_for(unit, family)
    )


@cache
def _rules_for(unit: str, family: str) -> tuple[Rule, ...]:
    """The rules, in order, that may apply to a count in ``unit`` by a body ``family``.

    Most rules are for other units or the other family: filtering them once per
    (unit, family) saves testing each one for every context of every statistic.
    """
    return tuple(rule for rule in RULES if rule.family in (BOTH, family) and (rule.units is None or unit in rule.units))


_COUNCIL_MEMBERS = re.compile(r"(主任|主席)会议(组成)?成员|常委会(组成人员|委员)")
_PARTY_STANDING = re.compile(r"(省|市|县|区|州|旗|党)委常委会(会议)?")


def _people(context: str) -> str:
    """Read the names of other bodies as what they are.

    主席会议成员 / 常委会组成人员 are people (a subject), not a meeting: 成员.
    市委常委会(会议) is the party committee, not the body's own standing committee: 市委.
    """
    if "会" not in context:  # both patterns need it (会议, 常委会); most contexts have none
        return context
    return _PARTY_STANDING.sub(r"\1委", _COUNCIL_MEMBERS.sub("成员", context))
