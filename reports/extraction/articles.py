"""Magazine web pages: one article, one item per body paragraph."""

from __future__ import annotations


def find_web_article(text, lines, document) -> bool:
    return False
