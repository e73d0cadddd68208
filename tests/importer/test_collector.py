"""An import runs with the cyclic garbage collector mostly out of the way, and puts it back as it was."""

import gc

import pytest

from reports.importer import Importer

pytestmark = pytest.mark.django_db


@pytest.fixture
def collector():
    """The collector's settings before the test, restored after it whatever the test did."""
    thresholds, frozen = gc.get_threshold(), gc.get_freeze_count()
    yield thresholds, frozen
    gc.set_threshold(*thresholds)
    if not frozen:
        gc.unfreeze()


def _observed_during_run(texts) -> list[tuple]:
    seen = []
    Importer("test", on_outcome=lambda outcome: seen.append((gc.get_threshold(), gc.get_freeze_count()))).run(
        [texts / "county_npc_2023.txt", texts / "county_npc_2023_bom.txt"]
    )
    return seen


def test_a_run_freezes_what_was_loaded_and_collects_the_young_less_often(texts, collector):
    thresholds, _ = collector
    assert gc.get_freeze_count() == 0
    seen = _observed_during_run(texts)
    assert len(seen) == 2
    for during, frozen in seen:
        assert during[0] >= 10_000 and during[1:] == thresholds[1:]
        assert frozen > 10_000  # Django, the app, everything loaded before the run
    assert gc.get_threshold() == thresholds and gc.get_freeze_count() == 0


def test_a_host_that_froze_its_own_objects_keeps_them_frozen(texts, collector):
    gc.freeze()
    _observed_during_run(texts)
    assert gc.get_freeze_count() > 10_000  # not unfrozen by the run (objects freed meanwhile leave it)


def test_a_run_that_fails_restores_the_collector(texts, collector, monkeypatch):
    thresholds, _ = collector

    def failing(*args, **kwargs):
        raise RuntimeError("stop")

    monkeypatch.setattr(Importer, "_batch_outcomes", failing)
    with pytest.raises(RuntimeError):
        Importer("test").run([texts / "county_npc_2023.txt"])
    assert gc.get_threshold() == thresholds and gc.get_freeze_count() == 0
