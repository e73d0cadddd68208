"""Find the reports in a text: where each starts and ends, what it is and who issued it.

``find_reports`` tries the genres in turn: a journal issue (table of contents,
articles with bylines), titled documents (work reports, work plans, opinions;
one or many, as in a compilation), a magazine web page, an untitled work
report (opening at its 各位代表/各位委员 salutation), then an untitled work plan.
Offsets always point into the raw text.
"""

from __future__ import annotations

import re

from . import articles, journal
from .bodies import NATIONAL, assembly_kind_from_content, body_record, level_from_suffix, parse_body_name
from .lines import Line, is_clutter, is_page_number, last_content_end, split_lines
from .numbering import find_marker
from .periods import find_periods
from .records import BodyRecord, DocumentRecord, ExtractionWarning, ReportRecord
from .regions import candidates, place_context, region_by_code, resolve
from .terms import find_term
from .titles import TitleMatch, match_title, match_toc_entry, match_wrapped_title, may_start_wrapped_title
from .years import DATE, first_date, year_value, years_in

# The line under a title that says when and where a report was delivered:
# ——2023年1月10日在大庆市第八届人民代表大会第二次会议上, （2024年2月26日…通过）.
_DATE_LINE = re.compile(
    r"^[—\-－(（]{0,2}.{0,6}(?:\d{4}|[〇○零一二三四五六七八九]{4})\s?年.{0,60}(?:会议|通过|上)[)）]?$"
)
_PUBLISHED = re.compile(
    r"(?:发布时间|发布日期|发表时间|时间)[:：]\s*(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})"
)
_WEB_SOURCE = re.compile(r"(?:^|\s)来源[:：]\s*(?P<name>[^\s|｜]{2,30})")
_HEADER_LINES = 6  # lines above a page's first title that may carry its publication stamp
_ADOPTION = re.compile(r"^[(（](.{6,80}?)通过[)）]$")
_BODY_MENTION = re.compile(r"(?:第?[一二三四五六七八九十\d]{1,3}届)?(?P<body>人民代表大会常务委员会|人大常委会|政协)")
# The salutation that opens a speech to a congress or a CPPCC plenary.
_SALUTATION = re.compile(r"^(?:各位代表|各位委员)(?:[：:，,！!]|$)")
# A standing committee reporting on its work, near the top of an untitled report.
_SC_REPORTING = re.compile(r"常委会|常务委员会")
_SALUTATION_LINES = 12  # how far down clutter may push an untitled report's salutation
# How a complete report's last line ends: a sentence, a closing bracket or an end mark.
_FINISHED = re.compile(r"[。！？!?…”’」』）)□■◆◇；;]$")
# A closing exhortation, a signature or a date may end a report without a full stop.
_CLOSING = re.compile(r"^(?:各位代表|各位委员|同志们)|让我们")
_SIGNATURE = re.compile(r"(?:委员会|常委会|办公室|办公厅|日)$")  # 二〇二四年一月十日 too
_SIGNATURE_MAX = 30
_CPPCC_PLACE = re.compile(
    r"(?:第?[一二三四五六七八九十\d]{1,3}届)?(?P<place>[\u4e00-\u9fff]{2,14}?)(?:第?[一二三四五六七八九十\d]{1,3}届)?委员会"
)
_LEVEL_WORD = re.compile(r"^(?:省|市|州|县|区|自治区|自治州|旗|盟)$")
_OPENING_LINES = 4
_WRAPPED_LINES = 3
_SUMMARY_GENRE = re.compile(r"总结|情况的?报告")


def find_reports(text: str) -> DocumentRecord:
    """Return a DocumentRecord whose ``reports`` are the documents found in ``text``.

    Reports come in reading order with keys r1, r2, …; a text with nothing
    recognisable gives a record with no reports (the pipeline reports that).
    """
    lines = split_lines(text)
    document = DocumentRecord(text=text, encoding="", reports=[])
    for finder in (
        journal.find_issue,
        _find_titled,
        articles.find_web_article,
        _find_untitled_report,
        _find_untitled_plan,
    ):
        if finder(text, lines, document):
            break
    for number, report in enumerate(document.reports, start=1):
        report.key = f"r{number}"
        _replacement_char_warning(text, report)
        _truncation_warning(text, report)
    return document


