"""audit.json's fast writer: byte for byte what json.dumps with indent=2 writes, on real and awkward records."""
from __future__ import annotations

import copy
import enum
import json
from collections import OrderedDict

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

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


@pytest.mark.parametrize("value, by_orjson", [
    (2.5, True), (94000.0, True), (0.0001, True), (1e15, True), (2**63 + 1, True), ("café 🚢 \u2028\x1f", True),
    (1e-05, False), (1e16, False), (-1.5e-07, False), (2**70, False), (np.float64(2.5), False),
    (Label("tagged"), False), ({1: "int key"}, False), ("a note: 1e5, 0.00001", True),
])
def test_report_json_orjson_writes_only_what_it_writes_as_json_dumps(value, by_orjson):
    # orjson writes the whole text in one call, except where its bytes might differ (a float repr() writes in
    # exponent form, a type it would write otherwise): then the item-by-item writer does, to the same bytes
    from checker.report.json_report import orjson_text as _orjson_text

    records = wrapped(value)
    assert (_orjson_text(records) is not None) == by_orjson
    assert render_json(records) == reference(records)


def test_report_json_demo_audit_is_written_by_orjson(demo_records):
    from checker.report.json_report import orjson_text as _orjson_text

    assert _orjson_text(demo_records) == reference(demo_records)


_json_trees = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-2**65, max_value=2**65) | st.text()
    | st.floats(allow_nan=True, allow_infinity=True) | st.floats(min_value=-1e-3, max_value=1e-3),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4),
    max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(max_size=5), _json_trees, max_size=5))
def test_report_json_any_tree_is_written_as_json_dumps_writes_it(records):
    assert render_json(records) == reference(records)


def _compact_reference(value):
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)


@pytest.mark.parametrize("name", sorted(AWKWARD_VALUES))
def test_report_json_sidecar_lines_are_written_as_json_dumps_writes_them(name):
    # A large corpus's sidecars (checker.report.split) are compact JSON lines, written by orjson where its bytes
    # are json's
    from checker.report.split import _json

    value = plain(wrapped(AWKWARD_VALUES[name]))
    try:
        expected = _compact_reference(value)
    except ValueError:    # NaN: json refuses it (plain() has made it null, so this is never reached)
        pytest.skip("json refuses the value")
    assert _json(value) == expected


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(max_size=5), _json_trees, max_size=5))
def test_report_json_sidecar_line_of_any_tree_is_json_dumps(records):
    from checker.report.split import _json

    records = plain(records)
    assert _json(records) == _compact_reference(records)


@pytest.mark.parametrize("items", [1, 2, 1000])
@pytest.mark.parametrize("name", sorted(AWKWARD_VALUES))
def test_report_json_blocks_of_a_large_audit_are_the_same_text(monkeypatch, name, items):
    # A large corpus's audit.json is written key by key, and a long list or dict ITEMS_PER_BLOCK items at a time, as
    # UTF-8 blocks (memory): joined, they are the text render_json writes, by orjson's pieces or, where orjson might
    # write a value otherwise, by the whole walk
    from checker.report import json_report

    monkeypatch.setattr(json_report, "ITEMS_PER_BLOCK", items)
    records = {**wrapped(AWKWARD_VALUES[name]), "many": [{"id": str(n), "n": n} for n in range(5)], "empty": [],
               "by_source": {f"s{n}": [{"fact": "f", "n": n}] for n in (3, 10, 1, 0, 2)}, "none": {}}
    blocks = list(json_report.json_blocks(records))
    assert all(isinstance(block, (bytes, memoryview)) for block in blocks)
    assert b"".join(blocks).decode("utf-8") == reference(records)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(max_size=5), st.lists(_json_trees, max_size=6) | _json_trees, max_size=5),
       st.sampled_from([1, 2, 3]))
def test_report_json_blocks_of_any_tree_are_render_json(records, items):
    from checker.report import json_report

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(json_report, "ITEMS_PER_BLOCK", items)
        assert b"".join(json_report.json_blocks(records)) == render_json(records).encode("utf-8")
