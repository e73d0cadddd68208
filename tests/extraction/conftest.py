"""Shared fixtures: seed texts, gold manifests and parsed documents (parsed once per session)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from reports.extraction.documents import find_reports

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
FIXTURES = ROOT / "tests" / "fixtures"
SHARED_MANIFESTS = Path("/work/shared/spec/manifests")


def manifest_path(name: str) -> Path:
    """The shared manifest when present, else the copy kept in tests/fixtures/manifests."""
    shared = SHARED_MANIFESTS / name
    return shared if shared.exists() else FIXTURES / "manifests" / name


@cache
def load_manifest(name: str):
    return json.loads(manifest_path(name).read_text(encoding="utf-8"))


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


@pytest.fixture(scope="session")
def manifest_002():
    return load_manifest("reports_002.json")


@pytest.fixture(scope="session")
def manifest_other():
    return load_manifest("docs_other.json")["documents"]
