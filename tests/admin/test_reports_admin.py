"""The reports and sources admin: find a report, read its outline and statistics, correct it."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reports.models import Report

from .formdata import submit_change_form

LIST = reverse("admin:reports_report_changelist")


def listed(response):
    return {row.pk for row in response.context["cl"].result_list}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "人民代表大会"}, {"report"}),
        ({"q": "政协"}, {"other_report"}),
        ({"report_type__exact": "work_report"}, {"report", "other_report"}),
        ({"year": "2024"}, {"report"}),  # plan year
        ({"year": "2022"}, {"other_report"}),  # review year
        ({"year": "2023"}, {"report", "other_report"}),  # one reviews it, the other plans it
        ({"body__kind": "npc_sc"}, {"report"}),
        ({"province": "410000"}, {"other_report"}),
    ],
)
def test_search_and_filters(admin_client, corpus, params, expected):
    assert listed(admin_client.get(LIST, params)) == {getattr(corpus, name).pk for name in expected}


# The whole text as a selected column (a SUBSTR of it is fine).
WHOLE_TEXT = re.compile(r'(SELECT|,)\s*"reports_source"\."text"\s*(,|FROM)')


@pytest.mark.parametrize(
    "page",
    [
        ("report_changelist", None),
        ("source_changelist", None),
        ("statistic_changelist", None),
        ("agendaitem_changelist", None),
        ("report_change", "report"),
        ("statistic_change", "meetings"),
        ("agendaitem_change", "task"),
    ],
)
def test_pages_never_load_whole_source_texts(admin_client, corpus, page):
    """Sources run to 750,000 characters: lists and record pages cut what they show in SQL."""
    view, obj = page
    args = [getattr(corpus, obj).pk] if obj else []
    with CaptureQueriesContext(connection) as queries:
        assert admin_client.get(reverse(f"admin:reports_{view}", args=args)).status_code == 200
    sources = [q["sql"] for q in queries.captured_queries if "reports_source" in q["sql"]]
    assert sources
    assert not [sql for sql in sources if WHOLE_TEXT.search(sql)]


def test_change_form_shows_outline_indented_in_order(admin_client, corpus):
    html = admin_client.get(reverse("admin:reports_report_change", args=[corpus.report.pk])).content.decode()
    section = reverse("admin:reports_agendaitem_change", args=[corpus.section.pk])
    task = reverse("admin:reports_agendaitem_change", args=[corpus.task.pk])
    assert f'<li style="padding-left: 0em">[review] <a href="{section}">一 依法履职</a></li>' in html
    assert f'<li style="padding-left: 1.5em">[review] <a href="{task}">' in html
    assert html.index(section) < html.index(task)


def test_change_form_lists_statistics_with_evidence(admin_client, corpus):
    html = admin_client.get(reverse("admin:reports_report_change", args=[corpus.report.pk])).content.decode()
    assert "召开常委会会议<mark>6</mark>次" in html
    assert "审议通过地方性法规<mark>3</mark>件" in html
    assert reverse("admin:reports_statistic_change", args=[corpus.meetings.pk]) in html
    assert "提交提案" not in html  # the other report's statistic


def test_correcting_a_report_keeps_inline_statistics_untouched(admin_client, corpus):
    url = reverse("admin:reports_report_change", args=[corpus.report.pk])
    response = submit_change_form(admin_client, url, review_year="2022", term="9")
    assert response.status_code == 302, response.content.decode()[:3000]
    report = Report.objects.get(pk=corpus.report.pk)
    assert (report.review_year, report.term) == (2022, 9)
    assert report.edited_fields == ["term", "review_year"]
    assert report.statistics.count() == 2
    assert all(s.edited_fields == [] for s in report.statistics.all())


def test_sources_are_read_only(admin_client, corpus):
    url = reverse("admin:reports_source_change", args=[corpus.report.source.pk])
    assert admin_client.post(url, {"name": "x.txt"}).status_code == 403
    assert admin_client.get(reverse("admin:reports_source_add")).status_code == 403
