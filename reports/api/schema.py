"""OpenAPI generation: the error responses and CSV bodies every operation can return."""

from __future__ import annotations

from drf_spectacular import openapi
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers

CSV_DESCRIPTION = (
    "With `format=csv`: the page's rows as CSV (UTF-8 with BOM, header row of field names, "
    "list values joined with `;`). Pagination is in the `Link` and `X-Total-Count` headers."
)

FORMAT_PARAMETER = OpenApiParameter(
    "format",
    str,
    enum=["json", "csv"],
    description="Response format: `json` (default) or `csv` (a flat table of the same fields).",
)


class ErrorDetailSerializer(serializers.Serializer):
    status = serializers.IntegerField(help_text="The HTTP status code, repeated.")
    code = serializers.CharField(
        help_text="Stable machine-readable code: invalid_filter, not_found, method_not_allowed, "
        "throttled, not_acceptable, ..."
    )
    detail = serializers.CharField(help_text="What went wrong, for people.")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="On 400 only: each bad query parameter with its messages.",
    )


class ErrorSerializer(serializers.Serializer):
    """The body of every error response."""

    error = ErrorDetailSerializer(help_text="What went wrong.")


ERRORS = {
    "400": "A query parameter has a bad value (the parameter is named in `error.fields`).",
    "404": "No such record, or a page past the last one.",
    "405": "The API is read-only: only GET, HEAD and OPTIONS are allowed.",
    "429": "Too many requests; retry after the number of seconds in `Retry-After`.",
}


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's AutoSchema plus the documented error responses and CSV bodies."""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code, description in ERRORS.items():
            if code == "400" and not self._has_parameters():
                continue
            response = self._get_response_for_code(ErrorSerializer, code, ["application/json"], direction)
            response["description"] = description
            if code == "429":
                response["headers"] = {
                    "Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait before retrying."}
                }
            responses.setdefault(code, response)
        return responses

    def _has_parameters(self) -> bool:
        return bool(self._is_list_view() or getattr(self.view, "filterset_class", None) or self.method == "GET")

    def _get_response_for_code(self, serializer, status_code, media_types=None, direction="response"):
        """Describe ``text/csv`` bodies as text, not as the JSON object they replace."""
        response = super()._get_response_for_code(serializer, status_code, media_types, direction)
        content = response.get("content", {})
        if "text/csv" in content:
            if status_code.startswith("2"):
                content["text/csv"] = {"schema": {"type": "string", "description": CSV_DESCRIPTION}}
            else:
                del content["text/csv"]
        return response

    def _resolve_path_parameters(self, variables):
        """Path parameters always described: the model field's help_text, or the view's lookup name."""
        parameters = super()._resolve_path_parameters(variables)
        noun = getattr(self.view, "basename", None) or "record"
        for param in parameters:
            if not param.get("description"):
                param["description"] = param["schema"].pop("description", None) or f"The {noun}'s {param['name']}."
        return parameters

    def _get_filter_parameters(self):
        """Filters whose schema type is overridden still get their help_text as description."""
        parameters = super()._get_filter_parameters()
        get_class = getattr(self.view, "get_filterset_class", None)
        filterset_class = get_class() if get_class else getattr(self.view, "filterset_class", None)
        filters = getattr(filterset_class, "base_filters", {})
        for param in parameters:
            if not param.get("description") and param["name"] in filters:
                param["description"] = filters[param["name"]].extra.get("help_text", "")
        return parameters
