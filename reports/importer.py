"""Import runs: read files, extract, store them in batches, record the run.

Files are stored in batches, one transaction per batch and a savepoint per file:
a bad file is reported with its path and reason and leaves the database as it
was for that file; the other files still import. While one batch is stored,
the next is extracted (in worker processes for large runs, see
``extraction.parallel``). The run itself is recorded in ImportRun, whatever
happens.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from .batching import MOST_BYTES, MOST_FILES, file_batches
from .bigrams import forget_ahead, remember_ahead
from .extraction import EXTRACTOR_VERSION, ExtractionError
from .extraction.parallel import Extractor
from .extraction.records import BodyRecord
from .importing import RowCache, RowCounts, StoreContext, UnwrittenRows, ensure_bodies, store_document, warning_rows
from .indicators import sync_indicators
from .models import AgendaItem, Body, ImportRun, Indicator, Report, Source, Statistic
from .prepared import Prepared, prepare
from .search_indexes import analyze, drop_search_indexes, restore_search_indexes

logger = logging.getLogger(__name__)


@dataclass
class FileOutcome:
    """What happened to one file."""

    path: str
    status: str  # created | updated | unchanged | failed
    reason: str = ""
    counts: RowCounts = field(default_factory=RowCounts)
    reports: int = 0
    conflicts: int = 0
    warnings: list[dict] = field(default_factory=list)  # ImportRun.warnings entries

    def summary(self) -> str:
        if self.status == "failed":
            return f"{self.path}: {self.reason}"
        if self.status == "unchanged":
            return f"{self.path}: unchanged"
        c = self.counts
        detail = f"{self.reports} reports; rows +{c.created} ~{c.updated} -{c.deleted}"
        if self.conflicts:
            detail += f"; {self.conflicts} conflicts with editors' corrections kept"
        return f"{self.path}: {self.status} ({detail})"


@dataclass
class _Pending:
    """A file on its way through a batch: read and hashed, then extracted, then stored."""

    path: Path
    sha256: str = ""
    extraction: object = None  # what Extractor.submit_all returned for this file
    document: object = None  # the DocumentRecord, once extracted
    prepared: Prepared | None = None  # what the extraction worker derived from it (reports/prepared.py)
    outcome: FileOutcome | None = None


class Importer:
    """Imports files and records one ImportRun for the lot."""

    # The run's file list and warnings are rewritten every this many files (and at
    # the end); saving them after every file made a run's writes grow quadratically.
    SAVE_LISTS_EVERY = 100
    # Files per transaction and their bytes at most (reports/batching.py).
    BATCH_FILES = MOST_FILES
    BATCH_BYTES = MOST_BYTES
    # Below this many files, extraction stays in this process: starting a worker
    # (and loading its region table) costs 0.3 s before its first file.
    PARALLEL_FROM = 40
    # A bulk load (at least this many new files, and at least as many as are stored already)
    # drops the GIN search indexes and builds them once at the end: maintaining them
    # row by row was most of the database's work, and one build costs about a third.
    # The build then covers at most twice the new rows, so it never costs more. Only new
    # files count: re-importing files already stored (most unchanged) would otherwise pay
    # for a whole rebuild (7 s at 10 MB) and leave searches scanning meanwhile.
    BULK_FROM = 100
    SEARCH_INDEX_MODES = ("auto", "maintain", "rebuild")

    def __init__(
        self,
        command: str,
        on_outcome: Callable[[FileOutcome], None] = lambda outcome: None,
        workers: int | None = None,
        search_indexes: str = "auto",
    ):
        if search_indexes not in self.SEARCH_INDEX_MODES:
            raise ValueError(f"search_indexes must be one of {', '.join(self.SEARCH_INDEX_MODES)}")
        self.command = command
        self.on_outcome = on_outcome
        self.workers = workers  # extraction processes; None: by the number of files and CPUs
        self.search_indexes = search_indexes  # auto: rebuild for a bulk load, else maintain
        self.cache = RowCache()  # bodies and regions, shared by the run's files
        self.indicator_codes: set[str] | None = None  # read once per run
        self._lists_saved_at = 0

    def run(self, files: list[Path], progress: bool = False) -> ImportRun:
        """Import ``files``; return the finished ImportRun."""
        run = ImportRun.objects.create(command=self.command[:200], extractor_version=EXTRACTOR_VERSION)
        sync_indicators(Indicator)  # the catalogue follows the code that maps to it
        self.indicator_codes = set(Indicator.objects.values_list("code", flat=True))
        started = time.monotonic()
        restore_search_indexes(connection)  # an interrupted bulk load may have left them dropped
        rebuild = self.rebuilds_search_indexes(files)
        if rebuild:
            drop_search_indexes(connection)
        try:
            self._import_files(files, run, progress)
        finally:
            if rebuild:
                # The planner statistics are refreshed beside the builds, on lanes they leave idle.
                restore_search_indexes(connection, then_analyze=_tables_to_analyze(run))
        self._finish(run, time.monotonic() - started, analyzed=rebuild)
        return run

    def rebuilds_search_indexes(self, files: list[Path]) -> bool:
        """Whether a run of ``files`` drops the search indexes and builds them at the end."""
        if self.search_indexes != "auto":
            return self.search_indexes == "rebuild"
        if len(files) < self.BULK_FROM:
            return False
        new = _count_new_sources(files)
        return new >= self.BULK_FROM and new >= Source.objects.count()

    def _import_files(self, files: list[Path], run: ImportRun, progress: bool) -> None:
        bar = _progress_bar(len(files)) if progress else None
        workers = self.worker_count(len(files))
        # Extraction workers also derive what this process would otherwise compute (reports/prepared.py);
        # items' search pairs are stored on PostgreSQL only.
        then = partial(prepare, search_pairs=connection.vendor == "postgresql") if workers else None
        with Extractor(workers, then=then) as extractor, _collecting_less():
            for outcomes in self._batch_outcomes(files, run, extractor):
                for outcome in outcomes:
                    self._record(run, outcome)
                    self.on_outcome(outcome)
                self._save_progress(run)
                if bar is not None:
                    bar.update(len(outcomes))
        if bar is not None:
            bar.close()

    def worker_count(self, files: int) -> int:
        """Extraction processes for a run of ``files`` files (0: extract in this process)."""
        if self.workers is not None:
            return max(0, self.workers)
        if files < self.PARALLEL_FROM:
            return 0
        # One core stays for this process and the database, which do the writing.
        return max(1, min(4, _cpu_count() - 1))

    def _batch_outcomes(self, files: list[Path], run: ImportRun, extractor: Extractor) -> Iterator[list[FileOutcome]]:
        """Each batch's outcomes, in file order; the next batch is extracted while one is stored."""
        waiting: list[_Pending] | None = None
        for batch in file_batches(files, self.BATCH_FILES, self.BATCH_BYTES):
            loaded = _load(batch, extractor)
            if waiting is not None:
                yield self._store_batch(waiting, run)
            waiting = loaded
        if waiting is not None:
            yield self._store_batch(waiting, run)

    def _store_batch(self, batch: list[_Pending], run: ImportRun) -> list[FileOutcome]:
        for item in batch:
            if item.outcome is None:
                _collect_extraction(item)
            if item.prepared is not None:  # before any body of the batch is created (ensure_bodies)
                self.cache.divisions.update(item.prepared.divisions)
        ready = [item for item in batch if item.outcome is None]
        while ready:
            stored = self._store_in_one_transaction(ready, run)
            ready = ready[stored:]
        return [item.outcome for item in batch]

    def _store_in_one_transaction(self, items: list[_Pending], run: ImportRun) -> int:
        """Store ``items`` in one transaction; return how many were handled.

        A batch of new files is first written together: their new rows held and written at
        the end, one COPY per table (``UnwrittenRows``), with no savepoint per file. Should
        anything fail, that transaction is undone and the batch stored file by file, each in
        a savepoint, so that the failing file alone fails.

        The bodies the files name are created first, for the lot (``ensure_bodies``). Should
        a file then fail, the whole transaction is undone and stored again with each file
        creating its own bodies, so that a failed file leaves no body behind (failures are rare).
        """
        attempts = [(True, True), (False, True), (False, False)]  # (rows held for the batch, bodies first)
        for hold_rows, bodies_first in attempts:
            try:
                return self._store_transaction(items, run, bodies_first, hold_rows)
            except (_StoreOneByOne, _FailedAfterSharedRows):
                self.cache.clear()  # it holds the bodies just rolled back
                forget_ahead()
                for item in items:
                    item.outcome = None
        raise AssertionError("the last attempt stores file by file and creates no shared rows")

    def _store_transaction(self, items: list[_Pending], run: ImportRun, bodies_first: bool, hold_rows: bool) -> int:
        """Stops early (and commits) at a file another import holds: waiting for its lock
        while holding our own could deadlock two imports, so that file starts the next
        transaction, which holds nothing while it waits. For the same reason the batch's
        bodies are created only once the first file's lock is held."""
        handled: list[_Pending] = []
        created = 0
        try:
            with transaction.atomic():
                held = items[: _lock_sources([item.path.name for item in items])]
                # Read under the locks: another import may have stored a file while we extracted it.
                stored = _source_versions({item.path.name for item in held})
                unwritten = UnwrittenRows() if hold_rows and _all_new(held, stored) else None
                if bodies_first:
                    created = ensure_bodies(_named_bodies(held), self.cache)
                for item in held:
                    item.outcome = self._store(item, run, stored, unwritten)
                    handled.append(item)
                if unwritten is not None:
                    _write_held(unwritten, handled)
                if created and any(item.outcome.status == "failed" for item in handled):
                    raise _FailedAfterSharedRows
        except DatabaseError as error:  # the commit itself failed: nothing of the batch was kept
            self.cache.clear()
            for item in handled:
                item.outcome = FileOutcome(str(item.path), "failed", f"database error: {error}")
        return len(handled)

    def _store(
        self, item: _Pending, run: ImportRun, stored: dict[str, tuple[str, str]], unwritten: UnwrittenRows | None
    ) -> FileOutcome:
        """Store one extracted file: in a savepoint of the batch's transaction, or (``unwritten``:
        a batch of new files) with its new rows held there, and any failure undoing the batch
        (``_StoreOneByOne``).

        ``stored``: (sha256, extractor version) of the sources by name, as read under the
        transaction's locks; kept up to date here for a later file of the same name.
        """
        path, document = item.path, item.document
        ctx = StoreContext(run=run, cache=self.cache, known_indicators=self.indicator_codes, unwritten=unwritten)
        current = stored.get(path.name)
        if current == (item.sha256, EXTRACTOR_VERSION):  # another process stored it while we extracted
            item.prepared = None
            return FileOutcome(str(path), "unchanged")
        ctx.new_source = current is None  # (the name's lock is ours: nobody can add it meanwhile)
        if unwritten is not None:
            try:
                self._write(item, ctx)
            except Exception as error:  # noqa: BLE001 - told apart file by file, in savepoints
                raise _StoreOneByOne from error
        else:
            try:
                with transaction.atomic():
                    self._write(item, ctx)
            except DatabaseError as error:
                self.cache.clear()  # it may hold rows the rollback just removed
                return FileOutcome(str(path), "failed", f"database error: {error}")
            except Exception as error:  # noqa: BLE001 - a flaw met by one file fails that file, not the run
                logger.exception("storing %s failed", path)
                self.cache.clear()
                return FileOutcome(
                    str(path), "failed", f"internal error while storing: {type(error).__name__}: {error}"
                )
            finally:
                forget_ahead()
                item.prepared = None
        stored[path.name] = (item.sha256, EXTRACTOR_VERSION)
        outcome = FileOutcome(str(path), "updated" if current else "created", counts=ctx.counts)
        outcome.reports = len(document.reports)
        outcome.conflicts = len(ctx.conflicts)
        outcome.warnings = warning_rows(str(path), document, ctx.warnings)
        return outcome

    @staticmethod
    def _write(item: _Pending, ctx: StoreContext) -> None:
        if item.prepared is not None:
            remember_ahead(item.prepared.pairs)
        store_document(item.path.name, item.sha256, item.document, ctx, EXTRACTOR_VERSION)

    def _record(self, run: ImportRun, outcome: FileOutcome) -> None:
        setattr(run, f"files_{outcome.status}", getattr(run, f"files_{outcome.status}") + 1)
        run.rows_created += outcome.counts.created
        run.rows_updated += outcome.counts.updated
        run.rows_deleted += outcome.counts.deleted
        entry = {"path": outcome.path, "status": outcome.status, "reports": outcome.reports}
        if outcome.status == "failed":
            entry["reason"] = outcome.reason
            run.errors.append({"path": outcome.path, "reason": outcome.reason})
        run.files.append(entry)
        run.warnings.extend(outcome.warnings)

    def _save_progress(self, run: ImportRun) -> None:
        # A run killed later still shows its counters; the lists follow every SAVE_LISTS_EVERY files.
        if len(run.files) - self._lists_saved_at >= self.SAVE_LISTS_EVERY:
            run.save()
            self._lists_saved_at = len(run.files)
        else:
            run.save(update_fields=_COUNTERS)

    def _finish(self, run: ImportRun, seconds: float, analyzed: bool) -> None:
        run.finished_at = timezone.now()
        run.duration_seconds = round(seconds, 3)
        if run.files_failed and run.files_failed == len(run.files):
            run.status = ImportRun.Status.FAILED
        elif run.files_failed:
            run.status = ImportRun.Status.PARTIAL
        else:
            run.status = ImportRun.Status.SUCCEEDED
        run.save()
        if not analyzed and (tables := _tables_to_analyze(run)):
            analyze(connection, tables)


