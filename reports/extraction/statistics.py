"""Find the statistics of a report (placeholder until the extractor lands)."""

from __future__ import annotations

from .records import ReportRecord, StatisticRecord


def extract_statistics(text: str, report: ReportRecord) -> list[StatisticRecord]:
    """Return every count in ``text[report.char_start:report.char_end]``."""
    raise NotImplementedError("statistics extraction is not written yet")
