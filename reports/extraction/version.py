"""The extractor's version, apart from the pipeline: an import's storing process needs the
number but, when workers extract, none of the extractors (0.1 s of imports at its start)."""

# Bump when extraction output changes, so import runs record what produced rows.
EXTRACTOR_VERSION = "0.1.0"
