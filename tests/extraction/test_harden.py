"""Texts unlike the seeds (tests/fixtures/texts/harden_*.txt): other levels, genres, shapes and damage.

Each test runs the whole pipeline on one text and checks what an importer
relies on: how many reports, their titles, spans, bodies, years, terms,
top-level parts with their section counts, and a few statistics.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from reports.extraction.documents import find_reports
from reports.extraction.pipeline import extract_document

from .conftest import FIXTURES, assert_spans


def _extract(name: str):
    data = (FIXTURES / "texts" / name).read_bytes()
    document = extract_document(data)
    for report in document.reports:
        assert_spans(document.text, report.items)
        span = document.text[report.char_start : report.char_end]
        assert span == span.strip()
        for stat in report.statistics:
            assert stat.number_text in document.text[stat.char_start : stat.char_end]
    return document


def _only(name: str):
    document = _extract(name)
    assert len(document.reports) == 1
    return document.text, document.reports[0]


def _parts(report) -> list[tuple[str, str, int]]:
    """(key, heading, number of sections) of each top-level part."""
    tops = [item for item in report.items if item.parent_key is None and "/" not in item.key]
    return [(t.key, t.heading, sum(1 for i in report.items if i.parent_key == t.key)) for t in tops]


def _body(report) -> tuple[str, str, str, str | None]:
    body = report.body
    return body.name, body.kind, body.level, body.region_code


def _years(report) -> tuple[int | None, int | None, int | None, str]:
    return report.term, report.review_year, report.plan_year, report.review_scope


def _stat(report, indicator: str, part: str = "review"):
    """Values of the statistics of one indicator in one part, in reading order."""
    return [s.value for s in report.statistics if s.indicator == indicator and s.part == part]


def _codes(report) -> list[str]:
    return [w.code for w in report.warnings]


def test_national_npc_report():
    text, report = _only("harden_national_npc.txt")
    assert report.title == "全国人民代表大会常务委员会工作报告"
    assert report.char_start == 0 and report.char_end == len(text.rstrip())
    assert _body(report) == ("全国人民代表大会常务委员会", "npc_sc", "national", None)
    assert _years(report) == (14, 2023, 2024, "one_year")
    assert report.metadata["date"] == "2024-03-08"
    assert report.warnings == []
    parts = _parts(report)
    assert [(key, count) for key, _h, count in parts] == [("review", 6), ("plan", 6), ("other", 0)]
    assert parts[0][1] == "过去一年的主要工作" and parts[1][1] == "今后一年的主要任务"
    assert _stat(report, "sc_meetings") == [7]
    assert _stat(report, "legislative_contact_points") == [45]
    assert _stat(report, "special_inquiries", "plan") == [2]


def test_provincial_cppcc_report():
    text, report = _only("harden_provincial_cppcc.txt")
    assert report.title == "政协湖南省委员会常务委员会工作报告"
    assert report.char_start == 0 and report.char_end == len(text.rstrip())
    assert _body(report) == ("中国人民政治协商会议湖南省委员会常务委员会", "cppcc_sc", "provincial", "430000")
    assert _years(report) == (13, 2023, 2024, "one_year")
    assert [(k, n) for k, _h, n in _parts(report)] == [("review", 7), ("plan", 5), ("other", 0)]
    assert _stat(report, "proposals_submitted") == [1127]
    assert _stat(report, "proposals_accepted") == [1015]
    # collected, compiled into bulletins, adopted: all 社情民意 counts (TAXONOMY keeps the verb in the label)
    assert _stat(report, "public_opinion_reports") == [2386, 120, 48]
    assert _stat(report, "cppcc_sc_meetings") == [4, 2]


def test_autonomous_prefecture_npc_report():
    text, report = _only("harden_autonomous_prefecture.txt")
    assert report.title == "延边朝鲜族自治州人民代表大会常务委员会工作报告"
    assert _body(report) == ("延边朝鲜族自治州人民代表大会常务委员会", "npc_sc", "prefecture", "222400")
    assert _years(report) == (17, 2023, 2024, "one_year")
    parts = _parts(report)
    assert [(k, n) for k, _h, n in parts] == [("review", 5), ("plan", 4), ("other", 0)]
    assert [h for _k, h, _n in parts[:2]] == ["2023年工作回顾", "2024年工作安排"]
    assert _stat(report, "sc_meetings") == [8]
    assert _stat(report, "appointments") == [86]
    assert _stat(report, "liaison_stations") == [158]


def test_county_cppcc_report():
    text, report = _only("harden_county_cppcc.txt")
    assert report.title == "政协遂昌县第十届委员会常务委员会工作报告"
    assert _body(report) == ("中国人民政治协商会议遂昌县委员会常务委员会", "cppcc_sc", "county", "331123")
    assert _years(report) == (10, 2023, 2024, "one_year")
    assert [(k, n) for k, _h, n in _parts(report)] == [("review", 5), ("plan", 4), ("other", 0)]
    assert _stat(report, "proposals_submitted") == [186]
    assert _stat(report, "money") == [Decimal("86.5")]


def test_untitled_report_starts_at_its_salutation():
    text, report = _only("harden_untitled.txt")
    assert report.char_start == 0 and report.char_end == len(text.rstrip())
    assert report.report_type == "work_report"
    assert report.title == "株洲市人大常委会工作报告"
    assert report.metadata["title_synthesized"] is True
    assert _body(report) == ("株洲市人民代表大会常务委员会", "npc_sc", "prefecture", "430200")
    assert _years(report) == (16, 2023, 2024, "one_year")
    assert _codes(report) == ["title_missing"]
    assert [(k, n) for k, _h, n in _parts(report)] == [("review", 5), ("plan", 5), ("other", 0)]
    assert _stat(report, "sc_meetings") == [7]
    assert _stat(report, "liaison_stations") == [24, 312]


def test_untitled_report_without_a_place_keeps_its_level_and_warns():
    text = "各位委员：\n我代表县政协常委会向大会报告工作。\n2023年工作回顾\n一年来召开常委会议4次。\n2024年工作安排\n做好各项工作。\n"
    (report,) = find_reports(text).reports
    assert report.char_start == 0
    assert (report.body.kind, report.body.level, report.body.region_code) == ("cppcc_sc", "county", None)
    assert {"title_missing", "region_unresolved"} <= set(_codes(report))


@pytest.mark.parametrize(
    "text",
    [
        "各位代表：\n今天天气很好，常委会的同志们都来了。\n",  # no part heading
        "各位代表：\n一、2023年工作回顾\n今年的庄稼长得好。\n",  # no standing committee
    ],
)
def test_salutation_alone_is_no_report(text):
    assert find_reports(text).reports == []


def test_web_page_clutter_stays_outside_the_report():
    text, report = _only("harden_web_clutter.txt")
    span = text[report.char_start : report.char_end]
    assert span.startswith("绵阳市人民代表大会常务委员会工作报告\n")
    assert span.endswith("而努力奋斗！")
    assert report.char_end < text.index("责任编辑")
    assert report.char_start > text.index("首页 > 人大要闻")
    assert report.metadata["published"] == "2024-02-06"
    assert report.metadata["web_source"] == "绵阳日报"
    assert report.metadata["date"] == "2024-01-29"
    assert _body(report) == ("绵阳市人民代表大会常务委员会", "npc_sc", "prefecture", "510700")
    assert _years(report) == (8, 2023, 2024, "one_year")
    assert [(k, n) for k, _h, n in _parts(report)] == [("review", 4), ("plan", 3), ("other", 0)]
    assert _stat(report, "sc_meetings") == [8]
    assert _stat(report, "appointments") == [102]


def test_web_stamp_above_the_title_and_footer_without_editor_line():
    text = (
        "某某人大网\n首页 > 工作报告\n发布日期：2023/2/1  来源：本网\n"
        "松原市人民代表大会常务委员会工作报告\n各位代表：\n我代表市人大常委会报告工作。\n"
        "2022年工作回顾\n召开常委会会议8次。\n2023年工作安排\n做好各项工作。\n"
        "地址：某某路1号\n技术支持：某某公司\n"
    )
    (report,) = find_reports(text).reports
    assert report.metadata["published"] == "2023-02-01"
    assert text[report.char_start : report.char_end].endswith("做好各项工作。")


def test_truncated_report_is_kept_and_warned():
    text, report = _only("harden_truncated.txt")
    assert report.char_start == 0 and report.char_end == len(text.rstrip())
    assert _body(report) == ("赣州市人民代表大会常务委员会", "npc_sc", "prefecture", "360700")
    assert _years(report) == (6, 2023, 2024, "one_year")
    assert _codes(report) == ["truncated"]
    assert [(k, n) for k, _h, n in _parts(report)] == [("review", 5), ("plan", 3)]
    assert _stat(report, "sc_meetings") == [8]
    assert _stat(report, "law_enforcement_inspections", "plan") == [4]


def test_pdf_page_breaks_and_running_headers():
    text, report = _only("harden_pdf_broken.txt")
    assert report.char_start == 0
    assert text[report.char_start : report.char_end].endswith("而努力奋斗！")  # not the last "- 5 -"
    assert _body(report) == ("常德市人民代表大会常务委员会", "npc_sc", "prefecture", "430700")
    assert _years(report) == (8, 2023, 2024, "one_year")
    assert report.warnings == []
    parts = _parts(report)
    assert [(k, n) for k, _h, n in parts] == [("review", 5), ("plan", 5), ("other", 0)]
    items = {item.key: item for item in report.items}
    # A section broken over a page keeps its heading; the header is no heading of its own.
    assert items["review/2"].heading == "坚持科学立法，以高质量立法保障高质量发展"
    assert "- 3 -" in items["review/2"].text
    assert items["plan/2"].heading == "加强立法工作，计划审议地方性法规草案3件，开展立法调研6项"
    assert _stat(report, "sc_meetings") == [7]
    assert _stat(report, "liaison_stations") == [326]


def test_repeated_title_after_a_page_number_starts_a_report_when_its_date_line_follows():
    body = "各位代表：\n我代表市人大常委会报告工作。\n2023年工作回顾\n召开常委会会议8次。\n2024年工作安排\n做好各项工作。\n"
    title = "松原市人民代表大会常务委员会工作报告\n"
    text = title + "——2024年1月5日在松原市第五届人民代表大会第四次会议上\n" + body + "- 3 -\n"
    text += title + "——2025年1月8日在松原市第五届人民代表大会第五次会议上\n" + body + "- 4 -\n"
    reports = find_reports(text).reports
    assert [r.metadata["date"] for r in reports] == ["2024-01-05", "2025-01-08"]


def test_wrapped_title_and_other_report_genres():
    document = _extract("harden_title_genres.txt")
    text, (cppcc, summary, about) = document.text, document.reports
    assert cppcc.title == "中国人民政治协商会议乌鲁木齐市第十五届委员会常务委员会工作报告"
    assert cppcc.char_start == 0
    assert _body(cppcc) == ("中国人民政治协商会议乌鲁木齐市委员会常务委员会", "cppcc_sc", "prefecture", "650100")
    assert _years(cppcc) == (15, 2023, 2024, "one_year")
    assert [(k, n) for k, _h, n in _parts(cppcc)] == [("review", 3), ("plan", 2), ("other", 0)]
    assert _stat(cppcc, "proposals_submitted") == [412]

    assert summary.title == "额敏县人大常委会2023年工作总结"
    assert summary.report_type == "work_report"
    assert _body(summary) == ("额敏县人民代表大会常务委员会", "npc_sc", "county", "654221")
    assert _years(summary) == (None, 2023, 2024, "one_year")
    assert summary.warnings == []
    assert text[summary.char_start : summary.char_end].endswith("2024年1月5日")  # the signature stays
    # Two numbered sections of the unprinted review, then the plan part; the signature is no part.
    assert [(i.key, i.heading) for i in summary.items if i.parent_key is None] == [
        ("review/1", "主要工作"),
        ("review/2", "存在的问题"),
        ("plan", "2024年工作打算"),
    ]
    assert _stat(summary, "sc_meetings") == [9]

    assert about.title == "关于市人大常委会2023年工作情况的报告"
    assert _body(about) == ("克拉玛依市人民代表大会常务委员会", "npc_sc", "prefecture", "650200")
    assert _years(about) == (13, 2023, 2024, "one_year")
    assert [(k, h, n) for k, h, n in _parts(about)][:2] == [
        ("review", "2023年工作情况", 3),
        ("plan", "2024年工作安排", 2),
    ]
    assert _stat(about, "sc_meetings") == [7]


@pytest.mark.parametrize(
    ("line", "body"),
    [
        ("某某县人大常委会2023年工作总结", "某某县人大常委会"),
        ("某某市人民代表大会常务委员会工作情况报告", "某某市人民代表大会常务委员会"),
        ("关于市人大常委会2023年工作情况的报告", "市人大常委会"),
        ("某某市人大常委会关于2023年工作情况的报告", "某某市人大常委会"),
        ("关于政协某某县委员会常务委员会履职情况的报告", "政协某某县委员会常务委员会"),
    ],
)
def test_other_report_title_genres(line, body):
    from reports.extraction.titles import match_title

    found = match_title(line)
    assert (found.report_type, found.body_text) == ("work_report", body)


@pytest.mark.parametrize(
    "line",
    [
        "关于2023年全市食品安全工作情况的报告",
        "会议听取了关于市人大常委会工作情况的报告",
        "市人大常委会关于检查某某法实施情况的报告",
    ],
)
def test_reports_of_others_are_no_titles(line):
    from reports.extraction.titles import match_title

    assert match_title(line) is None


def test_compilation_of_mixed_kinds_and_levels():
    document = _extract("harden_compilation_mixed.txt")
    text, reports = document.text, document.reports
    assert [r.title for r in reports] == [
        "柳州市人民代表大会常务委员会工作报告",
        "桂林市委员会常务委员会工作报告",
        "恭城瑶族自治县人大常委会工作报告",
        "政协阳朔县委员会常务委员会工作报告",
    ]
    assert reports[0].char_start == text.index("柳州市人民代表大会常务委员会工作报告\n——")  # not the TOC entry
    assert [_body(r)[1:] for r in reports] == [
        ("npc_sc", "prefecture", "450200"),
        ("cppcc_sc", "prefecture", "450300"),
        ("npc_sc", "county", "450332"),
        ("cppcc_sc", "county", "450321"),
    ]
    assert "body_kind_from_content" in _codes(reports[1])
    assert [r.term for r in reports] == [15, 6, 17, 10]
    assert {(r.review_year, r.plan_year, r.review_scope) for r in reports} == {(2024 - 1, 2024, "one_year")}
    assert [[n for _k, _h, n in _parts(r)] for r in reports] == [[3, 2, 0], [2, 2, 0], [2, 2, 0], [2, 2, 0]]
    assert "定价" not in text[reports[-1].char_start : reports[-1].char_end]
    assert _stat(reports[1], "proposals_accepted") == [392]
    assert _stat(reports[2], "sc_meetings") == [7]


def test_outline_glued_sub_items_and_year_sections_inside_a_part():
    text, report = _only("harden_outline_shapes.txt")
    assert _body(report) == ("黔东南苗族侗族自治州人民代表大会常务委员会", "npc_sc", "prefecture", "522600")
    assert _years(report) == (15, 2023, 2024, "one_year")
    assert [(k, n) for k, _h, n in _parts(report)] == [("review", 4), ("plan", 3), ("other", 0)]
    items = {item.key: item for item in report.items}
    # 一、坚持党的全面领导（一）加强政治建设。… : the section and its first item share a line.
    assert (items["review/1"].heading, items["review/1/1"].heading) == ("坚持党的全面领导", "加强政治建设")
    assert items["review/1/1"].number == "（一）" and items["review/1/2"].heading == "加强理论武装"
    assert [items[f"review/2/{n}"].heading for n in (1, 2)] == ["突出民族特色", "提高立法质量"]
    # Sections named after the plan year stay sections of the plan part.
    assert [items[f"plan/{n}"].heading for n in (1, 2, 3)] == ["2024年总体要求", "2024年重点任务", "2024年自身建设"]
    assert [i.parent_key for i in report.items if i.key.startswith("plan/2/")] == ["plan/2"] * 3
    assert _stat(report, "law_enforcement_inspections", "plan") == [3]


def test_part_heading_with_a_glued_first_item():
    text = (
        "某某县人民代表大会常务委员会工作报告\n各位代表：\n"
        "一、2023年工作回顾（一）坚持党的领导。召开党组会议12次。\n（二）依法履职。召开常委会会议8次。\n"
        "二、2024年工作安排（一）加强监督。\n（二）服务代表。\n"
    )
    from reports.extraction.outline import build_outline

    items = build_outline(text, 0, len(text), report_type="work_report")
    assert [(i.key, i.number, i.heading) for i in items] == [
        ("review", "一", "2023年工作回顾"),
        ("review/1", "（一）", "坚持党的领导"),
        ("review/2", "（二）", "依法履职"),
        ("plan", "二", "2024年工作安排"),
        ("plan/1", "（一）", "加强监督"),
        ("plan/2", "（二）", "服务代表"),
    ]


def test_national_cppcc_report_and_a_plan_part_named_部署():
    text = (
        "中国人民政治协商会议第十四届全国委员会常务委员会工作报告\n"
        "——2024年3月4日在政协第十四届全国委员会第二次会议上\n各位委员：\n"
        "我受政协第十四届全国委员会常务委员会委托，向大会报告工作，请予审议。\n"
        "一、2023年工作回顾\n一年来，召开常委会议4次、主席会议11次。\n（一）坚持党的领导\n（二）深化协商议政\n"
        "二、2024年工作部署\n（一）坚持党的领导\n（二）围绕中心履职\n"
        "各位委员，让我们为全面推进强国建设、民族复兴伟业作出新的更大贡献！\n"
    )
    document = extract_document(text.encode())
    (report,) = document.reports
    assert _body(report) == ("中国人民政治协商会议全国委员会常务委员会", "cppcc_sc", "national", None)
    assert _years(report) == (14, 2023, 2024, "one_year")
    assert [(k, n) for k, _h, n in _parts(report)] == [("review", 2), ("plan", 2), ("other", 0)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "各位委员：现在，我受政协乌鲁木齐市第十五届委员会常务委员会委托，向大会报告工作。\n"
            "一、2023年工作回顾\n召开常委会议5次。\n二、2024年工作安排\n做好工作。\n",
            ("中国人民政治协商会议乌鲁木齐市委员会常务委员会", "cppcc_sc", "prefecture", "650100"),
        ),
        (
            "各位代表：\n我受全国人大常委会委托，向大会报告工作。\n一、过去一年的主要工作\n举行常委会会议7次。\n"
            "二、今后一年的主要任务\n做好工作。\n",
            ("全国人民代表大会常务委员会", "npc_sc", "national", None),
        ),
    ],
)
def test_untitled_report_bodies_named_in_the_mandate(text, expected):
    (report,) = find_reports(text).reports
    assert _body(report) == expected
    assert report.review_scope == "one_year"


def test_page_title_copy_above_a_letter_spaced_title():
    text = (
        "盐城市人民代表大会常务委员会 工作报告\n首页 > 工作报告\n"
        "盐 城 市 人 民 代 表 大 会 常 务 委 员 会\n工 作 报 告\n"
        "各位代表：\n我代表市人大常委会报告工作。\n一、2023年工作回顾\n召开常委会会议8次。\n二、2024年工作安排\n做好工作。\n"
    )
    (report,) = find_reports(text).reports
    assert report.title == "盐城市人民代表大会常务委员会工作报告"
    assert report.char_start == text.index("盐 城 市")
    assert report.body.region_code == "320900"


def test_running_headers_without_page_numbers():
    text = (FIXTURES / "texts" / "harden_pdf_broken.txt").read_text(encoding="utf-8")
    text = "\n".join(line for line in text.split("\n") if not line.startswith("- "))
    document = extract_document(text.encode())
    (report,) = document.reports
    assert [(k, n) for k, _h, n in _parts(report)] == [("review", 5), ("plan", 5), ("other", 0)]
    items = {item.key: item for item in report.items}
    assert items["review/2"].heading == "坚持科学立法，以高质量立法保障高质量发展"
