"""Recognise part headings: where a report turns from what was done to what will be done.

Work reports fall into parts: a review (2022年工作回顾, 过去一年的主要工作,
五年来的工作回顾, 本届以来的主要工作 …), a plan (2023年工作安排, 今后一年工作建议,
新一年的主要任务 …) and sometimes other parts (过去五年工作体会). A part heading
is a short line that names a time and a kind of work; it may be numbered
(一、2022年工作回顾), carry a slogan after a colon (一、2022年：履职求作为，…) or
be glued to the end of the previous paragraph (…加以改进和解决。2023年工作安排).

Functions here read one cleaned line (ASCII punctuation already folded, no
stray spaces) and say whether it is a part heading and of which kind.
"""

from __future__ import annotations

import re

from .numbering import last_sentence_end

REVIEW, PLAN, OTHER = "review", "plan", "other"
AMBIGUOUS = "ambiguous"  # e.g. 2022年主要工作: review if it comes first, else plan

_YEAR = r"(?:(?:19|20)\d{2}|[〇零○一二三四五六七八九]{4})年"
# A part heading names a time ...
_TIME = re.compile(
    rf"{_YEAR}|过去|今后|今年|明年|来年|新一年|新的一年|本届|以来|年来|[一二三四五六七八九十]+届|五年|一年"
)
# ... and ends with a kind of work.
_KIND_END = re.compile(
    r"(?:回顾|工作|任务|安排|建议|打算|要点|计划|体会|启示|要求|思路|设想|展望|部署|重点|举措|工作情况|履职情况|总结)(?:及要求)?$"
)
# A year followed by a colon and a slogan: 2022年：履职求作为，干出新样子
_YEAR_SLOGAN = re.compile(rf"^{_YEAR}[：:]")
_MAX_HEADING = 24

_OTHER_WORDS = re.compile(r"体会|启示|经验|感悟|认识")
_REVIEW_WORDS = re.compile(r"回顾|过去|以来|年来|本届|工作情况|履职情况|总结")
_PLAN_WORDS = re.compile(
    r"安排|任务|建议|打算|要点|计划|今后|今年|明年|来年|新一年|新的一年|要求|思路|设想|展望|部署|重点|举措"
)
# Sentence punctuation: a part heading has none of it.
_PUNCT = re.compile(r"[。；！？，,;!?、]")
_GLUED_TAIL = re.compile(r"[。！？](?P<tail>[^。！？；，,;：:]{4,24})$")


def part_kind(core: str) -> str | None:
    """Return the part kind named by heading text ``core``, or None if it is no part heading.

    ``core`` is the line without its number (``2022年工作回顾``, not
    ``一、2022年工作回顾``). The kind is REVIEW, PLAN, OTHER or AMBIGUOUS.
    """
    core = core.strip()
    if _YEAR_SLOGAN.match(core):
        return AMBIGUOUS
    if len(core) > _MAX_HEADING or _PUNCT.search(core) or core.endswith(("：", ":")):
        return None
    if not _TIME.search(core) or not _KIND_END.search(core):
        return None
    return classify(core)


def classify(core: str) -> str:
    """Return the kind a heading's words point to; AMBIGUOUS when only a year says it."""
    if _OTHER_WORDS.search(core):
        return OTHER
    if _REVIEW_WORDS.search(core):
        return REVIEW
    if _PLAN_WORDS.search(core):
        return PLAN
    return AMBIGUOUS


def resolve(kind: str, seen: set[str]) -> str:
    """Turn AMBIGUOUS into REVIEW for the first such part, PLAN once a review was seen."""
    if kind != AMBIGUOUS:
        return kind
    return PLAN if REVIEW in seen else REVIEW


def glued_part_heading(line: str) -> int | None:
    """Return the offset in ``line`` of a part heading glued after its last sentence, or None."""
    # The heading holds no 。！？: only the last one can stand before it (tried there, not at each).
    at = last_sentence_end(line)
    match = _GLUED_TAIL.match(line, at) if at >= 0 else None
    if match and part_kind(match.group("tail")):
        return match.start("tail")
    return None
