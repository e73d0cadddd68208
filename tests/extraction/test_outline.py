"""The agenda-item tree: seed reports checked against the manifests, own fixtures against expected trees."""

from __future__ import annotations

import re

import pytest

from reports.extraction.outline import build_outline

from .conftest import (
    assert_spans,
    fixture_text,
    line_span,
    line_starts,
    manifest,
    seed_text,
)

_NUMBER_PREFIX = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+[是要])"
)

REPORTS_002 = manifest("reports_002")


def _strip_number(heading: str) -> str:
    return _NUMBER_PREFIX.sub("", heading).rstrip("。")


def _report_002(entry):
    text = seed_text("002")
    start, end = line_span(text, entry["title_line"], entry["end_line"])
    return text, build_outline(text, start, end, report_type="work_report")


def _sections(items, part):
    """Top-level sections of a part: children of its heading item, or parentless items of the part."""
    return [item for item in items if item.part == part and re.fullmatch(rf"{part}/\d+", item.key)]


@pytest.mark.parametrize("entry", REPORTS_002, ids=lambda e: e["report_key"])
def test_002_sections_match_manifest(entry):
    text, items = _report_002(entry)
    assert_spans(text, items)
    for part in ("review", "plan"):
        expected = entry[f"{part}_sections"]
        got = _sections(items, part)
        assert [item.heading for item in got] == [_strip_number(s["heading"]) for s in expected]
        starts = line_starts(text)
        for item, section in zip(got, expected, strict=False):
            assert starts[section["line"] - 1] == item.char_start


@pytest.mark.parametrize("entry", REPORTS_002, ids=lambda e: e["report_key"])
def test_002_part_headings_match_manifest(entry):
    _text, items = _report_002(entry)
    by_key = {item.key: item for item in items}
    for part in ("review", "plan"):
        heading = entry[f"{part}_heading"]
        assert by_key[part].heading == re.sub(r"^[一二三四五六七八九十]+、", "", heading)
        assert by_key[part].parent_key is None
    assert all(item.key != "review-2" and item.key != "plan-2" for item in items)


def test_002_extra_parts_are_other_parts():
    """A middle part that is neither review nor plan, and a third numbered part, are ``other``."""
    for entry in REPORTS_002:
        for extra in entry["extra_parts"]:
            if not extra["heading"]:
                continue
            _, items = _report_002(entry)
            (item,) = [i for i in items if i.heading == re.sub(r"^[一二三四五六七八九十]+、", "", extra["heading"])]
            assert item.part == "other" and item.parent_key is None


def test_002_nested_items_in_first_report():
    """一是 items nest under 一、 sections; (一) items under the plan section that has them."""
    _, items = _report_002(REPORTS_002[0])
    by_key = {item.key: item for item in items}
    assert [by_key[f"review/1/{n}"].number for n in (1, 2, 3)] == [
        "一是",
        "二是",
        "三是",
    ]
    assert [i.number for i in items if i.parent_key == "plan/5"] == [
        "(一)",
        "(二)",
        "(三)",
        "(四)",
    ]
    # 一方面/另一方面 restart the 一是 list inside one section
    assert [i.number for i in items if i.parent_key == "plan/3"] == [
        "一是",
        "二是",
        "三是",
    ] * 2
    assert items[-1].key == "other" and items[-1].heading.startswith("各位代表")


def _docs(seed):
    return manifest("docs_other")["documents"][seed]


def test_000_work_plan_sections_and_items():
    text = seed_text("000")
    items = build_outline(text, 0, len(text), report_type="work_plan")
    assert_spans(text, items)
    structure = _docs("000")["structure"]
    sections = [i for i in items if i.parent_key is None]
    assert [(s.number, s.heading) for s in sections] == [(s["number"], s["heading"]) for s in structure["sections"]]
    subs = [i for i in items if i.parent_key is not None]
    assert [(int(i.number), i.heading) for i in subs] == [
        (x["item"], x["short_title"]) for x in structure["items_flat"]
    ]
    assert {i.part for i in items} == {"plan"}
    assert [len([i for i in subs if i.parent_key == s.key]) for s in sections] == [
        3,
        3,
        7,
        2,
        4,
        6,
    ]


