"""checker.sharedkeys: records that share one table of keys read, compare and write as the dicts they stand for."""
import json
import pickle
import platform
import sys

import orjson
import pytest

from checker import sharedkeys
from checker.sharedkeys import maker

KEYS = ("id", "source", "low", "high", "unit", "quote")
CASES = [
    ("texts and numbers", ("a@1-2", "a", 1, 2.5, "km", "It is 1 km.")),
    ("nulls", ("b@3-4", "b", None, None, None, "")),
    ("nested", ("c@5-6", "c", [1, 2], {"x": 1}, "USD", "é\u2029")),
]


@pytest.mark.parametrize("values", [values for _, values in CASES], ids=[name for name, _ in CASES])
def test_a_made_record_is_the_dict_of_its_items(values):
    made, plain = maker(KEYS)(values), dict(zip(KEYS, values))
    assert type(made) is dict and made == plain and list(made.items()) == list(plain.items())
    assert json.dumps(made) == json.dumps(plain) and orjson.dumps(made) == orjson.dumps(plain)
    assert pickle.dumps(made) == pickle.dumps(plain)
    assert {**made, "low": 0} == {**plain, "low": 0} and list({**made, "low": 0}) == list(KEYS)


def test_records_of_one_maker_are_apart():
    make = maker(KEYS)
    first, second = make(CASES[0][1]), make(CASES[1][1])
    first["low"] = 99
    first["extra"] = True
    del first["quote"]
    assert second == dict(zip(KEYS, CASES[1][1]))
    assert list(first) == ["id", "source", "low", "high", "unit", "extra"]
    assert list(make(CASES[2][1])) == list(KEYS)   # later records keep the maker's order


def test_keys_are_only_keys():
    # never set as attributes: a key named as one of Python's own is an item like any other
    keys = ("__class__", "__dict__", "__slots__", "")
    assert maker(keys)([1, 2, 3, 4]) == dict(zip(keys, [1, 2, 3, 4]))


def test_past_the_most_key_sets_records_are_plain_dicts(monkeypatch):
    monkeypatch.setattr(sharedkeys, "_makers", {})
    monkeypatch.setattr(sharedkeys, "MOST_KEY_SETS", 2)
    for number in range(4):
        keys = (f"k{number}", "v")
        assert maker(keys)([number, "x"]) == {f"k{number}": number, "v": "x"}
    assert len(sharedkeys._makers) == 2


@pytest.mark.skipif(platform.python_implementation() != "CPython", reason="key sharing is CPython's")
def test_records_take_less_memory_than_dicts():
    keys = tuple(f"field_{number}" for number in range(23))
    make = maker(keys)
    made = [make(range(23)) for _ in range(3)]
    assert sys.getsizeof(made[-1]) < sys.getsizeof(dict(zip(keys, range(23)))) / 2
