"""Find the reports in a text (placeholder until the segmenter lands)."""

from __future__ import annotations

from .records import DocumentRecord


def find_reports(text: str) -> DocumentRecord:
    """Return a DocumentRecord whose ``reports`` are the documents found in ``text``."""
    raise NotImplementedError("report segmentation is not written yet")
