"""python manage.py evaluate_extraction GOLD.jsonl [...]: score imported statistics against gold."""

from __future__ import annotations

from bisect import bisect_right
from pathlib import Path
from types import SimpleNamespace

from django.core.management.base import BaseCommand, CommandError

from reports.evaluation import ReportScore, format_report, line_offsets, locate, overall, read_gold, score_report
from reports.models import Report, Source, Statistic


class Command(BaseCommand):
    help = (
        "Score the statistics of the imported corpus against gold files (ANNOTATION.md JSONL): "
        "precision, recall and indicator-code accuracy per report and overall, with misses and extras. "
        "A gold report key 'NNN:L' names the source whose file name starts with 'NNN' and the report "
        "whose span holds line L."
    )

    def add_arguments(self, parser):
        parser.add_argument("gold", nargs="+", help="Gold JSONL files (or folders of them).")
        parser.add_argument("--brief", action="store_true", help="Only the figures, not the misses and extras.")

    def handle(self, *args, gold, brief=False, **options):
        scores: list[ReportScore] = []
        for path in _gold_files(gold):
            for key, rows in read_gold(path).items():
                scores.append(self._score(key, rows))
        self.stdout.write(format_report(scores, details=not brief))
        total = overall(scores)
        self.stdout.write(
            f"overall: precision {total.precision:.3f} recall {total.recall:.3f} code accuracy {total.code_accuracy:.3f}"
        )

    def _score(self, key: str, rows: list[dict]) -> ReportScore:
        source = _source_for(key)
        offsets = line_offsets(source.text)
        report = _report_at(source, offsets, int(key.split(":")[1]))
        predicted = [_as_prediction(stat) for stat in Statistic.objects.filter(report=report)]
        return score_report(key, locate(source.text, rows, offsets), predicted)


def _as_prediction(stat: Statistic) -> SimpleNamespace:
    """The fields the scorer reads, with the indicator as its code (as extraction records carry it)."""
    return SimpleNamespace(
        char_start=stat.char_start,
        char_end=stat.char_end,
        value=stat.value,
        unit=stat.unit,
        indicator=stat.indicator_id,
        number_text=stat.number_text,
        label=stat.label,
    )


def _gold_files(paths: list[str]) -> list[Path]:
    files = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(path.glob("*.jsonl")))
        elif path.is_file():
            files.append(path)
        else:
            raise CommandError(f"{path}: no such file or folder")
    return files


def _source_for(key: str) -> Source:
    prefix = key.split(":")[0]
    source = Source.objects.filter(name__startswith=f"{prefix}_").first() or Source.objects.filter(name=prefix).first()
    if source is None:
        raise CommandError(f"gold report {key}: no imported source named {prefix}_*")
    return source


def _report_at(source: Source, offsets: list[int], line: int) -> Report:
    """The report whose span holds the start of ``line`` (1-based)."""
    position = offsets[line - 1]
    reports = list(Report.objects.filter(source=source).order_by("char_start").only("id", "char_start", "char_end"))
    index = bisect_right([r.char_start for r in reports], position) - 1
    if index < 0 or reports[index].char_end <= position:
        raise CommandError(f"{source.name}: no imported report holds line {line}")
    return reports[index]
