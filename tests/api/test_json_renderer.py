"""The API's JSON renderer (orjson) writes the bytes DRF's own JSONRenderer writes."""

import datetime
import decimal
import uuid

import pytest
from django.utils.translation import gettext_lazy
from rest_framework.renderers import JSONRenderer
from rest_framework.utils.serializer_helpers import ReturnDict, ReturnList

from reports.api.renderers import FastJSONRenderer

UTC = datetime.UTC
SAMPLES = {
    "chinese text": {"title": "松原市人民代表大会常务委员会工作报告", "heading": "（一）立法工作"},
    "line separators": {"text": "第一段\u2028第二段\u2029第三段"},
    "escapes": {"text": 'quote " backslash \\ tab \t newline \n nul \x00 bell \x07'},
    "astral and emoji": {"text": "𠀀 😀"},
    "numbers": {"int": 12, "negative": -3, "big": 2**62, "float": 1.5, "zero": 0.0, "bool": True, "none": None},
    "datetimes (DRF's encoder)": {
        "utc": datetime.datetime(2026, 12, 6, 3, 4, 5, 123456, tzinfo=UTC),
        "naive": datetime.datetime(2026, 12, 6, 3, 4, 5),
        "date": datetime.date(2026, 12, 6),
        "time": datetime.time(3, 4, 5),
        "shanghai": datetime.datetime(2026, 12, 6, 11, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=8))),
    },
    "decimal, uuid, lazy string, tuple": {
        "decimal": decimal.Decimal("89.90"),
        "uuid": uuid.UUID("12345678-1234-5678-1234-567812345678"),
        "lazy": gettext_lazy("Not found."),
        "tuple": (1, "二", None),
    },
    "DRF's containers": ReturnDict({"results": ReturnList([{"id": 1}, {"id": 2}], serializer=None)}, serializer=None),
    "nested": {"results": [{"statistics": [{"value": "6", "unit": "次"}], "outline": [{"children": []}]}]},
    "empty": {},
    "list at the top": [1, {"a": []}],
}


@pytest.mark.parametrize("data", list(SAMPLES.values()), ids=list(SAMPLES))
def test_same_bytes_as_drf(data):
    assert FastJSONRenderer().render(data) == JSONRenderer().render(data)


def test_line_separators_are_escaped_like_drf():
    out = FastJSONRenderer().render({"text": "a\u2028b\u2029c"})
    assert out == b'{"text":"a\\u2028b\\u2029c"}'


def test_none_renders_nothing():
    assert FastJSONRenderer().render(None) == b""


def test_an_indent_asked_for_gets_drf_indented_output():
    media_type = "application/json; indent=2"
    data = {"a": [1, 2], "b": "二"}
    out = FastJSONRenderer().render(data, media_type, {})
    assert out == JSONRenderer().render(data, media_type, {})
    assert b"\n  " in out


def test_what_orjson_refuses_goes_to_drf():
    data = {"huge": 2**70, 3: "non-string key"}
    assert FastJSONRenderer().render(data) == JSONRenderer().render(data)


@pytest.mark.django_db
def test_the_api_answers_with_it(client):
    response = client.get("/api/v1/indicators/")
    assert response.status_code == 200
    assert isinstance(response.accepted_renderer, FastJSONRenderer)
