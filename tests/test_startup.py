"""The web app stays light: serving the API never loads the extractors, cnloc or pandas."""

from tests.helpers import run_python

CODE = (
    "import django, os, sys; os.environ['DJANGO_SETTINGS_MODULE'] = 'rdapi.settings'; django.setup()\n"
    "import rdapi.urls, reports.admin, reports.api.views\n"
    "loaded = sorted(m for m in sys.modules if m.startswith(('reports.extraction', 'cnloc', 'pandas')))\n"
    "print(' '.join(loaded))"
)


def test_serving_loads_only_the_record_vocabulary():
    result = run_python(CODE, SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["reports.extraction", "reports.extraction.records"]
