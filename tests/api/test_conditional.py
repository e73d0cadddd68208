"""ETag and Last-Modified on lists and details; 304 on If-None-Match / If-Modified-Since."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/api/v1/reports/", "/api/v1/statistics/?year=2023", "/api/v1/indicators/"])
def test_list_revalidates(world, client, path):
    first = client.get(path)
    assert first["ETag"] and first["Last-Modified"]
    assert client.get(path, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get(path, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304


def test_detail_revalidates_until_it_changes(world, client):
    stat = world.statistics[0]
    path = f"/api/v1/statistics/{stat.pk}/"
    etag = client.get(path)["ETag"]
    assert client.get(path, HTTP_IF_NONE_MATCH=etag).status_code == 304
    stat.label = "改了"
    stat.save()
    changed = client.get(path, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag


def test_source_text_revalidates(world, client):
    path = f"/api/v1/sources/{world.reports[0].source_id}/text"
    etag = client.get(path)["ETag"]
    assert client.get(path, HTTP_IF_NONE_MATCH=etag).status_code == 304
