"""On PostgreSQL, q= uses the GIN indexes: pg_trgm, and the agenda items' bigrams (shown with EXPLAIN)."""

import pytest
from django.db import connection

from reports.api import filters, querysets
from reports.models import AgendaItem, Report, Statistic

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm indexes exist only on PostgreSQL"),
]


def add_items(report, texts: list[str]) -> None:
    """One agenda item of ``report`` per text (bulk-created, so with their search bigrams)."""
    AgendaItem.objects.bulk_create(
        AgendaItem(
            report=report,
            source=report.source,
            key=f"bulk/{n}",
            part="review",
            order=1000 + n,
            heading=f"第{n}项工作",
            text=text,
            char_start=0,
            char_end=1,
        )
        for n, text in enumerate(texts)
    )


@pytest.fixture
def big_tables(world):
    """A few thousand rows, analysed, so the planner weighs an index against a real scan."""
    report = world.reports[0]
    filler = "依法开展工作，推动经济社会发展。" * 8
    add_items(report, [f"{filler}编号{n}" for n in range(4000)])
    Report.objects.bulk_create(
        Report(
            source=report.source, key=f"bulk{n}", title=f"第{n}号文件", report_type="other", char_start=0, char_end=1
        )
        for n in range(4000)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE reports_agendaitem")
        cursor.execute("ANALYZE reports_report")


def explain(queryset) -> str:
    """The plan of ``queryset`` without its ORDER BY, sequential scans discouraged.

    A few thousand rows are still cheap to scan, so the planner is told to avoid
    it (as it would by itself on the full corpus); an index that cannot serve
    the pattern would still not be chosen.
    """
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    return queryset.order_by().explain()


def test_search_indexes_exist():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE indexname LIKE %s OR indexname LIKE %s", ["%_trgm", "%_bigrams"]
        )
        names = {row[0] for row in cursor.fetchall()}
    assert names == {
        "reports_report_title_trgm",
        "reports_agendaitem_heading_trgm",
        "reports_agendaitem_text_trgm",
        "reports_agendaitem_bigrams",
        "reports_statistic_label_trgm",
    }


def api_item_search(word: str):
    return filters.AgendaItemFilterSet(data={"q": word}, queryset=querysets.agenda_items()).qs


def test_a_two_character_search_uses_the_bigram_index(big_tables):
    plan = explain(api_item_search("立法"))
    assert "reports_agendaitem_bigrams" in plan and "trgm" not in plan, plan


@pytest.fixture
def one_in_five(world):
    """4,000 items, every fifth about vaccines (疫苗), analysed."""
    add_items(world.reports[0], ["做好疫苗接种工作。" if n % 5 == 0 else "依法开展监督工作。" for n in range(4000)])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE reports_agendaitem")


def estimated_rows(queryset) -> int:
    plan = queryset.order_by().explain()
    return int(plan.split("rows=")[1].split()[0])


def test_a_two_character_search_is_estimated_by_the_pair_alone(one_in_five):
    # 800 rows hold 疫苗. Estimating the pair and a LIKE as unrelated would expect 20 % of 20 %
    # (160 rows), and for common words plan a sort of every match instead of an ordered walk.
    assert 300 <= estimated_rows(api_item_search("疫苗")) <= 1600
    assert api_item_search("疫苗").count() == 800


def test_a_longer_search_keeps_the_trigram_indexes(big_tables):
    query = api_item_search("强化监督")
    assert "search_bigrams" not in str(query.query)
    plan = explain(query)
    assert "reports_agendaitem_heading_trgm" in plan and "reports_agendaitem_text_trgm" in plan, plan


def test_report_title_search_uses_index(big_tables):
    plan = explain(Report.objects.filter(title__contains="常务委员会"))
    assert "reports_report_title_trgm" in plan, plan


def test_statistic_label_search_uses_index(big_tables):
    plan = explain(Statistic.objects.filter(label__contains="执法检查"))
    assert "reports_statistic_label_trgm" in plan, plan


def test_first_page_is_an_index_walk_in_the_api_order(big_tables):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = AgendaItem.objects.order_by("report_id", "order", "id")[:50].explain()
    assert "agendaitem_report_order" in plan and "Sort" not in plan, plan


def test_two_character_words_are_found_exactly(big_tables, client):
    rows = client.get("/api/v1/agenda-items/", {"q": "立法", "page_size": 500}).json()["results"]
    assert len(rows) == 4 and all("立法" in r["heading"] + r["text"] for r in rows)


def test_api_search_finds_two_character_words(world, client):
    rows = client.get("/api/v1/agenda-items/", {"q": "监督"}).json()["results"]
    assert rows and all("监督" in r["heading"] + r["text"] for r in rows)
