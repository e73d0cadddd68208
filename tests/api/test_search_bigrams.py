"""The agenda items' search bigrams stay true to their text on every write path, and q= is exact."""

from pathlib import Path

import pytest
from django.db import connection

from reports.bigrams import bigram_codes
from reports.importer import Importer
from reports.models import AgendaItem

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "import"

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="bigrams are stored on PostgreSQL only")


HALVES = ("search_bigrams_even", "search_bigrams_odd")


def stored_codes(item) -> tuple[list[int] | None, list[int] | None]:
    """The item's codes as stored: its two halves (reports/bigrams.py)."""
    return AgendaItem.objects.values_list(*HALVES).get(pk=item.pk)


def codes_of(texts: list[str]) -> tuple[list[int], list[int]]:
    """The halves the model should store for ``texts``: every pair code, parted by its lowest bit."""
    every = bigram_codes(texts)
    return [code for code in every if code % 2 == 0], [code for code in every if code % 2 == 1]


def search(client, word: str) -> set[int]:
    response = client.get("/api/v1/agenda-items/", {"q": word, "page_size": 500})
    assert response.status_code == 200, response.content[:300]
    return {row["id"] for row in response.json()["results"]}


@pytest.fixture
def item(world):
    return world.items[0]


@postgres_only
def test_created_rows_store_the_codes_of_heading_and_text(item):
    assert stored_codes(item) == codes_of([item.heading, item.text])
    assert all(stored_codes(item))  # both halves hold codes


@postgres_only
def test_bulk_created_rows_store_their_codes(item):
    [row] = AgendaItem.objects.bulk_create(
        [
            AgendaItem(
                report=item.report,
                source=item.source,
                key="bulk/1",
                part="review",
                order=99,
                heading="殡葬改革",
                text="推进殡葬改革。",
                char_start=0,
                char_end=1,
            )
        ]
    )
    assert stored_codes(row) == codes_of(["殡葬改革", "推进殡葬改革。"])


def test_other_databases_store_nothing(item):
    if connection.vendor == "postgresql":
        pytest.skip("PostgreSQL stores the codes")
    assert stored_codes(item) == (None, None)


@pytest.mark.parametrize(
    "load",
    [
        pytest.param(lambda pk: AgendaItem.objects.get(pk=pk), id="whole row"),
        pytest.param(lambda pk: AgendaItem.objects.defer(*HALVES).get(pk=pk), id="codes deferred"),
        pytest.param(lambda pk: AgendaItem.objects.defer(HALVES[1]).get(pk=pk), id="one half deferred"),
        pytest.param(lambda pk: AgendaItem.objects.defer(*HALVES, "heading").get(pk=pk), id="heading too"),
    ],
)
@pytest.mark.parametrize("update_fields", [None, ["text"]])
def test_an_edited_text_is_found_by_its_new_words_only(item, client, load, update_fields):
    row = load(item.pk)
    row.text = "开展殡葬领域专项监督。"
    row.save(update_fields=update_fields)
    assert item.pk in search(client, "殡葬")
    assert item.pk not in search(client, "立法调研")
    if connection.vendor == "postgresql":
        assert stored_codes(item) == codes_of([item.heading, "开展殡葬领域专项监督。"])


def test_a_save_of_other_fields_only_keeps_the_codes(item):
    before = stored_codes(item)
    AgendaItem.objects.get(pk=item.pk).save(update_fields=["number"])
    assert stored_codes(item) == before


def test_present_pairs_are_not_enough_the_text_must_hold_the_word(item, client):
    # Beyond the Basic Multilingual Plane a character is two UTF-16 units: U+10041 and U+10441 end
    # in the same one, so this text holds both pairs of 𐁁B without holding 𐁁B.
    item.text = "\U00010041x\U00010441B"
    item.save()
    assert item.pk in search(client, "\U00010441B")
    assert item.pk not in search(client, "\U00010041B")


def test_a_word_split_between_heading_and_text_is_not_found(item, client):
    item.heading, item.text = "加强立", "法工作"
    item.save()
    assert item.pk not in search(client, "立法")


def test_a_re_import_that_changes_an_item_refreshes_its_codes(db, tmp_path, client):
    path = tmp_path / "report.txt"
    path.write_bytes((FIXTURES / "county_npc_2023.txt").read_bytes())
    Importer("test").run([path])
    [first] = AgendaItem.objects.filter(text__contains="开展执法检查4次")
    path.write_text(path.read_text(encoding="utf-8").replace("开展执法检查4次", "开展殡葬检查4次"), encoding="utf-8")
    Importer("test").run([path])
    assert "开展殡葬检查4次" in AgendaItem.objects.get(pk=first.pk).text  # updated in place, not recreated
    assert first.pk in search(client, "殡葬") and first.pk not in search(client, "开展执法检查4次")


@postgres_only
def test_the_migration_to_halves_parts_the_codes_stored_before_it_and_back(world):
    """Migration 0011 parts each row's stored codes in SQL; undone, it joins them again."""
    from django.db.migrations.executor import MigrationExecutor

    expected = {row.pk: codes_of([row.heading, row.text]) for row in AgendaItem.objects.all()}
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the fixture's rows: no checks pending under ALTER TABLE
    MigrationExecutor(connection).migrate([("reports", "0010_search_pairs_uncompressed")])
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, search_bigrams FROM reports_agendaitem")
        joined = dict(cursor.fetchall())
    assert joined == {pk: sorted(even + odd) for pk, (even, odd) in expected.items()}
    with connection.cursor() as cursor:
        cursor.execute("UPDATE reports_agendaitem SET search_bigrams = '{}' WHERE id = %s", [world.items[0].pk])
    expected[world.items[0].pk] = ([], [])

    MigrationExecutor(connection).migrate([("reports", "0011_search_pairs_in_halves")])
    stored = {pk: (even, odd) for pk, even, odd in AgendaItem.objects.values_list("pk", *HALVES)}
    assert stored == expected and any(odd for _, odd in stored.values())
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'reports_agendaitem' AND indexdef LIKE '%gin%'"
        )
        assert sorted(row[0] for row in cursor.fetchall()) == [
            "reports_agendaitem_bigrams_even",
            "reports_agendaitem_bigrams_odd",
        ]
