"""Small builders for test rows. Each fills only what a test does not say."""

from __future__ import annotations

import hashlib
import itertools
from decimal import Decimal

from reports.models import AgendaItem, Body, Indicator, Region, Report, Source, Statistic

_counter = itertools.count(1)

SAMPLE_TEXT = (
    "某市人民代表大会常务委员会工作报告\n"
    "一、依法履职\n"
    "一年来，召开常委会会议6次，审议通过地方性法规3件，开展立法调研12项。\n"
    "二、2024年工作安排\n"
    "计划开展执法检查4次。\n"
)


def make_region(code="220800", name="白城市", level="prefecture", parent=None, full_name="") -> Region:
    return Region.objects.get_or_create(
        code=code, defaults={"name": name, "level": level, "parent": parent, "full_name": full_name or name}
    )[0]


def make_body(name=None, kind="npc_sc", level="prefecture", region=None, **extra) -> Body:
    n = next(_counter)
    name = name or f"测试{n}市人民代表大会常务委员会"
    key = extra.pop("key", f"{kind}:{region.code if region else '-'}:{name}")
    return Body.objects.create(key=key, name=name, kind=kind, level=level, region=region, **extra)


def make_source(text=SAMPLE_TEXT, name=None) -> Source:
    return Source.objects.create(
        name=name or f"test_{next(_counter):03d}.txt",
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        length=len(text),
        encoding="utf-8",
        text=text,
        extractor_version="test",
    )


def make_report(source=None, body=None, **fields) -> Report:
    source = source or make_source()
    defaults = {
        "key": f"r{next(_counter)}",
        "title": source.text.split("\n", 1)[0],
        "report_type": "work_report",
        "review_year": 2023,
        "plan_year": 2024,
        "char_start": 0,
        "char_end": len(source.text),
    }
    defaults.update(fields)
    return Report.objects.create(source=source, body=body, **defaults)


def make_item(report, passage: str, part="review", parent=None, **fields) -> AgendaItem:
    """An agenda item whose span is the first occurrence of ``passage`` in the report's source."""
    start = report.source.text.index(passage)
    defaults = {
        "key": f"{part}/{next(_counter)}",
        "number": "",
        "order": next(_counter),
        "heading": passage[:20],
        "text": passage,
    }
    defaults.update(fields)
    return AgendaItem.objects.create(
        report=report,
        source=report.source,
        parent=parent,
        part=part,
        char_start=start,
        char_end=start + len(passage),
        **defaults,
    )


def make_indicator(code="sc_meetings", name="召开常委会会议", unit="次", body_kind="npc_sc") -> Indicator:
    return Indicator.objects.get_or_create(code=code, defaults={"name": name, "unit": unit, "body_kind": body_kind})[0]


def make_statistic(report, clause: str, number_text: str, value, indicator=None, **fields) -> Statistic:
    """A statistic whose span is the first occurrence of ``clause`` in the report's source."""
    start = report.source.text.index(clause)
    defaults = {
        "key": f"stat:{next(_counter)}",
        "label": clause[:10],
        "value_max": None,
        "qualifier": "exact",
        "unit": "次",
        "period": "year",
        "part": "review",
        "year": report.review_year,
        "per_unit": False,
    }
    defaults.update(fields)
    return Statistic.objects.create(
        report=report,
        body=report.body,
        source=report.source,
        indicator=indicator,
        number_text=number_text,
        value=Decimal(str(value)),
        char_start=start,
        char_end=start + len(clause),
        **defaults,
    )
