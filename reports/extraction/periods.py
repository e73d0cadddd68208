"""Review and plan years of a work report, and whether the review covers a term.

Reads the report's part headings (2022年工作回顾, 二〇二三年的主要工作,
过去一年的主要工作, 本届以来的主要工作, 今后一年工作建议, 一、2022年:…) and the
first paragraphs under them; falls back on the report's own date and, as a last
resort, on the latest party meeting the text cites (党的二十大 → written after 2022).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .lines import Line
from .years import year_value, years_in

_NUMBERING = re.compile(
    r"^(?:[一二三四五六七八九十]+\s*[、.．]|[（(][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+部分[:：、\s]?)\s*"
)
_REVIEW_WORDS = re.compile(r"回顾|主要工作|工作情况|履职情况|的工作$|工作总结|主要成绩|工作成效")
_PLAN_WORDS = re.compile(r"安排|任务|建议|打算|要求|思路|计划|展望|部署")
_PLAN_PERIOD = re.compile(r"今后|新的一年|新一年|明年|来年|今年")
_PERIOD = re.compile(r"过去|一年|五年|本届|届|今后|新的一年|新一年|今年|明年|来年|以来")
_TERM_SCOPE = re.compile(r"五年|本届|届|任期|过去几年|[一二三四五]年来")
_TERM_OPENING = re.compile(r"五年来|本届以来|届以来|过去五年|任期内|五年的工作")
_YEAR_OPENING = re.compile(r"一年来|过去一年|过去的一年|(?:19|20)\d{2}年|[〇○零一二三四五六七八九]{4}年")
_SENTENCE = re.compile(r"[。，,；;！!？?]")
_YEAR_COLON = re.compile(r"^([^:：]{1,12})[:：]")
_YEAR_ONLY = re.compile(r"^(?:(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})\s?年$")
_MAX_HEADING = 30
_YEAR_IS = re.compile(r"((?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})\s?年[,，]?\s?是")
_OPENING_LINES = 4

# Party meetings a report cites, with the year they were held: a report that
# writes no year at all was written after the latest one it cites.
_PARTY_EVENTS = (
    (re.compile(r"十八大"), 2012),
    (re.compile(r"十九大"), 2017),
    (re.compile(r"十九届[四五]中全会"), 2020),
    (re.compile(r"十九届六中全会"), 2021),
    (re.compile(r"二十大"), 2022),
    (re.compile(r"二十届二中全会"), 2023),
    (re.compile(r"二十届三中全会"), 2024),
    (re.compile(r"二十届[四五]中全会"), 2025),
)


@dataclass
class Periods:
    """What a report says about the years it reviews and plans."""

    review_year: int | None = None
    plan_year: int | None = None
    review_year_inferred: bool = False
    plan_year_inferred: bool = False
    review_scope: str = "unspecified"
    review_heading: Line | None = None
    plan_heading: Line | None = None


@dataclass(frozen=True)
class _Heading:
    line: Line
    core: str
    kind: str  # review or plan
    year: int | None


def heading_core(text: str) -> str | None:
    """Return a part heading's words without numbering or slogan, or None for a non-heading.

    一、2022年:履职求作为,… → 2022年; 过去一年的主要工作 → itself; a sentence → None.
    """
    core = _NUMBERING.sub("", text).strip()
    slogan = _YEAR_COLON.match(core)
    if slogan and years_in(slogan.group(1)):
        return slogan.group(1)
    if len(core) > _MAX_HEADING or _SENTENCE.search(core) or ":" in core or "：" in core:
        return None
    return core


def classify_heading(text: str) -> tuple[str, int | None] | None:
    """Return ("review" | "plan", year written or None) for a part heading, else None."""
    core = heading_core(text)
    if core is None:
        return None
    years = years_in(core)
    if not years and not _PERIOD.search(core):
        return None
    worded = _REVIEW_WORDS.search(core) or _PLAN_WORDS.search(core)
    if not worded and not (years and _YEAR_ONLY.match(core)):
        return None
    kind = "plan" if (_PLAN_WORDS.search(core) or _PLAN_PERIOD.search(core)) else "review"
    return kind, (years[-1] if years else None)


def _candidate_headings(lines: list[Line]) -> list[_Heading]:
    """Part headings in reading order, including one glued after a sentence's 。."""
    found = []
    for line in lines:
        texts = [line.text]
        if "。" in line.text:
            texts.append(line.text.rsplit("。", 1)[1])
        for text in texts:
            result = classify_heading(text) if text else None
            if result:
                found.append(_Heading(line, heading_core(text) or text, result[0], result[1]))
                break
    return found


