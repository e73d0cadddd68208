"""Page-number pagination that refuses bad page sizes instead of clamping them."""

from django.conf import settings
from rest_framework import pagination
from rest_framework.exceptions import ValidationError

from rdapi import api_settings


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

    def get_paginated_response(self, data):
        """The page, with ``Link`` (RFC 8288) and ``X-Total-Count`` headers for CSV and other clients."""
        response = super().get_paginated_response(data)
        links = [
            f'<{url}>; rel="{rel}"'
            for rel, url in (("next", self.get_next_link()), ("prev", self.get_previous_link()))
            if url
        ]
        if links:
            response["Link"] = ", ".join(links)
        response["X-Total-Count"] = str(self.page.paginator.count)
        return response

    def get_schema_operation_parameters(self, view):
        """Document page and page_size as bounded integers."""
        params = super().get_schema_operation_parameters(view)
        for param in params:
            if param["name"] == self.page_size_query_param:
                param["schema"].update({"minimum": 1, "maximum": self.max_page_size, "default": self.page_size})
            elif param["name"] == self.page_query_param:
                param["schema"].update({"minimum": 1})
        return params
