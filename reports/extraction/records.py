"""Typed records that the extraction pipeline produces.

Plain dataclasses: no Django here. Every record that stands for a passage of
the source carries ``char_start``/``char_end``: code-point offsets into the
*raw* decoded text, so ``raw[char_start:char_end]`` is exactly that passage.
``reports.importing`` is the one module that turns these records into rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

# Vocabularies shared with the models (kept here so extraction owns them).
BODY_KINDS = (
    "npc_sc",  # 人大常委会 (standing committee of a people's congress)
    "npc",  # 人民代表大会 itself, or a 区/乡镇 人大 without a standing committee
    "cppcc_sc",  # 政协常委会
    "cppcc",  # 政协委员会
    "npc_office",  # a working organ of a standing committee (办公厅, 法工委, …)
    "party_committee",  # 党委 (市委, 区委, …)
    "research_society",  # 人大制度理论研究会 and similar publishers
    "deputy",  # an individual deputy writing as author
    "other",
)
BODY_LEVELS = ("national", "provincial", "prefecture", "county", "district", "township")
REPORT_TYPES = ("work_report", "work_plan", "opinion", "article", "other")
PARTS = ("review", "plan", "other")
QUALIFIERS = ("exact", "approx", "at_least", "at_most")
PERIODS = ("year", "term", "unspecified")


@dataclass(frozen=True)
class ExtractionWarning:
    """Something the importer should tell a person about; never fatal."""

    code: str  # e.g. "region_unresolved", "year_inferred", "replacement_char"
    message: str
    char_start: int | None = None


@dataclass(frozen=True)
class BodyRecord:
    """An issuing or subject body. Matched in the database by (kind, region, name)."""

    name: str  # full official name, e.g. 松原市人民代表大会常务委员会
    kind: str  # one of BODY_KINDS
    level: str  # one of BODY_LEVELS
    region_code: str | None = None  # GB/T 2260, 6 digits; None for national or unresolved
    region_name: str | None = None  # e.g. 吉林省松原市, as resolved
    parent_name: str | None = None  # for offices/deputies: the standing committee they belong to


@dataclass
class AgendaItemRecord:
    """One numbered section, task or paragraph of a report's outline."""

    key: str  # stable within its report, e.g. "review/3/2"; used as natural key on re-import
    parent_key: str | None
    part: str  # one of PARTS
    number: str  # as printed: 一, (一), 1, 一是, 第一; "" for unnumbered paragraphs
    order: int  # 1-based reading order within the report
    heading: str  # short heading (text before the first 。 or the heading line)
    text: str  # the item's full text (raw characters of its span)
    char_start: int
    char_end: int
    body: BodyRecord | None = None  # when the item is about another body (article paragraphs)


@dataclass
class StatisticRecord:
    """One count in the text, normalised."""

    key: str  # stable within its report (see statistics extractor)
    indicator: str | None  # TAXONOMY.md code; "other" for a real count with no code
    label: str  # Chinese label of what is counted
    value: Decimal
    value_max: Decimal | None
    qualifier: str  # one of QUALIFIERS
    unit: str
    period: str  # one of PERIODS
    part: str  # one of PARTS
    year: int | None
    per_unit: bool
    number_text: str  # the number as printed, e.g. 480余万, 两, 89.9%
    char_start: int  # span of the clause holding the number (contains number_text)
    char_end: int
    agenda_item_key: str | None = None


@dataclass
class ReportRecord:
    """A report, plan, opinion or article: one document inside a source."""

    key: str  # stable within the source, e.g. "r1", "r2" in reading order
    title: str
    report_type: str  # one of REPORT_TYPES
    body: BodyRecord | None
    char_start: int
    char_end: int
    term: int | None = None  # 届
    review_year: int | None = None
    plan_year: int | None = None
    review_year_inferred: bool = False
    plan_year_inferred: bool = False
    review_scope: str = "unspecified"  # "one_year" | "term" | "unspecified"
    metadata: dict = field(default_factory=dict)  # journal, issue, author, date, …
    items: list[AgendaItemRecord] = field(default_factory=list)
    statistics: list[StatisticRecord] = field(default_factory=list)
    warnings: list[ExtractionWarning] = field(default_factory=list)


@dataclass
class DocumentRecord:
    """Everything extracted from one source text."""

    text: str  # the raw decoded text (offsets point into this)
    encoding: str
    reports: list[ReportRecord]
    metadata: dict = field(default_factory=dict)  # e.g. journal name, issue, year
    warnings: list[ExtractionWarning] = field(default_factory=list)
