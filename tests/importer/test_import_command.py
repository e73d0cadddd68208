"""`manage.py import`: good files import with exact spans, bad files fail alone and leave nothing."""

import io

import pytest
from django.core.management import CommandError, call_command

from reports.models import AgendaItem, ImportRun, Report, Source, Statistic
from tests.helpers import run_python

pytestmark = pytest.mark.django_db


def run_import(*paths):
    out, err = io.StringIO(), io.StringIO()
    call_command("import", *map(str, paths), "--no-progress", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def table_counts():
    return {m.__name__: m.objects.count() for m in (Source, Report, AgendaItem, Statistic)}


def test_county_report_imports_with_spans_that_index_the_raw_text(texts):
    run_import(texts / "county_npc_2023.txt")
    source = Source.objects.get(name="county_npc_2023.txt")
    report = Report.objects.get(source=source)
    assert report.title == "某某县人民代表大会常务委员会工作报告"
    assert report.report_type == "work_report"
    assert report.body.kind == "npc_sc" and report.body.level == "county"
    assert (report.term, report.review_year, report.plan_year) == (18, 2023, 2024)
    assert source.text[report.char_start : report.char_end].startswith(report.title)
    items = list(report.agenda_items.all())
    # review and plan parts, then the closing appeal ("各位代表，…") as an "other" part
    assert [i.part for i in items if i.parent_id is None] == ["review", "plan", "other"]
    for item in items:
        assert source.text[item.char_start : item.char_end] == item.text
    stats = {(s.number_text, s.unit): s for s in report.statistics.all()}
    assert stats[("8", "次")].indicator_id == "sc_meetings"
    assert stats[("56", "人次")].indicator_id == "appointments"
    assert stats[("100%", "%")].indicator_id == "suggestion_resolution_rate"
    assert stats[("3", "次")].part == "plan" and stats[("3", "次")].year == 2024
    for stat in stats.values():
        assert stat.number_text in source.text[stat.char_start : stat.char_end]


def test_reimporting_an_unchanged_file_changes_nothing(texts):
    run_import(texts / "county_npc_2023.txt")
    before = table_counts()
    ids = sorted(Statistic.objects.values_list("id", flat=True))
    out, _ = run_import(texts / "county_npc_2023.txt")
    assert "county_npc_2023.txt: unchanged" in out
    assert table_counts() == before
    assert sorted(Statistic.objects.values_list("id", flat=True)) == ids
    assert ImportRun.objects.latest("id").files_unchanged == 1


def test_a_changed_file_updates_in_place_keeping_ids(texts):
    path = texts / "county_npc_2023.txt"
    run_import(path)
    report_id = Report.objects.get().id
    meetings = Statistic.objects.get(number_text="8", unit="次")
    path.write_text(path.read_text(encoding="utf-8").replace("主任会议12次", "主任会议13次"), encoding="utf-8")
    out, _ = run_import(path)
    assert "updated" in out
    assert Report.objects.get().id == report_id
    assert Statistic.objects.get(pk=meetings.pk).value == 8
    assert Statistic.objects.filter(number_text="13").count() == 1
    assert not Statistic.objects.filter(number_text="12", unit="次", label__contains="主任").exists()


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n ", "empty file"),
        ("picture.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "not a text file"),
        ("undecodable.txt", None, "undecodable"),
        ("english.txt", b"just a line of English text, no report here.\n", "no recognisable report"),
    ],
)
def test_a_bad_file_fails_alone_and_leaves_nothing(texts, name, content, reason):
    bad = texts / name
    if content is not None:
        bad.write_bytes(content)
    good = texts / "county_npc_2023.txt"
    with pytest.raises(CommandError, match="1 of 2 files failed"):
        out, err = io.StringIO(), io.StringIO()
        try:
            call_command("import", str(bad), str(good), "--no-progress", stdout=out, stderr=err)
        finally:
            assert f"{bad}: {reason}" in err.getvalue()
    assert not Source.objects.filter(name=name).exists()
    assert Source.objects.filter(name="county_npc_2023.txt").exists()
    run = ImportRun.objects.latest("id")
    assert (run.status, run.files_failed, run.files_created) == ("partial", 1, 1)
    assert run.errors[0]["path"] == str(bad)


def test_missing_path_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="no such file or folder"):
        run_import(tmp_path / "nope.txt")


def test_gb18030_and_bom_files_decode_and_offsets_are_code_points(texts):
    run_import(texts / "county_npc_2023_gbk.txt", texts / "county_npc_2023_bom.txt")
    gbk = Source.objects.get(name="county_npc_2023_gbk.txt")
    bom = Source.objects.get(name="county_npc_2023_bom.txt")
    assert gbk.encoding == "gb18030" and bom.encoding == "utf-8-sig"
    assert not bom.text.startswith("\ufeff")
    for source in (gbk, bom):
        report = source.report_set.get()
        assert source.text[report.char_start : report.char_end].startswith(report.title)
        for stat in Statistic.objects.filter(source=source):
            assert stat.number_text in source.text[stat.char_start : stat.char_end]


def test_a_folder_imports_every_file_and_reports_the_bad_ones(texts):
    with pytest.raises(CommandError, match="3 of 6 files failed"):
        run_import(texts)
    assert Source.objects.count() == 3


def test_the_command_does_not_load_the_api_to_start(tmp_path, texts):
    """Its system checks are the models' only: the URL checks import every view and the schema
    generator, a third of a second before the first file is read, and an import serves no URL."""
    folder = tmp_path / "one"
    folder.mkdir()
    (folder / "county.txt").write_bytes((texts / "county_npc_2023.txt").read_bytes())
    code = (
        "import sys; from django.core.management import call_command, execute_from_command_line as run; "
        "call_command('migrate', verbosity=0); "  # without checks: migrate's own would load the URLs
        f"run(['manage.py', 'import', {str(folder)!r}, '--no-progress']); "
        "print(sorted(name for name in ('rdapi.urls', 'drf_spectacular.views') if name in sys.modules))"
    )
    database = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    result = run_python(
        "import os; os.environ['DJANGO_SETTINGS_MODULE'] = 'rdapi.settings'; import django; django.setup(); " + code,
        SECRET_KEY="x" * 50,
        DATABASE_URL=database,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "county.txt" in result.stdout and result.stdout.strip().endswith("[]"), result.stdout[-500:]


def test_with_workers_the_storing_process_never_loads_the_extractors(tmp_path, texts):
    """The workers extract; loading the extractors here too was 0.08 s of the command's start,
    before it hands the workers their first files."""
    folder = tmp_path / "two"
    folder.mkdir()
    for name in ("county_npc_2023.txt", "county_npc_2023_gbk.txt"):
        (folder / name).write_bytes((texts / name).read_bytes())
    code = (
        "import sys; from django.core.management import call_command; "
        "call_command('migrate', verbosity=0); "
        f"call_command('import', {str(folder)!r}, '--no-progress', '--workers', '1'); "
        "print('pipeline loaded:', 'reports.extraction.pipeline' in sys.modules)"
    )
    result = run_python(
        "import os; os.environ['DJANGO_SETTINGS_MODULE'] = 'rdapi.settings'; import django; django.setup(); " + code,
        SECRET_KEY="x" * 50,
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "county_npc_2023.txt: created" in result.stdout, result.stdout[-500:]
    assert result.stdout.strip().endswith("pipeline loaded: False"), result.stdout[-500:]
