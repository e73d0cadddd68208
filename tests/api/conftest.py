"""Fixtures of the API tests: no throttling unless a test asks for it, and test databases."""

from __future__ import annotations

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command

from tests.api.world import build_world


@pytest.fixture(autouse=True)
def no_throttle(settings):
    """Switch rate limits off so tests are never throttled by accident (test_throttling turns them on)."""
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": None, "user": None}}
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(db):
    """The standard small database (tests/api/world.py)."""
    return build_world()


def load_rows() -> None:
    """Fill the database the way a deployment does: import the seeds."""
    call_command("import_seeds", "--no-progress", stdout=io.StringIO(), stderr=io.StringIO())


@pytest.fixture
def api_get(client):
    """GET a path and return the response, failing loudly on a server error."""

    def get(path, **params):
        response = client.get(path, params)
        assert response.status_code < 500, response.content[:500]
        return response

    return get


@pytest.fixture
def many(db):
    """At least 100 rows of every resource, for the query-count tests."""
    from reports.models import ImportRun, Region
    from tests import factories as f

    world = build_world(extra_reports=100)
    Region.objects.bulk_create(
        Region(code=f"2208{n:02d}", name=f"县{n}", level="county", parent_id="220800") for n in range(3, 99)
    )
    Region.objects.bulk_create(
        Region(code=f"2201{n:02d}", name=f"区{n}", level="county", parent_id="220100") for n in range(1, 20)
    )
    for n in range(100):
        f.make_indicator(f"extra_{n:03d}", f"指标{n}")
    ImportRun.objects.bulk_create(ImportRun(command=f"import {n}", extractor_version="t") for n in range(100))
    return world


@pytest.fixture
def assert_constant_queries(client, django_assert_num_queries):
    """Assert a list path runs ``expected`` queries at page sizes 1 and 100 (and fills both pages)."""

    def check(path: str, expected: int, **params):
        for size in (1, 100):
            with django_assert_num_queries(expected):
                response = client.get(path, {**params, "page_size": size})
            assert response.status_code == 200, response.content[:300]
            assert len(response.json()["results"]) == size

    return check