# ---------------------------------------------------------------- titled documents


def title_lines(lines: list[Line]) -> list[tuple[int, int, TitleMatch]]:
    """Return (first line, last line, match) of every real title line, in order.

    A title immediately followed by another title is a table-of-contents entry,
    and so is a numbered title line; a title with no content after it is dropped.
    """
    hits = []
    consumed = -1  # the last line of the previous (possibly wrapped) title
    content = [line for line in lines if not line.blank]
    for position, line in enumerate(content):
        index = line.number
        if index <= consumed:
            continue
        found = match_title(line.text)
        last = index
        if found is None and may_start_wrapped_title(line.text):
            following = content[position : position + _WRAPPED_LINES]  # this line and the next non-blank ones
            following = following[: next((n for n, each in enumerate(following) if is_clutter(each)), None)]
            wrapped = match_wrapped_title([each.text for each in following])
            if wrapped is not None:
                count, found = wrapped
                last = following[count - 1].number
        if found is not None:
            hits.append((index, last, found))
            consumed = last
    firsts = [hit[0] for hit in hits] + [len(lines)]
    hits = [hit for n, hit in enumerate(hits) if _has_content_after(lines, hit[1], firsts[n + 1])]
    return [hit for position, hit in enumerate(hits) if not _running_header(lines, hits[:position], hit)]


def _running_header(lines: list[Line], earlier: list, hit: tuple[int, int, TitleMatch]) -> bool:
    """True when a title line is a PDF page's running header, not the start of a report.

    A running header repeats an earlier title or interrupts an unfinished
    sentence, and sits next to a page number (- 3 -); without page numbers, a
    repeated title counts when it interrupts a sentence or a numbered list
    goes on under it. A real title is followed by its date line or salutation.
    """
    first, last, found = hit
    if not earlier:
        return False
    before = [line for line in lines[max(0, first - 4) : first] if not line.blank][-2:]
    after = [line for line in lines[last + 1 : last + 5] if not line.blank][:2]
    if after and (_DATE_LINE.match(after[0].text) or _SALUTATION.match(after[0].text)):
        return False
    paged = any(is_page_number(line) for line in before + after)
    repeated = any(found.title == other.title for _f, _l, other in earlier)
    prose = [line for line in lines[:first] if not line.blank and not is_page_number(line)]
    unfinished = bool(prose) and not _FINISHED.search(prose[-1].text)
    mid_text = unfinished or (bool(after) and find_marker(after[0].text) is not None)
    return (repeated and mid_text) or (paged and (repeated or unfinished))


def _has_content_after(lines: list[Line], last: int, next_title: int) -> bool:
    """True when text follows a title before the next one: else it is a TOC entry or a page's title copy.

    Clutter (a breadcrumb between a page's <title> line and its printed title) is no text.
    """
    following = next((line for line in lines[last + 1 : next_title] if not line.blank and not is_clutter(line)), None)
    if following is None:
        return False
    return match_title(following.text) is None and match_toc_entry(following.text) is None


def _find_titled(text: str, lines: list[Line], document: DocumentRecord) -> bool:
    """Add one report per title line; return True when any was found."""
    hits = title_lines(lines)
    for position, (first, last, found) in enumerate(hits):
        stop = hits[position + 1][0] if position + 1 < len(hits) else len(lines)
        end = last_content_end(lines, first, stop)
        if end is None:
            continue
        report = ReportRecord(
            key="",
            title=found.title,
            report_type=found.report_type,
            body=None,
            char_start=lines[first].start,
            char_end=end,
        )
        content = [line for line in lines[last + 1 : stop] if line.start < end]
        if position == 0:
            _read_stamp(lines[max(0, first - _HEADER_LINES) : first], report)
        _describe(text, content, found, report)
        document.reports.append(report)
    return bool(document.reports)


def _describe(text: str, content: list[Line], found: TitleMatch, report: ReportRecord) -> None:
    """Fill a titled report's date, years, term and body from its own lines."""
    span = text[report.char_start : report.char_end]
    date_year = _read_date(content, report)
    if found.report_type == "work_report":
        _work_report_periods(content, date_year, report)
        _title_review_year(found, report)
    elif found.report_type == "work_plan":
        _plan_year(found, span, date_year, report)
    report.term = find_term(span, found.title)
    year = report.review_year or report.plan_year or date_year
    if found.report_type == "opinion":
        report.body = _opinion_issuer(text, found, span, report)
    else:
        report.body = _title_body(text, found, span, year, report)


