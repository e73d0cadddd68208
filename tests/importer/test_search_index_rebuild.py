"""A bulk load drops PostgreSQL's GIN search indexes and builds them once at the end."""

import io

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection

from reports import search_indexes
from reports.importer import Importer
from reports.models import Source
from reports.search_indexes import SEARCH_INDEXES, drop_search_indexes, missing_search_indexes
from tests.importer.test_batches import variants

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm indexes exist only on PostgreSQL")


def gin_index_names() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexdef LIKE '%%USING gin%%'")
        return {row[0] for row in cursor.fetchall()}


def renamed(paths: list, prefix: str) -> list:
    """Copies of ``paths`` under names no source has yet."""
    copies = []
    for path in paths:
        copy = path.with_name(f"{prefix}_{path.name}")
        copy.write_bytes(path.read_bytes())
        copies.append(copy)
    return copies


@postgres_only
def test_the_rebuild_list_names_every_gin_index_the_migrations_made():
    assert {name for name, _, _ in SEARCH_INDEXES} == gin_index_names()


@postgres_only
def test_a_rebuilding_run_leaves_every_index_in_place_and_used(texts, monkeypatch):
    dropped = []
    monkeypatch.setattr(
        "reports.importer.drop_search_indexes", lambda conn: dropped.append(True) or drop_search_indexes(conn)
    )
    run = Importer("test", search_indexes="rebuild").run(variants(texts, 3))
    assert run.files_created == 3 and dropped == [True]
    assert missing_search_indexes(connection) == []
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        cursor.execute("EXPLAIN SELECT id FROM reports_report WHERE title LIKE '%%常委会%%'")
        plan = "\n".join(row[0] for row in cursor.fetchall())
        for half in ("even", "odd"):
            cursor.execute(
                f"EXPLAIN SELECT id FROM reports_agendaitem WHERE search_bigrams_{half} @> '{{1}}'::integer[]"
            )
            plan += "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("RESET enable_seqscan")
    assert "reports_report_title_trgm" in plan, plan
    assert "reports_agendaitem_bigrams_even" in plan and "reports_agendaitem_bigrams_odd" in plan, plan


@postgres_only
def test_the_next_run_restores_indexes_an_interrupted_bulk_load_left_dropped(texts):
    drop_search_indexes(connection)
    assert len(missing_search_indexes(connection)) == len(SEARCH_INDEXES)
    Importer("test", search_indexes="maintain").run(variants(texts, 1))
    assert missing_search_indexes(connection) == []


def test_auto_rebuilds_only_for_a_load_at_least_as_large_as_what_is_stored(texts, monkeypatch):
    monkeypatch.setattr(Importer, "BULK_FROM", 2)
    importer = Importer("test")
    assert not importer.rebuilds_search_indexes(variants(texts, 1))  # too few files to be worth a rebuild
    assert importer.rebuilds_search_indexes(variants(texts, 2))  # an empty database: a bulk load
    Importer("test", search_indexes="maintain").run(variants(texts, 3))
    assert Source.objects.count() == 3
    fresh = renamed(variants(texts, 3), "fresh")
    assert not importer.rebuilds_search_indexes(fresh[:2])  # the rebuild would cover more old rows than new
    assert importer.rebuilds_search_indexes(fresh)
    assert Importer("test", search_indexes="rebuild").rebuilds_search_indexes(variants(texts, 1))
    assert not Importer("test", search_indexes="maintain").rebuilds_search_indexes(fresh)


def test_re_importing_stored_files_never_rebuilds_however_many(texts, monkeypatch):
    monkeypatch.setattr(Importer, "BULK_FROM", 2)
    stored = variants(texts, 3)
    Importer("test", search_indexes="maintain").run(stored)
    dropped = []
    monkeypatch.setattr("reports.importer.drop_search_indexes", lambda conn: dropped.append(True))
    run = Importer("test").run(stored)  # as many files as are stored, none of them new
    assert run.files_unchanged == 3 and dropped == []
    assert not Importer("test").rebuilds_search_indexes(stored + renamed(stored[:1], "fresh"))  # one new


def test_an_unknown_mode_is_refused():
    with pytest.raises(ValueError, match="auto, maintain, rebuild"):
        Importer("test", search_indexes="sometimes")


def test_the_command_refuses_an_unknown_mode_with_the_choices(texts):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="invalid choice: 'sometimes'"):
        call_command("import", str(texts), "--search-indexes", "sometimes", stdout=io.StringIO())


def run_by_backend(monkeypatch, function: str, names) -> dict[str, int]:
    """Records, per target of ``search_indexes.<function>`` from now on (``names(targets)``), the
    PostgreSQL backend (pid) that ran it."""
    runners = {}
    original = getattr(search_indexes, function)

    def recording(conn, targets):
        with conn.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
        original(conn, targets)
        runners.update(dict.fromkeys(names(targets), pid))

    monkeypatch.setattr(search_indexes, function, recording)
    return runners


