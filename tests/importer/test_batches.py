"""Batches: several files per transaction, a savepoint each; extraction in worker processes."""

import hashlib
import io
import pickle
import shutil
import threading
from decimal import Decimal
from functools import partial
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext

from reports import bulk, importing
from reports.batching import collect_files, file_batches
from reports.extraction import ExtractionError, extract_document
from reports.extraction.parallel import Extractor
from reports.importer import Importer
from reports.models import AgendaItem, ImportRun, Report, Source, Statistic
from tests.helpers import PROJECT_DIR, wait_for_flag

pytestmark = pytest.mark.django_db


def variants(texts, count: int) -> list:
    """``count`` distinct copies of the county report (a differing closing line each)."""
    original = (texts / "county_npc_2023.txt").read_text(encoding="utf-8")
    paths = []
    for n in range(count):
        path = texts / f"variant_{n:02d}.txt"
        path.write_text(original + f"\n（第{n + 1}份）\n", encoding="utf-8")
        paths.append(path)
    return paths


def rows_of(name: str) -> tuple[int, int, int]:
    return (
        Report.objects.filter(source__name=name).count(),
        AgendaItem.objects.filter(source__name=name).count(),
        Statistic.objects.filter(source__name=name).count(),
    )


def test_bad_files_fail_alone_inside_a_batch_and_outcomes_keep_file_order(texts, monkeypatch):
    monkeypatch.setattr(Importer, "BATCH_FILES", 3)
    good = variants(texts, 4)
    files = [good[0], texts / "not_a_report.txt", good[1], good[2], texts / "undecodable.txt", good[3]]
    seen = []
    run = Importer("test", on_outcome=seen.append).run(files)
    assert [o.path for o in seen] == [str(f) for f in files]
    assert [o.status for o in seen] == ["created", "failed", "created", "created", "failed", "created"]
    assert (run.files_created, run.files_failed, run.status) == (4, 2, "partial")
    assert [entry["path"] for entry in run.files] == [str(f) for f in files]
    assert sorted(Source.objects.values_list("name", flat=True)) == sorted(p.name for p in good)
    for path in good:
        assert rows_of(path.name) == rows_of(good[0].name) != (0, 0, 0)


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (IntegrityError("simulated constraint violation"), "database error: simulated constraint violation"),
        (KeyError("an unforeseen shape"), "internal error while storing: KeyError: 'an unforeseen shape'"),
    ],
    ids=["database error", "unforeseen exception"],
)
def test_an_error_while_storing_rolls_back_only_its_own_file(texts, monkeypatch, error, reason):
    """The failing file's source row was written before the error: its savepoint removes it.
    A database error or an exception the storing code did not foresee: the run goes on either way."""
    good = variants(texts, 3)
    store = importing.store_document

    def failing(name, *args, **kwargs):
        source = store(name, *args, **kwargs)
        if name == good[1].name:
            raise error
        return source

    monkeypatch.setattr("reports.importer.store_document", failing)
    seen = []
    run = Importer("test", on_outcome=seen.append).run(good)
    assert [o.status for o in seen] == ["created", "failed", "created"]
    assert seen[1].reason == reason
    assert rows_of(good[1].name) == (0, 0, 0) and not Source.objects.filter(name=good[1].name).exists()
    assert rows_of(good[0].name) == rows_of(good[2].name) != (0, 0, 0)
    assert run.status == "partial"


def test_a_file_locked_by_another_import_ends_the_transaction_before_waiting(texts, monkeypatch):
    """Never wait for a lock while holding others: commit what is stored, then wait holding nothing."""
    good = variants(texts, 4)
    calls = []

    def lock(name):
        calls.append(("wait", name))

    def try_locks(names):
        calls.append(("try", names))
        return [name != good[2].name for name in names]  # "another import" holds the third file

    monkeypatch.setattr("reports.importer._lock_source_name", lock)
    monkeypatch.setattr("reports.importer._try_lock_source_names", try_locks)
    run = Importer("test").run(good)
    assert run.files_created == 4
    names = [path.name for path in good]
    assert (
        calls
        == [
            ("wait", names[0]),
            ("try", names[1:]),  # the third is refused: the first two are committed ...
            ("wait", names[2]),  # ... and a new transaction waits for it
            ("try", names[3:]),
        ]
    )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="advisory locks are PostgreSQL's")