def _read_date(content: list[Line], report: ReportRecord) -> int | None:
    """Read the date line under a title into metadata; return its year.

    Web clutter (来源, 发布时间, toolbars) may sit between title and date line:
    it is read for its publication stamp and not counted.
    """
    opening = [line for line in content if not line.blank and not is_clutter(line)]
    _read_stamp([line for line in content[:_HEADER_LINES] if is_clutter(line)], report)
    for line in opening[:_OPENING_LINES]:
        if not _DATE_LINE.match(line.text):
            continue
        dated = first_date(line.text)
        if dated:
            report.metadata["date"] = dated[0]
            report.metadata["date_line"] = line.text
            adoption = _ADOPTION.match(line.text)
            if adoption:
                report.metadata["adoption_date"] = dated[0]
                report.metadata["adopted_by"] = DATE.sub("", adoption.group(1)).strip()
            return int(dated[0][:4])
    return None


def _read_stamp(lines: list[Line], report: ReportRecord) -> None:
    """Read a web page's publication date (发布时间) and source (来源) into metadata."""
    for line in lines:
        published = _PUBLISHED.search(line.text)
        if published and "published" not in report.metadata:
            year, month, day = (int(published.group(k)) for k in "ymd")
            if 1 <= month <= 12 and 1 <= day <= 31:
                report.metadata["published"] = f"{year:04d}-{month:02d}-{day:02d}"
        source = _WEB_SOURCE.search(line.text)
        if source and "web_source" not in report.metadata:
            report.metadata["web_source"] = source.group("name")


def _work_report_periods(content: list[Line], date_year: int | None, report: ReportRecord) -> None:
    periods = find_periods(content, date_year)
    report.review_year, report.plan_year = periods.review_year, periods.plan_year
    report.review_year_inferred = periods.review_year_inferred
    report.plan_year_inferred = periods.plan_year_inferred
    report.review_scope = periods.review_scope
    for flag, which in (
        (periods.review_year_inferred, "review"),
        (periods.plan_year_inferred, "plan"),
    ):
        if flag:
            report.warnings.append(
                ExtractionWarning(
                    "year_inferred",
                    f"{which} year not written; inferred",
                    report.char_start,
                )
            )


def _title_review_year(found: TitleMatch, report: ReportRecord) -> None:
    """The year in a summary's title (某县人大常委会2023年工作总结, 关于…2023年工作情况的报告).

    Such a title names the year reviewed; it replaces a review year that the
    text did not write. (A 2024年工作报告 may name its session year instead.)
    """
    year = year_value(found.year.rstrip("年度 ")) if found.year else None
    if year is None or not _SUMMARY_GENRE.search(found.title):
        return
    if report.review_year is not None and not report.review_year_inferred:
        return
    report.review_year, report.review_year_inferred = year, False
    report.warnings = [w for w in report.warnings if not w.message.startswith("review year")]
    if report.plan_year_inferred:
        report.plan_year = year + 1


def _plan_year(found: TitleMatch, span: str, date_year: int | None, report: ReportRecord) -> None:
    """A work plan's year: in its title, else its adoption date, else its first 'YYYY年是'."""
    year = year_value(found.year.rstrip("年度 ")) if found.year else None
    if year is None:
        year = date_year
    if year is None:
        written = years_in(span[:400])
        year = written[0] if written else None
    report.plan_year = year
    report.review_scope = "unspecified"


def _title_body(text: str, found: TitleMatch, span: str, year: int | None, report: ReportRecord):
    """The standing committee a report or plan title names (kind from content when ambiguous)."""
    name = parse_body_name(found.body_text) if found.body_text else None
    if name is None:
        return _body_from_mentions(text, span, year, report)
    kind = name.kind
    if kind is None:
        kind = assembly_kind_from_content(span[len(found.title) :])
        report.warnings.append(
            ExtractionWarning(
                "body_kind_from_content",
                f"title names neither 人大 nor 政协; read as {kind}",
                report.char_start,
            )
        )
    place = name.place
    context = ()
    if _LEVEL_WORD.match(place) or not place:
        place, context = _place_from_context(text, span, place, year)
    return body_record(kind, place, year, context, report.warnings, report.char_start)


