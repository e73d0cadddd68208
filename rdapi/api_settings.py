"""Django REST framework and drf-spectacular settings for the public API.

Environment variables:

- ``API_THROTTLE_ANON``: request rate for anonymous clients, e.g. ``120/minute``
  (default). Empty or ``off`` switches throttling off.
- ``API_THROTTLE_USER``: the same for signed-in users (default ``600/minute``).
- ``API_STATEMENT_CACHE_SIZE``: how many lists' compiled SQL each process keeps
  (default 512; 0 compiles every request anew). See reports/api/statements.py.
"""

from .env import env_int, env_str


def _rate(name: str, default: str) -> str | None:
    """A DRF rate such as ``120/minute``; empty or ``off`` means no limit."""
    value = (env_str(name, default) or "").strip()
    return None if value.lower() in {"", "off", "none", "0"} else value


API_PAGE_SIZE = 50
API_MAX_PAGE_SIZE = 500
# Searches (q=) count at most this many matches; beyond it `count` is a lower bound (reports/api/pagination.py).
API_SEARCH_COUNT_CAP = 1_000
# Distinct list query strings whose compiled SQL a process keeps (reports/api/statements.py); 0: off.
API_STATEMENT_CACHE_SIZE = env_int("API_STATEMENT_CACHE_SIZE", 512)

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "reports.api.schema.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "reports.api.pagination.PageNumberPagination",
    "PAGE_SIZE": API_PAGE_SIZE,
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["reports.api.renderers.FastJSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_THROTTLE_CLASSES": ["reports.api.throttling.AnonThrottle", "reports.api.throttling.UserThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "anon": _rate("API_THROTTLE_ANON", "120/minute"),
        "user": _rate("API_THROTTLE_USER", "600/minute"),
    },
    "EXCEPTION_HANDLER": "reports.api.errors.exception_handler",
    "URL_FORMAT_OVERRIDE": "format",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "rdapi",
    "DESCRIPTION": (
        "Open data on the work reports of China's people's congress and CPPCC standing "
        "committees: bodies, reports, agenda items and statistics, each pinned to the "
        "exact characters of its source text.\n\n"
        "**Offsets.** `char_start`/`char_end` are Python-style code-point offsets into the "
        "raw text served at `/api/v1/sources/{id}/text`, so `text[char_start:char_end]` is "
        "exactly the passage (also served as `source_text`).\n\n"
        "**Lists** are paginated (`count`, `next`, `previous`, `results`); `page_size` goes "
        "up to 500 (more is a 400). Every list accepts `updated_since` (ISO 8601) and "
        "`ordering`, and `format=csv` for a flat CSV of the page.\n\n"
        '**Errors** are JSON: `{"error": {"status", "code", "detail", "fields"}}`.\n\n'
        "**Caching.** Responses carry `ETag` (and `Last-Modified` where known); send "
        "`If-None-Match` to get a 304.\n\n"
        "**Versioning.** `/api/v1/` only grows: fields and filters are added, never renamed "
        "or removed. A breaking change would be `/api/v2/`."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Operation ids without the version prefix: reports_list, statistics_retrieve, ...
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": False,
    "ENUM_NAME_OVERRIDES": {
        "PartEnum": "reports.models.PART_CHOICES",
        "QualifierEnum": "reports.models.QUALIFIER_CHOICES",
        "PeriodEnum": "reports.models.PERIOD_CHOICES",
        "RegionLevelEnum": "reports.models.Region.LEVELS",
        "BodyKindEnum": "reports.models.Body.KINDS",
        "BodyLevelEnum": "reports.models.Body.LEVELS",
        "ReportTypeEnum": "reports.models.Report.TYPES",
        "ReviewScopeEnum": "reports.models.Report.SCOPES",
        "IndicatorBodyKindEnum": "reports.models.Indicator.BODY_KINDS",
        "ReviewStatusEnum": "reports.models.Statistic.ReviewStatus",
        "ImportRunStatusEnum": "reports.models.ImportRun.Status",
    },
    "TAGS": [
        {"name": "regions", "description": "GB/T 2260 administrative divisions."},
        {"name": "bodies", "description": "Standing committees and other bodies that issue reports."},
        {"name": "sources", "description": "Imported text files; every offset points into one."},
        {"name": "reports", "description": "Work reports, plans, opinions and articles."},
        {"name": "agenda-items", "description": "Numbered sections and tasks of reports, as a tree."},
        {"name": "indicators", "description": "Comparable indicators (TAXONOMY.md) and their series."},
        {"name": "statistics", "description": "Counts found in reports, mapped to indicators."},
        {"name": "import-runs", "description": "What each run of the importer did."},
    ],
}
