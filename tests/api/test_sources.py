"""GET /api/v1/sources/ and /api/v1/sources/{id}/text."""

import pytest

from tests import factories as f

pytestmark = pytest.mark.django_db

# CRLF, a tab, an astral-plane character and trailing spaces: served untouched.
RAW = "第一行\r\n\t第二行 𠀀 尾  \n"


def test_fields_without_text(world, api_get):
    source = world.reports[0].source
    row = api_get(f"/api/v1/sources/{source.pk}/").json()
    assert {k: row[k] for k in ("id", "name", "sha256", "length")} == {
        "id": source.pk,
        "name": source.name,
        "sha256": source.sha256,
        "length": source.length,
    }
    assert "text" not in row and row["text_url"].endswith(f"/api/v1/sources/{source.pk}/text")


def test_text_is_raw_utf8_plain_text(client):
    source = f.make_source(RAW)
    response = client.get(f"/api/v1/sources/{source.pk}/text", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content == RAW.encode("utf-8")


def test_text_slice_matches_python_slicing(client):
    source = f.make_source(RAW)
    for start, end in ((0, 3), (5, 11), (9, 10), (3, None), (50, None), (4, 4)):
        params = {"start": start} if end is None else {"start": start, "end": end}
        response = client.get(f"/api/v1/sources/{source.pk}/text", params)
        assert response.content.decode() == RAW[start:end], (start, end)


def test_text_bad_slice_and_missing_source_are_json_errors(client):
    source = f.make_source(RAW)
    assert client.get(f"/api/v1/sources/{source.pk}/text", {"start": 5, "end": 2}).content == b""  # as RAW[5:2]
    bad = client.get(f"/api/v1/sources/{source.pk}/text", {"start": -1})
    assert bad.status_code == 400 and list(bad.json()["error"]["fields"]) == ["start"]
    missing = client.get("/api/v1/sources/999999/text")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"


def test_every_span_checks_against_the_text(world, client):
    """The consumer's check: text[char_start:char_end] == source_text."""
    text = client.get(f"/api/v1/sources/{world.reports[0].source_id}/text").content.decode()
    stats = client.get("/api/v1/statistics/", {"source": world.reports[0].source_id}).json()["results"]
    assert stats
    for stat in stats:
        assert text[stat["char_start"] : stat["char_end"]] == stat["source_text"]
        assert stat["number_text"] in stat["source_text"]


def test_filter_by_name_and_sha(world, api_get):
    source = world.reports[1].source
    assert [s["id"] for s in api_get("/api/v1/sources/", name=source.name).json()["results"]] == [source.pk]
    assert [s["id"] for s in api_get("/api/v1/sources/", sha256=source.sha256).json()["results"]] == [source.pk]


def test_query_count_constant(many, assert_constant_queries):
    assert_constant_queries("/api/v1/sources/", 2)
