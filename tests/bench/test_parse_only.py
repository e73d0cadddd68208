"""The parse-only benchmark: in one process and through the importer's worker pool, the same count."""

import importlib.util
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _load(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


corpus, parse_only = _load("corpus"), _load("parse_only")
COUNTED = ("bytes", "files", "failed", "reports", "agenda_items", "statistics")


def test_workers_extract_what_one_process_extracts(tmp_path, monkeypatch):
    folder = tmp_path / "corpus"
    corpus.generate(folder, 120_000, seed=3)
    (folder / "zz-not-a-report.txt").write_text("这不是一份报告。\n", encoding="utf-8")
    (folder / ".hidden.txt").write_text("skipped, as the importer skips it\n", encoding="utf-8")
    in_process = parse_only.run(folder, trace=False)
    # 2 workers and a batch smaller than the corpus: several tasks, results read a batch behind
    monkeypatch.setattr(parse_only, "BATCH_FILES", 2)
    pooled = parse_only.run_in_workers(folder, workers=2)
    assert {k: pooled[k] for k in COUNTED} == {k: in_process[k] for k in COUNTED}
    files = [p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")]
    assert in_process["files"] == len(files) > 4
    assert in_process["failed"] == 1 and in_process["statistics"] > 0
    assert pooled["workers"] == 2


def test_workers_must_not_be_negative_nor_combined_with_tracemalloc(tmp_path):
    script = str(ROOT / "bench" / "parse_only.py")
    for flags in (["--workers", "-1"], ["--workers", "2", "--tracemalloc"]):
        run = subprocess.run([sys.executable, script, str(tmp_path), *flags], capture_output=True, text=True)
        assert run.returncode == 2, flags
        assert "--workers" in run.stderr


def test_the_pool_is_fed_in_the_importers_batches():
    from reports.importer import Importer

    assert parse_only.BATCH_FILES == Importer.BATCH_FILES
