"""Text repair kept beside the raw text, with a map back to raw offsets.

PDF and web texts break lines in mid-sentence, scatter spaces between
Chinese characters, mix ASCII and full-width punctuation and sometimes carry
an English " and " where 和 was meant. ``normalize`` repairs all of that and
returns a ``NormalizedText`` that can turn any offset or span of the repaired
text back into offsets of the raw text, so callers can search the clean text
and still report spans that index the raw one.

The repaired text is built from *pieces*: runs copied unchanged (one code
point in, one out) and replacements (a raw run standing for a different
string). Deleted raw characters (stray spaces, joined line breaks) belong to
no piece; they are simply skipped by the map.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field

from .lines import PAGE_NUMBER
from .parts import glued_part_heading, part_kind

# ASCII punctuation that Chinese texts from PDFs and web pages use in place of
# the full-width forms. Same length both ways, so offsets are unchanged.
_WIDTH_TABLE = str.maketrans(
    {
        ",": "，",
        ";": "；",
        ":": "：",
        "(": "（",
        ")": "）",
        "?": "？",
        "!": "！",
    }
)

# Full-width digits become ASCII so number patterns need one form only.
_DIGIT_TABLE = str.maketrans("０１２３４５６７８９", "0123456789")


def fold_width(text: str) -> str:
    """Return ``text`` with ASCII , ; : ( ) ? ! as their full-width forms.

    One code point in, one out: an offset into the result is an offset into
    ``text``. Full stops are left alone because ``.`` is also a decimal point
    and the item marker in ``1.``.
    """
    for ascii_form, wide_form in _WIDTH_PAIRS:
        if ascii_form in text:
            text = text.replace(ascii_form, wide_form)
    return text


# The folds as pairs: str.replace per pair (skipped when the character is
# absent) is much faster than str.translate with a dict table, which walks a
# CJK string one code point at a time.
_WIDTH_PAIRS = tuple((chr(k), v) for k, v in _WIDTH_TABLE.items())
_FOLD_PAIRS = _WIDTH_PAIRS + tuple((chr(k), chr(v)) for k, v in _DIGIT_TABLE.items())


# One scan tells most lines apart that hold nothing to fold, instead of one scan per pair.
_FOLDABLE = re.compile("[" + re.escape("".join(a for a, _ in _FOLD_PAIRS)) + "]")


def fold(text: str) -> str:
    """Return ``text`` with ASCII punctuation full-width (as ``fold_width``) and digits ASCII."""
    if _FOLDABLE.search(text) is None:
        return text
    for ascii_form, wide_form in _FOLD_PAIRS:
        if ascii_form in text:
            text = text.replace(ascii_form, wide_form)
    return text


REPLACEMENT_CHAR = "\ufffd"

# Characters of Chinese running text: ideographs, CJK and full-width
# punctuation, curly quotes, and the ASCII punctuation that folds to
# full-width. A space between two of these is never meaningful.
_WIDE = (
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
    "\u2018\u2019\u201c\u201d\u2014\u2015\u2026\u00b7,;:()?!"
)
_HSPACE = " \t\u3000\u00a0"
# Spaces before a number are stray too, except before an item marker such as
# "1." that starts a new item on the same line as its section heading.
_STRAY_SPACE = re.compile(
    rf"(?<=[{_WIDE}])[{_HSPACE}]+(?=(?![（(][一二三四五六七八九十0-9]{{1,3}}[）)])[{_WIDE}]"
    rf"|[0-9](?![0-9]?[.．、][^0-9]))"
    rf"|(?<=[0-9])[{_HSPACE}]+(?=[{_WIDE}])"
)
# seed-style English conjunction inside Chinese text, e.g. "领导 and 决策".
_ENGLISH_AND = re.compile(rf"(?<=[{_WIDE}])[{_HSPACE}]*\band\b[{_HSPACE}]*(?=[{_WIDE}])")

# A line ending in one of these closes its sentence; anything else may be a
# line broken by PDF or web extraction.
TERMINAL = "。！？；：”」』!?;:…□\ufffd"
# Ending in these means the sentence certainly goes on.
_SOFT_END = "，、（“《〈—‘,(「『"
_SENTENCE_PUNCT = re.compile(r"[。；！？;!?]")
_ANY_PUNCT = re.compile(r"[。；！？，、：;!?,:]")
_OPENERS = (("“", "”"), ("（", "）"), ("《", "》"), ("(", ")"), ("「", "」"))
# A line starting like this is a heading or an item, never a continuation.
_NUMBERED_START = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、．.]|[（(][一二三四五六七八九十\d]{1,3}[）)]|"
    r"\d{1,2}[.．、](?!\d)|[一二三四五六七八九十]{1,3}[是要][^，,]|"
    r"第[一二三四五六七八九十]{1,3}[，,、]|[①-⑳]|——|――)"
)
# Lines a page break may put between two halves of a sentence (blanks, - 3 -, a header).
_PAGE_BREAK_GAP = 8
_HEADER_MAX = 40
# A numbered heading cut in two leaves a tiny unpunctuated tail line.
_TINY_TAIL = 4
# A line this long with no terminal punctuation is a wrapped paragraph line.
_LONG_LINE = 45
_HEADING_LIKE_MAX = 40
_FIRST_CLAUSE = re.compile(r"^[^。；！？，、,;]{1,3}。")
# A short line that is one clause ending a sentence: the tail of a wrapped
# numbered line (（二）加强立法工作，…开展立法 / 调研6项。).
_SENTENCE_TAIL = re.compile(r"^[^。；！？，、,;：:]{1,10}[。；]$")
# Items numbered 一是/一要/第一， carry their text on the same line, so such a
# line without terminal punctuation was cut.
_GLUED_STYLE = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[是要]|第[一二三四五六七八九十]{1,3}[，、])")
# Web navigation (breadcrumbs, menus) never runs on into the text.
_NAVIGATION = re.compile(r"[>|»]")


@dataclass(frozen=True)
class NormalizedText:
    """Repaired text plus a map from its offsets back to raw offsets."""

    text: str
    raw_start: int  # raw offset where the normalised region begins
    raw_end: int  # raw offset where it ends
    norm_starts: tuple[int, ...] = field(repr=False)
    raw_starts: tuple[int, ...] = field(repr=False)
    raw_ends: tuple[int, ...] = field(repr=False)
    copied: tuple[bool, ...] = field(repr=False)
    replacement_chars: tuple[int, ...] = ()  # raw offsets of U+FFFD

    def _piece(self, i: int) -> int:
        return bisect_right(self.norm_starts, i) - 1

    def to_raw(self, i: int) -> int:
        """Return the raw offset of normalised offset ``i`` (``len(text)`` maps to the end)."""
        if i >= len(self.text):
            return self.raw_ends[-1] if self.raw_ends else self.raw_start
        k = self._piece(max(i, 0))
        if self.copied[k]:
            return self.raw_starts[k] + i - self.norm_starts[k]
        return self.raw_starts[k]

    def _raw_after(self, i: int) -> int:
        """Raw offset just past the raw characters behind normalised char ``i``."""
        k = self._piece(i)
        if self.copied[k]:
            return self.raw_starts[k] + i - self.norm_starts[k] + 1
        return self.raw_ends[k]

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Return the raw (start, end) covering normalised ``text[start:end]``."""
        if end <= start:
            point = self.to_raw(start)
            return point, point
        return self.to_raw(start), self._raw_after(min(end, len(self.text)) - 1)


