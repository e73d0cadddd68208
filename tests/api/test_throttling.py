"""Anonymous reads are throttled (API_THROTTLE_ANON, default 120/minute): 429 with Retry-After."""

import pytest

from rdapi import api_settings

pytestmark = pytest.mark.django_db


def test_default_rate_documented_in_settings():
    assert api_settings._rate("X_UNSET_RATE", "120/minute") == "120/minute"
    assert api_settings._rate("X_UNSET_RATE", "off") is None


def test_429_with_retry_after(client, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "3/minute", "user": None}}
    statuses = [client.get("/api/v1/regions/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    response = client.get("/api/v1/regions/")
    assert int(response["Retry-After"]) > 0
    assert response.json()["error"]["code"] == "throttled"
