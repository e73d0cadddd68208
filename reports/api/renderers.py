"""JSON (DRF's, encoded by orjson), CSV for spreadsheets and plain text for source texts."""

from __future__ import annotations

import csv
import io
import json

import orjson
from rest_framework import renderers
from rest_framework.utils.encoders import JSONEncoder

_DRF_ENCODER = JSONEncoder()
# DRF escapes the two line separators that JavaScript string literals cannot hold; so do we.
_LINE_SEPARATORS = ((b"\xe2\x80\xa8", b"\\u2028"), (b"\xe2\x80\xa9", b"\\u2029"))


class FastJSONRenderer(renderers.JSONRenderer):
    """DRF's compact JSON, encoded by orjson.

    Encoding a page with the standard library was about a tenth of a list request and more of
    a report's detail (bench/findings.md). The output is DRF's: UTF-8 unescaped, no spaces,
    U+2028/U+2029 escaped, and every type orjson does not write itself (datetimes, decimals,
    lazy strings, ...) goes through DRF's own encoder. Differences: a float may be spelt
    another way (``0.00001`` for ``1e-05``, the same number), and NaN is null where DRF's
    strict encoder would fail the request. Indented output
    (``Accept: application/json; indent=2``) and anything orjson refuses (integers beyond
    64 bits, non-string keys) are left to DRF's renderer.
    """

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        if self.get_indent(accepted_media_type, renderer_context or {}) is not None:
            return super().render(data, accepted_media_type, renderer_context)
        try:
            out = orjson.dumps(data, default=_DRF_ENCODER.default, option=orjson.OPT_PASSTHROUGH_DATETIME)
        except orjson.JSONEncodeError:
            return super().render(data, accepted_media_type, renderer_context)
        for raw, escaped in _LINE_SEPARATORS:
            if raw in out:
                out = out.replace(raw, escaped)
        return out


def _cell(value) -> str:
    """One CSV cell: lists of scalars joined by ``;``, other structures as JSON, None as empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list) and all(not isinstance(v, dict | list) for v in value):
        return ";".join(_cell(v) for v in value)
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


class CSVRenderer(renderers.BaseRenderer):
    """The rows of a list page (or one object) as CSV, with a header row of field names.

    Columns are the JSON fields in the same order; list values are joined
    with ``;``. The file starts with a UTF-8 BOM so spreadsheet programs
    read the Chinese text correctly. Pagination travels in headers
    (``Link``, ``X-Total-Count``), set by the view.
    """

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        rows = data.get("results", [data]) if isinstance(data, dict) else list(data or [])
        out = io.StringIO()
        out.write("\ufeff")
        columns = list(rows[0].keys()) if rows else self._columns(renderer_context)
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(row.get(col)) for col in columns])
        return out.getvalue().encode("utf-8")

    @staticmethod
    def _columns(renderer_context) -> list[str]:
        """Header of an empty page: the view's serializer fields."""
        view = (renderer_context or {}).get("view")
        if view is None or not hasattr(view, "get_serializer"):
            return []
        return list(view.get_serializer().fields.keys())


class PlainTextRenderer(renderers.BaseRenderer):
    """A string as ``text/plain; charset=utf-8``, byte-exact."""

    media_type = "text/plain"
    format = "txt"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data.encode("utf-8") if isinstance(data, str) else data
