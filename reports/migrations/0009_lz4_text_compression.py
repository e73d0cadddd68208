"""Long texts compressed with lz4 instead of pglz, on PostgreSQL servers built with lz4.

PostgreSQL compresses a value that makes its row larger than about 2 kB, and its default,
pglz, was half of what an import's agenda items and sources cost the database: replayed
by psql per 10 MB of reports, the items' COPY took 0.77 s with pglz and 0.38 s with lz4,
the sources' 0.28 s and 0.10 s, for the same sizes on disk. Reading is faster too, and
search reads texts (``strpos``): a scan of the items' texts took 62 ms with pglz and 37 ms
with lz4 (bench/findings.md). Values stored before keep their compression until they are
rewritten; PostgreSQL reads both. A server without lz4 (or older than PostgreSQL 14)
keeps pglz: the step is skipped there, and says so.
"""

from django.db import DatabaseError, migrations, transaction

LONG_TEXTS = [
    ("reports_source", "text"),
    ("reports_agendaitem", "text"),
    ("reports_agendaitem", "heading"),
]


def compression(method: str):
    def apply(apps, schema_editor):
        connection = schema_editor.connection
        if connection.vendor != "postgresql":
            return
        quote = connection.ops.quote_name
        for table, column in LONG_TEXTS:
            try:
                with transaction.atomic(using=connection.alias):  # a savepoint: a refusal leaves the rest
                    schema_editor.execute(
                        f"ALTER TABLE {quote(table)} ALTER COLUMN {quote(column)} SET COMPRESSION {method}"
                    )
            except DatabaseError as error:
                print(f"\n  {table}.{column} keeps PostgreSQL's default compression: {error}".rstrip())

    return apply


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0008_item_search_by_pairs"),
    ]

    operations = [
        migrations.RunPython(compression("lz4"), compression("default"), elidable=False),
    ]
