"""Fixtures for the admin tests: a logged-in editor and a small corpus built with tests/factories.py."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model

from reports.models import AgendaItem, Body, ImportConflict, ImportRun, Report, Statistic
from tests import factories as f

# A second text whose spans and search terms differ from factories.SAMPLE_TEXT.
OTHER_TEXT = "某县政协常务委员会工作报告\n一、协商议政\n组织专题协商会议3次，提交提案150件。\n"


@dataclass
class Corpus:
    """The rows tests look at: two bodies in two provinces, their reports, items and statistics."""

    body: Body
    other_body: Body
    report: Report
    other_report: Report
    section: AgendaItem
    task: AgendaItem
    meetings: Statistic
    laws: Statistic
    proposals: Statistic
    run: ImportRun
    conflict: ImportConflict


@pytest.fixture(autouse=True)
def admin_test_settings(settings):
    """Admin pages name static files and tests run without ``collectstatic``: skip the manifest.
    A fast password hasher keeps creating the editor cheap."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("editor", "editor@example.org", "pw-editor-123")


@pytest.fixture
def admin_client(client, editor):
    """A client logged in as an editor (named like pytest-django's fixture, which it replaces here)."""
    client.force_login(editor)
    return client


@pytest.fixture
def corpus(db) -> Corpus:
    jilin = f.make_region("220000", "吉林省", "province")
    baicheng = f.make_region("220800", "白城市", "prefecture", parent=jilin, full_name="吉林省白城市")
    henan = f.make_region("410000", "河南省", "province")
    county = f.make_region("411100", "漯河市", "prefecture", parent=henan, full_name="河南省漯河市")
    body = f.make_body("白城市人民代表大会常务委员会", region=baicheng)
    other_body = f.make_body("漯河市政协常务委员会", kind="cppcc_sc", region=county)
    report = f.make_report(body=body)
    other_report = f.make_report(source=f.make_source(OTHER_TEXT), body=other_body, review_year=2022, plan_year=2023)
    section = f.make_item(report, "一、依法履职", number="一", heading="依法履职", order=1, key="review/1")
    task = f.make_item(
        report, "召开常委会会议6次，审议通过地方性法规3件", parent=section, number="", order=2, key="review/1/1"
    )
    meetings = f.make_statistic(
        report, "召开常委会会议6次", "6", 6, indicator=f.make_indicator(), agenda_item=task, label="召开常委会会议"
    )
    laws = f.make_statistic(
        report,
        "审议通过地方性法规3件",
        "3",
        3,
        indicator=f.make_indicator("laws_passed", "通过地方性法规", "件"),
        unit="件",
        label="审议通过地方性法规",
    )
    proposals = f.make_statistic(other_report, "提交提案150件", "150", 150, unit="件", label="提交提案", part="review")
    run = ImportRun.objects.create(
        command="manage.py import seeds",
        extractor_version="test",
        status="partial",
        files_failed=1,
        warnings=[{"path": "a.txt", "code": "year_inferred", "message": "年份<推断>", "position": 3}],
        errors=[{"path": "bad.bin", "reason": "not text"}],
    )
    conflict = ImportConflict.objects.create(
        run=run, model="statistic", object_id=meetings.pk, field="value", editor_value="7", extracted_value="6"
    )
    return Corpus(body, other_body, report, other_report, section, task, meetings, laws, proposals, run, conflict)
