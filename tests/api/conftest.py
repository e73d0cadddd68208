"""Fixtures of the API tests: no throttling unless a test asks for it, and test databases."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.management import call_command, get_commands

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


def importer_available() -> bool:
    return "import_seeds" in get_commands()


def load_rows() -> str:
    """Fill the database the way a deployment would, and say how.

    LEAD: once ``import_seeds`` (the importer branch) is merged this uses it
    automatically; until then it builds rows with tests/factories.py. To force
    the factories (e.g. to isolate an API failure from an importer one), set
    ``FORCE_FACTORY_ROWS = True``.
    """
    if importer_available() and not FORCE_FACTORY_ROWS:
        call_command("import_seeds", verbosity=0)
        return "importer"
    build_world(extra_reports=8)
    return "factories"


FORCE_FACTORY_ROWS = False


@pytest.fixture
def api_get(client):
    """GET a path and return the response, failing loudly on a server error."""

    def get(path, **params):
        response = client.get(path, params)
        assert response.status_code < 500, response.content[:500]
        return response

    return get
