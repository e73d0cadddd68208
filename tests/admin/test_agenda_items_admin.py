"""The agenda items admin: search item texts, filter by part, see the path and the item in its source."""

import pytest
from django.urls import reverse

from reports.models import AgendaItem

from .formdata import submit_change_form

LIST = reverse("admin:reports_agendaitem_changelist")


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "依法履职"}, {"section"}),
        ({"q": "地方性法规"}, {"task"}),  # the item's text
        ({"part__exact": "review"}, {"section", "task"}),
        ({"part__exact": "plan"}, set()),
        ({"report__id__exact": "REPORT"}, {"section", "task"}),
        ({"province": "410000"}, set()),
    ],
)
def test_search_and_filters(admin_client, corpus, params, expected):
    params = {k: str(corpus.report.pk) if v == "REPORT" else v for k, v in params.items()}
    response = admin_client.get(LIST, params)
    assert {row.pk for row in response.context["cl"].result_list} == {getattr(corpus, n).pk for n in expected}


def test_change_form_shows_path_evidence_and_statistics(admin_client, corpus):
    html = admin_client.get(reverse("admin:reports_agendaitem_change", args=[corpus.task.pk])).content.decode()
    assert reverse("admin:reports_agendaitem_change", args=[corpus.section.pk]) in html  # the path
    assert "一年来，<mark>召开常委会会议6次，审议通过地方性法规3件</mark>，开展立法调研12项。" in html
    assert "召开常委会会议<mark>6</mark>次" in html  # its statistic, inline


def test_correcting_a_heading(admin_client, corpus):
    url = reverse("admin:reports_agendaitem_change", args=[corpus.task.pk])
    assert submit_change_form(admin_client, url, heading="会议与立法").status_code == 302
    item = AgendaItem.objects.get(pk=corpus.task.pk)
    assert (item.heading, item.edited_fields) == ("会议与立法", ["heading"])
    assert item.text == "召开常委会会议6次，审议通过地方性法规3件"  # deferred in lists, kept on save
