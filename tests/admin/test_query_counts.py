"""Changelists cost the same number of queries for 1 row as for 50: no N+1 on a large corpus."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reports.models import ImportConflict, ImportRun
from tests import factories as f

# Queries per changelist page, measured on SQLite and PostgreSQL alike: session and user, the filtered and
# the full count, the page of rows (related rows joined, counts as subqueries), then the filters' choices
# (indicators, distinct years, provinces present: two queries on small tables).
EXPECTED = {
    "region": 7,
    "body": 7,
    "source": 7,
    "report": 9,
    "agendaitem": 7,
    "indicator": 5,
    "statistic": 9,
    "importrun": 8,
    "importconflict": 7,
}


def build_rows(n: int) -> None:
    """``n`` of each record, every one with its own body, region, report, item, indicator and run."""
    f.make_region("220000", "吉林省", "province")
    for i in range(n):
        region = f.make_region(f"22{i + 1:02d}00", f"地区{i}", "prefecture", full_name=f"吉林省地区{i}")
        report = f.make_report(body=f.make_body(region=region))
        item = f.make_item(report, "一、依法履职", number="一")
        indicator = f.make_indicator(f"code_{i}", f"指标{i}")
        statistic = f.make_statistic(report, "召开常委会会议6次", "6", 6, indicator=indicator, agenda_item=item)
        run = ImportRun.objects.create(command="import", extractor_version="test", warnings=[{"code": "w"}])
        ImportConflict.objects.create(
            run=run, model="statistic", object_id=statistic.pk, field="value", editor_value="7", extracted_value="6"
        )


def changelist_queries(client, model_name: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(f"admin:reports_{model_name}_changelist"))
    assert response.status_code == 200
    return len(queries.captured_queries)


@pytest.mark.parametrize("model_name", EXPECTED)
def test_changelist_query_count_does_not_grow_with_rows(admin_client, model_name):
    build_rows(1)
    one = changelist_queries(admin_client, model_name)
    build_rows(49)
    fifty = changelist_queries(admin_client, model_name)
    assert (one, fifty) == (EXPECTED[model_name], EXPECTED[model_name])


def page_queries(client, url: str) -> int:
    client.get(url)  # warm Django's content-type cache, filled on the first page only
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


def grow_report(report, n: int) -> None:
    """Add ``n`` agenda items, each with one statistic, under the report's first item."""
    top = f.make_item(report, "一、依法履职", number="一")
    for _ in range(n):
        item = f.make_item(report, "召开常委会会议6次", parent=top)
        f.make_statistic(report, "召开常委会会议6次", "6", 6, indicator=f.make_indicator(), agenda_item=item)


def test_report_change_form_query_count_does_not_grow_with_outline_and_statistics(admin_client, db):
    report = f.make_report(body=f.make_body())
    url = reverse("admin:reports_report_change", args=[report.pk])
    grow_report(report, 1)
    one = page_queries(admin_client, url)
    grow_report(report, 49)
    # session, user, report (body and source joined, text deferred), statistics inline (passages cut in SQL),
    # the body autocomplete's choice, the outline.
    assert (one, page_queries(admin_client, url)) == (6, 6)
