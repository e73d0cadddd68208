"""Body names: what a title or byline names, its kind, level and official name.

Reads strings such as 大庆市人民代表大会常务委员会, 黄山市人大常委会,
政协宜宾市第十五届委员会常务委员会, 无锡市政协十五届常委会, 绵阳市委员会常务委员会
(ambiguous: kind decided from content), 全国人民代表大会常务委员会 and returns a
``BodyName``; ``body_record`` turns it into a BodyRecord with a resolved region.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import regions
from .records import BodyRecord, ExtractionWarning
from .years import chinese_int

_TERM = re.compile(r"第?[一二三四五六七八九十\d]{1,3}届")
_CPPCC_PREFIX = re.compile(r"^(?:中国人民政治协商会议|政协)")
_NPC_SUFFIX = re.compile(r"(?:人民代表大会常务委员会|人大常委会)$")
_CPPCC_SUFFIX = re.compile(r"(?:委员会常务委员会|委员会常委会|政协常委会|政协常务委员会)$")
_PLAIN_SC_SUFFIX = re.compile(r"(?:常务委员会|常委会)$")
NATIONAL = "全国"

# Content evidence for 人大 vs 政协 when a title names neither (绵阳市委员会常务委员会).
_CPPCC_WORDS = {
    "各位委员": 5,
    "政协": 2,
    "提案": 1,
    "界别": 2,
    "社情民意": 2,
    "协商": 0.5,
    "委员": 0.2,
}
_NPC_WORDS = {
    "各位代表": 5,
    "人大": 2,
    "法规": 1,
    "代表议案": 2,
    "执法检查": 2,
    "人民代表大会": 1,
}


@dataclass(frozen=True)
class BodyName:
    """A body name taken apart: its place words, kind (None when ambiguous) and term."""

    place: str  # as written: 大庆市, 上海市徐汇区, 全国, "" when unnamed
    kind: str | None  # npc_sc, cppcc_sc, or None when the words fit both
    term: int | None


def parse_body_name(text: str) -> BodyName | None:
    """Return the parts of a standing-committee name, or None when ``text`` is not one."""
    cppcc = bool(_CPPCC_PREFIX.search(text)) or "政协" in text
    term_match = _TERM.search(text)
    term = chinese_int(term_match.group(0).strip("第届")) if term_match else None
    core = _CPPCC_PREFIX.sub("", _TERM.sub("", text)).replace("政协", "")
    if _NPC_SUFFIX.search(core) and not cppcc:
        return BodyName(_NPC_SUFFIX.sub("", core), "npc_sc", term)
    if _CPPCC_SUFFIX.search(core) or (cppcc and _PLAIN_SC_SUFFIX.search(core)):
        place = re.sub(r"(?:委员会)?(?:常务委员会|常委会)$", "", core)
        return BodyName(place, "cppcc_sc" if cppcc else None, term)
    return None


def assembly_kind_from_content(text: str) -> str:
    """Return npc_sc or cppcc_sc for a report whose title names neither, from its wording.

    The salutation and the mandate sentence of the opening lines decide first
    (各位委员 / 我代表政协 vs 各位代表 / 人大常委会委托); word counts break ties.
    """
    opening = text[:300]
    if re.search(r"各位委员|代表政协|受政协|政协[^。]{0,20}委托", opening):
        return "cppcc_sc"
    if re.search(r"各位代表|人大常委会委托|人民代表大会常务委员会委托", opening):
        return "npc_sc"
    cppcc = sum(text.count(word) * weight for word, weight in _CPPCC_WORDS.items())
    npc = sum(text.count(word) * weight for word, weight in _NPC_WORDS.items())
    return "cppcc_sc" if cppcc > npc else "npc_sc"


def official_name(kind: str, place: str) -> str:
    """Return the full official name of a standing committee seated in ``place``."""
    if kind == "cppcc_sc":
        return f"中国人民政治协商会议{place}委员会常务委员会"
    if kind == "cppcc":
        return f"中国人民政治协商会议{place}委员会"
    if kind == "npc":
        return f"{place}人民代表大会"
    return f"{place}人民代表大会常务委员会"


def level_from_suffix(place: str) -> str:
    """Guess a body level from how a place name ends, for places cnloc cannot resolve."""
    if place == NATIONAL:
        return "national"
    if place.endswith(("省", "自治区")):
        return "provincial"
    if place.endswith(("州", "盟", "地区", "市")):
        return "prefecture"
    if place.endswith("区"):
        return "district"
    if place.endswith(("乡", "镇", "街道")):
        return "township"
    return "county"


def seat_name(region: regions.Region) -> str:
    """Return the place words an official name uses for ``region``.

    Districts carry their city (上海市徐汇区); other levels use their own name,
    which also expands short forms (昌吉州 → 昌吉回族自治州).
    """
    if region.level == "district":
        return (region.city_name or region.province_name) + region.name
    return region.name


def body_record(
    kind: str,
    place: str,
    year: int | None,
    context: tuple[str, ...] = (),
    warnings: list[ExtractionWarning] | None = None,
    char_start: int | None = None,
) -> BodyRecord:
    """Return the BodyRecord of a ``kind`` body seated in ``place`` as written.

    Resolves the place through cnloc (``context`` settles shared names). When
    it cannot be resolved, appends a ``region_unresolved`` warning.
    """
    if place == NATIONAL:
        return BodyRecord(official_name(kind, NATIONAL), kind, "national")
    region = regions.resolve(place, year, context) if place else None
    if region is None:
        if warnings is not None:
            what = place or "unnamed place"
            warnings.append(ExtractionWarning("region_unresolved", f"region of {what} not resolved", char_start))
        return BodyRecord(official_name(kind, place), kind, level_from_suffix(place or "区"))
    seat = seat_name(region)
    return BodyRecord(official_name(kind, seat), kind, region.level, region.code, region.path)
