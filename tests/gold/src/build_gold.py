"""Write hand-made gold JSONL from compact rows, checking each text is on its line.

Rows: (line, text, number_text, value, unit, code, label[, extras]). Qualifier is
derived from the text around the number unless given in extras; part from the
plan heading line; period from the report's scope unless given.
Usage: python tests/gold/src/build_gold.py  (rewrites tests/gold/stats_002_*.jsonl it owns)
"""

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent.parent
SEED = ROOT / "seeds" / "002_7c4c3c7cf2127719.txt"


def build(key: str, plan_line: int, period: str, rows: list[tuple]) -> list[dict]:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    out = []
    for row in rows:
        line, text, number_text, value, unit, code, label, *rest = row
        extras = rest[0] if rest else {}
        assert text in lines[line - 1], (line, text)
        assert number_text in text, (line, text, number_text)
        qualifier = "approx" if ("余" in number_text or "多" in number_text) else "exact"
        record = {
            "report": key,
            "line": line,
            "part": "plan" if line >= plan_line else "review",
            "text": text,
            "number_text": number_text,
            "value": value,
            "value_max": None,
            "qualifier": qualifier,
            "unit": unit,
            "period": period,
            "per_unit": False,
            "code": code,
            "label": label,
        }
        record.update(extras)
        out.append(record)
    return out


def write(name: str, records: list[dict]) -> None:
    with open(HERE.parent / name, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    import gold_rows

    for name, (key, plan_line, period, rows) in gold_rows.REPORTS.items():
        write(name, build(key, plan_line, period, rows))
        print(name, len(rows))
