"""import_seeds on the real seeds: every row points at exactly the characters it came from."""

import io

import pytest
from django.core.management import call_command

from reports.models import AgendaItem, Body, Report, Source, Statistic
from tests.helpers import PROJECT_DIR

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    call_command("import_seeds", "--no-progress", stdout=io.StringIO(), stderr=io.StringIO())


def test_every_seed_imports_with_the_expected_reports(seeded):
    per_source = {s.name[:3]: s.report_set.count() for s in Source.objects.all()}
    assert per_source == {"000": 1, "001": 1, "002": 31, "003": 1, "004": 26}
    kinds = {r.body.kind for r in Report.objects.filter(source__name__startswith="002_").select_related("body")}
    assert kinds == {"npc_sc", "cppcc_sc"}
    # 30 cities, one of them with both bodies: 31 distinct bodies, none duplicated by spelling.
    assert Body.objects.filter(reports__source__name__startswith="002_").distinct().count() == 31


def test_every_span_is_the_passage_it_names(seeded):
    texts = dict(Source.objects.values_list("id", "text"))
    for report in Report.objects.all():
        passage = texts[report.source_id][report.char_start : report.char_end]
        assert passage and passage.strip() == passage
    items = {item.id: item for item in AgendaItem.objects.all()}
    for item in items.values():
        assert texts[item.source_id][item.char_start : item.char_end] == item.text
        if item.parent_id is not None:  # the tree: children inside their parents, keys as paths
            parent = items[item.parent_id]
            assert item.key.startswith(parent.key + "/")
            assert parent.char_start <= item.char_start and item.char_end <= parent.char_end
    assert sum(item.parent_id is not None for item in items.values()) > 500
    stats = list(Statistic.objects.all())
    assert len(stats) > 1000
    for stat in stats:
        assert stat.number_text in texts[stat.source_id][stat.char_start : stat.char_end]


def test_statistics_meet_the_quality_bar_on_gold(seeded):
    out = io.StringIO()
    call_command("evaluate_extraction", str(PROJECT_DIR / "tests" / "gold"), "--brief", stdout=out)
    overall = out.getvalue().strip().splitlines()[-1].split()
    precision, recall, code = float(overall[2]), float(overall[4]), float(overall[7])
    assert precision >= 0.95 and recall >= 0.95 and code >= 0.90, out.getvalue()


def test_reimporting_the_seeds_changes_nothing(seeded):
    before = (Report.objects.count(), AgendaItem.objects.count(), Statistic.objects.count())
    ids = list(Statistic.objects.order_by("id").values_list("id", flat=True)[:50])
    out = io.StringIO()
    call_command("import_seeds", "--no-progress", stdout=out, stderr=io.StringIO())
    assert out.getvalue().count(": unchanged") == 5
    assert (Report.objects.count(), AgendaItem.objects.count(), Statistic.objects.count()) == before
    assert list(Statistic.objects.order_by("id").values_list("id", flat=True)[:50]) == ids