def test_003_opinion_with_items_on_the_section_line():
    text = seed_text("003")
    start = line_starts(text)[2]  # the report starts at its title line
    items = build_outline(text, start, len(text), report_type="opinion")
    assert_spans(text, items)
    structure = _docs("003")["structure"]
    sections = [i for i in items if i.parent_key is None]
    assert [(s.number, s.heading) for s in sections] == [(s["number"], s["heading"]) for s in structure["sections"]]
    subs = [i for i in items if i.parent_key is not None]
    assert [(int(i.number), i.heading) for i in subs] == [
        (x["item"], x["short_title"]) for x in structure["items_flat"]
    ]
    starts = line_starts(text)
    first = subs[0]
    assert starts[6] < first.char_start < starts[7]  # item 1 shares physical line 7 with section 一
    assert sections[0].char_start < first.char_start
    assert first.text.startswith("1.健全党领导人大工作的制度机制。")
    # item 5 runs across the repaired line break onto line 19
    assert "利用好专门委员会等\n\n 专业力量辅助监督" in subs[4].text


@pytest.mark.parametrize("article", _docs("004")["articles"], ids=lambda a: str(a["n"]))
def test_004_article_top_level_headings(article):
    text = seed_text("004")
    start, end = line_span(text, article["title_lines"][0], article["body_end_line"])
    items = build_outline(text, start, end, report_type="article")
    assert_spans(text, items)
    top = [(i.number, i.heading) for i in items if i.parent_key is None and i.number in "一二三四五六七八九十"]
    assert top == [(h["number"], h["heading"]) for h in article["top_level_headings"]]
    starts = line_starts(text)
    for item, heading in zip([i for i in items if i.parent_key is None], article["top_level_headings"], strict=False):
        assert item.char_start == starts[heading["line"] - 1]


def test_004_heading_split_by_the_pdf_is_rejoined():
    text = seed_text("004")
    article = _docs("004")["articles"][21]
    start, end = line_span(text, article["title_lines"][0], article["body_end_line"])
    headings = [i.heading for i in build_outline(text, start, end, report_type="article")]
    assert "坚持把党的领导贯穿人大工作始终" in headings


def _tree(name, report_type="work_report"):
    text = fixture_text(name)
    items = build_outline(text, 0, len(text), report_type=report_type)
    assert_spans(text, items)
    return (
        text,
        [(i.key, i.parent_key, i.part, i.number, i.heading) for i in items],
        items,
    )


def test_fixture_subsections_with_arabic_items():
    _, tree, items = _tree("outline_subsections.txt")
    assert tree == [
        ("review", None, "review", "一", "2023年工作回顾"),
        ("review/1", "review", "review", "（一）", "坚持党的领导，把牢正确方向"),
        ("review/1/1", "review/1", "review", "1", "强化理论武装"),
        ("review/1/2", "review/1", "review", "2", "严格请示报告"),
        ("review/2", "review", "review", "（二）", "加强监督工作，助推高质量发展"),
        ("review/2/1", "review/2", "review", "1", "开展执法检查"),
        ("review/2/2", "review/2", "review", "2", "听取专项报告"),
        ("review/2/3", "review/2", "review", "3", "跟踪督办落实"),
        ("review/3", "review", "review", "（三）", "服务代表履职，践行全过程人民民主"),
        ("plan", None, "plan", "二", "2024年工作任务"),
        ("plan/1", "plan", "plan", "（一）", "聚焦中心大局，依法履职尽责"),
        ("plan/2", "plan", "plan", "（二）", "聚焦民生关切，增强监督实效"),
        ("plan/3", "plan", "plan", "（三）", "聚焦自身建设，提升履职能力"),
        (
            "other",
            None,
            "other",
            "",
            "各位代表！让我们更加紧密地团结在以习近平同志为核心的党中央周围，为建设美丽青山而努力奋斗",
        ),
    ]
    by_key = {i.key: i for i in items}
    assert by_key["review/2/3"].text.endswith("每季度督查1次。")  # inline 一是/二是 stay in the text
    assert by_key["review/3"].text.endswith("办理代表建议112件。")


def test_fixture_report_without_plan_part():
    _, tree, _ = _tree("outline_no_plan.txt")
    assert tree == [
        ("review/1", None, "review", "一", "围绕中心工作，加强法律监督"),
        ("review/1/1", "review/1", "review", "一是", "加强经济运行监督"),
        ("review/1/2", "review/1", "review", "二是", "加强生态环境监督"),
        ("review/2", None, "review", "二", "坚持以人民为中心，做好代表工作"),
        ("review/3", None, "review", "三", "加强自身建设，提升履职水平"),
    ]


