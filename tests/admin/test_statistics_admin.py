"""The statistics admin: find, check against evidence, verify/reject in bulk, correct with history."""

from decimal import Decimal

import pytest
from django.urls import reverse

from reports.models import Statistic

from .formdata import submit_change_form

LIST = reverse("admin:reports_statistic_changelist")


def listed(response):
    return {row.pk for row in response.context["cl"].result_list}


def change_url(obj):
    return reverse("admin:reports_statistic_change", args=[obj.pk])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("召开常委会", {"meetings"}),
        ("提案", {"proposals"}),
        ("地方性法规", {"laws"}),
        ("白城市", {"meetings", "laws"}),  # the body's name
        ("常务委员会工作报告", {"meetings", "laws", "proposals"}),  # report titles
        ("laws_passed", {"laws"}),  # indicator code
        ("不存在的词", set()),
    ],
)
def test_search_in_chinese(admin_client, corpus, query, expected):
    response = admin_client.get(LIST, {"q": query})
    assert listed(response) == {getattr(corpus, name).pk for name in expected}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"indicator__code__exact": "sc_meetings"}, {"meetings"}),
        ({"body__kind": "cppcc_sc"}, {"proposals"}),
        ({"province": "220000"}, {"meetings", "laws"}),
        ({"province": "410000"}, {"proposals"}),
        ({"year__exact": "2022"}, {"proposals"}),
        ({"review_status__exact": "unreviewed"}, {"meetings", "laws", "proposals"}),
        ({"review_status__exact": "rejected"}, set()),
        ({"report__report_type": "work_report"}, {"meetings", "laws", "proposals"}),
        ({"part__exact": "review"}, {"meetings", "laws", "proposals"}),
        ({"period__exact": "term"}, set()),
        ({"qualifier__exact": "exact"}, {"meetings", "laws", "proposals"}),
    ],
)
def test_filters(admin_client, corpus, params, expected):
    response = admin_client.get(LIST, params)
    assert listed(response) == {getattr(corpus, name).pk for name in expected}


def test_province_filter_offers_provinces_present(admin_client, corpus):
    response = admin_client.get(LIST)
    spec = next(s for s in response.context["cl"].filter_specs if getattr(s, "parameter_name", "") == "province")
    assert list(spec.lookup_choices) == [("220000", "吉林省"), ("410000", "河南省")]


def test_list_shows_marked_passage_and_links(admin_client, corpus):
    html = admin_client.get(LIST).content.decode()
    assert "召开常委会会议<mark>6</mark>次" in html
    assert reverse("admin:reports_report_change", args=[corpus.report.pk]) in html


def test_verify_action_verifies_selected_rows_only(admin_client, corpus):
    corpus.laws.review_status = "corrected"
    corpus.laws.save()
    selected = [corpus.meetings.pk, corpus.laws.pk]
    response = admin_client.post(LIST, {"action": "verify", "_selected_action": selected}, follow=True)
    assert response.status_code == 200
    status = dict(Statistic.objects.values_list("pk", "review_status"))
    assert status == {corpus.meetings.pk: "verified", corpus.laws.pk: "corrected", corpus.proposals.pk: "unreviewed"}
    assert corpus.meetings.history.first().history_user.username == "editor"


def test_reject_action_rejects_and_records_history(admin_client, corpus):
    admin_client.post(LIST, {"action": "reject", "_selected_action": [corpus.proposals.pk]})
    corpus.proposals.refresh_from_db()
    assert corpus.proposals.review_status == "rejected"
    latest = corpus.proposals.history.first()
    assert latest.review_status == "rejected" and latest.history_change_reason == "admin action: rejected"
    assert admin_client.get(LIST, {"review_status__exact": "rejected"}).context["cl"].result_count == 1


def test_mark_unreviewed_action(admin_client, corpus):
    Statistic.objects.update(review_status="verified")
    admin_client.post(LIST, {"action": "mark_unreviewed", "_selected_action": [corpus.laws.pk]})
    assert set(Statistic.objects.filter(review_status="unreviewed").values_list("pk", flat=True)) == {corpus.laws.pk}


