"""GET /api/v1/reports/ and a report's detail with outline and statistics."""

import pytest

pytestmark = pytest.mark.django_db


def titles(response):
    assert response.status_code == 200, response.content
    return sorted(row["title"] for row in response.json()["results"])


def test_contract_fields_and_source_text(world, api_get):
    report = world.reports[0]
    row = api_get("/api/v1/reports/", body=report.body_id).json()["results"][0]
    for name in ("id", "title", "report_type", "body", "term", "review_year", "plan_year", "source"):
        assert name in row
    assert "source_text" not in row  # a report's whole text: only on request in lists
    row = api_get("/api/v1/reports/", body=report.body_id, include="source_text").json()["results"][0]
    assert row["source_text"] == report.source.text[report.char_start : report.char_end]
    detail = api_get(f"/api/v1/reports/{report.pk}/").json()
    assert detail["source_text"] == row["source_text"]


def test_include_rejects_unknown_values(world, api_get):
    response = api_get("/api/v1/reports/", include="outline")
    assert response.status_code == 400
    assert response.json()["error"]["fields"].keys() == {"include"}


def test_detail_has_outline_tree_and_statistics(world, client, django_assert_num_queries):
    report = world.reports[0]
    with django_assert_num_queries(3):  # report, agenda items, statistics
        detail = client.get(f"/api/v1/reports/{report.pk}/").json()
    outline = detail["outline"]
    assert [node["heading"] for node in outline] == ["加强立法工作", "计划开展执法检查"]
    assert [child["heading"] for child in outline[0]["children"]] == ["强化监督"]
    assert outline[0]["children"][0]["children"] == []
    assert len(detail["statistics"]) == 5
    assert {s["source_text"] for s in detail["statistics"]} >= {"召开常委会会议6次", "开展执法检查4次"}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kind": "cppcc_sc"}, ["政协白城市委员会常务委员会工作报告"]),
        ({"year": 2022}, ["北京市人大常委会监督工作情况"]),
        (
            {"year": 2023, "kind": "npc_sc"},
            ["北京市人大常委会监督工作情况", "洮北区人大常委会工作报告", "白城市人民代表大会常务委员会工作报告"],
        ),
        ({"review_year": 2023, "region": "220802"}, ["洮北区人大常委会工作报告"]),
        ({"report_type": "article"}, []),
        ({"q": "监督"}, ["北京市人大常委会监督工作情况"]),
        ({"q": "人大常委会工作"}, ["洮北区人大常委会工作报告"]),
    ],
)
def test_filters(world, api_get, params, expected):
    assert titles(api_get("/api/v1/reports/", **params)) == sorted(expected)


def test_filter_by_body_and_source(world, api_get):
    report = world.reports[2]
    assert titles(api_get("/api/v1/reports/", body=report.body_id)) == [report.title]
    assert titles(api_get("/api/v1/reports/", source=report.source_id)) == [report.title]


def test_ordering_and_bad_ordering(world, api_get):
    years = [r["review_year"] for r in api_get("/api/v1/reports/", ordering="-review_year").json()["results"]]
    assert years == sorted(years, reverse=True)
    error = api_get("/api/v1/reports/", ordering="colour").json()["error"]
    assert error["code"] == "invalid_filter" and "ordering" in error["fields"]


def test_bad_year_names_the_parameter(world, api_get):
    response = api_get("/api/v1/reports/", year="last")
    assert response.status_code == 400 and list(response.json()["error"]["fields"]) == ["year"]


def test_query_count_constant(many, assert_constant_queries):
    assert_constant_queries("/api/v1/reports/", 2)
