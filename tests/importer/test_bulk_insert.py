"""bulk_insert (reports/bulk.py) stores rows exactly as bulk_create would: COPY on PostgreSQL."""

import datetime
import struct
from decimal import Decimal

import pytest
from django.db import DataError, connection, transaction
from django.utils import timezone

from reports import bulk
from reports.bigrams import array_binary
from reports.bulk import bulk_insert, copy_text
from reports.models import AgendaItem, Indicator, Report, Statistic
from tests.factories import make_body, make_report

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="COPY is PostgreSQL's")

# Characters COPY's text format must escape, and text that looks like its NULL marker.
AWKWARD = "第一行\t制表\n第二行\r\n反斜杠\\n不是换行 \\N 不是空值 ，「引号」'\"\u3000"


def items(report, texts: list[str]) -> list[AgendaItem]:
    return [
        AgendaItem(
            report=report,
            source=report.source,
            body=report.body,
            key=f"review/{n}",
            part="review",
            number=f"({n})",
            order=n,
            heading=f"标题{n}\t{AWKWARD[:6]}",
            text=text,
            edited_fields=["heading"] if n % 2 else [],
            char_start=n,
            char_end=n + len(text),
        )
        for n, text in enumerate(texts, start=1)
    ]


def statistics(report, item) -> list[Statistic]:
    values = [(Decimal("6"), None), (Decimal("0.5"), Decimal("12.25")), (Decimal("123456789.1234"), None)]
    return [
        Statistic(
            report=report,
            body=report.body,
            source=report.source,
            agenda_item=item if n else None,
            key=f"s{n}",
            label=f"标签{n}\\{AWKWARD[:4]}",
            value=value,
            value_max=value_max,
            qualifier="approx" if n == 1 else "exact",
            unit="次",
            period="year",
            part="review",
            year=2023 if n else None,
            per_unit=n == 2,
            number_text=str(value),
            char_start=n,
            char_end=n + 2,
        )
        for n, (value, value_max) in enumerate(values)
    ]


def columns(model, ids) -> list[tuple]:
    """Every stored column but the primary key, the key and the timestamps, row by row in ``ids`` order."""
    skip = ("id", "key", "created_at", "updated_at")
    names = [f.attname for f in model._meta.concrete_fields if f.attname not in skip]
    rows = {row[0]: row[1:] for row in model.objects.filter(pk__in=ids).values_list("id", *names)}
    return [rows[pk] for pk in ids]


@pytest.fixture
def report():
    return make_report(body=make_body())


@pytest.fixture(params=["binary", "text"])
def copy_format(request, monkeypatch):
    """Run a comparison through each COPY format: binary where every column has a binary
    spelling (on a UTF-8 server), text otherwise (a server in another encoding)."""
    if request.param == "text":
        monkeypatch.setattr(bulk, "binary_writers", lambda model, connection: None)
    else:
        monkeypatch.setattr(bulk, "_text_copy", _never)
    return request.param


def _never(*args, **kwargs):
    raise AssertionError("the binary COPY was expected")


def test_rows_get_their_primary_keys_and_are_stored(report):
    rows = bulk_insert(AgendaItem, items(report, ["一", "二", "三"]))
    assert all(row.pk is not None and not row._state.adding for row in rows)
    assert [row.pk for row in rows] == sorted({row.pk for row in rows})  # distinct, ascending in reading order
    stored = AgendaItem.objects.in_bulk([row.pk for row in rows])
    assert [stored[row.pk].key for row in rows] == ["review/1", "review/2", "review/3"]
    assert all(stored[row.pk].created_at is not None for row in rows)


def test_children_can_point_at_rows_just_inserted(report):
    (parent,) = bulk_insert(AgendaItem, items(report, ["上级"]))
    (child,) = items(report, ["下级"])
    child.key, child.parent = "review/1/1", parent
    bulk_insert(AgendaItem, [child])
    assert AgendaItem.objects.get(pk=child.pk).parent_id == parent.pk


