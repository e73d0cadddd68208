"""GET /api/v1/statistics/: counts found in reports."""

import pytest

pytestmark = pytest.mark.django_db

CONTRACT_FIELDS = (
    "id report body agenda_item indicator label value value_max qualifier unit period part year "
    "per_unit number_text source char_start char_end"
).split()


def results(response):
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_contract_fields_source_text_and_review_status(world, api_get):
    stat = world.statistics[0]
    row = api_get(f"/api/v1/statistics/{stat.pk}/").json()
    assert set(CONTRACT_FIELDS) <= set(row)
    assert row["indicator"] == "sc_meetings" and row["value"] == "6" and row["value_max"] is None
    assert row["source_text"] == "召开常委会会议6次" and row["review_status"] == "unreviewed"


@pytest.mark.parametrize(
    ("params", "count"),
    [
        ({"indicator": "sc_meetings"}, 5),
        ({"indicator": "inspections", "part": "plan"}, 4),
        ({"body_kind": "cppcc_sc"}, 4),
        ({"region": "220000"}, 13),  # province: Baicheng (5), Taobei (4), CPPCC Baicheng (4)
        ({"region": "220800"}, 13),  # prefecture: the same three bodies
        ({"region": "220802"}, 4),  # county: Taobei only
        ({"region": "110000", "year": 2022}, 3),
        ({"year": 2023, "part": "review", "period": "year"}, 10),
        ({"review_status": "rejected"}, 1),
        ({"qualifier": "exact"}, 17),
        ({"year_from": 2023, "year_to": 2024}, 14),
    ],
)
def test_filters(world, api_get, params, count):
    assert len(results(api_get("/api/v1/statistics/", **params))) == count


def test_filter_by_body_report_agenda_item(world, api_get):
    report = world.reports[0]
    assert len(results(api_get("/api/v1/statistics/", body=report.body_id))) == 5
    assert len(results(api_get("/api/v1/statistics/", report=report.pk))) == 5
    assert len(results(api_get("/api/v1/statistics/", agenda_item=world.items[0].pk))) == 2


def test_bad_values_name_their_parameters(world, api_get):
    error = api_get("/api/v1/statistics/", year="2023x", period="month").json()["error"]
    assert error["status"] == 400 and set(error["fields"]) == {"year", "period"}


def test_ordering_by_value_is_stable(world, api_get):
    rows = results(api_get("/api/v1/statistics/", ordering="-value"))
    values = [float(r["value"]) for r in rows]
    assert values == sorted(values, reverse=True)
    ties = [r["id"] for r in rows if r["value"] == "4"]
    assert ties == sorted(ties)


def test_updated_since(world, api_get):
    from django.utils import timezone

    from reports.models import Statistic

    stat = world.statistics[1]
    later = timezone.now() + timezone.timedelta(days=1)
    Statistic.objects.filter(pk=stat.pk).update(updated_at=later + timezone.timedelta(seconds=1))
    rows = results(api_get("/api/v1/statistics/", updated_since=later.isoformat()))
    assert [r["id"] for r in rows] == [stat.pk]
    assert api_get("/api/v1/statistics/", updated_since="yesterday").status_code == 400


def test_query_count_constant(many, assert_constant_queries):
    assert_constant_queries("/api/v1/statistics/", 2)


def test_q_searches_label_and_agenda_item_heading(world, api_get):
    from django.db.models import Q

    from reports.models import Statistic

    for q in ("执法检查", "立法", "会议"):
        rows = results(api_get("/api/v1/statistics/", q=q, page_size=500))
        expected = Statistic.objects.filter(Q(label__contains=q) | Q(agenda_item__heading__contains=q))
        assert sorted(r["id"] for r in rows) == sorted(expected.values_list("id", flat=True)), q
        assert rows
    # 召开常委会会议6次 sits in the section 加强立法工作: found by the heading's word.
    assert "召开常委会会议6次" in {r["source_text"] for r in results(api_get("/api/v1/statistics/", q="立法"))}
    assert results(api_get("/api/v1/statistics/", q="没有这个词")) == []
