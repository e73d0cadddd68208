"""Page-number pagination that refuses bad page sizes instead of clamping them.

Searches (``q=``) count at most ``API_SEARCH_COUNT_CAP`` matches (default
1,000; more when the requested page lies beyond them): counting every match
of a common word over a million rows takes seconds, the page itself
milliseconds. When there are more matches than were counted, ``count`` is that
lower bound and ``count_is_lower_bound`` is true (header
``X-Total-Count-Is-Lower-Bound: true``); ``next`` stays right either way.
"""

from django.conf import settings
from django.core.paginator import InvalidPage
from django.core.paginator import Paginator as DjangoPaginator
from django.db import models
from django.utils.functional import cached_property
from rest_framework import pagination
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from rdapi import api_settings

SEARCH_PARAM = "q"


def _max_page_size() -> int:
    return getattr(settings, "API_MAX_PAGE_SIZE", api_settings.API_MAX_PAGE_SIZE)


def _positive_int(request, name: str, maximum: int | None = None) -> int | None:
    """The query parameter ``name`` as an integer in 1..maximum, None when absent; else a 400."""
    values = request.query_params.getlist(name)
    if not values:
        return None
    if len(values) > 1:
        raise ValidationError({name: ["Give this parameter once."]})
    raw = values[0]
    try:
        value = int(raw)
    except ValueError:
        raise ValidationError({name: [f"{raw!r} is not a whole number."]}) from None
    if value < 1 or (maximum is not None and value > maximum):
        limit = f"1 to {maximum}" if maximum else "at least 1"
        raise ValidationError({name: [f"Must be {limit}; got {value}."]})
    return value


# Columns whose order here is the database's: whole numbers, decimals, times, booleans (not text,
# whose collations differ, nor floats, whose NaN PostgreSQL sorts last and Python nowhere).
_SORTABLE_HERE = (
    models.AutoField,
    models.IntegerField,
    models.DecimalField,
    models.DateTimeField,
    models.DateField,
    models.BooleanField,
)


def sort_keys(queryset) -> list[tuple[str, bool]] | None:
    """The queryset's order as ``(column, descending)`` pairs when its rows can be sorted in Python
    by those columns' values exactly as the database sorts them; else None."""
    opts = queryset.model._meta
    by_name = {}
    for field in opts.concrete_fields:
        by_name[field.attname] = field
        if not field.is_relation:  # a relation's name orders by the related model's ordering
            by_name[field.name] = field
    keys = []
    for term in queryset.query.order_by or opts.ordering:
        if not isinstance(term, str):
            return None
        name = term.removeprefix("-")
        field = opts.pk if name == "pk" else by_name.get(name)
        if field is None or field.null:
            return None
        if not isinstance(field.target_field if field.is_relation else field, _SORTABLE_HERE):
            return None
        keys.append((field.attname, term.startswith("-")))
    return keys


def sorted_ids(rows: list[tuple], keys: list[tuple[str, bool]]) -> list:
    """The ids (first item of each row) of ``rows`` ``(id, *key values)`` in the order ``keys`` give."""
    ordered = list(rows)
    for position in range(len(keys), 0, -1):  # stable sorts, least significant key first
        ordered.sort(key=lambda row: row[position], reverse=keys[position - 1][1])
    return [row[0] for row in ordered]


def search_count_cap() -> int:
    return getattr(settings, "API_SEARCH_COUNT_CAP", api_settings.API_SEARCH_COUNT_CAP)


def is_search(request) -> bool:
    """True when the request filters with a non-empty ``q`` (its count is capped)."""
    return bool(request.query_params.get(SEARCH_PARAM))


class CappedPaginator(DjangoPaginator):
    """A paginator whose count stops at ``cap + 1`` rows (one subquery with a LIMIT) when ``cap`` is set.

    ``count`` is then at most ``cap + 1``: enough for ``num_pages`` and ``has_next``
    to be right up to the cap; ``reported_count`` is the figure shown to clients.
    ``matches_at_most``, when the view knows it cheaply (a rare word: see
    ``AgendaItemViewSet.search_matches_at_most``), lets the count read every match's id.
    """

    cap: int | None = None
    matches_at_most: int | None = None
    # When a search has at most this many matches, their ids (read by the count) select the page.
    PAGE_BY_IDS_UP_TO = 1000

    @cached_property
    def count(self) -> int:
        if self.cap is None:
            return super().count
        # The ids (with the columns of the page's order, where rows can be sorted here), no ORDER BY:
        # PostgreSQL stops scanning after the LIMIT's matches.
        self._sort_keys = sort_keys(self.object_list)
        fetch = max(self.cap, self.matches_at_most or 0)
        columns = [column for column, _ in self._sort_keys or ()]
        self._match_rows = list(self.object_list.order_by().values_list("pk", *columns)[: fetch + 1])
        return min(len(self._match_rows), self.cap + 1)

    def page(self, number):
        """Django's page; for a search whose every match the count has seen, read by their ids.

        The planner cannot tell a rare word from a common one well (a word's frequency in
        long texts is a guess), and for an expected many it walks the index in the page's
        order until 50 rows match: over a million items, seconds for a word with a few hits
        or none, 0.1–0.2 s for one in a thousand rows. The ids make it a look-up: of the
        page's own rows when the count's rows could be sorted here, else of every match
        (and a sort of them).
        """
        if self.cap is None or not self._saw_every_match():
            return super().page(number)
        if self._sort_keys is None:
            self.object_list = self.object_list.filter(pk__in=[row[0] for row in self._match_rows])
            return super().page(number)
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:  # as Django's page(): the last page ends at the count
            top = self.count
        ordered = sorted_ids(self._match_rows, self._sort_keys)
        return self._get_page(self.object_list.filter(pk__in=ordered[bottom:top]), number, self)

    def _saw_every_match(self) -> bool:
        self.count  # noqa: B018 (reads the ids)
        limit = max(min(self.cap, self.PAGE_BY_IDS_UP_TO), self.matches_at_most or 0)
        return len(self._match_rows) <= limit

    @property
    def is_lower_bound(self) -> bool:
        return self.cap is not None and self.count > self.cap

    @property
    def reported_count(self) -> int:
        return self.cap if self.is_lower_bound else self.count


