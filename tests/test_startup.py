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


IMPORT_COMMAND = (
    "import django, importlib, os, sys; os.environ['DJANGO_SETTINGS_MODULE'] = 'rdapi.settings'; django.setup()\n"
    "importlib.import_module('reports.management.commands.import')\n"
    "from reports.extraction import EXTRACTOR_VERSION\n"
    "print(EXTRACTOR_VERSION, 'reports.extraction.pipeline' in sys.modules)"
)


def test_the_import_command_loads_the_extractors_only_to_extract():
    """With workers extracting, the storing process never needs the extractors: importing them
    was 0.08 s of its start, before it hands the workers their first files."""
    result = run_python(IMPORT_COMMAND, SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr
    version, pipeline_loaded = result.stdout.split()
    assert pipeline_loaded == "False"
    from reports.extraction.pipeline import EXTRACTOR_VERSION

    assert version == EXTRACTOR_VERSION