class _Builder:
    """Accumulates pieces of the normalised text and their raw positions."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.norm_starts: list[int] = []
        self.raw_starts: list[int] = []
        self.raw_ends: list[int] = []
        self.copied: list[bool] = []
        self.length = 0

    def add(self, out: str, raw_start: int, raw_end: int, copied: bool) -> None:
        if not out:
            return
        self.parts.append(out)
        self.norm_starts.append(self.length)
        self.raw_starts.append(raw_start)
        self.raw_ends.append(raw_end)
        self.copied.append(copied)
        self.length += len(out)


def normalize(text: str, start: int = 0, end: int | None = None) -> NormalizedText:
    """Repair ``text[start:end]`` and return it with a map back to raw offsets.

    Re-joins lines broken in mid-sentence, drops line indentation and stray
    spaces between Chinese characters, turns " and " between Chinese words
    into 和, folds ASCII punctuation and digits to one form, and records where
    U+FFFD occurs. Offsets in the result's map are offsets into ``text``.
    """
    end = len(text) if end is None else end
    lines = _split_lines(text, start, end)
    furniture = _blank_furniture(text, lines)
    builder = _Builder()
    logical_start, joined_before = start, False  # where the line being re-joined began
    for index, (_line_start, content_start, content_end, line_end) in enumerate(lines):
        if content_start == content_end == line_end:
            continue  # a blank line dropped with a join
        _emit_content(builder, text, content_start, content_end)
        if not joined_before:
            logical_start = content_start
        joined_before = line_end > content_end and _joins_next(text, lines, index, logical_start, furniture)
        if line_end > content_end and not joined_before:
            builder.add("\n", content_end, line_end, False)
    folded = fold("".join(builder.parts))
    return NormalizedText(
        text=folded,
        raw_start=start,
        raw_end=end,
        norm_starts=tuple(builder.norm_starts),
        raw_starts=tuple(builder.raw_starts),
        raw_ends=tuple(builder.raw_ends),
        copied=tuple(builder.copied),
        replacement_chars=tuple(m.start() + start for m in re.finditer(REPLACEMENT_CHAR, text[start:end])),
    )


def _split_lines(text: str, start: int, end: int) -> list[tuple[int, int, int, int]]:
    """Return (line_start, content_start, content_end, line_end) for each line.

    Content excludes indentation and trailing whitespace; line_end includes
    the line break, so consecutive lines tile ``text[start:end]``.
    """
    lines = []
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        line_end = end if nl < 0 else nl + 1
        content_end = line_end
        while content_end > pos and text[content_end - 1] in "\r\n" + _HSPACE:
            content_end -= 1
        content_start = pos
        while content_start < content_end and text[content_start] in _HSPACE:
            content_start += 1
        lines.append((pos, content_start, content_end, line_end))
        pos = line_end
    return lines


def _emit_content(builder: _Builder, text: str, start: int, end: int) -> None:
    """Add ``text[start:end]`` minus stray spaces, with English "and" as 和."""
    line = text[start:end]
    pos = 0
    for match in _edits(line):
        builder.add(line[pos : match.start()], start + pos, start + match.start(), True)
        replacement = "和" if match.re is _ENGLISH_AND else ""
        builder.add(replacement, start + match.start(), start + match.end(), False)
        pos = match.end()
    builder.add(line[pos:], start + pos, end, True)


def _edits(line: str) -> list[re.Match]:
    """Return the non-overlapping edits of one line in reading order."""
    if " " not in line and "\t" not in line and "\u3000" not in line and "\xa0" not in line:
        return []
    matches = list(_ENGLISH_AND.finditer(line))
    taken = [(m.start(), m.end()) for m in matches]
    for match in _STRAY_SPACE.finditer(line):
        if not any(s < match.end() and match.start() < e for s, e in taken):
            matches.append(match)
    return sorted(matches, key=lambda m: m.start())


def _joins_next(
    text: str,
    lines: list[tuple[int, int, int, int]],
    index: int,
    logical_start: int,
    furniture: frozenset[int] = frozenset(),
) -> bool:
    """Whether line ``index`` is broken mid-sentence and continues on the next non-blank line.

    ``logical_start`` is where the line began before earlier breaks were
    re-joined: the decision looks at the whole re-joined line. Blank lines
    between the two are dropped with the break when they join; a page break
    (page number, running header: ``furniture``) may lie between them too.
    """
    _, start, end, _ = lines[index]
    if start == end or fold(text[end - 1]) in TERMINAL:
        # Most lines end a sentence: the cleaned re-joined line would end with
        # this same character, so _is_continued would say no; skip cleaning it.
        return False
    nxt = _next_content_line(lines, index, furniture)
    if nxt is None:
        return False
    logical = text[min(logical_start, start) : end].replace("\n", "")
    joined = _is_continued(_clean(logical), _clean(text[lines[nxt][1] : lines[nxt][2]]))
    if joined:
        # The blank lines in between go with the break.
        for k in range(index + 1, nxt):
            lines[k] = (lines[k][0], lines[k][1], lines[k][2], lines[k][2])
    return joined


def _next_content_line(lines: list[tuple[int, int, int, int]], index: int, furniture: frozenset[int]) -> int | None:
    """The next line with content after ``index``: one blank line may lie between, or a page break."""
    limit = _PAGE_BREAK_GAP if any(k in furniture for k in range(index + 1, index + 3)) else 2
    for k in range(index + 1, min(index + 1 + limit, len(lines))):
        if lines[k][2] > lines[k][1]:
            return k
    return None


def _blank_furniture(text: str, lines: list[tuple[int, int, int, int]]) -> frozenset[int]:
    """Blank out page numbers and running headers (in place); return their line indexes.

    A running header repeats the first line (the title) on a line of its own,
    or is any short line repeated next to page numbers on several pages.
    """
    contents = [text[c0:c1] for _l0, c0, c1, _l1 in lines]
    title = next((line for line in contents if line), "")
    pages = {k for k, line in enumerate(contents) if PAGE_NUMBER.match(line)}
    near = {k for page in pages for k in range(page - 3, page + 4) if 0 < k < len(lines)}
    counts = Counter(contents[k] for k in near)
    repeats = {k for k, line in enumerate(contents) if k > 0 and line and line == title}
    headers = {
        k
        for k in (near - pages) | repeats
        if contents[k]
        and len(contents[k]) <= _HEADER_MAX
        and not _SENTENCE_PUNCT.search(contents[k])
        and (contents[k] == title or counts[contents[k]] > 1)
    }
    for k in pages | headers:
        line_start, content_start, _content_end, line_end = lines[k]
        lines[k] = (line_start, content_start, content_start, line_end)
    return frozenset(pages | headers)


def _clean(line: str) -> str:
    folded = fold(line)
    if not any(space in folded for space in _HSPACE):  # every stray space is one of these
        return folded
    return _STRAY_SPACE.sub("", folded)


def _is_continued(prev: str, nxt: str) -> bool:
    """Decide from two cleaned lines whether ``prev`` runs on into ``nxt``."""
    if not prev or prev[-1] in TERMINAL or not nxt:
        return False
    if _NUMBERED_START.match(nxt) or _NAVIGATION.search(prev) or _is_part_heading(prev):
        return False
    if prev[-1] in _SOFT_END or _has_open_pair(prev):
        return True
    if _NUMBERED_START.match(prev) and len(nxt) <= _TINY_TAIL and not _ANY_PUNCT.search(nxt):
        return True
    if _GLUED_STYLE.match(prev):
        return True
    if _NUMBERED_START.match(prev) and "，" in prev and _SENTENCE_TAIL.match(nxt):
        return True
    if _FIRST_CLAUSE.match(nxt) and not _NUMBERED_START.match(prev):
        return True
    if len(nxt) <= _HEADING_LIKE_MAX and not _ANY_PUNCT.search(nxt):
        return False
    if not _NUMBERED_START.match(prev) and "，" in prev:
        return True
    return bool(_SENTENCE_PUNCT.search(prev)) or len(prev) >= _LONG_LINE


def _has_open_pair(line: str) -> bool:
    """True when a quote or bracket opened in ``line`` is not closed in it."""
    if line.count('"') % 2:
        return True
    return any(line.count(a) > line.count(b) for a, b in _OPENERS)


def _is_part_heading(line: str) -> bool:
    """True when ``line`` is a part heading, alone or glued after its last sentence."""
    return part_kind(line) is not None or glued_part_heading(line) is not None
