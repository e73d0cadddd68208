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
CLUTTER = re.compile(
    r"https?://|www\.|\.com\b|\.cn\b|淘宝|ICP备|版权所有|Copyright|©|打印本页|关闭窗口|"
    r"【字号|字号[:：]|收藏本页|分享到|扫一扫|上一篇|下一篇|首页\s*[>›»]|当前位置|面包屑|"
    r"浏览次数|点击数|阅读次数|阅读量|发布时间|发布日期|责任编辑[:：]|^来源[:：]|微信[:：]|QQ[:：]|"
    r"^【(?:打印|关闭)|^返回(?:顶部|首页)$|^(?:打印|关闭|收藏|分享)$"
)


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
    return bool(line.text) and bool(CLUTTER.search(line.text))


def next_content(lines: list[Line], index: int) -> Line | None:
    """Return the first non-blank line after ``lines[index]``, or None at the end."""
    for line in lines[index + 1 :]:
        if not line.blank:
            return line
    return None


def last_content_end(lines: list[Line], first: int, stop: int) -> int | None:
    """Return the end offset of the last non-blank, non-clutter line in ``lines[first:stop]``."""
    for line in reversed(lines[first:stop]):
        if not line.blank and not is_clutter(line):
            return line.end
    return None