def _place_from_context(text: str, span: str, level_word: str, year: int | None) -> tuple[str, tuple[str, ...]]:
    """Turn a bare level word (市人大常委会) into the place the document is about.

    The report's own span is read first (a compilation names many places), then
    the whole text; when neither names a fitting place the level word stays.
    """
    context: tuple[str, ...] = ()
    for scope in (span, text):
        context = place_context(scope, year)
        for code in context:
            region = region_by_code(code, year)
            if region is not None and (not level_word or region.name.endswith(level_word)):
                return region.name, context
    return level_word, context


def _body_from_mentions(text: str, span: str, year: int | None, report: ReportRecord):
    """The body of an untitled plan or a title without body words: the first 人大常委会/政协 mention."""
    match = _BODY_MENTION.search(span[:600])
    if match is None:
        return None
    kind = "cppcc_sc" if match.group("body") == "政协" else "npc_sc"
    place = _place_before(span, match.start(), year)
    if kind == "cppcc_sc" and not place:
        place = _place_after_cppcc(span, match.end(), year)
    context: tuple[str, ...] = ()
    if not place or _LEVEL_WORD.match(place):
        place, context = _place_from_context(text, span, place, year)
    return body_record(kind, place, year, context, report.warnings, report.char_start)


def _place_after_cppcc(span: str, position: int, year: int | None) -> str:
    """The place in 政协某某市第十五届委员会: the longest known region name right after 政协."""
    after = _CPPCC_PLACE.match(span, position)
    if after is None:
        return ""
    words = after.group("place")
    if words == NATIONAL:
        return NATIONAL
    for size in range(len(words), 1, -1):
        if candidates(words[:size], year):
            return words[:size]
    return ""


def _place_before(span: str, position: int, year: int | None) -> str:
    """The place words just before a body mention: the longest known region name, else a level word."""
    before = re.search(r"[\u4e00-\u9fff]{0,12}$", span[:position]).group(0)
    if before.endswith(NATIONAL):
        return NATIONAL
    for size in range(len(before), 1, -1):
        if candidates(before[-size:], year):
            return before[-size:]
    return before[-1:] if before[-1:] and _LEVEL_WORD.match(before[-1:]) else ""


# ---------------------------------------------------------------- opinions

_LEVEL_HIERARCHY = re.compile(r"省委[、,，]\s*市委[、,，]\s*(区委|县委)|省委[、,，]\s*(市委|州委)")
_OWN_LEVEL = re.compile(r"(?:我|全)(区|县|市|州|旗)")
_PARTY_ISSUER = re.compile(r"^中共(?P<place>.{0,20}?)(?:委员会|委)$")


def _opinion_issuer(text: str, found: TitleMatch, span: str, report: ReportRecord):
    """The party committee issuing an opinion: named in the title, else its level from the text.

    Opinions on 人大工作 are issued by party committees; when the title names no
    issuer, the level comes from the hierarchy it implements (省委、市委、区委)
    or from 我区/我县, and the region stays unresolved.
    """
    issuer = _PARTY_ISSUER.match(found.body_text or "")
    if issuer and issuer.group("place"):
        place = issuer.group("place")
        return _party_body(place, report)
    level_word = _issuer_level_word(span)
    report.warnings.append(
        ExtractionWarning(
            "region_unresolved",
            f"issuing {level_word}委 is not named",
            report.char_start,
        )
    )
    level = level_from_suffix(level_word) if level_word else "county"
    return BodyRecord(f"中共{level_word}委（未具名）", "party_committee", level)


def _issuer_level_word(span: str) -> str:
    hierarchy = _LEVEL_HIERARCHY.search(span)
    if hierarchy:
        return (hierarchy.group(1) or hierarchy.group(2))[0]
    own = _OWN_LEVEL.search(span)
    return own.group(1) if own else ""


