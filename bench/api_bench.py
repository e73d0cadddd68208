"""API benchmark: rdapi under gunicorn against a bare psycopg2 baseline running the same SQL.

1. ``rdapi_bench_api``: a fresh PostgreSQL database with a generated corpus
   imported (``--corpus 30MB``; reused on later runs unless ``--rebuild``).
2. For each endpoint, a few URLs (ids, codes and years picked from the data);
   in a Django process, the test client fetches each URL under
   CaptureQueriesContext: the SQL it runs (for the baseline), its status, and
   the query count of each list at page_size 10 and 100.
3. ``gunicorn rdapi.wsgi -w 2`` and ``gunicorn baseline_app:app -w 2`` on
   loopback; ``wrk`` (bench/urls.lua cycles the URLs) loads one endpoint of one
   app at a time: a warm-up, then ``--seconds`` of measurement.

Writes bench/results/api.json (requests/s, p50/p99 latency, errors, ratios)
and bench/results/api_sql.json (the captured SQL the baseline serves).

    python bench/api_bench.py [--corpus 30MB] [--seconds 10] [--connections 4] [--rebuild]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import (  # noqa: E402
    BENCH,
    PYTHON,
    RESULTS,
    ROOT,
    corpus,
    database_exists,
    database_url,
    django_env,
    fresh_database,
    log,
    manage,
    psql,
    save,
)

DB = "rdapi_bench_api"
RDAPI_PORT, BASELINE_PORT, UNCACHED_PORT = 8701, 8702, 8703
GUNICORN = str(Path(PYTHON).parent / "gunicorn")
GUNICORN_ARGS = ["-w", "2", "--worker-class", "sync", "--log-level", "warning"]


def prepare(size: str, rebuild: bool) -> str:
    """Return the URL of a database holding the ``size`` corpus, importing it when needed."""
    url = database_url(DB)
    if not rebuild and database_exists(DB) and psql("SELECT count(*) FROM django_migrations", DB) != "0":
        marker = psql("SELECT count(*) FROM reports_importrun WHERE command LIKE '%%" + size + "%%'", DB)
        if marker != "0":
            log(f"reusing {DB} (--rebuild to re-import)")
            manage(["migrate", "--noinput"], django_env(url))
            psql("ANALYZE", DB)
            return url
    folder, _ = corpus(size)
    env = django_env(fresh_database(DB))
    manage(["migrate", "--noinput"], env)
    log(f"importing {folder.name} into {DB}")
    manage(["import", str(folder)], env, check=False)  # a few unrecognised files must not stop the bench
    # Planner statistics, as autovacuum would have them some minutes later: without them the
    # statistics list plans a nested loop that computes every span before sorting (~60× slower).
    psql("ANALYZE", DB)
    return url


def pick_urls(db: str) -> dict[str, list[str]]:
    """The benchmarked endpoints, each with a few URLs built from what the database holds."""
    years = psql(
        "SELECT string_agg(y::text, ',') FROM (SELECT year AS y FROM reports_statistic WHERE year IS NOT NULL"
        " GROUP BY year ORDER BY count(*) DESC LIMIT 3) s",
        db,
    ).split(",")
    codes = psql(
        "SELECT string_agg(c, ',') FROM (SELECT indicator_id AS c FROM reports_statistic WHERE indicator_id"
        " IS NOT NULL AND indicator_id <> 'other' GROUP BY 1 ORDER BY count(*) DESC LIMIT 3) s",
        db,
    ).split(",")
    reports = psql(
        "SELECT string_agg(id::text, ',') FROM (SELECT id FROM reports_report ORDER BY md5(id::text) LIMIT 5) s", db
    ).split(",")
    return {
        "reports list": ["/api/v1/reports/", *[f"/api/v1/reports/?year={y}" for y in years]],
        "statistics list, page_size=100 + filters": [
            f"/api/v1/statistics/?page_size=100&indicator={c}&year={y}" for c in codes for y in years[:2]
        ]
        + ["/api/v1/statistics/?page_size=100&body_kind=npc_sc&part=review"],
        "statistics search q=": [f"/api/v1/statistics/?page_size=100&q={w}" for w in ("会议", "代表", "执法检查")],
        "agenda-items search q=": [f"/api/v1/agenda-items/?q={w}" for w in ("立法", "常委会", "执法检查")],
        "indicator series": [f"/api/v1/indicators/{c}/series/" for c in codes],
        "report detail with outline": [f"/api/v1/reports/{r}/" for r in reports],
    }


def capture(db_url: str, endpoints: dict[str, list[str]]) -> dict:
    """Run ``--capture`` in a Django process: SQL, status and query counts of every URL."""
    env = django_env(db_url, ALLOWED_HOSTS="127.0.0.1,localhost,testserver", DJANGO_SETTINGS_MODULE="rdapi.settings")
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(endpoints, handle)
    child = subprocess.run(
        [PYTHON, __file__, "--capture", handle.name], env=env, capture_output=True, text=True, cwd=ROOT
    )
    os.unlink(handle.name)
    if child.returncode != 0:
        raise RuntimeError(child.stderr[-4000:])
    return json.loads(child.stdout.splitlines()[-1])


def capture_in_django(endpoints: dict[str, list[str]]) -> dict:
    """(child process) Fetch every URL with the test client; return SQL, statuses and query counts."""
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    sql, statuses, counts, notes = {}, {}, {}, {}
    for name, urls in endpoints.items():
        for url in urls:
            with CaptureQueriesContext(connection) as queries:
                response = client.get(url)
            statuses[url] = response.status_code
            sql[url] = [q["sql"] for q in queries.captured_queries if not _is_transaction(q["sql"])]
        counts[name] = _page_size_counts(client, connection, urls[0])
        notes[name] = _filter_note(client, urls[0])
    return {"sql": sql, "statuses": statuses, "query_counts": counts, "notes": notes}


def _is_transaction(sql: str) -> bool:
    return bool(re.match(r"\s*(SAVEPOINT|RELEASE|ROLLBACK|BEGIN|COMMIT|SET )", sql, re.I))


def _page_size_counts(client, connection, url: str) -> dict:
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for size in (10, 100):
        sized = re.sub(r"page_size=\d+&?", "", url).rstrip("?&")
        sized += ("&" if "?" in sized else "?") + f"page_size={size}"
        with CaptureQueriesContext(connection) as queries:
            status = client.get(sized).status_code
        counts[size] = len(queries.captured_queries) if status == 200 else f"HTTP {status}"
    return counts


def _filter_note(client, url: str) -> str:
    """Say when a q= filter is ignored (django-filter drops unknown parameters silently)."""
    if "q=" not in url:
        return ""
    plain = re.sub(r"&?q=[^&]*", "", url)
    with_q, without = client.get(url), client.get(plain)
    if with_q.status_code == 200 and without.status_code == 200 and with_q.json()["count"] == without.json()["count"]:
        return "q= is not a filter of this endpoint (same count with and without it)"
    return ""


class Server:
    """A gunicorn serving ``app`` on loopback, stopped on exit."""

    def __init__(self, app: str, port: int, env: dict[str, str], cwd: Path):
        self.port = port
        cmd = [GUNICORN, app, "-b", f"127.0.0.1:{port}", *GUNICORN_ARGS]
        self.process = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/__ready", timeout=1)
                return
            except urllib.error.HTTPError:
                return  # answering (404 is fine)
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"{app} did not start on port {port}: {self.process.stderr.read()[-2000:]}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def wrk(port: int, urls: list[str], seconds: int, connections: int) -> dict:
    """Load ``urls`` round-robin on ``port`` for ``seconds``; return wrk's JSON summary."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as handle:
        handle.write("\n".join(quote(url, safe="/?=&") for url in urls) + "\n")  # wrk sends bytes as given
    env = dict(os.environ, WRK_URLS=handle.name)
    base = ["wrk", "-t1", f"-c{connections}", "--timeout", "10s", "-s", str(BENCH / "urls.lua")]
    subprocess.run([*base, "-d2s", f"http://127.0.0.1:{port}"], env=env, capture_output=True, check=True)  # warm-up
    done = subprocess.run([*base, f"-d{seconds}s", f"http://127.0.0.1:{port}"], env=env, capture_output=True, text=True)
    os.unlink(handle.name)
    line = next(line for line in done.stdout.splitlines() if line.startswith("JSON"))
    return json.loads(line[4:])


