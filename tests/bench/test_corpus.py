"""The benchmark corpus generator: deterministic, and its files import as new reports."""

import argparse
import hashlib
import importlib.util
import random
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from reports.models import Body, Report, Statistic

ROOT = Path(__file__).resolve().parents[2]


def _load_generator():
    spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "bench" / "corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


corpus = _load_generator()


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*.txt"))}


def test_split_seed_reports_finds_every_titled_report_of_002():
    templates = corpus.load_templates()
    assert len(templates) == 31
    assert templates[0].place == "白城市" and templates[0].kind == "npc_sc"
    assert {t.kind for t in templates} == {"npc_sc", "cppcc_sc"}


def test_same_seed_same_corpus_other_seed_other_corpus(tmp_path):
    first = corpus.generate(tmp_path / "a", 60_000, seed=3)
    again = corpus.generate(tmp_path / "b", 60_000, seed=3)
    corpus.generate(tmp_path / "c", 60_000, seed=4)
    assert first == again and first["bytes"] >= 60_000
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    assert _digest(tmp_path / "a") != _digest(tmp_path / "c")


def test_render_substitutes_place_and_shifts_years():
    template = corpus.load_templates()[0]  # 白城市, reviewing 2022
    place = corpus.Place("110108", "海淀区", "海淀")
    text = corpus.render(template, place, 2010, random.Random(1))
    assert text.startswith("海淀区人民代表大会常务委员会工作报告")
    assert "白城" not in text
    assert str(2010 - (template.year - 2022)) + "年工作回顾" in text


def test_parse_size():
    assert corpus.parse_size("10MB") == 10_000_000
    assert corpus.parse_size("1.5gb") == 1_500_000_000
    with pytest.raises(argparse.ArgumentTypeError):
        corpus.parse_size("ten")


@pytest.mark.django_db(transaction=True)
def test_generated_files_import_as_new_bodies_reports_and_statistics(tmp_path):
    summary = corpus.generate(tmp_path / "corpus", 50_000, seed=5)
    call_command("import", str(tmp_path / "corpus"))
    assert Report.objects.count() == summary["files"]
    assert Body.objects.exclude(region=None).count() >= 2
    assert Statistic.objects.count() > summary["files"]
