"""reports.editing: which fields an editor's save records, and when a statistic becomes corrected."""

import pytest

from reports.editing import mark_edited, mark_statistic_corrected, model_field_names, trackable_fields
from reports.models import Body, Statistic


class Row:
    edited_fields = None
    review_status = "unreviewed"


@pytest.mark.parametrize(
    ("before", "names", "after", "added"),
    [
        (None, ["value"], ["value"], ["value"]),
        ([], ["value", "unit", "value"], ["value", "unit"], ["value", "unit"]),
        (["value"], ["unit", "value"], ["value", "unit"], ["unit"]),
        (["label"], [], ["label"], []),
        ([], ["edited_fields", "review_status", "updated_at"], [], []),
    ],
)
def test_mark_edited_adds_without_duplicates(before, names, after, added):
    row = Row()
    row.edited_fields = before
    assert mark_edited(row, names) == added
    assert row.edited_fields == after


def test_model_field_names_keeps_model_fields_only():
    names = ["value", "evidence", "review_status", "body", "edited_fields", "char_start"]
    assert model_field_names(Statistic, names) == ["value", "body", "char_start"]


def test_trackable_fields_leave_out_bookkeeping():
    fields = trackable_fields(Body)
    assert {"name", "kind", "level", "region", "parent", "key"} <= set(fields)
    assert not {"id", "edited_fields", "created_at", "updated_at"} & set(fields)


@pytest.mark.parametrize(
    ("names", "status_set", "expected"),
    [
        (["value"], False, "corrected"),
        (["indicator", "unit"], False, "corrected"),
        (["value"], True, "unreviewed"),  # the editor chose a status: theirs wins
        ([], False, "unreviewed"),
    ],
)
def test_mark_statistic_corrected(names, status_set, expected):
    row = Row()
    mark_statistic_corrected(row, names, status_set_by_editor=status_set)
    assert row.review_status == expected