def test_a_batchs_locks_and_stored_versions_take_three_statements_not_two_per_file(texts):
    good = variants(texts, 6)
    with CaptureQueriesContext(connection) as queries:
        run = Importer("test", workers=0).run(good)
    assert run.files_created == 6
    locks = [q["sql"] for q in queries if "advisory_xact_lock" in q["sql"]]
    versions = [q["sql"] for q in queries if q["sql"].startswith('SELECT "reports_source"."name" AS "name"')]
    assert len(locks) == 2  # the first file's, waited for; the other five's, tried at once
    assert len(versions) == 2  # the batch's versions before extraction, and under its locks


def test_a_second_file_of_the_same_name_in_a_batch_updates_the_first(texts):
    """The versions read under the locks are kept up to date while the batch is stored."""
    first, second = variants(texts, 2)
    (texts / "other").mkdir()
    same_name = texts / "other" / first.name
    same_name.write_bytes(second.read_bytes())
    seen = []
    Importer("test", on_outcome=seen.append, workers=0).run([first, same_name])
    assert [o.status for o in seen] == ["created", "updated"]
    assert Source.objects.get(name=first.name).sha256 == hashlib.sha256(same_name.read_bytes()).hexdigest()


def test_batches_grow_from_a_small_first_one_to_the_limit():
    files = [Path(f"f{n}") for n in range(40)]
    sizes = [len(batch) for batch in file_batches(files, most_files=10, most_bytes=10**9, first=2)]
    assert sizes == [2, 4, 8, 10, 10, 6]
    assert [p for batch in file_batches(files, 10, 10**9, first=2) for p in batch] == files


