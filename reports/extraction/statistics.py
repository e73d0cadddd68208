"""Find the statistics of a report: counts of what a body did, normalised.

``extract_statistics`` scans a report's span for quantities (``numbers.py``),
drops those that are not statistics (``reject_reason``: slogans, ordinals,
dates, durations, frequencies, levels, names, vague words), and turns the rest
into ``StatisticRecord``s with their clause span, label, indicator, part and period.

Part when the report has no agenda items: work plans and opinions are ``plan``;
other reports are ``review`` until a plan heading cue (今后/明年/20XX年工作安排…)
has been passed, ``plan`` after it.
"""

from __future__ import annotations

import re
from collections import Counter

from .indicators import body_family, map_indicator
from .numbers import Quantity, quantity_from_match, quantity_matches
from .records import AgendaItemRecord, ReportRecord, StatisticRecord

COUNTING_UNITS = frozenset(
    "人次 件次 批次 场次 户次 篇次 期次 万元 亿元 千元 元 个 次 件 项 人 名 条 篇 部 期 场 份 家 类 批 所 处 户 "
    "位 支 套 册 本 张 台 座 轮 组 首 幅 集 门 堂 节 课 封 %".split()
)
# Written units (as matched, before 元 becomes 万元) whose quantity can be a statistic.
_COUNTING_AS_WRITTEN = COUNTING_UNITS | {"％"}
_CLAUSE_STOPS = frozenset("，,、；;。！!？?：:\n\r")
# Regexes find a clause's ends in C: the greedy one's match ends just past the last stop it spans.
_TO_LAST_CLAUSE_STOP = re.compile("(?s).*[" + re.escape("".join(sorted(_CLAUSE_STOPS))) + "]")
_UP_TO_CLAUSE_STOP = re.compile("[^" + re.escape("".join(sorted(_CLAUSE_STOPS))) + "]*")
_CLAUSE_REACH = 100
_CHAIN_STOPS = _CLAUSE_STOPS - {"、"}
_CHAIN_REACH = 120
# Greedy: its match ends just past the last chain stop of the searched span.
_TO_LAST_CHAIN_STOP = re.compile("(?s).*[" + re.escape("".join(sorted(_CHAIN_STOPS))) + "]")
# titles name documents; their words say nothing about the count. A short one (《社情民意》) names a series: kept
_TITLE = re.compile(r"《[^》]{7,60}》")
_PERSON_NOUN = re.compile(r"(选民|市民|群众|居民|村民|农民|职工|学生|师生|网民|志愿者|游客|观众|干部|党员)")
_FORMULA_NOUNS = re.compile(
    r"(新|一体|层面|层级|确立|维护|意识|自信|全面|务必|机关|中心|服务|坚持|必须|统筹|倾斜|优先|规定|不怕|敢于|没有|一流|着力|"
    r"融合|聚焦|体系|文章|结合|提升|作风|走在|不变|示范|重点|能力|目标|主线|导向|定位|转变|建设|关系|保障)"
)
_ORDINAL_BEFORE = re.compile(r"(第|届|人大|政协|党代会|中全|首)$")
_MEETING_AFTER = re.compile(r"[^，,。、；;]{0,8}(会议|全会|大会|党代会)")
_COUNT_VERB = re.compile(r"召开|举行|举办|开展|组织|参加|列席|出席|主持|先后|共")
_PHASE_AFTER = re.compile(r"(工程|项目|建设|改造)")
_ORDINAL_LIST = re.compile(r"(第|前)[0-9一二三四五六七八九十、]*$")
_SENTENCE_STOPS = re.compile(r"[。；;！!？?\n]")
_ORDINAL_AFTER = re.compile(r"^(次)?(会议|全会|全体会议|党代会|代表大会|常委会议|常委会会议|主任会议|主席会议)")
_FREQUENCY = re.compile(r"每(一)?(个)?(年|月|季|季度|半年|周|星期|天|日|届|两年|次|旬)")
_PER_UNIT = re.compile(r"每(个|名|位|家|所|户|人|村|镇|乡|县|区|市|街道|社区|一个|一名|一位)")
_NAME_AFTER = re.compile(r".{0,6}(热线|专线|服务号|号码)")  # used with .match(text, pos)
_LEADER = re.compile(r"总书记|国家主席|总理")
_TERM_CUES = re.compile(r"五年来|五年间|本届以来|本届内|过去五年|过去的五年|任期内|届内|这五年|五年中|近五年")
_YEAR_CUES = re.compile(r"一年来|全年|过去一年|过去的一年|年内|本年度|20\d\d年(?!以来)")
_STOCK_CUES = re.compile(r"(现有|目前|现|截至|共有)")  # used with .match(text, pos)
_PLAN_HEADING = re.compile(
    r"\n[^\n]{0,12}(20\d\d年工作(安排|任务|打算|建议|思路)|今后(五年|一年)|明年|新的一年|工作建议|下一步)"
)
_LABEL_DROP = re.compile(
    r"^(共|累计|全年|一年来|五年来|先后|其中|并|还|同时|另外|此外|全市|全区|全县|常委会|我们|今年|本年度|依法|"
    r"过去五年|过去一年|年内|已|总计|合计|共计|分别|全体|组织|在)+"
)
# a clause that ends in a verb has no object of its own: the object is the sentence's (…信息，报送800篇)
_OBJECTLESS = re.compile(
    r"(报送|上报|转报|呈报|报|采用|采纳|刊用|录用|编发|收集|收到|征集|撰写|提交|办结|办复|答复|立案|反映|被[^，,]{0,8}(采用|采纳|批示))"
    r"(了)?(共|共计|累计|总计|合计)?(达到?|超过|逾|近|约)?$"
)
_VERB_AFTER = re.compile(r"(被|已|均|全部|得到|获|经(?![济费营验典])|由|先后|分别)")  # 经审查, not 经济
# another counted item of a 、-chain (5件议案): its noun is not what this number counts
_COUNTED_GROUP = re.compile(r"[0-9０-９.．]+[余多]?[万亿]?(件|项|个|条|篇|份|次|人次|名|部|期|场|家|所|处)[^、，,；;]*")
# The thing counted is an object the activity covered, not the activity (对11个部门进行专题询问,
# 44个城市规划予以备案, 发现问题377项): the noun right after the unit, or right before the number.
_OBJECTS = r"(部门|单位|城市|规划|问题|企业|乡镇|街道|村|社区|项目|案件|学校|医院|园区|法庭|县区|区县|县市区|媒体)"
_OBJECT_AFTER = re.compile(
    r"[^，,、；;。]{0,6}?" + _OBJECTS + r"(?=进行|开展|予以|作出|实施|参与|参加|推进|落实|办理|等|和|及|$)"
)
_OBJECT_BEFORE = re.compile(_OBJECTS + r"(共|共计|累计|达到?|约|近|超过|逾)?$")
# laws counted as the objects of some other activity (对15部法规进行立法后评估); 执法检查 of laws is the inspection
# laws counted as the objects of some other activity (对15部法规进行立法后评估); a legislative act on them
# (修改, 废止, 审议, 执法检查) keeps them the count
_LAWS_OBJECT_AFTER = re.compile(
    r"[^，,、；;。]{0,6}?(法规|法律|条例)(进行|开展)(?![^，,；;。]*(执法检查|修改|修订|修正|废止|审议|批准))"
)
# the rest of a sentence that counts amended laws apart (…等11部法规，对3部法规进行修改): 制定 there is new only
_AMENDED_APART = re.compile(
    r"[^。；;！!？?\n]{0,80}?([0-9０-９一二三四五六七八九十两]+[余多]?(件|部|项)[^。；;，,]{0,20}(修改|修订|修正)"
    r"|(修改|修订|修正)[^。；;，,]{0,20}[0-9０-９一二三四五六七八九十两]+[余多]?(件|部|项))"
)
_POLICY_AFTER = re.compile(r"(措施|举措|意见|规定|要求|禁令)")
_POLICY_VERB = re.compile(r"(落实|贯彻|执行|督查|督促|学习|宣传).*的$")
# Compiled here rather than by re's cache at each call: these run once per statistic.
_CLAUSE_SPLIT = re.compile(r"[，,；;：:]")
_PASSED_OR_AMENDED = re.compile(r"通过|批准|修改|修订|修正")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_NOUN_AFTER = re.compile(r"[^0-9０-９，,、；;。]{0,12}")
_LABEL_DROP_END = re.compile(r"(共|累计|总计|达到?|合计|计|约|近|超过?|逾|分别|先后|为)$")
_NUMBERS_IN_LABEL = re.compile(r"[0-9０-９.%％]+[^\u4e00-\u9fff]*")
_NOT_LABEL = re.compile(r"[0-9０-９.%％“”‘’\"'《》()（）\s]|余|多|约|近|超过|达到?$")


