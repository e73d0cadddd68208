"""What an import works out beside extraction, in its extraction workers (plain Python, no Django).

The storing process is an import's bottleneck (bench/findings.md), so what depends on
the extracted document alone is computed where the document was extracted, and sent
along with it (``Extractor(workers, then=…)``, reports/extraction/parallel.py):

- the search pairs of every agenda item (reports/bigrams.py), for PostgreSQL;
- the GB/T 2260 division chain of every region its bodies name, so that the storing
  process need not load the region table (0.2 s, and its memory) to
  create Region rows.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field

from .bigrams import bigram_arrays
from .extraction.divisions import Division, division_chain
from .extraction.records import DocumentRecord


@dataclass
class Prepared:
    """Values derived from one extracted document, for the rows the importer writes."""

    pairs: list = field(default_factory=list)  # item_pairs, or nothing off PostgreSQL
    divisions: dict[str, list[Division]] = field(default_factory=dict)  # region code -> its chain


def prepare(document: DocumentRecord, search_pairs: bool = False) -> Prepared:
    """The division chains of ``document``'s regions, and with ``search_pairs`` its items' pairs."""
    return Prepared(
        pairs=item_pairs(document) if search_pairs else [],
        divisions={code: division_chain(code) for code in region_codes(document)},
    )


def item_pairs(document: DocumentRecord) -> list[tuple[tuple[str, str], tuple[array, ...]]]:
    """``((heading, text), halves)`` of every agenda item of an extracted document: its codes in
    their two halves (``bigrams.PARITIES``).

    The importer hands them to ``bigrams.remember_ahead`` before it writes the document's rows.
    The codes travel as ``array('i')``: they are pickled as their bytes, not as millions of
    separate integers.
    """
    out = []
    for report in document.reports:
        for item in report.items:
            out.append(((item.heading, item.text), bigram_arrays((item.heading, item.text))))
    return out


def region_codes(document: DocumentRecord) -> set[str]:
    """Every region code the document's bodies name (reports' and agenda items')."""
    bodies = [report.body for report in document.reports]
    bodies += [item.body for report in document.reports for item in report.items]
    return {body.region_code for body in bodies if body is not None and body.region_code}
