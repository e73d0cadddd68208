"""Character bigrams of searchable text, as integers, for an index that finds short words.

pg_trgm's trigram index cannot serve ``LIKE '%立法%'``: a two-character word
holds no trigram, and Chinese text has no spaces to pad words with, so such a
search scanned every row (1.9 s over a million agenda items, bench/findings.md).
Every substring of two or more characters has all of its adjacent pairs in the
text it occurs in, so "the row's bigrams contain the word's bigrams" is a
necessary condition that a GIN index over integer arrays answers; an exact
containment test beside it keeps the result exact. The API asks for one pair
of the word, its rarest (reports/pair_statistics.py, reports/api/filters.py).

A pair is one 32-bit integer: two adjacent UTF-16 code units, the first in the
low half, read as a signed integer (PostgreSQL's ``integer``). Every character of
the Basic Multilingual Plane is one unit, so its pairs are exact; a character
beyond it is two units (a surrogate pair), and since UTF-16 of a substring is a
run of the text's units, the word's pairs are still among the text's. Reading
the encoded bytes as integers keeps the work in C: an import computes millions.

Pairs holding a punctuation mark, a space or a control character (``SEPARATORS``)
are left out, of the texts' codes and of the words' alike: they were a fifth of an
item's pairs (，在 、加 …), and the GIN index built after a bulk load costs in
proportion to them (bench/findings.md). A word's remaining pairs are still all in
every text holding it, so the search stays exact; a word with no pair left (``5%``,
``”，“``) is found by its exact test alone, a scan. The set may grow without
recomputing stored rows (they then hold pairs no search asks for), but a character
taken out of it would have to be recomputed everywhere first: stored rows lack its pairs.

A row's codes are kept in two halves by their lowest bit (``parity``), each in a column of
its own under an index of its own: PostgreSQL 15 builds a GIN index on one core, and the
item pairs' index was most of a bulk load's end (bench/findings.md). Two halves build side
by side in half the time, and a search asks for its one pair in that pair's half.
"""

from __future__ import annotations

import re
import struct
import sys
from array import array
from collections.abc import Iterable, Sequence

if array("i").itemsize != 4:  # the codes are PostgreSQL integers, read four bytes at a time
    raise ImportError("reports.bigrams needs a platform whose C int has 4 bytes")

# Punctuation, spaces and control characters, as fixed ranges of the Basic Multilingual Plane
# (not Unicode's categories, which a newer Python could change under stored rows): ASCII's and
# Latin-1's, General Punctuation, the CJK block's marks and brackets (not its 〇, 々 or
# Hangzhou numerals), the vertical, compatibility and small forms, and the fullwidth marks
# (not the fullwidth digits and letters).
SEPARATOR_RANGES: tuple[tuple[int, int], ...] = (
    (0x0000, 0x002F),  # controls, space, ! " # $ % & ' ( ) * + , - . /
    (0x003A, 0x0040),  # : ; < = > ? @
    (0x005B, 0x0060),  # [ \ ] ^ _ `
    (0x007B, 0x00A1),  # { | } ~, DEL, the C1 controls, no-break space, ¡
    (0x00A7, 0x00A7),  # §
    (0x00AB, 0x00AB),  # «
    (0x00B6, 0x00B7),  # ¶ ·
    (0x00BB, 0x00BB),  # »
    (0x00BF, 0x00BF),  # ¿
    (0x2000, 0x206F),  # General Punctuation: spaces, dashes, ‘ ’ “ ”, …, ‰, ※
    (0x3000, 0x3003),  # ideographic space, 、 。 〃
    (0x3008, 0x3011),  # 〈 〉 《 》 「 」 『 』 【 】
    (0x3014, 0x301F),  # 〔 〕 〖 〗 〘 〙 〚 〛 〜 〝 〞 〟
    (0x30FB, 0x30FB),  # ・
    (0xFE10, 0xFE1F),  # vertical forms
    (0xFE30, 0xFE6F),  # CJK compatibility and small forms
    (0xFEFF, 0xFEFF),  # byte order mark
    (0xFF01, 0xFF0F),  # ！ ＂ ＃ ＄ ％ ＆ ＇ （ ） ＊ ＋ ， － ． ／
    (0xFF1A, 0xFF20),  # ： ； ＜ ＝ ＞ ？ ＠
    (0xFF3B, 0xFF40),  # ［ ＼ ］ ＾ ＿ ｀
    (0xFF5B, 0xFF65),  # ｛ ｜ ｝ ～ ｟ ｠ ｡ ｢ ｣ ､ ･
)
SEPARATORS = frozenset(chr(code) for first, last in SEPARATOR_RANGES for code in range(first, last + 1))
# A text's stretches between separators: its pairs are those of each stretch.
_SEPARATOR_RUN = re.compile("[" + "".join(f"\\u{first:04x}-\\u{last:04x}" for first, last in SEPARATOR_RANGES) + "]+")