def _pick_headings(found: list[_Heading]) -> tuple[_Heading | None, _Heading | None]:
    """Return (review heading, plan heading): the first review-like one and the next plan-like one.

    A second 'review-like' heading with a later year is the plan (2022年主要工作 … 2023年主要工作).
    """
    review = plan = None
    for heading in found:
        if review is None and plan is None and heading.kind == "review":
            review = heading
        elif plan is None and (
            heading.kind == "plan" or (review and review.year and heading.year and heading.year > review.year)
        ):
            plan = heading
    return review, plan


def _opening(lines: list[Line], after: Line | None, before: Line | None) -> list[Line]:
    """The first few non-blank lines after ``after`` and before ``before``."""
    out = []
    for line in lines:
        if after is not None and line.number <= after.number:
            continue
        if before is not None and line.number >= before.number:
            break
        if not line.blank:
            out.append(line)
        if len(out) >= _OPENING_LINES:
            break
    return out


def _part_years(lines: list[Line], after: Line | None, before: Line | None) -> list[int]:
    """Every year written between two headings (the whole part, for a review)."""
    out = []
    for line in lines:
        if after is not None and line.number <= after.number:
            continue
        if before is not None and line.number >= before.number:
            break
        out.extend(years_in(line.text))
    return out


def _scope(review: _Heading | None, opening: str) -> str:
    if review is not None and _TERM_SCOPE.search(review.core):
        return "term"
    if review is not None and (review.year or "一年" in review.core):
        return "one_year"
    if _TERM_OPENING.search(opening):
        return "term"
    if _YEAR_OPENING.search(opening) or review is not None:
        return "one_year"
    return "unspecified"


def party_event_year(text: str) -> int | None:
    """Return the year of the latest party meeting ``text`` cites (二十大 → 2022), else None."""
    years = [year for pattern, year in _PARTY_EVENTS if pattern.search(text)]
    return max(years) if years else None


def find_periods(lines: list[Line], date_year: int | None = None) -> Periods:
    """Return the review/plan years and review scope of one report's lines (title excluded).

    ``date_year`` is the year of the report's own date (the session it was
    delivered at), when the report states one.
    """
    review, plan = _pick_headings(_candidate_headings(lines))
    review_line = review.line if review else None
    plan_line = plan.line if plan else None
    opening = " ".join(line.text for line in _opening(lines, review_line, plan_line))
    result = Periods(review_heading=review_line, plan_heading=plan_line)
    result.review_scope = _scope(review, opening)
    plan_year = plan.year if plan else None
    if plan_year is None and plan is not None:
        plan_year = _plan_year_in_text(lines, plan_line, review.year if review else None)
    review_year = review.year if review else None
    if review_year is None and review is not None and result.review_scope == "one_year":
        review_year = _review_year_in_text(lines, review_line, plan_line, plan_year)
    _fill(result, review_year, plan_year, date_year, lines)
    return result


def _plan_year_in_text(lines: list[Line], plan_line: Line, review_year: int | None) -> int | None:
    """The plan year written in the plan part's opening lines: 'YYYY年是…' first, else the first year."""
    opening = _opening(lines, plan_line, None)
    for line in opening:
        stated = _YEAR_IS.search(line.text)
        if stated and year_value(stated.group(1)):
            return year_value(stated.group(1))
    for line in opening:
        years = [y for y in years_in(line.text) if review_year is None or y > review_year]
        if years:
            return years[0]
    return None


def _review_year_in_text(
    lines: list[Line], review_line: Line, plan_line: Line | None, plan_year: int | None
) -> int | None:
    """The year a one-year review part is about: the year before the plan when written, else its commonest year."""
    years = _part_years(lines, review_line, plan_line)
    if plan_year is not None:
        return plan_year - 1 if plan_year - 1 in years else None
    if not years:
        return None
    counts = Counter(years)
    best = max(counts.values())
    return max(year for year, count in counts.items() if count == best)


def _fill(
    result: Periods,
    review_year: int | None,
    plan_year: int | None,
    date_year: int | None,
    lines: list[Line],
) -> None:
    """Complete one year from the other, the report's date, or the party meetings it cites."""
    if review_year is None and plan_year is None and date_year is not None:
        review_year, plan_year = date_year - 1, date_year
    if review_year is None and plan_year is None:
        event = party_event_year(" ".join(line.text for line in lines))
        if event is not None:
            result.review_year, result.plan_year = event, event + 1
            result.review_year_inferred = result.plan_year_inferred = True
        return
    if review_year is None:
        review_year = plan_year - 1
        result.review_year_inferred = True
    if plan_year is None and (result.plan_heading is not None or result.review_heading is None):
        # Only a report that has a plan part (or no headings at all) gets a plan year.
        plan_year = review_year + 1
        result.plan_year_inferred = True
    result.review_year, result.plan_year = review_year, plan_year