def extract_statistics(text: str, report: ReportRecord) -> list[StatisticRecord]:
    """Return every statistic in ``text[report.char_start:report.char_end]``, in reading order."""
    kind = report.body.kind if report.body else _kind_from_title(report.title)
    plan_from = _plan_start(text, report)
    records: list[StatisticRecord] = []
    seen: Counter = Counter()
    for m in quantity_matches(text, report.char_start, report.char_end):
        if not _may_count(text, m, report.char_end):
            continue
        q = quantity_from_match(m)
        if q is None:
            continue
        unit = _resolve_unit(text, q, report.char_end)
        clause = _clause(text, q, report)
        if unit is None or reject_reason(text, q, unit, clause) is not None:
            continue
        records.append(_record(text, q, unit, clause, report, kind, plan_from, seen))
    return records


def _may_count(text: str, m: re.Match, limit: int) -> bool:
    """False when quantity match ``m`` cannot become a statistic, whatever its numeral.

    Its unit would not be a counting unit (年, 月, 米, none): the first thing
    ``reject_reason`` checks. Most numbers in a report are like that (dates, 一是,
    进一步), so this spares parsing their numerals. Same test as ``_resolve_unit``
    followed by that check, read from the match.
    """
    if m.group("pct"):
        return True
    unit = m.group("unit")
    if unit:
        return unit in _COUNTING_AS_WRITTEN  # 元 may become 万元/亿元: counting too
    return _PERSON_NOUN.match(text, m.end(), limit) is not None