def _int32s(data: bytes, start: int) -> array:
    """The little-endian 32-bit integers of ``data`` from byte ``start``, as many as fit."""
    end = start + (len(data) - start) // 4 * 4
    numbers = array("i", data[start:end])
    if sys.byteorder == "big":
        numbers.byteswap()
    return numbers


def pair_code(first: str, second: str) -> int:
    """The integer of the pair ``first + second`` (one character each, in the Basic Multilingual Plane)."""
    return _int32s((first + second).encode("utf-16-le"), 0)[0]


def _stretches(text: str) -> list[str]:
    """The parts of ``text`` between separators that hold a pair (two UTF-16 units or more: a
    character beyond the Basic Multilingual Plane alone is two)."""
    return [part for part in _SEPARATOR_RUN.split(text) if len(part) > 1 or (part and ord(part) > 0xFFFF)]


def ordered_pair_codes(word: str) -> list[int]:
    """The distinct pair codes of ``word``, in the order they first occur in it (as ``bigram_codes``:
    none for a single character, even one of two UTF-16 units, nor for a pair holding a separator)."""
    if len(word) < 2:
        return []
    in_order: list[int] = []
    for stretch in _stretches(word):
        units = stretch.encode("utf-16-le")
        even, odd = _int32s(units, 0), _int32s(units, 2)  # pairs starting at units 0, 2, 4, … and 1, 3, 5, …
        in_order += [code for both in zip(even, odd, strict=False) for code in both] + list(even[len(odd) :])
    return list(dict.fromkeys(in_order))


# The halves a row's codes are kept in: a code's half is its lowest bit (``parity``).
PARITIES = (0, 1)


def parity(code: int) -> int:
    """The half (of ``PARITIES``) that holds ``code``: its lowest bit, as PostgreSQL's ``code & 1`` gives it."""
    return code & 1


def bigram_codes(texts: Iterable[str | None], half: int | None = None) -> list[int]:
    """The sorted, distinct pair codes of each text (pairs never span two texts nor hold a separator);
    with ``half``, only the codes of that parity."""
    codes: set[int] = set()
    for text in texts:
        if text and len(text) > 1:
            for stretch in _stretches(text):
                units = stretch.encode("utf-16-le")
                # From byte 0 the integers are the pairs (u0, u1), (u2, u3), …; from byte 2, (u1, u2), (u3, u4), …
                codes.update(_int32s(units, 0))
                codes.update(_int32s(units, 2))
    if half is not None:
        codes = {code for code in codes if parity(code) == half}
    return sorted(codes)


_separator_table = None  # numpy: for each UTF-16 unit, whether it is a separator


def _separator_units():
    global _separator_table
    if _separator_table is None:
        import numpy

        table = numpy.zeros(0x10000, dtype=bool)
        for first, last in SEPARATOR_RANGES:
            table[first : last + 1] = True
        _separator_table = table
    return _separator_table


