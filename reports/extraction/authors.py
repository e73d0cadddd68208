"""Bylines to bodies: 市人大常委会办公厅, 徐汇区人大常委会, 市人大代表、…院长 张三.

An office of a standing committee becomes kind ``npc_office`` with the
committee as ``parent_name``; a standing committee becomes ``npc_sc``; a
deputy becomes kind ``deputy`` whose parent is the congress that elected them.
A bare level word (市, 区) means the place the document is about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import regions
from .bodies import level_from_suffix, official_name, seat_name
from .records import BodyRecord

_SC = r"(?:人大常委会|人民代表大会常务委员会)"
ORG_AUTHOR = re.compile(rf"^(?P<place>[\u4e00-\u9fff]{{0,12}}?){_SC}(?P<office>[\u4e00-\u9fff]{{0,24}})$")
PERSON_AUTHOR = re.compile(r"^(?:文\s*[/／]\s*)?(?P<roles>[^\s。]{2,40}?)\s+(?P<name>[\u4e00-\u9fff·]{2,5})$")
_ROLE_WORDS = re.compile(r"代表|委员|主任|院长|教授|研究员|书记|局长|处长|秘书长|主席|会长|记者|本刊")
_DEPUTY = re.compile(r"^(?P<place>[\u4e00-\u9fff]{0,12}?)人大代表")
_LEVEL_WORDS = ("省", "市", "区", "县", "州", "自治区", "自治州", "旗", "盟", "")

# Official long forms of office names that bylines shorten.
_OFFICE_FORMS = (
    ("教科文卫", "教育科学文化卫生"),
    ("城建环保", "城市建设环境保护"),
    ("民宗侨外", "民族宗教侨务外事"),
    ("监司", "监察和司法"),
    ("财经办", "财政经济办公室"),
    ("法工委", "法制工作委员会"),
    ("预工委", "预算工作委员会"),
    ("代表工委", "代表工作委员会"),
)


@dataclass(frozen=True)
class Seat:
    """Where the document's bare level words point: a resolved region, if any."""

    region: regions.Region | None
    year: int | None = None
    context: tuple[str, ...] = ()


def is_author_line(text: str) -> bool:
    """True when a short line reads as a byline (an organ or a person with a role)."""
    if len(text) > 45 or re.search(r"[。；;！!？?]", text):
        return False
    if ORG_AUTHOR.match(text):
        return True
    person = PERSON_AUTHOR.match(text)
    return bool(person and _ROLE_WORDS.search(person.group("roles")))


def expand_office(office: str) -> str:
    """Return an office name in its long official form (教科文卫办公室 → 教育科学文化卫生办公室)."""
    for short, long in _OFFICE_FORMS:
        if short in office and long not in office:
            office = office.replace(short, long)
    return office


def author_body(text: str, seat: Seat) -> BodyRecord | None:
    """Return the body a byline names, or None for a person who is not a deputy."""
    org = ORG_AUTHOR.match(text)
    if org:
        committee = _committee(org.group("place"), seat)
        office = expand_office(org.group("office"))
        if not office:
            return committee
        return BodyRecord(
            committee.name + office,
            "npc_office",
            committee.level,
            committee.region_code,
            committee.region_name,
            parent_name=committee.name,
        )
    person = PERSON_AUTHOR.match(text)
    if person:
        deputy = _DEPUTY.match(person.group("roles"))
        if deputy:
            congress = _committee(deputy.group("place"), seat, kind="npc")
            return BodyRecord(
                person.group("name"),
                "deputy",
                congress.level,
                congress.region_code,
                congress.region_name,
                parent_name=congress.name,
            )
    return None


def _committee(place: str, seat: Seat, kind: str = "npc_sc") -> BodyRecord:
    """The standing committee (or congress) of ``place``; a bare level word means the seat."""
    if place == "全国":
        return BodyRecord(official_name(kind, "全国"), kind, "national")
    region = None
    if place in _LEVEL_WORDS:
        region = seat.region if seat.region and seat.region.name.endswith(place) else None
    else:
        region = regions.resolve(place, seat.year, seat.context)
    if region is None:
        written = place if place not in _LEVEL_WORDS else ""
        return BodyRecord(official_name(kind, written), kind, level_from_suffix(written or "市"))
    return BodyRecord(
        official_name(kind, seat_name(region)),
        kind,
        region.level,
        region.code,
        region.path,
    )
