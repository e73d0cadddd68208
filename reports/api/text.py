"""GET /api/v1/sources/{id}/text: a source's raw text, so anyone can check a span."""

from __future__ import annotations

from django.db.models import F, Value
from django.db.models.functions import Substr
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.response import Response
from rest_framework.views import APIView

from reports.models import Source

from .conditional import ConditionalMixin
from .renderers import PlainTextRenderer


class AlwaysPlainText(BaseContentNegotiation):
    """The text is text whatever the Accept header says."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class SliceSerializer(serializers.Serializer):
    start = serializers.IntegerField(required=False, min_value=0, max_value=2**31 - 1)
    end = serializers.IntegerField(required=False, min_value=0, max_value=2**31 - 1)


class SourceTextView(ConditionalMixin, APIView):
    """The decoded text of one source, byte-for-byte as imported (UTF-8)."""

    renderer_classes = [PlainTextRenderer]
    content_negotiation_class = AlwaysPlainText

    @extend_schema(
        tags=["sources"],
        summary="A source's raw text",
        description="The source text exactly as imported (no newline translation, no normalisation), "
        "as `text/plain; charset=utf-8`. Every `char_start`/`char_end` in the API is a code-point offset "
        "into it. With `start` and/or `end`: only `text[start:end]` (cut in the database).",
        parameters=[
            OpenApiParameter(
                "start",
                {"type": "integer", "minimum": 0, "maximum": 2**31 - 1},
                required=False,
                description="First code point to return (default 0).",
            ),
            OpenApiParameter(
                "end",
                {"type": "integer", "minimum": 0, "maximum": 2**31 - 1},
                required=False,
                description="Code point just past the last to return (default: the end). "
                "As in Python, an end before start gives an empty text.",
            ),
        ],
        responses={(200, "text/plain"): OpenApiTypes.STR},
    )
    def get(self, request, pk: int):
        bounds = SliceSerializer(data=request.query_params)
        if not bounds.is_valid():
            raise ValidationError(bounds.errors)
        row = self._fetch(pk, bounds.validated_data.get("start", 0), bounds.validated_data.get("end"))
        self.last_modified = row["updated_at"]
        return Response(row["slice"], content_type="text/plain; charset=utf-8")

    @staticmethod
    def _fetch(pk: int, start: int, end: int | None) -> dict:
        """The slice and timestamp of source ``pk``, cut in SQL; a 404 when there is none."""
        if end is not None:
            cut = Substr("text", start + 1, Value(max(end - start, 0)))
        else:
            cut = Substr("text", start + 1) if start else F("text")
        row = Source.objects.filter(pk=pk).annotate(slice=cut).values("slice", "updated_at").first()
        if row is None:
            raise NotFound("No source with this id.")
        return row
