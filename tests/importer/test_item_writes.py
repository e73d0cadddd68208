"""How new rows reach the database: a batch of new files written together, one insert per table
where keys are drawn ahead (PostgreSQL); file by file, a report's items one insert per tree level, elsewhere."""

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from reports import importing
from reports.importer import Importer
from reports.models import AgendaItem, Report, Source, Statistic
from tests.importer.test_batches import variants

pytestmark = pytest.mark.django_db

on_postgresql = connection.vendor == "postgresql"


def _depth(item: AgendaItem, parents: dict[int, int | None]) -> int:
    depth, parent = 0, item.parent_id
    while parent is not None:
        depth, parent = depth + 1, parents[parent]
    return depth


@pytest.fixture
def inserts(monkeypatch) -> list[tuple[type, int]]:
    """Every non-empty bulk_insert the importer makes from now on: (model, rows)."""
    made = []
    insert = importing.bulk_insert

    def counting(model, rows):
        if rows:
            made.append((model, len(rows)))
        return insert(model, rows)

    monkeypatch.setattr(importing, "bulk_insert", counting)
    return made


def tree_levels(items=None) -> set[tuple[int, int]]:
    """(report, depth) of every stored item (or of ``items``)."""
    items = list(AgendaItem.objects.all() if items is None else items)
    parents = {item.pk: item.parent_id for item in items}
    return {(item.report_id, _depth(item, parents)) for item in items}


def test_a_batch_of_new_files_is_written_with_one_insert_per_table_on_postgresql(texts, inserts):
    with CaptureQueriesContext(connection) as queries:
        run = Importer("test", workers=0).run(variants(texts, 3))
    assert run.files_created == 3
    levels = tree_levels()
    assert max(depth for _, depth in levels) >= 1  # the fixture has sub-items: the case this is about
    item_inserts = [rows for model, rows in inserts if model is AgendaItem]
    assert sum(item_inserts) == AgendaItem.objects.count()
    if on_postgresql:
        assert [model for model, _ in inserts] == [Source, Report, AgendaItem, Statistic]
    else:
        assert len(item_inserts) == len(levels)  # a level at a time: keys come from each insert
    assert savepoints_among_writes(queries.captured_queries) == []  # no file needed one of its own


def savepoints_among_writes(queries: list[dict]) -> list[str]:
    """The SAVEPOINTs between the first write of a source and the last write of a statistic."""
    statements = [query["sql"] for query in queries]
    writes = [n for n, sql in enumerate(statements) if sql.startswith(("INSERT", "COPY"))]
    first = next(n for n in writes if "reports_source" in statements[n])
    last = max(n for n in writes if "reports_statistic" in statements[n])
    return [sql for sql in statements[first:last] if sql.startswith("SAVEPOINT")]


def test_a_file_stored_before_sends_its_batch_file_by_file(texts, inserts):
    files = variants(texts, 3)
    Importer("test", workers=0).run(files[:1])
    files[0].write_text(files[0].read_text(encoding="utf-8") + "\n（修订）\n", encoding="utf-8")
    inserts.clear()
    run = Importer("test", workers=0).run(files)
    assert (run.files_created, run.files_updated) == (2, 1)
    new_reports = Report.objects.exclude(source__name=files[0].name).count()
    new_levels = tree_levels(AgendaItem.objects.exclude(source__name=files[0].name))
    item_inserts = [model for model, _ in inserts if model is AgendaItem]
    # File by file: each new report writes its items, every level at once on PostgreSQL.
    assert len(item_inserts) == (new_reports if on_postgresql else len(new_levels))


def test_a_child_points_at_its_own_parent_whichever_way_items_are_written(texts):
    Importer("test", workers=0).run(variants(texts, 2))
    assert AgendaItem.objects.exclude(parent=None).exists()
    for report in Report.objects.all():
        by_pk = {item.pk: item for item in report.agenda_items.all()}
        for item in by_pk.values():
            if item.parent_id is not None:
                parent = by_pk[item.parent_id]  # in the same report
                assert item.key.startswith(parent.key) and parent.char_start <= item.char_start < parent.char_end
    in_items = Statistic.objects.exclude(agenda_item=None)
    assert in_items.exists() and in_items.filter(agenda_item__report_id=F("report_id")).count() == in_items.count()