def _record(text, q, unit, clause, report, kind, plan_from, seen) -> StatisticRecord:
    """Build one StatisticRecord for quantity ``q`` inside ``clause`` (start, end)."""
    before = text[clause[0] : q.span_start]
    after = _noun_after(text, q, clause)
    label = make_label(before, after)
    item = _innermost_item(report.items, q.start)
    part = item.part if item else _part_without_items(report, q.start, plan_from)
    item_key = item.key if item else None
    key_base = f"{item_key or 'report'}:{label}:{q.number_text}"
    seen[key_base] += 1
    return StatisticRecord(
        key=f"{key_base}:{seen[key_base]}",
        indicator=_indicator(text, q, unit, kind, before, after),
        label=label,
        value=q.value,
        value_max=q.value_max,
        qualifier=q.qualifier,
        unit=unit,
        period=_period(text, q, clause, report, part),
        part=part,
        year=report.review_year if part == "review" else report.plan_year if part == "plan" else None,
        per_unit=bool(_PER_UNIT.search(before)),
        number_text=q.number_text,
        char_start=clause[0],
        char_end=clause[1],
        agenda_item_key=item_key,
    )


def reject_reason(text: str, q: Quantity, unit: str, clause: tuple[int, int]) -> str | None:
    """Say why quantity ``q`` (with resolved ``unit``) is not a statistic, or None if it is one."""
    before = text[clause[0] : q.span_start]
    after = text[q.span_end : clause[1]]
    chinese = not any(c.isdigit() for c in q.number_text if c.isascii())
    # In order, and each check only runs when every one before it passed.
    if unit not in COUNTING_UNITS:
        return "unit is not a counting unit"
    if chinese and q.number_text == "一":
        return "bare 一 is an article or a vague quantity"
    if chinese and (m := _ORDINAL_BEFORE.search(before)) is not None and not _people_of_body(m.group(1), unit):
        return "ordinal"
    if chinese and unit in ("次", "届") and _ordinal_meeting(before, after):
        return "ordinal meeting number (市委六次人大工作会议)"
    if text[q.span_start - 1 : q.span_start] == "第":
        return "ordinal"
    if chinese and unit == "期" and _PHASE_AFTER.match(after) is not None:
        return "project phase (二期工程)"
    if _FREQUENCY.search(before) is not None:
        return "frequency"
    if _NAME_AFTER.match(text, q.end):
        return "proper name"
    if _LEADER.search(_chain_before(text, q)) is not None:
        return "count of a national leader's acts"
    if q.number_text in ("十", "百", "千", "万", "亿") and q.qualifier == "exact":
        return "idiom (千家万户)"
    if _ORDINAL_LIST.search(text, max(0, q.start - 12), q.start) is not None:
        return "ordinal list (第1、2名)"
    if _in_short_quote(text, q, clause):
        return "inside a quoted formula"
    if _in_title(text, q, clause):
        return "inside a title"
    if chinese and _formula_count(text, q, unit):
        return "slogan-like formula"
    if chinese and _names_quoted_parts(text, q):
        return "count naming the parts of a quoted formula"
    if chinese and _names_listed_parts(text, q):
        return "count naming the parts listed right before it (立法、农情、民情、经济监督四个联系点)"
    if chinese and _named_policy(before, text, q, unit):
        return "name of a policy being carried out (落实…二十条措施)"
    return None