class PageNumberPagination(pagination.PageNumberPagination):
    """``?page=N&page_size=M`` with ``count``/``next``/``previous``/``results``; M up to 500."""

    page_size_query_param = "page_size"
    page_size_query_description = "Rows per page: 1 to 500 (default 50). Larger values are a 400, not clamped."
    page_query_description = "1-based page number. A page past the last one is a 404."

    @property
    def max_page_size(self) -> int:
        return _max_page_size()

    def get_page_size(self, request) -> int:
        """The requested page size, or the default; a 400 when it is not a whole number in range."""
        return _positive_int(request, self.page_size_query_param, self.max_page_size) or self.page_size

    def get_page_number(self, request, paginator):
        """The requested page; a 400 when it is not a positive whole number (``last`` is allowed)."""
        if request.query_params.get(self.page_query_param) in self.last_page_strings:
            return paginator.num_pages
        return _positive_int(request, self.page_query_param) or 1

    def paginate_queryset(self, queryset, request, view=None):
        """DRF's, with the count of searches capped (see the module docstring)."""
        self.request = request
        page_size = self.get_page_size(request)
        paginator = CappedPaginator(queryset, page_size)
        searching = is_search(request)
        known_count = getattr(view, "known_count", None)
        if known_count is not None and not searching:
            paginator.count = known_count  # counted by the view (with Last-Modified, in one query)
        if searching:
            paginator.cap = search_count_cap()  # page=last: the last page within the cap
            probe = getattr(view, "search_matches_at_most", None)
            paginator.matches_at_most = probe(request.query_params[SEARCH_PARAM]) if probe else None
        page_number = self.get_page_number(request, paginator)
        if searching and "count" not in paginator.__dict__:  # (page=last has counted already)
            # A page beyond the cap is still served: count far enough to know it (and whether one follows).
            paginator.cap = max(paginator.cap, page_number * page_size)
        try:
            self.page = paginator.page(page_number)
        except InvalidPage as exc:
            raise NotFound(self.invalid_page_message.format(page_number=page_number, message=str(exc))) from None
        return list(self.page)

    def get_paginated_response(self, data):
        """The page, with ``Link`` (RFC 8288) and ``X-Total-Count`` headers for CSV and other clients."""
        paginator = self.page.paginator
        body = {"count": paginator.reported_count}
        if paginator.cap is not None:
            body["count_is_lower_bound"] = paginator.is_lower_bound
        body.update(next=self.get_next_link(), previous=self.get_previous_link(), results=data)
        response = Response(body)
        links = [
            f'<{url}>; rel="{rel}"'
            for rel, url in (("next", self.get_next_link()), ("prev", self.get_previous_link()))
            if url
        ]
        if links:
            response["Link"] = ", ".join(links)
        response["X-Total-Count"] = str(paginator.reported_count)
        if paginator.is_lower_bound:
            response["X-Total-Count-Is-Lower-Bound"] = "true"
        return response

    def get_paginated_response_schema(self, schema):
        """DRF's envelope, plus ``count_is_lower_bound`` on searches."""
        envelope = super().get_paginated_response_schema(schema)
        envelope["properties"]["count"]["description"] = (
            "Number of matching rows. For a search (`q=`), counting stops after "
            f"{search_count_cap():,} matches (or the requested page, if further): see `count_is_lower_bound`."
        )
        envelope["properties"] = {
            "count": envelope["properties"].pop("count"),
            "count_is_lower_bound": {
                "type": "boolean",
                "example": False,
                "description": "Only on searches (`q=`): true when there are more matches than `count` "
                "(then `count` is a lower bound and the header `X-Total-Count-Is-Lower-Bound: true` is set).",
            },
            **envelope["properties"],
        }
        return envelope

    def get_schema_operation_parameters(self, view):
        """Document page and page_size as bounded integers."""
        params = super().get_schema_operation_parameters(view)
        for param in params:
            if param["name"] == self.page_size_query_param:
                param["schema"].update({"minimum": 1, "maximum": self.max_page_size, "default": self.page_size})
            elif param["name"] == self.page_query_param:
                param["schema"].update({"minimum": 1})
        return params
