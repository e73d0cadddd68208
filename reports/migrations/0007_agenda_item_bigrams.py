"""Agenda-item search by character bigrams on PostgreSQL (reports/bigrams.py).

pg_trgm cannot serve a two-character word (it holds no trigram), so `q=立法`-style
searches scanned every item. Each item now keeps the bigram codes of its heading
and text (`search_bigrams`, integer[] under a GIN index), filled here for the items
already stored; the API's search of a two-character word asks for its pair.
Longer words keep the trigram indexes, whose estimates plan them well. Other
databases store NULL and keep their `LIKE` scan.
"""

from django.db import migrations

import reports.fields
from reports.bigrams import bigram_codes

BATCH = 2000
BIGRAM_INDEX = "reports_agendaitem_bigrams"


def fill_bigrams(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    items = apps.get_model("reports", "AgendaItem").objects.using(schema_editor.connection.alias)
    rows = items.only("id", "heading", "text").order_by("id")
    batch = []
    for item in rows.iterator(chunk_size=BATCH):
        item.search_bigrams = bigram_codes((item.heading, item.text))
        batch.append(item)
        if len(batch) == BATCH:
            items.bulk_update(batch, ["search_bigrams"])
            batch = []
    if batch:
        items.bulk_update(batch, ["search_bigrams"])


def index_bigrams(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {BIGRAM_INDEX} ON reports_agendaitem USING gin (search_bigrams)")


def drop_bigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {BIGRAM_INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0006_search_text_statistics"),
    ]

    operations = [
        migrations.AddField(
            model_name="agendaitem",
            name="search_bigrams",
            field=reports.fields.SearchBigramsField(editable=False, null=True, source_fields=("heading", "text")),
        ),
        migrations.RunPython(fill_bigrams, migrations.RunPython.noop),
        migrations.RunPython(index_bigrams, drop_bigram_index),
    ]
