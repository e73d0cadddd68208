"""Shared helpers for extraction tests: seed texts, manifests, parsed documents, line offsets."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from reports.extraction.documents import find_reports

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
FIXTURES = ROOT / "tests" / "fixtures"


def manifest_path(name: str) -> Path:
    """The copy of a spec manifest kept in tests/fixtures/manifests."""
    return FIXTURES / "manifests" / name


@cache
def load_manifest(name: str):
    return json.loads(manifest_path(name).read_text(encoding="utf-8"))


@cache
def manifest(name: str):
    """Return a manifest by stem (``reports_002`` or ``docs_other``)."""
    return load_manifest(f"{name}.json")


@cache
def seed_text(prefix: str) -> str:
    """The raw text of the seed whose file name starts with ``prefix`` (e.g. "002")."""
    (path,) = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    return path.read_bytes().decode("utf-8")


@cache
def parsed_seed(prefix: str):
    return find_reports(seed_text(prefix))


@cache
def fixture_text(name: str) -> str:
    return (FIXTURES / "texts" / name).read_text(encoding="utf-8")


def line_of(text: str, offset: int) -> int:
    """1-based physical line number of ``offset`` (the manifests count lines this way)."""
    return text.count("\n", 0, offset) + 1


def line_starts(text: str) -> list[int]:
    """Offsets where each 1-based physical line begins: line n starts at ``starts[n - 1]``."""
    starts = [0]
    for line in text.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    return starts


def line_span(text: str, first: int, last: int) -> tuple[int, int]:
    """Raw (start, end) of physical lines ``first``..``last`` (1-based, inclusive)."""
    starts = line_starts(text)
    return starts[first - 1], min(starts[last] - 1, len(text))


def assert_spans(text: str, items) -> None:
    """Every item's text is its raw span, and every child lies inside its parent."""
    by_key = {item.key: item for item in items}
    assert len(by_key) == len(items), "keys are unique"
    for order, item in enumerate(items, 1):
        assert item.order == order
        assert text[item.char_start : item.char_end] == item.text
        assert item.text and not item.text[0].isspace() and not item.text[-1].isspace()
        if item.parent_key is not None:
            parent = by_key[item.parent_key]
            assert parent.char_start <= item.char_start and item.char_end <= parent.char_end
            assert parent.order < item.order
            assert item.key.startswith(parent.key + "/")


@pytest.fixture(scope="session")
def manifest_002():
    return load_manifest("reports_002.json")


@pytest.fixture(scope="session")
def manifest_other():
    return load_manifest("docs_other.json")["documents"]
