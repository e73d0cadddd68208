"""Search at scale: ``q=`` over ≥ 1,000,000 agenda items on PostgreSQL.

Builds ``rdapi_bench_search`` once (migrations, then reports and agenda items
generated in SQL from the seeds' paragraphs: fast, no extraction), then times
the API's search for two-, three- and four-character words: the count the
paginator runs (capped for searches: reports/api/pagination.py) and the first
page (50 rows in the API's order), as the API's own FilterSet builds them (the
same ORM query when the API is not there), then the whole request
(``GET /api/v1/agenda-items/?q=…`` through Django's test client: count, page,
serialization, JSON, ETag).
Writes bench/results/search.json.

    python bench/search_bench.py [--items 1000000] [--repeat 15] [--rebuild]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import PYTHON, ROOT, database_exists, database_url, django_env, fresh_database, log, manage, save  # noqa: E402

sys.path.insert(0, str(ROOT))  # reports.bigrams (plain Python) for the generated rows' codes

DB = "rdapi_bench_search"
WORDS = {
    2: ["立法", "监督", "代表", "预算"],
    3: ["常委会", "办复率", "专题询", "代表建"],
    4: ["执法检查", "营商环境", "乡村振兴", "人大代表"],
}
# Few or no hits: the index alone answers, or nothing does. Two-character words
# need one most (pg_trgm finds no trigram in them), and most Chinese searches are two characters.
RARE = ["疫苗", "噪声", "殡葬", "嘉峪关", "长三角一体化"]
ITEMS_PER_REPORT = 50
# Trigram indexes as the API's first search migration made them (for a version whose migrations made none).
TRIGRAM_SQL = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS reports_agendaitem_heading_trgm ON reports_agendaitem USING gin (heading gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS reports_agendaitem_text_trgm ON reports_agendaitem USING gin (text gin_trgm_ops)",
]


def paragraphs() -> list[tuple[str, str]]:
    """(heading, text) pairs: every seed line of 20+ characters; heading up to the first 。."""
    rows = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            line = line.strip()
            if len(line) >= 20:
                rows.append((line.split("。", 1)[0][:120], line))
    return rows


def build(items: int) -> dict:
    """Create the search database with ``items`` agenda items; return row counts and seconds."""
    import psycopg2

    started = time.monotonic()
    env = django_env(fresh_database(DB))
    manage(["migrate", "--noinput"], env)
    reports = -(-items // ITEMS_PER_REPORT)
    pool = paragraphs()
    conn = psycopg2.connect(database_url(DB))
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute("SET maintenance_work_mem = '1GB'")
        bigrams = _pair_columns(cur)
        cur.execute(
            "CREATE UNLOGGED TABLE bench_paragraph"
            " (id serial PRIMARY KEY, heading text, text text, heading_codes integer[], text_codes integer[],"
            " seam_start boolean, seam_end boolean)"
        )
        cur.executemany(
            "INSERT INTO bench_paragraph (heading, text, heading_codes, text_codes, seam_start, seam_end)"
            " VALUES (%s, %s, %s, %s, %s, %s)",
            [(heading, text, *_codes(heading, text), *_seam_ends(text)) for heading, text in pool],
        )
        indexes_before = _search_indexes(cur)
        # Built once after the load, as the importer does for a bulk load: maintaining a GIN index
        # row by row over a million inserts took more than 25 minutes (2026-12-06).
        definitions = _drop_search_indexes(cur)
        log(f"{len(pool)} seed paragraphs; inserting {reports} reports and {items} agenda items")
        for sql in _generate_sql(reports, items, len(pool), bigrams):
            cur.execute(sql)
        cur.execute("DROP TABLE bench_paragraph")
        if bigrams:
            _check_bigrams(cur, bigrams)
        log("building the search indexes (the migrations' definitions, or the API's where they made none)")
        for sql in [*definitions, *([] if indexes_before else TRIGRAM_SQL)]:
            cur.execute(sql)
        cur.execute("VACUUM ANALYZE")
        cur.execute(
            "SELECT count(*), pg_size_pretty(pg_total_relation_size('reports_agendaitem')) FROM reports_agendaitem"
        )
        count, size = cur.fetchone()
    conn.close()
    return {
        "agenda_items": count,
        "reports": reports,
        "table_size": size,
        "search_indexes_from_migrations": indexes_before,
        "build_seconds": round(time.monotonic() - started, 1),
    }


def _generate_sql(reports: int, items: int, pool: int, bigrams: dict[str, int | None]) -> list[str]:
    now = "now()"
    # An item's bigrams, as the model computes them (reports/bigrams.py): its heading's, and its
    # text's, i.e. both paragraphs' and the pair where they meet, unless that pair holds a separator.
    seam = (
        "CASE WHEN a.seam_end AND b.seam_start THEN"
        " ARRAY[((ascii(right(a.text, 1)) + ascii(left(b.text, 1))::bigint * 65536)::bit(32))::integer]"
        " ELSE '{}'::integer[] END"
    )
    every = f"unnest(a.heading_codes || a.text_codes || b.text_codes || {seam}) c"
    codes = "".join(
        f", ARRAY(SELECT DISTINCT c FROM {every}{'' if half is None else f' WHERE c & 1 = {half}'} ORDER BY c)"
        for half in bigrams.values()
    )
    return [
        f"INSERT INTO reports_source (created_at, updated_at, name, sha256, length, encoding, text, metadata,"
        f" extractor_version) VALUES ({now}, {now}, 'bench-search.txt', '', 0, 'utf-8', '', '{{}}', 'bench')",
        f"INSERT INTO reports_report (created_at, updated_at, edited_fields, source_id, char_start, char_end, key,"
        f" title, report_type, term, review_year, plan_year, review_year_inferred, plan_year_inferred, review_scope,"
        f" metadata) SELECT {now}, {now}, '[]', (SELECT id FROM reports_source), 0, 0, 'r' || g,"
        f" '第' || g || '号报告', 'work_report', NULL, 2000 + g % 25, 2001 + g % 25, false, false, 'one_year', '{{}}'"
        f" FROM generate_series(1, {reports}) g",
        # Each item: two seed paragraphs, picked by two co-prime strides, so texts vary.
        f"INSERT INTO reports_agendaitem (created_at, updated_at, edited_fields, source_id, char_start, char_end,"
        f' report_id, key, parent_id, part, number, "order", heading, text, body_id'
        f"{''.join(', ' + column for column in bigrams)})"
        f" SELECT {now}, {now}, '[]', (SELECT id FROM reports_source), 0, 0,"
        f" r.first_id + (g - 1) / {ITEMS_PER_REPORT}, 'i' || g, NULL,"
        f" CASE WHEN g % 3 = 0 THEN 'plan' ELSE 'review' END, '', (g - 1) % {ITEMS_PER_REPORT} + 1,"
        f" a.heading, a.text || b.text, NULL{codes}"
        f" FROM generate_series(1::bigint, {items}) g"
        f" CROSS JOIN (SELECT min(id) AS first_id FROM reports_report) r"
        f" JOIN bench_paragraph a ON a.id = (g * 7919) % {pool} + 1"
        f" JOIN bench_paragraph b ON b.id = (g * 104729 + 17) % {pool} + 1",
    ]


def _codes(heading: str, text: str) -> tuple[list[int], list[int]]:
    from reports.bigrams import bigram_codes

    return bigram_codes([heading]), bigram_codes([text])


def _seam_ends(text: str) -> tuple[bool, bool]:
    """Whether a pair may start at the text's first character and end at its last (neither a
    separator: reports/bigrams.py; a version that has none keeps every pair)."""
    from reports import bigrams

    separators = getattr(bigrams, "SEPARATORS", frozenset())
    return text[:1] not in separators, text[-1:] not in separators


def _check_bigrams(cur, bigrams: dict[str, int | None], sample: int = 200) -> None:
    """Fail the build unless sampled items hold exactly the bigrams the model would store."""
    from reports.bigrams import bigram_codes

    columns = ", ".join(bigrams)
    cur.execute(f"SELECT heading, text, {columns} FROM reports_agendaitem ORDER BY random() LIMIT {sample}")
    for heading, text, *stored in cur.fetchall():
        for codes, half in zip(stored, bigrams.values(), strict=True):
            expected = bigram_codes([heading, text])
            if half is not None:
                expected = [code for code in expected if code & 1 == half]
            if codes != expected:
                raise RuntimeError(f"generated bigrams differ from the model's for {heading!r}")


# The item pair columns of each version: their halves since migration 0011 (the code's lowest
# bit, reports/bigrams.py), the whole codes in one column before (None), none before 0007.
PAIR_LAYOUTS = [{"search_bigrams_even": 0, "search_bigrams_odd": 1}, {"search_bigrams": None}]


def _pair_columns(cur) -> dict[str, int | None]:
    """The item pair columns of the version under test, each with its half (see PAIR_LAYOUTS)."""
    for layout in PAIR_LAYOUTS:
        if all(_has_column(cur, "reports_agendaitem", column) for column in layout):
            return layout
    return {}


def _has_column(cur, table: str, column: str) -> bool:
    cur.execute("SELECT 1 FROM information_schema.columns WHERE table_name = %s AND column_name = %s", [table, column])
    return cur.fetchone() is not None


# The agenda items' GIN indexes (pg_trgm, bigrams), whatever the version under test made.
_GIN_INDEXES = (
    "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'reports_agendaitem' AND indexdef LIKE '%USING gin%'"
)


def _drop_search_indexes(cur) -> list[str]:
    """Drop the agenda items' GIN indexes; return the statements that recreate them as they were."""
    cur.execute(_GIN_INDEXES)
    rows = cur.fetchall()
    for name, _ in rows:
        cur.execute(f'DROP INDEX "{name}"')
    return [definition for _, definition in rows]


