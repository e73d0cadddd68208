"""GET /api/v1/import-runs/: what each run of the importer did."""

import pytest

from reports.models import ImportRun

pytestmark = pytest.mark.django_db


def test_newest_first_and_status_filter(db, api_get):
    old = ImportRun.objects.create(command="a", extractor_version="1", status="failed")
    new = ImportRun.objects.create(command="b", extractor_version="1", status="succeeded")
    assert [r["id"] for r in api_get("/api/v1/import-runs/").json()["results"]] == [new.pk, old.pk]
    assert [r["id"] for r in api_get("/api/v1/import-runs/", status="failed").json()["results"]] == [old.pk]
    row = api_get(f"/api/v1/import-runs/{new.pk}/").json()
    assert row["command"] == "b" and row["files"] == [] and row["status"] == "succeeded"


def test_query_count_constant(many, assert_constant_queries):
    assert_constant_queries("/api/v1/import-runs/", 2)
