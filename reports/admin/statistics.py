"""Indicators and statistics: find a count, check it against its evidence, verify, correct or reject it."""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.html import format_html
from simple_history.utils import bulk_update_with_history

from reports.editing import mark_edited, mark_statistic_corrected
from reports.models import Indicator, Statistic

from .bodies import count_of
from .common import CorrectedFilter, EditorTrackedAdmin, admin_link, api_link, changelist_link, province_filter
from .evidence import evidence_for, passage_expression, passage_html

Status = Statistic.ReviewStatus


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    """The taxonomy's indicators, with how many statistics use each."""

    list_display = ("code", "name", "name_en", "unit", "body_kind", "statistics_link")
    list_filter = ("body_kind",)
    search_fields = ("code", "name", "name_en", "description")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_statistics=count_of(Statistic, "indicator"))

    @admin.display(description="statistics", ordering="n_statistics")
    def statistics_link(self, obj):
        return changelist_link(Statistic, obj.n_statistics, indicator__code__exact=obj.pk)


class StatisticInline(admin.TabularInline):
    """A read-only table of statistics with their marked passages; each row links to its change page."""

    model = Statistic
    extra = 0
    can_delete = False
    show_change_link = True
    fields = ("label", "number", "indicator", "part", "period", "year", "review_status", "evidence")
    readonly_fields = fields

    def get_queryset(self, request):
        """Only the span of each source text, never the whole text."""
        return super().get_queryset(request).select_related("indicator").annotate(passage=passage_expression())

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description="value")
    def number(self, obj):
        return number_display(obj)

    @admin.display(description="evidence")
    def evidence(self, obj):
        return passage_html(obj.passage, obj.number_text)


def number_display(obj) -> str:
    """``6 次``, ``≥ 100 件``, ``3–5 次``: the normalised value as an editor reads it."""
    sign = {"approx": "≈ ", "at_least": "≥ ", "at_most": "≤ "}.get(obj.qualifier, "")
    value = f"{obj.value.normalize():f}"
    if obj.value_max is not None:
        value += f"–{obj.value_max.normalize():f}"
    return f"{sign}{value} {obj.unit}"


@admin.register(Statistic)
class StatisticAdmin(EditorTrackedAdmin):
    """Statistics with their evidence; bulk verify/reject; corrections are kept on re-import."""

    list_display = (
        "id",
        "label",
        "number",
        "evidence_passage",
        "indicator",
        "report_link",
        "body",
        "year",
        "part",
        "period",
        "review_status",
        "corrected_fields",
    )
    list_display_links = ("id", "label")
    list_filter = (
        "review_status",
        CorrectedFilter,
        "indicator",
        "part",
        "period",
        "qualifier",
        "year",
        "report__report_type",
        "body__kind",
        province_filter("body__region"),
    )
    list_select_related = ("report", "body", "indicator")
    search_fields = (
        "label",
        "number_text",
        "unit",
        "key",
        "indicator__code",
        "indicator__name",
        "report__title",
        "body__name",
    )
    raw_id_fields = ("report", "source", "agenda_item")
    autocomplete_fields = ("body", "indicator")
    readonly_fields = ("report", "source", "key", "evidence", "record_links", "created_at", "updated_at")
    locating_fields = ("report", "source", "key")
    actions = ("verify", "reject", "mark_unreviewed")
    fieldsets = (
        ("Evidence", {"fields": ("evidence", "record_links")}),
        (
            "Statistic",
            {
                "fields": (
                    "indicator",
                    "label",
                    ("value", "value_max", "qualifier", "unit"),
                    "number_text",
                    ("period", "part", "year", "per_unit"),
                )
            },
        ),
        ("Review", {"fields": ("review_status", "edited_fields")}),
        (
            "Where it comes from",
            {"fields": ("report", "body", "agenda_item", "source", ("char_start", "char_end"), "key")},
        ),
        ("Record", {"classes": ("collapse",), "fields": ("created_at", "updated_at")}),
    )

    def get_queryset(self, request):
        """Statistics with their passage cut out of the source text in SQL; the whole text is never loaded."""
        # Having select_related here makes the changelist skip list_select_related: name them all.
        queryset = super().get_queryset(request).select_related("source", *self.list_select_related)
        queryset = queryset.defer("source__text")
        return queryset.annotate(passage=passage_expression())

    def record_edits(self, obj, field_names, form):
        """Changed values make the statistic ``corrected`` unless the editor chose a status."""
        mark_edited(obj, field_names)
        mark_statistic_corrected(obj, field_names, status_set_by_editor="review_status" in form.changed_data)

    @admin.display(description="value", ordering="value")
    def number(self, obj):
        return number_display(obj)

    @admin.display(description="evidence")
    def evidence_passage(self, obj):
        return passage_html(obj.passage, obj.number_text)

    @admin.display(description="report", ordering="report__title")
    def report_link(self, obj):
        return admin_link(obj.report)

    @admin.display(description="evidence in context")
    def evidence(self, obj):
        """The source's line around the span, the span ``<mark>``ed (one query for a window of the text)."""
        return "-" if obj.pk is None else evidence_for(obj)

    @admin.display(description="records")
    def record_links(self, obj):
        """Report, body, agenda item and the same statistic in the API."""
        if obj.pk is None:
            return "-"
        return format_html(
            "report: {}<br>body: {}<br>agenda item: {}<br>API: {}",
            admin_link(obj.report),
            admin_link(obj.body),
            admin_link(obj.agenda_item),
            api_link(obj),
        )

    @admin.action(description="Verify selected statistics (corrected ones stay corrected)")
    def verify(self, request, queryset):
        self._set_status(request, queryset.exclude(review_status=Status.CORRECTED), Status.VERIFIED)

    @admin.action(description="Reject selected statistics (re-imports will not recreate them)")
    def reject(self, request, queryset):
        self._set_status(request, queryset, Status.REJECTED)

    @admin.action(description="Mark selected statistics unreviewed")
    def mark_unreviewed(self, request, queryset):
        self._set_status(request, queryset, Status.UNREVIEWED)

    def _set_status(self, request, queryset, status):
        """Set ``review_status`` on ``queryset`` in bulk, with one history entry per statistic."""
        rows = list(queryset.exclude(review_status=status))
        now = timezone.now()
        for row in rows:
            row.review_status, row.updated_at = status, now
        bulk_update_with_history(
            rows,
            Statistic,
            ["review_status", "updated_at"],
            batch_size=500,
            default_user=request.user,
            default_change_reason=f"admin action: {status}",
        )
        self.message_user(request, f"{len(rows)} statistic(s) marked {status}.", messages.SUCCESS)
