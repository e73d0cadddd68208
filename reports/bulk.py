"""Insert many new rows at once: ``COPY`` on PostgreSQL, ``bulk_create`` elsewhere.

An import's agenda items and statistics are most of its rows. Through ``bulk_create``,
PostgreSQL parses each batch as one long ``INSERT … VALUES`` statement (a 10 MB corpus
makes about 74 MB of it, most of it the items' search pairs) and Django prepares every
value through its SQL compiler; ``COPY`` reads the same rows as tab-separated text.
Measured on a 10 MB import (bench/findings.md, 2026-12-07): its item and statistic
INSERTs took 5.5 s, and psql's COPY of the same rows 3.0 s; with the two-lane index
rebuild, the whole import went from 28.6 to 23.8 s (mean of three, alternated).

A model whose every column has a binary spelling here (text, integers, times, booleans,
JSON, numeric, the search pairs: agenda items, reports and statistics) is sent in COPY's
binary format: the items' pair arrays are most of their bytes, and as decimal text
PostgreSQL parsed every code (items' COPY per 10 MB: 1.38 s as text, 0.80 s as binary).
Others are sent as text.

The rows are prepared exactly as ``bulk_create`` prepares them (each field's
``pre_save`` and ``get_db_prep_save``: timestamps, defaults, derived search pairs),
and get their primary keys from the table's own sequence first, so callers can use
``row.pk`` at once, as after ``bulk_create``. ``assign_keys`` draws them before the insert:
the importer then gives children their parent's key and writes a whole batch's new rows
with one COPY per table (each COPY costs PostgreSQL and this process a fixed half
millisecond or so, and each file had taken about six statements).
"""

from __future__ import annotations

import datetime
import decimal
import functools
import io
import struct
import weakref
from collections import deque
from collections.abc import Iterator, Sequence

from django.conf import settings
from django.db import connections, models, router
from django.utils import timezone

_NULL = "\\N"


def assign_keys(model: type[models.Model], rows: Sequence[models.Model]) -> bool:
    """Give the unsaved ``rows`` of ``model`` their primary keys now, from the table's sequence,
    as ``bulk_insert`` would; return False (and change nothing) where keys come only from the
    insert itself (databases other than PostgreSQL, keys without a sequence).

    The rows are still to be written, with ``bulk_insert``, in the same transaction.
    """
    connection = connections[router.db_for_write(model)]
    if connection.vendor != "postgresql" or not _has_sequence_key(model):
        return False
    if rows:
        for row, pk in zip(rows, _next_ids(connection, model, len(rows)), strict=True):
            row.pk = pk
    return True


def bulk_insert(model: type[models.Model], rows: Sequence[models.Model]) -> Sequence[models.Model]:
    """Insert the unsaved ``rows`` of ``model``, setting the primary keys they lack; return them."""
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
    ids = _keys_for(connection, model, rows)
    binary = binary_writers(model, connection)
    if binary is not None:
        _stamp(model, rows)
        buffer, options = _binary_copy(rows, ids, binary), " WITH (FORMAT binary)"
    else:
        buffer, options = _text_copy(rows, ids, [_column_writer(field, connection) for field in fields]), ""
    columns = ", ".join(connection.ops.quote_name(f.column) for f in (model._meta.pk, *fields))
    table = connection.ops.quote_name(model._meta.db_table)
    # As Django's own statements raise them: django.db's errors (IntegrityError, DataError, …), which
    # the importer catches per file, and not psycopg2's, which would end the whole run.
    try:
        with connection.cursor() as cursor, connection.wrap_database_errors:
            # the read size by position: Django's debug cursor passes no keywords on
            cursor.copy_expert(f"COPY {table} ({columns}) FROM STDIN{options}", buffer, _COPY_READ)
    except Exception:
        if getattr(buffer, "error", None) is not None:
            # A value this process could not format: that error, not "COPY from stdin failed" (the
            # transaction is aborted all the same, as by any failed statement).
            raise buffer.error from None
        raise
    for row in rows:
        row._state.adding = False
        row._state.db = alias
    return rows


