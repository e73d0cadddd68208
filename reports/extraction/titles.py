"""Recognise the title lines of reports, plans and opinions.

A title is a short line that names a body and ends with a genre word:
大庆市人民代表大会常务委员会工作报告, 黄山市人大常委会工作报告,
政协宜宾市第十五届委员会常务委员会工作报告, 全国人民代表大会常务委员会工作报告,
上海市人大常委会2024年工作要点, 关于做好新时代人大工作的意见. Never a sentence
that merely contains 工作报告, never a table-of-contents entry (11.黄山市…工作报告).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_YEAR = r"(?:(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})\s?年度?"
_SUFFIX = r"(?:[(（][^()（）]{1,12}[)）])?"  # （摘要）, (草案), （书面）
_NO_SENTENCE = r"[^。，,；;！!？?：:“”\"]"
# A body name as it heads a title: ends with a committee word.
_BODY = rf"(?P<body>{_NO_SENTENCE}{{2,45}}?(?:常务委员会|常委会))"
REPORT_TITLE = re.compile(rf"^{_BODY}\s*(?P<year>{_YEAR})?\s*工作报告{_SUFFIX}$")
PLAN_TITLE = re.compile(
    rf"^(?P<body>{_NO_SENTENCE}{{2,45}}?(?:常务委员会|常委会|政协|人大|委员会))?"
    rf"(?P<year>{_YEAR})?工作(?:要点|计划){_SUFFIX}$"
)
OPINION_TITLE = re.compile(
    rf"^(?P<body>中共{_NO_SENTENCE}{{1,20}}?委(?:员会)?|{_NO_SENTENCE}{{2,20}}?委员会)?"
    rf"关于{_NO_SENTENCE}{{2,60}}的(?:实施)?意见{_SUFFIX}$"
)
# A body name alone on a line, when a PDF wraps the title before 工作报告.
BODY_LINE = re.compile(rf"^{_BODY}$")
REPORT_TAIL = re.compile(rf"^(?P<year>{_YEAR})?工作报告{_SUFFIX}$")
# Table-of-contents shapes: 11.黄山市…, - 02 标题, 标题……12, 标题 12.
TOC_LINE = re.compile(
    r"^(?:[-–—•·*]\s*)?\d{1,3}\s*[.、．)）]|^[-–—•·*]\s*\d{1,3}\s|(?:…{2,}|\.{3,}|\s)\d{1,3}$"
)
_MAX_TITLE = 70
# Words that make "…常委会工作报告" a clause (审议了市人大常委会工作报告), not a title.
_CLAUSE_WORDS = re.compile(r"审议|听取|关于|决议|批准|通过|的|在|对|向|和")


@dataclass(frozen=True)
class TitleMatch:
    """A recognised title: its genre, the body words and year it names."""

    report_type: str  # work_report, work_plan, opinion
    title: str
    body_text: str  # the body part as written ("" when the title names none)
    year: str  # the year part as written ("" when none)


def match_title(text: str) -> TitleMatch | None:
    """Return what a stripped line says when it is a title line, else None.

    TOC-shaped lines (numbered, with page numbers) are never titles.
    """
    if not text or len(text) > _MAX_TITLE or TOC_LINE.search(text):
        return None
    for pattern, report_type in (
        (REPORT_TITLE, "work_report"),
        (PLAN_TITLE, "work_plan"),
        (OPINION_TITLE, "opinion"),
    ):
        match = pattern.match(text)
        if match:
            body = match.group("body") or ""
            if report_type != "opinion" and _CLAUSE_WORDS.search(body):
                return None
            year = match.groupdict().get("year") or ""
            return TitleMatch(report_type, text, body, year)
    return None


def match_toc_entry(text: str) -> TitleMatch | None:
    """Return the title a table-of-contents line names (11.黄山市人大常委会工作报告), else None."""
    if not text or not TOC_LINE.search(text):
        return None
    stripped = re.sub(r"^(?:[-–—•·*]\s*)?\d{1,3}\s*[.、．)）]?\s*", "", text)
    stripped = re.sub(r"(?:…{2,}|\.{3,}|\s)\s*\d{1,3}$", "", stripped).strip()
    if stripped == text:
        return None
    found = match_title(stripped)
    return found


def match_split_title(first: str, second: str) -> TitleMatch | None:
    """Return the title that a body line and a following 工作报告 line make together."""
    if len(first) > _MAX_TITLE or not BODY_LINE.match(first):
        return None
    tail = REPORT_TAIL.match(second)
    if not tail:
        return None
    return TitleMatch("work_report", first + second, first, tail.group("year") or "")
