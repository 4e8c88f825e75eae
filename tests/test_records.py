"""The audit records: rows built column by column hold exactly what a row-by-row conversion gives."""
from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd
import pytest

from checker.audit import run_audit
from checker.records import MENTION_FIELDS, OBSERVATION_FIELDS, SOURCE_FIELDS, audit_records, plain, with_meant_interval


def row_by_row(frame, id_column: str, fields) -> list[dict]:
    """The straightforward conversion: every cell boxed by pandas, then plain()."""
    return [{"id": row[id_column], **{k: plain(row[k]) for k in fields}} for row in frame.to_dict("records")]


def typed(value):
    """Equality that also tells 7 from 7.0 from True, and None from NaN."""
    if isinstance(value, dict):
        return [(key, typed(item)) for key, item in value.items()]
    if isinstance(value, list):
        return [typed(item) for item in value]
    return type(value).__name__, repr(value)


def mention_items(frame) -> list[dict]:
    ordered = frame.sort_values(["source", "start", "end"])
    return [with_meant_interval({k: plain(row[k]) for k in MENTION_FIELDS}) for row in ordered.to_dict("records")]


@pytest.fixture
def ferry_audit(ferry_corpus, ferry_facts, no_suites):
    return run_audit(ferry_corpus, ferry_facts, no_suites)


def awkward(result):
    """The same audit with the cells a pipeline change could leave behind: missing strings, NaN bounds,
    whole floats, NumPy scalars in object columns, a nullable integer column."""
    observations = result.observations.copy()
    observations["unit"] = observations["unit"].astype("string")
    observations.loc[observations.index[0], "unit"] = pd.NA
    observations["low"] = observations["low"].astype(object)
    observations.loc[observations.index[0], "low"] = np.float64("nan")
    observations.loc[observations.index[1], "low"] = np.int64(12)
    observations["tolerance"] = 2.0
    observations["line"] = observations["line"].astype("Int64")
    mentions = result.mentions.copy()
    mentions["high"] = mentions["high"].astype(object)
    mentions.loc[mentions.index[0], "high"] = None
    mentions.loc[mentions.index[1], "high"] = np.float64(1e-07)
    documents = result.documents.copy()
    documents.loc[documents.index[0], "title"] = np.nan
    return dataclasses.replace(result, observations=observations, mentions=mentions, documents=documents)


@pytest.mark.parametrize("variant", ["as audited", "awkward cells"])
def test_records_rows_equal_the_row_by_row_conversion(ferry_audit, variant):
    result = ferry_audit if variant == "as audited" else awkward(ferry_audit)
    records = audit_records(result)
    assert records["observations"] and records["mentions"]
    documents = result.documents.sort_values("source")
    # Sources also carry their authority flag and reliability (checker.consensus), compared elsewhere.
    shown = [{key: source[key] for key in ("id", *SOURCE_FIELDS)} for source in records["sources"]]
    assert typed(shown) == typed(row_by_row(documents, "source", SOURCE_FIELDS))
    assert typed(records["observations"]) == typed([with_meant_interval(row) for row in row_by_row(
        result.observations, "observation", OBSERVATION_FIELDS)])
    items = [item for per_source in records["mentions"] for item in per_source["items"]]
    assert typed(items) == typed(mention_items(result.mentions))
    assert [m["count"] for m in records["mentions"]] == [len(m["items"]) for m in records["mentions"]]
    assert records["texts"] == dict(zip(documents["source"], documents["text"]))


def test_records_cells_are_plain_json_values(ferry_audit):
    records = audit_records(awkward(ferry_audit))
    rows = records["sources"] + records["observations"] + [i for m in records["mentions"] for i in m["items"]]
    for row in rows:
        for key, value in row.items():
            assert value is None or type(value) in (str, int, float, bool), (key, value)
            assert not (type(value) is float and value.is_integer()), (key, value)  # whole floats read as ints
    first = records["observations"][0]
    assert first["low"] is None and first["unit"] is None and first["tolerance"] == 2 and type(first["line"]) is int


@pytest.mark.parametrize("variant", ["as audited", "awkward cells"])
@pytest.mark.parametrize("walk", ["in order", "reversed", "shuffled, then in order", "twice", "shuffled often"])
def test_records_lazy_mention_items_are_the_same_in_any_walk(ferry_audit, variant, walk, monkeypatch):
    # Lazy records (the CLI's) make each source's mention items on demand, a block of the sorted table at a time when
    # sources are walked in order, sliced from every column read once when a walk goes out of order (the pages of
    # sources in date order): either way the items are those of the eager records, typed value for value
    import random

    import checker.rows

    monkeypatch.setattr(checker.rows, "CHUNK", 3)   # blocks far smaller than the corpus: many of them
    result = ferry_audit if variant == "as audited" else awkward(ferry_audit)
    eager = {entry["source"]: entry["items"] for entry in audit_records(result)["mentions"]}
    lazy = {entry["source"]: entry["items"] for entry in audit_records(result, lazy=True)["mentions"]}
    sources = sorted(lazy)
    assert len(sources) > 2 and sum(map(len, lazy.values())) > 3 * 3
    order = {"in order": sources, "reversed": sources[::-1], "twice": sources + sources,
             "shuffled, then in order": random.Random(5).sample(sources, len(sources)) + sources,
             # out of order more often than there are blocks: the whole table read once, each source sliced from it
             "shuffled often": [s for n in range(12) for s in random.Random(n).sample(sources, len(sources))]}[walk]
    for source in order:
        assert typed(list(lazy[source])) == typed(eager[source]), source


