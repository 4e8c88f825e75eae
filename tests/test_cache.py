"""The stage cache: hits, misses, damaged files, keys that must not collide, and audits it must not change."""
from __future__ import annotations

import sqlite3

import pytest

from checker.cache import CACHE_FILE, KEYS_PER_QUERY, StageCache, encode_table, frame_of

COLUMNS = ["source", "kind", "value_text", "start", "end", "low", "high", "unit", "precision"]
RECORDS = [
    {"source": "harbour-news", "kind": "count", "value_text": "twelve ferries", "start": 40, "end": 54,
     "low": 12.0, "high": 12.0, "unit": "ferry", "precision": None},
    {"source": "harbour-news", "kind": "date", "value_text": "March 2021", "start": 80, "end": 90,
     "low": "2021-03-01", "high": "2021-03-31", "unit": None, "precision": "month"},
]
TABLE = encode_table(RECORDS, COLUMNS)


def test_cache_miss_then_hit(tmp_path):
    cache = StageCache(tmp_path / "cache", COLUMNS)
    key = "g1:abc123:2021-04-02:harbour-news"
    assert cache.get(key) is None
    cache.put(key, TABLE)
    assert cache.get(key) == TABLE
    assert StageCache(tmp_path / "cache", COLUMNS).get(key) == TABLE  # survives a new process' view


def test_cache_frame_of_tables_is_the_frame_of_their_rows():
    import pandas as pd

    awkward = {**RECORDS[0], "value_text": 'a "quoted"\x1e, [bracketed] \u00e9 text', "low": float("nan"),
               "high": float("inf")}
    rows = [RECORDS[0], awkward, *RECORDS[::-1]]
    tables = [encode_table(rows[:2], COLUMNS), encode_table([], COLUMNS), encode_table(rows[2:], COLUMNS)]
    pd.testing.assert_frame_equal(frame_of(tables, COLUMNS), pd.DataFrame(rows, columns=COLUMNS))
    for no_rows in ([], [encode_table([], COLUMNS)] * 2):
        pd.testing.assert_frame_equal(frame_of(no_rows, COLUMNS), pd.DataFrame([], columns=COLUMNS))
    # taken out of the tables as each column is parsed (memory): the same frame, the tables left empty
    consumed = [list(table) for table in tables]
    pd.testing.assert_frame_equal(frame_of(consumed, COLUMNS, consume=True), pd.DataFrame(rows, columns=COLUMNS))
    assert consumed == [[None] * len(COLUMNS)] * len(tables)


@pytest.mark.parametrize("column", [
    [40, 80, -3], [2 ** 63 - 1, 0], [2 ** 63, 1], [2 ** 70, -1], [1, None], [1, True], [True, 1], [1, 2.5],
    [1, "2"], [None, 1], [1, [2]],
])
def test_cache_frame_of_integer_columns_as_pandas_infers_them(column):
    # A column of ints that fit in 64 bits is made through NumPy; anything else as pandas infers the list
    import pandas as pd

    rows = [{"n": value} for value in column]
    tables = [encode_table(rows[:1], ["n"]), encode_table(rows[1:], ["n"])]
    made, inferred = frame_of(tables, ["n"]), pd.DataFrame(rows, columns=["n"])
    pd.testing.assert_frame_equal(made, inferred)
    assert [type(value) for value in made["n"].tolist()] == [type(value) for value in inferred["n"].tolist()]


@pytest.mark.parametrize("values", [
    [1, 2.5, -0.0, 1.5e-07, 1e16, True, None, "null", "nullnull", ["a", None]],   # orjson's: json reads it alike
    [float("nan"), None, 1.0], [None, float("inf")], [[float("-inf")]],   # orjson writes these null: json's
    [2 ** 70, 3], ["lone \ud800 surrogate", "\x1e"], ["é 中 \u2028", 'a "quoted" [text]'],
])
def test_cache_values_read_back_as_written(values):
    # A column's text is orjson's where that reads back as json would (fast), json's where orjson would
    # write null for NaN or infinity, or cannot write a value: either way the values read back
    import json

    from checker.cache import SEPARATOR, dumps_values, loads_values

    text = dumps_values(values)
    assert SEPARATOR not in text
    assert repr(loads_values(text)) == repr(json.loads(json.dumps(values))) == repr(values)
    joined = ",".join([dumps_values(["before", 1]), text, dumps_values([2.5])])   # as frame_of joins documents'
    assert repr(loads_values(joined)) == repr(["before", 1, *values, 2.5])


@pytest.mark.parametrize("other_key", ["g2:abc123:2021-04-02:a", "g1:abc124:2021-04-02:a", "g1:abc123:2021-04:a",
                                       "g1:abc123:None:a", "g1:abc123:2021-04-02:b"])
def test_cache_any_key_part_changed_is_a_miss(tmp_path, other_key):
    cache = StageCache(tmp_path, COLUMNS)
    cache.put("g1:abc123:2021-04-02:a", TABLE)
    assert cache.get(other_key) is None


def test_cache_rows_of_other_columns_are_a_miss(tmp_path):
    StageCache(tmp_path, COLUMNS).put("K", TABLE)
    assert StageCache(tmp_path, [*COLUMNS, "new_column"]).get("K") is None
    assert StageCache(tmp_path, COLUMNS[::-1]).get("K") is None


