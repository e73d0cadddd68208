"""Shared helpers for extraction tests: seed texts, manifests, line offsets."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
FIXTURES = ROOT / "tests" / "fixtures"


@cache
def seed_text(prefix: str) -> str:
    """Return the decoded text of the seed file whose name starts with ``prefix``."""
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@cache
def manifest(name: str):
    """Return a manifest copied into tests/fixtures/manifests (``reports_002`` or ``docs_other``)."""
    return json.loads(
        (FIXTURES / "manifests" / f"{name}.json").read_text(encoding="utf-8")
    )


def fixture_text(name: str) -> str:
    return (FIXTURES / "texts" / name).read_text(encoding="utf-8")


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
            assert (
                parent.char_start <= item.char_start
                and item.char_end <= parent.char_end
            )
            assert parent.order < item.order
            assert item.key.startswith(parent.key + "/")
