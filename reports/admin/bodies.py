"""Regions and bodies."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from reports.models import Body, Region, Report, Statistic

from .common import CorrectedFilter, EditorTrackedAdmin, admin_link, changelist_link, province_filter


def count_of(model, fk: str):
    """A subquery counting ``model`` rows whose ``fk`` is the outer row: no join fan-out in lists."""
    rows = model.objects.filter(**{fk: OuterRef("pk")}).order_by().values(fk).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(rows), 0)


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    """GB/T 2260 divisions; searched by code or name, mostly as the target of autocompletes."""

    list_display = ("code", "name", "full_name", "level", "parent")
    list_filter = ("level", province_filter())
    list_select_related = ("parent",)
    search_fields = ("code", "name", "full_name")
    autocomplete_fields = ("parent",)


@admin.register(Body)
class BodyAdmin(EditorTrackedAdmin):
    """Standing committees and the other bodies texts come from."""

    list_display = ("name", "kind", "level", "region_link", "reports_link", "statistics_link", "corrected_fields")
    list_filter = ("kind", "level", province_filter("region"), CorrectedFilter)
    list_select_related = ("region",)
    search_fields = ("name", "key", "region__name", "region__full_name", "region__code")
    autocomplete_fields = ("region", "parent")
    readonly_fields = ("key", "created_at", "updated_at")
    locating_fields = ("key",)
    fields = ("name", "kind", "level", "region", "parent", "key", "edited_fields", "api", "created_at", "updated_at")

    def get_queryset(self, request):
        """Count reports and statistics in the same query as the bodies."""
        return (
            super()
            .get_queryset(request)
            .annotate(n_reports=count_of(Report, "body"), n_statistics=count_of(Statistic, "body"))
        )

    @admin.display(description="region", ordering="region__code")
    def region_link(self, obj):
        return admin_link(obj.region)

    @admin.display(description="reports", ordering="n_reports")
    def reports_link(self, obj):
        return changelist_link(Report, obj.n_reports, body__id__exact=obj.pk)

    @admin.display(description="statistics", ordering="n_statistics")
    def statistics_link(self, obj):
        return changelist_link(Statistic, obj.n_statistics, body__id__exact=obj.pk)
