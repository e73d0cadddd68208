"""Keep the Indicator table equal to the catalogue in reports.extraction.taxonomy."""

from __future__ import annotations

from .extraction.taxonomy import INDICATORS


def sync_indicators(indicator_model) -> int:
    """Create or update one row per catalogue entry; return how many rows changed.

    Takes the model as an argument so a migration can pass its historical model.
    """
    changed = 0
    existing = {row.code: row for row in indicator_model.objects.all()}  # one query when nothing changed
    missing = []
    for entry in INDICATORS:
        values = {
            "name": entry.name_zh,
            "name_en": entry.name_en,
            "unit": entry.unit,
            "body_kind": entry.body_kind,
            "description": entry.description,
        }
        row = existing.get(entry.code)
        if row is None:
            missing.append(indicator_model(code=entry.code, **values))
        elif any(getattr(row, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(row, name, value)
            row.save()
            changed += 1
    # Two imports starting at once may both find a code missing: the second insert is skipped.
    indicator_model.objects.bulk_create(missing, ignore_conflicts=True)
    return changed + len(missing)
