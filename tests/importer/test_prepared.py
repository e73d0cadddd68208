"""Extraction workers derive what rows need (reports/prepared.py): items' search pairs, region chains."""

import pytest
from django.db import connection

from reports import bigrams
from reports.bigrams import bigram_codes, forget_ahead, remember_ahead, take_ahead
from reports.extraction.divisions import division_chain
from reports.extraction.pipeline import extract_document
from reports.fields import SearchBigramsField
from reports.importer import Importer
from reports.models import AgendaItem, Body
from reports.prepared import item_pairs, prepare
from tests.importer.test_batches import variants

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="bigrams are stored on PostgreSQL only")


@pytest.fixture(autouse=True)
def nothing_left_ahead():
    forget_ahead()
    yield
    forget_ahead()


def test_codes_are_taken_only_for_exactly_their_texts_and_half_and_once():
    remember_ahead([(("标题", "推进立法工作"), ([2, 4], [1, 3]))])
    assert take_ahead(["标题", "推进立法工作。"], 0) is None
    assert take_ahead(["标题", "推进立法工作"], 1) == [1, 3]
    assert take_ahead(["标题", "推进立法工作"], 1) is None
    assert take_ahead(["标题", "推进立法工作"], 0) == [2, 4]
    assert take_ahead(["标题", "推进立法工作"], 0) is None


def test_a_documents_pairs_are_its_items_codes(texts):
    document = extract_document((texts / "county_npc_2023.txt").read_bytes())
    items = [item for report in document.reports for item in report.items]
    pairs = item_pairs(document)
    assert len(pairs) == len(items) > 3
    for item, (texts_, halves) in zip(items, pairs, strict=True):
        assert texts_ == (item.heading, item.text)
        assert [list(codes) for codes in halves] == [bigram_codes([item.heading, item.text], half) for half in (0, 1)]


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_an_import_with_workers_stores_the_codes_they_computed(texts, monkeypatch):
    computed_here = []
    compute = SearchBigramsField.compute
    monkeypatch.setattr(
        SearchBigramsField, "compute", lambda self, row: computed_here.append(row) or compute(self, row)
    )
    run = Importer("test", workers=1).run(variants(texts, 2))
    assert run.files_created == 2
    rows = list(AgendaItem.objects.values_list("heading", "text", "search_bigrams_even", "search_bigrams_odd"))
    assert rows and all(
        even == bigram_codes([heading, text], 0) and odd == bigram_codes([heading, text], 1)
        for heading, text, even, odd in rows
    )
    assert computed_here == []  # every row took its worker's codes
    assert not bigrams._ahead  # and nothing stays behind


@postgres_only
@pytest.mark.django_db
def test_a_row_whose_texts_differ_from_those_computed_ahead_computes_its_own(texts):
    Importer("test", workers=0).run(variants(texts, 1))
    item = AgendaItem.objects.order_by("id").first()
    remember_ahead([((item.heading, item.text), ([8], [7]))])
    item.text += "补充"
    item.save()
    stored = AgendaItem.objects.values_list("search_bigrams_even", "search_bigrams_odd").get(pk=item.pk)
    assert list(stored) == [bigram_codes([item.heading, item.text], half) for half in (0, 1)]


def placed(texts, count: int) -> list:
    """``count`` variants of the county report, issued by a real county (浙江省桐庐县, 330122)."""
    paths = variants(texts, count)
    for path in paths:
        path.write_text(path.read_text(encoding="utf-8").replace("某某县", "浙江省桐庐县"), encoding="utf-8")
    return paths


def test_prepare_works_out_the_chain_of_every_region_the_bodies_name(texts):
    document = extract_document(placed(texts, 1)[0].read_bytes())
    prepared = prepare(document, search_pairs=False)
    codes = {report.body.region_code for report in document.reports if report.body}
    assert codes and set(prepared.divisions) == codes and prepared.pairs == []
    assert all(prepared.divisions[code] == division_chain(code) for code in codes)
    assert prepare(document, search_pairs=True).pairs == item_pairs(document)


@pytest.mark.django_db(transaction=True)
def test_an_import_with_workers_makes_regions_from_their_chains_without_the_table_here(texts, monkeypatch):
    def no_table_here(code):
        raise AssertionError(f"the storing process looked {code} up itself")

    monkeypatch.setattr("reports.importing.division_chain", no_table_here)
    run = Importer("test", workers=1).run(placed(texts, 2))
    assert run.files_created == 2 and run.files_failed == 0
    bodies = list(Body.objects.exclude(region=None).select_related("region"))
    assert [body.region.code for body in bodies] == ["330122"]
    for body in bodies:
        chain = division_chain(body.region.code)
        assert [(r.code, r.name, r.level) for r in _ancestry(body.region)] == [(d.code, d.name, d.level) for d in chain]


def _ancestry(region):
    regions = []
    while region is not None:
        regions.insert(0, region)
        region = region.parent
    return regions


def test_codes_remembered_twice_for_the_same_texts_are_taken_twice():
    remember_ahead([(("标题", "推进立法工作"), ([2], [1]))])
    remember_ahead([(("标题", "推进立法工作"), ([2], [1]))])  # a second file holding the same item
    assert take_ahead(["标题", "推进立法工作"], 1) == [1]
    assert take_ahead(["标题", "推进立法工作"], 1) == [1]
    assert take_ahead(["标题", "推进立法工作"], 1) is None
    assert take_ahead(["标题", "推进立法工作"], 0) == [2]
