"""Recording what an editor changed, so re-imports keep the editor's values.

The contract with the importer (``reports.importing``): a record's
``edited_fields`` lists *model field names* (``value``, ``body`` — never
``body_id``) that an editor set by hand. A re-import leaves those fields as
they are and records an ``ImportConflict`` when it extracts something else.
A statistic with ``review_status == "rejected"`` is never recreated.

Plain functions, no admin or request objects, so the importer, a shell or a
data migration can use them too.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models

# Bookkeeping that is never an editor's correction of extracted data.
NOT_TRACKED = frozenset({"id", "edited_fields", "review_status", "created_at", "updated_at"})

# Statistic fields whose change makes the statistic "corrected".
STATISTIC_VALUE_FIELDS = frozenset(
    {
        "indicator",
        "label",
        "value",
        "value_max",
        "qualifier",
        "unit",
        "period",
        "part",
        "year",
        "per_unit",
        "number_text",
        "body",
        "agenda_item",
        "char_start",
        "char_end",
    }
)


def trackable_fields(model: type[models.Model]) -> list[str]:
    """Names of the concrete, editable fields of ``model`` that ``edited_fields`` may list."""
    return [
        field.name
        for field in model._meta.concrete_fields
        if field.editable and not field.primary_key and field.name not in NOT_TRACKED
    ]


def model_field_names(model: type[models.Model], form_field_names: Iterable[str]) -> list[str]:
    """The trackable model field names among ``form_field_names`` (e.g. a form's ``changed_data``), in order."""
    trackable = set(trackable_fields(model))
    return [name for name in form_field_names if name in trackable]


def mark_edited(obj: models.Model, field_names: Iterable[str]) -> list[str]:
    """Add ``field_names`` to ``obj.edited_fields`` (no duplicates, order kept); return the names newly added.

    Only sets the attribute: the caller saves ``obj``.
    """
    current = list(obj.edited_fields or [])
    added = [name for name in dict.fromkeys(field_names) if name not in current and name not in NOT_TRACKED]
    obj.edited_fields = current + added
    return added


def mark_statistic_corrected(statistic: models.Model, field_names: Iterable[str], status_set_by_editor: bool) -> bool:
    """Set ``review_status = corrected`` when a value field changed and the editor chose no status; return whether set."""
    if status_set_by_editor or not STATISTIC_VALUE_FIELDS.intersection(field_names):
        return False
    statistic.review_status = "corrected"
    return True
