"""PostgreSQL indexes for `q=` search (pg_trgm, and bigrams: reports/bigrams.py): migration steps, rebuilds.

Only PostgreSQL gets them: `LIKE '%立法调研%'` (the API's `__contains`) then uses
a GIN index instead of a sequential scan. Other databases (SQLite) get nothing:
their `LIKE` scan is the honest fallback there.
"""

import queue
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor

from django.db import connections, migrations


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


# Every GIN search index the migrations leave (0003, 0004, 0008, 0011), as ``(name, table, method
# and columns)``: the importer drops and rebuilds them around a bulk load. Largest first: parallel
# builds take them in this order, so the longest start at once (the item pairs' two halves: most
# of the time, and one lane each).
# tests/importer/test_search_index_rebuild.py checks this list against the migrated database.
SEARCH_INDEXES = [
    ("reports_agendaitem_bigrams_even", "reports_agendaitem", "gin (search_bigrams_even)"),
    ("reports_agendaitem_bigrams_odd", "reports_agendaitem", "gin (search_bigrams_odd)"),
    ("reports_statistic_label_trgm", "reports_statistic", "gin (label gin_trgm_ops)"),
    ("reports_report_title_trgm", "reports_report", "gin (title gin_trgm_ops)"),
]

# Memory for one rebuild: a GIN build sorts its entries in it, and spills to disk beyond.
REBUILD_MEMORY = "256MB"
# Indexes built at once, each on its own connection: PostgreSQL 15 builds a GIN index on one
# core. Two lanes: a half of the item pairs on each, then the small ones (a third would only
# share out the small ones); memory is REBUILD_MEMORY per lane.
REBUILD_LANES = 2


def missing_search_indexes(connection) -> list[tuple[str, str, str]]:
    """The indexes of SEARCH_INDEXES that the database lacks (none off PostgreSQL)."""
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE indexname = ANY(%s)", [[n for n, _, _ in SEARCH_INDEXES]]
        )
        present = {row[0] for row in cursor.fetchall()}
    return [index for index in SEARCH_INDEXES if index[0] not in present]


def drop_search_indexes(connection) -> None:
    """Drop the search indexes (PostgreSQL), so a bulk load need not update them row by row."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for name, _table, _definition in SEARCH_INDEXES:
            cursor.execute(f"DROP INDEX IF EXISTS {name}")


def restore_search_indexes(connection, then_analyze: Sequence[str] = ()) -> list[str]:
    """Build the search indexes that are missing (PostgreSQL), then ANALYZE the tables ``then_analyze``;
    return the names of the indexes built.

    One build over the whole table is several times cheaper than maintaining the
    index while rows arrive (measured: bench/findings.md). Outside a transaction the
    builds run side by side (REBUILD_LANES connections); inside one, other connections
    could not see its rows, so they run one after another on ``connection``.

    The tables' ANALYZE goes into the same lanes (``_rebuild_tasks``): the item pairs' build is
    most of a bulk load's end and leaves the other lanes idle, and ANALYZE after it had added
    1.3 s per 30 MB of reports.
    """
    if connection.vendor != "postgresql":
        return []
    missing = missing_search_indexes(connection)
    tasks = _rebuild_tasks(missing, then_analyze)
    if not tasks:
        return []
    if connection.in_atomic_block or len(tasks) == 1 or REBUILD_LANES < 2:
        for run, target in tasks:
            run(connection, [target])
    else:
        _run_in_lanes(connection.alias, tasks, REBUILD_LANES)
    return [name for name, _, _ in missing]


def _rebuild_tasks(building: list[tuple[str, str, str]], tables: Sequence[str]) -> list[tuple[Callable, object]]:
    """The builds in order, each table's ANALYZE queued right after the last build on it, then
    the ANALYZE of the tables nothing is built on.

    A table's ANALYZE waits for the builds on it (their locks conflict). Queued right after them,
    the ANALYZE of the longest builds' table (the items) starts the moment they end, on one lane,
    while the other lanes build and analyse the smaller tables; queued last, it had waited for
    those too (0.05–0.1 s of every 10 MB load's end).
    """
    wanted = list(dict.fromkeys(tables))
    last_build = {table: position for position, (_name, table, _definition) in enumerate(building)}
    tasks: list[tuple[Callable, object]] = []
    for position, index in enumerate(building):
        tasks.append((_build, index))
        table = index[1]
        if last_build[table] == position and table in wanted:
            tasks.append((analyze, table))
    return tasks + [(analyze, table) for table in wanted if table not in last_build]


def analyze(connection, tables: list[str]) -> None:
    """Refresh the planner statistics of ``tables``."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(table) for table in tables))


def _build(connection, indexes: list[tuple[str, str, str]]) -> None:
    with connection.cursor() as cursor:
        if connection.in_atomic_block:
            # Inside a caller's transaction, PostgreSQL refuses to index a table with foreign-key
            # checks still deferred ("pending trigger events"): run them now, then defer again.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SELECT set_config('maintenance_work_mem', %s, false)", [REBUILD_MEMORY])
        try:
            for name, table, definition in indexes:
                cursor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING {definition}")
        finally:
            cursor.execute("RESET maintenance_work_mem")
            if connection.in_atomic_block:
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def _run_in_lanes(alias: str, tasks: list[tuple[Callable, object]], lanes: int) -> None:
    """Run ``tasks`` (``(_build, index)`` or ``(analyze, table)``) on ``lanes`` threads, each with its
    own connection, taking them in order.

    Every lane goes on to the end even when another fails; the first error is raised then
    (the indexes built stay; the next import builds the rest).
    """
    waiting = queue.SimpleQueue()
    for task in tasks:
        waiting.put(task)

    def lane() -> None:
        own = connections[alias]  # a thread gets its own connection from Django
        try:
            while True:
                try:
                    run, target = waiting.get_nowait()
                except queue.Empty:
                    return
                run(own, [target])
        finally:
            own.close()

    with ThreadPoolExecutor(max_workers=min(lanes, len(tasks))) as pool:
        futures = [pool.submit(lane) for _ in range(min(lanes, len(tasks)))]
    errors = [future.exception() for future in futures if future.exception() is not None]
    if errors:
        raise errors[0]
