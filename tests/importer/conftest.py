"""Fixtures for importer tests: copies of fixture texts in a temporary folder."""

import shutil
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "import"


@pytest.fixture
def texts(tmp_path) -> Path:
    """A temporary folder holding copies of tests/fixtures/import/*."""
    folder = tmp_path / "texts"
    shutil.copytree(FIXTURES, folder)
    return folder
