"""python manage.py import_seeds: import every file in the project's seeds/ folder."""

from importlib import import_module

from django.conf import settings
from django.core.management.base import CommandError

from reports.batching import collect_files

# "import" is a keyword, so the sibling command module is loaded by name.
_import_command = import_module("reports.management.commands.import")
ImportCommand = _import_command.Command


class Command(ImportCommand):
    help = "Import every file in seeds/ (unchanged files are skipped)."

    def add_arguments(self, parser):
        _import_command.add_common_arguments(parser)

    def handle(self, *args, no_progress=False, workers=None, search_indexes="auto", **options):
        seeds = settings.BASE_DIR / "seeds"
        files = collect_files([seeds])
        if not files:
            raise CommandError(f"{seeds}: no seed files")
        self.import_files(
            files, command="import_seeds", progress=not no_progress, workers=workers, search_indexes=search_indexes
        )