def test_batches_are_cut_by_size_as_well_as_by_count(texts, monkeypatch):
    good = variants(texts, 5)
    size = good[0].stat().st_size
    monkeypatch.setattr(Importer, "BATCH_BYTES", 2 * size + size // 2)  # two files fit, not three
    transactions = []
    original = Importer._store_in_one_transaction

    def spy(self, items, run):
        transactions.append([item.path.name for item in items])
        return original(self, items, run)

    monkeypatch.setattr(Importer, "_store_in_one_transaction", spy)
    Importer("test").run(good)
    assert [len(t) for t in transactions] == [2, 2, 1]


def test_unchanged_files_are_found_with_one_query_per_batch(texts, django_assert_max_num_queries):
    good = variants(texts, 6)
    Importer("test").run(good)
    # Run bookkeeping (create, indicator sync, save, finish) plus one query for the batch's sources.
    with django_assert_max_num_queries(12):
        run = Importer("test", workers=0).run(good)
    assert run.files_unchanged == 6


@pytest.mark.slow
def test_worker_processes_store_exactly_what_in_process_extraction_stores(texts):
    seeds = collect_files([PROJECT_DIR / "seeds"])
    Importer("in process", workers=0).run(seeds)
    in_process = _rows()
    for model in (Statistic, AgendaItem, Report, Source):
        model.objects.all().delete()
    run = Importer("workers", workers=2).run(seeds)
    assert run.files_created == len(seeds)
    assert _rows() == in_process


def _rows():
    return {
        "reports": sorted(Report.objects.values_list("source__name", "key", "title", "char_start", "char_end")),
        "items": sorted(AgendaItem.objects.values_list("source__name", "key", "number", "char_start", "char_end")),
        "statistics": sorted(
            Statistic.objects.values_list("source__name", "key", "value", "unit", "indicator_id", "char_start")
        ),
    }


def test_the_extractor_returns_a_bad_files_error_from_a_worker_with_its_reason():
    with Extractor(1) as extractor:
        good, bad = extractor.submit_all(
            [(PROJECT_DIR / "tests/fixtures/import/county_npc_2023.txt").read_bytes(), b"\x00\x01binary"]
        )
        good, bad = good.result(), bad.result()
    assert good.reports[0].title == "某某县人民代表大会常务委员会工作报告"
    assert isinstance(bad, ExtractionError)
    with pytest.raises(ExtractionError) as raised:
        extract_document(b"\x00\x01binary")
    assert (bad.reason, bad.position, str(bad)) == (
        raised.value.reason,
        raised.value.position,
        str(raised.value),
    )


def test_an_extraction_error_survives_pickling_with_reason_and_position():
    error = pickle.loads(pickle.dumps(ExtractionError("undecodable", 17)))
    assert (error.reason, error.position, str(error)) == ("undecodable", 17, "undecodable at character 17")


@pytest.mark.parametrize(
    ("files", "workers", "cpus", "expected"),
    [(5, None, 8, 0), (400, None, 2, 1), (400, None, 16, 4), (400, 0, 8, 0), (3, 2, 1, 2)],
)
def test_worker_count_follows_files_cpus_and_the_option(monkeypatch, files, workers, cpus, expected):
    monkeypatch.setattr("reports.importer._cpu_count", lambda: cpus)
    assert Importer("test", workers=workers).worker_count(files) == expected


def test_the_workers_option_rejects_a_negative_number(texts):
    with pytest.raises(CommandError, match="--workers: must be a whole number, 0 or more"):
        call_command("import", str(texts / "county_npc_2023.txt"), "--workers", "-1", stdout=io.StringIO())


def test_the_import_command_takes_workers_and_records_one_run(texts, tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for path in variants(texts, 3):
        shutil.copy(path, folder / path.name)
    out = io.StringIO()
    call_command("import", str(folder), "--no-progress", "--workers", "1", stdout=out, stderr=io.StringIO())
    assert "3 created, 0 updated, 0 unchanged, 0 failed" in out.getvalue()
    assert ImportRun.objects.count() == 1


def _changing_second_variant(monkeypatch, change) -> None:
    """Extraction as usual, but ``change(document)`` applied to the second variant's record."""
    from reports.extraction import pipeline

    extract = pipeline.extract_document

    def changed(data, *args, **kwargs):
        document = extract(data, *args, **kwargs)
        if "（第2份）".encode() in data:
            change(document)
        return document

    monkeypatch.setattr(pipeline, "extract_document", changed)


def test_a_count_too_large_for_its_column_is_left_out_with_a_warning(texts, monkeypatch):
    """A misread number (3 × 10^17) that PostgreSQL's column cannot hold: that statistic alone is
    not stored, on every database alike, and the run says so where it was."""
    good = variants(texts, 3)

    def overflow(document):
        statistic = document.reports[0].statistics[0]
        statistic.value, statistic.number_text = Decimal("3e17"), "3亿亿"

    _changing_second_variant(monkeypatch, overflow)
    seen = []
    run = Importer("test", on_outcome=seen.append, workers=0).run(good)
    assert [o.status for o in seen] == ["created", "created", "created"]
    reports, items, statistics = rows_of(good[0].name)
    assert rows_of(good[1].name) == (reports, items, statistics - 1)
    [warning] = [w for w in run.warnings if w["code"] == "value_out_of_range"]
    assert warning["path"] == str(good[1]) and "3亿亿" in warning["message"]
    assert isinstance(warning["position"], int) and warning["report"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite does not enforce a column's length")
def test_a_row_the_database_refuses_fails_its_own_file_alone(texts, monkeypatch):
    """A unit longer than its column, as an unforeseen text could give: PostgreSQL refuses the
    file's COPY, and that file alone fails, with the database's reason, and leaves nothing."""
    good = variants(texts, 3)

    def overlong_unit(document):
        document.reports[0].statistics[0].unit = "个" * 11  # the column holds 10

    _changing_second_variant(monkeypatch, overlong_unit)
    seen = []
    run = Importer("test", on_outcome=seen.append, workers=0).run(good)
    assert [o.status for o in seen] == ["created", "failed", "created"]
    assert seen[1].reason.startswith("database error: value too long"), seen[1].reason
    assert rows_of(good[1].name) == (0, 0, 0) and not Source.objects.filter(name=good[1].name).exists()
    assert rows_of(good[0].name) == rows_of(good[2].name) != (0, 0, 0)
    assert (run.files_created, run.files_failed) == (2, 1)


def test_a_flaw_met_while_extracting_fails_that_file_alone(texts, monkeypatch):
    good = variants(texts, 3)

    def flawed(document):
        raise IndexError("list index out of range")

    _changing_second_variant(monkeypatch, flawed)
    seen = []
    Importer("test", on_outcome=seen.append, workers=0).run(good)
    assert [o.status for o in seen] == ["created", "failed", "created"]
    reason = "internal error in extraction: IndexError: list index out of range (test_batches.py:"
    assert seen[1].reason.startswith(reason), seen[1].reason  # where it was raised: here, in flawed()
    assert rows_of(good[0].name) == rows_of(good[2].name) != (0, 0, 0)


@pytest.mark.parametrize("workers", [0, 1, 2])
def test_sources_submitted_together_come_back_in_order_one_task_per_worker(workers):
    good = (PROJECT_DIR / "tests/fixtures/import/county_npc_2023.txt").read_bytes()
    datas = [good, b"\x00\x01binary", good.replace("某某县".encode(), "另一县".encode()), b"\x00bad", good]
    with Extractor(workers) as extractor:
        shares = extractor.submit_all(datas)
        results = [share.result() for share in shares]
        if workers:
            assert len({id(share._future) for share in shares}) == workers  # a run of sources a task
    assert [type(result) for result in results] == [
        type(extract_document(good)),
        ExtractionError,
        type(extract_document(good)),
        ExtractionError,
        type(extract_document(good)),
    ]
    assert results[2].reports[0].title == "另一县人民代表大会常务委员会工作报告"
    assert results[0].reports[0].title == results[4].reports[0].title == "某某县人民代表大会常务委员会工作报告"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the binary COPY is PostgreSQL's")
def test_an_unforeseen_error_while_writing_a_batch_fails_only_its_file(texts, monkeypatch):
    """Raised by the batch's COPY of statistics, it is not told to any file: the batch is stored
    again file by file, and the file whose own write raises it fails alone."""
    marker = Decimal("7777777")
    numeric_binary = bulk.numeric_binary

    def refusing(value):
        if value == marker:
            raise ValueError("an unforeseen value")
        return numeric_binary(value)

    def marked(document):
        document.reports[0].statistics[0].value = marker

    monkeypatch.setattr(bulk, "numeric_binary", refusing)
    _changing_second_variant(monkeypatch, marked)
    good = variants(texts, 3)
    seen = []
    Importer("test", on_outcome=seen.append, workers=0).run(good)
    assert [o.status for o in seen] == ["created", "failed", "created"]
    assert seen[1].reason == "internal error while storing: ValueError: an unforeseen value"
    assert rows_of(good[1].name) == (0, 0, 0)
    assert rows_of(good[0].name) == rows_of(good[2].name) != (0, 0, 0)


def test_closing_the_extractor_does_not_wait_for_its_workers(tmp_path):
    """What follows a run (an import's index builds) need not wait while a worker exits and frees
    what it loaded; here the worker is still busy, and close() returns all the same."""
    flag = tmp_path / "go"
    extractor = Extractor(1, then=partial(wait_for_flag, flag=str(flag)))
    extractor.submit_all([(PROJECT_DIR / "tests/fixtures/import/county_npc_2023.txt").read_bytes()])
    closing = threading.Thread(target=extractor.close)
    closing.start()
    closing.join(timeout=30)
    returned = not closing.is_alive()
    flag.touch()  # the worker finishes its task and exits
    closing.join()
    assert returned
