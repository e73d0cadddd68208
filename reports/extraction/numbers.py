"""Numerals in running Chinese text: Arabic, Chinese and mixed, with units.

``parse_numeral`` turns one numeral (``3600``, ``1.2万``, ``3亿5千万``, ``十三``,
``两``) into a ``Decimal``; ``parse_quantity`` reads a whole expression such as
``约3600余篇`` or ``2—3个``; ``find_quantities`` scans running text and returns
every quantity with its offsets. Nothing here decides whether a quantity is a
statistic: that is ``statistics.py``'s job.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

# Chinese digits; years.py and numbering.py read their numerals with this table too.
CN_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_SMALL_MULTIPLIERS = {"十": 10, "百": 100, "千": 1000}
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９．", "0123456789.")
_ARABIC = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_WIDE_DIGIT = re.compile(r"[０-９．]")
_NUMERAL = re.compile(r"(?:[0-9]+(?:\.[0-9]+)?|[〇零一二三四五六七八九两十百千万亿])+")
_NUMERAL_TOKEN = re.compile(r"[0-9]+(?:\.[0-9]+)?|[〇零一二三四五六七八九两十百千]")

# Units as written after a numeral, longest first so 人次 wins over 人.
UNITS: tuple[str, ...] = tuple(
    sorted(
        """
        人次 件次 批次 场次 户次 篇次 期次 人日 万元 亿元 千元 元 个百分点 个月 个 次 件 项 人 名 条
        篇 部 期 场 份 家 类 批 所 处 户 位 支 套 册 本 张 台 座 轮 组 对 首 幅 集 门 堂 节 课 封
        平方公里 平方米 公里 千米 米 公顷 万亩 亩 吨 千克 公斤 小时 分钟 周年 岁 年度 年 月 日 天
        周 季度 倍 级 星 届 分 秒 度 层 %
        """.split(),  # noqa: SIM905 - a word list reads better than 80 quoted strings
        key=len,
        reverse=True,
    )
)
MONEY_UNITS = frozenset({"元", "千元", "万元", "亿元"})

_PREFIX_QUALIFIERS = (
    ("不少于", "at_least"),
    ("不低于", "at_least"),
    ("超过", "at_least"),
    ("至少", "at_least"),
    ("多于", "at_least"),
    ("高于", "at_least"),
    ("逾", "at_least"),
    ("超", "at_least"),
    ("不超过", "at_most"),
    ("不高于", "at_most"),
    ("不到", "at_most"),
    ("不足", "at_most"),
    ("最多", "at_most"),
    ("大约", "approx"),
    ("将近", "approx"),
    ("接近", "approx"),
    ("约", "approx"),
    ("近", "approx"),
    ("上", "approx"),  # 上百次, 上千人
)
_SUFFIX_QUALIFIERS = (
    ("以上", "at_least"),
    ("以内", "at_most"),
    ("以下", "at_most"),
    ("左右", "approx"),
)

_CORE = r"(?:[0-9０-９]+(?:[.．][0-9０-９]+)?|[〇零一二三四五六七八九两十百千万亿])+"
_RANGE_SEP = r"[—–\-－~～〜至到]"
_RANGE_SPLIT = re.compile(_RANGE_SEP)
_PREFIX = "|".join(p for p, _ in _PREFIX_QUALIFIERS)
_QUANTITY = re.compile(
    rf"(?P<prefix>{_PREFIX})?"
    rf"(?:百分之(?P<pct>{_CORE})"
    rf"|(?P<core>{_CORE})(?:[余多](?=[万亿]))?[万亿]*(?:(?P<sep>{_RANGE_SEP})(?P<core2>{_CORE}))?"
    rf"(?P<approx>[余多])?(?P<unit>{'|'.join(re.escape(u) for u in UNITS)}|％)?)"
    rf"(?P<suffix>以上|以内|以下|左右)?"
)
# Every _QUANTITY match holds a numeral character at most this far from its start
# (after the longest prefix qualifier, 不少于). Its optional first group makes the
# regex engine try the whole pattern at every position; finding the next numeral
# character with a plain class and matching from just before it is much faster.
_NUMERAL_CHAR = re.compile(r"[0-9０-９〇零一二三四五六七八九两十百千万亿]")
_PREFIX_REACH = max(len(p) for p, _ in _PREFIX_QUALIFIERS)
# Where the character before a numeral ends no prefix qualifier (most of the time), the
# match can only start at the numeral (a numeral always matches): one anchored try.
_PREFIX_ENDS = frozenset(p[-1] for p, _ in _PREFIX_QUALIFIERS)
_QUALIFIER_OF_PREFIX = dict(_PREFIX_QUALIFIERS)
_QUALIFIER_OF_SUFFIX = dict(_SUFFIX_QUALIFIERS)


class NumeralError(ValueError):
    """A string is not a numeral this parser reads; the message says why."""


@dataclass(frozen=True)
class Quantity:
    """A number with its unit, read from text; offsets are into the scanned text."""

    value: Decimal
    value_max: Decimal | None
    qualifier: str  # exact | approx | at_least | at_most
    unit: str  # "" when no unit follows
    number_text: str  # as printed, without prefix qualifier or unit (480余万, 89.9%)
    start: int  # offset of number_text
    end: int
    span_start: int  # offset including a prefix qualifier
    span_end: int  # offset including unit and suffix qualifier


def parse_numeral(text: str) -> Decimal:
    """Read one numeral (Arabic, Chinese or mixed, with 万/亿) and return its value.

    Raises NumeralError for an empty string, a string with other characters,
    or Chinese digits in an order that is not a number.
    """
    s = _ascii_digits(text)
    if not s:
        raise NumeralError("empty numeral")
    if _ARABIC.fullmatch(s):
        return Decimal(0) + Decimal(s)  # what _parse_section makes of one Arabic token, rounding included
    if not _NUMERAL.fullmatch(s):
        raise NumeralError(f"not a numeral: {text!r}")
    if len(s) > 1 and all(c in CN_DIGITS for c in s):
        if len(s) < 3:
            raise NumeralError(f"digits without place values: {text!r}")
        return Decimal("".join(str(CN_DIGITS[c]) for c in s))  # 二〇二二
    return _parse_large(s, text)


def _ascii_digits(text: str) -> str:
    """``text`` with full-width digits and point as ASCII (translate only when there are any)."""
    return text.translate(_FULL_WIDTH_DIGITS) if _WIDE_DIGIT.search(text) else text


def _parse_large(s: str, original: str) -> Decimal:
    """Split ``s`` at 亿 then 万 and add the sections times their multipliers."""
    for mark, factor in (("亿", Decimal(10) ** 8), ("万", Decimal(10) ** 4)):
        if mark in s:
            head, _, tail = s.rpartition(mark)
            if not head:
                raise NumeralError(f"{mark} without a number before it: {original!r}")
            high = _parse_large(head.rstrip("零〇"), original) * factor
            return high + (_parse_large(tail, original) if tail.strip("零〇") else 0)
    return _parse_section(s, original)


def _parse_section(s: str, original: str) -> Decimal:
    """Read a numeral below 万: digits with 千/百/十 place values (三百五 is 350)."""
    total, current, last = Decimal(0), None, None
    for token in _NUMERAL_TOKEN.findall(s):
        if token in _SMALL_MULTIPLIERS:
            factor = _SMALL_MULTIPLIERS[token]
            if last is not None and factor >= last:
                raise NumeralError(f"place values out of order: {original!r}")
            total += (current if current is not None else 1) * factor
            current, last = None, factor
        elif token in ("零", "〇"):
            current = None
        else:
            if current is not None:
                raise NumeralError(f"two numbers without a place value: {original!r}")
            current = Decimal(token) if token[0].isdigit() else Decimal(CN_DIGITS[token])
    if current is not None:
        total += current * (last // 10) if last and last >= 100 and s[-2] in _SMALL_MULTIPLIERS else current
    return total


def parse_range(text: str) -> tuple[Decimal, Decimal | None]:
    """Read a numeral that may be a range (2—3, 2至3, 三四, 二三十, 十五六).

    Returns (low, high) for a range, (value, None) otherwise; raises NumeralError.
    """
    s = _ascii_digits(text)
    parts = _RANGE_SPLIT.split(s, maxsplit=1)
    if len(parts) == 2:
        low, high = parse_numeral(parts[0]), parse_numeral(parts[1])
        if high < low:
            raise NumeralError(f"range upper bound below lower bound: {text!r}")
        return low, high
    pair = _consecutive_pair(s)
    if pair is not None:
        i = pair
        return parse_numeral(s[: i + 1] + s[i + 2 :]), parse_numeral(s[:i] + s[i + 1 :])
    return parse_numeral(s), None


def _consecutive_pair(s: str) -> int | None:
    """Index of two adjacent Chinese digits n, n+1 that write a range (三四个, 二三十)."""
    if len(s) >= 3 and all(c in CN_DIGITS for c in s):
        return None  # 二〇二三 is digit by digit
    for i in range(len(s) - 1):
        a, b = s[i], s[i + 1]
        if a in CN_DIGITS and b in CN_DIGITS and CN_DIGITS[b] == CN_DIGITS[a] + 1 and a not in "〇零":
            return i
    return None


def parse_quantity(text: str) -> Quantity | None:
    """Read ``text`` as exactly one quantity (约3600余篇, 2—3个, 百分之九十).

    Returns None when ``text`` is not a single quantity from end to end.
    """
    m = _QUANTITY.fullmatch(text)
    if m is None:
        return None
    return quantity_from_match(m)


def find_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Return every quantity in ``text[start:end]`` in reading order.

    A numeral that fails to parse (十四五, 一三三四) is skipped. Offsets are
    into ``text``. Numerals glued to Latin letters or digits (G60) are skipped.
    """
    found: list[Quantity] = []
    for m in quantity_matches(text, start, end):
        quantity = quantity_from_match(m)
        if quantity is not None:
            found.append(quantity)
    return found