def _party_body(place: str, report: ReportRecord):
    region = resolve(place)
    if region is None:
        report.warnings.append(
            ExtractionWarning(
                "region_unresolved",
                f"region of {place} not resolved",
                report.char_start,
            )
        )
        return BodyRecord(f"中国共产党{place}委员会", "party_committee", "county")
    return BodyRecord(
        f"中国共产党{region.name}委员会",
        "party_committee",
        region.level,
        region.code,
        region.path,
    )


# ---------------------------------------------------------------- untitled work reports


def _find_untitled_report(text: str, lines: list[Line], document: DocumentRecord) -> bool:
    """A work report with no title line: one report from its salutation (各位代表：).

    It is recognised by the salutation near the top, a standing committee in its
    opening and at least one part heading (过去一年的主要工作, 2024年工作安排).
    The body comes from the first committee mention and the places the text names.
    """
    salutation = _opening_salutation(lines)
    if salutation is None:
        return False
    content = lines[salutation.number + 1 :]
    opening = " ".join(line.text for line in content[:_OPENING_LINES])
    periods = find_periods(content)
    if not _SC_REPORTING.search(opening) or not (periods.review_heading or periods.plan_heading):
        return False
    end = last_content_end(lines, salutation.number, len(lines))
    report = ReportRecord("", "", "work_report", None, salutation.start, end)
    _work_report_periods(content, None, report)
    span = text[report.char_start : report.char_end]
    report.term = find_term(span)
    report.body = _body_from_mentions(text, span, report.review_year or report.plan_year, report)
    report.title = _synthesized_title(report, "工作报告")
    report.metadata["title_synthesized"] = True
    report.warnings.append(ExtractionWarning("title_missing", "no title line; title synthesized", report.char_start))
    document.reports.append(report)
    return True


def _opening_salutation(lines: list[Line]) -> Line | None:
    """The 各位代表/各位委员 line among the first content lines, if any."""
    content = [line for line in lines if not line.blank][:_SALUTATION_LINES]
    return next((line for line in content if _SALUTATION.match(line.text)), None)


# ---------------------------------------------------------------- untitled work plans


def _find_untitled_plan(text: str, lines: list[Line], document: DocumentRecord) -> bool:
    """A work plan (工作要点) with no title line: one report from its first content line."""
    content = [line for line in lines if not line.blank]
    if not content or "工作要点" not in text:
        return False
    end = last_content_end(lines, 0, len(lines))
    report = ReportRecord(
        key="",
        title="",
        report_type="work_plan",
        body=None,
        char_start=content[0].start,
        char_end=end,
    )
    found = TitleMatch("work_plan", "", "", "")
    date_year = _read_date(content, report)
    span = text[report.char_start : report.char_end]
    _plan_year(found, span, date_year, report)
    report.term = find_term(span)
    report.body = _body_from_mentions(text, span, report.plan_year, report)
    report.title = _synthesized_title(report, f"{report.plan_year}年工作要点" if report.plan_year else "工作要点")
    report.metadata["title_synthesized"] = True
    document.reports.append(report)
    return True


def _synthesized_title(report: ReportRecord, genre: str) -> str:
    """A librarian's title for an untitled document: 上海市人大常委会2024年工作要点."""
    name = report.body.name if report.body else ""
    short = name.replace("人民代表大会常务委员会", "人大常委会").replace("中国人民政治协商会议", "政协")
    return f"{short}{genre}"


def _replacement_char_warning(text: str, report: ReportRecord) -> None:
    position = text.find("\ufffd", report.char_start, report.char_end)
    if position >= 0:
        count = text.count("\ufffd", report.char_start, report.char_end)
        report.warnings.append(
            ExtractionWarning(
                "replacement_char",
                f"{count} U+FFFD replacement character(s): text garbled",
                position,
            )
        )


def _truncation_warning(text: str, report: ReportRecord) -> None:
    """Warn when a report stops mid-sentence: its last line ends with no full stop.

    A closing exhortation (各位代表，让我们…) or a signature/date line missing its
    punctuation is no truncation.
    """
    last = text[report.char_start : report.char_end].rsplit("\n", 1)[-1].strip()
    if not last or _FINISHED.search(last) or _CLOSING.search(last):
        return
    if len(last) <= _SIGNATURE_MAX and _SIGNATURE.search(last):
        return
    report.warnings.append(ExtractionWarning("truncated", f"text ends mid-sentence: …{last[-12:]}", report.char_end))
