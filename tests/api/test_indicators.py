"""GET /api/v1/indicators/ and /api/v1/indicators/{code}/series/."""

import pytest

from tests import factories as f

pytestmark = pytest.mark.django_db


def test_lookup_by_code(world, api_get):
    row = api_get("/api/v1/indicators/sc_meetings/").json()
    assert row["code"] == "sc_meetings" and row["unit"] == "次" and row["body_kind"] == "npc_sc"
    assert row["statistics_count"] == 4  # five mapped, one rejected
    assert api_get("/api/v1/indicators/nope/").status_code == 404


def series(api_get, code="sc_meetings", **params):
    response = api_get(f"/api/v1/indicators/{code}/series/", **params)
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_series_one_row_per_body_and_year_with_conflict_flagged(world, api_get):
    rows = {(r["body_name"], r["year"]): r for r in series(api_get)}
    baicheng = rows[("白城市人民代表大会常务委员会", 2023)]
    assert baicheng["conflict"] is True and baicheng["value"] is None
    assert sorted(v["value"] for v in baicheng["values"]) == ["6", "7"]
    assert len(baicheng["statistics"]) == 2
    beijing = rows[("北京市人民代表大会常务委员会", 2022)]
    assert (beijing["conflict"], beijing["value"], beijing["unit"], beijing["qualifier"]) == (False, "6", "次", "exact")
    # Taobei's only meetings statistic was rejected: no row at all.
    assert not any(name.startswith("洮北区") for name, _ in rows)


def test_series_agreeing_repeats_are_not_a_conflict(world, api_get):
    report = world.reports[2]
    f.make_statistic(report, "召开常委会会议6次", "6", 6, world.indicators["sc_meetings"], key="again")
    (row,) = series(api_get, region="110000")
    assert row["conflict"] is False and row["value"] == "6" and len(row["statistics"]) == 2


@pytest.mark.parametrize(
    ("params", "bodies"),
    [
        ({"region": "220000"}, {"白城市人民代表大会常务委员会", "政协白城市委员会常务委员会"}),
        ({"level": "provincial"}, {"北京市人民代表大会常务委员会"}),
        ({"body_kind": "cppcc_sc"}, {"政协白城市委员会常务委员会"}),
        ({"year_from": 2023}, {"白城市人民代表大会常务委员会", "政协白城市委员会常务委员会"}),
        ({"year_to": 2022}, {"北京市人民代表大会常务委员会"}),
    ],
)
def test_series_filters(world, api_get, params, bodies):
    assert {r["body_name"] for r in series(api_get, **params)} == bodies


def test_series_plan_part_and_unknown_indicator(world, api_get):
    rows = series(api_get, "inspections", part="plan")
    assert {r["year"] for r in rows} == {2023, 2024} and all(r["value"] == "5" for r in rows)
    assert api_get("/api/v1/indicators/nope/series/").status_code == 404


def test_series_query_count_constant(many, client, django_assert_num_queries):
    for size in (1, 100):
        with django_assert_num_queries(2):  # indicator exists, statistics (with their updated_at)
            response = client.get("/api/v1/indicators/inspections/series/", {"page_size": size})
        assert len(response.json()["results"]) == size


def test_query_count_constant(many, assert_constant_queries):
    assert_constant_queries("/api/v1/indicators/", 2)
