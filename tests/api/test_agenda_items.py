"""GET /api/v1/agenda-items/: the sections and tasks of reports."""

import pytest

pytestmark = pytest.mark.django_db


def headings(response):
    assert response.status_code == 200, response.content
    return [row["heading"] for row in response.json()["results"]]


def test_fields_and_span(world, api_get):
    item = world.items[1]
    row = api_get(f"/api/v1/agenda-items/{item.pk}/").json()
    assert row["number"] == "（一）" and row["parent"] == world.items[0].pk and row["part"] == "review"
    assert item.source.text[row["char_start"] : row["char_end"]] == row["text"]


def test_filter_report_part_parent(world, api_get):
    report = world.reports[0]
    assert headings(api_get("/api/v1/agenda-items/", report=report.pk)) == [
        "加强立法工作",
        "强化监督",
        "计划开展执法检查",
    ]
    assert headings(api_get("/api/v1/agenda-items/", report=report.pk, part="plan")) == ["计划开展执法检查"]
    assert headings(api_get("/api/v1/agenda-items/", parent=world.items[0].pk)) == ["强化监督"]
    assert headings(api_get("/api/v1/agenda-items/", report=report.pk, top_level="true")) == [
        "加强立法工作",
        "计划开展执法检查",
    ]


@pytest.mark.parametrize(
    ("q", "count"),
    [("立法", 4), ("监督", 4), ("强化监督", 4), ("执法检查", 4), ("立", 4), ("不存在的词", 0)],
)
def test_search_two_character_words_and_phrases(world, api_get, q, count):
    # One match per report (4 reports): heading or text contains the query.
    assert len(api_get("/api/v1/agenda-items/", q=q).json()["results"]) == count


def test_query_count_constant(many, assert_constant_queries):
    assert_constant_queries("/api/v1/agenda-items/", 2)
