"""The querysets behind the API: each list is a constant number of queries."""

from __future__ import annotations

from django.db.models import Count, F, Q, Value
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
    """Reports with their text; ``attach_children`` adds the agenda items and statistics (two queries)."""
    return with_span_text(reports())


def report_items(report: m.Report):
    """The report's agenda items in reading order."""
    return m.AgendaItem.objects.filter(report=report).order_by("order", "id")


def report_statistics(report: m.Report):
    """The report's statistics in text order, each with its passage."""
    return with_span_text(m.Statistic.objects.filter(report=report).order_by("char_start", "id"))


def agenda_items():
    # The bigram codes (~1 KB a row) serve the search's WHERE only, never a response.
    return m.AgendaItem.objects.defer("search_bigrams_even", "search_bigrams_odd")


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


def attach_children(report: m.Report, items, statistics) -> None:
    """Set ``report.outline`` (the item tree) and ``report.statistic_rows`` from the two querysets.

    The rows may be model instances or ``values()`` mappings (which carry ``parent`` as an id).
    """
    report.statistic_rows = list(statistics)
    report.outline = outline(list(items))


def outline(items: list) -> list:
    """The top-level items, each (and each descendant) with ``outline_children`` in reading order."""
    children = {_get(item, "id"): [] for item in items}
    top = []
    for item in items:
        _set(item, "outline_children", children[_get(item, "id")])
        children.get(_get(item, "parent"), top).append(item)
    return top


def _get(item, name: str):
    """A column of a row: ``parent`` is the parent's id in a mapping, ``parent_id`` on an instance."""
    if isinstance(item, dict):
        return item[name]
    return getattr(item, "parent_id" if name == "parent" else name)


def _set(item, name: str, value) -> None:
    if isinstance(item, dict):
        item[name] = value
    else:
        setattr(item, name, value)