def _indicator(text: str, q: Quantity, unit: str, kind: str, before: str, after: str) -> str:
    """Indicator code, read from the nearest words that name what is counted.

    Contexts, nearest first: the head noun of an example list (调研、督办等工作流程9项:
    工作流程, not 调研); the clause; the 、-chain with the other counted items taken
    out (代表提出的5件议案、271件建议: 271 counts 建议); and the sentence when the
    clause names no object of its own (…社情民意…，向省政协报送72篇).
    """
    before, after = _TITLE.sub("《》", before), _TITLE.sub("《》", after)
    if unit not in _NOT_OBJECT_UNITS and _counts_objects(before, after):
        return "other"
    contexts = []
    head = _list_head(before)
    if head:
        contexts.append(head + after)
    chain = _COUNTED_GROUP.sub("", _TITLE.sub("《》", _chain_before(text, q))) + after
    # A、B等N件: the count covers the whole list, so the list is the clause
    contexts.append(chain if "等" in before else before + after)
    contexts.append(chain)
    # 6个督导组: the noun after the unit is what is counted; 9项被市政府采纳: a verb, not a noun
    noun_follows = len(after) >= 1 and unit not in ("人", "人次", "名") and not _VERB_AFTER.match(after)
    words = _LABEL_DROP.sub("", before.strip()).strip("《》")
    objectless = _OBJECTLESS.search(before) is not None or words.endswith("等") or len(words) <= 1
    if (objectless or len(words.strip("等")) <= 4) and not noun_follows:
        sentence = _TITLE.sub("《》", _sentence_before(text, q, (q.span_start, q.span_end)))
        if objectless:  # the object left out is the one named last: the sentence's clauses, nearest first
            clauses = [c for c in _CLAUSE_SPLIT.split(sentence)[:-1] if c.strip()]
            contexts.extend(c + after for c in reversed(clauses[-3:]))
        contexts.append(sentence + after)
    code = map_indicator(*contexts[:1], unit, kind, *contexts[1:])
    if code == "laws_passed" and _AMENDED_APART.match(text, q.span_end):
        made = _chain_before(text, q)
        if "制定" in made and _PASSED_OR_AMENDED.search(made) is None:
            return "laws_new"  # new and amended counted apart: 制定 is the new ones
    return code


_NOT_OBJECT_UNITS = frozenset({"元", "千元", "万元", "亿元", "%"})


def _counts_objects(before: str, after: str) -> bool:
    """True when the number counts the objects an activity covered, not the activity itself.

    对11个市直部门进行专题询问 counts departments, 检查发现问题377项 counts problems: the
    noun right after the unit (followed by a verb or the clause end) or right before the number.
    """
    return bool(_OBJECT_AFTER.match(after) or _LAWS_OBJECT_AFTER.match(after) or _OBJECT_BEFORE.search(before))


def _list_head(before: str) -> str:
    """The category noun after the last 等 of an example list (A、B等工作制度 -> 工作制度), or ''."""
    at = before.rfind("等")
    head = _LABEL_DROP.sub("", before[at + 1 :]) if at >= 0 else ""
    return head if len(_HAN.findall(head)) >= 2 else ""


