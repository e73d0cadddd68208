"""Statistics search (`q=` on /api/v1/statistics/) and the agenda items' reading-order index.

On PostgreSQL: a GIN trigram index on statistic labels, so `label LIKE '%执法检查%'`
(the API's `__contains`) uses an index like the agenda items' and report titles'
of 0003 (agenda-item headings, the other half of the search, already have one).
Other databases (SQLite) get no trigram index: their `LIKE` scan is the fallback.

Everywhere: an index on agenda items (report, order, id), the API's default
order, so the first page of a list or a search is read in index order.
"""

from django.db import migrations, models

from reports.search_indexes import trigram_indexes

TRIGRAM_INDEXES = [
    ("reports_statistic_label_trgm", "reports_statistic", "label"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0003_search_indexes"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="agendaitem",
            index=models.Index(fields=["report", "order", "id"], name="agendaitem_report_order"),
        ),
        trigram_indexes(TRIGRAM_INDEXES),
    ]
