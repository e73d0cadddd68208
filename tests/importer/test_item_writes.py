"""A report's new agenda items: made one tree level at a time, written by one COPY where keys are drawn ahead."""

import pytest
from django.db import connection

from reports import importing
from reports.importer import Importer
from reports.models import AgendaItem, Report
from tests.importer.test_batches import variants

pytestmark = pytest.mark.django_db


def _depth(item: AgendaItem, parents: dict[int, int | None]) -> int:
    depth, parent = 0, item.parent_id
    while parent is not None:
        depth, parent = depth + 1, parents[parent]
    return depth


def test_every_level_of_a_report_is_written_by_one_insert_on_postgresql(texts, monkeypatch):
    inserted = []
    insert = importing.bulk_insert

    def counting(model, rows):
        if model is AgendaItem and rows:
            inserted.append(len(rows))
        return insert(model, rows)

    monkeypatch.setattr(importing, "bulk_insert", counting)
    Importer("test", workers=0).run(variants(texts, 2))
    items = list(AgendaItem.objects.all())
    parents = {item.pk: item.parent_id for item in items}
    levels = {(item.report_id, _depth(item, parents)) for item in items}
    reports_with_items = {item.report_id for item in items}
    assert max(depth for _, depth in levels) >= 1  # the fixture has sub-items: the case this is about
    expected = len(reports_with_items) if connection.vendor == "postgresql" else len(levels)
    assert len(inserted) == expected and sum(inserted) == len(items)


def test_a_child_points_at_its_own_parent_whichever_way_items_are_written(texts):
    Importer("test", workers=0).run(variants(texts, 1))
    for report in Report.objects.all():
        by_pk = {item.pk: item for item in report.agenda_items.all()}
        for item in by_pk.values():
            if item.parent_id is not None:
                parent = by_pk[item.parent_id]  # in the same report
                assert item.key.startswith(parent.key) and parent.char_start <= item.char_start < parent.char_end
