"""Compiled list statements, kept per process and keyed by the query string.

(And a report detail's two child statements, compiled once and re-run with each
report's id: ``KeyedStatement``.)

A list answers with two statements: the count with Last-Modified, and the page.
Building them (django-filter validating the parameters, the ORM cloning
querysets, compiling SQL, reading the rows back) cost more than running them:
~1.8 ms of a 4.8 ms reports list in process (bench/findings.md). Their SQL depends only on the
request's parameters, never on the data, so a list compiles them once per
distinct query string (less ``page`` and ``page_size``, which only move the
LIMIT/OFFSET) and later requests run the same SQL with the same parameters
through the same converters. The data is read afresh on every request; only
the SQL text is reused.

What a request with a cached key skips is the filter form: a key is only stored
after its parameters validated, and validation reads nothing but the
parameters. ``API_STATEMENT_CACHE_SIZE`` bounds the entries (least recently
used goes first; 0 switches the cache off). A view whose queryset depends on
anything else (the user, the time) must set ``statement_cache = False``.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, replace
from typing import Any

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.core.signals import setting_changed
from django.db import connections
from django.db.models import Count, Max, QuerySet, Value

from rdapi import api_settings


@dataclass(frozen=True)
class Statement:
    """One ``queryset.values()`` query compiled: SQL, parameters, column names and the ORM's converters.

    ``sql`` is None when the ORM knows the query matches nothing (``filter(id__in=[])``).
    """

    alias: str
    sql: str | None
    params: tuple
    names: tuple[str, ...]
    converters: tuple[tuple[int, tuple, Any], ...]  # (position, converter functions, expression)

    @classmethod
    def of(cls, queryset: QuerySet) -> Statement:
        """Compile ``queryset``, a ``values()`` queryset without a slice, as Django's ValuesIterable would."""
        query = queryset.query
        if query.extra_select or query.low_mark or query.high_mark is not None:
            raise ValueError("only plain values() querysets without extra() or a slice are compiled here")
        compiler = query.get_compiler(queryset.db)
        names = tuple(query.selected) if query.selected else (*query.values_select, *query.annotation_select)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:
            return cls(queryset.db, None, (), names, ())
        fields = [column[0] for column in compiler.select[: compiler.col_count]]
        if compiler.has_composite_fields(fields):
            raise ValueError("composite fields are not compiled here")
        converters = tuple(
            (position, tuple(functions), expression)
            for position, (functions, expression) in compiler.get_converters(fields).items()
        )
        return cls(queryset.db, sql, tuple(params), names, converters)

    def rows(self, low: int = 0, high: int | None = None) -> list[dict]:
        """The rows ``low`` to ``high`` (LIMIT/OFFSET written by the backend, as the ORM writes them)."""
        if self.sql is None or (high is not None and high <= low):
            return []
        connection = connections[self.alias]
        limits = connection.ops.limit_offset_sql(low, high)
        with connection.cursor() as cursor:
            cursor.execute(f"{self.sql} {limits}" if limits else self.sql, self.params)
            fetched = cursor.fetchall()
        names, converters = self.names, self.converters
        rows = []
        for values in fetched:
            values = list(values)
            for position, functions, expression in converters:
                value = values[position]
                for convert in functions:
                    value = convert(value, expression, connection)
                values[position] = value
            rows.append(dict(zip(names, values, strict=True)))
        return rows


@dataclass(frozen=True)
class KeyedStatement:
    """A statement compiled for one value of its key (a report's id), re-run for any other value.

    For queries whose SQL does not depend on the key's value, only its parameter: a report's agenda
    items are ``… WHERE report_id = %s``, whichever report. The key's slot among the parameters is
    where the compiled key value stands; a statement in which that value appears more than once
    (a constant equal to it) cannot tell its slot and is not kept.
    """

    statement: Statement
    slot: int

    @classmethod
    def of(cls, queryset: QuerySet, key) -> KeyedStatement | None:
        statement = Statement.of(queryset)
        slots = [i for i, value in enumerate(statement.params) if type(value) is type(key) and value == key]
        if statement.sql is None or len(slots) != 1:
            return None
        return cls(statement, slots[0])

    def rows_for(self, key) -> list[dict]:
        params = list(self.statement.params)
        params[self.slot] = key
        return replace(self.statement, params=tuple(params)).rows()


