"""Response examples shown in the OpenAPI schema and the docs pages."""

from drf_spectacular.utils import OpenApiExample

_TIME = "2026-01-31T08:00:00Z"

REGION = OpenApiExample(
    "A prefecture",
    value={
        "code": "220700",
        "name": "松原市",
        "full_name": "吉林省松原市",
        "level": "prefecture",
        "parent": "220000",
        "created_at": _TIME,
        "updated_at": _TIME,
    },
    response_only=True,
)

BODY = OpenApiExample(
    "A prefecture standing committee",
    value={
        "id": 12,
        "name": "松原市人民代表大会常务委员会",
        "kind": "npc_sc",
        "level": "prefecture",
        "region": "220700",
        "parent": None,
        "key": "npc_sc:220700",
        "created_at": _TIME,
        "updated_at": _TIME,
    },
    response_only=True,
)

SOURCE = OpenApiExample(
    "An imported file",
    value={
        "id": 3,
        "name": "002_7c4c3c7cf2127719.txt",
        "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "length": 41234,
        "encoding": "utf-8",
        "metadata": {"journal": "吉林人大"},
        "extractor_version": "1.0",
        "text_url": "https://rdapi.example/api/v1/sources/3/text",
        "created_at": _TIME,
        "updated_at": _TIME,
    },
    response_only=True,
)

REPORT = OpenApiExample(
    "A work report",
    value={
        "id": 7,
        "title": "松原市人民代表大会常务委员会工作报告",
        "report_type": "work_report",
        "body": 12,
        "term": 9,
        "review_year": 2023,
        "plan_year": 2024,
        "review_year_inferred": False,
        "plan_year_inferred": False,
        "review_scope": "one_year",
        "metadata": {},
        "key": "r1",
        "source": 3,
        "char_start": 0,
        "char_end": 17,
        "source_text": "松原市人民代表大会常务委员会工作报告",
        "created_at": _TIME,
        "updated_at": _TIME,
    },
    response_only=True,
)

AGENDA_ITEM = OpenApiExample(
    "A top-level section",
    value={
        "id": 40,
        "report": 7,
        "parent": None,
        "part": "review",
        "number": "一",
        "order": 1,
        "heading": "依法履职",
        "text": "一、依法履职",
        "body": None,
        "key": "review/1",
        "source": 3,
        "char_start": 18,
        "char_end": 24,
        "created_at": _TIME,
        "updated_at": _TIME,
    },
    response_only=True,
)

STATISTIC = OpenApiExample(
    "Meetings held",
    value={
        "id": 101,
        "report": 7,
        "body": 12,
        "agenda_item": 40,
        "indicator": "sc_meetings",
        "label": "召开常委会会议",
        "value": "6",
        "value_max": None,
        "qualifier": "exact",
        "unit": "次",
        "period": "year",
        "part": "review",
        "year": 2023,
        "per_unit": False,
        "number_text": "6",
        "review_status": "unreviewed",
        "key": "sc_meetings:1",
        "source": 3,
        "char_start": 29,
        "char_end": 38,
        "source_text": "召开常委会会议6次",
        "created_at": _TIME,
        "updated_at": _TIME,
    },
    response_only=True,
)

INDICATOR = OpenApiExample(
    "An indicator",
    value={
        "code": "sc_meetings",
        "name": "召开常委会会议",
        "name_en": "Standing committee sessions held",
        "unit": "次",
        "body_kind": "npc_sc",
        "description": "召开常委会会议N次",
        "statistics_count": 42,
        "updated_at": _TIME,
    },
    response_only=True,
)

SERIES_ROW = OpenApiExample(
    "Two reports disagree",
    value={
        "body": 12,
        "body_name": "松原市人民代表大会常务委员会",
        "body_kind": "npc_sc",
        "region": "220700",
        "year": 2023,
        "value": None,
        "value_max": None,
        "qualifier": None,
        "unit": None,
        "conflict": True,
        "values": [
            {"statistic": 101, "report": 7, "value": "6", "value_max": None, "qualifier": "exact", "unit": "次"},
            {"statistic": 188, "report": 7, "value": "7", "value_max": None, "qualifier": "exact", "unit": "次"},
        ],
        "statistics": [101, 188],
    },
    response_only=True,
)

IMPORT_RUN = OpenApiExample(
    "A finished run",
    value={
        "id": 2,
        "started_at": _TIME,
        "finished_at": "2026-01-31T08:00:41Z",
        "duration_seconds": 41.2,
        "command": "manage.py import_seeds",
        "extractor_version": "1.0",
        "status": "succeeded",
        "files_created": 5,
        "files_updated": 0,
        "files_unchanged": 0,
        "files_failed": 0,
        "rows_created": 2210,
        "rows_updated": 0,
        "rows_deleted": 0,
        "files": [],
        "warnings": [],
        "errors": [],
    },
    response_only=True,
)