def _chain_before(text: str, q: Quantity) -> str:
    """The text before ``q`` back to the last clause stop other than 、 (the 、-joined chain)."""
    lower = max(0, q.span_start - _CHAIN_REACH)
    last_stop = _TO_LAST_CHAIN_STOP.match(text, lower, q.span_start)
    return text[last_stop.end() if last_stop else lower : q.span_start]


def _sentence_before(text: str, q: Quantity, clause: tuple[int, int]) -> str:
    """The text from the start of ``q``'s sentence (after 。；! ? or a line break) up to ``q``."""
    start = max(clause[0] - 200, 0)
    stops = [m.end() for m in _SENTENCE_STOPS.finditer(text, start, clause[0])]
    return text[stops[-1] if stops else start : q.span_start]


def _people_of_body(before_word: str, unit: str) -> bool:
    """True for 全国人大两位副委员长: people of a body are counted, not its sessions (人大一次会议)."""
    return before_word in ("人大", "政协") and unit in ("位", "名", "人")


def _ordinal_meeting(before: str, after: str) -> bool:
    """True for 市委六次人大工作会议: a Chinese N次 naming a meeting, with no verb that would make it a count."""
    named = _MEETING_AFTER.match(after) or _ORDINAL_AFTER.match(after)
    return bool(named) and not _COUNT_VERB.search(before[-4:])


def _in_short_quote(text: str, q: Quantity, clause: tuple[int, int]) -> bool:
    """True when ``q`` stands inside a quoted formula: “…” of at most 14 characters,
    or a longer quoted list of formulas when the numeral is Chinese (“两个上台阶、四个走前列”)."""
    window = text[max(0, q.start - 40) : q.start]
    opening = max(window.rfind("“"), window.rfind("‘"))
    if opening < 0 or "”" in window[opening:] or "’" in window[opening:]:
        return False
    ahead = text[q.end : q.end + 40]
    close = min((i for i in (ahead.find("”"), ahead.find("’")) if i >= 0), default=-1)
    if close < 0:
        return False
    chinese = not any(c.isascii() and c.isdigit() for c in q.number_text)
    return (len(window) - opening) + close <= 14 or (chinese and "、" in window[opening:] + ahead[:close])


def _in_title(text: str, q: Quantity, clause: tuple[int, int]) -> bool:
    """True when ``q`` stands inside a 《…》 title."""
    before = text[clause[0] : q.start]
    return before.rfind("《") > before.rfind("》")


def _formula_count(text: str, q: Quantity, unit: str) -> bool:
    """True for 两个确立 / 四个意识 / 八项规定 shapes: a Chinese count of an abstract formula noun."""
    if unit not in ("个", "项", "大", "条", "种", "位"):
        return False
    return bool(_FORMULA_NOUNS.match(text, q.span_end))


def _named_policy(before: str, text: str, q: Quantity, unit: str) -> bool:
    """True for 督查…的二十条措施落实情况: a Chinese N条/项 naming a policy that is carried out, not a count."""
    return (
        unit in ("条", "项")
        and _POLICY_AFTER.match(text, q.span_end) is not None
        and _POLICY_VERB.search(before) is not None
    )


def _names_quoted_parts(text: str, q: Quantity) -> bool:
    """True for “提、交、办”三个环节: a Chinese count right after a quoted list of its parts."""
    if text[q.span_start - 1 : q.span_start] != "”":
        return False
    opening = text.rfind("“", max(0, q.span_start - 30), q.span_start)
    quoted = text[opening + 1 : q.span_start - 1] if opening >= 0 else ""
    return "、" in quoted or len(quoted) <= 4


# texts produced (五个专门委员会议事规则, 两个报告) are real counts even with their subjects listed
_TEXTS_AFTER = re.compile(r"[^，,。；;、]{0,10}(规则|制度|办法|细则|规程|报告|法规|条例|决定|决议|意见)")


