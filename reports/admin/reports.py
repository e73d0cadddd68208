"""Sources, reports and agenda items: a report with its outline and its statistics."""

from __future__ import annotations

from django.contrib import admin
from django.utils.html import format_html, format_html_join

from reports.models import AgendaItem, Report, Source, Statistic

from .bodies import count_of
from .common import (
    CorrectedFilter,
    EditorTrackedAdmin,
    YearFilter,
    admin_link,
    changelist_link,
    html_list,
    province_filter,
)
from .evidence import evidence_for
from .statistics import StatisticInline

OUTLINE_FIELDS = ("id", "report_id", "parent_id", "number", "heading", "order", "part")


def outline_rows(items) -> list[tuple[int, str]]:
    """(depth, link) for agenda ``items`` in reading order; depth follows the parent chain (0 at the top)."""
    parents = {item.id: item.parent_id for item in items}
    rows = []
    for item in items:
        depth, parent = 0, item.parent_id
        while parent is not None and depth < 20:  # the bound guards against a corrupt cycle
            depth, parent = depth + 1, parents.get(parent)
        rows.append((f"{depth * 1.5:g}", format_html("[{}] {}", item.part, admin_link(item))))
    return rows


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    """Imported texts, read-only: every offset in rdapi points into them."""

    list_display = ("name", "length", "encoding", "extractor_version", "reports_link", "updated_at")
    search_fields = ("name", "sha256")
    list_filter = ("encoding", "extractor_version")

    def get_queryset(self, request):
        """Never load the texts for the list."""
        return super().get_queryset(request).defer("text").annotate(n_reports=count_of(Report, "source"))

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="reports", ordering="n_reports")
    def reports_link(self, obj):
        return changelist_link(Report, obj.n_reports, source__id__exact=obj.pk)


@admin.register(Report)
class ReportAdmin(EditorTrackedAdmin):
    """Reports with their outline and their statistics."""

    list_display = (
        "title",
        "report_type",
        "body_link",
        "review_year",
        "plan_year",
        "source_link",
        "items_link",
        "statistics_link",
        "corrected_fields",
    )
    list_filter = (
        "report_type",
        YearFilter,
        "body__kind",
        "body__level",
        province_filter("body__region"),
        "review_scope",
        CorrectedFilter,
    )
    list_select_related = ("body", "source")
    search_fields = ("title", "body__name", "source__name", "key")
    autocomplete_fields = ("body",)
    readonly_fields = ("source", "key", "char_start", "char_end", "outline", "created_at", "updated_at")
    locating_fields = ("source", "key", "char_start", "char_end")
    raw_id_fields = ("source",)
    inlines = (StatisticInline,)
    fieldsets = (
        (
            "Report",
            {
                "fields": (
                    "title",
                    "report_type",
                    "body",
                    "term",
                    ("review_year", "review_year_inferred", "review_scope"),
                    ("plan_year", "plan_year_inferred"),
                    "metadata",
                )
            },
        ),
        ("Outline", {"fields": ("outline",)}),
        ("Corrections", {"fields": ("edited_fields",)}),
        (
            "Where it comes from",
            {"fields": ("source", ("char_start", "char_end"), "key", "api", "created_at", "updated_at")},
        ),
    )

    def get_queryset(self, request):
        """Reports with their counts; the source's text is never loaded here."""
        return (
            super()
            .get_queryset(request)
            .select_related("body", "source")
            .defer("source__text")
            .annotate(n_items=count_of(AgendaItem, "report"), n_statistics=count_of(Statistic, "report"))
        )

    @admin.display(description="body", ordering="body__name")
    def body_link(self, obj):
        return admin_link(obj.body)

    @admin.display(description="source", ordering="source__name")
    def source_link(self, obj):
        return admin_link(obj.source)

    @admin.display(description="agenda items", ordering="n_items")
    def items_link(self, obj):
        return changelist_link(AgendaItem, obj.n_items, report__id__exact=obj.pk)

    @admin.display(description="statistics", ordering="n_statistics")
    def statistics_link(self, obj):
        return changelist_link(Statistic, obj.n_statistics, report__id__exact=obj.pk)

    @admin.display(description="outline")
    def outline(self, obj):
        """The agenda items in reading order, indented by depth, each linked."""
        if obj.pk is None:
            return "-"
        return html_list(outline_rows(obj.agenda_items.only(*OUTLINE_FIELDS).order_by("order")))


@admin.register(AgendaItem)
class AgendaItemAdmin(EditorTrackedAdmin):
    """Agenda items: sections, tasks and paragraphs of a report's outline."""

    list_display = ("title", "part", "order", "report_link", "parent_link", "statistics_link", "corrected_fields")
    list_filter = ("part", "report__report_type", "report__body__kind", province_filter("report__body__region"))
    list_filter += (CorrectedFilter,)
    list_select_related = ("report", "parent")
    search_fields = ("heading", "text", "number", "key", "report__title")
    raw_id_fields = ("report", "parent", "source")
    autocomplete_fields = ("body",)
    readonly_fields = (
        "report",
        "source",
        "key",
        "char_start",
        "char_end",
        "evidence",
        "path",
        "created_at",
        "updated_at",
    )
    locating_fields = ("report", "source", "key", "char_start", "char_end")
    inlines = (StatisticInline,)
    fieldsets = (
        ("Agenda item", {"fields": ("path", "part", ("number", "order"), "heading", "text", "body", "parent")}),
        ("Evidence", {"fields": ("evidence",)}),
        ("Corrections", {"fields": ("edited_fields",)}),
        ("Where it comes from", {"fields": ("report", "source", ("char_start", "char_end"), "key", "api")}),
    )

    def get_queryset(self, request):
        """Items without their (long) texts, nor their parents' texts, in lists."""
        return (
            super()
            .get_queryset(request)
            .select_related("report", "parent", "source")
            .defer("text", "parent__text", "source__text")
            .annotate(n_statistics=count_of(Statistic, "agenda_item"))
        )

    @admin.display(description="agenda item", ordering="order")
    def title(self, obj):
        return str(obj) or f"#{obj.order}"

    @admin.display(description="report", ordering="report__title")
    def report_link(self, obj):
        return admin_link(obj.report)

    @admin.display(description="parent")
    def parent_link(self, obj):
        return admin_link(obj.parent)

    @admin.display(description="statistics", ordering="n_statistics")
    def statistics_link(self, obj):
        return changelist_link(Statistic, obj.n_statistics, agenda_item__id__exact=obj.pk)

    @admin.display(description="evidence in context")
    def evidence(self, obj):
        return "-" if obj.pk is None else evidence_for(obj)

    @admin.display(description="path")
    def path(self, obj):
        """Report › ancestors › this item, each linked."""
        if obj.pk is None:
            return "-"
        chain, parent = [], obj.parent
        while parent is not None and len(chain) < 20:
            chain.insert(0, admin_link(parent))
            parent = parent.parent
        links = [admin_link(obj.report), *chain, str(obj) or f"#{obj.order}"]
        return format_html_join(" › ", "{}", ((link,) for link in links))