def test_correcting_a_value_records_edited_fields_status_and_history(admin_client, corpus):
    response = submit_change_form(admin_client, change_url(corpus.meetings), value="7", number_text="7")
    assert response.status_code == 302, response.content.decode()[:2000]
    corpus.meetings.refresh_from_db()
    assert corpus.meetings.value == Decimal("7")
    assert corpus.meetings.edited_fields == ["value", "number_text"]
    assert corpus.meetings.review_status == "corrected"
    history = list(corpus.meetings.history.all())
    assert history[0].value == Decimal("7") and history[0].history_user.username == "editor"
    assert history[1].value == Decimal("6")


def test_later_corrections_add_to_edited_fields(admin_client, corpus):
    submit_change_form(admin_client, change_url(corpus.meetings), value="7")
    submit_change_form(admin_client, change_url(corpus.meetings), unit="场", value="7")
    corpus.meetings.refresh_from_db()
    assert corpus.meetings.edited_fields == ["value", "unit"]


def test_status_chosen_by_the_editor_wins(admin_client, corpus):
    submit_change_form(admin_client, change_url(corpus.meetings), value="7", review_status="verified")
    corpus.meetings.refresh_from_db()
    assert (corpus.meetings.review_status, corpus.meetings.edited_fields) == ("verified", ["value"])


def test_rejecting_in_the_form_is_not_a_correction(admin_client, corpus):
    submit_change_form(admin_client, change_url(corpus.laws), review_status="rejected")
    corpus.laws.refresh_from_db()
    assert (corpus.laws.review_status, corpus.laws.edited_fields) == ("rejected", [])


def test_saving_unchanged_records_nothing(admin_client, corpus):
    submit_change_form(admin_client, change_url(corpus.laws))
    corpus.laws.refresh_from_db()
    assert (corpus.laws.review_status, corpus.laws.edited_fields) == ("unreviewed", [])


def test_change_form_shows_evidence_in_context(admin_client, corpus):
    html = admin_client.get(change_url(corpus.meetings)).content.decode()
    assert "一年来，<mark>召开常委会会议6次</mark>，审议通过地方性法规3件" in html
    assert f'href="/api/v1/statistics/{corpus.meetings.pk}/"' in html
    for obj in (corpus.report, corpus.body, corpus.task):
        assert reverse(f"admin:reports_{obj._meta.model_name}_change", args=[obj.pk]) in html


def test_corrected_filter(admin_client, corpus):
    submit_change_form(admin_client, change_url(corpus.meetings), value="7")
    submit_change_form(admin_client, change_url(corpus.laws), unit="部")
    assert listed(admin_client.get(LIST, {"corrected": "yes"})) == {corpus.meetings.pk, corpus.laws.pk}
    assert listed(admin_client.get(LIST, {"corrected": "no"})) == {corpus.proposals.pk}
    assert listed(admin_client.get(LIST, {"corrected": "unit"})) == {corpus.laws.pk}
    html = admin_client.get(LIST, {"corrected": "value"}).content.decode()
    assert '<td class="field-corrected_fields">value</td>' in html


def test_revert_from_history_restores_imported_value(admin_client, corpus):
    submit_change_form(admin_client, change_url(corpus.meetings), value="7")
    original = corpus.meetings.history.last()
    url = reverse("admin:reports_statistic_simple_history", args=[corpus.meetings.pk, original.history_id])
    response = submit_change_form(admin_client, url)
    assert response.status_code == 302
    corpus.meetings.refresh_from_db()
    assert (corpus.meetings.value, corpus.meetings.edited_fields) == (Decimal("6"), [])


def test_adding_a_missed_statistic_by_hand(admin_client, corpus):
    """An editor adds a count the importer missed: all its fields are the editor's, and it is corrected."""
    text = corpus.report.source.text
    start = text.index("开展立法调研12项")
    data = {
        "report": corpus.report.pk,
        "source": corpus.report.source.pk,
        "key": "editor:1",
        "body": corpus.body.pk,
        "indicator": "",
        "label": "开展立法调研",
        "value": "12",
        "qualifier": "exact",
        "unit": "项",
        "number_text": "12",
        "period": "year",
        "part": "review",
        "year": "2023",
        "char_start": start,
        "char_end": start + len("开展立法调研12项"),
        "review_status": "unreviewed",
        "_save": "Save",
    }
    response = admin_client.post(reverse("admin:reports_statistic_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    added = Statistic.objects.get(key="editor:1")
    assert {"report", "source", "key", "value", "label", "char_start"} <= set(added.edited_fields)
    assert added.review_status == "corrected"
    assert "<mark>开展立法调研12项</mark>" in admin_client.get(change_url(added)).content.decode()
