"""Property-based checks of the whole API against its own schema (schemathesis).

Every operation of /api/schema/ gets generated requests (valid and invalid
values for every parameter); each response must be no 5xx, have a documented
status and content type, and match the documented schema.

schemathesis's pytest plugin (``from_fixture``) does not run under pytest 9,
so this drives its Python API directly: one Hypothesis test per operation,
over ``operation.as_strategy()``, inside one pytest test.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from tests.api.world import build_world

MIN_REQUESTS = 500
# Schema-valid requests per operation, then schema-invalid ones (which must be 4xx, never 5xx).
EXAMPLES = {GenerationMode.POSITIVE: 30, GenerationMode.NEGATIVE: 15}


@pytest.fixture
def live_schema(db, settings):
    """The schema served by the WSGI app, over the standard small database."""
    settings.ALLOWED_HOSTS = ["*"]
    build_world(extra_reports=3)
    # Requests go through the real WSGI handler; keep them on the test's connection and transaction.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def exercise(operation, mode: GenerationMode, sent: list) -> str | None:
    """Send generated requests to one operation; return the failure report, or None."""

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES[mode],
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        sent.append(operation.label)
        case.call_and_validate()

    try:
        run()
    except Exception as exc:  # a failed check: report it with the operation, keep testing the others
        return f"{operation.label} ({mode}): {exc}"
    return None


@pytest.mark.slow
def test_every_operation_conforms_to_the_schema(live_schema):
    sent, failures, operations = [], [], []
    for result in live_schema.get_all_operations():
        operation = result.ok()
        operations.append(operation.label)
        for mode in EXAMPLES:
            failure = exercise(operation, mode, sent)
            if failure:
                failures.append(failure)
    print(f"schemathesis: {len(sent)} requests over {len(operations)} operations, {len(failures)} failing")
    assert not failures, "\n\n".join(failures)
    assert len(operations) >= 18 and len(sent) >= MIN_REQUESTS
