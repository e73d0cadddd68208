"""PostgreSQL's character type decides whether trigram search can see Chinese; start-up says so."""

import pytest
from django.db import connection

from reports.checks import check_postgres_ctype
from reports.database import ctype_supports_chinese_search, postgres_ctype


@pytest.mark.parametrize(
    ("ctype", "fit"),
    [
        (None, True),
        ("C.UTF-8", True),
        ("en_US.utf8", True),
        ("zh_CN.UTF-8", True),
        ("C", False),
        ("POSIX", False),
        ("en_US.ISO-8859-1", False),
    ],
)
def test_ctype_fitness(ctype, fit):
    assert ctype_supports_chinese_search(ctype) is fit


@pytest.mark.django_db
def test_the_test_database_ctype_is_read_and_judged():
    ctype = postgres_ctype()
    if connection.vendor == "postgresql":
        assert ctype  # a real reading, e.g. C.UTF-8 on the CI database
        assert (check_postgres_ctype(databases=["default"]) == []) is ctype_supports_chinese_search(ctype)
    else:
        assert ctype is None and check_postgres_ctype(databases=["default"]) == []


@pytest.mark.django_db
def test_a_c_locale_database_is_reported(monkeypatch):
    monkeypatch.setattr("reports.checks.postgres_ctype", lambda: "C")
    (warning,) = check_postgres_ctype(databases=["default"])
    assert warning.id == "reports.W001" and "LC_CTYPE='C'" in warning.msg