def _search_indexes(cur) -> list[str]:
    cur.execute(_GIN_INDEXES)
    return sorted(row[0] for row in cur.fetchall())


def measure(repeat: int) -> dict:
    """Time each word in a Django process (run as ``--measure``); return the timings."""
    import django

    django.setup()
    from django.db import connection

    queryset = _search_queryset()
    counter = _counter()
    results = {}
    for rare, words in [*((False, words) for _, words in sorted(WORDS.items())), (True, RARE)]:
        for word in words:
            results[word] = _time_word(queryset, counter, word, repeat)
            results[word].update(length=len(word), rare=rare)
    with connection.cursor() as cur:
        query = queryset(WORDS[2][0])
        sql, params = query.order_by(*query.query.order_by or ["report_id", "order"])[:50].query.sql_with_params()
        cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        plan = "\n".join(row[0] for row in cur.fetchall())
        count_sql, count_params = counter.sql(query)
        cur.execute("EXPLAIN ANALYZE " + count_sql, count_params)
        count_plan = "\n".join(row[0] for row in cur.fetchall())
        gin_indexes = _search_indexes(cur)
    return {
        "gin_indexes": gin_indexes,
        "words": results,
        "page_plan_2char": plan,
        "count_plan_2char": count_plan,
        "via": queryset.__doc__,
        "count_via": counter.__doc__,
    }


