"""Item markers at the start of a line: 一、 （一） 1. （1） ① 一是 一要 第一， 首先，.

Functions here read one line of *normalised* text (see ``normalize``: ASCII
punctuation folded to full-width, digits ASCII, no indentation) and return
what numbering it starts with. Whether a marker really opens an item (and
where it sits in the tree) is decided by the outliner, which checks that
numbers run in sequence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .numbers import CN_DIGITS

_CN = "[一二三四五六七八九十]{1,3}"

# Styles, named by how their first item is printed.
SECTION = "一、"
PAREN_CN = "(一)"
ARABIC = "1."
PAREN_ARABIC = "(1)"
CIRCLED = "①"
SHI = "一是"
YAO = "一要"
DI = "第一"
LEAD = "首先"

# (style, pattern). Group "num" is the number as printed, group "val" its value.
_PATTERNS = (
    (SECTION, re.compile(rf"^(?P<num>(?P<val>{_CN}))(?:、|[．.](?!\d))")),
    (PAREN_CN, re.compile(rf"^(?P<num>（(?P<val>{_CN})）)")),
    (ARABIC, re.compile(r"^(?P<num>(?P<val>\d{1,2}))(?:[.．](?![\d%])|、)")),
    (PAREN_ARABIC, re.compile(r"^(?P<num>（(?P<val>\d{1,2})）)")),
    (CIRCLED, re.compile(r"^(?P<num>(?P<val>[①-⑳]))")),
    (SHI, re.compile(rf"^(?P<num>(?P<val>{_CN})是)(?=[^，、。；])")),
    (YAO, re.compile(rf"^(?P<num>(?P<val>{_CN})要)(?=[^，、。；求])")),
    (DI, re.compile(rf"^(?P<num>第(?P<val>{_CN}))[，、：]")),
    (LEAD, re.compile(r"^(?P<num>(?P<val>首先|其次|再次|最后))[，、：]")),
)
_LEAD_VALUES = {"首先": 1, "其次": 2, "再次": 3}
LAST = -1  # value of 最后: follows whatever came before

# A sub-item marker that shares a physical line with its section heading:
# "一、加强党的领导 1.健全制度。…" (the heading has no sentence punctuation).
# A bracketed marker may also be glued to the heading: "一、坚持党的领导（一）加强政治建设。…".
_INLINE_SUB = re.compile(
    r"[ \t\u3000]+(?=(?:\d{1,2}[.．](?![\d%])|（[一二三四五六七八九十\d]{1,3}）)\S)"
    r"|(?<=[\u4e00-\u9fff])(?=（[一二三四五六七八九十\d]{1,3}）[\u4e00-\u9fff])"
)
_SENTENCE_END = re.compile(r"[。；！？]")
# A numbered heading glued to the end of the previous paragraph:
# "…取得新成效。二、加强自身建设" (short, no punctuation after the number).
_GLUED_TAIL = re.compile(rf"(?<=[。！？])(?=(?:{_CN}、|（{_CN}）)[^。！？；，、：]{{2,30}}$)")


@dataclass(frozen=True)
class Marker:
    """A numbering marker found at the start of a line (offsets within that line)."""

    style: str
    value: int  # 1-based; LAST for 最后
    number_start: int  # the number as printed: line[number_start:number_end]
    number_end: int
    content_start: int  # where the item's own words begin


def cn_value(numeral: str) -> int:
    """Return the value of a Chinese numeral up to 99 (一, 十, 十二, 二十, 二十三)."""
    if "十" not in numeral:
        return CN_DIGITS.get(numeral[-1], 0) if len(numeral) == 1 else 0
    tens, _, units = numeral.partition("十")
    if len(tens) > 1 or len(units) > 1 or "十" in units:
        return 0
    return (CN_DIGITS.get(tens, 0) if tens else 1) * 10 + (CN_DIGITS.get(units, 0) if units else 0)


def _value(style: str, printed: str) -> int:
    """Return the value of a printed number in ``style``; 0 when it is no valid number."""
    if style in (ARABIC, PAREN_ARABIC):
        return int(printed)
    if style == CIRCLED:
        return ord(printed) - ord("①") + 1
    if style == LEAD:
        return _LEAD_VALUES.get(printed, LAST)
    return cn_value(printed)


def find_marker(line: str) -> Marker | None:
    """Return the marker ``line`` starts with, or None.

    A marker with an impossible value (e.g. 一十一) is no marker. The content
    starts after the marker and any punctuation right after it.
    """
    for style, pattern in _PATTERNS:
        match = pattern.match(line)
        if not match:
            continue
        value = _value(style, match.group("val"))
        if value == 0:
            return None
        content = match.end()
        while content < len(line) and line[content] in "、，．.：: \t":
            content += 1
        return Marker(style, value, match.start("num"), match.end("num"), content)
    return None


def inline_sub_item(line: str, marker: Marker | None) -> int | None:
    """Return where a sub-item starts on the same line as a heading, or None.

    The heading is numbered by ``marker``, or unnumbered when it is None (a
    part heading). Only markers of another style than the heading's count,
    and the heading text before them must be free of sentence punctuation.
    """
    start = marker.content_start if marker else 0
    sentence_end = _SENTENCE_END.search(line, start)
    limit = sentence_end.start() if sentence_end else len(line)
    match = _INLINE_SUB.search(line, start, limit)
    if not match or match.start() == start:
        return None
    sub = find_marker(line[match.end() :])
    if sub is None or (marker is not None and sub.style == marker.style):
        return None
    return match.end()


def glued_tail_marker(line: str) -> int | None:
    """Return where a numbered heading glued to the end of ``line`` starts, or None."""
    # The heading holds no 。！？: it can only start right after the last one (tried there, not everywhere).
    after = last_sentence_end(line) + 1
    match = _GLUED_TAIL.match(line, after) if after else None
    return match.start() if match else None


def last_sentence_end(line: str) -> int:
    """The offset of the last 。, ！ or ？ in ``line``, or -1."""
    return max(line.rfind("。"), line.rfind("！"), line.rfind("？"))
