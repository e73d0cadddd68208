"""Chinese and Arabic numerals for years, terms (届) and dates.

Reads short strings such as 二〇二三年, 十六, 2024年2月26日 and returns ints or
ISO dates. No knowledge of reports here: ``periods.py`` and ``terms.py`` use
these to read headings and phrases.
"""

from __future__ import annotations

import re

from .numbers import CN_DIGITS

# Years are often typed with a ring (○), a letter O or a full-width zero for 〇.
_DIGITS = {**CN_DIGITS, "○": 0, "O": 0, "０": 0}
_UNITS = {"十": 10, "百": 100}
CN_NUM = "〇○零一二两三四五六七八九十百"

# A year as written: 2023年, 2023 年, 二〇二三年, 二○二三年 (the ring is often ○).
YEAR = re.compile(r"(?<![\d.])((?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})\s?年")
# A full date: 2024年2月26日, 二〇二三年一月十二日.
DATE = re.compile(
    r"((?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})\s?年\s?"
    r"(\d{1,2}|[一二三四五六七八九十]{1,3})\s?月\s?(\d{1,2}|[一二三四五六七八九十]{1,3})\s?日"
)


def chinese_int(text: str) -> int | None:
    """Return the value of a Chinese or Arabic numeral (十六 → 16, 二〇二二 → 2022), else None.

    Digit-by-digit strings (二〇二二) read as positional; strings with 十/百
    read as counted (一百零五 → 105). Returns None for anything else.
    """
    text = text.strip()
    if not text:
        return None
    if text.isdigit():
        return int(text)
    if any(ch in _UNITS for ch in text):
        return _counted(text)
    if all(ch in _DIGITS for ch in text):
        return int("".join(str(_DIGITS[ch]) for ch in text))
    return None


def _counted(text: str) -> int | None:
    """Read numerals with units: 十 → 10, 十六 → 16, 二十三 → 23, 一百零五 → 105."""
    total, digit = 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _UNITS:
            total += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
        else:
            return None
    return total + (digit or 0)


def year_value(token: str) -> int | None:
    """Return the year a token such as 2023, 二〇二三 or 二○二三 stands for, if plausible."""
    value = chinese_int(token)
    if value is None or not 1949 <= value <= 2100:
        return None
    return value


def years_in(text: str) -> list[int]:
    """Return the years written in ``text`` (Arabic or Chinese numerals), in order."""
    found = []
    for match in YEAR.finditer(text):
        value = year_value(match.group(1))
        if value is not None:
            found.append(value)
    return found


def first_date(text: str) -> tuple[str, int] | None:
    """Return (ISO date, offset in ``text``) of the first full date written in ``text``."""
    for match in DATE.finditer(text):
        year = year_value(match.group(1))
        month, day = chinese_int(match.group(2)), chinese_int(match.group(3))
        if year and month and day and 1 <= month <= 12 and 1 <= day <= 31:
            return f"{year:04d}-{month:02d}-{day:02d}", match.start()
    return None
