"""python manage.py import PATH [PATH ...]: import text files or folders of them."""

import argparse
import os
import shlex
import sys

from django.core.checks import Tags
from django.core.management.base import BaseCommand, CommandError

from reports.batching import ImportInputError, collect_files
from reports.importer import FileOutcome, Importer


class Command(BaseCommand):
    help = (
        "Import report texts (files, or folders of files). Files are stored in batches; should a file fail, its "
        "batch is stored again file by file: a bad file is reported as 'path: reason', leaves nothing behind, and "
        "the command exits non-zero after the others are imported."
    )
    # The model checks only: the URL checks load the whole API and its schema generator (0.36 s of
    # every run's start, before the first file is read), and an import serves no URL.
    requires_system_checks = [Tags.models]

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Files or folders to import.")
        add_common_arguments(parser)

    def handle(self, *args, paths, no_progress=False, workers=None, search_indexes="auto", **options):
        try:
            files = collect_files(paths)
        except ImportInputError as error:
            raise CommandError(str(error)) from None
        if not files:
            raise CommandError(f"no files found in {', '.join(paths)}")
        self.import_files(
            files,
            command="import " + shlex.join(paths),
            progress=not no_progress,
            workers=workers,
            search_indexes=search_indexes,
        )

    def import_files(self, files, command, progress=True, workers=None, search_indexes="auto"):
        """Import ``files``, print one line per file, raise CommandError if any failed."""
        importer = Importer(command, on_outcome=self._print_outcome, workers=workers, search_indexes=search_indexes)
        run = importer.run(files, progress=progress and _interactive())
        self.stdout.write(
            f"Import run {run.pk}: {run.files_created} created, {run.files_updated} updated, "
            f"{run.files_unchanged} unchanged, {run.files_failed} failed; rows +{run.rows_created} "
            f"~{run.rows_updated} -{run.rows_deleted}; {len(run.warnings)} warnings; {run.duration_seconds:.2f} s"
        )
        for warning in run.warnings:
            self.stdout.write(f"warning: {warning['path']}: {warning['code']}: {warning['message']}")
        if run.files_failed:
            raise CommandError(f"{run.files_failed} of {len(files)} files failed to import (see above)")

    def _print_outcome(self, outcome: FileOutcome) -> None:
        if outcome.status == "failed":
            self.stderr.write(outcome.summary())
        else:
            self.stdout.write(outcome.summary())


def add_common_arguments(parser) -> None:
    parser.add_argument("--no-progress", action="store_true", help="Never show a progress bar.")
    parser.add_argument(
        "--workers",
        type=_non_negative,
        default=None,
        help=(
            "Processes that extract files while this one stores them (0: extract here). "
            f"Default: 0 below {Importer.PARALLEL_FROM} files, else one fewer than the CPUs (1 to 4)."
        ),
    )

    parser.add_argument(
        "--search-indexes",
        choices=Importer.SEARCH_INDEX_MODES,
        default="auto",
        help=(
            "PostgreSQL's trigram search indexes: 'maintain' them row by row, or drop them and 'rebuild' them "
            f"once at the end (faster for a bulk load; searches scan meanwhile). 'auto' rebuilds when a run brings "
            f"at least {Importer.BULK_FROM} files and at least as many as are stored already."
        ),
    )


def _non_negative(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise argparse.ArgumentTypeError(f"must be a whole number, 0 or more (got {value!r})")
    return number


def _interactive() -> bool:
    """A progress bar only on a terminal, never in CI logs."""
    return sys.stderr.isatty() and not os.environ.get("CI")
