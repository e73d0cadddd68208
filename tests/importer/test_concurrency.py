"""Real processes: two imports at once never duplicate; a killed import leaves its file as before."""

import os
import signal
import subprocess
import sys
import time

import pytest
from django.db import connection

from reports.models import AgendaItem, Body, Region, Report, Source, Statistic
from tests.helpers import PROJECT_DIR, child_env

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def _db_env() -> dict:
    """Environment for a child process that uses the test database this test sees."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        url = f"sqlite:///{settings['NAME']}"
    else:
        url = f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/{settings['NAME']}"
    return child_env(DATABASE_URL=url, SECRET_KEY="x" * 50)


def _start_import(*paths) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "manage.py", "import", "--no-progress", *map(str, paths)],
        cwd=PROJECT_DIR,
        env=_db_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _snapshot():
    return {
        "sources": sorted(Source.objects.values_list("name", "sha256")),
        "reports": Report.objects.count(),
        "items": AgendaItem.objects.count(),
        "statistics": Statistic.objects.count(),
        "bodies": sorted(Body.objects.values_list("key", flat=True)),
        "regions": Region.objects.count(),
    }


@pytest.fixture
def file_db():
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"].startswith("file:memorydb"):
        pytest.skip("child processes cannot share an in-memory SQLite database")


def test_two_imports_at_once_never_duplicate(file_db, texts):
    paths = [PROJECT_DIR / "seeds", texts / "county_npc_2023.txt"]
    first, second = _start_import(*paths), _start_import(*paths)
    for process in (first, second):
        out, err = process.communicate(timeout=600)
        assert process.returncode == 0, err
    together = _snapshot()
    assert len(together["bodies"]) == len(set(together["bodies"]))
    # The same files imported once more by one process: nothing changes.
    third = _start_import(*paths)
    out, err = third.communicate(timeout=600)
    assert third.returncode == 0, err
    assert out.count(": unchanged") == 6
    assert _snapshot() == together


def _inside_write_transaction() -> bool:
    """True while another process holds an import's write transaction open."""
    if connection.vendor == "sqlite":
        return os.path.exists(connection.settings_dict["NAME"] + "-journal")
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted")
        return cursor.fetchone()[0] > 0


def _wait_until_writing(process: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not _inside_write_transaction():
        assert process.poll() is None, "the import finished before it could be killed mid-write"
        assert time.monotonic() < deadline, "the import never started writing"
        time.sleep(0.005)


def test_a_killed_import_leaves_the_file_as_before_and_the_next_run_completes(file_db):
    big = PROJECT_DIR / "seeds" / "002_7c4c3c7cf2127719.txt"
    process = _start_import(big)
    _wait_until_writing(process)
    time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert not Source.objects.filter(name=big.name).exists()
    assert (Report.objects.count(), AgendaItem.objects.count(), Statistic.objects.count()) == (0, 0, 0)
    rerun = _start_import(big)
    out, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err
    assert Report.objects.filter(source__name=big.name).count() == 31
    assert Statistic.objects.filter(source__name=big.name).count() > 0
