"""PostgreSQL trigram (pg_trgm) indexes for `q=` search, as a migration operation.

Only PostgreSQL gets them: `LIKE '%立法调研%'` (the API's `__contains`) then uses
a GIN index instead of a sequential scan. Other databases (SQLite) get nothing:
their `LIKE` scan is the honest fallback there.
"""

from django.db import migrations


def trigram_indexes(indexes: list[tuple[str, str, str]]) -> migrations.RunPython:
    """A reversible migration step creating GIN trigram indexes ``(name, table, column)`` on PostgreSQL."""

    def create(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for name, table, column in indexes:
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column} gin_trgm_ops)")

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for name, _table, _column in indexes:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")

    return migrations.RunPython(create, drop, elidable=False)