def measure(db_url: str, endpoints: dict[str, list[str]], captured: dict, seconds: int, connections: int) -> dict:
    sql_file = RESULTS / "api_sql.json"
    sql_file.write_text(json.dumps(captured["sql"], ensure_ascii=False, indent=1) + "\n")
    rdapi_env = django_env(db_url)
    baseline_env = dict(os.environ, DATABASE_URL=db_url, BASELINE_SQL=str(sql_file))
    # wrk cycles a few URLs, so rdapi's statement cache (reports/api/statements.py) is always warm; the same
    # app with it off shows the cost of a query string seen for the first time.
    uncached_env = dict(rdapi_env, API_STATEMENT_CACHE_SIZE="0")
    servers = [
        Server("rdapi.wsgi", RDAPI_PORT, rdapi_env, ROOT),
        Server("baseline_app:app", BASELINE_PORT, baseline_env, BENCH),
        Server("rdapi.wsgi", UNCACHED_PORT, uncached_env, ROOT),
    ]
    results = {}
    try:
        for name, urls in endpoints.items():
            log(f"wrk {name}: rdapi, baseline, rdapi without its statement cache ({seconds}s each)")
            app = wrk(RDAPI_PORT, urls, seconds, connections)
            base = wrk(BASELINE_PORT, urls, seconds, connections)
            uncached = wrk(UNCACHED_PORT, urls, seconds, connections)
            results[name] = {
                "urls": urls,
                "statuses": sorted({captured["statuses"][u] for u in urls}),
                "queries_per_request": captured["query_counts"][name],
                "note": captured["notes"][name],
                "rdapi": app,
                "baseline": base,
                "rdapi_uncached": uncached,
                "uncached_rps_ratio": round(base["rps"] / uncached["rps"], 2) if uncached["rps"] else None,
                "rps_ratio": round(base["rps"] / app["rps"], 2) if app["rps"] else None,
                "p50_ratio": round(app["p50_ms"] / base["p50_ms"], 2) if base["p50_ms"] else None,
                "p99_ratio": round(app["p99_ms"] / base["p99_ms"], 2) if base["p99_ms"] else None,
            }
    finally:
        for server in servers:
            server.stop()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default="30MB", help="corpus size imported into the bench database")
    parser.add_argument("--seconds", type=int, default=10, help="measured seconds per endpoint and app")
    parser.add_argument("--connections", type=int, default=4, help="wrk connections")
    parser.add_argument("--rebuild", action="store_true", help="re-import even if the database exists")
    parser.add_argument("--capture", help=argparse.SUPPRESS)  # the Django child process
    args = parser.parse_args()
    if args.capture:
        endpoints = json.loads(Path(args.capture).read_text())
        sys.stdout.write(json.dumps(capture_in_django(endpoints), ensure_ascii=False) + "\n")
        return 0
    db_url = prepare(args.corpus.upper(), args.rebuild)
    endpoints = pick_urls(DB)
    captured = capture(db_url, endpoints)
    results = measure(db_url, endpoints, captured, args.seconds, args.connections)
    rows = json.loads(
        psql(
            "SELECT json_build_object('reports', (SELECT count(*) FROM reports_report),"
            " 'agenda_items', (SELECT count(*) FROM reports_agendaitem),"
            " 'statistics', (SELECT count(*) FROM reports_statistic))",
            DB,
        )
    )
    save(
        "api",
        {
            "corpus": args.corpus.upper(),
            "rows": rows,
            "seconds": args.seconds,
            "connections": args.connections,
            "gunicorn": GUNICORN_ARGS,
            "endpoints": results,
        },
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
