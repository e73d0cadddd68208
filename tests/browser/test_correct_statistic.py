"""An editor, in a real browser, finds a statistic, corrects it, and the correction outlives a re-import."""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command

from reports.models import ImportConflict, Statistic
from tests import factories as f

pytestmark = pytest.mark.browser

TEXT = Path(__file__).resolve().parent.parent / "fixtures" / "texts" / "songyuan_npc_sc_2023.txt"
CHANGE_PAGE = re.compile(r"/admin/reports/statistic/(\d+)/change/(\?.*)?$")


def find_and_open(page, query: str, row_text: str) -> None:
    """Search the statistics list for ``query`` and open the row showing ``row_text``."""
    page.goto("/admin/reports/statistic/")
    page.fill("#searchbar", query)
    page.press("#searchbar", "Enter")
    page.wait_for_url("**q=*")
    row = page.locator("#result_list tbody tr", has_text=row_text).first
    row.locator("th a").click()
    page.wait_for_url(CHANGE_PAGE)


def correct_value(page, value: str) -> None:
    """Type ``value`` into the change form's value field and save."""
    page.fill("input[name=value]", value)
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")


def test_editor_corrects_a_statistic(page):
    report = f.make_report(body=f.make_body("某市人民代表大会常务委员会"))
    statistic = f.make_statistic(report, "召开常委会会议6次", "6", 6, indicator=f.make_indicator())

    find_and_open(page, "召开常委会", "召开常委会会议")
    assert page.inner_html(".rdapi-evidence mark") == "召开常委会会议6次"
    correct_value(page, "7")

    statistic.refresh_from_db()
    assert (statistic.value, statistic.edited_fields, statistic.review_status) == (Decimal(7), ["value"], "corrected")
    assert "corrected" in page.inner_text("#result_list").lower()
    page.goto(f"/admin/reports/statistic/{statistic.pk}/history/")
    assert "editor" in page.inner_text("#change-history")


def test_correction_survives_reimport_and_conflict_is_listed(page, tmp_path):
    call_command("import", str(TEXT))
    find_and_open(page, "召开常委会会议", "召开常委会会议")
    assert "召开常委会会议6次" in page.inner_text(".rdapi-evidence")
    assert "6" in page.inner_text(".rdapi-evidence mark")  # the span holds the number as written
    statistic_id = int(CHANGE_PAGE.search(page.url).group(1))
    correct_value(page, "7")

    # The same file, changed after the statistic (so the importer reads it again, offsets unchanged).
    changed = tmp_path / TEXT.name
    shutil.copyfile(TEXT, changed)
    with changed.open("a", encoding="utf-8") as out:
        out.write("（本报告附件另发）\n")
    call_command("import", str(changed))

    statistic = Statistic.objects.get(pk=statistic_id)
    assert statistic.value == Decimal(7) and "value" in statistic.edited_fields
    conflict = ImportConflict.objects.get(model="statistic", object_id=statistic_id, field="value")
    assert Decimal(conflict.editor_value) == 7 and Decimal(conflict.extracted_value) == 6

    page.goto(f"/admin/reports/importrun/{conflict.run_id}/change/")
    assert f"statistic {statistic_id}" in page.inner_text("#conflicts-group")
    page.goto(f"/admin/reports/statistic/{statistic_id}/change/")
    assert page.input_value("input[name=value]").rstrip("0").rstrip(".") == "7"
