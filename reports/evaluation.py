"""Score extracted statistics against gold annotations (ANNOTATION.md JSONL). No Django.

A prediction matches a gold mention when its span overlaps the gold ``text``
(found inside the gold ``line``) and it has the same value and unit. Gold
mentions marked ``slogan_like`` are neither required nor penalised. Matching
is one-to-one. ``score`` returns per-report figures; ``format_report`` prints them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from reports.extraction.normalize import fold_width
from reports.extraction.records import AgendaItemRecord, BodyRecord, ReportRecord, StatisticRecord


@dataclass(frozen=True)
class GoldMention:
    """One gold statistic with its position in the source text."""

    report: str
    line: int
    text: str
    value: Decimal
    unit: str
    code: str
    label: str
    slogan_like: bool
    char_start: int
    char_end: int
    located: bool  # False when ``text`` was not found in its line (span = whole line)


@dataclass
class ReportScore:
    """Figures for one report."""

    report: str
    matched: list[tuple[GoldMention, StatisticRecord]] = field(default_factory=list)
    misses: list[GoldMention] = field(default_factory=list)
    extras: list[StatisticRecord] = field(default_factory=list)
    ignored: int = 0  # predictions that matched slogan-like gold

    @property
    def precision(self) -> float:
        found = len(self.matched) + len(self.extras)
        return len(self.matched) / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = len(self.matched) + len(self.misses)
        return len(self.matched) / wanted if wanted else 1.0

    @property
    def code_accuracy(self) -> float:
        right = sum(1 for g, p in self.matched if p.indicator == g.code)
        return right / len(self.matched) if self.matched else 1.0


def read_gold(path: str | Path) -> dict[str, list[dict]]:
    """Read a gold JSONL file; return its mentions grouped by report key."""
    grouped: dict[str, list[dict]] = {}
    for raw in Path(path).read_text(encoding="utf-8").splitlines():
        if raw.strip():
            row = json.loads(raw)
            grouped.setdefault(row["report"], []).append(row)
    return grouped


def line_offsets(text: str) -> list[int]:
    """Offsets of the start of each 1-based line (index 0 is line 1), split on \\n."""
    offsets, pos = [0], text.find("\n")
    while pos >= 0:
        offsets.append(pos + 1)
        pos = text.find("\n", pos + 1)
    return offsets


def locate(text: str, rows: list[dict], offsets: list[int] | None = None) -> list[GoldMention]:
    """Turn gold rows into GoldMentions positioned in ``text`` (gold text found in its line)."""
    offsets = offsets or line_offsets(text)
    mentions = []
    for row in rows:
        start = offsets[row["line"] - 1]
        end = offsets[row["line"]] - 1 if row["line"] < len(offsets) else len(text)
        line = fold_width(text[start:end])
        at = line.find(fold_width(row["text"]))
        located = at >= 0
        span = (start + at, start + at + len(row["text"])) if located else (start, end)
        mentions.append(
            GoldMention(
                row["report"],
                row["line"],
                row["text"],
                Decimal(str(row["value"])),
                row["unit"],
                row.get("code", "other"),
                row.get("label", ""),
                bool(row.get("slogan_like")),
                span[0],
                span[1],
                located,
            )
        )
    return mentions


def _fits(gold: GoldMention, pred: StatisticRecord) -> bool:
    """True when ``pred`` overlaps ``gold`` with the same value and unit."""
    overlaps = pred.char_start < gold.char_end and gold.char_start < pred.char_end
    return overlaps and Decimal(pred.value) == gold.value and pred.unit == gold.unit


def score_report(report: str, gold: list[GoldMention], predicted: list[StatisticRecord]) -> ReportScore:
    """Match ``predicted`` to ``gold`` one-to-one and return the report's score."""
    result = ReportScore(report)
    free = list(predicted)
    for mention in sorted(gold, key=lambda g: g.slogan_like):
        pred = next((p for p in free if _fits(mention, p)), None)
        if pred is not None:
            free.remove(pred)
            if mention.slogan_like:
                result.ignored += 1
            else:
                result.matched.append((mention, pred))
        elif not mention.slogan_like:
            result.misses.append(mention)
    result.extras = free
    return result


def score(
    text: str, gold_rows: dict[str, list[dict]], predictions: dict[str, list[StatisticRecord]]
) -> list[ReportScore]:
    """Score each gold report's predictions; ``predictions`` maps report key -> statistics."""
    offsets = line_offsets(text)
    return [score_report(key, locate(text, rows, offsets), predictions.get(key, [])) for key, rows in gold_rows.items()]


def overall(scores: list[ReportScore]) -> ReportScore:
    """Pool several report scores into one."""
    total = ReportScore("overall")
    for s in scores:
        total.matched += s.matched
        total.misses += s.misses
        total.extras += s.extras
        total.ignored += s.ignored
    return total


