"""The Indicator table holds the TAXONOMY.md catalogue after migrating."""

import pytest

from reports.indicators import sync_indicators
from reports.models import Indicator

pytestmark = pytest.mark.django_db


def test_migration_loads_every_taxonomy_code():
    codes = set(Indicator.objects.values_list("code", flat=True))
    for code in (
        "sc_meetings",
        "appointments",
        "deputy_suggestions",
        "proposals_submitted",
        "public_opinion_reports",
        "money",
        "other",
    ):
        assert code in codes
    assert Indicator.objects.get(code="sc_meetings").body_kind == "npc_sc"
    assert Indicator.objects.get(code="proposals_submitted").body_kind == "cppcc_sc"


def test_sync_restores_an_altered_row_and_is_idempotent():
    Indicator.objects.filter(code="sc_meetings").update(name="wrong")
    assert sync_indicators(Indicator) == 1
    assert Indicator.objects.get(code="sc_meetings").name == "召开常委会会议"
    assert sync_indicators(Indicator) == 0
