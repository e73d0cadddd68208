"""Searches (q=) count at most API_SEARCH_COUNT_CAP matches; beyond it the count is a lower bound."""

import pytest
from django.db import connection

from reports.api.pagination import sort_keys, sorted_ids
from reports.api.views import AgendaItemViewSet
from reports.models import AgendaItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def items(world):
    report = world.reports[0]
    AgendaItem.objects.bulk_create(
        AgendaItem(
            report=report,
            source=report.source,
            key=f"many/{n}",
            part="review",
            order=100 + n,
            heading=f"第{n}项",
            text="依法开展监督工作",
            char_start=0,
            char_end=1,
        )
        for n in range(12)
    )
    return AgendaItem.objects.filter(text__contains="依法开展监督").count()


def test_uncapped_search_is_exact(items, client):
    body = client.get("/api/v1/agenda-items/", {"q": "依法开展监督"}).json()
    assert body["count"] == items == 12 and body["count_is_lower_bound"] is False
    assert list(body) == ["count", "count_is_lower_bound", "next", "previous", "results"]


def test_capped_search_count_is_a_lower_bound(items, client, settings):
    settings.API_SEARCH_COUNT_CAP = 5
    response = client.get("/api/v1/agenda-items/", {"q": "依法开展监督", "page_size": 5})
    body = response.json()
    assert body["count"] == 5 and body["count_is_lower_bound"] is True
    assert response["X-Total-Count"] == "5" and response["X-Total-Count-Is-Lower-Bound"] == "true"
    assert body["next"] and len(body["results"]) == 5


def test_every_match_reachable_past_the_cap(items, client, settings):
    settings.API_SEARCH_COUNT_CAP = 5
    body = client.get("/api/v1/agenda-items/", {"q": "依法开展监督", "page_size": 4}).json()
    seen = [row["id"] for row in body["results"]]
    while body["next"]:
        body = client.get(body["next"]).json()
        seen += [row["id"] for row in body["results"]]
    assert len(seen) == len(set(seen)) == items
    last = client.get("/api/v1/agenda-items/", {"q": "依法开展监督", "page_size": 4, "page": 3}).json()
    assert last["count"] == 12 and last["count_is_lower_bound"] is False and last["next"] is None
    assert client.get("/api/v1/agenda-items/", {"q": "依法开展监督", "page_size": 4, "page": 4}).status_code == 404


def test_page_last_stays_within_the_cap(items, client, settings):
    settings.API_SEARCH_COUNT_CAP = 5
    body = client.get("/api/v1/agenda-items/", {"q": "依法开展监督", "page_size": 4, "page": "last"}).json()
    assert body["count"] == 5 and body["count_is_lower_bound"] is True and len(body["results"]) == 2


def test_lists_without_q_have_an_exact_count_and_no_flag(items, client, settings):
    settings.API_SEARCH_COUNT_CAP = 5
    body = client.get("/api/v1/agenda-items/", {"page_size": 4}).json()
    assert body["count"] == AgendaItem.objects.count() and "count_is_lower_bound" not in body


def test_search_runs_its_count_and_page_and_sets_last_modified_from_its_rows(items, client, django_assert_num_queries):
    client.get("/api/v1/agenda-items/", {"q": "依法开展监督"})  # PostgreSQL: reads the pair statistics (kept a while)
    # Capped count, page (no MAX over every match); on PostgreSQL first the rare pair's rows, counted.
    with django_assert_num_queries(3 if connection.vendor == "postgresql" else 2):
        response = client.get("/api/v1/agenda-items/", {"q": "依法开展监督", "page_size": 3})
    assert response.status_code == 200 and response["Last-Modified"]


def page_sql(client, params) -> tuple[list[int], str]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        body = client.get("/api/v1/agenda-items/", params).json()
    return [row["id"] for row in body["results"]], queries.captured_queries[-1]["sql"]


def test_a_search_with_every_match_counted_reads_its_page_by_id(items, client):
    expected = list(
        AgendaItem.objects.filter(text__contains="依法开展监督")
        .order_by("report_id", "order", "id")
        .values_list("pk", flat=True)
    )
    pages = [page_sql(client, {"q": "依法开展监督", "page_size": 5, "page": n}) for n in (1, 2, 3)]
    assert [pk for ids, _ in pages for pk in ids] == expected  # same rows, same order, no gap
    assert all(f'"{AgendaItem._meta.db_table}"."id" IN (' in sql for _, sql in pages)


def test_a_search_past_the_cap_reads_its_page_in_order_as_before(items, client, settings, monkeypatch):
    settings.API_SEARCH_COUNT_CAP = 5
    monkeypatch.setattr(AgendaItemViewSet, "RARE_MATCHES", 5)  # 12 matches: not a rare word
    ids, sql = page_sql(client, {"q": "依法开展监督", "page_size": 5})
    assert len(ids) == 5 and '"id" IN (' not in sql


@pytest.mark.skipif(connection.vendor != "postgresql", reason="rare words are told by their pairs on PostgreSQL")
def test_a_rare_word_past_the_cap_reads_every_id_and_its_pages_by_them(items, client, settings):
    settings.API_SEARCH_COUNT_CAP = 5
    expected = list(
        AgendaItem.objects.filter(text__contains="依法开展监督")
        .order_by("report_id", "order", "id")
        .values_list("pk", flat=True)
    )
    pages = [page_sql(client, {"q": "依法开展监督", "page_size": 5, "page": n}) for n in (1, 2, 3)]
    assert [pk for ids, _ in pages for pk in ids] == expected
    assert all(f'"{AgendaItem._meta.db_table}"."id" IN (' in sql for _, sql in pages)
    body = client.get("/api/v1/agenda-items/", {"q": "依法开展监督", "page_size": 5}).json()
    assert body["count"] == 5 and body["count_is_lower_bound"] is True and body["next"]  # as before: capped


@pytest.mark.parametrize("ordering", ["", "-order", "-updated_at", "report,-order", "-id"])
def test_a_search_read_by_ids_keeps_every_order(items, client, settings, ordering):
    settings.API_SEARCH_COUNT_CAP = 5
    params = {"q": "依法开展监督", "page_size": 5, **({"ordering": ordering} if ordering else {})}
    seen = []
    for number in (1, 2, 3):
        seen += [row["id"] for row in client.get("/api/v1/agenda-items/", {**params, "page": number}).json()["results"]]
    everything = client.get("/api/v1/agenda-items/", {**params, "q": "", "page_size": 500}).json()["results"]
    expected = [row["id"] for row in everything if "依法开展监督" in row["heading"] + row["text"]]
    assert seen == expected


def test_rows_are_sorted_here_only_by_columns_the_database_sorts_the_same_way():
    items = AgendaItem.objects.all()
    assert sort_keys(items.order_by("report_id", "order", "id")) == [
        ("report_id", False),
        ("order", False),
        ("id", False),
    ]
    assert sort_keys(items.order_by("-updated_at", "pk")) == [("updated_at", True), ("id", False)]
    assert sort_keys(items.order_by("report", "id")) is None  # the related model's own ordering
    assert sort_keys(items.order_by("heading", "id")) is None  # text: the database's collation
    assert sort_keys(items.order_by("parent_id", "id")) is None  # NULLs: the database puts them last


def test_ids_are_sorted_by_each_key_in_its_direction():
    rows = [(1, 2, "b"), (2, 1, "a"), (3, 2, "a"), (4, 1, "b")]
    assert sorted_ids(rows, [("x", False), ("y", True)]) == [4, 2, 1, 3]
    assert sorted_ids(rows, [("x", True), ("y", False)]) == [3, 1, 2, 4]
