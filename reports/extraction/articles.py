"""Magazine web pages: one article, and one item per paragraph about a body.

A page is recognised by its breadcrumb (首页 > … > 《上海人大》杂志 > 2023年 > 第7期 >
栏目), which also gives journal, year, issue and column. The title is the first
content line after it; toolbar and byline lines are not the title. A highlights
article made of paragraphs that each open with a body (徐汇区人大…, 某县政协…)
gets one AgendaItemRecord per such paragraph, linked to that body.
"""

from __future__ import annotations

import re
from collections import Counter

from . import regions
from .bodies import body_record
from .lines import Line, is_clutter, last_content_end
from .records import AgendaItemRecord, DocumentRecord, ReportRecord

_BREADCRUMB = re.compile(r"首页\s*[>›»]|当前位置")
_CRUMB_SPLIT = re.compile(r"\s*[>›»]\s*")
_JOURNAL = re.compile(r"《(?P<name>[^》]{2,20})》")
_YEAR_CRUMB = re.compile(r"^(?P<year>(?:19|20)\d{2})\s?年$")
_ISSUE_CRUMB = re.compile(r"^第\s?(?P<issue>\d{1,3})\s?期$")
_BYLINE = re.compile(r"^(?:文\s*[/／]|作者[:：]|记者\s)\s*(?P<who>.+)$")
_BODY_PARAGRAPH = re.compile(
    r"^(?P<place>[\u4e00-\u9fff]{1,10}?(?:自治县|自治州|区|县|市|州|旗))(?P<body>人大常委会|人大|政协)"
)
_SENTENCE_END = re.compile(r"[。！？!?]$")
_MIN_BODY_PARAGRAPHS = 2
_HEAD_LINES = 12


def find_web_article(text: str, lines: list[Line], document: DocumentRecord) -> bool:
    """Add the one article of a magazine web page; True when ``text`` is such a page."""
    head = [line for line in lines[:_HEAD_LINES] if not line.blank]
    crumb = next((line for line in head if _BREADCRUMB.search(line.text)), None)
    if crumb is None:
        return False
    meta = breadcrumb_metadata(crumb.text)
    title = _title_line(lines, crumb.number)
    if title is None:
        return False
    end = last_content_end(lines, title.number, len(lines))
    report = ReportRecord(
        key="",
        title=title.text,
        report_type="article",
        body=None,
        char_start=title.start,
        char_end=end,
    )
    report.metadata.update(meta)
    byline = _byline(lines, title.number)
    if byline:
        report.metadata.update(byline)
    seat = _journal_seat(meta.get("journal", ""), meta.get("year"))
    report.body = _publisher_body(seat, meta.get("year"))
    report.items = body_paragraph_items(text, lines, title.number, end, seat, meta.get("year"))
    document.metadata.update(meta)
    document.reports.append(report)
    return True


def breadcrumb_metadata(text: str) -> dict:
    """Journal, year, issue and column read from a breadcrumb line."""
    meta: dict = {}
    crumbs = [crumb for crumb in _CRUMB_SPLIT.split(text.replace("\u00a0", " ")) if crumb]
    for crumb in crumbs:
        journal = _JOURNAL.search(crumb)
        year = _YEAR_CRUMB.match(crumb)
        issue = _ISSUE_CRUMB.match(crumb)
        if journal:
            meta["journal"] = journal.group("name")
        elif year:
            meta["year"] = int(year.group("year"))
        elif issue:
            meta["issue"] = int(issue.group("issue"))
    if "issue" in meta and crumbs and not _ISSUE_CRUMB.match(crumbs[-1]):
        meta["column"] = crumbs[-1]
    return meta


def _title_line(lines: list[Line], after: int) -> Line | None:
    for line in lines[after + 1 : after + _HEAD_LINES]:
        if line.blank or is_clutter(line) or _BYLINE.match(line.text):
            continue
        return None if _SENTENCE_END.search(line.text) or len(line.text) > 100 else line
    return None


def _byline(lines: list[Line], after: int) -> dict:
    """Author and affiliation from a 文/本刊 张三 line near the title."""
    for line in lines[after + 1 : after + _HEAD_LINES]:
        match = _BYLINE.match(line.text)
        if match:
            parts = match.group("who").split()
            meta = {"author": parts[-1]}
            if len(parts) > 1:
                meta["author_affiliation"] = " ".join(parts[:-1])
            return meta
    return {}


def _journal_seat(journal: str, year: int | None) -> regions.Region | None:
    """The region a magazine named after a place's congress covers (上海人大 → 上海市)."""
    match = re.match(r"^(?P<place>[\u4e00-\u9fff]{2,10}?)(?:人大|人民代表大会)", journal)
    if not match:
        return None
    place = match.group("place")
    return regions.province_by_short(place, year) or regions.resolve(place, year)


def _publisher_body(seat: regions.Region | None, year: int | None):
    """A place's congress magazine is published by its standing committee."""
    if seat is None:
        return None
    return body_record("npc_sc", seat.name, year)


def body_paragraph_items(
    text: str,
    lines: list[Line],
    after: int,
    end: int,
    seat: regions.Region | None,
    year: int | None,
) -> list[AgendaItemRecord]:
    """One item per paragraph opening with a body, when at least two paragraphs do."""
    hits = []
    for line in lines[after + 1 :]:
        if line.start >= end:
            break
        match = _BODY_PARAGRAPH.match(line.text)
        if match and not line.blank:
            hits.append((line, match))
    if len(hits) < _MIN_BODY_PARAGRAPHS:
        return []
    context = _paragraph_context(hits, seat, year)
    return [_item(text, order, line, match, context, year) for order, (line, match) in enumerate(hits, 1)]


def _item(text: str, order: int, line: Line, match, context: tuple[str, ...], year: int | None):
    """One unnumbered paragraph item linked to the body it opens with."""
    kind = "cppcc_sc" if match.group("body") == "政协" else "npc_sc"
    return AgendaItemRecord(
        key=f"p{order}",
        parent_key=None,
        part="other",
        number="",
        order=order,
        heading=line.text.split("。", 1)[0],
        text=text[line.start : line.end],
        char_start=line.start,
        char_end=line.end,
        body=body_record(kind, match.group("place"), year, context),
    )


def _paragraph_context(hits: list, seat: regions.Region | None, year: int | None) -> tuple[str, ...]:
    """Codes that settle shared names: the magazine's seat, then the province most paragraphs resolve to."""
    provinces: Counter[str] = Counter()
    for _line, match in hits:
        found = regions.candidates(match.group("place"), year)
        if len(found) == 1:
            provinces[found[0].province_code] += 1
    context = tuple(code for code, _count in provinces.most_common())
    return ((seat.code,) if seat else ()) + context
