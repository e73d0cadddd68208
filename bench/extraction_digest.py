"""One SHA-256 over everything ``extract_document`` returns, to prove a speed-up changes no output.

Runs extraction over the seeds, ``tests/fixtures/**/*.txt`` and a generated
corpus sample (``bench/corpus.py``, fixed seed; generated into a temporary
folder unless ``--corpus DIR`` names one), and hashes every record's fields:
reports, bodies, items, statistics, warnings, metadata, and the message of
every ExtractionError. Prints the digest and the counts; ``--per-file`` also
prints one digest per file, to find the file that differs.

    python bench/extraction_digest.py [--size 3MB] [--seed 7] [--corpus DIR] [--per-file]
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from reports.extraction import ExtractionError, extract_document  # noqa: E402


def _plain(value):
    """JSON-ready form of a record; Decimal as its exact string (12 and 12.0 differ)."""
    if dataclasses.is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Decimal):
        return f"D{value}"
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(value, key=repr) if isinstance(value, (set, frozenset)) else value
        return [_plain(v) for v in items]
    return value


def file_digest(data: bytes) -> str:
    """Digest of one file's extraction: the whole DocumentRecord, or the error raised."""
    try:
        document = extract_document(data)
    except ExtractionError as error:
        payload = {"error": str(error), "args": [repr(a) for a in error.args]}
    else:
        payload = _plain(document)
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def inputs(corpus: Path) -> list[Path]:
    """Seeds, fixtures and corpus files, in a fixed order."""
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    fixtures = sorted((ROOT / "tests" / "fixtures").rglob("*.txt"))
    generated = sorted(p for p in corpus.rglob("*.txt") if p.is_file())
    return seeds + fixtures + generated


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="3MB")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--corpus", type=Path, help="an existing corpus folder (else one is generated)")
    parser.add_argument("--per-file", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rdapi-digest-") as tmp:
        corpus = args.corpus
        if corpus is None:
            import corpus as generator

            corpus = Path(tmp) / "corpus"
            generator.generate(corpus, generator.parse_size(args.size), args.seed)
        whole = hashlib.sha256()
        paths = inputs(corpus)
        for path in paths:
            digest = file_digest(path.read_bytes())
            name = str(path.relative_to(corpus if path.is_relative_to(corpus) else ROOT))
            whole.update(f"{name}\0{digest}\n".encode())
            if args.per_file:
                sys.stdout.write(f"{digest}  {name}\n")
    sys.stdout.write(f"{whole.hexdigest()}  ({len(paths)} files)\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