def quantity_matches(text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match]:
    """Yield the matches ``find_quantities`` reads its quantities from, in reading order.

    For callers that can tell from the match alone (its unit, say) that they
    will not need the quantity, and so skip parsing its numeral.
    """
    end = len(text) if end is None else end
    pos = start
    while pos < end:
        numeral = _NUMERAL_CHAR.search(text, pos, end)
        if numeral is None:
            break
        at = numeral.start()
        if at > pos and text[at - 1] in _PREFIX_ENDS:
            # No match starts before this: its numeral would come before the first one.
            m = _QUANTITY.search(text, max(pos, at - _PREFIX_REACH), end)
        else:
            m = _QUANTITY.match(text, at, end)  # no prefix ends here: the match starts at the numeral
        if m is None:
            break
        first, pos = m.span()  # never empty: a match holds its numeral (core or pct)
        if first and text[first - 1].isascii() and text[first - 1].isalnum():
            continue  # glued to a Latin letter or digit (G60)
        yield m


def quantity_from_match(m: re.Match) -> Quantity | None:
    """Build a Quantity from a ``quantity_matches`` match, or None if its numeral is unreadable."""
    if m.group("pct"):
        return _percent_from_match(m)
    unit = m.group("unit") or ""
    number_end = m.start("unit") if unit else (m.start("suffix") if m.group("suffix") else m.end())
    number_text = m.string[m.start("core") : number_end]
    body = number_text.replace("余", "").replace("多", "")
    if body.isascii() and body.isdigit():  # most numbers (12, 300): what parse_range makes of them, directly
        low, high = Decimal(0) + Decimal(body), None
    else:
        try:
            low, high = parse_range(body)
        except NumeralError:
            return None
    approx = body != number_text
    if unit in ("%", "％"):
        unit, number_text = "%", number_text + m.group("unit")
    low, high, unit = _money(body, low, high, unit)
    start = m.start("core")
    return Quantity(
        tidy(low),
        tidy(high) if high is not None else None,
        _qualifier(m, approx),
        unit,
        number_text,
        start,
        start + len(number_text),
        m.start(),
        m.end(),
    )


