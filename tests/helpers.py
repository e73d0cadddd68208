"""Shared helpers for tests that run manage.py or Python in a child process."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
SEEDS_DIR = PROJECT_DIR / "seeds"

_DROPPED = (
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "HTTPS",
    "SECURE_COOKIES",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
)


def child_env(**overrides: str) -> dict[str, str]:
    """The current environment without rdapi's settings variables, plus ``overrides``."""
    env = {k: v for k, v in os.environ.items() if k not in _DROPPED and not k.startswith("PYTEST")}
    env.update(overrides)
    return env


def run_python(code: str, **env: str) -> subprocess.CompletedProcess:
    """Run ``python -c code`` in the project directory with the given settings variables."""
    return subprocess.run(
        [sys.executable, "-c", code], cwd=PROJECT_DIR, env=child_env(**env), capture_output=True, text=True, timeout=120
    )


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    """Run ``manage.py args`` in a child process with the given settings variables."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR,
        env=child_env(**env),
        capture_output=True,
        text=True,
        timeout=300,
    )


def wait_for_flag(document, flag: str) -> None:
    """A ``then`` for extraction workers (reports/extraction/parallel.py), which import this module
    but not Django: holds the worker's task until the file ``flag`` exists."""
    while not Path(flag).exists():
        time.sleep(0.01)
