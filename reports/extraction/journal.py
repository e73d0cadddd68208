"""Journal issues: front matter, table of contents and bylined articles.

An issue is recognised by an issue line (2022年第1期, 总第66期) and a table of
contents (目录). Each article starts at its title line(s) followed by a byline
(市人大常委会办公厅, 徐汇区人大常委会, 市人大代表、… 张三); the TOC confirms the
title, so TOC lines and untitled front-matter news are never articles. An
article ends at its end marker (□) when the issue uses one, else at its last
content line before the next article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from . import regions
from .authors import Seat, author_body, is_author_line
from .lines import Line, is_clutter
from .records import DocumentRecord, ExtractionWarning, ReportRecord

_ISSUE = re.compile(r"^(?:(?P<year>(?:19|20)\d{2})\s?年\s?)?第\s?(?P<issue>\d{1,3})\s?期$")
_COVER_ISSUE = re.compile(r"^(?P<year>(?:19|20)\d{2})\s+(?P<issue>\d{1,2})$")
_CUMULATIVE = re.compile(r"^总第\s?(?P<n>\d{1,4})\s?期$")
_TOC_HEADING = re.compile(r"^目\s*录$|^本期目录$")
_TOC_ENTRY = re.compile(
    r"^(?:[-–—•·*]\s*)?(?P<page>\d{1,3})\s+(?P<title>\S.*)$|^(?P<title2>\S.*?)\s*(?:…{2,}|\.{3,})\s*(?P<page2>\d{1,3})$"
)
_LABEL = re.compile(r"^(?P<label>[\u4e00-\u9fff ]{2,6})[:：]\s*(?P<value>.*)$")
_END_MARKERS = ("□", "■", "◆", "◇")
# A finished sentence or article: a title never ends like this (a closing quote only after 。).
_SENTENCE_END = re.compile(r"(?:[。！？；…!?;]|[。！？!?][”’\"]|[□■◆◇])$")
_FRONT_LINES = 200
_MAX_TITLE_LINES = 3
_MIN_SIMILARITY = 0.7


@dataclass
class TocEntry:
    """One table-of-contents entry: page, title (with subtitle) and byline."""

    page: int
    title: str
    author: str = ""
    line: int = 0


@dataclass
class _Article:
    title_lines: list[Line]
    author: Line
    toc: TocEntry | None
    end: int = 0
    extra: dict = field(default_factory=dict)


def compact(text: str) -> str:
    """Return ``text`` without whitespace, for comparing titles across line wraps."""
    return re.sub(r"\s+", "", text)


def find_issue(text: str, lines: list[Line], document: DocumentRecord) -> bool:
    """Add one article report per bylined article of a journal issue; True when it is one."""
    front = lines[:_FRONT_LINES]
    toc_at = next((line.number for line in front if _TOC_HEADING.match(line.text)), None)
    meta = issue_metadata(front)
    if toc_at is None or "issue" not in meta:
        return False
    entries, toc_end = parse_toc(lines, toc_at)
    found = _find_articles(lines, toc_end, entries)
    if not found:
        return False
    document.metadata.update(meta)
    seat = _seat(text, meta)
    for article in found:
        document.reports.append(_report(text, article, meta, seat))
    return True


def issue_metadata(front: list[Line]) -> dict:
    """Read journal name, year, issue, cumulative issue, publisher and supervisor from the front matter."""
    meta: dict = {}
    content = [line for line in front if not line.blank]
    for position, line in enumerate(content):
        issue = _ISSUE.match(line.text) or _COVER_ISSUE.match(line.text)
        if issue:
            meta.setdefault("issue", int(issue.group("issue")))
            if issue.group("year"):
                meta.setdefault("year", int(issue.group("year")))
            if position and _is_name(content[position - 1].text):
                meta.setdefault("journal", content[position - 1].text.strip("《》"))
        cumulative = _CUMULATIVE.match(line.text)
        if cumulative:
            meta.setdefault("cumulative_issue", int(cumulative.group("n")))
        if line.text.endswith("会刊") and len(line.text) > 3:
            meta.setdefault("organ_of", line.text[:-2])
    meta.update(_labels(content))
    return meta


def _is_name(text: str) -> bool:
    return 2 <= len(text) <= 20 and bool(re.fullmatch(r"[\u4e00-\u9fff《》]+", text))


def _labels(content: list[Line]) -> dict:
    """主办/主管 values, which may continue on the following lines."""
    found = {}
    names = {"主办": "publisher", "主管": "supervisor"}
    for position, line in enumerate(content):
        label = _LABEL.match(line.text)
        if not label or compact(label.group("label")) not in names:
            continue
        value = label.group("value")
        for following in content[position + 1 : position + 4]:
            if _LABEL.match(following.text) or _TOC_HEADING.match(following.text):
                break
            value += following.text
        found.setdefault(names[compact(label.group("label"))], value)
    return found


def parse_toc(lines: list[Line], heading: int) -> tuple[list[TocEntry], int]:
    """Return the TOC entries after the 目录 line and the number of the TOC's last line."""
    entries: list[TocEntry] = []
    last = heading
    for line in lines[heading + 1 :]:
        if line.blank:
            if entries:
                break
            continue
        entry = _TOC_ENTRY.match(line.text)
        if entry:
            title = entry.group("title") or entry.group("title2")
            page = entry.group("page") or entry.group("page2")
            entries.append(TocEntry(int(page), title, line=line.number))
        elif entries and line.text.startswith(("——", "—", "－－")) and not entries[-1].author:
            entries[-1].title += line.text
        elif entries and not entries[-1].author:
            entries[-1].author = line.text
        else:
            break
        last = line.number
    return entries, last


