"""Agenda-item search by character pairs only, on PostgreSQL: the items' trigram indexes go.

Every `q=` of two characters or more on agenda items now asks the pair index for the
word's rarest pair (reports/pair_statistics.py), so the trigram indexes on item
headings and texts serve no query. They were the largest part of an import's
index work (an item's text holds its sub-items', so the text index covers about
twice the source), and of the table's size. The text column's larger statistics
sample (0006) fed only the trigram search's estimates; it returns to the default,
which makes ANALYZE of a million items about ten times faster (bench/findings.md).
"""

from django.db import migrations

from reports.search_indexes import trigram_indexes

ITEM_TRIGRAM_INDEXES = [
    ("reports_agendaitem_heading_trgm", "reports_agendaitem", "heading"),
    ("reports_agendaitem_text_trgm", "reports_agendaitem", "text"),
]


def text_statistics_target(value: str):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"ALTER TABLE reports_agendaitem ALTER COLUMN text SET STATISTICS {value}")

    return apply


def reversed_step(step: migrations.RunPython) -> migrations.RunPython:
    """``step`` run backwards: its reverse code forwards, its code in reverse."""
    return migrations.RunPython(step.reverse_code, step.code, elidable=False)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0007_agenda_item_bigrams"),
    ]

    operations = [
        reversed_step(trigram_indexes(ITEM_TRIGRAM_INDEXES)),
        migrations.RunPython(text_statistics_target("-1"), text_statistics_target("1000")),
    ]
