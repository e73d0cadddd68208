"""A larger ANALYZE sample for agenda-item text, on PostgreSQL.

PostgreSQL leaves values wider than 1 KB out of a column's statistics, and an item's
text (which holds its sub-items' text) is often wider: with the default sample, a
four-character word found in 8 % of a million items was estimated at 0.17 %, so the
planner chose a bitmap scan and a sort of all 80,000 matches (0.6–5 s) over a walk of
the (report, order, id) index that stops at the 50th match (5 ms). Ten times the sample
(statistics target 1000) estimated 0.7 % and chose the walk (bench/findings.md).
"""

from django.db import migrations

STATISTICS_TARGET = 1000


def set_target(target):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        value = "-1" if target is None else str(target)  # -1: the default (PostgreSQL 15 has no DEFAULT here)
        schema_editor.execute(f"ALTER TABLE reports_agendaitem ALTER COLUMN text SET STATISTICS {value}")

    return apply


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0005_leaner_row_indexes"),
    ]

    operations = [
        migrations.RunPython(set_target(STATISTICS_TARGET), set_target(None)),
    ]