def built_by_backend(monkeypatch) -> dict[str, int]:
    """Per index built from now on, the backend that built it."""
    return run_by_backend(monkeypatch, "_build", lambda indexes: [name for name, _, _ in indexes])


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_the_indexes_are_built_side_by_side(texts, monkeypatch):
    Importer("test", search_indexes="maintain").run(variants(texts, 2))
    drop_search_indexes(connection)
    builders = built_by_backend(monkeypatch)
    assert set(search_indexes.restore_search_indexes(connection)) == {name for name, _, _ in SEARCH_INDEXES}
    assert missing_search_indexes(connection) == []
    assert set(builders) == {name for name, _, _ in SEARCH_INDEXES}
    assert len(set(builders.values())) == search_indexes.REBUILD_LANES  # one backend per lane
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        assert cursor.fetchone()[0] not in builders.values()  # this connection did not wait on its own


@postgres_only
def test_inside_a_transaction_the_indexes_are_built_on_its_own_connection(texts, monkeypatch):
    Importer("test", search_indexes="maintain").run(variants(texts, 1))  # rows this transaction holds
    drop_search_indexes(connection)
    builders = built_by_backend(monkeypatch)
    search_indexes.restore_search_indexes(connection)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        assert set(builders.values()) == {cursor.fetchone()[0]}
    assert missing_search_indexes(connection) == []


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_failed_build_is_raised_after_the_other_lanes_built_theirs(monkeypatch):
    broken = ("reports_broken_trgm", "reports_agendaitem", "gin (no_such_column gin_trgm_ops)")
    monkeypatch.setattr(search_indexes, "SEARCH_INDEXES", [broken, *SEARCH_INDEXES])
    drop_search_indexes(connection)
    with pytest.raises(DatabaseError, match="no_such_column"):
        search_indexes.restore_search_indexes(connection)
    assert missing_search_indexes(connection) == [broken]  # every real index was built all the same


IMPORTED_TABLES = ["reports_source", "reports_report", "reports_agendaitem", "reports_statistic", "reports_body"]


def test_each_table_is_analysed_right_after_the_last_build_on_it():
    building = [
        ("big_even", "items", "gin (a)"),
        ("big_odd", "items", "gin (b)"),
        ("middle", "statistics", "gin (c)"),
        ("small", "reports", "gin (d)"),
    ]
    tasks = search_indexes._rebuild_tasks(building, ["items", "sources", "reports", "statistics", "bodies", "sources"])
    named = [(run.__name__, target if isinstance(target, str) else target[0]) for run, target in tasks]
    assert named == [
        ("_build", "big_even"),
        ("_build", "big_odd"),
        ("analyze", "items"),
        ("_build", "middle"),
        ("analyze", "statistics"),
        ("_build", "small"),
        ("analyze", "reports"),
        ("analyze", "sources"),
        ("analyze", "bodies"),
    ]


def test_a_table_not_asked_for_is_not_analysed_and_without_builds_the_callers_order_holds():
    tasks = search_indexes._rebuild_tasks([("only", "items", "gin (a)")], [])
    assert [(run.__name__, target[0]) for run, target in tasks] == [("_build", "only")]
    tasks = search_indexes._rebuild_tasks([], ["b", "a", "b"])
    assert [(run.__name__, target) for run, target in tasks] == [("analyze", "b"), ("analyze", "a")]


def analysed_by_backend(monkeypatch) -> dict[str, int]:
    """Per table analysed from now on, the backend that analysed it."""
    return run_by_backend(monkeypatch, "analyze", list)


def last_analysed() -> dict[str, object]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")  # this backend's cached view of the statistics
        cursor.execute(
            "SELECT relname, last_analyze FROM pg_stat_user_tables WHERE relname = ANY(%s)", [IMPORTED_TABLES]
        )
        return dict(cursor.fetchall())


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_rebuild_analyses_the_tables_on_the_lanes_beside_the_builds(texts, monkeypatch):
    Importer("test", search_indexes="maintain").run(variants(texts, 2))
    drop_search_indexes(connection)
    before = last_analysed()
    builders, analysers = built_by_backend(monkeypatch), analysed_by_backend(monkeypatch)
    search_indexes.restore_search_indexes(connection, then_analyze=IMPORTED_TABLES)
    assert missing_search_indexes(connection) == []
    assert set(analysers) == set(IMPORTED_TABLES)
    lanes = set(builders.values())
    assert len(lanes) == search_indexes.REBUILD_LANES and set(analysers.values()) <= lanes
    after = last_analysed()
    assert all(after[table] is not None and after[table] != before.get(table) for table in IMPORTED_TABLES), after


@postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("mode", ["rebuild", "maintain"])
def test_a_run_that_wrote_rows_leaves_fresh_planner_statistics(texts, monkeypatch, mode):
    before = last_analysed()
    analysers = analysed_by_backend(monkeypatch)
    monkeypatch.setattr("reports.importer.analyze", search_indexes.analyze)  # the recording one
    Importer("test", search_indexes=mode).run(variants(texts, 2))
    assert set(analysers) == set(IMPORTED_TABLES)
    after = last_analysed()
    assert all(after[table] is not None and after[table] != before.get(table) for table in IMPORTED_TABLES), after


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_a_run_that_changed_nothing_analyses_nothing(texts, monkeypatch):
    files = variants(texts, 2)
    Importer("test", search_indexes="maintain").run(files)
    analysers = analysed_by_backend(monkeypatch)
    monkeypatch.setattr("reports.importer.analyze", search_indexes.analyze)
    again = Importer("test", search_indexes="rebuild").run(files)
    assert again.files_unchanged == 2 and analysers == {}
