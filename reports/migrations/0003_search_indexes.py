"""Search indexes for `q=` and the indicator timestamp for `updated_since`.

On PostgreSQL: the pg_trgm extension and GIN trigram indexes on report titles
and agenda-item headings and texts, so `LIKE '%立法调研%'` (the API's
`__contains`) uses an index instead of a sequential scan. Other databases
(SQLite) get nothing: their `LIKE` scan is the honest fallback there.
"""

from django.db import migrations, models

TRIGRAM_INDEXES = [
    ("reports_report_title_trgm", "reports_report", "title"),
    ("reports_agendaitem_heading_trgm", "reports_agendaitem", "heading"),
    ("reports_agendaitem_text_trgm", "reports_agendaitem", "text"),
]


def create_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, column in TRIGRAM_INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column} gin_trgm_ops)")


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in TRIGRAM_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):

    dependencies = [
        ("reports", "0002_indicators"),
    ]

    operations = [
        migrations.AddField(
            model_name="indicator",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, db_index=True, help_text="When this record last changed."),
        ),
        migrations.RunPython(create_trigram_indexes, drop_trigram_indexes, elidable=False),
    ]
