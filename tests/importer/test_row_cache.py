"""The run's cache of shared rows (bodies, regions): fewer look-ups, never a rolled-back row."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from reports import importing
from reports.extraction.divisions import division_chain
from reports.extraction.records import BodyRecord
from reports.importer import Importer
from reports.importing import RowCache, ensure_body, ensure_region
from reports.models import Body, Region, Report

pytestmark = pytest.mark.django_db

# 常熟市 (a county-level city of 苏州市, 江苏省): any real code would do.
COUNTY = "320581"
NPC = BodyRecord("常熟市人民代表大会常务委员会", "npc_sc", "county", COUNTY)
CPPCC = BodyRecord("政协常熟市委员会", "cppcc_sc", "county", COUNTY)


def region_queries(queries) -> int:
    return sum('"reports_region"' in q["sql"] for q in queries)


def test_a_new_region_is_created_with_its_parents_and_then_served_from_the_cache():
    cache: dict = {}
    region = ensure_region(COUNTY, cache)
    assert [r.code for r in (region, region.parent, region.parent.parent)] == [COUNTY, "320500", "320000"]
    assert region.parent.parent.parent is None
    with CaptureQueriesContext(connection) as queries:
        again = ensure_region(COUNTY, cache)
    assert again.pk == region.pk and len(queries) == 0


def test_bodies_sharing_a_region_look_it_up_once():
    cache = RowCache()
    with CaptureQueriesContext(connection) as first:
        npc = ensure_body(NPC, cache)
    with CaptureQueriesContext(connection) as second:
        cppcc = ensure_body(CPPCC, cache)
    assert npc.region_id == cppcc.region_id == COUNTY
    assert region_queries(first) > 0
    assert region_queries(second) == 0


def test_a_stored_body_costs_one_query_and_no_region_look_up():
    stored = ensure_body(NPC, RowCache())
    with CaptureQueriesContext(connection) as queries:
        found = ensure_body(NPC, RowCache())
    assert found.pk == stored.pk
    assert len(queries) == 1 and region_queries(queries) == 0


def test_an_unknown_region_code_gives_a_body_without_region():
    body = ensure_body(BodyRecord("某县人大常委会", "npc_sc", "county", "999999"), RowCache())
    assert body.region is None and not Region.objects.filter(code="999999").exists()


def store_failing_for(file_name: str):
    """``store_document`` that stores the file called ``file_name`` and then fails, as the database might."""
    store = importing.store_document

    def failing(name, *args, **kwargs):
        source = store(name, *args, **kwargs)
        if name == file_name:
            raise IntegrityError("simulated")
        return source

    return failing


def test_a_file_rolled_back_after_creating_rows_leaves_none_in_the_cache(texts, monkeypatch):
    """The first file creates the body and its regions, then fails: the next file of the same
    body must create them again, not point at the rolled-back rows."""
    original = (texts / "county_npc_2023.txt").read_text(encoding="utf-8").replace("某某县", "常熟市")
    first, second = texts / "a.txt", texts / "b.txt"
    first.write_text(original, encoding="utf-8")
    second.write_text(original + "\n（另一份）\n", encoding="utf-8")
    monkeypatch.setattr("reports.importer.store_document", store_failing_for(first.name))
    seen = []
    Importer("test", on_outcome=seen.append, workers=0).run([first, second])
    assert [o.status for o in seen] == ["failed", "created"]
    report = Report.objects.get(source__name=second.name)
    assert report.body is not None and Body.objects.filter(pk=report.body_id).exists()
    assert report.body.region_id == COUNTY and Region.objects.filter(pk=COUNTY).exists()


def test_a_chain_worked_out_ahead_creates_the_missing_regions_in_one_insert_and_keeps_stored_ones():
    chain = division_chain(COUNTY)
    province = chain[0]
    Region.objects.create(code=province.code, name="（编辑改过的名称）", full_name=province.full_name, level="province")
    with CaptureQueriesContext(connection) as queries:
        region = ensure_region(COUNTY, {}, {COUNTY: chain})
    assert region.code == COUNTY and region.parent_id == chain[1].code
    assert len(queries) == 2  # the chain's regions read, the missing two inserted
    assert Region.objects.get(code=province.code).name == "（编辑改过的名称）"
    assert Region.objects.get(code=chain[1].code).parent_id == province.code


def test_a_code_the_chains_call_unknown_is_only_looked_up():
    assert ensure_region("999999", {}, {"999999": []}) is None
    assert not Region.objects.filter(code="999999").exists()


# --- a batch's bodies at once (ensure_bodies) ---------------------------------------------

# Bodies of three counties of two cities (any real codes would do): 常熟市 and 昆山市 of 苏州市, 江阴市 of 无锡市.
KUNSHAN = BodyRecord("昆山市人民代表大会常务委员会", "npc_sc", "county", "320583")
JIANGYIN = BodyRecord("江阴市人民代表大会常务委员会", "npc_sc", "county", "320281")
NOWHERE = BodyRecord("某县人大常委会", "npc_sc", "county", "999999")


def _cache_with_chains(*records: BodyRecord) -> RowCache:
    """A run's cache as an extraction worker leaves it: the records' division chains worked out."""
    cache = RowCache()
    cache.divisions.update({r.region_code: division_chain(r.region_code) for r in records})
    return cache


def _as_stored(body: Body) -> tuple:
    return body.key, body.name, body.kind, body.level, body.region_id, body.parent_id


class _Undo(Exception):
    pass


def _stored_state() -> tuple:
    return (
        sorted(_as_stored(body) for body in Body.objects.all()),
        sorted(Region.objects.values_list("code", "parent_id", "name", "level")),
        sorted(Body.history.values_list("key", "history_type", "history_change_reason")),
    )


def test_a_batch_of_new_bodies_is_created_in_a_few_statements_as_one_at_a_time_would():
    records = [NPC, CPPCC, KUNSHAN, JIANGYIN, NOWHERE, NPC, None]
    chains_of = (NPC, KUNSHAN, JIANGYIN, NOWHERE)
    try:  # one at a time, then undone
        with transaction.atomic():
            cache = _cache_with_chains(*chains_of)
            for record in records:
                ensure_body(record, cache)
            one_at_a_time = _stored_state()
            raise _Undo
    except _Undo:
        pass
    assert not Body.objects.exists()

    with CaptureQueriesContext(connection) as queries:
        created = importing.ensure_bodies(records, _cache_with_chains(*chains_of))
    assert created == 5
    statements = [q for q in queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))]
    # Bodies looked up; the known regions looked up and inserted, the unknown code looked up
    # (as ensure_region does); bodies and their history inserted. One at a time: five to eight each.
    assert len(statements) <= 6
    assert _stored_state() == one_at_a_time
    assert len(one_at_a_time[0]) == 5 and {kind for _, kind, _ in one_at_a_time[2]} == {"+"}


def test_batch_bodies_are_then_served_from_the_cache():
    cache = _cache_with_chains(NPC, KUNSHAN)
    importing.ensure_bodies([NPC, KUNSHAN], cache)
    with CaptureQueriesContext(connection) as queries:
        npc, kunshan = ensure_body(NPC, cache), ensure_body(KUNSHAN, cache)
    assert len(queries) == 0
    assert npc.pk and kunshan.pk and npc.region_id == COUNTY


def test_stored_bodies_are_found_in_one_query_and_keep_their_fields():
    stored = ensure_body(NPC, RowCache())
    Body.objects.filter(pk=stored.pk).update(name="（编辑改过的名称）")
    cache = RowCache()
    with CaptureQueriesContext(connection) as queries:
        created = importing.ensure_bodies([NPC, NPC], cache)
    assert created == 0 and len(queries) == 1
    assert cache.bodies[importing.body_key(NPC)].name == "（编辑改过的名称）"


def test_a_body_naming_its_parent_is_left_to_ensure_body():
    office = BodyRecord("常熟市人大常委会办公室", "office", "county", COUNTY, parent_name=NPC.name)
    cache = _cache_with_chains(NPC)
    assert importing.ensure_bodies([NPC, office], cache) == 1
    assert importing.body_key(office) not in cache.bodies
    assert ensure_body(office, cache).parent_id == cache.bodies[importing.body_key(NPC)].pk


def test_a_body_another_import_added_meanwhile_leaves_the_lot_to_ensure_body(monkeypatch):
    """The look-up missed it (another import committed it just after): the insert fails,
    nothing of the batch is kept, the transaction goes on, and ensure_body finds it."""
    other = ensure_body(KUNSHAN, RowCache())
    monkeypatch.setattr(Body.objects, "in_bulk", lambda *args, **kwargs: {})
    cache = _cache_with_chains(NPC, KUNSHAN)
    assert importing.ensure_bodies([NPC, KUNSHAN], cache) == 0
    assert cache.bodies == {} and list(Body.objects.values_list("pk", flat=True)) == [other.pk]
    monkeypatch.undo()
    assert ensure_body(KUNSHAN, cache).pk == other.pk
    assert ensure_body(NPC, cache).pk != other.pk


def test_a_file_failing_after_the_batch_created_its_bodies_leaves_no_body_behind(texts, monkeypatch):
    """The batch's bodies are created before its files; when one file then fails, the batch is
    stored again with each file creating its own, so the failed file's body is not kept."""
    original = (texts / "county_npc_2023.txt").read_text(encoding="utf-8")
    failing_file, good_file = texts / "a.txt", texts / "b.txt"
    failing_file.write_text(original.replace("某某县", "常熟市"), encoding="utf-8")
    good_file.write_text(original.replace("某某县", "昆山市"), encoding="utf-8")
    batch_bodies = []
    monkeypatch.setattr("reports.importer.store_document", store_failing_for(failing_file.name))
    monkeypatch.setattr(
        "reports.importer.ensure_bodies",
        lambda *a: batch_bodies.append(importing.ensure_bodies(*a)) or batch_bodies[-1],
    )
    seen = []
    Importer("test", on_outcome=seen.append, workers=0).run([failing_file, good_file])
    assert [o.status for o in seen] == ["failed", "created"]
    assert batch_bodies[0] == 2  # both bodies were first created for the batch, then undone
    kept = Report.objects.get(source__name=good_file.name).body
    assert list(Body.objects.values_list("pk", flat=True)) == [kept.pk]
    assert kept.region_id == "320583"
