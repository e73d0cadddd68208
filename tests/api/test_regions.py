"""GET /api/v1/regions/: GB/T 2260 divisions."""

import pytest

pytestmark = pytest.mark.django_db


def test_fields(world, api_get):
    row = api_get("/api/v1/regions/220800/").json()
    assert row["code"] == "220800" and row["name"] == "白城市"
    assert row["level"] == "prefecture" and row["parent"] == "220000"


def test_within_province_includes_everything_under_it(world, api_get):
    codes = [r["code"] for r in api_get("/api/v1/regions/", within="220000").json()["results"]]
    assert codes == ["220000", "220100", "220800", "220802"]


def test_filter_level_and_parent(world, api_get):
    assert [r["code"] for r in api_get("/api/v1/regions/", level="province").json()["results"]] == ["110000", "220000"]
    assert [r["code"] for r in api_get("/api/v1/regions/", parent="220000").json()["results"]] == ["220100", "220800"]


def test_bad_code_is_400(world, api_get):
    response = api_get("/api/v1/regions/", within="22")
    assert response.status_code == 400
    assert "within" in response.json()["error"]["fields"]


def test_query_count_constant(many, assert_constant_queries):
    assert_constant_queries("/api/v1/regions/", 2)  # count with newest updated_at, page
