"""GET /api/v1/bodies/: standing committees and other bodies."""

import pytest

pytestmark = pytest.mark.django_db


def names(response):
    return sorted(row["name"] for row in response.json()["results"])


def test_fields(world, api_get):
    body = world.bodies["bc"]
    row = api_get(f"/api/v1/bodies/{body.pk}/").json()
    assert {k: row[k] for k in ("id", "name", "kind", "level", "region")} == {
        "id": body.pk,
        "name": "白城市人民代表大会常务委员会",
        "kind": "npc_sc",
        "level": "prefecture",
        "region": "220800",
    }


def test_region_province_code_includes_prefectures_and_counties(world, api_get):
    assert names(api_get("/api/v1/bodies/", region="220000")) == sorted(
        [b.name for k, b in world.bodies.items() if k in {"jl", "bc", "tb", "bc_cppcc"}]
    )


def test_region_prefecture_code_includes_counties(world, api_get):
    assert len(api_get("/api/v1/bodies/", region="220800").json()["results"]) == 3


def test_region_county_code_is_exact(world, api_get):
    assert names(api_get("/api/v1/bodies/", region="220802")) == ["洮北区人民代表大会常务委员会"]


def test_kind_and_level(world, api_get):
    assert names(api_get("/api/v1/bodies/", kind="cppcc_sc")) == ["政协白城市委员会常务委员会"]
    assert len(api_get("/api/v1/bodies/", level="provincial").json()["results"]) == 2


def test_bad_kind_is_400_naming_the_parameter(world, api_get):
    error = api_get("/api/v1/bodies/", kind="parliament").json()["error"]
    assert error["status"] == 400 and error["code"] == "invalid_filter" and "kind" in error["fields"]


def test_query_count_constant(many, assert_constant_queries):
    assert_constant_queries("/api/v1/bodies/", 2)