def _counter():
    """Return query -> the count the API's paginator reports (capped for searches when the API caps it)."""
    try:
        from reports.api.pagination import CappedPaginator, search_count_cap
    except ImportError:

        def exact(query, word):
            """COUNT(*) of every match"""
            return query.count(), False, lambda: list(query[:50])

        exact.sql = lambda query: (
            "SELECT count(*) FROM (" + query.query.sql_with_params()[0] + ") s",
            query.query.sql_with_params()[1],
        )
        return exact

    cap = search_count_cap()
    probe = _rare_word_probe()

    def capped(query, word):
        paginator = CappedPaginator(query, 50)
        paginator.cap = cap
        if probe is not None:
            paginator.matches_at_most = probe(word)  # as the API's pagination asks its view
        return paginator.reported_count, paginator.is_lower_bound, lambda: list(paginator.page(1).object_list)

    how = (
        f"SELECT id … LIMIT {cap + 1}; the page by those ids when they are all"
        if _reads_ids(CappedPaginator)
        else f"SELECT count(*) FROM (… LIMIT {cap + 1})"
    )
    if probe is not None:
        from reports.api.views import AgendaItemViewSet

        how += "; first, for a word whose rarest pair the statistics do not list, that pair's rows counted"
        how += f" up to {AgendaItemViewSet.RARE_MATCHES:,}: when all fit, every id is read and the page is read by its own ids"
    capped.__doc__ = f"the API paginator's count, capped at {cap:,} matches ({how})"

    def sql(query):
        inner, params = query.order_by().values("pk")[: cap + 1].query.sql_with_params()
        return (inner, params) if _reads_ids(CappedPaginator) else (f"SELECT count(*) FROM ({inner}) s", params)

    capped.sql = sql
    return capped


