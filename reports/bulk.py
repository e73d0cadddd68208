"""Insert many new rows at once: ``COPY`` on PostgreSQL, ``bulk_create`` elsewhere.

An import's agenda items and statistics are most of its rows. Through ``bulk_create``,
PostgreSQL parses each batch as one long ``INSERT … VALUES`` statement (a 10 MB corpus
makes about 74 MB of it, most of it the items' search pairs) and Django prepares every
value through its SQL compiler; ``COPY`` reads the same rows as tab-separated text.
Measured on a 10 MB import (bench/findings.md, 2026-12-07): its item and statistic
INSERTs took 5.5 s, and psql's COPY of the same rows 3.0 s; with the two-lane index
rebuild, the whole import went from 28.6 to 23.8 s (mean of three, alternated).

The rows are prepared exactly as ``bulk_create`` prepares them (each field's
``pre_save`` and ``get_db_prep_save``: timestamps, defaults, derived search pairs),
and get their primary keys from the table's own sequence first, so callers can use
``row.pk`` at once, as after ``bulk_create``.
"""

from __future__ import annotations

import datetime
import decimal
import io
from collections import deque
from collections.abc import Sequence

from django.db import connections, models, router

_NULL = "\\N"


def bulk_insert(model: type[models.Model], rows: Sequence[models.Model]) -> Sequence[models.Model]:
    """Insert the unsaved ``rows`` of ``model``, setting their primary keys; return them."""
    if not rows:
        return rows
    alias = router.db_for_write(model)
    connection = connections[alias]
    if connection.vendor != "postgresql" or not _has_sequence_key(model):
        return model.objects.bulk_create(rows)
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    for row in rows:
        # As bulk_create does: a related object assigned before it was saved fails here, loudly.
        row._prepare_related_fields_for_save(operation_name="bulk_insert")
    ids = _next_ids(connection, model, len(rows))
    writers = [_column_writer(field, connection) for field in fields]
    buffer = io.StringIO()
    for row, pk in zip(rows, ids, strict=True):
        row.pk = pk
        buffer.write(str(pk))
        for write in writers:
            buffer.write("\t")
            buffer.write(write(row))
        buffer.write("\n")
    buffer.seek(0)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in (model._meta.pk, *fields))
    with connection.cursor() as cursor:
        cursor.copy_expert(f"COPY {connection.ops.quote_name(model._meta.db_table)} ({columns}) FROM STDIN", buffer)
    for row in rows:
        row._state.adding = False
        row._state.db = alias
    return rows


# Fields whose stored value is the attribute's, spelled as text or as a whole number: their
# pre_save reads the attribute and their preparation only converts it (Django's CharField,
# TextField and integer fields; a foreign key to an integer key). Every other field takes
# Django's own path (pre_save, get_db_prep_save), which was most of this module's time.
_TEXT_FIELDS = (models.CharField, models.TextField)
_INTEGER_FIELDS = (
    models.AutoField,
    models.BigAutoField,
    models.SmallAutoField,
    models.IntegerField,
    models.BigIntegerField,
    models.SmallIntegerField,
    models.PositiveIntegerField,
    models.PositiveBigIntegerField,
    models.PositiveSmallIntegerField,
)


def _column_writer(field: models.Field, connection):
    """A function of a row that spells ``field``'s value in COPY's text format, as bulk_create stores it."""
    attname = field.attname
    kind = field.target_field if isinstance(field, models.ForeignKey) else field
    if type(kind) in _TEXT_FIELDS and type(field) is type(kind):

        def text(row) -> str:
            value = getattr(row, attname)
            return _NULL if value is None else _escaped(value if isinstance(value, str) else str(value))

        return text
    if type(kind) in _INTEGER_FIELDS:

        def whole_number(row) -> str:
            value = getattr(row, attname)
            return _NULL if value is None else str(int(value))

        return whole_number

    def prepared(row) -> str:
        return copy_text(field.get_db_prep_save(field.pre_save(row, True), connection))

    return prepared


def copy_text(value) -> str:
    """One value as PostgreSQL's COPY text format spells it (the inverse of what COPY TO writes)."""
    if value is None:
        return _NULL
    if isinstance(value, bool):  # before int: bool is an int
        return "t" if value else "f"
    if isinstance(value, (int, float, decimal.Decimal)):
        return str(value)
    if isinstance(value, str):
        return _escaped(value)
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if hasattr(value, "dumps") and hasattr(value, "adapted"):  # psycopg2's Json adapter (JSONField)
        return _escaped(value.dumps(value.adapted))
    raise TypeError(f"no COPY text for a value of type {type(value).__name__}")


def _escaped(text: str) -> str:
    # COPY's text format writes these four as backslash escapes. str.replace, not str.translate:
    # translate looks up every character of Chinese text in a dict (20 times slower here).
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _has_sequence_key(model: type[models.Model]) -> bool:
    return isinstance(model._meta.pk, models.AutoField)  # Big- and SmallAutoField count too


# Primary keys are drawn from each table's sequence ahead, at least ID_BLOCK at a time, and
# handed out by this process: one query per thousand new rows instead of one per call (an
# import made about 1,800 calls per 10 MB). A value drawn and never used is a gap in the ids,
# as a rolled-back insert leaves; the sequence never hands it to anyone else.
ID_BLOCK = 1000
_drawn: dict[tuple, deque] = {}


def _next_ids(connection, model: type[models.Model], count: int) -> list[int]:
    """``count`` fresh values of the primary key's sequence, ascending (rows keep reading order)."""
    key = (connection.alias, connection.settings_dict["NAME"], model._meta.db_table)
    pool = _drawn.setdefault(key, deque())
    if len(pool) < count:
        pool.extend(_draw_ids(connection, model, max(count - len(pool), ID_BLOCK)))
    return [pool.popleft() for _ in range(count)]


def _draw_ids(connection, model: type[models.Model], count: int) -> list[int]:
    table, column = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [connection.ops.quote_name(table), column, count],
        )
        return sorted(row[0] for row in cursor.fetchall())
