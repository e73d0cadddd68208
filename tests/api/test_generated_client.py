"""A Python client generated from the schema (openapi-python-client) pages through the live API.

This is what a consumer does: generate a client from /api/schema/, then page
through reports and statistics. The counts must equal the database's.
"""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import DEFAULT_DB_ALIAS, connections

from reports.models import Report, Statistic
from tests.api.conftest import load_rows
from tests.helpers import run_manage

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def client_package(tmp_path_factory) -> Path:
    """Generate ``rdapi_client`` from the schema into a temporary folder; return the folder."""
    folder = tmp_path_factory.mktemp("generated-client")
    schema = folder / "schema.yaml"
    result = run_manage("spectacular", "--file", str(schema), SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr
    generator = shutil.which("openapi-python-client", path=str(Path(sys.executable).parent)) or "openapi-python-client"
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run(
        [generator, "generate", "--path", str(schema), "--meta", "none", "--output-path", "rdapi_client"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return folder


@pytest.fixture
def rdapi_client(client_package, monkeypatch):
    monkeypatch.syspath_prepend(str(client_package))
    for name in [m for m in sys.modules if m == "rdapi_client" or m.startswith("rdapi_client.")]:
        del sys.modules[name]
    return importlib.import_module("rdapi_client")


def page_through(list_module, client, page_size: int) -> list:
    """Every row of a list endpoint, following pages until ``next`` is null."""
    rows, page = [], 1
    while True:
        result = list_module.sync(client=client, page=page, page_size=page_size)
        assert result is not None, f"page {page} failed"
        rows += result.results
        if not result.next_:
            return rows
        page += 1


def test_generated_client_pages_through_reports_and_statistics(rdapi_client, live_server, settings, monkeypatch):
    settings.ALLOWED_HOSTS = ["*"]
    # The live server answers in threads of its own, each with its own connection; with the
    # project's persistent connections (CONN_MAX_AGE) they outlived the test and kept the test
    # database from being dropped at the end of the run ("being accessed by other users").
    monkeypatch.setitem(connections.settings[DEFAULT_DB_ALIAS], "CONN_MAX_AGE", 0)
    load_rows()
    reports_list = importlib.import_module("rdapi_client.api.reports.reports_list")
    statistics_list = importlib.import_module("rdapi_client.api.statistics.statistics_list")
    reports_retrieve = importlib.import_module("rdapi_client.api.reports.reports_retrieve")
    client = rdapi_client.Client(base_url=live_server.url, raise_on_unexpected_status=True)

    reports = page_through(reports_list, client, page_size=3)
    statistics = page_through(statistics_list, client, page_size=97)

    assert len(reports) == Report.objects.count() == 60
    assert len(statistics) == Statistic.objects.count() > 1000
    assert len({r.id for r in reports}) == len(reports)
    assert all(s.source_text for s in statistics)
    detail = reports_retrieve.sync(client=client, id=reports[0].id)
    assert detail.id == reports[0].id and isinstance(detail.outline, list)