def format_report(scores: list[ReportScore], text: str | None = None, details: bool = True) -> str:
    """Render scores as text: one line per report, the overall line, then misses and extras."""
    lines = [f"{'report':<12} {'gold':>5} {'pred':>5} {'P':>6} {'R':>6} {'code':>6}"]
    for s in [*scores, overall(scores)]:
        gold = len(s.matched) + len(s.misses)
        pred = len(s.matched) + len(s.extras)
        lines.append(f"{s.report:<12} {gold:>5} {pred:>5} {s.precision:6.3f} {s.recall:6.3f} {s.code_accuracy:6.3f}")
    if details:
        for s in scores:
            lines += [f"MISS  {s.report} l{g.line} {g.value}{g.unit} {g.text}" for g in s.misses]
            lines += [f"EXTRA {s.report} {p.number_text}{p.unit} {_snippet(text, p)}" for p in s.extras]
            lines += [
                f"CODE  {s.report} l{g.line} {g.text}: gold {g.code} != {p.indicator}"
                for g, p in s.matched
                if g.code != p.indicator
            ]
    return "\n".join(lines)


def _snippet(text: str | None, p: StatisticRecord) -> str:
    return text[p.char_start : p.char_end] if text else p.label


# --- building reports from the spec manifests (for tests and benches without the segmenter)


def report_from_manifest(text: str, entry: dict, offsets: list[int] | None = None) -> ReportRecord:
    """Build a ReportRecord for a ``reports_002.json`` entry: title_line..end_line, review/plan items."""
    offsets = offsets or line_offsets(text)

    def span(first: int, last: int) -> tuple[int, int]:
        end = offsets[last] - 1 if last < len(offsets) else len(text)
        return offsets[first - 1], end

    start, end = span(entry["title_line"], entry["end_line"])
    items = []
    if entry.get("review_heading_line") and entry.get("plan_heading_line"):
        review = span(entry["review_heading_line"], entry["plan_heading_line"] - 1)
        plan = span(entry["plan_heading_line"], entry["end_line"])
        items = [_item("review", 1, text, *review), _item("plan", 2, text, *plan)]
    scope = {"one_year": "one_year", "five_years": "term", "term": "term"}.get(entry.get("review_scope"), "unspecified")
    body = BodyRecord(entry["body_name"], entry["body_kind"], entry.get("admin_level") or "prefecture")
    return ReportRecord(
        key=entry["report_key"],
        title=entry["title"],
        report_type="work_report",
        body=body,
        char_start=start,
        char_end=end,
        term=entry.get("term"),
        review_year=entry.get("review_year"),
        plan_year=entry.get("plan_year"),
        review_scope=scope,
        items=items,
    )


def _item(part: str, order: int, text: str, start: int, end: int) -> AgendaItemRecord:
    heading = text[start:end].split("\n", 1)[0]
    return AgendaItemRecord(part, None, part, "", order, heading, text[start:end], start, end)


def whole_file_report(text: str, key: str, report_type: str, first_line: int = 1, **fields) -> ReportRecord:
    """A ReportRecord covering ``text`` from ``first_line`` to the end (000 plan, 003 opinion)."""
    start = line_offsets(text)[first_line - 1]
    fields.setdefault("body", None)
    return ReportRecord(key=key, title="", report_type=report_type, char_start=start, char_end=len(text), **fields)


def build_report(key: str, text: str, manifests_dir: str | Path) -> ReportRecord:
    """Build the ReportRecord for gold report ``key`` (``NNN:line``) from the spec manifests."""
    seed, line = key.split(":")
    manifests_dir = Path(manifests_dir)
    for entry in (
        json.loads((manifests_dir / f"reports_{seed}.json").read_text(encoding="utf-8"))
        if (manifests_dir / f"reports_{seed}.json").exists()
        else []
    ):
        if entry["report_key"] == key:
            return report_from_manifest(text, entry)
    doc = json.loads((manifests_dir / "docs_other.json").read_text(encoding="utf-8"))["documents"][seed]
    report_type = {"work_plan": "work_plan", "opinion": "opinion"}.get(doc["doc_type"], "article")
    year = (doc.get("year_covered") or {}).get("value")
    body = BodyRecord(doc["issuing_body"]["name"], _kind_of(doc["issuing_body"]["name"]), "provincial")
    return whole_file_report(text, key, report_type, int(line), plan_year=year, body=body)


def _kind_of(name: str) -> str:
    if "政协" in name or "政治协商" in name:
        return "cppcc_sc"
    return "npc_sc" if "人民代表大会" in name or "人大" in name else "party_committee"


def evaluate_gold_dir(gold_dir: str | Path, seeds_dir: str | Path, manifests_dir: str | Path, extract=None):
    """Run the extractor over every gold report in ``gold_dir`` and score it.

    Returns (scores, texts) where texts maps seed number -> source text.
    """
    from reports.extraction.statistics import extract_statistics

    extract = extract or extract_statistics
    scores, texts = [], {}
    for path in sorted(Path(gold_dir).glob("*.jsonl")):
        for key, rows in read_gold(path).items():
            seed = key.split(":")[0]
            if seed not in texts:
                source = next(Path(seeds_dir).glob(f"{seed}_*.txt"))
                texts[seed] = source.read_text(encoding="utf-8-sig")
            text = texts[seed]
            report = build_report(key, text, manifests_dir)
            scores += score(text, {key: rows}, {key: extract(text, report)})
    return scores, texts
