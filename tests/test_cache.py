"""The mention cache: hits, misses, corrupt files, and keys that must not collide."""
from __future__ import annotations

import pytest

from checker.cache import MentionCache

RECORDS = [
    {"source": "harbour-news", "kind": "count", "value_text": "twelve ferries", "start": 40, "end": 54,
     "low": 12.0, "high": 12.0, "unit": "ferry", "noun_start": 47, "noun_end": 54, "precision": None},
    {"source": "harbour-news", "kind": "date", "value_text": "March 2021", "start": 80, "end": 90,
     "low": "2021-03-01", "high": "2021-03-31", "unit": None, "noun_start": -1, "noun_end": -1,
     "precision": "month"},
]


def test_cache_miss_then_hit(tmp_path):
    cache = MentionCache(tmp_path / "cache")
    key = "g1:abc123:2021-04-02"
    assert cache.get(key) is None
    cache.put(key, RECORDS)
    assert cache.get(key) == RECORDS
    assert MentionCache(tmp_path / "cache").get(key) == RECORDS  # survives a new process' view


@pytest.mark.parametrize("other_key", ["g2:abc123:2021-04-02", "g1:abc124:2021-04-02", "g1:abc123:2021-04",
                                       "g1:abc123:None"])
def test_cache_any_key_part_changed_is_a_miss(tmp_path, other_key):
    cache = MentionCache(tmp_path)
    cache.put("g1:abc123:2021-04-02", RECORDS)
    assert cache.get(other_key) is None


def test_cache_empty_record_list_is_a_hit(tmp_path):
    cache = MentionCache(tmp_path)
    cache.put("g1:empty:None", [])
    assert cache.get("g1:empty:None") == []


@pytest.mark.parametrize("garbage", [b"", b"{not json", b"[1, 2]", b'{"format": 1, "key": "x", "records": []}',
                                     b'{"format": 99, "key": "K", "records": []}', b"\xff\xfe\x00"])
def test_cache_corrupt_file_is_a_miss_and_gets_overwritten(tmp_path, garbage):
    cache = MentionCache(tmp_path)
    path = cache.path_for("K")
    path.parent.mkdir(parents=True)
    path.write_bytes(garbage)
    assert cache.get("K") is None
    cache.put("K", RECORDS)
    assert cache.get("K") == RECORDS


def test_cache_file_names_are_safe_and_leave_no_temporaries(tmp_path):
    cache = MentionCache(tmp_path)
    key = "g1:../../etc/passwd:2021/04"
    cache.put(key, RECORDS)
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert files == [cache.path_for(key)]
    assert tmp_path in files[0].parents and ":" not in files[0].name and "/" not in files[0].name


def test_cache_unwritable_folder_only_costs_speed(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    cache = MentionCache(blocker)
    cache.put("K", RECORDS)  # must not raise
    assert cache.get("K") is None


# The progress bar lives next to the cache because both serve long audits (file ownership: gate).
@pytest.mark.parametrize("enabled, tty, ci, shown", [
    (True, True, None, True),
    (True, False, None, False),
    (True, True, "true", False),
    (False, True, None, False),
])
def test_cache_progress_bar_shown_only_for_a_person_at_a_terminal(monkeypatch, enabled, tty, ci, shown):
    from checker.progress import should_show

    class Stream:
        def isatty(self):
            return tty

    monkeypatch.delenv("CI", raising=False)
    if ci:
        monkeypatch.setenv("CI", ci)
    assert should_show(enabled, Stream()) is shown


def test_cache_progress_bar_silent_when_stderr_is_not_a_terminal(capsys, monkeypatch):
    from checker.progress import progress_bar

    monkeypatch.delenv("CI", raising=False)
    with progress_bar(enabled=True) as tick:
        tick.total = 3
        tick()
        tick(2)
        assert not tick.shown
    captured = capsys.readouterr()
    assert captured.err == "" and captured.out == ""