def _names_listed_parts(text: str, q: Quantity) -> bool:
    """True when a Chinese count equals the number of short 、-joined items right before it.

    发挥立法、农情、民情、经济监督四个联系点作用: 四 names the four parts listed, it counts nothing new.
    """
    chain = _chain_before(text, q)
    if "、" not in chain or q.value_max is not None or _TEXTS_AFTER.match(text, q.span_end):
        return False
    items = chain.split("、")
    items[0] = items[0][-6:]  # the first item is preceded by the clause's verb (发挥立法)
    return len(items) == q.value and all(0 < len(i) <= 6 and not any(c.isdigit() for c in i) for i in items)


def _resolve_unit(text: str, q: Quantity, limit: int) -> str | None:
    """The counting unit of ``q``: its written unit, or 人 before a people noun (914万选民)."""
    if q.unit:
        return q.unit
    if _PERSON_NOUN.match(text, q.span_end, limit) and not _NAME_AFTER.match(text, q.end):
        return "人"
    return None


def _clause(text: str, q: Quantity, report: ReportRecord) -> tuple[int, int]:
    """Start and end of the clause holding ``q``: between clause punctuation, within the report."""
    start = q.span_start
    lower = max(report.char_start, start - _CLAUSE_REACH)
    last_stop = _TO_LAST_CLAUSE_STOP.match(text, lower, start)
    if last_stop is not None:
        start = last_stop.end()
    else:  # no stop in reach: a long clause, read back to its start
        while start > report.char_start and text[start - 1] not in _CLAUSE_STOPS:
            start -= 1
    end = _UP_TO_CLAUSE_STOP.match(text, q.span_end, report.char_end).end()
    while start < q.start and text[start].isspace():
        start += 1
    return start, end


def _noun_after(text: str, q: Quantity, clause: tuple[int, int]) -> str:
    """The few characters after the unit when they name what is counted (3期培训班 -> 培训班)."""
    after = text[q.span_end : clause[1]]
    return _NOUN_AFTER.match(after).group(0)  # matches always (it may match nothing)


def make_label(before: str, after: str) -> str:
    """A short Chinese label of what is counted, from the clause words around the number."""
    words = _LABEL_DROP.sub("", before.strip())
    words = _LABEL_DROP_END.sub("", words)
    label = (words + after).strip()
    label = _NUMBERS_IN_LABEL.sub("", label)
    return label[:30] or "未命名"


def _innermost_item(items: list[AgendaItemRecord], pos: int) -> AgendaItemRecord | None:
    """The smallest agenda item whose span contains ``pos``, or None."""
    holding = [i for i in items if i.char_start <= pos < i.char_end]
    return min(holding, key=lambda i: i.char_end - i.char_start, default=None)


def _plan_start(text: str, report: ReportRecord) -> int | None:
    """Offset where a report without items turns to its plan (first plan heading cue), or None."""
    if report.report_type in ("work_plan", "opinion"):
        return report.char_start
    m = _PLAN_HEADING.search(text, report.char_start, report.char_end)
    return m.start() if m else None


def _part_without_items(report: ReportRecord, pos: int, plan_from: int | None) -> str:
    """Part of a position outside every agenda item (see the module docstring)."""
    if plan_from is not None and pos >= plan_from:
        return "plan"
    return "review" if report.report_type == "work_report" else "other"


def _period(text: str, q: Quantity, clause: tuple[int, int], report: ReportRecord, part: str) -> str:
    """``term``, ``year`` or ``unspecified`` from the nearest cue before ``q`` in its paragraph."""
    if _STOCK_CUES.match(text, clause[0]):
        return "unspecified"
    if part == "plan":
        return "year"
    line_start = text.rfind("\n", report.char_start, q.start) + 1
    head = text[max(line_start, report.char_start) : q.start]
    term = [m.end() for m in _TERM_CUES.finditer(head)]
    year = [m.end() for m in _YEAR_CUES.finditer(head)]
    if term or year:
        return "term" if max(term, default=-1) > max(year, default=-1) else "year"
    return "term" if report.review_scope == "term" else "year"


def _kind_from_title(title: str) -> str:
    """Guess the body kind from a report title when no body is set."""
    return "cppcc_sc" if "政协" in title or "委员会常务委员会" in title else "npc_sc"


__all__ = ["COUNTING_UNITS", "extract_statistics", "make_label", "reject_reason", "body_family"]
