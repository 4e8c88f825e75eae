"""audit.json's fast writer: byte for byte what json.dumps with indent=2 writes, on real and awkward records."""
from __future__ import annotations

import copy
import enum
import json
from collections import OrderedDict

import numpy as np
import pytest

from checker.report.json_report import plain, render_json

try:  # tests/ as a package (tests/__init__.py) or as a plain folder on sys.path
    from tests.test_report_fixture import audit_fixture
except ImportError:
    from test_report_fixture import audit_fixture


def reference(records) -> str:
    """The layout audit.json promises, from the standard library's own (pure-Python, indented) encoder."""
    return json.dumps(plain(records), indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False) + "\n"


class Level(enum.IntEnum):
    HIGH = 3


class Label(str):
    pass


AWKWARD_VALUES = {
    "unicode": "café – 东京 🚢 \u2028 line\u2029 end",
    "controls": "tab\there, nul\x00, esc\x1b, del\x7f, cr\r, lf\n",
    "quotes and slashes": 'say "hi" \\ C:\\path /slash',
    "record-shaped text": '},\n      {"id": "x"}, ]',
    "ends in a brace": "{ value }",
    "nan": float("nan"),
    "infinities": [float("inf"), float("-inf")],
    "numpy nan": np.float64("nan"),
    "small float": 1e-07,
    "large whole float": 1674500000000.0,
    "float repr edge cases": [0.1, -0.0, 1e16, 5e-324, 2.5, 1.7976931348623157e308],
    "big int": 2**70,
    "numpy scalars": [np.int64(7), np.float64(2.5), np.bool_(True), np.float32(0.5)],
    "bools and null": [True, False, None],
    "empty containers": [{}, [], {"inner": {}}, {"inner": []}],
    "nested lists": [[1, [2, [3, []]]], ["a", ["b"]]],
    "tuple": (1, "two", 3.0),
    "str and int subclasses": [Label("tagged"), Level.HIGH],
    "dict subclass": OrderedDict([("b", 1), ("a", 2)]),
    "non-string keys": {2: "two", 10: "ten", 1.5: "one and a half", None: "none", True: "yes"},
    "keys equal once written": {1: "int key", "1": "str key"},
    "records with an empty one": [{"a": 1}, {}, {"b": 2}],
    "records with a nan": [{"low": 1.0, "high": float("nan")}, {"low": 2, "high": 3}],
    "records with a nested list": [{"flags": ["x", "y"], "n": 1}, {"flags": [], "n": 2}],
    "flat records": [{"id": f"s@{i}", "low": i / 3, "high": None, "ok": i % 2 == 0} for i in range(5)],
}


def wrapped(value) -> dict:
    """The value at every depth the records put values: top level, in a flat record, in a list of records,
    in a record nested inside a list inside a dict, and as a key's whole list."""
    return {
        "top": value,
        "flat": {"id": "x", "value": value},
        "records": [{"id": "a", "value": value}, {"id": "b", "value": value}],
        "deep": {"mentions": [{"source": "s", "items": [{"value": value, "start": 1}]}]},
        "list": [value, value],
    }


@pytest.mark.parametrize("name", sorted(AWKWARD_VALUES))
def test_report_json_fast_writer_matches_json_dumps_on_awkward_values(name):
    records = wrapped(AWKWARD_VALUES[name])
    assert render_json(records) == reference(records)


def test_report_json_fast_writer_matches_json_dumps_on_all_awkward_values_together():
    records = {**audit_fixture(payload=True), "awkward": {name: wrapped(v) for name, v in AWKWARD_VALUES.items()}}
    assert render_json(records) == reference(records)


@pytest.fixture(scope="module")
def demo_records():
    from checker.audit import run_audit

    return run_audit(None).as_records()


def test_report_json_fast_writer_matches_json_dumps_on_the_demo_audit(demo_records):
    assert demo_records["mentions"] and demo_records["texts"]
    assert render_json(demo_records) == reference(demo_records)


def test_report_json_fast_writer_matches_json_dumps_on_edited_demo_records(demo_records):
    """Real records with awkward values put where the contract has numbers, dates and text."""
    records = copy.deepcopy(demo_records)
    observation = records["observations"][0]
    observation.update(low=float("nan"), high=1674500000000.0, tolerance=1e-07, quote="« 東京 » \"q\" \\ \u2028")
    records["mentions"][0]["items"][0]["low"] = float("inf")
    records["mentions"].append({"source": "empty", "count": 0, "items": []})
    records["texts"]["empty"] = ""
    records["facts"].append({"key": "odd", "unit": [], "range": [None, 1e-07], "extra": {}})
    assert render_json(records) == reference(records)


@pytest.mark.parametrize("value", [object(), {"nested": {1, 2}}, [b"bytes"]])
def test_report_json_fast_writer_refuses_what_json_dumps_refuses(value):
    with pytest.raises(TypeError):
        reference({"value": value})
    with pytest.raises(TypeError):
        render_json({"value": value})
