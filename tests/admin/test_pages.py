"""Every changelist, change form, add form and history page of the admin renders for an editor."""

import pytest
from django.urls import reverse

from reports.models import Region

MODELS = ["region", "body", "source", "report", "agendaitem", "indicator", "statistic", "importrun", "importconflict"]
HISTORY_MODELS = ["body", "report", "agendaitem", "statistic"]


def any_row(corpus, model_name):
    """A row of ``model_name`` from the corpus."""
    return {
        "region": Region.objects.get(code="220800"),
        "body": corpus.body,
        "source": corpus.report.source,
        "report": corpus.report,
        "agendaitem": corpus.task,
        "indicator": corpus.meetings.indicator,
        "statistic": corpus.meetings,
        "importrun": corpus.run,
        "importconflict": corpus.conflict,
    }[model_name]


@pytest.mark.parametrize("model_name", MODELS)
def test_changelist_renders(admin_client, corpus, model_name):
    response = admin_client.get(reverse(f"admin:reports_{model_name}_changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_count >= 1


@pytest.mark.parametrize("model_name", MODELS)
def test_change_form_renders(admin_client, corpus, model_name):
    obj = any_row(corpus, model_name)
    response = admin_client.get(reverse(f"admin:reports_{model_name}_change", args=[obj.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("model_name", HISTORY_MODELS)
def test_history_renders(admin_client, corpus, model_name):
    obj = any_row(corpus, model_name)
    response = admin_client.get(reverse(f"admin:reports_{model_name}_history", args=[obj.pk]))
    assert response.status_code == 200
    assert "simple_history" in " ".join(t.name for t in response.templates if t.name)


@pytest.mark.parametrize("model_name", ["body", "report", "agendaitem", "statistic", "indicator", "region"])
def test_add_form_renders(admin_client, db, model_name):
    assert admin_client.get(reverse(f"admin:reports_{model_name}_add")).status_code == 200


def test_index_lists_every_area(admin_client, db):
    response = admin_client.get(reverse("admin:index"))
    assert response.status_code == 200
    for model_name in MODELS:
        assert reverse(f"admin:reports_{model_name}_changelist") in response.content.decode()


def test_anonymous_is_sent_to_login(client, corpus):
    response = client.get(reverse("admin:reports_statistic_changelist"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.parametrize(
    ("model_name", "api_path"),
    [("body", "bodies"), ("report", "reports"), ("agendaitem", "agenda-items"), ("statistic", "statistics")],
)
def test_change_form_links_the_record_in_the_api(admin_client, corpus, model_name, api_path):
    obj = any_row(corpus, model_name)
    html = admin_client.get(reverse(f"admin:reports_{model_name}_change", args=[obj.pk])).content.decode()
    assert f'<a href="/api/v1/{api_path}/{obj.pk}/">' in html
