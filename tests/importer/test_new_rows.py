"""The importer builds new rows by position (reports/importing.py, ``_new_row``): the same rows as keywords give."""

from decimal import Decimal

import pytest
from django.db import models

from reports.importing import _new_row
from reports.models import AgendaItem, Report, Statistic


def _columns(row: models.Model) -> dict:
    return {field.attname: getattr(row, field.attname) for field in row._meta.concrete_fields}


STATISTIC = {
    "key": "review/1/s1",
    "report_id": 7,
    "body_id": 3,
    "source_id": 5,
    "agenda_item_id": None,
    "indicator_id": "meetings",
    "label": "召开常委会会议",
    "value": Decimal("6"),
    "value_max": None,
    "qualifier": "exact",
    "unit": "次",
    "period": "year",
    "part": "review",
    "year": 2023,
    "per_unit": False,
    "number_text": "6",
    "char_start": 10,
    "char_end": 14,
}


@pytest.mark.parametrize(
    ("model", "values"),
    [
        (Statistic, STATISTIC),
        (AgendaItem, {"key": "review/1", "report_id": 7, "parent_id": None, "source_id": 5, "heading": "立法"}),
        (Report, {"key": "r1", "source_id": 5, "body_id": None, "title": "工作报告", "review_year": 2023}),
    ],
)
def test_a_row_by_position_has_every_column_a_row_by_keyword_has(model, values):
    assert _columns(_new_row(model, values)) == _columns(model(**values))


def test_defaults_are_made_afresh_for_every_row():
    first, second = _new_row(Statistic, STATISTIC), _new_row(Statistic, STATISTIC)
    assert first.edited_fields == [] and first.edited_fields is not second.edited_fields
    assert first.review_status == Statistic.ReviewStatus.UNREVIEWED


def test_a_value_for_no_column_is_refused_not_dropped():
    with pytest.raises(TypeError, match="'report'"):
        _new_row(Statistic, {**STATISTIC, "report": object()})
