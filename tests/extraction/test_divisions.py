"""Division chains for Region rows: province → prefecture → county, placeholders skipped."""

import pytest

from reports.extraction.divisions import division_chain


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("110000", [("110000", "province", None)]),
        ("220800", [("220000", "province", None), ("220800", "prefecture", "220000")]),
        ("652300", [("650000", "province", None), ("652300", "prefecture", "650000")]),
        # a municipality's district hangs off the municipality, not off 市辖区
        ("110101", [("110000", "province", None), ("110101", "county", "110000")]),
        # a county-level city administered by its province directly
        ("419001", [("410000", "province", None), ("419001", "county", "410000")]),
        (
            "320506",
            [("320000", "province", None), ("320500", "prefecture", "320000"), ("320506", "county", "320500")],
        ),
        ("999999", []),
    ],
)
def test_division_chain(code, expected):
    assert [(d.code, d.level, d.parent_code) for d in division_chain(code)] == expected


def test_full_names_leave_out_placeholders():
    assert division_chain("419001")[-1].full_name == "河南省济源市"
    assert division_chain("320506")[-1].full_name == "江苏省苏州市吴中区"
