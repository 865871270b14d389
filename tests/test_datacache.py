"""The disk cache of parsed data files: same data as reading the files, rebuilt when anything it
depends on changes, and never a cause of failure."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest
import yaml

from marsad import datacache, kb, lexicon


@pytest.fixture()
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("MARSAD_CACHE_DIR", str(folder))
    monkeypatch.delenv("MARSAD_NO_CACHE", raising=False)
    return folder


class Builder:
    def __init__(self, value):
        self.value, self.calls = value, 0

    def __call__(self):
        self.calls += 1
        return self.value


def test_a_value_is_built_once_then_read_from_disk(cache):
    build = Builder({"words": ["مليار", "billion"], "n": 3})
    first = datacache.load_or_build("lexicon", ["text v1"], build)
    second = datacache.load_or_build("lexicon", ["text v1"], build)
    assert first == second == build.value and build.calls == 1
    assert len(list(cache.glob("lexicon.*.pickle"))) == 1


def test_a_changed_part_rebuilds_and_replaces_the_old_file(cache):
    old, new = Builder("old"), Builder("new")
    assert datacache.load_or_build("kb", ["orgs v1"], old) == "old"
    assert datacache.load_or_build("kb", ["orgs v2"], new) == "new"
    assert datacache.load_or_build("kb", ["orgs v2"], new) == "new" and new.calls == 1
    assert len(list(cache.glob("kb.*.pickle"))) == 1  # the stale version is gone
    assert datacache.load_or_build("kb", ["orgs v1"], old) == "old" and old.calls == 2


def test_parts_are_not_confused_by_where_they_are_cut(cache):
    a, b = Builder("a"), Builder("b")
    datacache.load_or_build("x", ["ab", "c"], a)
    assert datacache.load_or_build("x", ["a", "bc"], b) == "b" and b.calls == 1


def test_a_corrupt_file_is_read_afresh(cache):
    build = Builder([1, 2, 3])
    datacache.load_or_build("data", ["t"], build)
    (path,) = cache.glob("data.*.pickle")
    path.write_bytes(b"not a pickle")
    assert datacache.load_or_build("data", ["t"], build) == [1, 2, 3] and build.calls == 2
    assert datacache.load_or_build("data", ["t"], build) == [1, 2, 3] and build.calls == 2


def test_an_unwritable_cache_costs_speed_not_results(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder should be")
    monkeypatch.setenv("MARSAD_CACHE_DIR", str(blocker / "cache"))
    build = Builder("v")
    assert datacache.load_or_build("data", ["t"], build) == "v"
    assert datacache.load_or_build("data", ["t"], build) == "v" and build.calls == 2


def test_no_cache_switch(cache, monkeypatch):
    monkeypatch.setenv("MARSAD_NO_CACHE", "1")
    build = Builder("v")
    datacache.load_or_build("data", ["t"], build)
    datacache.load_or_build("data", ["t"], build)
    assert build.calls == 2 and not cache.exists()


def test_a_failing_build_caches_nothing(cache):
    def bad():
        raise ValueError("invalid data")

    for _ in range(2):
        with pytest.raises(ValueError):
            datacache.load_or_build("data", ["t"], bad)
    assert not cache.exists() or not list(cache.glob("*.pickle"))


def test_cached_lexicon_equals_the_file_and_skips_parsing(cache, monkeypatch):
    path = "lang/ar/numbers.yaml"
    from importlib import resources

    direct = yaml.safe_load(resources.files("marsad").joinpath(path).read_text(encoding="utf-8"))
    assert lexicon.load_yaml(path, "numbers") == direct

    def no_parse(*a, **k):
        raise AssertionError("parsed again although cached")

    monkeypatch.setattr(yaml, "load", no_parse)
    assert lexicon.load_yaml(path, "numbers") == direct


def test_cached_knowledge_base_equals_the_files(cache):
    raw = kb.load_raw()
    assert kb._checked_raw() == (raw, kb.check(raw))
    assert list(cache.glob("kb.*.pickle"))
    assert kb._checked_raw() == (raw, kb.check(raw))


def test_cold_and_warm_processes_extract_the_same_facts(tmp_path):
    code = ("import json, marsad; print(json.dumps([marsad.extract(t).to_dict() for t in ("
            "'أعلنت مجموعة علي بابا استثمار 50 مليار دولار في الذكاء الاصطناعي', "
            "'Nvidia shares rose 3% after Microsoft agreed to buy chips for $2 billion')], sort_keys=True))")
    env_cache = {"MARSAD_CACHE_DIR": str(tmp_path / "c")}
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           env={**os.environ, **extra}) for extra in (env_cache, env_cache, {"MARSAD_NO_CACHE": "1"})]
    for r in runs:
        assert r.returncode == 0, r.stderr
    assert runs[0].stdout == runs[1].stdout == runs[2].stdout
    assert '"events"' in runs[0].stdout and list((tmp_path / "c").glob("kb.*.pickle"))
