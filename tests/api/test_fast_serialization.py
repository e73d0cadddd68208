"""The fast serialization path (reports/api/fast.py) writes exactly what DRF's own would."""

import pytest
from rest_framework import serializers

from reports.api.fast import FastSerializerMixin
from reports.api.views import ReadOnlyViewSet
from reports.models import AgendaItem, ImportRun, Report, Statistic

pytestmark = pytest.mark.django_db

PATHS = [
    "/api/v1/regions/",
    "/api/v1/bodies/",
    "/api/v1/sources/",
    "/api/v1/reports/",
    "/api/v1/reports/?include=source_text",
    "/api/v1/agenda-items/",
    "/api/v1/indicators/",
    "/api/v1/statistics/",
    "/api/v1/statistics/?q=执法检查",
    "/api/v1/import-runs/",
    "/api/v1/indicators/sc_meetings/series/",
    "/api/v1/statistics/?format=csv",
]


def test_same_json_as_drf(world, client, monkeypatch):
    ImportRun.objects.create(command="import x", extractor_version="t", files=[{"path": "a"}], duration_seconds=1.5)
    paths = [*PATHS, f"/api/v1/reports/{world.reports[0].pk}/", f"/api/v1/sources/{world.reports[0].source_id}/"]
    fast = {path: client.get(path).content for path in paths}
    monkeypatch.setattr(FastSerializerMixin, "to_representation", serializers.Serializer.to_representation)
    monkeypatch.setattr(ReadOnlyViewSet, "rows_as_values", False)  # DRF's own path: model instances
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.content == fast[path], path


@pytest.mark.parametrize(
    ("path", "model"),
    [
        ("/api/v1/reports/", Report),
        ("/api/v1/reports/?include=source_text", Report),
        ("/api/v1/statistics/?q=执法检查", Statistic),
        ("/api/v1/agenda-items/", AgendaItem),
    ],
)
def test_lists_render_rows_without_building_model_instances(world, client, monkeypatch, path, model):
    def refuse(*args, **kwargs):
        raise AssertionError(f"{model.__name__} instance built for a list")

    monkeypatch.setattr(model, "from_db", classmethod(refuse))
    response = client.get(path)
    assert response.status_code == 200
    assert response.json()["results"]


def test_a_serializer_with_a_method_field_keeps_model_instances(world, client):
    # The sources list's text_url is computed from the instance: it must not be given a mapping.
    row = client.get("/api/v1/sources/").json()["results"][0]
    assert row["text_url"].endswith(f"/api/v1/sources/{row['id']}/text")


@pytest.mark.parametrize("model", [AgendaItem, Statistic])
def test_a_report_detail_renders_its_items_and_statistics_from_rows(world, client, monkeypatch, model):
    report = next(r for r in world.reports if r.agenda_items.exists() and r.statistics.exists())

    def refuse(*args, **kwargs):
        raise AssertionError(f"{model.__name__} instance built for a report detail")

    monkeypatch.setattr(model, "from_db", classmethod(refuse))
    body = client.get(f"/api/v1/reports/{report.pk}/").json()
    assert body["outline"] and body["statistics"]


def test_a_report_detail_outline_nests_rows_as_the_items_do(world, client):
    report = next(r for r in world.reports if r.agenda_items.filter(parent__isnull=False).exists())
    body = client.get(f"/api/v1/reports/{report.pk}/").json()

    def walk(nodes, parent_id):
        for node in nodes:
            yield node["id"], parent_id
            yield from walk(node["children"], node["id"])

    seen = dict(walk(body["outline"], None))
    assert seen == dict(report.agenda_items.values_list("id", "parent_id"))
    assert [n["id"] for n in body["outline"]] == list(
        report.agenda_items.filter(parent=None).order_by("order", "id").values_list("id", flat=True)
    )
