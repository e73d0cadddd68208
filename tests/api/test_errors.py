"""Every error is JSON of one shape: {"error": {"status", "code", "detail", "fields"?}}."""

import pytest

pytestmark = pytest.mark.django_db


def error_of(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == {"error"} and body["error"]["status"] == status
    assert body["error"]["detail"]
    return body["error"]


def test_400_names_each_bad_parameter(world, client):
    error = error_of(client.get("/api/v1/statistics/", {"year": "x", "region": "abc"}), 400)
    assert error["code"] == "invalid_filter" and set(error["fields"]) == {"year", "region"}
    assert "year" in error["detail"]


def test_404_detail_and_unknown_path(world, client):
    assert error_of(client.get("/api/v1/reports/999999/"), 404)["code"] == "not_found"
    assert error_of(client.get("/api/v1/no-such-thing/"), 404)["code"] == "not_found"
    assert error_of(client.get("/api/v1/reports/abc/"), 404)["code"] == "not_found"


def test_405_read_only(world, client):
    for method in (client.post, client.put, client.patch, client.delete):
        assert error_of(method("/api/v1/reports/"), 405)["code"] == "method_not_allowed"


def test_csv_request_errors_are_still_json(world, client):
    error = error_of(client.get("/api/v1/statistics/", {"format": "csv", "year": "x"}), 400)
    assert "year" in error["fields"]


def test_huge_ids_are_400_or_404_never_500(world, client):
    assert client.get("/api/v1/statistics/", {"body": 10**30}).status_code == 400
    assert client.get(f"/api/v1/reports/{10**30}/").status_code == 404
    assert client.get(f"/api/v1/sources/{10**30}/text").status_code == 404
