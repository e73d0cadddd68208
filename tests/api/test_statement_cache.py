"""Lists reuse their compiled SQL per query string (reports/api/statements.py), and say exactly what they said before."""

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from reports.api import statements
from reports.api.filters import StrictFilterSet
from reports.api.statements import KeyedStatement, Statement, totals_statement
from reports.models import AgendaItem, Report, Statistic
from tests import factories as f

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/v1/regions/",
    "/api/v1/regions/?within=220000&ordering=-name",
    "/api/v1/bodies/?kind=npc_sc",
    "/api/v1/reports/",
    "/api/v1/reports/?year=2023",
    "/api/v1/reports/?year=1999",  # nothing
    "/api/v1/reports/?include=source_text&ordering=-id",
    "/api/v1/reports/?region=220000&report_type=work_report",
    "/api/v1/agenda-items/?top_level=true",
    "/api/v1/agenda-items/?page_size=2&page=2",
    "/api/v1/indicators/",  # annotated with a count: its total is an aggregate over a subquery
    "/api/v1/indicators/?ordering=name",
    "/api/v1/statistics/",
    "/api/v1/statistics/?indicator=sc_meetings&year_from=2020&page_size=1",
    "/api/v1/statistics/?updated_since=2000-01-01T00:00:00Z&ordering=-value",
    "/api/v1/statistics/?format=csv",
    "/api/v1/import-runs/",
]
HEADERS = ("Content-Type", "ETag", "Last-Modified", "X-Total-Count", "Link")


@pytest.fixture(autouse=True)
def empty_cache():
    statements.cache.clear()
    yield
    statements.cache.clear()


def _answer(response):
    return response.status_code, response.content, {h: response.get(h) for h in HEADERS}


def test_cached_and_uncached_lists_answer_the_same_bytes_and_headers(world, client, settings):
    settings.API_STATEMENT_CACHE_SIZE = 0
    uncached = {path: _answer(client.get(path)) for path in LISTS}
    assert len(statements.cache) == 0
    settings.API_STATEMENT_CACHE_SIZE = 512
    first = {path: _answer(client.get(path)) for path in LISTS}  # compiles and stores
    stored = len(statements.cache)
    again = {path: _answer(client.get(path)) for path in LISTS}  # runs the stored statements
    assert stored == len({path.split("page_size")[0] for path in LISTS})  # one entry per query string
    for path in LISTS:
        assert uncached[path][0] == 200, path
        assert first[path] == uncached[path], path
        assert again[path] == uncached[path], path


def test_a_stored_statement_reads_the_data_as_it_is_now(world, client):
    before = client.get("/api/v1/statistics/?indicator=sc_meetings").json()
    added = f.make_statistic(world.reports[0], "召开常委会会议6次", "6", 6, world.indicators["sc_meetings"], key="new")
    after = client.get("/api/v1/statistics/?indicator=sc_meetings").json()
    assert after["count"] == before["count"] + 1
    assert added.pk in {row["id"] for row in after["results"]}
    Statistic.objects.filter(pk=added.pk).delete()
    assert client.get("/api/v1/statistics/?indicator=sc_meetings").json()["count"] == before["count"]


def test_a_hit_skips_the_filter_form_and_runs_two_statements(world, client, monkeypatch):
    path = "/api/v1/reports/?year=2023"
    expected = client.get(path).content

    def refuse(self):
        raise AssertionError("the filter form was built for a stored query string")

    monkeypatch.setattr(StrictFilterSet, "is_valid", refuse)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path + "&page=1")  # page is not part of the key
    assert response.content == expected
    assert len(queries) == 2


def test_page_and_page_size_move_only_the_limit(world, client):
    pages = [client.get(f"/api/v1/agenda-items/?page_size=1&page={n}").json() for n in (1, 2, 3)]
    ids = [page["results"][0]["id"] for page in pages]
    assert len(set(ids)) == 3
    assert len(statements.cache) == 1
    whole = client.get("/api/v1/agenda-items/?page_size=3").json()["results"]
    assert [row["id"] for row in whole] == ids
    assert client.get(f"/api/v1/agenda-items/?page_size=1&page={pages[0]['count'] + 1}").status_code == 404


def test_bad_parameters_are_refused_every_time_and_never_stored(world, client):
    for _ in range(2):
        assert client.get("/api/v1/reports/?year=soon").status_code == 400
        assert client.get("/api/v1/reports/?page_size=0").status_code == 400
    assert len(statements.cache) == 1  # only the valid /reports/ (page_size is checked by the paginator)
    assert client.get("/api/v1/reports/?year=2023").status_code == 200
    assert len(statements.cache) == 2


