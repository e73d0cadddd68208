"""On PostgreSQL servers with lz4, long texts are compressed with it (migration 0009): faster
to write and to read than pglz, PostgreSQL's default."""

import importlib
import random

import pytest
from django.db import connection

from reports.bulk import bulk_insert
from reports.models import AgendaItem, Source
from tests.factories import make_body, make_report

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="column compression is PostgreSQL's"),
]

migration = importlib.import_module("reports.migrations.0009_lz4_text_compression")


@pytest.fixture
def lz4():
    """Skip where the server has no lz4 (the migration keeps pglz there, and says so)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT enumvals FROM pg_settings WHERE name = 'default_toast_compression'")
        methods = cursor.fetchone()
    if not methods or "lz4" not in methods[0]:
        pytest.skip("this PostgreSQL server was built without lz4")


def column_compression(table: str, column: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attcompression FROM pg_attribute WHERE attrelid = %s::regclass AND attname = %s", [table, column]
        )
        return cursor.fetchone()[0]


@pytest.mark.parametrize("table, column", migration.LONG_TEXTS)
def test_long_text_columns_are_compressed_with_lz4(lz4, table, column):
    assert column_compression(table, column) == "l"


def stored_compression(model, pk: int, column: str) -> str | None:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT pg_column_compression({column}) FROM {model._meta.db_table} WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def insert_item(heading: str = "", text: str = "") -> AgendaItem:
    """One agenda item of a new report, written as an import writes it (reports/bulk.py)."""
    report = make_report(body=make_body())
    (item,) = bulk_insert(
        AgendaItem,
        [
            AgendaItem(
                report=report,
                source=report.source,
                key="k",
                part="review",
                order=1,
                heading=heading,
                text=text,
                char_start=0,
                char_end=len(text),
            )
        ],
    )
    return item


def test_an_imported_items_text_and_its_source_are_stored_with_lz4(lz4):
    long_text = "常委会听取和审议了关于预算执行情况的报告，开展执法检查。" * 200  # large enough to be compressed
    item = insert_item(text=long_text)
    source = Source.objects.create(name="long.txt", sha256="0" * 64, length=len(long_text), text=long_text)
    assert stored_compression(AgendaItem, item.pk, "text") == "lz4"
    assert stored_compression(Source, source.pk, "text") == "lz4"
    assert AgendaItem.objects.get(pk=item.pk).text == long_text


def column_storage(table: str, column: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstorage FROM pg_attribute WHERE attrelid = %s::regclass AND attname = %s", [table, column]
        )
        return cursor.fetchone()[0]


PAIR_HALVES = ("search_bigrams_even", "search_bigrams_odd")


def test_search_pairs_are_stored_out_of_line_without_compression():
    """Migrations 0010 and 0011: PostgreSQL does not try to compress pair arrays, which do not shrink."""
    assert [column_storage("reports_agendaitem", column) for column in PAIR_HALVES] == ["e", "e"]  # EXTERNAL
    assert column_storage("reports_agendaitem", "text") == "m"  # MAIN: compressed, in the row (0011)
    assert column_storage("reports_agendaitem", "heading") == "m"
    assert column_storage("reports_source", "text") == "x"  # other texts: EXTENDED, PostgreSQL's default


def values_out_of_line() -> int:
    """How many values the agenda items' TOAST table holds."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltoastrelid::regclass FROM pg_class WHERE relname = 'reports_agendaitem'")
        (toast,) = cursor.fetchone()
        cursor.execute(f"SELECT count(DISTINCT chunk_id) FROM {toast}")
        return cursor.fetchone()[0]


@pytest.mark.parametrize("characters", [1500, 600])
def test_an_items_heading_and_text_stay_in_its_row_while_its_pairs_go_out_of_line(characters):
    """Migration 0011: each half of the pairs is smaller than the text, and PostgreSQL moves a
    row's largest value out first, then the next; the heading and text must stay, since every
    search reads them. (600 characters: 1.8 KB of text, which fits beside the heading once the
    halves are out; with the text alone kept in, the heading was moved out.)"""
    rng = random.Random(3)
    text = "".join(chr(rng.randrange(0x4E00, 0x9FA5)) for _ in range(characters))  # hardly compresses
    heading = "".join(chr(rng.randrange(0x4E00, 0x9FA5)) for _ in range(120))
    before = values_out_of_line()
    item = insert_item(heading=heading, text=text)
    assert values_out_of_line() - before == 2  # the two halves, neither the heading nor the text
    stored = AgendaItem.objects.get(pk=item.pk)
    assert (stored.heading, stored.text) == (heading, text)
    assert len(stored.search_bigrams_even) + len(stored.search_bigrams_odd) > characters - 100


def test_the_storage_migration_reverses_to_postgresqls_default():
    step = importlib.import_module("reports.migrations.0010_search_pairs_uncompressed")
    with connection.cursor() as cursor:  # the column 0010 was written for, as it was then
        cursor.execute("ALTER TABLE reports_agendaitem ADD COLUMN search_bigrams integer[]")
    with connection.schema_editor() as editor:
        step.storage("EXTENDED")(None, editor)
    assert column_storage("reports_agendaitem", "search_bigrams") == "x"
    with connection.schema_editor() as editor:
        step.storage("EXTERNAL")(None, editor)
    assert column_storage("reports_agendaitem", "search_bigrams") == "e"
