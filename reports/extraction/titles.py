"""Recognise the title lines of reports, plans and opinions.

A title is a short line that names a body and ends with a genre word:
大庆市人民代表大会常务委员会工作报告, 黄山市人大常委会工作报告,
政协宜宾市第十五届委员会常务委员会工作报告, 全国人民代表大会常务委员会工作报告,
上海市人大常委会2024年工作要点, 关于做好新时代人大工作的意见, and the other
names of a work report: 某县人大常委会2023年工作总结, 关于市人大常委会2023年工作情况的报告.
Never a sentence that merely contains 工作报告, never a table-of-contents entry
(11.黄山市…工作报告). A title wrapped over two or three lines is joined.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

_YEAR = r"(?:(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})\s?年度?"
_SUFFIX = r"(?:[(（][^()（）]{1,12}[)）])?"  # （摘要）, (草案), （书面）
_NO_SENTENCE = r"[^。，,；;！!？?：:“”\"]"
# A body name as it heads a title: ends with a committee word.
_BODY = rf"(?P<body>{_NO_SENTENCE}{{2,45}}?(?:常务委员会|常委会))"
# What a standing committee's yearly report calls itself.
_REPORT_GENRE = r"(?:工作报告|工作总结|(?:工作|履职)情况的?报告)"
REPORT_TITLE = re.compile(rf"^{_BODY}\s*(?P<year>{_YEAR})?\s*{_REPORT_GENRE}{_SUFFIX}$")
# 关于市人大常委会2023年工作情况的报告, 某市人大常委会关于2023年工作情况的报告.
_SC = rf"{_NO_SENTENCE}{{1,45}}?(?:常务委员会|常委会)"
ABOUT_TITLE = re.compile(
    rf"^(?P<pre>{_SC})?\s*关于(?P<post>{_SC})?\s*(?P<year>{_YEAR})?\s*(?:工作|履职)情况的?报告{_SUFFIX}$"
)
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
TOC_LINE = re.compile(r"^(?:[-–—•·*]\s*)?\d{1,3}\s*[.、．)）]|^[-–—•·*]\s*\d{1,3}\s|(?:…{2,}|\.{3,}|\s)\d{1,3}$")
_MAX_TITLE = 70
_MAX_WRAPPED = 3  # lines a title may be wrapped over
_MAX_TITLE_PART = 40  # a wrapped title's lines are short
# Spaces between two Chinese characters in a title line: letter-spacing, not words.
_LETTER_SPACED = re.compile(r"(?<=[\u4e00-\u9fff])[ \u3000\u00a0]+(?=[\u4e00-\u9fff])")
_NAVIGATION = re.compile(r"[>›»|｜]")
_LINE_END = re.compile(r"[。，,；;：:！!？?、]$")
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
    gaps = len(_LETTER_SPACED.findall(text))
    if gaps:
        # 某市人大常委会 工作报告 keeps its one gap; 工 作 报 告 (letter-spaced in PDFs) loses them.
        found = match_title(_LETTER_SPACED.sub("", text))
        return found if found is None or gaps > 1 else replace(found, title=text)
    for pattern, report_type in (
        (REPORT_TITLE, "work_report"),
        (ABOUT_TITLE, "work_report"),
        (PLAN_TITLE, "work_plan"),
        (OPINION_TITLE, "opinion"),
    ):
        match = pattern.match(text)
        if match:
            if pattern is ABOUT_TITLE:
                found = _about_title(text, match)
                if found is None:
                    continue
                return found
            body = match.group("body") or ""
            if report_type != "opinion" and _CLAUSE_WORDS.search(body):
                continue
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


def _about_title(text: str, match: re.Match) -> TitleMatch | None:
    """A 关于…工作情况的报告 title: the committee is named before or after 关于."""
    body = match.group("pre") or match.group("post")
    if not body or _CLAUSE_WORDS.search(body.replace("关于", "")):
        return None
    return TitleMatch("work_report", text, body, match.group("year") or "")


def may_start_wrapped_title(text: str) -> bool:
    """False when no wrapped title starts with line ``text``: ``match_wrapped_title`` would say None.

    Most lines are paragraphs (too long, or ending a clause): this spares gathering the lines after them.
    """
    return len(text) <= _MAX_TITLE_PART and not _LINE_END.search(text)


def match_wrapped_title(texts: list[str]) -> tuple[int, TitleMatch] | None:
    """Return (number of lines used, title) when the first two or three of ``texts`` join into a title.

    ``texts`` are consecutive content lines; each wrapped part is short and none
    ends a clause. A body line followed by 工作报告 is the commonest case.
    """
    for count in range(2, _MAX_WRAPPED + 1):
        parts = texts[:count]
        if len(parts) < count or any(len(p) > _MAX_TITLE_PART or _LINE_END.search(p) for p in parts):
            return None
        if TOC_LINE.search(parts[0]) or _NAVIGATION.search(parts[-1]) or match_title(parts[-1]):
            return None  # a TOC entry, a breadcrumb, or a title of its own under some line
        found = match_split_title(*parts) if count == 2 else None
        found = found or match_title("".join(parts))
        if found is not None:
            return count, found
    return None
