"""An editor's corrections survive re-imports; conflicts are listed, rejected rows stay rejected."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command

from reports.models import ImportConflict, ImportRun, Report, Statistic

pytestmark = pytest.mark.django_db


def run_import(path):
    call_command("import", str(path), "--no-progress", stdout=io.StringIO(), stderr=io.StringIO())


def change_text(path, old, new):
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_corrected_value_is_kept_and_the_conflict_listed(texts):
    path = texts / "county_npc_2023.txt"
    run_import(path)
    stat = Statistic.objects.get(number_text="8", unit="次")
    stat.value = Decimal("9")
    stat.edited_fields = ["value"]  # what the admin records when an editor saves
    stat.save()
    change_text(path, "开展执法检查4次", "开展执法检查5次")  # forces a re-extraction
    run_import(path)
    stat.refresh_from_db()
    assert stat.value == Decimal("9")
    conflict = ImportConflict.objects.get(object_id=stat.pk)
    assert (conflict.model, conflict.field, conflict.editor_value, conflict.extracted_value) == (
        "statistic",
        "value",
        "9",
        "8",
    )
    assert conflict.run == ImportRun.objects.latest("id")


def test_untouched_records_keep_following_the_extractor(texts):
    path = texts / "county_npc_2023.txt"
    run_import(path)
    inspections = Statistic.objects.get(number_text="4", unit="次")
    change_text(path, "开展执法检查4次", "开展执法检查5次")
    run_import(path)
    assert not Statistic.objects.filter(pk=inspections.pk, number_text="4").exists()
    assert Statistic.objects.filter(number_text="5", unit="次", part="review").exists()
    assert not ImportConflict.objects.exists()


def test_rejected_statistic_is_not_recreated(texts):
    path = texts / "county_npc_2023.txt"
    run_import(path)
    stat = Statistic.objects.get(number_text="56")
    stat.review_status = Statistic.ReviewStatus.REJECTED
    stat.save()
    change_text(path, "开展执法检查4次", "开展执法检查5次")
    run_import(path)
    assert Statistic.objects.filter(number_text="56").count() == 1
    assert Statistic.objects.get(number_text="56").review_status == "rejected"


def test_edited_report_title_survives(texts):
    path = texts / "county_npc_2023.txt"
    run_import(path)
    report = Report.objects.get()
    report.title = "某某县人大常委会2023年工作报告（编辑修订）"
    report.edited_fields = ["title"]
    report.save()
    change_text(path, "开展执法检查4次", "开展执法检查5次")
    run_import(path)
    report.refresh_from_db()
    assert report.title.endswith("（编辑修订）")
    assert ImportConflict.objects.filter(model="report", field="title").count() == 1
