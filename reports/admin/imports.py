"""Import runs and the conflicts between re-imports and editors' corrections: read-only."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, format_html_join

from reports.models import ImportConflict, ImportRun


class ReadOnlyMixin:
    """View only: runs and conflicts are written by the importer, never by hand."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


def record_link(conflict):
    """A link to the record a conflict is about (``model`` is e.g. ``statistic`` or ``agenda_item``)."""
    model_name = conflict.model.lower().replace("_", "")
    label = f"{conflict.model} {conflict.object_id}"
    try:
        url = reverse(f"admin:reports_{model_name}_change", args=[conflict.object_id])
    except NoReverseMatch:
        return label
    return format_html('<a href="{}">{}</a>', url, label)


def messages_table(entries):
    """A run's warnings or errors (dicts: path, code, message, position …) as an HTML table."""
    if not entries:
        return "-"
    keys = list(dict.fromkeys(key for entry in entries if isinstance(entry, dict) for key in entry))
    head = format_html_join("", "<th>{}</th>", ((key,) for key in keys))
    rows = format_html_join(
        "",
        "<tr>{}</tr>",
        ((format_html_join("", "<td>{}</td>", ((_cell(entry, key),) for key in keys)),) for entry in entries),
    )
    return format_html("<table><thead><tr>{}</tr></thead><tbody>{}</tbody></table>", head, rows)


def _cell(entry, key):
    return entry.get(key, "") if isinstance(entry, dict) else entry


class ImportConflictInline(ReadOnlyMixin, admin.TabularInline):
    """The conflicts one run found, each linked to the record whose correction was kept."""

    model = ImportConflict
    extra = 0
    fields = ("record", "field", "editor_value", "extracted_value")
    readonly_fields = fields

    @admin.display(description="record")
    def record(self, obj):
        return record_link(obj)


@admin.register(ImportRun)
class ImportRunAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """What each import read, changed, warned about and left to editors."""

    list_display = (
        "id",
        "started_at",
        "status",
        "command",
        "files_created",
        "files_updated",
        "files_unchanged",
        "files_failed",
        "rows_created",
        "rows_updated",
        "rows_deleted",
        "n_warnings",
        "n_errors",
        "n_conflicts",
    )
    list_filter = ("status", "extractor_version")
    date_hierarchy = "started_at"
    inlines = (ImportConflictInline,)
    exclude = ("files", "warnings", "errors")
    readonly_fields = ("files_table", "warnings_table", "errors_table")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(conflict_count=Count("conflicts"))

    @admin.display(description="warnings")
    def n_warnings(self, obj):
        return len(obj.warnings or [])

    @admin.display(description="errors")
    def n_errors(self, obj):
        return len(obj.errors or [])

    @admin.display(description="conflicts", ordering="conflict_count")
    def n_conflicts(self, obj):
        return obj.conflict_count

    @admin.display(description="files")
    def files_table(self, obj):
        return messages_table(obj.files)

    @admin.display(description="warnings")
    def warnings_table(self, obj):
        return messages_table(obj.warnings)

    @admin.display(description="errors")
    def errors_table(self, obj):
        return messages_table(obj.errors)


@admin.register(ImportConflict)
class ImportConflictAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """Every conflict across runs: where a re-import disagreed with an editor."""

    list_display = ("id", "run", "record", "field", "editor_value", "extracted_value")
    list_filter = ("model", "field")
    list_select_related = ("run",)
    search_fields = ("editor_value", "extracted_value", "field", "model")

    @admin.display(description="record")
    def record(self, obj):
        return record_link(obj)
