"""The evidence panel: a span shown in its line, marked and escaped."""

import pytest

from reports.admin.evidence import context_window, evidence_for, evidence_html, passage_html
from tests import factories as f

TEXT = "标题\n一年来，召开常委会会议6次，审议通过法规3件。\n下一行"


def test_context_is_the_enclosing_line():
    start = TEXT.index("召开")
    before, passage, after, cut_before, cut_after = context_window(TEXT, start, start + 9)
    assert (before, passage, after) == ("一年来，", "召开常委会会议6次", "，审议通过法规3件。")
    assert not cut_before and not cut_after


def test_context_is_clipped_to_radius():
    text = "甲" * 500 + "召开常委会会议6次" + "乙" * 500
    before, passage, after, cut_before, cut_after = context_window(text, 500, 509, radius=200)
    assert before == "甲" * 200 and after == "乙" * 200 and passage == "召开常委会会议6次"
    assert cut_before and cut_after


def test_evidence_html_marks_the_exact_characters():
    start = TEXT.index("召开")
    html = evidence_html(TEXT, start, start + 9)
    assert "<mark>召开常委会会议6次</mark>" in html
    assert "一年来，<mark>" in html


def test_evidence_html_escapes_the_source():
    text = "<b>召开</b>会议<script>6</script>次"
    html = evidence_html(text, 0, len(text))
    assert "<script>" not in html and "&lt;script&gt;" in html


@pytest.mark.parametrize(
    ("passage", "number", "expected"),
    [
        ("召开常委会会议6次", "6", "召开常委会会议<mark>6</mark>次"),
        ("提交提案150件", "一百五十", "<mark>提交提案150件</mark>"),
        ("<i>3</i>", "3", "&lt;i&gt;<mark>3</mark>&lt;/i&gt;"),
    ],
)
def test_passage_html(passage, number, expected):
    assert passage_html(passage, number) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("前文\n" + "甲" * 300 + "召开常委会会议6次" + "乙" * 300 + "\n后文", "…" + "甲" * 200 + "<mark>"),
        ("前文\n" + "甲" * 200 + "召开常委会会议6次" + "乙" * 200 + "\n后文", '"rdapi-evidence">' + "甲" * 200),
        ("召开常委会会议6次", '"rdapi-evidence"><mark>召开常委会会议6次</mark></div>'),
    ],
)
def test_evidence_for_reads_a_window_with_the_right_ellipses(db, text, expected):
    report = f.make_report(source=f.make_source(text))
    statistic = f.make_statistic(report, "召开常委会会议6次", "6", 6)
    html = evidence_for(statistic)
    assert expected in html
    assert html.count("…") == (1 if "…" in expected else 0) * 2
