"""An indicator's series: one row per body and year, conflicts flagged, never summed."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

SERIES_COLUMNS = (
    "id",
    "report_id",
    "body_id",
    "body__name",
    "body__kind",
    "body__region_id",
    "year",
    "value",
    "value_max",
    "qualifier",
    "unit",
)


def _reading(stat: dict) -> tuple:
    """What a statistic says, ignoring where it was said."""
    return (stat["value"], stat["value_max"], stat["qualifier"], stat["unit"])


def _row(group: list[dict]) -> dict:
    """One series row from the statistics of one body and year."""
    first = group[0]
    conflict = len({_reading(s) for s in group}) > 1
    agreed = None if conflict else first
    return {
        "body": first["body_id"],
        "body_name": first["body__name"],
        "body_kind": first["body__kind"],
        "region": first["body__region_id"],
        "year": first["year"],
        "value": agreed and agreed["value"],
        "value_max": agreed and agreed["value_max"],
        "qualifier": agreed and agreed["qualifier"],
        "unit": agreed and agreed["unit"],
        "conflict": conflict,
        "values": [
            {
                "statistic": s["id"],
                "report": s["report_id"],
                "value": s["value"],
                "value_max": s["value_max"],
                "qualifier": s["qualifier"],
                "unit": s["unit"],
            }
            for s in group
        ],
        "statistics": [s["id"] for s in group],
    }


def build_series(statistics: Iterable[dict]) -> list[dict]:
    """Group statistics (dicts with SERIES_COLUMNS, sorted by body then year) into rows."""
    rows, group, key = [], [], None
    for stat in statistics:
        if group and (stat["body_id"], stat["year"]) != key:
            rows.append(_row(group))
            group = []
        key = (stat["body_id"], stat["year"])
        group.append(stat)
    if group:
        rows.append(_row(group))
    return rows


# What SeriesRows reads: the series columns, then updated_at (for Last-Modified).
SERIES_FETCH = (*SERIES_COLUMNS, "updated_at")
_BODY, _YEAR = SERIES_COLUMNS.index("body_id"), SERIES_COLUMNS.index("year")


class SeriesRows(Sequence):
    """``build_series`` of statistics given as tuples of SERIES_FETCH, built lazily: a page's rows only.

    Grouping the tuples by body and year is cheap; building a row (dicts, conflicts) is not, and
    a page shows 50 of possibly hundreds. ``len`` is the number of rows, as for ``build_series``;
    ``newest`` is the newest ``updated_at`` of all the statistics (None when there are none).
    """

    def __init__(self, statistics: Iterable[tuple]):
        self._groups: list[list[tuple]] = []
        self.newest = None
        key = None
        for stat in statistics:
            if self.newest is None or stat[-1] > self.newest:
                self.newest = stat[-1]
            if (stat[_BODY], stat[_YEAR]) != key or not self._groups:
                key = (stat[_BODY], stat[_YEAR])
                self._groups.append([])
            self._groups[-1].append(stat)

    def __len__(self) -> int:
        return len(self._groups)

    @staticmethod
    def _build(group: list[tuple]) -> dict:
        # Rows carry trailing grouping columns beyond SERIES_COLUMNS; zip stops at the named ones.
        return _row([dict(zip(SERIES_COLUMNS, stat, strict=False)) for stat in group])

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self._build(group) for group in self._groups[index]]
        return self._build(self._groups[index])