def _find_articles(lines: list[Line], toc_end: int, entries: list[TocEntry]) -> list[_Article]:
    """Articles after the TOC: a title block, then a byline; the TOC confirms the title."""
    found: list[_Article] = []
    body = lines[toc_end + 1 :]
    for position, line in enumerate(body):
        if line.blank or not is_author_line(line.text):
            continue
        block = _title_block(body, position)
        if not block:
            continue
        toc = _toc_match(block, entries)
        if entries and toc is None:
            continue
        found.append(_Article(block, line, toc))
    for position, article in enumerate(found):
        stop = found[position + 1].title_lines[0].number if position + 1 < len(found) else len(lines)
        article.end = _article_end(lines, article.author.number, stop)
    return found


def _title_block(body: list[Line], author_at: int) -> list[Line]:
    """The title lines just above a byline: up to three short lines after a finished sentence."""
    block: list[Line] = []
    for line in reversed(body[:author_at]):
        if line.blank:
            continue
        if _SENTENCE_END.search(line.text) or len(line.text) > 60 or is_author_line(line.text):
            break
        block.insert(0, line)
        if len(block) > _MAX_TITLE_LINES:
            return []
    return block


def _toc_match(block: list[Line], entries: list[TocEntry]) -> TocEntry | None:
    """The TOC entry whose title the block reads as (ignoring whitespace; small wording drift allowed)."""
    title = compact("".join(line.text for line in block))
    best, score = None, 0.0
    for entry in entries:
        ratio = SequenceMatcher(None, title, compact(entry.title)).ratio()
        if ratio > score:
            best, score = entry, ratio
    return best if score >= _MIN_SIMILARITY else None


def _article_end(lines: list[Line], author_at: int, stop: int) -> int:
    """End offset of an article: its last end-marked line, else its last content line."""
    content = [line for line in lines[author_at + 1 : stop] if not line.blank and not is_clutter(line)]
    marked = [line for line in content if line.text.endswith(_END_MARKERS)]
    if marked:
        return marked[-1].end
    return content[-1].end if content else lines[author_at].end


def _seat(text: str, meta: dict) -> Seat:
    """Where the issue's bare 市/区 point: the region its publisher or text names most."""
    year = meta.get("year")
    for name in (meta.get("organ_of", ""), meta.get("publisher", "")):
        parent, _rest = regions.split_parent(name, year) if name else (None, "")
        if parent is not None:
            return Seat(parent, year, (parent.code,))
    context = regions.place_context(text, year)
    region = regions.region_by_code(context[0], year) if context else None
    return Seat(region, year, context)


def join_title(block: list[Line]) -> str:
    """A title wrapped over lines, joined: a subtitle (——…) directly, other halves with a space."""
    title = block[0].text
    for line in block[1:]:
        title += line.text if line.text.startswith("—") else " " + line.text
    return title


def _report(text: str, article: _Article, meta: dict, seat: Seat) -> ReportRecord:
    title = join_title(article.title_lines)
    metadata = {key: meta[key] for key in ("journal", "year", "issue", "cumulative_issue") if key in meta}
    metadata["author"] = article.author.text
    if article.toc is not None:
        metadata["toc_page"] = article.toc.page
        metadata["toc_title"] = article.toc.title
    report = ReportRecord(
        key="",
        title=title,
        report_type="article",
        body=author_body(article.author.text, seat),
        char_start=article.title_lines[0].start,
        char_end=article.end,
        metadata=metadata,
    )
    if report.body is not None and report.body.region_code is None and report.body.level != "national":
        report.warnings.append(
            ExtractionWarning(
                "region_unresolved",
                f"region of {report.body.name} not resolved",
                report.char_start,
            )
        )
    return report
