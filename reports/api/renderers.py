"""CSV for spreadsheets and plain text for source texts."""

from __future__ import annotations

import csv
import io
import json

from rest_framework import renderers


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