def tidy(value: Decimal) -> Decimal:
    """Return ``value`` without trailing zeros or exponent (12000.0 -> 12000, 4.80 -> 4.8)."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def _percent_from_match(m: re.Match) -> Quantity | None:
    """Build a Quantity for 百分之N."""
    try:
        value = parse_numeral(m.group("pct"))
    except NumeralError:
        return None
    start = m.start("pct") - 3
    number_text = m.string[start : m.end("pct")]
    return Quantity(
        value,
        None,
        _qualifier(m, False),
        "%",
        number_text,
        start,
        m.end("pct"),
        m.start(),
        m.end(),
    )


def _money(body: str, low: Decimal, high: Decimal | None, unit: str) -> tuple[Decimal, Decimal | None, str]:
    """Keep 万/亿 in the unit for money (480万元 -> 480 万元), dividing the value back."""
    if unit != "元":
        return low, high, unit
    for mark, factor in (("亿", Decimal(10) ** 8), ("万", Decimal(10) ** 4)):
        if body.endswith(mark):
            high = high / factor if high is not None else None
            return low / factor, high, mark + "元"
    return low, high, unit


def _qualifier(m: re.Match, approx: bool) -> str:
    """The qualifier from a prefix (超过), suffix (以上) or 余/多 marker."""
    prefix, suffix = m.group("prefix"), m.group("suffix")
    if prefix:
        return _QUALIFIER_OF_PREFIX[prefix]
    if suffix:
        return _QUALIFIER_OF_SUFFIX[suffix]
    return "approx" if approx else "exact"
