"""Read-only endpoints of /api/v1/: lists and details of every resource."""

from __future__ import annotations

from collections.abc import Mapping

from django.db.models import Count, Max
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.views import APIView

from . import examples, filters, querysets, serializers
from .conditional import ConditionalMixin
from .pagination import is_search
from .renderers import CSVRenderer, FastJSONRenderer
from .schema import FORMAT_PARAMETER
from .series import SERIES_FETCH, SeriesRows
from .statements import KeyedStatement, ListStatements, PageRows, Statement, request_key, totals_statement
from .statements import cache as statement_cache


def documented(tag: str, noun: str, plural: str, order: str, example=None):
    """extend_schema_view for a resource's list and detail operations."""
    list_examples = [example] if example else []
    return extend_schema_view(
        list=extend_schema(
            tags=[tag],
            summary=f"List {plural}",
            description=f"All {plural}, paginated and filterable. Default order: {order}.",
            parameters=[FORMAT_PARAMETER],
            examples=list_examples,
        ),
        retrieve=extend_schema(tags=[tag], summary=f"One {noun}", parameters=[FORMAT_PARAMETER]),
    )


class ReadOnlyViewSet(ConditionalMixin, viewsets.ReadOnlyModelViewSet):
    """A list and a detail endpoint, with CSV, conditional GET and Last-Modified."""

    renderer_classes = [FastJSONRenderer, CSVRenderer]
    modified_field = "updated_at"
    lookup_value_regex = r"\d+"
    known_count = None  # a list's row count, when list() has counted (the paginator then does not)
    # Lists page over plain rows (queryset.values) where the serializer can render them: building
    # a page's model instances (and decoding columns it never shows) was a fifth of a list request.
    rows_as_values = True
    # Non-search lists (and a report's children) reuse their compiled SQL (reports/api/statements.py).
    statement_cache = True

    def initial(self, request, *args, **kwargs):
        # DRF treats format= (empty) as absent; the schema allows only json or csv, like every typed parameter.
        if request.query_params.get("format") == "":
            raise ValidationError({"format": ["Must not be empty: json or csv, or leave the parameter out."]})
        super().initial(request, *args, **kwargs)

    def list(self, request, *args, **kwargs):
        if is_search(request):
            return self.search_list(request)
        caching = self.statement_cache and statement_cache.size()
        key = request_key(request, type(self), self.action, self.get_serializer_class(), self.rows_as_values)
        statements = statement_cache.get(key) if caching else None
        if statements is not None:  # compiled for an earlier request with these parameters
            totals = statements.totals_now()
            rows = PageRows(statements.page, totals["count"])
        else:
            queryset = self.filter_queryset(self.get_queryset())  # validates the parameters (a 400 is not stored)
            rows = self.rows(queryset)
            if caching and rows is not queryset:  # plain rows: compile both statements for later requests
                totals_sql, totals = totals_statement(queryset, self.modified_field)
                statements = ListStatements(totals=totals_sql, page=Statement.of(rows))
                statement_cache.put(key, statements)
                rows = PageRows(statements.page, totals["count"])
            else:
                # One query for the page count and Last-Modified (the paginator uses this count).
                totals = queryset.order_by().aggregate(count=Count("*"), newest=Max(self.modified_field))
        self.last_modified, self.known_count = totals["newest"], totals["count"]
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def search_list(self, request):
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(self.rows(queryset))
        # The newest of every match would cost a scan of all of them (seconds for a common word over
        # a million rows): a search's Last-Modified is the newest row it returns (the ETag covers the rest).
        self.last_modified = max((_value(row, self.modified_field) for row in page), default=None)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def rows(self, queryset):
        """The list's rows: mappings of only the columns the serializer shows, where it can render them."""
        serializer_class = self.get_serializer_class()
        if not (self.rows_as_values and hasattr(serializer_class, "value_columns")):
            return queryset
        columns = serializer_class.value_columns(queryset)
        if not columns:
            return queryset
        return queryset.values(*dict.fromkeys([*columns, self.modified_field]))

    def get_object(self):
        obj = super().get_object()
        self.last_modified = getattr(obj, self.modified_field, None)
        return obj


def _value(row, name: str):
    return row[name] if isinstance(row, Mapping) else getattr(row, name)


@documented("regions", "region", "regions", "code", examples.REGION)
class RegionViewSet(ReadOnlyViewSet):
    queryset = querysets.regions()
    serializer_class = serializers.RegionSerializer
    filterset_class = filters.RegionFilterSet
    lookup_value_regex = r"\d{6}"


@documented("bodies", "body", "bodies", "name, id", examples.BODY)
class BodyViewSet(ReadOnlyViewSet):
    queryset = querysets.bodies()
    serializer_class = serializers.BodySerializer
    filterset_class = filters.BodyFilterSet


@documented("sources", "source", "sources (without their texts)", "name", examples.SOURCE)
class SourceViewSet(ReadOnlyViewSet):
    queryset = querysets.sources()
    serializer_class = serializers.SourceSerializer
    filterset_class = filters.SourceFilterSet


