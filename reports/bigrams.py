"""Character bigrams of searchable text, as integers, for an index that finds short words.

pg_trgm's trigram index cannot serve ``LIKE '%立法%'``: a two-character word
holds no trigram, and Chinese text has no spaces to pad words with, so such a
search scanned every row (1.9 s over a million agenda items, bench/findings.md).
Every substring of two or more characters has all of its adjacent pairs in the
text it occurs in, so "the row's bigrams contain the word's bigrams" is a
necessary condition that a GIN index over integer arrays answers; the ``LIKE``
beside it keeps the result exact.

A pair is one 32-bit integer: each character's code point modulo 65,536 in one
half, shifted into PostgreSQL's signed range. Characters beyond the Basic
Multilingual Plane may share a code with others; that only lets through a row
that the ``LIKE`` then rejects.
"""

from __future__ import annotations

from collections.abc import Iterable

_SIGNED = 1 << 31


def pair_code(first: str, second: str) -> int:
    """The integer of the pair ``first + second`` (one character each)."""
    return ((ord(first) & 0xFFFF) << 16 | (ord(second) & 0xFFFF)) - _SIGNED


def bigram_codes(texts: Iterable[str | None]) -> list[int]:
    """The sorted, distinct pair codes of each text (pairs never span two texts)."""
    codes: set[int] = set()
    for text in texts:
        if text:
            codes.update(map(pair_code, text, text[1:]))
    return sorted(codes)