def _keys_for(connection, model: type[models.Model], rows: Sequence[models.Model]) -> list[int]:
    """The rows' primary keys: their own where set (``assign_keys``; as ``bulk_create`` keeps a set
    key), the others drawn from the sequence in row order."""
    keys = [row.pk for row in rows]
    missing = keys.count(None)
    if missing:
        drawn = iter(_next_ids(connection, model, missing))
        keys = [next(drawn) if key is None else key for key in keys]
    return keys


def _stamp(model: type[models.Model], rows: Sequence[models.Model]) -> None:
    """Set the rows' ``auto_now`` and ``auto_now_add`` times, all to one moment: the time of the call,
    as one ``INSERT`` statement's ``now()`` would be (``bulk_create`` takes one per row and field).

    The binary writers then convert that one value once per call, not twice per row: the
    timestamps had been a twentieth of the storing process's samples (bench/findings.md).
    """
    fields = _stamped_fields(model)
    if fields:
        now = timezone.now()
        for row in rows:
            for attname in fields:
                setattr(row, attname, now)


@functools.cache
def _stamped_fields(model: type[models.Model]) -> tuple[str, ...]:
    return tuple(
        field.attname
        for field in model._meta.concrete_fields
        if type(field) is models.DateTimeField and (field.auto_now or field.auto_now_add)
    )


def _text_copy(rows: Sequence[models.Model], ids: list[int], writers: list) -> io.StringIO:
    """The rows in COPY's text format (tab-separated, backslash escapes), their keys first."""
    buffer = io.StringIO()
    for row, pk in zip(rows, ids, strict=True):
        row.pk = pk
        buffer.write(str(pk))
        for write in writers:
            buffer.write("\t")
            buffer.write(write(row))
        buffer.write("\n")
    buffer.seek(0)
    return buffer


# COPY's binary format: a signature, flags and header extension, then per row the number of
# columns and each value as its length (-1: NULL) and bytes, then -1 as the number of columns.
_BINARY_HEADER = b"PGCOPY\n\xff\r\n\x00" + struct.pack(">ii", 0, 0)
_BINARY_TRAILER = struct.pack(">h", -1)
_NULL_LENGTH = struct.pack(">i", -1)


def _binary_copy(rows: Sequence[models.Model], ids: list[int], writers: list) -> _CopyStream:
    """The rows in COPY's binary format, their keys (bigint) first, formatted as they are read."""
    for row, pk in zip(rows, ids, strict=True):
        row.pk = pk
    return _CopyStream(_binary_rows(rows, ids, writers))


def _binary_rows(rows: Sequence[models.Model], ids: list[int], writers: list) -> Iterator[bytes]:
    yield _BINARY_HEADER
    count = struct.pack(">h", 1 + len(writers))
    for row, pk in zip(rows, ids, strict=True):
        yield b"".join([count, _KEY_VALUE.pack(8, pk), *[write(row) for write in writers]])
    yield _BINARY_TRAILER


class _CopyStream:
    """A file psycopg2's ``copy_expert`` reads COPY data from, made from ``chunks`` as it reads.

    psycopg2 sends each read to the server before it reads the next, and the server stores
    what it has received meanwhile: formatting rows here and storing them there overlap,
    where a whole payload formatted first kept the server waiting, then this process.
    """

    def __init__(self, chunks: Iterator[bytes]):
        self._chunks = chunks
        self.error: Exception | None = None  # raised while formatting: psycopg2 reports it as the COPY's failure

    def read(self, size: int = -1) -> bytes:
        """At least ``size`` bytes (all with -1), or what is left; b"" at the end."""
        parts, length = [], 0
        try:
            for chunk in self._chunks:
                parts.append(chunk)
                length += len(chunk)
                if 0 <= size <= length:
                    break
        except Exception as error:
            self.error = error
            raise
        return b"".join(parts)