@documented("reports", "report with its outline and statistics", "reports", "source name, char_start", examples.REPORT)
class ReportViewSet(ReadOnlyViewSet):
    serializer_class = serializers.ReportSerializer
    filterset_class = filters.ReportFilterSet

    def get_queryset(self):
        return querysets.report_detail() if self.action == "retrieve" else querysets.reports()

    def get_serializer_class(self):
        return serializers.ReportDetailSerializer if self.action == "retrieve" else self.serializer_class

    def get_object(self):
        report = super().get_object()
        if self.rows_as_values:
            # Plain rows of the columns shown: a report has hundreds of items and statistics, and
            # building their model instances was most of a detail request's own time (bench/findings.md).
            items, statistics = self.child_rows(report)
        else:
            items, statistics = querysets.report_items(report), querysets.report_statistics(report)
        querysets.attach_children(report, items, statistics)
        return report

    def child_rows(self, report):
        """The report's item and statistic rows, by statements compiled for an earlier report where the
        cache is on (their SQL is the same for every report but for its id: reports/api/statements.py)."""
        cached = self.statement_cache and statement_cache.size()
        key = (type(self), "children", serializers.OutlineNodeSerializer, serializers.StatisticSerializer)
        compiled = statement_cache.get(key) if cached else None
        if compiled is None:
            items = querysets.report_items(report).values(*serializers.OutlineNodeSerializer.row_columns())
            statistics = querysets.report_statistics(report)
            statistics = statistics.values(*serializers.StatisticSerializer.value_columns(statistics))
            if not cached:
                return items, statistics
            compiled = (KeyedStatement.of(items, report.pk), KeyedStatement.of(statistics, report.pk))
            if None in compiled:  # this report's id also stands elsewhere in the SQL: compile for the next one
                return items, statistics
            statement_cache.put(key, compiled)
        return compiled[0].rows_for(report.pk), compiled[1].rows_for(report.pk)


@documented("agenda-items", "agenda item", "agenda items", "report, order", examples.AGENDA_ITEM)
class AgendaItemViewSet(ReadOnlyViewSet):
    queryset = querysets.agenda_items()
    serializer_class = serializers.AgendaItemSerializer
    filterset_class = filters.AgendaItemFilterSet
    # A search whose word's pair is this rare reads every match's id and its page by them.
    # Where the two plans cross, on a million items (bench/findings.md): reading all of P
    # matches costs about 2.6 µs each, walking the page's order about 4.8 µs a row for
    # 50 × 1,000,000 / P rows, equal near P = 9,600.
    RARE_MATCHES = 9000

    def search_matches_at_most(self, word: str) -> int | None:
        """At most how many items a search of ``word`` matches, when cheaply known to be few
        (up to RARE_MATCHES); for the paginator (reports/api/pagination.py)."""
        return filters.rows_holding_rarest_pair(
            self.queryset.model, self.queryset.model.SEARCH_SOURCES, word, self.RARE_MATCHES, self.queryset.db
        )


@documented("statistics", "statistic", "statistics", "report, char_start", examples.STATISTIC)
class StatisticViewSet(ReadOnlyViewSet):
    queryset = querysets.statistics()
    serializer_class = serializers.StatisticSerializer
    filterset_class = filters.StatisticFilterSet


@documented("indicators", "indicator", "indicators", "code", examples.INDICATOR)
class IndicatorViewSet(ReadOnlyViewSet):
    serializer_class = serializers.IndicatorSerializer
    filterset_class = filters.IndicatorFilterSet
    lookup_field = "code"
    lookup_value_regex = r"[A-Za-z0-9_.-]+"

    def get_queryset(self):
        if self.action == "series":
            return querysets.series_statistics(self.kwargs.get("code", ""))
        return querysets.indicators()

    def get_filterset_class(self):
        return filters.SeriesFilterSet if self.action == "series" else self.filterset_class

    @extend_schema(
        tags=["indicators"],
        summary="An indicator's series by body and year",
        description="One row per body and year. Statistics marked `rejected` and per-sub-unit counts are left "
        "out. When the statistics behind a row disagree, `conflict` is true, `value` is null and every "
        "value is listed in `values`; nothing is summed or dropped.",
        parameters=[FORMAT_PARAMETER],
        responses=serializers.SeriesRowSerializer(many=True),
        examples=[examples.SERIES_ROW],
    )
    @action(detail=True, url_path="series", filterset_class=filters.SeriesFilterSet)
    def series(self, request, code=None):
        get_object_or_404(querysets.indicators(), code=code)
        statistics = self.filter_queryset(self.get_queryset())
        rows = SeriesRows(statistics.values_list(*SERIES_FETCH))
        self.last_modified = rows.newest  # the newest of every statistic behind the series (not only the page)
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(serializers.SeriesRowSerializer(page, many=True).data)


@documented("import-runs", "import run", "import runs", "newest first", examples.IMPORT_RUN)
class ImportRunViewSet(ReadOnlyViewSet):
    queryset = querysets.import_runs()
    serializer_class = serializers.ImportRunSerializer
    filterset_class = filters.ImportRunFilterSet
    modified_field = "started_at"


@extend_schema(exclude=True)
class NotFoundView(APIView):
    """Any path under /api/v1/ that matches no endpoint: a JSON 404."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        raise NotFound("No endpoint at this path. The list of endpoints is at /api/v1/.")
