"""count/next/previous/results; page_size up to 500, a 400 beyond (never a silent clamp)."""

import pytest

pytestmark = pytest.mark.django_db


def test_envelope_and_links(world, client):
    body = client.get("/api/v1/statistics/", {"page_size": 5}).json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 17 and len(body["results"]) == 5 and body["previous"] is None
    second = client.get(body["next"])
    assert second.json()["previous"] and 'rel="next"' in second["Link"] and second["X-Total-Count"] == "17"


def test_pages_cover_every_row_once(world, client):
    seen, url = [], "/api/v1/statistics/?page_size=4&ordering=year"
    while url:
        body = client.get(url).json()
        seen += [row["id"] for row in body["results"]]
        url = body["next"]
    assert len(seen) == len(set(seen)) == 17


def test_page_size_500_allowed(world, client):
    assert client.get("/api/v1/statistics/", {"page_size": 500}).status_code == 200


@pytest.mark.parametrize("size", ["501", "0", "-1", "ten"])
def test_bad_page_size_is_400(world, client, size):
    response = client.get("/api/v1/statistics/", {"page_size": size})
    assert response.status_code == 400
    assert response.json()["error"]["fields"].keys() == {"page_size"}


def test_bad_page_is_400_and_past_last_is_404(world, client):
    assert client.get("/api/v1/statistics/", {"page": "x"}).status_code == 400
    assert client.get("/api/v1/statistics/", {"page": 99}).json()["error"]["code"] == "not_found"
