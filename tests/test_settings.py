"""Settings come from the environment, fail loudly, and pass `check --deploy` when HTTPS is on."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from rdapi import env as rdenv
from tests.helpers import run_manage, run_python

STRONG_KEY = "k" * 10 + "Zq8#Lm2$Vx9!Rt4%Wn7&Yp3*Hs6@Jd5^Fg1(Bc0)" + "Q" * 10
LOAD_SETTINGS = "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='rdapi.settings'; django.setup()"


def test_missing_secret_key_with_debug_off_names_the_variable():
    result = run_python(LOAD_SETTINGS, DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
    assert "ImproperlyConfigured" in result.stderr


def test_malformed_debug_value_is_rejected():
    result = run_python(LOAD_SETTINGS, DEBUG="maybe", SECRET_KEY=STRONG_KEY)
    assert result.returncode != 0
    assert "DEBUG='maybe' is not a boolean" in result.stderr


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("1", True), ("true", True), ("ON", True), ("yes", True), ("0", False), ("off", False), ("", False)],
)
def test_env_bool_reads_the_usual_spellings(monkeypatch, raw, expected):
    monkeypatch.setenv("RDAPI_FLAG", raw)
    assert rdenv.env_bool("RDAPI_FLAG", not expected) is expected


def test_env_int_rejects_words(monkeypatch):
    monkeypatch.setenv("RDAPI_NUMBER", "ten")
    with pytest.raises(ImproperlyConfigured, match="RDAPI_NUMBER='ten' is not a whole number"):
        rdenv.env_int("RDAPI_NUMBER", 1)


def test_env_list_splits_and_drops_blanks(monkeypatch):
    monkeypatch.setenv("RDAPI_HOSTS", "a.example, b.example,,")
    assert rdenv.env_list("RDAPI_HOSTS", []) == ["a.example", "b.example"]


def test_plain_http_by_default_with_only_secret_key_and_hosts():
    code = LOAD_SETTINGS + (
        "\nfrom django.conf import settings as s"
        "\nprint(s.DEBUG, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SESSION_COOKIE_SECURE, s.ALLOWED_HOSTS)"
    )
    result = run_python(code, SECRET_KEY=STRONG_KEY, ALLOWED_HOSTS="rdapi.example.org")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False", "0", "False", "['rdapi.example.org']"]


def test_database_url_switches_engine():
    code = LOAD_SETTINGS + "\nfrom django.conf import settings as s; print(s.DATABASES['default']['ENGINE'])"
    result = run_python(code, SECRET_KEY=STRONG_KEY, DATABASE_URL="postgres://u@127.0.0.1:5432/x")
    assert result.stdout.strip() == "django.db.backends.postgresql"
    result = run_python(code, SECRET_KEY=STRONG_KEY, DATABASE_URL="")
    assert result.stdout.strip() == "django.db.backends.sqlite3"


def test_check_deploy_is_clean_with_https_switched_on():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=STRONG_KEY,
        ALLOWED_HOSTS="rdapi.example.org",
        HTTPS="1",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_without_https():
    result = run_manage("check", "--deploy", SECRET_KEY=STRONG_KEY, ALLOWED_HOSTS="rdapi.example.org")
    output = result.stdout + result.stderr
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in output
