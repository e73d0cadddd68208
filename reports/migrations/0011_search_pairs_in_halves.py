"""Agenda items' search pairs kept in two halves by their lowest bit, each under its own GIN index.

PostgreSQL 15 builds a GIN index on one core, and after a bulk load the importer rebuilds
the item pairs' index alone while the other core waits: on 30 MB of reports, one index over
the whole arrays took 5.40 s, the two halves built side by side 2.20 s (bench/findings.md).
A search asks for one pair (its rarest), in the half that holds it (reports/fields.py).

The codes stored already are parted here by SQL (``c & 1``, as ``bigrams.parity``), with no
code recomputed; the halves keep 0010's storage (out of line, uncompressed). Other databases
store NULL, as before.

The item's heading and text are now kept in its row (``STORAGE MAIN``: compressed, and moved
out of line only when the row cannot fit a page otherwise). PostgreSQL moves a row's largest
value out first, and each half of the pairs is smaller than the text, where the whole array
was larger: the texts went out of line, and a search, which reads the heading and text of
every row holding its pair, read five times the pages (4,799 against 959 for 长三角一体化 over
300,000 items; a scan testing every text took 500 ms against 250 ms). With the text alone
kept, the heading went out in its place (bench/findings.md).
"""

from django.db import migrations

import reports.fields

OLD_INDEX = "reports_agendaitem_bigrams"
HALF_INDEXES = {
    "search_bigrams_even": "reports_agendaitem_bigrams_even",
    "search_bigrams_odd": "reports_agendaitem_bigrams_odd",
}


def _postgresql(schema_editor) -> bool:
    return schema_editor.connection.vendor == "postgresql"


def store_halves_uncompressed(apps, schema_editor):
    if _postgresql(schema_editor):
        for column in HALF_INDEXES:
            schema_editor.execute(f"ALTER TABLE reports_agendaitem ALTER COLUMN {column} SET STORAGE EXTERNAL")


def store_whole_uncompressed(apps, schema_editor):
    if _postgresql(schema_editor):
        schema_editor.execute("ALTER TABLE reports_agendaitem ALTER COLUMN search_bigrams SET STORAGE EXTERNAL")


SEARCHED_TEXTS = ("heading", "text")


def text_storage(kind: str):
    def apply(apps, schema_editor):
        if _postgresql(schema_editor):
            for column in SEARCHED_TEXTS:
                schema_editor.execute(f"ALTER TABLE reports_agendaitem ALTER COLUMN {column} SET STORAGE {kind}")

    return apply


def part_codes(apps, schema_editor):
    if _postgresql(schema_editor):
        schema_editor.execute(
            "UPDATE reports_agendaitem SET "
            "search_bigrams_even = ARRAY(SELECT c FROM unnest(search_bigrams) AS c WHERE c & 1 = 0 ORDER BY c), "
            "search_bigrams_odd = ARRAY(SELECT c FROM unnest(search_bigrams) AS c WHERE c & 1 = 1 ORDER BY c) "
            "WHERE search_bigrams IS NOT NULL"
        )


def join_codes(apps, schema_editor):
    if _postgresql(schema_editor):
        schema_editor.execute(
            "UPDATE reports_agendaitem SET search_bigrams = ARRAY("
            "SELECT c FROM unnest(search_bigrams_even || search_bigrams_odd) AS c ORDER BY c) "
            "WHERE search_bigrams_even IS NOT NULL AND search_bigrams_odd IS NOT NULL"
        )


def index_halves(apps, schema_editor):
    if _postgresql(schema_editor):
        schema_editor.execute(f"DROP INDEX IF EXISTS {OLD_INDEX}")
        for column, index in HALF_INDEXES.items():
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {index} ON reports_agendaitem USING gin ({column})")


def index_whole(apps, schema_editor):
    if _postgresql(schema_editor):
        for index in HALF_INDEXES.values():
            schema_editor.execute(f"DROP INDEX IF EXISTS {index}")
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {OLD_INDEX} ON reports_agendaitem USING gin (search_bigrams)"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0010_search_pairs_uncompressed"),
    ]

    operations = [
        migrations.AddField(
            model_name="agendaitem",
            name="search_bigrams_even",
            field=reports.fields.SearchBigramsField(
                editable=False, half=0, null=True, source_fields=("heading", "text")
            ),
        ),
        migrations.AddField(
            model_name="agendaitem",
            name="search_bigrams_odd",
            field=reports.fields.SearchBigramsField(
                editable=False, half=1, null=True, source_fields=("heading", "text")
            ),
        ),
        migrations.RunPython(store_halves_uncompressed, store_whole_uncompressed, elidable=False),
        # Before the rows are rewritten, so that their halves are stored by these rules. A heading or
        # text PostgreSQL had already moved out of line stays there until it is written again.
        migrations.RunPython(text_storage("MAIN"), text_storage("EXTENDED"), elidable=False),
        migrations.RunPython(part_codes, join_codes, elidable=False),
        migrations.RunPython(index_halves, index_whole, elidable=False),
        migrations.RemoveField(model_name="agendaitem", name="search_bigrams"),
    ]