def test_an_unsaved_related_row_is_refused(report):
    (parent,) = items(report, ["上级"])  # never saved
    (child,) = items(report, ["下级"])
    child.parent = parent
    with pytest.raises(ValueError, match="unsaved related object"):
        bulk_insert(AgendaItem, [child])
    assert not AgendaItem.objects.exists()


def test_nothing_to_insert_makes_no_query(report, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert bulk_insert(Statistic, []) == []


@postgres_only
def test_copy_stores_every_column_as_bulk_create_does(report, copy_format):
    texts = [AWKWARD, "立法调研" * 300, "", "\\", "末尾换行\n"]
    copied = bulk_insert(AgendaItem, items(report, texts))
    created = AgendaItem.objects.bulk_create(
        [_rekeyed(row, "created") for row in items(report, texts)]  # same values, other keys
    )
    assert columns(AgendaItem, [row.pk for row in copied]) == columns(AgendaItem, [row.pk for row in created])
    assert AgendaItem.objects.get(pk=copied[0].pk).text == AWKWARD
    stored = AgendaItem.objects.get(pk=copied[0].pk)
    assert stored.search_bigrams_even and stored.search_bigrams_odd  # the derived pairs were computed


@postgres_only
def test_copy_stores_statistics_as_bulk_create_does(report, copy_format):
    (item,) = bulk_insert(AgendaItem, items(report, ["召开会议6次"]))
    copied = bulk_insert(Statistic, statistics(report, item))
    created = Statistic.objects.bulk_create([_rekeyed(row, "created") for row in statistics(report, item)])
    assert columns(Statistic, [row.pk for row in copied]) == columns(Statistic, [row.pk for row in created])
    assert Statistic.objects.get(pk=copied[1].pk).value_max == Decimal("12.25")


def _rekeyed(row, prefix: str):
    row.key = f"{prefix}/{row.key}"
    return row


def test_copy_text_spells_values_as_copy_reads_them():
    assert copy_text(None) == "\\N"
    assert copy_text(True) == "t" and copy_text(False) == "f"
    assert copy_text(7) == "7" and copy_text(Decimal("0.50")) == "0.50"
    assert copy_text("a\tb\nc\rd\\e") == "a\\tb\\nc\\rd\\\\e"
    assert copy_text("\\N") == "\\\\N"  # the text "\N", not NULL
    when = datetime.datetime(2026, 12, 7, 1, 2, 3, tzinfo=datetime.UTC)
    assert copy_text(when) == "2026-12-07T01:02:03+00:00"


def test_copy_text_refuses_a_value_it_cannot_spell():
    with pytest.raises(TypeError, match="no COPY text for a value of type list"):
        copy_text(["a"])


@postgres_only
def test_json_is_written_as_json(report, copy_format):
    (row,) = items(report, ["文本"])
    row.edited_fields = ["heading", "制表\t"]
    bulk_insert(AgendaItem, [row])
    assert AgendaItem.objects.get(pk=row.pk).edited_fields == ["heading", "制表\t"]
    assert timezone.is_aware(AgendaItem.objects.get(pk=row.pk).updated_at)


@postgres_only
def test_copy_stores_reports_as_bulk_create_does(report, copy_format):
    def reports(prefix: str) -> list[Report]:
        return [
            Report(
                source=report.source,
                body=report.body if n else None,
                key=f"{prefix}{n}",
                title=f"{AWKWARD}{n}",
                report_type="npc_sc_work",
                term=n or None,
                review_year=2023 if n else None,
                plan_year=2024,
                review_year_inferred=bool(n),
                plan_year_inferred=("False", "1", 0)[n],  # read as Django reads them
                metadata={"journal": f"刊\t{n}", "issue": n},
                char_start=n,
                char_end=n + 10,
            )
            for n in range(3)
        ]

    copied = bulk_insert(Report, reports("copied"))
    created = Report.objects.bulk_create(reports("created"))
    assert columns(Report, [row.pk for row in copied]) == columns(Report, [row.pk for row in created])


@postgres_only
def test_keys_are_drawn_a_block_at_a_time_and_never_handed_out_twice(report, django_assert_num_queries):
    bulk._drawn.clear()
    with django_assert_num_queries(2):  # draws a block, then the COPY
        bulk_insert(AgendaItem, items(report, ["一"]))
    with django_assert_num_queries(1):  # the COPY alone: the keys come from the block drawn
        (second,) = bulk_insert(AgendaItem, [_rekeyed(row, "b") for row in items(report, ["二"])])
    created = AgendaItem.objects.create(
        report=report, source=report.source, key="own", part="review", order=9, text="三", char_start=0, char_end=1
    )
    rows = bulk_insert(AgendaItem, [_rekeyed(row, f"c{n}") for n, row in enumerate(items(report, ["四"] * 1500))])
    ids = [row.pk for row in rows]
    assert ids == sorted(set(ids)) and len(ids) == 1500  # more than a block: drawn at once, ascending
    assert created.pk not in ids and second.pk not in ids
    assert AgendaItem.objects.count() == 1 + 1 + 1 + 1500


def test_rows_are_stamped_with_the_time_they_were_written(report):
    before = timezone.now()
    rows = bulk_insert(AgendaItem, items(report, ["一", "二"]))
    after = timezone.now()
    stored = AgendaItem.objects.in_bulk([row.pk for row in rows])
    for row in rows:
        assert before <= row.created_at <= after and before <= row.updated_at <= after
        assert (stored[row.pk].created_at, stored[row.pk].updated_at) == (row.created_at, row.updated_at)


@postgres_only
def test_one_calls_rows_share_one_stamp_and_the_next_call_gets_its_own(report):
    first = bulk_insert(AgendaItem, items(report, ["一", "二", "三"]))
    assert len({(row.created_at, row.updated_at) for row in first}) == 1
    assert first[0].created_at == first[0].updated_at
    second = bulk_insert(AgendaItem, [_rekeyed(row, f"again{n}") for n, row in enumerate(items(report, ["四", "五"]))])
    assert second[0].updated_at > first[0].updated_at  # a stamp converted once is not reused for the next call
    stored = AgendaItem.objects.in_bulk([row.pk for row in first + second])
    for row in first + second:
        assert (stored[row.pk].created_at, stored[row.pk].updated_at) == (row.created_at, row.updated_at)


@postgres_only
def test_empty_and_filled_json_values_alternate_correctly(report, copy_format):
    rows = items(report, ["一", "二", "三", "四"])
    values = [[], ["text"], [], {}]
    for row, value in zip(rows, values, strict=True):
        row.edited_fields = value
    bulk_insert(AgendaItem, rows)
    stored = AgendaItem.objects.in_bulk([row.pk for row in rows])
    assert [stored[row.pk].edited_fields for row in rows] == values


@postgres_only
def test_items_reports_and_statistics_are_copied_in_binary():
    # Binary spares PostgreSQL parsing the items' pair arrays, and this process spelling each value.
    # The comparisons with bulk_create above then cover the binary path.
    assert bulk.binary_writers(AgendaItem, connection) is not None
    assert bulk.binary_writers(Report, connection) is not None
    assert bulk.binary_writers(Statistic, connection) is not None


NUMBERS = [
    "0", "0.0", "-0", "1", "-1", "12.5", "12.50", "0.0005", "0.00005", "-3.5", "0.1", "1E+3", "1E-7",
    "10000", "9999.9999", "100000000", "123456789012.3456", "1.23456789", "-987654.321", "25.0000",
]  # fmt: skip


@postgres_only
@pytest.mark.parametrize("number", NUMBERS + ["1E-8", "-0.0001", "99999999.9999", "1E+20", "-1E+4", "123.4500", "0E-7"])
def test_a_numeric_has_the_binary_image_postgresql_sends(number):
    with connection.cursor() as cursor:
        cursor.execute("SELECT numeric_send(%s::numeric)", [number])
        theirs = bytes(cursor.fetchone()[0])
    assert bulk.numeric_binary(Decimal(number)) == theirs


def test_a_number_that_is_not_finite_has_no_numeric_image():
    for value in ("NaN", "Infinity", "-Infinity"):
        with pytest.raises(ValueError, match="not a finite number"):
            bulk.numeric_binary(Decimal(value))


@postgres_only
def test_statistics_values_are_rounded_to_the_column_as_bulk_create_has_them(report, copy_format):
    """The column is numeric(20, 4): PostgreSQL rounds what either path sends to four places."""
    code = Indicator.objects.get_or_create(code="test_meetings", defaults={"name": "会议"})[0].code

    def rows(prefix: str) -> list[Statistic]:
        made = []
        for n, number in enumerate(NUMBERS + ["1.23455", "-1.23455", "0.99995"]):
            (row,) = statistics(report, None)[:1]
            row.key, row.value, row.value_max = f"{prefix}/{n}", Decimal(number), None if n % 2 else Decimal(number)
            row.indicator_id = code if n % 3 else None  # a foreign key to a text key
            made.append(row)
        return made

    copied = bulk_insert(Statistic, rows("copied"))
    created = Statistic.objects.bulk_create(rows("created"))
    assert columns(Statistic, [row.pk for row in copied]) == columns(Statistic, [row.pk for row in created])
    stored = Statistic.objects.in_bulk([row.pk for row in copied])
    assert [stored[row.pk].value for row in copied][-3:] == [Decimal("1.2346"), Decimal("-1.2346"), Decimal("1.0000")]


@postgres_only
def test_binary_copy_stores_empty_and_missing_values_as_bulk_create_does(report):
    def rows(prefix: str) -> list[AgendaItem]:
        made = items(report, ["一", "", "会议\u3000议程", AWKWARD])
        made[0].heading = ""  # one character in all: no pairs, an empty array
        made[1].heading, made[1].body = "", None  # a NULL key
        made[2].number = ""
        for row in made:
            row.key = f"{prefix}/{row.key}"
        return made

    copied = bulk_insert(AgendaItem, rows("copied"))
    created = AgendaItem.objects.bulk_create(rows("created"))
    assert columns(AgendaItem, [row.pk for row in copied]) == columns(AgendaItem, [row.pk for row in created])
    stored = AgendaItem.objects.in_bulk([row.pk for row in copied])
    assert stored[copied[0].pk].search_bigrams_even == stored[copied[0].pk].search_bigrams_odd == []
    assert stored[copied[1].pk].body_id is None
    assert any(
        code < 0 for code in stored[copied[2].pk].search_bigrams_even
    )  # 会议: 议 (U+8BAE) high, a negative code; 会 (U+4F1A) even


def test_an_integer_array_has_postgresqls_binary_image():
    header = struct.pack(">iii", 1, 0, 23)  # one dimension, no NULLs, elements of type int4 (oid 23)
    assert array_binary([7, -1]) == header + struct.pack(">ii", 2, 1) + struct.pack(">iiii", 4, 7, 4, -1)
    assert array_binary([]) == struct.pack(">iii", 0, 0, 23)  # no dimensions: '{}'


@postgres_only
def test_a_refused_copy_raises_djangos_error_not_the_drivers(report, copy_format):
    (row,) = items(report, ["文本"])
    row.number = "一" * 21  # the column holds 20
    with pytest.raises(DataError, match="value too long"), transaction.atomic():
        bulk_insert(AgendaItem, [row])


_EDGES = [
    "0",
    "-1.5",
    "9999999999999999.9999",
    "9999999999999999.99994",
    "9999999999999999.99995",
    "-9999999999999999.99995",
    "10000000000000000",
    "1e30",
    "-1e30",
    "0.00005",
]


@postgres_only
@pytest.mark.parametrize("value", _EDGES)
def test_a_value_fits_exactly_when_postgresql_accepts_it(report, value):
    from reports.importing import _value_fits

    row = statistics(report, None)[0]
    row.value = Decimal(value)
    try:
        with transaction.atomic():
            bulk_insert(Statistic, [row])
        accepted = True
    except DataError:
        accepted = False
    assert _value_fits(Decimal(value)) is accepted


def test_no_number_of_any_size_breaks_the_range_check():
    from reports.importing import _value_fits

    assert not any(_value_fits(Decimal(v)) for v in ("NaN", "Infinity", "-Infinity", "1e999999", "-1e99"))
    assert _value_fits(Decimal("1e-999999")) and _value_fits(Decimal("123.45"))


def test_keys_are_drawn_ahead_on_postgresql_only(report):
    rows = items(report, ["一", "二"])
    drawn = bulk.assign_keys(AgendaItem, rows)
    assert drawn == (connection.vendor == "postgresql")
    if drawn:
        assert rows[0].pk < rows[1].pk and all(row._state.adding for row in rows)  # keys, but not yet stored
        assert not AgendaItem.objects.filter(pk__in=[row.pk for row in rows]).exists()
    else:
        assert [row.pk for row in rows] == [None, None]


@postgres_only
def test_rows_keep_keys_drawn_ahead_and_a_child_may_share_its_parents_copy(report):
    parent, sibling = items(report, ["上级", "同级"])
    assert bulk.assign_keys(AgendaItem, [parent, sibling])
    keys = parent.pk, sibling.pk
    (child,) = items(report, ["下级"])
    child.key, child.parent_id = "review/1/1", parent.pk
    bulk_insert(AgendaItem, [parent, child, sibling])  # the child has no key yet: drawn now
    assert (parent.pk, sibling.pk) == keys and child.pk not in keys
    stored = AgendaItem.objects.in_bulk([parent.pk, child.pk, sibling.pk])
    assert stored[parent.pk].key == "review/1" and stored[sibling.pk].key == "review/2"
    assert stored[child.pk].parent_id == parent.pk


@postgres_only
def test_rows_copied_in_many_reads_are_stored_as_bulk_create_stores_them(report, monkeypatch):
    """COPY data is formatted as psycopg2 reads it: with reads far smaller than the rows, every row
    still arrives whole and in order."""
    reads = []
    read = bulk._CopyStream.read

    def counted(stream, size=-1):
        data = read(stream, size)
        reads.append(len(data))
        return data

    monkeypatch.setattr(bulk, "_COPY_READ", 100)
    monkeypatch.setattr(bulk._CopyStream, "read", counted)
    texts = [AWKWARD * n for n in range(1, 41)]
    copied = bulk_insert(AgendaItem, items(report, texts))
    for row in (created := items(report, texts)):
        row.key = f"created/{row.key}"
    AgendaItem.objects.bulk_create(created)
    assert columns(AgendaItem, [row.pk for row in copied]) == columns(AgendaItem, [row.pk for row in created])
    assert len(reads) > 40 and reads[-1] == 0  # a read per row or so, then the end


def test_copy_stream_reads_whole_chunks_until_the_size_is_reached():
    stream = bulk._CopyStream(iter([b"ab", b"cde", b"f", b"ghij"]))
    assert stream.read(4) == b"abcde"  # whole chunks: a row is never cut
    assert stream.read(1) == b"f"
    assert stream.read(-1) == b"ghij"
    assert stream.read(4) == b""


def test_copy_stream_keeps_the_error_a_chunk_raised():
    def chunks():
        yield b"ab"
        raise ValueError("a value this process cannot format")

    stream = bulk._CopyStream(chunks())
    with pytest.raises(ValueError):
        stream.read(10)
    assert str(stream.error) == "a value this process cannot format"
