"""Extraction: raw report texts in, typed records out. Knows nothing of Django.

The pipeline is loaded on first use (PEP 562), so code that only needs the
record types (the models, the API) does not compile every extractor's
patterns at start-up.
"""

from importlib import import_module

__all__ = ["EXTRACTOR_VERSION", "ExtractionError", "extract_document"]

_LAZY = {
    "EXTRACTOR_VERSION": ".version",
    "extract_document": ".pipeline",
    "ExtractionError": ".errors",
}


def __getattr__(name):
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(_LAZY[name], __name__), name)
