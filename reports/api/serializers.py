"""JSON shapes of the API's resources. Field descriptions come from the models' help_text."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from reports import models as m

from .fast import FastModelSerializer, FastSerializer

SOURCE_TEXT_HELP = "The exact passage: the source text's characters char_start to char_end (Python slice)."
TIMESTAMP_HELP = {
    "created_at": {"help_text": "When rdapi first stored this record."},
    "updated_at": {"help_text": "When this record last changed (use with updated_since)."},
}


class DecimalValue(serializers.DecimalField):
    """A count as a decimal string without trailing zeros: ``"6"``, ``"89.9"``."""

    def __init__(self, **kwargs):
        super().__init__(max_digits=20, decimal_places=4, normalize_output=True, **kwargs)


class RegionSerializer(FastModelSerializer):
    class Meta:
        model = m.Region
        fields = ["code", "name", "full_name", "level", "parent", "created_at", "updated_at"]
        extra_kwargs = {"parent": {"help_text": "Code of the division this one belongs to; null for a province."}}


class BodySerializer(FastModelSerializer):
    class Meta:
        model = m.Body
        fields = ["id", "name", "kind", "level", "region", "parent", "key", "created_at", "updated_at"]
        extra_kwargs = {
            "id": {"help_text": "rdapi id of the body (stable across re-imports)."},
            "region": {"help_text": "GB/T 2260 code of the region it serves; null for national bodies."},
        }


class SourceSerializer(FastModelSerializer):
    text_url = serializers.SerializerMethodField(help_text="Where the raw text is served (text/plain).")

    class Meta:
        model = m.Source
        fields = [
            "id",
            "name",
            "sha256",
            "length",
            "encoding",
            "metadata",
            "extractor_version",
            "text_url",
            "created_at",
            "updated_at",
        ]
        extra_kwargs = {"id": {"help_text": "rdapi id of the source."}}

    def get_text_url(self, obj) -> str:
        request = self.context.get("request")
        path = f"/api/v1/sources/{obj.pk}/text"
        return request.build_absolute_uri(path) if request else path


SPAN_FIELDS = ["source", "char_start", "char_end", "source_text"]


class ReportSerializer(FastModelSerializer):
    """A report without its text in lists (``include=source_text`` adds it); the detail always has it."""

    # Not read-only so that the schema marks it optional: lists carry it only with include=source_text.
    source_text = serializers.CharField(
        source="span_text",
        required=False,
        help_text=SOURCE_TEXT_HELP + " In lists only with `include=source_text` (a report's whole text).",
    )

    class Meta:
        model = m.Report
        fields = [
            "id",
            "title",
            "report_type",
            "body",
            "term",
            "review_year",
            "plan_year",
            "review_year_inferred",
            "plan_year_inferred",
            "review_scope",
            "metadata",
            "key",
            *SPAN_FIELDS,
            "created_at",
            "updated_at",
        ]
        extra_kwargs = {"id": {"help_text": "rdapi id of the report."}}


class AgendaItemSerializer(FastModelSerializer):
    class Meta:
        model = m.AgendaItem
        fields = [
            "id",
            "report",
            "parent",
            "part",
            "number",
            "order",
            "heading",
            "text",
            "body",
            "key",
            "source",
            "char_start",
            "char_end",
            "created_at",
            "updated_at",
        ]
        extra_kwargs = {
            "id": {"help_text": "rdapi id of the agenda item."},
            "report": {"help_text": "The report it belongs to."},
        }


class StatisticSerializer(FastModelSerializer):
    value = DecimalValue(help_text="The value (lower bound of a range), as a decimal string.")
    value_max = DecimalValue(allow_null=True, help_text="Upper bound of a range, else null.")
    source_text = serializers.CharField(source="span_text", read_only=True, help_text=SOURCE_TEXT_HELP)

    class Meta:
        model = m.Statistic
        fields = [
            "id",
            "report",
            "body",
            "agenda_item",
            "indicator",
            "label",
            "value",
            "value_max",
            "qualifier",
            "unit",
            "period",
            "part",
            "year",
            "per_unit",
            "number_text",
            "review_status",
            "key",
            *SPAN_FIELDS,
            "created_at",
            "updated_at",
        ]
        extra_kwargs = {
            "id": {"help_text": "rdapi id of the statistic."},
            "report": {"help_text": "The report it was found in."},
            "indicator": {"help_text": "Indicator code (TAXONOMY.md); null only when no code applies."},
        }


class OutlineNodeSerializer(FastModelSerializer):
    """One agenda item with its sub-items, in reading order."""

    children = serializers.SerializerMethodField(help_text="Sub-items, in reading order.")

    class Meta:
        model = m.AgendaItem
        fields = [
            "id",
            "key",
            "part",
            "number",
            "order",
            "heading",
            "text",
            "body",
            "char_start",
            "char_end",
            "children",
        ]
        extra_kwargs = {"id": {"help_text": "rdapi id of the agenda item."}}

    @classmethod
    def row_columns(cls) -> list[str]:
        """The columns a node's ``values()`` row needs: its fields, and ``parent`` to build the tree."""
        return [name for name in cls.Meta.fields if name != "children"] + ["parent"]

    @extend_schema_field({"type": "array", "items": {"$ref": "#/components/schemas/OutlineNode"}})
    def get_children(self, obj) -> list:
        # The same serializer renders the whole tree: no serializer (and no field set) per node.
        children = obj.get("outline_children", []) if isinstance(obj, dict) else getattr(obj, "outline_children", [])
        return [self.to_representation(child) for child in children]