def test_records_lazy_mention_items_of_one_source_out_of_order_read_its_block_only(ferry_audit, monkeypatch):
    # A re-audit after one edit writes the sidecar of the edited source alone: a walk of one source in the middle
    # converts the block of the sorted table it starts in, not every row of the table (walks out of order as many as
    # the blocks read it whole once: test_records_lazy_mention_items_are_the_same_in_any_walk walks them so)
    import checker.records
    import checker.rows

    monkeypatch.setattr(checker.rows, "CHUNK", 3)
    converted = []
    real = checker.records.meant_values
    monkeypatch.setattr(checker.records, "meant_values",
                        lambda keys, rows, share=None: converted.append(len(rows := list(rows)))
                        or real(keys, rows, share))
    lazy = {entry["source"]: entry["items"] for entry in audit_records(ferry_audit, lazy=True)["mentions"]}
    converted.clear()   # the observations' records
    sources = sorted(lazy)
    total = sum(map(len, lazy.values()))
    middle = sources[len(sources) // 2]
    assert len(list(lazy[middle])) and sum(converted) <= 2 * 3 < total


def test_records_plain_tree_is_plain_all_the_way_down():
    # a dict of plain values alone is taken as it is (sorted): the result is the walk of every value's
    from hypothesis import given, settings, strategies as st

    from checker.records import _plain_tree

    def walked(value):   # every value through plain(), as the records make them
        if isinstance(value, dict):
            return {str(k): walked(v) for k, v in sorted(value.items())}
        if isinstance(value, (list, tuple)):
            return [walked(v) for v in value]
        return plain(value)

    atoms = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=3), st.floats(allow_nan=True),
                      st.integers(-5, 5).map(np.int64), st.floats(-5, 5).map(np.float64))
    trees = st.recursive(atoms, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                        st.dictionaries(st.text(max_size=2), inner, max_size=3)),
                         max_leaves=12)

    @settings(max_examples=300, deadline=None)
    @given(trees)
    def same(tree):
        made = _plain_tree(tree)
        assert repr(made) == repr(walked(tree)) and [type(v) for v in made.values()] == \
            [type(v) for v in walked(tree).values()] if isinstance(tree, dict) else repr(made) == repr(walked(tree))

    same()


def test_records_reliability_fields_are_the_consensus_rows_one_by_one(ferry_audit):
    # _add_reliability reads the reliability table's columns as lists (memory): the same fields as its rows read
    # one by one, a source the table lacks (no statement) with none
    import dataclasses

    result = dataclasses.replace(ferry_audit, reliability=ferry_audit.reliability.iloc[1:])
    rows = {row["source"]: row for row in result.reliability.to_dict("records")}
    assert rows and len(rows) < len(result.documents)
    records = audit_records(result)
    for source in records["sources"]:
        row = rows.get(source["id"])
        assert source["reliability"] == (plain(row["reliability"]) if row else None)
        assert [source[name] for name in ("claims", "agreements", "disagreements")] == \
            ([int(row[name]) for name in ("claims", "agreements", "disagreements")] if row else [0, 0, 0])
        assert records["track_records"][source["id"]] == (row["facts"] if row else [])


def test_records_rows_walk_one_function_with_each_ones_argument():
    # A large corpus's records hold a Rows per source, all walking one function with the source's own argument
    from checker.rows import Rows

    def chunks(bounds):
        first, last = bounds
        yield list(range(first, last))

    rows = Rows(3, chunks, (2, 5))
    assert list(rows) == [2, 3, 4] == list(rows) and len(rows) == 3 and rows[1] == 3 and rows[-1] == 4
    assert list(rows.map(str)) == ["2", "3", "4"]
    assert list(Rows(2, lambda: iter([[7, 8]]))) == [7, 8]        # no argument: chunks()
    assert list(Rows(1, lambda given: iter([[given]]), None)) == [None]   # None is an argument like any


@pytest.mark.parametrize("first, then, shared", [
    (int("1000"), int("1000"), True),          # equal ints: the first one's object
    (float("2.5"), float("2.5"), True),
    (int("3"), float("3.0"), False),           # equal keys, told apart by a JSON writer
    (int("1"), True, False),                   # a bool is no int here
    (float("1e20"), int("1" + "0" * 20), False),
    ("July 2019", " ".join(["July", "2019"]), False),   # anything else passes as it is
    (None, None, True),
])
def test_records_shared_numbers_give_one_object_for_equal_numbers_of_one_type(first, then, shared):
    from checker.records import SharedNumbers

    share = SharedNumbers()
    assert share(first) is first
    got = share(then)
    assert got == then and type(got) is type(then)
    assert (got is first) == shared or then is None


def test_records_statements_hold_one_object_per_number_of_their_bounds_and_offsets(ferry_audit):
    from checker.records import SHARED_FIELDS

    observations = audit_records(ferry_audit)["observations"]
    for field in (*SHARED_FIELDS, "stated_low", "stated_high"):
        numbers = [row[field] for row in observations if type(row[field]) in (int, float)]
        assert numbers
        assert len({id(number) for number in numbers}) == len({(type(n), n) for n in numbers}) or \
            all(-5 <= n <= 256 for n in numbers)   # (CPython's own small ints are one object each anyway)
