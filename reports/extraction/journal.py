"""Journal issues: front matter, table of contents and bylined articles."""

from __future__ import annotations


def find_issue(text, lines, document) -> bool:
    return False
