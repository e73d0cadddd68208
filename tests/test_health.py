"""GET /healthz answers 200 with the database reachable and 503 without it."""

import json

import pytest

from tests.helpers import run_python


@pytest.mark.django_db
def test_healthz_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["database"] in {"sqlite", "postgresql"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_503_when_database_unreachable(tmp_path):
    # A real unreachable database: SQLite cannot open a file in a missing folder.
    missing = tmp_path / "missing" / "db.sqlite3"
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='rdapi.settings'; django.setup()\n"
        "from django.test import Client\n"
        "r = Client().get('/healthz'); print(r.status_code); print(r.content.decode())"
    )
    result = run_python(code, SECRET_KEY="x" * 50, ALLOWED_HOSTS="testserver", DATABASE_URL=f"sqlite:///{missing}")
    assert result.returncode == 0, result.stderr
    status, body = result.stdout.split("\n", 1)
    assert status == "503"
    assert json.loads(body)["database"] == "unreachable"


@pytest.mark.django_db
def test_healthz_rejects_post(client):
    assert client.post("/healthz").status_code == 405
