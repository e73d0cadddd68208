"""The run's cache of shared rows (bodies, regions): fewer look-ups, never a rolled-back row."""

import pytest
from django.db import IntegrityError, connection
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


def test_a_file_rolled_back_after_creating_rows_leaves_none_in_the_cache(texts, monkeypatch):
    """The first file creates the body and its regions, then fails: the next file of the same
    body must create them again, not point at the rolled-back rows."""
    original = (texts / "county_npc_2023.txt").read_text(encoding="utf-8").replace("某某县", "常熟市")
    first, second = texts / "a.txt", texts / "b.txt"
    first.write_text(original, encoding="utf-8")
    second.write_text(original + "\n（另一份）\n", encoding="utf-8")
    store = importing.store_document

    def failing(name, *args, **kwargs):
        source = store(name, *args, **kwargs)
        if name == first.name:
            raise IntegrityError("simulated")
        return source

    monkeypatch.setattr("reports.importer.store_document", failing)
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
