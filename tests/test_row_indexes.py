"""The indexes of the big row tables (statistics, agenda items): every filtered column is
indexed, and nothing is indexed twice (each index costs every insert of a bulk load)."""

import pytest
from django.db import connection

from reports.models import AgendaItem, Statistic

pytestmark = pytest.mark.django_db

# Columns the API filters or joins on, by equality: each must lead some index.
FILTERED = {
    Statistic: [
        "report_id",
        "body_id",
        "source_id",
        "agenda_item_id",
        "indicator_id",
        "period",
        "part",
        "year",
        "review_status",
    ],
    AgendaItem: ["report_id", "parent_id", "body_id", "source_id", "part"],
}


def indexes_of(model) -> list[list[str]]:
    """The column lists of the table's indexes (unique constraints and the primary key included)."""
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, model._meta.db_table)
    return [c["columns"] for c in constraints.values() if c["index"] or c["unique"] or c["primary_key"]]


@pytest.mark.parametrize("model", list(FILTERED), ids=lambda m: m.__name__)
def test_every_filtered_column_leads_an_index(model):
    leading = {columns[0] for columns in indexes_of(model) if columns}
    assert set(FILTERED[model]) <= leading


@pytest.mark.parametrize("model", list(FILTERED), ids=lambda m: m.__name__)
def test_no_single_column_index_repeats_the_lead_of_a_wider_one(model):
    indexes = indexes_of(model)
    wider_leads = {columns[0] for columns in indexes if len(columns) > 1}
    single = [columns[0] for columns in indexes if len(columns) == 1]
    assert not wider_leads & set(single)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="LIKE (varchar_pattern_ops) indexes are PostgreSQL's")
@pytest.mark.parametrize("model", list(FILTERED), ids=lambda m: m.__name__)
def test_no_like_indexes_that_no_query_uses(model):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = %s AND indexdef LIKE '%%pattern_ops%%'",
            [model._meta.db_table],
        )
        assert cursor.fetchall() == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="statistics targets are PostgreSQL's")
def test_agenda_item_text_keeps_the_default_analyze_sample():
    # Migration 0006 had raised it to 1000 for the trigram search's estimates; 0008 set it back,
    # since item search goes by character pairs (and ANALYZE of a million items took 4 s more).
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstattarget FROM pg_attribute WHERE attrelid = 'reports_agendaitem'::regclass AND attname = %s",
            ["text"],
        )
        (target,) = cursor.fetchone()
    assert target in (-1, None)  # the default: -1 up to PostgreSQL 16, NULL from 17
