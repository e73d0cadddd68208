"""Search indexes for `q=` and the indicator timestamp for `updated_since`.

On PostgreSQL: the pg_trgm extension and GIN trigram indexes on report titles
and agenda-item headings and texts, so `LIKE '%立法调研%'` (the API's
`__contains`) uses an index instead of a sequential scan. Other databases
(SQLite) get nothing: their `LIKE` scan is the honest fallback there.
"""

from django.db import migrations, models

from reports.search_indexes import trigram_indexes

TRIGRAM_INDEXES = [
    ("reports_report_title_trgm", "reports_report", "title"),
    ("reports_agendaitem_heading_trgm", "reports_agendaitem", "heading"),
    ("reports_agendaitem_text_trgm", "reports_agendaitem", "text"),
]


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
        trigram_indexes(TRIGRAM_INDEXES),
    ]