def bigram_arrays(texts: Iterable[str | None]) -> tuple[array, ...]:
    """``bigram_codes(texts, half)`` of each half of ``PARITIES``, as ``array('i')``s, sorted and
    distinct as PostgreSQL's integers compare.

    For an import's extraction workers, which compute the codes of every agenda item:
    numpy took half the time of a Python set and ``sorted`` (1.13 -> 0.52 s per 10 MB of
    reports), and a sort in place with a mask of the changes a third of ``numpy.unique``'s
    (bench/findings.md). numpy is imported on first use, never by the API.
    """
    import numpy

    separator = _separator_units()
    parts = []
    for text in texts:
        if text and len(text) > 1:
            data = text.encode("utf-16-le")
            units = numpy.frombuffer(data, dtype="<u2")
            # Every pair at once: four bytes read at each unit, i.e. a view with a stride of two bytes.
            pairs = numpy.ndarray(shape=(len(units) - 1,), dtype="<i4", buffer=data, strides=(2,))
            held = separator[units]
            parts.append(pairs[~(held[:-1] | held[1:])])  # a copy: sorted in place below
    halves = tuple(array("i") for _ in PARITIES)
    if parts:
        pairs = numpy.concatenate(parts) if len(parts) > 1 else parts[0]
        if len(pairs):
            pairs.sort()
            first = numpy.empty(len(pairs), dtype=bool)  # where each distinct code first occurs
            first[0] = True
            numpy.not_equal(pairs[1:], pairs[:-1], out=first[1:])
            distinct = pairs[first].astype("=i4", copy=False)
            odd = (distinct & 1).astype(bool)
            halves[0].frombytes(distinct[~odd].tobytes())
            halves[1].frombytes(distinct[odd].tobytes())
    return halves


def array_text(codes: Iterable[int]) -> str:
    """PostgreSQL's text of an integer array: ``{1,2,3}``."""
    return "{" + ",".join(map(str, codes)) + "}"


_INT4_OID = 23


def array_binary(codes: Sequence[int]) -> bytes:
    """PostgreSQL's binary image of an ``integer[]`` (as ``COPY … (FORMAT binary)`` reads it).

    Dimensions, a null flag, the element type, then each element as its length (4) and
    its value, all big-endian. Built with array operations, not a loop: an import's
    items hold millions of codes, and their decimal text was most of the bytes PostgreSQL
    parsed (bench/findings.md).
    """
    if not codes:
        return struct.pack(">iii", 0, 0, _INT4_OID)
    values = codes if isinstance(codes, array) else array("i", codes)
    elements = array("i", bytes(8 * len(values)))
    elements[0::2] = array("i", [4]) * len(values)
    elements[1::2] = values
    if sys.byteorder == "little":
        elements.byteswap()
    return struct.pack(">iiiii", 1, 0, _INT4_OID, len(values), 1) + elements.tobytes()


# Codes computed ahead of the row writes, by an import's extraction workers (reports/prepared.py): an import's
# items hold millions of pairs, and computing them was a tenth of the storing process's time.
# Keyed by the texts themselves, so they only ever stand for exactly the texts they were
# computed from; anything else is computed when written, as before.
_ahead: dict[tuple[int, tuple[str | None, ...]], list[Sequence[int]]] = {}


def remember_ahead(computed: Iterable[tuple[Sequence[str | None], Sequence[Sequence[int]]]]) -> None:
    """Keep codes computed elsewhere until the row of their texts is written (``take_ahead``):
    ``(texts, halves)``, the codes of each half of ``PARITIES`` in turn.

    Codes remembered twice for the same texts (two files of a batch holding the same report)
    are there twice, for two rows to take.
    """
    for texts, halves in computed:
        key = tuple(texts)
        for half, codes in zip(PARITIES, halves, strict=True):
            _ahead.setdefault((half, key), []).append(codes)


def take_ahead(texts: Sequence[str | None], half: int) -> Sequence[int] | None:
    """The codes of ``half`` computed ahead for exactly ``texts``, once; else None."""
    if not _ahead:
        return None
    key = (half, tuple(texts))
    waiting = _ahead.get(key)
    if not waiting:
        return None
    codes = waiting.pop()
    if not waiting:
        del _ahead[key]
    return codes


def forget_ahead() -> None:
    """Drop the codes computed ahead that no row took (the importer, after each batch)."""
    _ahead.clear()
