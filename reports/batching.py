"""Which files an import reads, and how it cuts them into batches (plain Python, no Django).

A batch is stored in one transaction, and extracted by the workers while the batch
before it is stored (reports/importer.py). ``bench/parse_only.py --workers`` feeds the
extraction pool the same batches.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path


class ImportInputError(Exception):
    """A path given to the importer that is not there."""


def collect_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand folders into their files (sorted, hidden files skipped); missing paths raise."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(p for p in sorted(path.rglob("*")) if p.is_file() and not _hidden(p, path))
        elif path.is_file():
            files.append(path)
        else:
            raise ImportInputError(f"{path}: no such file or folder")
    return files


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


# Files per transaction: one commit per file cost more than its inserts. A batch
# is also cut at MOST_BYTES, so memory stays flat whatever the file sizes.
MOST_FILES = 50
MOST_BYTES = 16_000_000


def file_batches(files: Iterable[Path], most_files: int, most_bytes: int, first: int = 8) -> Iterator[list[Path]]:
    """Consecutive runs of files: at most ``most_files`` and (unless one file is larger) ``most_bytes``.

    The first batch holds ``first`` files and each next one twice as many, up to
    ``most_files``: storing waits for the first batch's extraction, so it starts sooner.
    """
    batch: list[Path] = []
    size = 0
    limit = min(first, most_files)
    for path in files:
        length = _size(path)
        if batch and (len(batch) >= limit or size + length > most_bytes):
            yield batch
            batch, size = [], 0
            limit = min(2 * limit, most_files)
        batch.append(path)
        size += length
    if batch:
        yield batch


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # reading it will fail, and say why