def totals_statement(queryset: QuerySet, modified_field: str) -> tuple[Statement, dict]:
    """``queryset.order_by().aggregate(count=Count("*"), newest=Max(modified_field))``: its result, and its
    statement for later requests.

    The SQL is the one the ORM runs for ``aggregate()``, captured as it runs (the ORM builds an aggregate
    over an annotated queryset as a subquery, and offers no way to compile it without running it). The
    converters are those of the same two expressions in a ``values()`` query (a timestamp read back from
    SQLite is text until converted).
    """
    captured = []

    def capture(execute, sql, params, many, context):
        captured.append((sql, params))
        return execute(sql, params, many, context)

    queryset = queryset.order_by()
    connection = connections[queryset.db]
    # Opened first, outside the capture: a new connection may run statements of its own
    # (django.contrib.postgres looks up its types' oids on a process's first connection).
    connection.ensure_connection()
    with connection.execute_wrapper(capture):
        result = queryset.aggregate(count=Count("*"), newest=Max(modified_field))
    if len(captured) > 1:
        raise RuntimeError(f"aggregate() ran {len(captured)} statements; one was expected")
    same_columns = queryset.values(_all=Value(1)).values("_all")
    same_columns = same_columns.annotate(count=Count("*"), newest=Max(modified_field)).values("count", "newest")
    converters = Statement.of(same_columns).converters
    if not captured:  # the ORM knew it matched nothing and ran no SQL
        return Statement(queryset.db, None, (), ("count", "newest"), ()), result
    sql, params = captured[0]
    return Statement(queryset.db, sql, tuple(params or ()), ("count", "newest"), converters), result


class PageRows:
    """A compiled page statement as a paginator's object list: sliced, it runs with LIMIT/OFFSET."""

    ordered = True  # the statement carries the list's ORDER BY (Django's paginator checks this)

    def __init__(self, statement: Statement, count: int):
        self.statement, self._count = statement, count

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError("PageRows only takes a slice")
        return self.statement.rows(index.start or 0, index.stop)


@dataclass(frozen=True)
class ListStatements:
    """A list's two statements: ``totals`` (count and newest) and ``page`` (the rows, ordered)."""

    totals: Statement
    page: Statement

    def totals_now(self) -> dict:
        """``{"count": …, "newest": …}`` read now, as ``aggregate()`` would answer."""
        rows = self.totals.rows()
        return rows[0] if rows else {"count": 0, "newest": None}  # no rows: the ORM knew it matched nothing


class StatementCache:
    """A bounded, least-recently-used map from a key to compiled statements; safe across threads."""

    def __init__(self):
        self._entries: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def size() -> int:
        return max(0, int(getattr(settings, "API_STATEMENT_CACHE_SIZE", api_settings.API_STATEMENT_CACHE_SIZE)))

    def get(self, key):
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, key, statements) -> None:
        size = self.size()
        with self._lock:
            self._entries[key] = statements
            self._entries.move_to_end(key)
            while len(self._entries) > size:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


cache = StatementCache()


# Only the LIMIT/OFFSET depend on these (names as in reports/api/pagination.py).
_PAGING = frozenset({"page", "page_size"})


def request_key(request, *parts) -> tuple:
    """``parts`` and the request's parameters (all values, in order; ``page`` and ``page_size`` left out)."""
    params = tuple(
        sorted((name, tuple(values)) for name, values in request.query_params.lists() if name not in _PAGING)
    )
    return (*parts, params)


def _clear_on_setting_change(**kwargs) -> None:
    # Tests override settings (time zone, database, page sizes): statements compiled before must not survive.
    cache.clear()


setting_changed.connect(_clear_on_setting_change)
