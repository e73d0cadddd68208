"""Import benchmark: parse-only and end-to-end throughput, linearity and peak memory.

For each corpus size (default 10MB and 30MB; ``--full`` adds 100MB):
parse-only (``bench/parse_only.py``: ``extract_document`` over the files in one
process, then in the importer's worker pool with one worker per CPU) and
end to end (``manage.py import DIR`` into a fresh PostgreSQL database), each in
its own process under ``/usr/bin/time -v``; then the same import again, when
every file is unchanged. Writes bench/results/import.json.

    python bench/import_bench.py [--sizes 10MB,30MB] [--full]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import BENCH, PYTHON, corpus, django_env, fresh_database, log, manage, psql, save, timed  # noqa: E402

COUNT_SQL = (
    "SELECT json_build_object("
    "'sources', (SELECT count(*) FROM reports_source),"
    "'bodies', (SELECT count(*) FROM reports_body),"
    "'reports', (SELECT count(*) FROM reports_report),"
    "'agenda_items', (SELECT count(*) FROM reports_agendaitem),"
    "'statistics', (SELECT count(*) FROM reports_statistic),"
    "'run_seconds', (SELECT duration_seconds FROM reports_importrun ORDER BY id DESC LIMIT 1))"
)


def mb(n: int) -> float:
    return n / 1e6


def parse_only(folder: Path, size_bytes: int, workers: int = 0) -> dict:
    log(f"parse-only {folder.name}" + (f", {workers} workers" if workers else ""))
    run = timed([PYTHON, str(BENCH / "parse_only.py"), str(folder), f"--workers={workers}"])
    if run.returncode != 0:
        raise RuntimeError(run.stderr[-3000:])
    result = json.loads(run.stdout.splitlines()[-1])
    result.update(
        wall_seconds=round(run.seconds, 2),
        max_rss_mb=round(run.max_rss_mb, 1),
        mb_per_s=round(mb(size_bytes) / result["seconds"], 2),
    )
    return result


def end_to_end(folder: Path, size_bytes: int, label: str) -> dict:
    db = f"rdapi_bench_import_{label.lower()}"
    env = django_env(fresh_database(db))
    manage(["migrate", "--noinput"], env)
    log(f"import {folder.name} into {db}")
    first = timed([PYTHON, "manage.py", "import", str(folder)], env)
    counts = json.loads(psql(COUNT_SQL, db))
    log(f"re-import (unchanged) {folder.name}")
    again = timed([PYTHON, "manage.py", "import", str(folder)], env)
    output = first.stderr.split("\tCommand being timed")[0]
    failed = [line for line in output.splitlines() if ": " in line]
    return {
        "database": db,
        "exit_code": first.returncode,
        "failed_files_sample": failed[:5],
        "wall_seconds": round(first.seconds, 2),
        "run_seconds": counts.pop("run_seconds"),
        "max_rss_mb": round(first.max_rss_mb, 1),
        "mb_per_s": round(mb(size_bytes) / first.seconds, 2),
        "rows": counts,
        "reimport_wall_seconds": round(again.seconds, 2),
        "reimport_exit_code": again.returncode,
        "reimport_max_rss_mb": round(again.max_rss_mb, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10MB,30MB", help="comma-separated corpus sizes")
    parser.add_argument("--full", action="store_true", help="add the 100MB corpus (the linearity ratio needs it)")
    parser.add_argument("--skip-e2e", action="store_true", help="parse-only (no database)")
    args = parser.parse_args()
    sizes = [s.strip().upper() for s in args.sizes.split(",") if s.strip()]
    if args.full and "100MB" not in sizes:
        sizes.append("100MB")
    runs = []
    for size in sizes:
        folder, size_bytes = corpus(size)
        entry = {
            "size": size,
            "bytes": size_bytes,
            "folder": str(folder),
            "parse_only": parse_only(folder, size_bytes),
            "parse_only_workers": parse_only(folder, size_bytes, workers=os.cpu_count() or 1),
        }
        if not args.skip_e2e:
            entry["end_to_end"] = end_to_end(folder, size_bytes, size)
        runs.append(entry)
        save("import", {"runs": runs, "ratios": ratios(runs)})
    return 0


def ratios(runs: list[dict]) -> dict:
    """Time ratio of each size to the smallest, against the size ratio (linear: equal)."""
    base = runs[0]
    out = {}
    for run in runs[1:]:
        key = f"{run['size']}/{base['size']}"
        out[key] = {"bytes": round(run["bytes"] / base["bytes"], 2)}
        out[key]["parse_only"] = round(run["parse_only"]["seconds"] / base["parse_only"]["seconds"], 2)
        if "end_to_end" in run and "end_to_end" in base:
            out[key]["end_to_end"] = round(run["end_to_end"]["wall_seconds"] / base["end_to_end"]["wall_seconds"], 2)
    return out


if __name__ == "__main__":
    sys.exit(main())
