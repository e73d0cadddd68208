"""Agenda items' search pairs stored out of line without compression (PostgreSQL: STORAGE EXTERNAL).

A pair array is distinct integers in ascending order, which neither pglz nor lz4 shrinks:
replayed by psql, the 10 MB corpus's items took 37 MB with each setting, and their COPY
0.59 s when PostgreSQL tried pglz on every array, 0.47 s with lz4 and with no compression
(bench/findings.md). EXTERNAL skips the attempt; a value stored before keeps its form until
rewritten, and PostgreSQL reads both.
"""

from django.db import migrations


def storage(kind: str):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute(f"ALTER TABLE reports_agendaitem ALTER COLUMN search_bigrams SET STORAGE {kind}")

    return apply


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0009_lz4_text_compression"),
    ]

    operations = [
        migrations.RunPython(storage("EXTERNAL"), storage("EXTENDED"), elidable=False),
    ]