def test_fixture_experience_part_and_glued_plan_heading():
    text, tree, items = _tree("outline_tihui.txt")
    assert [t[:4] for t in tree] == [
        ("review", None, "review", ""),
        ("review/1", "review", "review", "一"),
        ("review/2", "review", "review", "二"),
        ("review/3", "review", "review", "三"),
        ("other", None, "other", ""),
        ("plan", None, "plan", ""),
        ("plan/1", "plan", "plan", "一要"),
        ("plan/2", "plan", "plan", "二要"),
        ("plan/3", "plan", "plan", "三要"),
        ("other-2", None, "other", ""),
    ]
    by_key = {i.key: i for i in items}
    assert by_key["other"].heading == "五年来的工作体会"
    assert by_key["other"].text.endswith("我们将认真加以改进。")
    assert by_key["plan"].heading == "今后五年的工作建议"
    assert by_key["plan"].char_start == text.index("今后五年的工作建议")


def test_fixture_truncated_report():
    text, tree, items = _tree("outline_truncated.txt")
    assert [t[0] for t in tree] == [
        "review",
        "review/1",
        "review/2",
        "review/2/1",
        "review/2/2",
        "review/2/3",
        "plan",
        "plan/1",
        "plan/2",
    ]
    assert [t[3] for t in tree[3:6]] == ["首先", "其次", "最后"]
    assert items[-1].heading == "持续提升代表工作水平"
    assert items[-1].char_end == len(text.rstrip())


def test_fixture_pdf_broken_article():
    _text, tree, items = _tree("outline_pdf_broken.txt", report_type="article")
    assert tree == [
        ("other/1", None, "other", "一", "健全机制，夯实代表工作基础"),
        ("other/1/1", "other/1", "other", "一是", "完善联系制度"),
        ("other/1/2", "other/1", "other", "二是", "加强履职培训"),
        ("other/2", None, "other", "二", "搭建平台，拓展代表履职渠道"),
        ("other/2/1", "other/2", "other", "（一）", "建好代表联络站"),
        ("other/2/2", "other/2", "other", "（二）", "用好网上平台"),
        ("other/3", None, "other", "三", "强化保障，激发代表履职活力"),
    ]
    assert items[5].text.endswith("860余\n\n条。")  # the broken line's tail stays with its item


def test_fixture_numbered_parts_and_a_third_part():
    _, tree, _ = _tree("outline_numbered_parts.txt")
    assert [t[:4] for t in tree] == [
        ("review", None, "review", "一"),
        ("review/1", "review", "review", "（一）"),
        ("review/2", "review", "review", "（二）"),
        ("plan", None, "plan", "二"),
        ("plan/1", "plan", "plan", "（一）"),
        ("plan/2", "plan", "plan", "（二）"),
        ("other", None, "other", "三"),
        ("other/1", "other", "other", "（一）"),
        ("other/2", "other", "other", "（二）"),
        ("other-2", None, "other", ""),
    ]
    assert tree[0][4] == "过去一年的工作" and tree[6][4] == "对全体委员的希望"


def test_table_of_contents_and_lone_markers_are_not_items():
    text = (
        "目录\n一、总体要求……………………1\n二、主要任务……………………3\n"
        "11.某市人大常委会工作报告\n"
        "一是加强学习。全年学习20次。\n"
        "2019年，常委会开展调研。\n"
        "1.5亿元资金全部到位。\n"
        "一、加强监督\n正文。\n二、加强代表工作\n正文。"
    )
    items = build_outline(text, 0, len(text), report_type="work_report")
    assert [(i.key, i.number) for i in items] == [
        ("review/1", "一"),
        ("review/2", "二"),
    ]


def test_fixture_unnumbered_subheads_inside_sections_are_no_parts():
    _, tree, items = _tree("outline_subheads.txt")
    assert [t[:4] for t in tree] == [
        ("review/1", None, "review", "一"),
        ("review/2", None, "review", "二"),
        ("review/3", None, "review", "三"),
        ("other", None, "other", ""),
    ]
    assert "加强民生领域监督" in items[0].text