@contextmanager
def _collecting_less() -> Iterator[None]:
    """Run an import with Python's cyclic garbage collector mostly out of the way.

    Nearly every object an import makes lives until its batch is stored: the extracted
    documents unpickled from the workers (50 MB of pickles per 10 MB of reports), their rows.
    The collector kept walking them all, and everything Django had loaded, for nothing:
    0.21 s of this process's CPU per 10 MB in 390 collections. Frozen (``gc.freeze``) the objects
    loaded before the run are no longer walked, and a larger first threshold collects the
    youngest objects less often: 0.03–0.04 s in 31 collections (bench/findings.md). Both are
    restored after the run.
    """
    thresholds = gc.get_threshold()
    ours = gc.get_freeze_count() == 0  # a host process that froze its own objects keeps them frozen
    if ours:
        gc.freeze()
    gc.set_threshold(max(thresholds[0], _YOUNG_COLLECTION_EVERY), *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        if ours:
            gc.unfreeze()


_YOUNG_COLLECTION_EVERY = 10_000  # allocations between collections of the youngest objects (Python's default: 700)


def _load(paths: list[Path], extractor: Extractor) -> list[_Pending]:
    """Read and hash a batch; hand every changed file to the extractor (one query for the lot)."""
    batch, data = [], {}
    for path in paths:
        item = _Pending(path)
        try:
            content = path.read_bytes()
        except OSError as error:
            item.outcome = FileOutcome(str(path), "failed", f"cannot read: {error.strerror or error}")
        else:
            item.sha256 = hashlib.sha256(content).hexdigest()
            data[id(item)] = content
        batch.append(item)
    stored = _stored_versions({item.path.name for item in batch if item.outcome is None})
    changed = []
    for item in batch:
        if item.outcome is not None:
            continue
        if (item.path.name, item.sha256) in stored:
            item.outcome = FileOutcome(str(item.path), "unchanged")
        else:
            changed.append(item)
    for item, extraction in zip(changed, extractor.submit_all([data[id(item)] for item in changed]), strict=True):
        item.extraction = extraction
    return batch


def _stored_versions(names: set[str]) -> set[tuple[str, str]]:
    """(name, sha256) of the sources among ``names`` stored by this extractor version."""
    if not names:
        return set()
    rows = Source.objects.filter(name__in=names, extractor_version=EXTRACTOR_VERSION).values_list("name", "sha256")
    return set(rows)


def _count_new_sources(files: list[Path], chunk: int = 1000) -> int:
    """How many of ``files`` name no stored source (sources are keyed by file name)."""
    names = list({path.name for path in files})
    stored = 0
    for start in range(0, len(names), chunk):
        stored += Source.objects.filter(name__in=names[start : start + chunk]).count()
    return len(names) - stored


class _FailedAfterSharedRows(Exception):
    """A file failed in a transaction that had created bodies for the batch: undo it all."""


class _StoreOneByOne(Exception):
    """Something failed while a batch's rows were held to be written together: undo the batch,
    and store its files one by one, each in a savepoint, so that only the failing file fails."""


def _all_new(items: list[_Pending], stored: dict[str, tuple[str, str]]) -> bool:
    """Whether every file of ``items`` is a new source, each named once (then their rows can be held)."""
    names = [item.path.name for item in items]
    return bool(names) and len(set(names)) == len(names) and not any(name in stored for name in names)


def _write_held(unwritten: UnwrittenRows, items: list[_Pending]) -> None:
    """Write the rows a batch held; should that fail, undo the batch (``_StoreOneByOne``): stored
    file by file, the failing file's own write fails it alone, as a database error or an
    unforeseen one."""
    try:
        unwritten.write()
    except Exception as error:  # noqa: BLE001 - told apart file by file, in savepoints
        raise _StoreOneByOne from error
    finally:
        forget_ahead()
    for item in items:
        item.prepared = None


def _named_bodies(items: list[_Pending]) -> Iterator[BodyRecord | None]:
    """The body records of the extracted documents of ``items`` (reports' and agenda items')."""
    for item in items:
        if item.document is not None:
            for report in item.document.reports:
                yield report.body
                yield from (agenda_item.body for agenda_item in report.items)


def _collect_extraction(item: _Pending) -> None:
    result = item.extraction.result()
    item.extraction = None
    if isinstance(result, ExtractionError):
        item.outcome = FileOutcome(str(item.path), "failed", str(result))
    elif isinstance(result, tuple):  # (document, Prepared)
        item.document, item.prepared = result
    else:
        item.document = result


def _cpu_count() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


_COUNTERS = [
    "files_created",
    "files_updated",
    "files_unchanged",
    "files_failed",
    "rows_created",
    "rows_updated",
    "rows_deleted",
]


def _tables_to_analyze(run: ImportRun) -> list[str]:
    """The tables whose PostgreSQL planner statistics a run that wrote rows leaves stale (none else).

    Right after a bulk import, before autovacuum gets to it, the planner's
    estimates are stale and list queries pick slow plans (measured: 457 ms
    before ANALYZE, 7 ms after).
    """
    if connection.vendor != "postgresql" or not (run.rows_created or run.rows_deleted):
        return []
    return [model._meta.db_table for model in (Source, Report, AgendaItem, Statistic, Body)]


def _lock_sources(names: list[str]) -> int:
    """Take the locks of the files ``names`` in order; return how many, from the first, are now held.

    The first is waited for; the others are tried in one statement, and the count stops at
    the first another import holds (a lock taken after it is held to the commit, unused).
    """
    if not names:
        return 0
    _lock_source_name(names[0])
    taken = _try_lock_source_names(names[1:])
    return 1 + next((n for n, ok in enumerate(taken) if not ok), len(taken))


def _lock_source_name(name: str) -> None:
    """Serialise imports of the same file across processes: wait for its PostgreSQL advisory
    lock, held to the end of the transaction.

    SQLite needs no lock: its write transactions are IMMEDIATE, so writers queue.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [_lock_key(name)])


def _try_lock_source_names(names: list[str]) -> list[bool]:
    """Try each of ``names``' locks without waiting, in one statement: whether it is now held."""
    if connection.vendor != "postgresql" or not names:
        return [True] * len(names)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_try_advisory_xact_lock(hashtext(key)) FROM unnest(%s::text[]) WITH ORDINALITY AS t(key, n)"
            " ORDER BY n",
            [[_lock_key(name) for name in names]],
        )
        return [row[0] for row in cursor.fetchall()]


def _lock_key(name: str) -> str:
    return f"rdapi-source:{name}"


def _source_versions(names: set[str]) -> dict[str, tuple[str, str]]:
    """(sha256, extractor version) of the stored sources among ``names``, by name."""
    rows = Source.objects.filter(name__in=names).values_list("name", "sha256", "extractor_version") if names else []
    return {name: (sha256, version) for name, sha256, version in rows}


def _progress_bar(total: int):
    if total < 2:
        return None
    from tqdm import tqdm

    return tqdm(total=total, unit="file", file=sys.stderr)