_COPY_READ = 64 * 1024  # bytes per read of COPY data: each goes to the server before the next is made
_LENGTH = struct.Struct(">i")
_KEY_VALUE = struct.Struct(">iq")


def binary_writers(model: type[models.Model], connection) -> list | None:
    """Functions of a row giving each non-key column's value in COPY's binary format, or None
    when a column has a type spelled here only as text (dates, …): the text COPY then.

    Binary spares PostgreSQL parsing the items' pair arrays (millions of decimal integers per
    10 MB of reports: items' COPY 1.38 s as text, 0.80 s as binary) and this process escaping
    their texts. Each value is what ``bulk_create`` would store (the tests compare the two).
    Worked out once per model and connection: it took 0.3 ms, and an import calls this
    1,300 times per 10 MB.
    """
    connection = connections[connection.alias]  # the connection itself, not django.db's proxy to it
    if not _utf8_server(connection):
        return None
    known = _binary_writers.setdefault(connection, {})
    if model not in known:
        known[model] = _binary_writers_of(model, connection)
    return known[model]


# Per Django connection (one per alias and thread), forgotten with it.
_binary_writers: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _binary_writers_of(model: type[models.Model], connection) -> list | None:
    if not isinstance(model._meta.pk, models.BigAutoField):
        return None
    writers = []
    for field in model._meta.concrete_fields:
        if field.primary_key:
            continue
        writer = _binary_writer(field, connection)
        if writer is None:
            return None
        writers.append(writer)
    return writers


def _utf8_server(connection) -> bool:
    # Binary text is taken as the server's encoding, unconverted: only UTF-8 is spelled here.
    connection.ensure_connection()
    return connection.connection.info.parameter_status("server_encoding") == "UTF8"


# Each fixed-width value with its length: one ``pack`` a value.
_INTEGER_FORMATS = {
    "smallint": (2, struct.Struct(">ih")),
    "integer": (4, struct.Struct(">ii")),
    "bigint": (8, struct.Struct(">iq")),
}
_POSTGRES_EPOCH = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
_MICROSECOND = datetime.timedelta(microseconds=1)
_TIMESTAMP = struct.Struct(">iq")
_TRUE, _FALSE = struct.pack(">i?", 1, True), struct.pack(">i?", 1, False)


