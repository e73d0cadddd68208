"""Build the agenda-item tree of one report.

Tree shape
----------
* A printed *part heading* (2022年工作回顾, 一、2022年工作回顾, 今后一年工作建议,
  过去五年工作体会, a closing 各位代表，… paragraph) is an item at the top of the
  tree: ``key`` is the part's name (``review``, ``plan``, ``other``; a second
  part of the same kind gets ``review-2``, ``other-2`` …), ``parent_key`` is
  None, ``number`` is the part's printed number (``一``) or "".
* Sections and their sub-items hang below their part: ``review/3`` is the
  third section of the review, ``review/3/2`` its second item.
* Text before any printed part heading belongs to an unprinted part (for a
  work plan or opinion: ``plan``; for a work report: ``review``; otherwise
  ``other``). That part is not an item itself: its sections are top-level
  items keyed ``plan/1``, ``plan/2`` … with ``parent_key`` None.
* Work plans and opinions have no parts: everything numbered is ``plan``.

Nesting follows the numbering styles in the order the report first uses
them (一、 before （一） before 1. …), not a fixed order. A marker counts as an
item only when its number follows the previous one of its style (or starts
a list at 1 that goes on to 2), so dates, stray numbers and table-of-contents
lines are not taken. A part with no numbered sections that opens three or
more paragraphs the same way (一年来，我们以… ×4) gets those paragraphs as items.

Headings are found in the repaired text (``normalize``); every span returned
indexes the raw text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import numbering as nb
from .normalize import NormalizedText, normalize
from .parts import (
    AMBIGUOUS,
    OTHER,
    PLAN,
    REVIEW,
    glued_part_heading,
    part_kind,
    resolve,
)
from .records import AgendaItemRecord

_PLAN_TYPES = ("work_plan", "opinion")
_SENTENCE_END = re.compile(r"[。；！？]")
_CLOSING = "closing"
_ANY_PUNCT = re.compile(r"[。；！？，、：,;:!?]")
_SALUTATION = re.compile(r"^(?:各位代表|各位委员|各位同志|同志们)[，！：、]")
_BARE_SALUTATION = re.compile(r"^(?:各位代表|各位委员|各位同志|同志们)[，！：、]?$")
# A signature or date line under a report (某县人大常委会办公室, 2024年1月5日): no heading.
_SIGNATURE = re.compile(r"(?:委员会|常委会|办公室|办公厅|人民政府)$|^\d{4}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?$")
_HEADING_CAP = 60
_LOOSE_HEADING = (6, 30)  # length range of an unnumbered heading line
_LEAD_GROUP = 3  # paragraphs that must share an opening
_LEAD_PREFIX = (4, 16)  # shortest and longest shared opening tried
_SPACES = re.compile(r"\s+")
# A table-of-contents line: dot leaders or a page number after the title.
_TOC_LINE = re.compile(r"(?:\.{3,}|…{2,}|·{3,}|-{3,})\s*\d{1,4}$|\s{2,}\d{1,4}$")


@dataclass
class _Candidate:
    """Something in one line that may open an item or a part (normalised offsets)."""

    kind: str  # "item", "part" or "loose" (an unnumbered heading line)
    start: int
    seg_end: int  # end of the segment holding the heading
    marker: nb.Marker | None = None
    part: str | None = None


@dataclass
class _Node:
    """An item of the tree being built (normalised offsets)."""

    part: str
    start: int
    depth: int
    heading: tuple[int, int]
    number: tuple[int, int] | None = None
    style: str | None = None
    value: int = 0
    parent: _Node | None = None
    key: str = ""
    end: int = 0
    children: list[_Node] = field(default_factory=list)
    printed: bool = True  # False for the unprinted part that holds text before any part heading


def build_outline(text: str, start: int, end: int, *, report_type: str) -> list[AgendaItemRecord]:
    """Return the agenda items of the report ``text[start:end]`` in reading order.

    Reads the raw text of a whole source and the report's span in it; returns
    one record per part heading and numbered item (see the module docstring
    for the tree shape), each with raw ``char_start``/``char_end``.
    """
    norm = normalize(text, start, end)
    candidates = _drop_lonely_firsts(_scan(norm.text, report_type))
    builder = _TreeBuilder(_default_part(report_type))
    for index, candidate in enumerate(candidates):
        builder.add(candidate, candidates, index)
    nodes = builder.nodes
    if report_type == "work_report":
        _add_closing(nodes, norm.text)
        _add_lead_items(nodes, norm.text)
    _set_ends(nodes, len(norm.text))
    return [_record(node, order, text, norm) for order, node in enumerate(nodes, 1)]


def _default_part(report_type: str) -> str:
    """Return the part of text that comes before any printed part heading."""
    if report_type in _PLAN_TYPES:
        return PLAN
    return REVIEW if report_type == "work_report" else OTHER


# --- scanning -----------------------------------------------------------------


def _lines(text: str) -> list[tuple[int, int]]:
    """Return (start, end) of every non-empty line of ``text``."""
    spans, pos = [], 0
    for line in text.split("\n"):
        if line:
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _scan(text: str, report_type: str) -> list[_Candidate]:
    """Return the candidates of every line in reading order.

    The first line is the title (or an adoption note): it may hold an item
    marker but never a part heading.
    """
    parts_on = report_type not in _PLAN_TYPES
    loose_on = report_type == "work_report"
    found: list[_Candidate] = []
    for index, (start, end) in enumerate(_lines(text)):
        line = text[start:end]
        found.extend(_line_candidates(line, start, parts_on and index > 0, loose_on and index > 0))
    return found


def _line_candidates(line: str, offset: int, parts_on: bool, loose_on: bool) -> list[_Candidate]:
    """Return the candidates in one line, ``offset`` being its position in the text."""
    end = offset + len(line)
    # A TOC line ends in its page number (\d, i.e. isdecimal); testing that
    # first spares running the pattern over every paragraph.
    if line[-1:].isdecimal() and _TOC_LINE.search(line):
        return []
    marker = nb.find_marker(line)
    if parts_on:
        part = _part_candidates(line, offset, marker)
        if part:
            return part
    found = []
    if marker:
        sub = nb.inline_sub_item(line, marker)
        seg_end = offset + sub if sub else end
        found.append(_Candidate("item", offset, seg_end, marker))
        if sub:
            found.append(_Candidate("item", offset + sub, end, nb.find_marker(line[sub:])))
    elif loose_on and _is_loose_heading(line):
        found.append(_Candidate("loose", offset, end))
    found.extend(_glued_tail(line, offset, parts_on))
    return found


def _part_candidates(line: str, offset: int, marker: nb.Marker | None) -> list[_Candidate]:
    """Return a part candidate when the line is a part heading, numbered or not.

    A sub-item glued after the heading (一、2023年工作回顾（一）坚持…) follows it
    as an item candidate.
    """
    if marker is not None and marker.style != nb.SECTION:
        return []
    sub = nb.inline_sub_item(line, marker)
    core_end = sub if sub else len(line)
    kind = part_kind(line[marker.content_start if marker else 0 : core_end])
    if kind is None:
        return []
    found = [_Candidate("part", offset, offset + core_end, marker, kind)]
    if sub:
        found.append(_Candidate("item", offset + sub, offset + len(line), nb.find_marker(line[sub:])))
    return found


def _glued_tail(line: str, offset: int, parts_on: bool) -> list[_Candidate]:
    """Return a part or section heading glued after the last sentence of ``line``."""
    end = offset + len(line)
    at = glued_part_heading(line) if parts_on else None
    if at is not None:
        return [_Candidate("part", offset + at, end, None, part_kind(line[at:]))]
    at = nb.glued_tail_marker(line)
    if at is not None:
        return [_Candidate("item", offset + at, end, nb.find_marker(line[at:]))]
    return []


def _is_loose_heading(line: str) -> bool:
    """True for a short line without punctuation that is no salutation: an unnumbered heading."""
    low, high = _LOOSE_HEADING
    return (
        low <= len(line) <= high
        and not _ANY_PUNCT.search(line)
        and not _SALUTATION.match(line)
        and not _SIGNATURE.search(line)
    )


def _drop_lonely_firsts(candidates: list[_Candidate]) -> list[_Candidate]:
    """Drop item markers numbered 1 that no 2 of the same style follows.

    A list has at least two entries; a lone "一是…" or "1." opening a
    paragraph is part of the running text. The 2 must come before the next
    part heading and before the style restarts at 1.
    """
    keep = []
    for index, cand in enumerate(candidates):
        if cand.kind == "item" and cand.marker.value == 1 and not _has_second(candidates, index):
            continue
        keep.append(cand)
    return keep


def _has_second(candidates: list[_Candidate], index: int) -> bool:
    """True when the list opened by ``candidates[index]`` goes on to a second entry."""
    style = candidates[index].marker.style
    for cand in candidates[index + 1 :]:
        if cand.kind == "part":
            return False
        if cand.kind == "item" and cand.marker.style == style:
            return cand.marker.value in (2, nb.LAST)
    return False


# --- assembling ---------------------------------------------------------------


class _TreeBuilder:
    """Turns candidates into nodes, keeping the path of open items in a stack."""

    def __init__(self, default_part: str) -> None:
        self.root = _Node(default_part, 0, 0, (0, 0), key=default_part, printed=False)
        self.nodes: list[_Node] = []
        self.stack: list[_Node] = [self.root]
        self.ranks: dict[str, int] = {}
        self.last_value: dict[str, int] = {}
        self.part_counts: dict[str, int] = {}
        self.part_style: str | None = None
        self.part_value = 0

    def add(self, cand: _Candidate, candidates: list[_Candidate], index: int) -> None:
        """Place ``cand`` (``candidates[index]``), or ignore it when its numbering does not fit.

        The candidates after it decide whether an unnumbered heading opens a part.
        """
        if cand.kind == "part" and self._is_section_of_open_part(cand):
            self._add_item(cand)
        elif cand.kind == "part":
            self._open_part(cand, cand.part)
        elif cand.kind == "loose":
            if self.nodes and not self._list_goes_on(candidates, index):
                self._open_part(cand, OTHER)
        elif self.part_style and cand.marker.style == self.part_style:
            if cand.marker.value == self.part_value + 1:
                # Scan classified the review/plan headings; a further
                # top-level number is a part of its own (e.g. advice to members).
                self._open_part(cand, OTHER)
        else:
            self._add_item(cand)

    def _is_section_of_open_part(self, cand: _Candidate) -> bool:
        """True when a numbered part-like heading is a section of the part open now.

        Under an unnumbered part heading (2024年工作安排), 一、2024年总体要求 and
        二、2024年重点任务 are its sections unless they name the other kind of part.
        """
        current = self.stack[0]
        if cand.marker is None or self.part_style is not None or not current.printed:
            return False
        kind = cand.part if cand.part != AMBIGUOUS else current.part
        return kind == current.part

    def _list_goes_on(self, candidates: list[_Candidate], index: int) -> bool:
        """True when the next numbered item continues a list that is open now.

        An unnumbered heading followed by 二、 (with 一、 open) is a sub-heading
        inside a section, not a new part.
        """
        nxt = next((c for c in candidates[index + 1 :] if c.kind != "loose"), None)
        if nxt is None or nxt.kind != "item" or nxt.marker.value == 1:
            return False
        return any(node.style == nxt.marker.style for node in self.stack[1:])

    def _open_part(self, cand: _Candidate, kind: str) -> None:
        """Start a top-level part item; its key is its kind, numbered from the second of a kind."""
        seen = set(self.part_counts)
        if self.root.children:
            seen.add(self.root.part)
        kind = resolve(kind, seen)
        count = self.part_counts.get(kind, 0) + (1 if self.root.children and self.root.part == kind else 0)
        self.part_counts[kind] = self.part_counts.get(kind, 0) + 1
        key = kind if count == 0 else f"{kind}-{count + 1}"
        node = _Node(kind, cand.start, 0, _heading_span(cand, None), key=key)
        if cand.marker:
            node.number = _number_span(cand)
            self.part_style, self.part_value = cand.marker.style, cand.marker.value
        self.nodes.append(node)
        self.stack = [node]
        self.last_value = {}

    def _add_item(self, cand: _Candidate) -> None:
        """Hang a numbered item under the nearest open item of a higher-ranked style."""
        marker = cand.marker
        if not self._in_sequence(marker):
            return
        self.ranks.setdefault(marker.style, len(self.ranks))
        rank = self.ranks[marker.style]
        while len(self.stack) > 1 and self.ranks[self.stack[-1].style] >= rank:
            self.stack.pop()
        parent = self.stack[-1]
        value = marker.value if marker.value != nb.LAST else self.last_value.get(marker.style, 0) + 1
        node = _Node(parent.part, cand.start, len(self.stack), _heading_span(cand, marker))
        node.number, node.style, node.value, node.parent = (
            _number_span(cand),
            marker.style,
            value,
            parent,
        )
        parent.children.append(node)
        node.key = f"{parent.key}/{len(parent.children)}"
        self.last_value[marker.style] = value
        self.nodes.append(node)
        self.stack.append(node)

    def _in_sequence(self, marker: nb.Marker) -> bool:
        """True when ``marker``'s number continues its style's list or starts one."""
        sibling = next((n for n in reversed(self.stack[1:]) if n.style == marker.style), None)
        previous = sibling.value if sibling else self.last_value.get(marker.style)
        if marker.value == 1:
            return True
        if previous is None:
            return False
        return marker.value == nb.LAST or marker.value == previous + 1


def _number_span(cand: _Candidate) -> tuple[int, int]:
    return cand.start + cand.marker.number_start, cand.start + cand.marker.number_end


def _heading_span(cand: _Candidate, marker: nb.Marker | None) -> tuple[int, int]:
    """Return the normalised span that holds a candidate's heading.

    That is its segment after the number; ``_heading`` cuts it at the first
    。；！？ when the item's text runs on in the same line.
    """
    start = cand.start + (cand.marker.content_start if cand.marker else 0)
    return start, cand.seg_end


def _add_closing(nodes: list[_Node], text: str) -> None:
    """Add the closing paragraph (各位代表，… 让我们…) as an ``other`` part when it ends the report."""
    lines = _lines(text)
    if not lines or not nodes:
        return
    start, end = lines[-1]
    if len(lines) > 1 and _BARE_SALUTATION.match(text[slice(*lines[-2])]):
        start = lines[-2][0]  # 各位代表！ alone on a line above the closing paragraph
    if start <= nodes[-1].start or not _SALUTATION.match(text[start:end]):
        return
    count = sum(1 for n in nodes if n.depth == 0 and n.part == OTHER)
    key = OTHER if count == 0 else f"{OTHER}-{count + 1}"
    nodes.append(_Node(OTHER, start, 0, (start, end), style=_CLOSING, key=key))


def _add_lead_items(nodes: list[_Node], text: str) -> None:
    """Give review and plan parts without numbered sections their parallel lead paragraphs as items."""
    parts = [n for n in nodes if n.depth == 0]
    for index, part in enumerate(parts):
        if part.part not in (REVIEW, PLAN) or part.children:
            continue
        limit = parts[index + 1].start if index + 1 < len(parts) else len(text)
        paragraphs = [(s, e) for s, e in _lines(text) if part.heading[1] <= s < limit and s > part.start]
        for start, end in _lead_group(paragraphs, text):
            node = _Node(part.part, start, 1, (start, end), parent=part)
            part.children.append(node)
            node.key = f"{part.key}/{len(part.children)}"
            nodes.insert(nodes.index(part) + len(part.children), node)


def _lead_group(paragraphs: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Return the largest set of at least three paragraphs that open with the same words."""
    shortest, longest = _LEAD_PREFIX
    for size in range(longest, shortest - 1, -1):
        groups: dict[str, list[tuple[int, int]]] = {}
        for start, end in paragraphs:
            if end - start > size and not _SENTENCE_END.search(text, start, start + size):
                groups.setdefault(text[start : start + size], []).append((start, end))
        best = max(groups.values(), key=len, default=[])
        if len(best) >= _LEAD_GROUP:
            return best
    return []


