"""Scoring against gold, and the golden figures of the gold reports."""

import json
from decimal import Decimal
from pathlib import Path

import pytest

from reports.evaluation import evaluate_gold_dir, format_report, overall, read_gold, score
from reports.extraction.records import StatisticRecord

ROOT = Path(__file__).resolve().parents[2]
GOLD, SEEDS, MANIFESTS = ROOT / "tests/gold", ROOT / "seeds", ROOT / "tests/fixtures/manifests"
TEXT = "标题\n一年来，召开常委会会议5次，“两个确立”，打造2个站点。\n"


def pred(number_text, value, unit, start, end, code="other"):
    return StatisticRecord(
        f"k{start}",
        code,
        "x",
        Decimal(value),
        None,
        "exact",
        unit,
        "year",
        "review",
        2023,
        False,
        number_text,
        start,
        end,
    )


def gold_rows(tmp_path):
    rows = [
        {"report": "9:1", "line": 2, "text": "召开常委会会议5次", "value": 5, "unit": "次", "code": "sc_meetings"},
        {"report": "9:1", "line": 2, "text": "“两个确立”", "value": 2, "unit": "个", "slogan_like": True},
        {"report": "9:1", "line": 2, "text": "打造2个站点", "value": 2, "unit": "个", "code": "other"},
    ]
    path = tmp_path / "g.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    return read_gold(path)


def test_match_needs_overlap_value_and_unit(tmp_path):
    clause = TEXT.index("召开")
    predictions = [
        pred("5", 5, "次", clause, clause + 9, "sc_meetings"),
        pred("两", 2, "个", TEXT.index("“"), TEXT.index("”") + 1),  # slogan-like: ignored
        pred("2", 2, "件", TEXT.index("打造"), TEXT.index("打造") + 6),  # wrong unit: extra
    ]
    (s,) = score(TEXT, gold_rows(tmp_path), {"9:1": predictions})
    assert (len(s.matched), len(s.misses), len(s.extras), s.ignored) == (1, 1, 1, 1)
    assert (s.precision, s.recall, s.code_accuracy) == (0.5, 0.5, 1.0)
    text = format_report([s], TEXT)
    assert "MISS  9:1 l2 2个 打造2个站点" in text and "EXTRA 9:1 2件" in text


def test_no_predictions_scores_zero_recall(tmp_path):
    (s,) = score(TEXT, gold_rows(tmp_path), {})
    assert (s.recall, s.precision) == (0.0, 1.0)


@pytest.fixture(scope="module")
def gold_scores():
    scores, _ = evaluate_gold_dir(GOLD, SEEDS, MANIFESTS)
    return scores


def test_every_gold_text_is_found_on_its_line():
    from reports.evaluation import locate

    text = (SEEDS / "002_7c4c3c7cf2127719.txt").read_text(encoding="utf-8-sig")
    for path in GOLD.glob("stats_002_*.jsonl"):
        for rows in read_gold(path).values():
            assert all(m.located for m in locate(text, rows)), path


def test_gold_targets(gold_scores):
    total = overall(gold_scores)
    assert len(total.matched) + len(total.misses) >= 200
    assert total.precision >= 0.95
    assert total.recall >= 0.95
    assert total.code_accuracy >= 0.90


def test_each_gold_report_recall(gold_scores):
    for s in gold_scores:
        assert s.recall >= 0.9 and s.precision >= 0.9, format_report([s])


GOLD_COUNTS = {
    "000:1": 0,
    "002:122": 87,
    "002:229": 67,
    "002:479": 46,
    "002:870": 33,
    "002:954": 26,
    "002:988": 26,
    "002:917": 46,
    "002:1010": 27,
    "002:1123": 41,
}


def test_gold_report_sizes(gold_scores):
    assert {s.report: len(s.matched) + len(s.misses) for s in gold_scores} == GOLD_COUNTS