def _binary_writer(field: models.Field, connection):
    """A function of a row giving ``field``'s value as COPY's binary format has it (its length, then
    its bytes; or the NULL marker), or None if not spelled here."""
    attname = field.attname
    if hasattr(field, "copy_binary"):  # a field of this app that knows its own binary image

        def own(row) -> bytes:
            return _framed(field.copy_binary(field.pre_save(row, True), connection))

        return own
    kind = field.target_field if isinstance(field, models.ForeignKey) else field
    if type(kind) in _TEXT_FIELDS and type(field) in (type(kind), models.ForeignKey):

        def text(row) -> bytes:
            value = getattr(row, attname)
            return (
                _NULL_LENGTH if value is None else _framed((value if isinstance(value, str) else str(value)).encode())
            )

        return text
    if type(kind) in _INTEGER_FIELDS and field.db_type(connection) in _INTEGER_FORMATS:
        size, integer = _INTEGER_FORMATS[field.db_type(connection)]

        def whole_number(row) -> bytes:
            value = getattr(row, attname)
            return _NULL_LENGTH if value is None else integer.pack(size, int(value))

        return whole_number
    if (
        type(field) is models.DateTimeField
        and settings.USE_TZ
        and field.db_type(connection) == "timestamp with time zone"
    ):

        def timestamp_of(value) -> bytes:
            value = field.get_prep_value(value)  # naive values made aware
            return _NULL_LENGTH if value is None else _TIMESTAMP.pack(8, (value - _POSTGRES_EPOCH) // _MICROSECOND)

        if not (field.auto_now or field.auto_now_add):

            def timestamp(row) -> bytes:
                return timestamp_of(field.pre_save(row, True))

            return timestamp
        last = [None, b""]  # the value last converted, and its bytes

        def stamp(row) -> bytes:
            value = getattr(row, attname)  # set by _stamp: one value for the whole call
            if value is not last[0]:
                last[:] = value, timestamp_of(value)
            return last[1]

        return stamp
    if type(field) is models.DecimalField and field.db_type(connection).startswith("numeric"):

        def number(row) -> bytes:
            value = field.get_db_prep_save(field.pre_save(row, True), connection)
            return _NULL_LENGTH if value is None else _framed(numeric_binary(decimal.Decimal(value)))

        return number
    if type(field) is models.BooleanField:

        def boolean(row) -> bytes:
            value = field.get_prep_value(field.pre_save(row, True))  # as Django reads "False", 0, …
            return _NULL_LENGTH if value is None else (_TRUE if value else _FALSE)

        return boolean
    if type(field) is models.JSONField and field.db_type(connection) == "jsonb":

        def json_of(value) -> bytes:
            text = _json_text(field.get_db_prep_save(value, connection))
            return _NULL_LENGTH if text is None else _framed(b"\x01" + text.encode())  # jsonb's version, then text

        empty: dict[type, bytes] = {}  # an empty list or dict, the value of most rows, converted once

        def json(row) -> bytes:
            value = field.pre_save(row, True)
            if type(value) in (list, dict) and not value:
                if type(value) not in empty:
                    empty[type(value)] = json_of(value)
                return empty[type(value)]
            return json_of(value)

        return json
    return None


def _framed(value: bytes | None) -> bytes:
    """A value as a COPY binary row holds it: its length, then its bytes; None as the NULL marker."""
    return _NULL_LENGTH if value is None else _LENGTH.pack(len(value)) + value


_NUMERIC_HEAD = struct.Struct(">hhHH")
_NUMERIC_NEGATIVE = 0x4000


def numeric_binary(value: decimal.Decimal) -> bytes:
    """PostgreSQL's binary image of a finite ``numeric``: its number of base-10000 digits, the weight
    (power of 10000) of the first, the sign, the display scale, then the digits.

    The scale is the value's own (12.50 keeps 2); PostgreSQL rounds it to the column's, as
    it does the text ``bulk_create`` sends.
    """
    sign, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int):
        raise ValueError(f"numeric_binary: {value} is not a finite number")
    scale = max(-exponent, 0)
    quarters = (scale + 3) // 4  # base-10000 digits after the point
    # The value times 10000 ** quarters, a whole number: its base-10000 digits, last first.
    magnitude = int("".join(map(str, digits))) * 10 ** (max(exponent, 0) + 4 * quarters - scale)
    groups = []
    while magnitude:
        magnitude, group = divmod(magnitude, 10000)
        groups.append(group)
    weight = len(groups) - 1 - quarters
    groups.reverse()
    while groups and not groups[-1]:  # PostgreSQL keeps no trailing zero digits
        groups.pop()
    if not groups:  # zero, whatever its sign
        return _NUMERIC_HEAD.pack(0, 0, 0, scale)
    head = _NUMERIC_HEAD.pack(len(groups), weight, _NUMERIC_NEGATIVE if sign else 0, scale)
    return head + struct.pack(f">{len(groups)}h", *groups)


def _json_text(adapted) -> str | None:
    """The JSON text of a JSONField's prepared value (psycopg2's ``Json`` adapter), or None."""
    return None if adapted is None else adapted.dumps(adapted.adapted)


# Fields whose stored value is the attribute's, spelled as text or as a whole number: their
# pre_save reads the attribute and their preparation only converts it (Django's CharField,
# TextField and integer fields; a foreign key to a key of those, such as a statistic's
# indicator code). Every other field takes Django's own path (pre_save, get_db_prep_save),
# which was most of this module's time.
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
    if type(kind) in _TEXT_FIELDS and type(field) in (type(kind), models.ForeignKey):

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
        return _escaped(_json_text(value))
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
