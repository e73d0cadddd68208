"""The OpenAPI schema validates and documents itself; the docs pages work offline."""

import re

import pytest
import yaml

from tests.helpers import run_manage

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema(django_db_blocker):
    from django.test import Client

    with django_db_blocker.unblock():
        response = Client().get("/api/schema/")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def test_spectacular_validate_fail_on_warn(tmp_path):
    result = run_manage(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "s.yaml"), SECRET_KEY="x" * 50
    )
    assert result.returncode == 0, result.stderr


def test_every_field_and_parameter_is_described(schema):
    missing = []
    for path, item in schema["paths"].items():
        for method, op in item.items():
            assert op.get("description") or op.get("summary"), (path, method)
            missing += [f"{path} ?{p['name']}" for p in op.get("parameters", []) if not p.get("description")]
    for name, component in schema["components"]["schemas"].items():
        if name.endswith("Enum") or name.startswith("Paginated"):
            continue
        for field, spec in component.get("properties", {}).items():
            if not spec.get("description"):
                missing.append(f"{name}.{field}")
    assert not missing


def test_every_list_has_an_example_and_documented_errors(schema):
    for path, item in schema["paths"].items():
        op = item["get"]
        assert {"404", "405", "429"} <= set(op["responses"]), path
        if "{" not in path or path.endswith("/series/"):
            assert op["responses"]["200"]["content"]["application/json"].get("examples"), path
            assert "400" in op["responses"], path


def test_contract_paths_present(schema):
    for resource in ("regions", "bodies", "sources", "reports", "agenda-items", "indicators", "statistics"):
        assert f"/api/v1/{resource}/" in schema["paths"]
    assert "/api/v1/sources/{id}/text" in schema["paths"]
    assert "/api/v1/indicators/{code}/series/" in schema["paths"]


@pytest.fixture
def uncollected_static(settings):
    """Serve static files from the apps (tests run without collectstatic; the Dockerfile runs it)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = True


@pytest.mark.parametrize("path", ["/api/docs/", "/api/redoc/"])
def test_docs_pages_use_only_local_assets(client, uncollected_static, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    urls = re.findall(r"""(?:src|href)\s*=\s*["']([^"']+)""", html)
    assert urls, html[:500]
    assert not [u for u in urls if re.match(r"(https?:)?//", u)], urls
    # No CDN anywhere: not in asset URLs, nor as a host in inline scripts (the page also holds a
    # random CSRF token, which may spell "cdn" by chance, so the check looks for hosts, not letters).
    assert not [u for u in urls if "cdn" in u.lower()], urls
    assert not re.search(r"cdn[\w.-]*\.(?:com|net|org|io)|jsdelivr|unpkg|googleapis", html.lower())
    for url in urls:
        if url.startswith("/static/"):
            assert client.get(url).status_code == 200, url
