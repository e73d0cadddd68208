"""The bodies and regions admin: search, filters by kind, level and province, corrections recorded."""

import pytest
from django.urls import reverse

from reports.models import Body, Region

from .formdata import submit_change_form

LIST = reverse("admin:reports_body_changelist")


def names(response):
    return {row.name for row in response.context["cl"].result_list}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "白城"}, {"白城市人民代表大会常务委员会"}),
        ({"q": "政协"}, {"漯河市政协常务委员会"}),
        ({"q": "河南省漯河市"}, {"漯河市政协常务委员会"}),  # the region's full name
        ({"kind__exact": "npc_sc"}, {"白城市人民代表大会常务委员会"}),
        ({"level__exact": "prefecture"}, {"白城市人民代表大会常务委员会", "漯河市政协常务委员会"}),
        ({"province": "410000"}, {"漯河市政协常务委员会"}),
        ({"corrected": "yes"}, set()),
    ],
)
def test_search_and_filters(admin_client, corpus, params, expected):
    assert names(admin_client.get(LIST, params)) == expected


def test_list_links_reports_and_statistics(admin_client, corpus):
    html = admin_client.get(LIST).content.decode()
    statistics = reverse("admin:reports_statistic_changelist")
    assert f'<a href="{statistics}?body__id__exact={corpus.body.pk}">2</a>' in html
    assert reverse("admin:reports_region_change", args=["220800"]) in html


def test_renaming_a_body_records_the_field(admin_client, corpus):
    url = reverse("admin:reports_body_change", args=[corpus.body.pk])
    response = submit_change_form(admin_client, url, name="吉林省白城市人民代表大会常务委员会")
    assert response.status_code == 302
    body = Body.objects.get(pk=corpus.body.pk)
    assert body.name == "吉林省白城市人民代表大会常务委员会"
    assert body.edited_fields == ["name"]
    assert body.history.first().history_user.username == "editor"
    assert names(admin_client.get(LIST, {"corrected": "name"})) == {body.name}


def test_changing_the_region_records_the_model_field_name(admin_client, corpus):
    url = reverse("admin:reports_body_change", args=[corpus.other_body.pk])
    submit_change_form(admin_client, url, region="410000")
    assert Body.objects.get(pk=corpus.other_body.pk).edited_fields == ["region"]


def test_body_added_by_an_editor_is_all_editor_values(admin_client, db):
    data = {"name": "某区人大常委会", "kind": "npc_sc", "level": "district", "key": "npc_sc:-:某区", "_save": "Save"}
    response = admin_client.post(reverse("admin:reports_body_add"), data)
    assert response.status_code == 302
    body = Body.objects.get(name="某区人大常委会")
    assert body.key == "npc_sc:-:某区"
    assert set(body.edited_fields) >= {"name", "kind", "level", "key"}


def test_region_filter_by_province(admin_client, corpus):
    response = admin_client.get(reverse("admin:reports_region_changelist"), {"province": "220000"})
    assert {r.code for r in response.context["cl"].result_list} == {"220000", "220800"}
    assert Region.objects.count() == 4
