"""COPY streamed as it is formatted against formatted first: ``bulk_insert`` of items and statistics.

Makes a fresh database ``rdapi_bench_copy``, then times ``bulk_insert`` of 3,000 agenda items
and 15,000 statistics (about what 10 MB of reports hold) in a transaction rolled back, once per
read size and round, the sizes alternated within each round. ``whole`` reads everything at once:
the rows are all formatted before the server receives any, as before streaming. Prints the
median seconds per read size and every run.

    python bench/copy_bench.py [--rounds 6]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from common import django_env, fresh_database, manage  # noqa: E402

READ_SIZES = {"whole": -1, "16 KB": 16 * 1024, "64 KB": 64 * 1024, "256 KB": 256 * 1024}
TEXT = "常委会坚持以习近平新时代中国特色社会主义思想为指导，全年召开常委会会议12次，审议法规草案8件。" * 8


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=6)
    args = parser.parse_args()
    env = django_env(fresh_database("rdapi_bench_copy"), DJANGO_SETTINGS_MODULE="rdapi.settings")
    manage(["migrate", "--noinput"], env)
    os.environ.update(env)
    import django

    django.setup()
    runs = time_reads(args.rounds)
    medians = {size: statistics.median(seconds) for size, seconds in runs.items()}
    sys.stdout.write(json.dumps({"median_seconds": medians, "runs": runs}) + "\n")
    return 0


def time_reads(rounds: int) -> dict[str, list[float]]:
    from django.db import transaction

    from reports import bulk
    from reports.models import AgendaItem, Statistic
    from tests.factories import make_body, make_report

    report = make_report(body=make_body())
    runs: dict[str, list[float]] = {size: [] for size in READ_SIZES}
    for _ in range(rounds):
        for size, read in READ_SIZES.items():
            bulk._COPY_READ = read
            items, stats = rows(report, AgendaItem, Statistic)
            started = time.perf_counter()
            with transaction.atomic():
                bulk.bulk_insert(AgendaItem, items)
                bulk.bulk_insert(Statistic, stats)
                transaction.set_rollback(True)
            runs[size].append(round(time.perf_counter() - started, 3))
    return runs


def rows(report, item_model, statistic_model) -> tuple[list, list]:
    items = [
        item_model(
            report=report,
            source=report.source,
            body=report.body,
            key=f"review/{n}",
            part="review",
            number=f"({n})",
            order=n,
            heading=f"标题{n}",
            text=TEXT,
            edited_fields=[],
            char_start=n,
            char_end=n + 10,
        )
        for n in range(3000)
    ]
    stats = [
        statistic_model(
            report=report,
            body=report.body,
            source=report.source,
            key=f"s{n}",
            label="召开常委会会议",
            value=Decimal(n),
            qualifier="exact",
            unit="次",
            period="year",
            part="review",
            year=2023,
            number_text=str(n),
            char_start=n,
            char_end=n + 2,
        )
        for n in range(15000)
    ]
    return items, stats


if __name__ == "__main__":
    sys.exit(main())
