"""?format=csv on lists: a flat table of the same fields, UTF-8 with BOM."""

import csv
import io

import pytest

pytestmark = pytest.mark.django_db


def read_csv(response):
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_statistics_csv_matches_json(world, client):
    rows = read_csv(client.get("/api/v1/statistics/", {"format": "csv", "indicator": "sc_meetings"}))
    json_rows = client.get("/api/v1/statistics/", {"indicator": "sc_meetings"}).json()["results"]
    assert list(rows[0].keys()) == list(json_rows[0].keys())
    assert [r["source_text"] for r in rows] == [r["source_text"] for r in json_rows]
    assert rows[0]["value_max"] == "" and rows[0]["per_unit"] == "false"


def test_series_csv_joins_lists(world, client):
    rows = read_csv(client.get("/api/v1/indicators/sc_meetings/series/", {"format": "csv"}))
    conflict = next(r for r in rows if r["conflict"] == "true")
    assert len(conflict["statistics"].split(";")) == 2


def test_empty_csv_has_header(world, client):
    response = client.get("/api/v1/reports/", {"format": "csv", "year": 1990})
    assert response.content.decode("utf-8-sig").splitlines()[0].startswith("id,title,report_type")


def test_csv_pagination_headers(world, client):
    response = client.get("/api/v1/statistics/", {"format": "csv", "page_size": 5})
    assert response["X-Total-Count"] == "17" and 'rel="next"' in response["Link"]
