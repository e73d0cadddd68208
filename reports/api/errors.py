"""Every API error as one JSON shape.

``{"error": {"status": 400, "code": "invalid_filter", "detail": "...", "fields": {"year": ["..."]}}}``

``code`` is stable and machine-readable; ``detail`` is for people; ``fields``
(only on 400) names each bad query parameter with its messages.
"""

from __future__ import annotations

from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

# DRF exception class -> stable error code (the default_code of the rest is used as is).
CODES = {
    exceptions.ValidationError: "invalid_filter",
    exceptions.NotFound: "not_found",
    exceptions.MethodNotAllowed: "method_not_allowed",
    exceptions.Throttled: "throttled",
    exceptions.NotAcceptable: "not_acceptable",
}


def error_body(status_code: int, code: str, detail: str, fields: dict | None = None) -> dict:
    """The JSON document of an error response."""
    error = {"status": status_code, "code": code, "detail": detail}
    if fields:
        error["fields"] = fields
    return {"error": error}


def _code_for(exc: Exception) -> str:
    for cls, code in CODES.items():
        if isinstance(exc, cls):
            return code
    return getattr(exc, "default_code", "error")


def _fields_and_detail(exc: exceptions.ValidationError) -> tuple[dict, str]:
    """Flatten a ValidationError into {parameter: [messages]} and a one-line summary."""
    data = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
    fields = {name: [str(m) for m in (msgs if isinstance(msgs, list) else [msgs])] for name, msgs in data.items()}
    summary = "; ".join(f"{name}: {' '.join(msgs)}" for name, msgs in fields.items())
    return fields, f"Invalid query parameter(s) — {summary}"


def exception_handler(exc: Exception, context: dict) -> Response | None:
    """DRF's handler (headers such as Retry-After included), reshaped to the error document."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        fields, detail = _fields_and_detail(exc)
    else:
        fields, detail = None, str(getattr(exc, "detail", exc))
    response.data = error_body(response.status_code, _code_for(exc), detail, fields)
    return response


def not_found_response() -> Response:
    """A JSON 404 for paths under /api/ that match no endpoint."""
    return Response(error_body(404, "not_found", "No endpoint at this path."), status=status.HTTP_404_NOT_FOUND)