def test_the_cache_keeps_at_most_its_size_least_recently_used_first(world, client, settings):
    settings.API_STATEMENT_CACHE_SIZE = 2
    for year in (2021, 2022, 2023):
        assert client.get(f"/api/v1/reports/?year={year}").status_code == 200
    assert len(statements.cache) == 2
    client.get("/api/v1/reports/?year=2022")  # now the most recent
    client.get("/api/v1/reports/?year=2024")
    keys = [key[-1] for key in statements.cache._entries]
    assert keys == [(("year", ("2022",)),), (("year", ("2024",)),)]


def test_searches_and_instance_lists_are_not_stored(world, client):
    assert client.get("/api/v1/statistics/?q=执法检查").status_code == 200
    assert client.get("/api/v1/sources/").status_code == 200  # its serializer needs model instances
    assert len(statements.cache) == 0


def test_a_statement_that_matches_nothing_runs_no_sql(world):
    with CaptureQueriesContext(connection) as queries:
        page = Statement.of(Report.objects.filter(id__in=[]).values("id"))
        totals, result = totals_statement(Report.objects.filter(id__in=[]), "updated_at")
        assert page.rows(0, 10) == [] and totals.rows() == []
    assert len(queries) == 0
    assert result == {"count": 0, "newest": None}


def test_totals_are_the_aggregate_the_orm_runs_with_its_converters(world):
    queryset = Report.objects.filter(review_year=2023)
    totals, result = totals_statement(queryset, "updated_at")
    assert result["count"] == queryset.count() > 0
    assert totals.rows() == [result]  # a timestamp from SQLite comes back as a datetime, not text
    assert result["newest"] == max(r.updated_at for r in queryset)


def test_report_details_by_a_statement_compiled_for_another_report_are_the_same(world, client, settings):
    paths = [f"/api/v1/reports/{report.pk}/" for report in world.reports]
    settings.API_STATEMENT_CACHE_SIZE = 0
    uncached = {path: _answer(client.get(path)) for path in paths}
    settings.API_STATEMENT_CACHE_SIZE = 512
    cached = {path: _answer(client.get(path)) for path in paths}  # the first compiles, the others reuse it
    assert len(statements.cache) == 1
    for path in paths:
        assert uncached[path][0] == 200
        assert cached[path] == uncached[path], path
    with CaptureQueriesContext(connection) as queries:
        client.get(paths[-1])
    assert len(queries) == 3  # the report, its items, its statistics


def test_a_keyed_statement_finds_its_key_in_one_place_only(world):
    report = world.reports[1]
    items = AgendaItem.objects.filter(report_id=report.pk).order_by("order", "id").values("id", "heading")
    keyed = KeyedStatement.of(items, report.pk)
    other = world.reports[2]
    expected = list(AgendaItem.objects.filter(report_id=other.pk).order_by("order", "id").values("id", "heading"))
    assert expected and keyed.rows_for(other.pk) == expected
    twice = AgendaItem.objects.filter(report_id=report.pk, id__gte=report.pk).values("id")
    assert KeyedStatement.of(twice, report.pk) is None  # which of the two is the report's id?
    flag = AgendaItem.objects.filter(report_id=1, parent__isnull=True).values("id")
    assert KeyedStatement.of(flag, True) is None  # True == 1, but it is not the same parameter


@pytest.mark.parametrize("path", ["/api/v1/sources/?ordering=name", "/api/v1/reports/?year=2022"])
def test_a_first_request_validates_its_parameters_once(world, client, monkeypatch, path):
    validated = []
    original = StrictFilterSet.is_valid

    def counting(self):
        validated.append(type(self).__name__)
        return original(self)

    monkeypatch.setattr(StrictFilterSet, "is_valid", counting)
    assert client.get(path).status_code == 200
    assert len(validated) == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite's in-memory test database stays open")
def test_a_list_on_a_new_connection_that_runs_statements_of_its_own_is_answered(world, client):
    """A server process's first connection runs statements of its own as it opens
    (django.contrib.postgres reads its types' oids); a list's totals must not take them for its own."""
    from django.db.backends.signals import connection_created

    def one_more_statement(sender, connection, **kwargs):
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")

    connection_created.connect(one_more_statement)
    try:
        connection.close()
        response = client.get("/api/v1/reports/?year=2023")
    finally:
        connection_created.disconnect(one_more_statement)
    assert response.status_code == 200, response.content[:300]
    reviewing_or_planning = Report.objects.filter(Q(review_year=2023) | Q(plan_year=2023))
    assert int(response["X-Total-Count"]) == reviewing_or_planning.count() > 0
