"""The import runs admin: counts, warnings, errors and conflicts, read-only."""

from django.urls import reverse

from reports.models import ImportConflict, ImportRun


def test_list_shows_counts(admin_client, corpus):
    response = admin_client.get(reverse("admin:reports_importrun_changelist"))
    html = response.content.decode()
    assert '<td class="field-n_conflicts">1</td>' in html
    assert '<td class="field-n_warnings">1</td>' in html
    assert '<td class="field-files_failed">1</td>' in html


def test_run_page_lists_warnings_errors_and_conflicts(admin_client, corpus):
    html = admin_client.get(reverse("admin:reports_importrun_change", args=[corpus.run.pk])).content.decode()
    assert "<td>年份&lt;推断&gt;</td>" in html  # escaped
    assert "<td>bad.bin</td>" in html and "<td>not text</td>" in html
    statistic = reverse("admin:reports_statistic_change", args=[corpus.meetings.pk])
    assert f'<a href="{statistic}">statistic {corpus.meetings.pk}</a>' in html
    assert "Save" not in html.split('id="importrun_form"')[1].split("</form>")[0]


def test_runs_and_conflicts_cannot_be_added_changed_or_deleted(admin_client, corpus):
    for model_name, obj in (("importrun", corpus.run), ("importconflict", corpus.conflict)):
        change = reverse(f"admin:reports_{model_name}_change", args=[obj.pk])
        assert admin_client.post(change, {"status": "succeeded", "field": "x"}).status_code == 403
        assert admin_client.get(reverse(f"admin:reports_{model_name}_add")).status_code == 403
        assert admin_client.post(reverse(f"admin:reports_{model_name}_add"), {}).status_code == 403
        assert admin_client.post(reverse(f"admin:reports_{model_name}_delete", args=[obj.pk])).status_code == 403
    assert ImportRun.objects.get().status == "partial"
    assert ImportConflict.objects.get().field == "value"


def test_conflicts_filter_by_field(admin_client, corpus):
    response = admin_client.get(reverse("admin:reports_importconflict_changelist"), {"field": "value"})
    assert [c.pk for c in response.context["cl"].result_list] == [corpus.conflict.pk]
