"""Build the agenda-item tree of a report (placeholder until the outliner lands)."""

from __future__ import annotations

from .records import AgendaItemRecord


def build_outline(text: str, start: int, end: int, *, report_type: str) -> list[AgendaItemRecord]:
    """Return the agenda items of ``text[start:end]`` in reading order."""
    raise NotImplementedError("outline extraction is not written yet")