def test_cache_empty_table_is_a_hit(tmp_path):
    cache = StageCache(tmp_path, COLUMNS)
    cache.put("g1:empty:None", encode_table([], COLUMNS))
    assert cache.get("g1:empty:None") == ["" for _ in COLUMNS]


def test_cache_many_keys_in_one_call(tmp_path):
    cache = StageCache(tmp_path, COLUMNS)
    keys = [f"key-{number}" for number in range(KEYS_PER_QUERY * 2 + 7)]
    cache.put_many({key: TABLE for key in keys[::2]})
    found = cache.get_many(keys)
    assert sorted(found) == sorted(keys[::2]) and all(table == TABLE for table in found.values())


@pytest.mark.parametrize("garbage", [b"", b"{not json", b"SQLite format 3\x00 but then nothing", b"\xff\xfe\x00" * 300])
def test_cache_damaged_file_is_a_miss_and_gets_replaced(tmp_path, garbage):
    cache = StageCache(tmp_path, COLUMNS)
    cache.path.write_bytes(garbage)
    assert cache.get("K") is None
    cache.put("K", TABLE)
    assert cache.get("K") == TABLE


@pytest.mark.parametrize("damage", [
    lambda value: value[:-3],                       # truncated
    lambda value: value.replace("12.0", "13.0"),    # one value changed
    lambda value: value[:8] + value[8:].replace("\x1e", "", 1),  # a column lost, checksum kept
    lambda value: "",
    lambda value: b"\x00\x01",                     # not text at all
])
def test_cache_damaged_entry_is_a_miss_and_gets_overwritten(tmp_path, damage):
    cache = StageCache(tmp_path, COLUMNS)
    cache.put("K", TABLE)
    with sqlite3.connect(cache.path) as db:
        (value,) = db.execute("SELECT value FROM entries").fetchone()
        db.execute("UPDATE entries SET value = ?", (damage(value),))
    assert cache.get("K") is None
    cache.put("K", TABLE)
    assert cache.get("K") == TABLE


def test_cache_is_one_file_and_leaves_no_temporaries(tmp_path):
    cache = StageCache(tmp_path, COLUMNS)
    cache.put_many({f"g1:../../etc/passwd:{number}": TABLE for number in range(3)})
    cache.put("another", TABLE)
    assert [p.name for p in tmp_path.rglob("*")] == [CACHE_FILE]


def test_cache_whole_corpus_is_read_from_a_pack_that_is_rewritten_only_when_it_drifts(tmp_path):
    import os

    from checker.cache import PACK_DRIFT, PACK_FROM

    cache = StageCache(tmp_path, COLUMNS)
    tables = {f"g1:doc-{number}": encode_table([{**RECORDS[number % 2], "start": number}], COLUMNS)
              for number in range(PACK_FROM + 50)}
    cache.put_many(tables)
    keys = list(tables)[:PACK_FROM]
    assert not cache.pack_path.exists()
    assert cache.get_many(keys) == {key: tables[key] for key in keys}   # from SQLite: the pack is made
    made = os.stat(cache.pack_path)
    assert cache.get_many(keys) == {key: tables[key] for key in keys}   # from the pack, left as it was
    # An edit: one key the pack lacks is looked up, another it holds is not asked; within PACK_DRIFT, kept
    edited = keys[1:] + [list(tables)[PACK_FROM]]
    assert cache.get_many(edited) == {key: tables[key] for key in edited}
    assert os.stat(cache.pack_path).st_ino == made.st_ino
    assert cache.present(edited + ["g1:never-stored"]) == set(edited)
    # Drifted further than that: written anew, holding what was asked
    drifted = list(tables)[int(PACK_DRIFT * PACK_FROM) + 2:]
    assert cache.get_many(drifted) == {key: tables[key] for key in drifted}
    assert os.stat(cache.pack_path).st_ino != made.st_ino
    assert StageCache(tmp_path, COLUMNS)._read_pack() == {key: tables[key] for key in drifted}
    # Small requests (a pool's batch) never read nor write it
    assert cache.get_many(keys[:10]) == {key: tables[key] for key in keys[:10]}
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted([CACHE_FILE, cache.pack_path.name])


@pytest.mark.parametrize("damage", [
    lambda data: data[:-5],                                        # cut short
    lambda data: b"X" + data[1:],                                  # a table changed
    lambda data: b"no pack",                                       # not a pack at all
    lambda data: b"",                                              # empty
    lambda data: data.replace(b'"format":[2', b'"format":[9', 1),  # another format
])
def test_cache_damaged_pack_is_a_miss_and_is_replaced(tmp_path, damage):
    from checker.cache import PACK_FROM

    cache = StageCache(tmp_path, COLUMNS)
    tables = {f"g1:doc-{number}": encode_table([{**RECORDS[0], "start": number}], COLUMNS)
              for number in range(PACK_FROM)}
    cache.put_many(tables)
    cache.get_many(tables)
    cache.pack_path.write_bytes(damage(cache.pack_path.read_bytes()))
    assert cache._read_pack() == {}
    assert cache.get_many(tables) == tables    # every table from SQLite, and the pack made again
    assert cache._read_pack() == tables


def test_cache_unwritable_folder_only_costs_speed(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    cache = StageCache(blocker, COLUMNS)
    cache.put("K", TABLE)  # must not raise
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
