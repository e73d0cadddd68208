"""The extraction pipeline: decode → find reports → outline → statistics."""

from __future__ import annotations

from .decoding import decode
from .documents import find_reports
from .errors import ExtractionError
from .outline import build_outline
from .records import DocumentRecord
from .statistics import extract_statistics
from .version import EXTRACTOR_VERSION

__all__ = ["EXTRACTOR_VERSION", "extract_document"]


def extract_document(data: bytes) -> DocumentRecord:
    """Extract every report, its outline and its statistics from a source's bytes.

    Raises ExtractionError when the bytes are not usable text or hold no report.
    """
    text, encoding = decode(data)
    document = find_reports(text)
    document.encoding = encoding
    if not document.reports:
        raise ExtractionError("no recognisable report, plan, opinion or article")
    for report in document.reports:
        if not report.items:
            report.items = build_outline(text, report.char_start, report.char_end, report_type=report.report_type)
        report.statistics = extract_statistics(text, report)
    return document
