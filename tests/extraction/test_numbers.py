"""Table tests for the numeral parser."""

from decimal import Decimal

import cn2an
import pytest

from reports.extraction.numbers import NumeralError, find_quantities, parse_numeral, parse_quantity

D = Decimal

QUANTITIES = [
    ("5次", (D(5), None, "exact", "次")),
    ("64人次", (D(64), None, "exact", "人次")),
    ("3600余篇", (D(3600), None, "approx", "篇")),
    ("1.2万人次", (D(12000), None, "exact", "人次")),
    ("4.2万多人次", (D(42000), None, "approx", "人次")),
    ("3亿5千万人", (D(350000000), None, "exact", "人")),
    ("480余万元", (D(480), None, "approx", "万元")),
    ("3亿5千万元", (D(35000), None, "exact", "万元")),
    ("1.5亿元", (D("1.5"), None, "exact", "亿元")),
    ("89.9%", (D("89.9"), None, "exact", "%")),
    ("100％", (D(100), None, "exact", "%")),
    ("百分之九十", (D(90), None, "exact", "%")),
    ("2—3个", (D(2), D(3), "exact", "个")),
    ("2-3个", (D(2), D(3), "exact", "个")),
    ("2至3个", (D(2), D(3), "exact", "个")),
    ("二三十个", (D(20), D(30), "exact", "个")),
    ("两三家", (D(2), D(3), "exact", "家")),
    ("十五六名", (D(15), D(16), "exact", "名")),
    ("两次", (D(2), None, "exact", "次")),
    ("十三件", (D(13), None, "exact", "件")),
    ("一百零五项", (D(105), None, "exact", "项")),
    ("三百五十条", (D(350), None, "exact", "条")),
    ("约50人", (D(50), None, "approx", "人")),
    ("近百次", (D(100), None, "approx", "次")),
    ("30人左右", (D(30), None, "approx", "人")),
    ("超过290万人次", (D(2900000), None, "at_least", "人次")),
    ("逾千人", (D(1000), None, "at_least", "人")),
    ("不少于2篇", (D(2), None, "at_least", "篇")),
    ("100人以上", (D(100), None, "at_least", "人")),
    ("不超过5件", (D(5), None, "at_most", "件")),
    ("不到10场", (D(10), None, "at_most", "场")),
    ("20多家", (D(20), None, "approx", "家")),
    ("21件次", (D(21), None, "exact", "件次")),
    ("3批次", (D(3), None, "exact", "批次")),
    ("８６篇", (D(86), None, "exact", "篇")),
]


@pytest.mark.parametrize(("text", "expected"), QUANTITIES)
def test_parse_quantity(text, expected):
    q = parse_quantity(text)
    assert (q.value, q.value_max, q.qualifier, q.unit) == expected


@pytest.mark.parametrize(
    ("text", "number_text"),
    [
        ("3600余篇", "3600余"),
        ("480余万元", "480余万"),
        ("超过290万人次", "290万"),
        ("89.9%", "89.9%"),
        ("近百次", "百"),
    ],
)
def test_number_text_as_printed(text, number_text):
    assert parse_quantity(text).number_text == number_text


@pytest.mark.parametrize("text", ["", "次", "abc", "十四五规划", "G60"])
def test_not_a_quantity(text):
    assert parse_quantity(text) is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty numeral"),
        ("1a", "not a numeral: '1a'"),
        ("十四五", "two numbers without a place value: '十四五'"),
        ("三四", "digits without place values: '三四'"),
        ("万", "万 without a number before it: '万'"),
        ("百千", "place values out of order: '百千'"),
    ],
)
def test_parse_numeral_errors(text, message):
    with pytest.raises(NumeralError) as info:
        parse_numeral(text)
    assert str(info.value) == message


@pytest.mark.parametrize("n", [1, 2, 9, 10, 11, 13, 20, 30, 99, 100, 101, 110, 205, 999, 1000, 1001, 1010, 4321, 9999])
def test_chinese_numerals_agree_with_cn2an(n):
    assert parse_numeral(cn2an.an2cn(n)) == n


def test_year_written_digit_by_digit():
    assert parse_numeral("二〇二二") == 2022


def test_find_quantities_offsets():
    text = "一年来，召开常委会会议5次，组织宪法宣誓5次39人。"
    found = find_quantities(text)
    assert [(q.number_text, q.unit) for q in found] == [("一", "年"), ("5", "次"), ("5", "次"), ("39", "人")]
    assert all(text[q.start : q.end] == q.number_text for q in found)


def test_find_quantities_skips_latin_glued_numbers():
    assert [q.number_text for q in find_quantities("推进G60科创走廊建设3项")] == ["3"]
