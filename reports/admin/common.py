"""What every rdapi admin shares: correction tracking, list filters and links between records."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from reports.editing import mark_edited, model_field_names, trackable_fields
from reports.models import Body, Region


def admin_link(obj, text=None):
    """A link to ``obj``'s change page in the admin, or ``-`` for None."""
    if obj is None:
        return "-"
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    return format_html('<a href="{}">{}</a>', url, obj if text is None else text)


# Where each record lives in the public API (CONTRACT.md).
API_PATHS = {"body": "bodies", "report": "reports", "agendaitem": "agenda-items", "statistic": "statistics"}


def api_link(obj):
    """A link to ``obj`` in the public API, e.g. ``/api/v1/statistics/7/``."""
    if obj is None or obj.pk is None:
        return "-"
    url = f"/api/v1/{API_PATHS[obj._meta.model_name]}/{obj.pk}/"
    return format_html('<a href="{}">{}</a>', url, url)


def changelist_link(model, text, **params):
    """A link to ``model``'s changelist filtered by ``params`` (e.g. ``report__id__exact=3``)."""
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return format_html('<a href="{}?{}">{}</a>', url, query, text)


class EditorTrackedAdmin(SimpleHistoryAdmin):
    """History and correction tracking: every admin save adds the changed fields to ``edited_fields``."""

    save_on_top = True
    #: Read-only fields that place a record (key, source, span): typed in when adding by hand, fixed afterwards.
    locating_fields = ()

    def get_readonly_fields(self, request, obj=None):
        """``edited_fields`` is bookkeeping: shown, never typed in; ``api`` links the record in the API."""
        fields = [*super().get_readonly_fields(request, obj), "edited_fields", "api"]
        return fields if obj is not None else [name for name in fields if name not in self.locating_fields]

    @admin.display(description="in the API")
    def api(self, obj):
        return api_link(obj)

    def save_model(self, request, obj, form, change):
        """Record the changed fields (all of them for a record an editor creates), then save."""
        names = form.changed_data if change else list(form.cleaned_data)
        self.record_edits(obj, model_field_names(type(obj), names), form)
        super().save_model(request, obj, form, change)

    def record_edits(self, obj, field_names, form):
        """Add ``field_names`` to ``obj.edited_fields``; subclasses add model-specific rules."""
        mark_edited(obj, field_names)

    @admin.display(description="corrected fields")
    def corrected_fields(self, obj):
        """The fields an editor changed, comma-separated."""
        return ", ".join(obj.edited_fields or []) or "-"


class CorrectedFilter(admin.SimpleListFilter):
    """Records an editor corrected: any field, none, or one given field."""

    title = "corrected fields"
    parameter_name = "corrected"

    def lookups(self, request, model_admin):
        fields = [(name, f"field: {name}") for name in trackable_fields(model_admin.model)]
        return [("yes", "any field"), ("no", "none"), *fields]

    def queryset(self, request, queryset):
        value = self.value()
        if not value:
            return queryset
        # JSON stored as text on both SQLite and PostgreSQL: '["value", "unit"]'.
        queryset = queryset.annotate(_edited_text=Cast("edited_fields", TextField()))
        if value == "no":
            return queryset.filter(Q(_edited_text="[]") | Q(edited_fields__isnull=True))
        if value == "yes":
            return queryset.exclude(_edited_text="[]").exclude(edited_fields__isnull=True)
        return queryset.filter(_edited_text__contains=f'"{value}"')


def province_filter(region_path: str = "") -> type[admin.SimpleListFilter]:
    """A list filter by province over ``region_path`` (e.g. ``body__region``; "" for regions themselves).

    A province is a code prefix: 22 matches 220000 and every division under it.
    """
    lookup = f"{region_path}__code__startswith" if region_path else "code__startswith"

    class ProvinceFilter(admin.SimpleListFilter):
        title = "province"
        parameter_name = "province"

        def lookups(self, request, model_admin):
            return provinces_present()

        def queryset(self, request, queryset):
            prefix = (self.value() or "")[:2]
            if not prefix:
                return queryset
            return queryset.filter(**{lookup: prefix})

    return ProvinceFilter


def provinces_present() -> list[tuple[str, str]]:
    """(province code, name) for every province some body's region lies in; two queries on small tables."""
    codes = Body.objects.filter(region__isnull=False).order_by().values_list("region_id", flat=True).distinct()
    prefixes = sorted({code[:2] for code in codes})
    names = dict(Region.objects.filter(code__in=[p + "0000" for p in prefixes]).values_list("code", "name"))
    return [(p + "0000", names.get(p + "0000", p + "0000")) for p in prefixes]


class YearFilter(admin.SimpleListFilter):
    """Reports reviewing or planning a year."""

    title = "year"
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = set(model_admin.model.objects.values_list("review_year", flat=True).distinct())
        years |= set(model_admin.model.objects.values_list("plan_year", flat=True).distinct())
        return [(str(year), str(year)) for year in sorted(years - {None}, reverse=True)]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        return queryset.filter(Q(review_year=self.value()) | Q(plan_year=self.value()))


def html_list(rows):
    """``rows`` of (indent_em, html) as an unstyled list."""
    items = format_html_join("", '<li style="padding-left: {}em">{}</li>', rows)
    return format_html('<ul class="rdapi-outline">{}</ul>', items) if rows else "-"
