"""Physical lines of a raw text, with their code-point offsets.

Every offset here points into the raw text: a line's ``start``/``end`` cover
its visible content without surrounding blanks (ASCII spaces, full-width
spaces, no-break spaces, tabs and the ``\\r`` of CRLF files).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BLANKS = " \t\r\f\u3000\u00a0\ufeff"
# Clutter: site banners, navigation, toolbars, publication stamps and ads.
# Only whole lines outside a report's own content are ever dropped for this.
# Three patterns rather than one alternation: words that may stand anywhere
# (each starts with a literal character, so the regex engine skips ahead to
# the next candidate character), words only at the start of a line (tried
# once, with match) and menus (only when a line holds a bar at all).
_CLUTTER_ANYWHERE = re.compile(
    r"https?://|www\.|\.com\b|\.cn\b|淘宝|ICP备|公网安备|网站标识码|版权所有|Copyright|©|打印本页|关闭窗口|"
    r"【字号|字号[:：]|收藏本页|分享到|扫一扫|上一篇|下一篇|首页\s*[>›»]|当前位置|面包屑|"
    r"浏览次数|点击数|阅读次数|阅读量|发布时间|发布日期|责任编辑[:：]|微信[:：]|QQ[:：]|联系我们|网站地图"
)
_CLUTTER_START = re.compile(
    r"来源[:：]|【(?:打印|关闭)|返回(?:顶部|首页)$|(?:打印|关闭|收藏|分享)$|"
    r"(?:主办单位|承办单位|技术支持|相关链接|友情链接|联系电话|地址)[:：]"
)
_MENU = re.compile(r"\S\s*[|｜]\s*\S.*[|｜]")  # 首页 | 人大要闻 | 立法工作
# Banners, menus and stamps are short; a long line is prose even when it cites a
# web address (and scanning long paragraphs for clutter dominated parse time).
_CLUTTER_MAX = 200
# Lines that close a web article: nothing after them belongs to the text.
# Split like the clutter words, so a long paragraph is not tried at every position.
_ARTICLE_END_START = re.compile(r"责任编辑[:：]|【?(?:打印本页|关闭窗口)|上一篇|相关链接")
_ARTICLE_END_ANYWHERE = re.compile(r"版权所有|ICP备")
# Page furniture of a PDF: a page number alone on its line (- 3 -, 第3页, 3/12).
PAGE_NUMBER = re.compile(
    r"^(?:[-－—–·•]\s*\d{1,4}\s*[-－—–·•]|第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}|\d{1,3})$"
)
# A line that ends a sentence (a footer follows finished text, a toolbar does not).
_FINISHED = re.compile(r"[。！？!?…”」]$")


@dataclass(frozen=True)
class Line:
    """One physical line: its 0-based number, raw bounds and stripped content."""

    number: int  # 0-based line number
    start: int  # offset of the first visible character (or of the line when blank)
    end: int  # offset just past the last visible character
    text: str  # the stripped content

    @property
    def blank(self) -> bool:
        """True when the line holds nothing visible."""
        return not self.text


def split_lines(text: str) -> list[Line]:
    """Return the physical lines of ``text`` (split on \\n) with stripped offsets."""
    lines = []
    offset = 0
    for number, raw in enumerate(text.split("\n")):
        stripped = raw.strip(_BLANKS)
        if stripped:
            start = offset + len(raw) - len(raw.lstrip(_BLANKS))
            end = start + len(stripped)
        else:
            start = end = offset
        lines.append(Line(number, start, end, stripped))
        offset += len(raw) + 1
    return lines


def is_clutter(line: Line) -> bool:
    """True for a banner, navigation, toolbar, publication stamp or advertisement line."""
    text = line.text
    if not 0 < len(text) <= _CLUTTER_MAX:
        return False
    if _CLUTTER_ANYWHERE.search(text) or _CLUTTER_START.match(text):
        return True
    return ("|" in text or "｜" in text) and _MENU.search(text) is not None


def is_page_number(line: Line) -> bool:
    """True for a PDF page number alone on its line (- 3 -, 第3页)."""
    return bool(PAGE_NUMBER.match(line.text))


def next_content(lines: list[Line], index: int) -> Line | None:
    """Return the first non-blank line after ``lines[index]``, or None at the end."""
    for line in lines[index + 1 :]:
        if not line.blank:
            return line
    return None


def footer_start(lines: list[Line], first: int, stop: int) -> int:
    """Return the number of the line where a web page's footer begins in ``lines[first:stop]``.

    A footer opens with a line that closes an article (责任编辑, 【打印本页】, 版权所有)
    right after a finished sentence; a toolbar under the title does not count.
    Returns ``stop`` when there is no footer.
    """
    previous = None
    for line in lines[first:stop]:
        if line.blank:
            continue
        if previous is not None and _closes_article(line.text) and _FINISHED.search(previous.text):
            return line.number
        previous = line
    return stop


def _closes_article(text: str) -> bool:
    return bool(_ARTICLE_END_START.match(text) or _ARTICLE_END_ANYWHERE.search(text))


def last_content_end(lines: list[Line], first: int, stop: int) -> int | None:
    """Return the end offset of the last content line in ``lines[first:stop]``.

    Blank lines, clutter, page numbers and a web footer are not content.
    """
    stop = footer_start(lines, first, stop)
    for line in reversed(lines[first:stop]):
        if not line.blank and not is_clutter(line) and not is_page_number(line):
            return line.end
    return None