def _set_ends(nodes: list[_Node], total: int) -> None:
    """Each node ends where the next node at its depth or above begins."""
    open_nodes: list[_Node] = []
    for node in nodes:
        while open_nodes and open_nodes[-1].depth >= node.depth:
            open_nodes.pop().end = node.start
        open_nodes.append(node)
    for node in open_nodes:
        node.end = total


# --- records ------------------------------------------------------------------


def _record(node: _Node, order: int, text: str, norm: NormalizedText) -> AgendaItemRecord:
    """Turn a node into a record whose offsets and text come from the raw text."""
    start, end = _trimmed(text, *norm.raw_span(node.start, node.end))
    number = text[slice(*norm.raw_span(*node.number))] if node.number else ""
    parent = node.parent.key if node.parent is not None and node.parent.printed else None
    return AgendaItemRecord(
        key=node.key,
        parent_key=parent,
        part=node.part,
        number=_squash(number).strip("、．.，："),
        order=order,
        heading=_heading(node, text, norm),
        text=text[start:end],
        char_start=start,
        char_end=end,
    )


def _heading(node: _Node, text: str, norm: NormalizedText) -> str:
    """Return the node's short heading from the raw text, line breaks and stray spaces removed."""
    start, end = node.heading
    stop = _SENTENCE_END.search(norm.text, start, end)
    if node.style == _CLOSING:
        # Skip the salutation's own 各位代表！ before looking for the sentence end.
        opening = _SALUTATION.match(norm.text[start:end])
        stop = _SENTENCE_END.search(norm.text, start + (opening.end() if opening else 0), end)
    if stop:
        end = stop.start()
    raw = _squash(text[slice(*norm.raw_span(start, end))])
    if not stop and len(raw) > _HEADING_CAP:
        comma = re.search(r"[，,]", raw[8:])
        raw = raw[: 8 + comma.start()] if comma else raw[:_HEADING_CAP]
    return raw.rstrip("：:，,")


def _squash(raw: str) -> str:
    """Drop line breaks and spaces that sit next to a Chinese character."""
    return _SPACES.sub(lambda m: " " if _latin_both_sides(raw, m) else "", raw).strip()


def _latin_both_sides(raw: str, match: re.Match) -> bool:
    before = raw[match.start() - 1] if match.start() else ""
    after = raw[match.end()] if match.end() < len(raw) else ""
    return before.isascii() and after.isascii() and before.isalnum() and after.isalnum()


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a raw span so it neither starts nor ends with whitespace."""
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end
