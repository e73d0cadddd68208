"""The querysets behind the API: each list is a constant number of queries."""

from __future__ import annotations

from django.db.models import Count, F, Prefetch, Q, Value
from django.db.models.functions import Greatest, Substr

from reports import models as m


def with_span_text(queryset):
    """Annotate ``span_text`` = ``source.text[char_start:char_end]``, cut in SQL (no whole texts loaded)."""
    length = Greatest(F("char_end") - F("char_start"), Value(0))
    return queryset.annotate(span_text=Substr("source__text", F("char_start") + 1, length))


def regions():
    return m.Region.objects.all()


def bodies():
    return m.Body.objects.all()


def sources():
    """Sources without their text (it can be 750 KB each); the text has its own endpoint."""
    return m.Source.objects.defer("text")


def reports():
    """Reports without their text: ``include=source_text`` (ReportFilterSet) annotates it."""
    return m.Report.objects.all()


def report_detail():
    """Reports with their text, agenda items (reading order) and statistics prefetched: three queries."""
    items = m.AgendaItem.objects.order_by("order", "id")
    statistics = with_span_text(m.Statistic.objects.order_by("char_start", "id"))
    return with_span_text(reports()).prefetch_related(
        Prefetch("agenda_items", queryset=items), Prefetch("statistics", queryset=statistics)
    )


def agenda_items():
    return m.AgendaItem.objects.all()


def indicators():
    counted = ~Q(statistics__review_status=m.Statistic.ReviewStatus.REJECTED)
    return m.Indicator.objects.annotate(statistics_count=Count("statistics", filter=counted))


def statistics():
    return with_span_text(m.Statistic.objects.all())


def series_statistics(indicator_code: str):
    """Statistics of one indicator that a series may use: not rejected, not per sub-unit."""
    return (
        m.Statistic.objects.filter(indicator_id=indicator_code, per_unit=False)
        .exclude(review_status=m.Statistic.ReviewStatus.REJECTED)
        .order_by("body__name", "body_id", "year", "report_id", "char_start", "id")
    )


def import_runs():
    return m.ImportRun.objects.all()


def attach_outline(report: m.Report) -> None:
    """Set ``report.outline`` (top-level items) and each item's ``outline_children`` from the prefetch."""
    items = list(report.agenda_items.all())
    by_id = {item.pk: item for item in items}
    for item in items:
        item.outline_children = []
    report.outline = []
    for item in items:
        parent = by_id.get(item.parent_id)
        (parent.outline_children if parent else report.outline).append(item)
