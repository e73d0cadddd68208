"""Which of a word's character pairs a search looks up: the rarest, by PostgreSQL's statistics.

Every pair of adjacent characters of a word is in every row that holds the word
(reports/bigrams.py), so any one of them finds all its rows through the pair
index; the rarest finds the fewest others, which the exact test beside it
(``strpos``) then rejects. One pair, not all of them: PostgreSQL multiplies the
frequencies of several array elements as if they were unrelated, and the pairs of
one word are anything but (执法, 法检, 检查). A word in 15 % of rows would be
expected in 0.1 %, and its first page planned as a sort of every match
(bench/findings.md, "pairs for every word").

``ANALYZE`` keeps an array column's most common elements with their frequencies
(``pg_stats.most_common_elems``); a pair not among them is rarer than every pair
that is. The pairs are kept in two columns (halves by their lowest bit,
reports/bigrams.py), each with its own list; a frequency is a share of the rows
either way, so the two lists are read as one. The lists are read once per
``REFRESH_SECONDS`` per process: a stale list only makes a search pick a less
selective pair, never a wrong answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from time import monotonic

from django.db import connections

from .bigrams import ordered_pair_codes

REFRESH_SECONDS = 300.0

# (database alias, table, column) -> (monotonic time read, {pair code: frequency})
_cache: dict[tuple[str, str, str], tuple[float, dict[int, float]]] = {}


def rarest_pair(word: str, table: str, columns: Sequence[str], alias: str = "default") -> tuple[int, float] | None:
    """The code of the pair of ``word`` that the fewest rows hold, and the fraction of rows that
    the statistics say hold it (0.0: not among the most common); None when the word has no pair
    the index holds (a single character, or only pairs with a separator: reports/bigrams.py).

    Pairs absent from the statistics of ``columns`` (the halves) count as rarest;
    among those, or among equally frequent ones, the first in the word wins.
    """
    codes = ordered_pair_codes(word)
    if not codes:
        return None
    lists = [pair_frequencies(table, column, alias) for column in columns]

    def frequency(code: int) -> float:  # looked up in each list: a code is in one half's at most
        return max(listed.get(code, 0.0) for listed in lists)

    code = min(codes, key=frequency)
    return code, frequency(code)


def pair_frequencies(table: str, column: str, alias: str = "default") -> dict[int, float]:
    """The column's most common pair codes with the fraction of rows holding each ({} before ANALYZE)."""
    key = (alias, table, column)
    cached = _cache.get(key)
    now = monotonic()
    if cached is None or now - cached[0] > REFRESH_SECONDS:
        cached = (now, _read_statistics(alias, table, column))
        _cache[key] = cached
    return cached[1]


def forget() -> None:
    """Drop every cached list (after an ``ANALYZE`` that should count at once, e.g. in tests)."""
    _cache.clear()


def _read_statistics(alias: str, table: str, column: str) -> dict[int, float]:
    with connections[alias].cursor() as cursor:
        cursor.execute(
            "SELECT most_common_elems::text, most_common_elem_freqs FROM pg_stats "
            "WHERE schemaname = current_schema() AND tablename = %s AND attname = %s",
            [table, column],
        )
        row = cursor.fetchone()
    if row is None or row[0] is None:
        return {}
    elements = [int(code) for code in row[0].strip("{}").split(",")]
    # The frequencies list has one entry per element, then the minimum, maximum and null fraction.
    return dict(zip(elements, row[1], strict=False))