def _rare_word_probe():
    """The agenda-item view's ``search_matches_at_most`` (None for a version without it)."""
    from reports.api.views import AgendaItemViewSet

    method = getattr(AgendaItemViewSet, "search_matches_at_most", None)
    return None if method is None else AgendaItemViewSet().search_matches_at_most


def _reads_ids(paginator_class) -> bool:
    """True for a paginator whose capped count reads the matches' ids (and pages by them when all are read)."""
    return hasattr(paginator_class, "PAGE_BY_IDS_UP_TO")


def _search_queryset():
    """Return word -> queryset, through the API's FilterSet when it exists."""
    try:
        from reports.api import filters, querysets

        def api(word):
            """the API's AgendaItemFilterSet(q=…) over querysets.agenda_items()"""
            return filters.AgendaItemFilterSet(data={"q": word}, queryset=querysets.agenda_items()).qs

        return api
    except ImportError:
        from django.db.models import Q

        from reports.models import AgendaItem

        def orm(word):
            """AgendaItem.objects.filter(Q(heading__contains=q) | Q(text__contains=q)) (the API was not there)"""
            return AgendaItem.objects.filter(Q(heading__contains=word) | Q(text__contains=word))

        return orm


def _time_word(queryset, counter, word: str, repeat: int) -> dict:
    counts, pages, totals, requests = [], [], [], []
    hits = queryset(word).count()  # the exact figure, for the table (not timed)
    counted, lower_bound = hits, False
    for _ in range(repeat):
        query = queryset(word)
        started = time.perf_counter()
        counted, lower_bound, first_page = counter(query, word)
        after_count = time.perf_counter()
        first_page()  # as the API's paginator reads it
        done = time.perf_counter()
        counts.append((after_count - started) * 1000)
        pages.append((done - after_count) * 1000)
        totals.append((done - started) * 1000)
    client = _api_client()
    if client is not None:
        client.get("/api/v1/agenda-items/", {"q": word})  # warm-up (first request loads the URLconf)
        for _ in range(repeat):
            started = time.perf_counter()
            response = client.get("/api/v1/agenda-items/", {"q": word})
            requests.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.content[:300]
    result = {
        "hits": hits,
        "counted": counted,
        "count_is_lower_bound": lower_bound,
        "count_ms": _pcts(counts),
        "page_ms": _pcts(pages),
        "total_ms": _pcts(totals),
    }
    if requests:
        result["request_ms"] = _pcts(requests)
    return result


def _api_client():
    """Django's test client when the API is there: a whole GET /api/v1/agenda-items/?q= (JSON, page of 50)."""
    try:
        from django.test import Client
        from django.urls import resolve

        resolve("/api/v1/agenda-items/")
    except Exception:  # noqa: BLE001 (no API in this version)
        return None
    return Client()


def _pcts(values: list[float]) -> dict:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"p50": round(statistics.median(ordered), 2), "p95": round(p95, 2), "max": round(ordered[-1], 2)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--rebuild", action="store_true", help="rebuild the database even if it exists")
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)  # the Django child process
    args = parser.parse_args()
    if args.measure:
        sys.stdout.write(json.dumps(measure(args.repeat), ensure_ascii=False) + "\n")
        return 0
    built = None
    if args.rebuild or not database_exists(DB) or not _has_items(args.items):
        built = build(args.items)
    else:
        log(f"reusing {DB} (--rebuild to regenerate); migrating")
        manage(["migrate", "--noinput"], django_env(database_url(DB)))
        from common import psql

        psql("ANALYZE reports_agendaitem", DB)
    env = django_env(
        database_url(DB), DJANGO_SETTINGS_MODULE="rdapi.settings", ALLOWED_HOSTS="127.0.0.1,localhost,testserver"
    )
    child = subprocess.run(
        [PYTHON, __file__, "--measure", "--repeat", str(args.repeat)], env=env, capture_output=True, text=True, cwd=ROOT
    )
    if child.returncode != 0:
        raise RuntimeError(child.stderr[-3000:])
    result = json.loads(child.stdout.splitlines()[-1])
    save("search", {"items": args.items, "repeat": args.repeat, "build": built, **result})
    return 0


def _has_items(items: int) -> bool:
    from common import psql

    try:
        return int(psql("SELECT count(*) FROM reports_agendaitem", DB)) >= items
    except subprocess.CalledProcessError:
        return False


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rdapi.settings")
    sys.exit(main())
