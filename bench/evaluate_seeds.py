"""Score the statistics extractor on the gold reports, without Django.

Usage: python bench/evaluate_seeds.py [--gold tests/gold] [--seeds seeds]
       [--manifests tests/fixtures/manifests] [--brief]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reports.evaluation import evaluate_gold_dir, format_report  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, score every gold report and write the table to stdout."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--gold", default=ROOT / "tests/gold")
    parser.add_argument("--seeds", default=ROOT / "seeds")
    parser.add_argument("--manifests", default=ROOT / "tests/fixtures/manifests")
    parser.add_argument("--brief", action="store_true", help="figures only, no misses/extras")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    scores, texts = evaluate_gold_dir(args.gold, args.seeds, args.manifests)
    text = next(iter(texts.values())) if len(texts) == 1 else None
    sys.stdout.write(format_report(scores, text if text else None, details=not args.brief) + "\n")
    sys.stdout.write(f"({time.perf_counter() - started:.2f}s)\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
