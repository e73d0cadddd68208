"""Extraction: raw report texts in, typed records out. Knows nothing of Django."""

from .errors import ExtractionError
from .pipeline import EXTRACTOR_VERSION, extract_document

__all__ = ["EXTRACTOR_VERSION", "ExtractionError", "extract_document"]
