"""What the benchmarks share: paths, bench databases, timed subprocesses, machine facts, results."""

from __future__ import annotations

import json
import os
import platform
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
DATA = BENCH / ".data"  # generated corpora (git-ignored)
RESULTS = BENCH / "results"
PYTHON = os.environ.get("BENCH_PYTHON", sys.executable)
PG_URL = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
SEED = int(os.environ.get("BENCH_SEED", "7"))


def log(message: str) -> None:
    """Progress on stderr (results go to files)."""
    sys.stderr.write(f"[bench {time.strftime('%H:%M:%S')}] {message}\n")
    sys.stderr.flush()


def psql(sql: str, db: str = "postgres") -> str:
    """Run one statement with psql as the bench's PostgreSQL user; return its unaligned output."""
    host, port, user = _pg_parts()
    done = subprocess.run(
        ["psql", "-h", host, "-p", port, "-U", user, "-d", db, "-v", "ON_ERROR_STOP=1", "-qAtc", sql],
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout.strip()


def _pg_parts() -> tuple[str, str, str]:
    match = re.match(r"postgres(?:ql)?://(?P<user>[^@]+)@(?P<host>[^:/]+):?(?P<port>\d+)?", PG_URL)
    return match.group("host"), match.group("port") or "5432", match.group("user")


def fresh_database(name: str) -> str:
    """Drop and create the bench database ``name`` (must start with rdapi_bench); return its URL."""
    if not name.startswith("rdapi_bench"):
        raise ValueError(f"{name}: bench databases are named rdapi_bench*")
    psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    psql(f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'")
    return database_url(name)


def database_exists(name: str) -> bool:
    return psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}'") == "1"


def database_url(name: str) -> str:
    return f"{PG_URL}/{name}"


def django_env(db_url: str, **extra: str) -> dict[str, str]:
    """Environment for manage.py and gunicorn against ``db_url``: production-like, no throttling."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=db_url,
        SECRET_KEY="bench-not-secret",
        DEBUG="0",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        API_THROTTLE_ANON="off",
        API_THROTTLE_USER="off",
        PYTHONPATH=str(ROOT),
    )
    env.update(extra)
    return env


def manage(args: list[str], env: dict[str, str], check: bool = True) -> subprocess.CompletedProcess:
    """Run ``manage.py args`` quietly; raise with its output when it fails and ``check``."""
    done = subprocess.run([PYTHON, str(ROOT / "manage.py"), *args], env=env, capture_output=True, text=True)
    if check and done.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")
    return done


@dataclass
class Timed:
    """A finished subprocess measured by /usr/bin/time -v."""

    returncode: int
    seconds: float
    max_rss_mb: float
    stdout: str
    stderr: str


def timed(cmd: list[str], env: dict[str, str] | None = None) -> Timed:
    """Run ``cmd`` under ``/usr/bin/time -v``; return wall time and peak resident memory."""
    started = time.monotonic()
    done = subprocess.run(["/usr/bin/time", "-v", *cmd], env=env, capture_output=True, text=True, cwd=ROOT)
    seconds = time.monotonic() - started
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    return Timed(done.returncode, seconds, int(rss.group(1)) / 1024 if rss else float("nan"), done.stdout, done.stderr)


def corpus(size: str, seed: int = SEED) -> tuple[Path, int]:
    """Return the folder and byte count of the corpus of ``size`` (generated once, then reused)."""
    sys.path.insert(0, str(BENCH))
    import corpus as generator

    folder = DATA / f"corpus-{size}-seed{seed}"
    stamp = folder / ".complete"
    if not stamp.exists():
        log(f"generating corpus {size} (seed {seed}) in {folder}")
        if folder.exists():
            subprocess.run(["rm", "-rf", str(folder)], check=True)
        summary = generator.generate(folder, generator.parse_size(size), seed)
        stamp.write_text(json.dumps(summary))
    summary = json.loads(stamp.read_text())
    return folder, summary["bytes"]


def machine() -> dict:
    """nproc, memory, CPU model, Python and PostgreSQL versions."""
    mem_kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
    cpu = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
    return {
        "nproc": os.cpu_count(),
        "memory_gib": round(mem_kb / 1024**2, 1),
        "cpu": cpu.group(1).strip() if cpu else platform.processor(),
        "python": platform.python_version(),
        "postgresql": psql("SHOW server_version"),
        "os": platform.platform(),
        "git": measured_commit(),
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
    }


def measured_commit() -> str:
    """The commit measured: HEAD, with ``+changes`` when files other than results differ from it."""

    def git(*args: str) -> str:
        return subprocess.run(["git", *args], capture_output=True, text=True, cwd=ROOT).stdout.strip()

    # Results and the page rendered from them change with every run: they say nothing of the code.
    changed = git("status", "--porcelain", "--", ".", ":!bench/results", ":!docs/benchmarks.md")
    head = git("rev-parse", "--short", "HEAD")
    return f"{head}+changes" if changed else head


def save(name: str, data: dict) -> Path:
    """Write ``data`` (plus the machine) to bench/results/NAME.json; return the path."""
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps({"machine": machine(), **data}, ensure_ascii=False, indent=1) + "\n")
    log(f"wrote {path.relative_to(ROOT)}")
    return path
