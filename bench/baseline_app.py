"""The practical limit: a bare WSGI app that runs the SQL rdapi runs and returns the rows as JSON.

``bench/api_bench.py`` captures, for every benchmarked URL, the exact SQL
statements the API executes (Django's CaptureQueriesContext) and writes them
to the file named by ``BASELINE_SQL``: ``{"/api/v1/...?...": ["SELECT ...", ...]}``.
For a request to one of those URLs this app runs the same statements with
psycopg2 on one connection per worker process (like Django with
``CONN_MAX_AGE``) and answers ``json.dumps`` of every row of every statement,
as objects keyed by column name. No framework, no serializer, no
pagination logic: what is left is the database and the JSON.

    BASELINE_SQL=bench/results/api_sql.json DATABASE_URL=postgres://… \\
        gunicorn baseline_app:app -w 2 --chdir bench
"""

from __future__ import annotations

import json
import os
from datetime import date, datetime
from decimal import Decimal
from urllib.parse import unquote

import psycopg2

_STATEMENTS: dict[str, list[str]] = {}
_connection = None


def _statements() -> dict[str, list[str]]:
    if not _STATEMENTS:
        with open(os.environ["BASELINE_SQL"], encoding="utf-8") as handle:
            _STATEMENTS.update(json.load(handle))
    return _STATEMENTS


def _cursor():
    global _connection
    if _connection is None or _connection.closed:
        _connection = psycopg2.connect(os.environ["DATABASE_URL"])
        _connection.autocommit = True
    return _connection.cursor()


def _default(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return str(value)


def _rows(sql: str) -> list[dict]:
    with _cursor() as cursor:
        cursor.execute(sql)
        if cursor.description is None:
            return []
        names = [column.name for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def app(environ, start_response):
    """Answer a captured URL with the rows of its statements; anything else is a 404."""
    query = unquote(environ.get("QUERY_STRING", ""))
    url = environ.get("PATH_INFO", "") + (f"?{query}" if query else "")
    statements = _statements().get(url)
    if statements is None:
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [f"not captured: {url}".encode()]
    body = json.dumps([_rows(sql) for sql in statements], default=_default, ensure_ascii=False).encode()
    start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    return [body]