class ReportDetailSerializer(ReportSerializer):
    """A report with its outline (agenda-item tree) and its statistics."""

    source_text = serializers.CharField(source="span_text", read_only=True, help_text=SOURCE_TEXT_HELP)
    outline = serializers.SerializerMethodField(help_text="Top-level agenda items, each with its children.")
    statistics = StatisticSerializer(
        many=True, read_only=True, source="statistic_rows", help_text="Every statistic found in the report."
    )

    class Meta(ReportSerializer.Meta):
        fields = [*ReportSerializer.Meta.fields, "outline", "statistics"]

    @extend_schema_field(OutlineNodeSerializer(many=True))
    def get_outline(self, obj) -> list:
        node = OutlineNodeSerializer(context=self.context)
        return [node.to_representation(item) for item in getattr(obj, "outline", [])]


class IndicatorSerializer(FastModelSerializer):
    statistics_count = serializers.IntegerField(
        read_only=True, help_text="Statistics mapped to this indicator (rejected ones excluded)."
    )

    class Meta:
        model = m.Indicator
        fields = ["code", "name", "name_en", "unit", "body_kind", "description", "statistics_count", "updated_at"]
        extra_kwargs = {"updated_at": TIMESTAMP_HELP["updated_at"]}


class ImportRunSerializer(FastModelSerializer):
    class Meta:
        model = m.ImportRun
        fields = [
            "id",
            "started_at",
            "finished_at",
            "duration_seconds",
            "command",
            "extractor_version",
            "status",
            "files_created",
            "files_updated",
            "files_unchanged",
            "files_failed",
            "rows_created",
            "rows_updated",
            "rows_deleted",
            "files",
            "warnings",
            "errors",
        ]
        extra_kwargs = {
            "id": {"help_text": "rdapi id of the run."},
            "started_at": {"help_text": "When the run started."},
            "finished_at": {"help_text": "When it finished; null while running."},
            "duration_seconds": {"help_text": "Wall-clock duration in seconds."},
            "extractor_version": {"help_text": "Version of the extractor used."},
            "status": {"help_text": "running, succeeded, partial (some files failed) or failed."},
            "files_created": {"help_text": "Files imported for the first time."},
            "files_updated": {"help_text": "Files whose rows changed."},
            "files_unchanged": {"help_text": "Files already imported unchanged."},
            "files_failed": {"help_text": "Files that could not be imported."},
            "rows_created": {"help_text": "Rows created."},
            "rows_updated": {"help_text": "Rows updated."},
            "rows_deleted": {"help_text": "Rows deleted."},
        }


class SeriesValueSerializer(FastSerializer):
    """One statistic behind a series row."""

    statistic = serializers.IntegerField(help_text="Statistic id.")
    report = serializers.IntegerField(help_text="Report id it was found in.")
    value = DecimalValue(help_text="Its value.")
    value_max = DecimalValue(allow_null=True, help_text="Upper bound of a range, else null.")
    qualifier = serializers.ChoiceField(choices=m.QUALIFIER_CHOICES, help_text="exact, approx, at_least, at_most.")
    unit = serializers.CharField(help_text="Unit as written.")


class SeriesRowSerializer(FastSerializer):
    """One body's value of an indicator in one year."""

    body = serializers.IntegerField(allow_null=True, help_text="Body id (null when the statistic has no body).")
    body_name = serializers.CharField(allow_null=True, help_text="Body's full name.")
    body_kind = serializers.CharField(allow_null=True, help_text="Body's kind, e.g. npc_sc.")
    region = serializers.CharField(allow_null=True, help_text="Body's region code.")
    year = serializers.IntegerField(allow_null=True, help_text="Year the value refers to.")
    value = DecimalValue(allow_null=True, help_text="The value; null when the statistics conflict.")
    value_max = DecimalValue(allow_null=True, help_text="Upper bound of a range, else null.")
    qualifier = serializers.ChoiceField(
        choices=m.QUALIFIER_CHOICES, allow_null=True, help_text="Qualifier of the value; null on conflict."
    )
    unit = serializers.CharField(allow_null=True, help_text="Unit of the value; null on conflict.")
    conflict = serializers.BooleanField(help_text="True when the statistics behind this row disagree.")
    values = SeriesValueSerializer(many=True, help_text="Every statistic behind the row, with its value.")
    statistics = serializers.ListField(child=serializers.IntegerField(), help_text="Ids of the statistics behind it.")
