"""The term (届) of the body that issues a report.

Reads phrases such as 我代表市七届人大常委会, 受…第十六届人民代表大会常务委员会委托,
政协第九届…委员会常务委员会, 十四届政协, 市十四届人大一次会议 and returns the int.
"""

from __future__ import annotations

import re

from .years import chinese_int

# 新一届/本届/上一届/每届 are not term numbers.
_N = r"(?<![新本上下每历首换])第?([一二三四五六七八九十]{1,3}|\d{1,2})届"
_BODY = r"(?:人民代表大会常务委员会|人大常委会|委员会常务委员会|常务委员会|常委会|政协)"
# The body speaks for itself: 我代表/受 … N届 … 常委会 (委托).
_MANDATE = re.compile(r"(?:受|代表)[^。，,；;：:]{0,30}?" + _N + r"[^。，,；;]{0,20}?(?:常务委员会|常委会)")
# Any naming of a term-numbered standing committee or CPPCC.
_NAMED = re.compile(
    _N + r"(?P<gap>[^。，,；;、]{0,14}?)" + _BODY + r"|政协第?(?P<cppcc>[一二三四五六七八九十]{1,3}|\d{1,2})届"
)
# A session of a congress: 市十四届人大一次会议, 第十六届人民代表大会第一次会议.
_SESSION = re.compile(_N + r"(?:人大|人民代表大会|政协|委员会)第?[一二三四五六七八九十\d]{1,2}次会议")
# Party plenums (十九届六中全会) and party congresses share the 届 numbering: never a body's term.
_PARTY = re.compile(r"全会|中央|党|纪委")


def term_in_title(title: str) -> int | None:
    """Return the term written in a title (无锡市政协十五届常委会工作报告 → 15), else None."""
    match = re.search(_N, title)
    return chinese_int(match.group(1)) if match else None


def find_term(text: str, title: str = "") -> int | None:
    """Return the term of the body reporting in ``text`` (one report's span), else None.

    Tries, in order: the title, a mandate phrase (我代表/受…委托), the first named
    term-numbered committee, then the first congress session (N届人大X次会议).
    """
    for finder in (
        lambda: term_in_title(title),
        lambda: _mandate(text),
        lambda: _named(text),
    ):
        term = finder()
        if term:
            return term
    match = _SESSION.search(text)
    return chinese_int(match.group(1)) if match else None


def _mandate(text: str) -> int | None:
    match = _MANDATE.search(text)
    return chinese_int(match.group(1)) if match else None


def _named(text: str) -> int | None:
    for match in _NAMED.finditer(text):
        if match.group("gap") and _PARTY.search(match.group("gap")):
            continue
        value = match.group(1) or match.group("cppcc")
        number = chinese_int(value) if value else None
        if number:
            return number
    return None
