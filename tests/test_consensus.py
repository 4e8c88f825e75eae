"""Consensus and source reliability (checker.consensus), on statements the tests generate and on real audits."""
from __future__ import annotations

import json
import math
import random
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from checker import consensus
from checker.audit import run_audit
from checker.catalog import load_catalog
from checker.errors import CheckerError
from checker.report import render_reports
from tests.seeds import seeds_path

ROOT = Path(__file__).resolve().parents[1]


def statement(fact, source, value, quote, *, as_of="2024-01-10", changes="none", modality="reported", low=None,
              high=None, kind="count", number=0):
    """One reconciled observation, as checker.reconcile hands it on."""
    low = value if low is None else low
    high = value if high is None else high
    day = float(date.fromisoformat(as_of).toordinal())
    return {"observation": f"{fact}/{source}@{number}", "fact": fact, "source": source, "value_text": str(value),
            "quote": quote, "low": low, "high": high, "kind": kind, "unit": "thing", "modality": modality,
            "as_of": as_of, "as_of_ord_low": day, "as_of_ord_high": day,
            "cmp_low": -math.inf if low is None else float(low), "cmp_high": math.inf if high is None else float(high),
            "changes": changes, "window_days": 0, "assertive": modality == "reported", "moved": True}


def generated(accuracies: list[float], facts: int = 300, seed: int = 0, coverage: float = 0.7) -> pd.DataFrame:
    """Sources of known accuracy: each states a fact with probability `coverage`, the true value with
    probability its accuracy, else one of five wrong values (so wrong sources sometimes agree), each in
    words of its own."""
    rng = random.Random(seed)
    rows = []
    for number in range(facts):
        truth = rng.randint(100, 999)
        wrong = [truth + step for step in (-37, 11, 53, 90, -71)]
        for index, accuracy in enumerate(accuracies):
            if rng.random() > coverage:
                continue
            value = truth if rng.random() < accuracy else rng.choice(wrong)
            rows.append(statement(f"f{number}", f"s{index}", value,
                                  f"Outlet {index} put it its own way {rng.random():.6f} for item {number}: {value}."))
    return pd.DataFrame(rows)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_consensus_reliability_ranks_generated_sources_by_their_accuracy(seed):
    accuracies = [0.95, 0.8, 0.65, 0.5, 0.35]
    result = consensus.estimate(generated(accuracies, seed=seed))
    estimated = result.reliability.set_index("source")["reliability"]
    assert list(estimated.sort_values(ascending=False).index) == [f"s{i}" for i in range(len(accuracies))]
    assert all(0 < value < 1 for value in estimated)


def test_consensus_result_crosses_processes_unchanged_its_track_records_sharing_keys():
    # The audit gets the consensus from another process, pickled: the track records' entries travel as values and
    # are made again as dicts sharing one table of keys (the memory of a large corpus), equal to what was sent.
    import pickle
    import sys

    from checker.consensus_words import TRACK_FIELDS
    from checker.records import _plain_track, _plain_tree

    result = consensus.estimate(generated([0.9, 0.7, 0.5], facts=40))
    back = pickle.loads(pickle.dumps(result))
    pd.testing.assert_frame_equal(back.reliability, result.reliability)
    pd.testing.assert_frame_equal(back.windows, result.windows)
    assert back.by_observation == result.by_observation
    entries = [entry for facts in back.reliability["facts"] for entry in facts]
    assert len(entries) > 40 and all(tuple(entry) == TRACK_FIELDS for entry in entries)
    lone = dict(zip(TRACK_FIELDS, tuple(entries[0].values())))
    assert sys.getsizeof(entries[0]) < sys.getsizeof(lone)   # a shared table of keys, not one of its own
    # audit.json's track records take the entries as they are, and write what _plain_tree wrote of them
    for facts in back.reliability["facts"]:
        assert _plain_track(facts) == _plain_tree(facts) and all(a is b for a, b in zip(_plain_track(facts), facts))
    # a frame whose entries are not the consensus's own (another order of keys) travels as it is, and is sorted
    odd = consensus.ConsensusResult(result.windows, result.reliability.assign(
        facts=[[dict(reversed(list(entry.items()))) for entry in facts] for facts in result.reliability["facts"]]))
    again = pickle.loads(pickle.dumps(odd))
    assert [list(entry) for entry in again.reliability["facts"][0]] == [list(reversed(TRACK_FIELDS))] * len(
        again.reliability["facts"][0])
    assert [list(entry) for entry in _plain_track(again.reliability["facts"][0])] == [list(TRACK_FIELDS)] * len(
        again.reliability["facts"][0])


def test_consensus_beats_majority_on_generated_sources():
    """Weighing sources by their track record finds the truth at least as often as counting votes."""
    accuracies = [0.9, 0.85, 0.45, 0.4, 0.35, 0.3]
    rng = random.Random(5)
    rows, truths = [], {}
    for number in range(200):
        truth = rng.randint(100, 999)
        truths[f"f{number}"] = truth
        wrong = [truth + 7, truth + 13]   # few wrong values: weak sources often agree on one
        for index, accuracy in enumerate(accuracies):
            value = truth if rng.random() < accuracy else rng.choice(wrong)
            rows.append(statement(f"f{number}", f"s{index}", value, f"Source {index} words {rng.random():.6f}: {value}"))
    frame = pd.DataFrame(rows)
    windows = consensus.estimate(frame).windows
    right = sum(1 for w in windows.to_dict("records") if w["status"] != "none" and w["low"] == truths[w["fact"]])
    majority = 0
    for fact, group in frame.groupby("fact"):
        counts = group["low"].value_counts()
        if len(counts) == 1 or counts.iloc[0] > counts.iloc[1]:
            majority += counts.index[0] == truths[fact]
    assert right > majority


def test_consensus_one_against_one_is_no_consensus():
    frame = pd.DataFrame([statement("meetings", "a", 7, "seven council meetings have taken place"),
                          statement("meetings", "b", 10, "with 10 meetings occurring between 2016 and 2019")])
    [window] = consensus.estimate(frame).windows.to_dict("records")
    assert window["status"] == "none" and window["low"] is None and window["weight_share"] is None
    assert window["text"].startswith("1 against 1: no consensus")


def test_consensus_two_against_one_is_a_majority_with_its_share():
    frame = pd.DataFrame([statement("depth", "a", 12, "the quake was 12 km deep, the institute said"),
                          statement("depth", "b", 12, "a shallow hypocentre twelve kilometres down"),
                          statement("depth", "c", 21, "the 21 km deep quake")])
    [window] = consensus.estimate(frame).windows.to_dict("records")
    assert (window["status"], window["low"], window["high"]) == ("majority", 12, 12)
    assert (window["support_sources"], window["total_sources"], window["voices"]) == (2, 3, 2)
    assert 0.5 < window["weight_share"] < 1
    assert window["supporters"] == ["a", "b"] and window["dissenters"] == ["c"]
    assert "2 of 3 sources" in window["text"] and "c says 21" in window["text"]


def test_consensus_an_open_interval_supports_every_value_above_it():
    frame = pd.DataFrame([statement("troops", "a", None, "more than 94,000 troops", low=94000, high=None),
                          statement("troops", "b", 100000, "about 100,000 troops", low=100000, high=100000),
                          statement("troops", "c", 60000, "some 60,000 troops", low=60000, high=60000)])
    [window] = consensus.estimate(frame).windows.to_dict("records")
    assert window["status"] == "majority" and (window["low"], window["high"]) == (100000, 100000)
    assert window["supporters"] == ["a", "b"]


def test_consensus_copied_wording_is_one_voice():
    wire = "The council has met seven times since 2016, officials said on Friday in Brussels."
    frame = pd.DataFrame([statement("meetings", "wire-a", 7, wire),
                          statement("meetings", "wire-b", 7, wire.replace("Friday", "Friday,")),
                          statement("meetings", "reporter", 10, "Ten meetings took place, our count shows.")])
    [window] = consensus.estimate(frame).windows.to_dict("records")
    # Two copies of one wire story are one voice against one: no consensus, and the text says why.
    assert window["total_voices"] == 2 and window["total_sources"] == 3
    assert window["status"] == "none" and "same wording: wire-a, wire-b" in window["text"]


def test_consensus_windows_follow_change_over_time():
    frame = pd.DataFrame([statement("members", "a", 30, "the 30 members", as_of="2021-12-17", changes="any"),
                          statement("members", "b", 30, "all 30 allies", as_of="2022-01-12", changes="any"),
                          statement("members", "c", 32, "the 32 members", as_of="2024-10-01", changes="any")])
    windows = consensus.estimate(frame).windows.to_dict("records")
    assert [(w["status"], w["low"], w["as_of"]) for w in windows] == [
        ("unanimous", 30, "2021-12-17 to 2022-01-12"), ("single", 32, "2024-10-01")]


def test_consensus_projections_do_not_vote_and_plans_are_weighed_apart():
    frame = pd.DataFrame([statement("cost", "a", 12, "cost 12", number=1),
                          statement("cost", "b", 12, "cost was 12", number=2),
                          statement("cost", "c", 40, "could reach 40", modality="projected", number=3),
                          statement("cost", "d", 15, "will cost 15", modality="planned", number=4)])
    windows = consensus.estimate(frame).windows.to_dict("records")
    assert [(w["claim"], w["status"], w["low"]) for w in windows] == [("planned", "single", 15),
                                                                      ("reported", "unanimous", 12)]


def test_consensus_is_linear_enough_for_a_fact_stated_thousands_of_times():
    rows = [statement("big", f"s{i}", 100 + (i % 3 == 0), f"words {i} of source {i}: the count", number=i)
            for i in range(3000)]
    result = consensus.estimate(pd.DataFrame(rows))
    [window] = result.windows.to_dict("records")
    assert window["status"] == "majority" and window["low"] == 100 and window["total_sources"] == 3000


# --- on real audits ------------------------------------------------------------------------------------


@pytest.mark.skipif(seeds_path() is None, reason="the seeds corpus (../shared/seeds) is not here")
def test_consensus_on_the_seeds(tmp_path):
    result = run_audit(seeds_path(), ROOT / "facts", ROOT / "expectations", discover=False)
    records = result.as_records()
    by_fact = {}
    for finding in records["findings"]:
        by_fact.setdefault(finding["fact"], []).append(finding)
    [meetings] = [f for f in by_fact["council_meetings_since_2016"] if f["status"] == "conflict"]
    assert meetings["status"] == "conflict"   # consensus never hides the conflict
    [split] = meetings["consensus"]
    assert split["status"] == "none" and split["text"].startswith("1 against 1: no consensus")
    members = [entry for f in by_fact["alliance_members"] for entry in f["consensus"]]
    values = {(entry["low"], entry["as_of_low"][:4], entry["as_of_high"][:4]) for entry in members
              if entry["status"] != "none"}
    assert values == {(30, "2021", "2022"), (32, "2024", "2024")}
    reliable = {s["id"]: s["reliability"] for s in records["sources"]}
    assert all(value is None or 0 < value < 1 for value in reliable.values())
    assert set(records["track_records"]) == set(reliable)


@pytest.mark.skipif(seeds_path() is None, reason="the seeds corpus (../shared/seeds) is not here")
def test_consensus_reports_are_byte_identical_across_runs():
    first = render_reports(run_audit(seeds_path(), ROOT / "facts", ROOT / "expectations"))
    second = render_reports(run_audit(seeds_path(), ROOT / "facts", ROOT / "expectations"))
    assert first["audit.json"] == second["audit.json"] and first["audit.md"] == second["audit.md"]
    assert json.loads(first["audit.json"])["findings"][0]["consensus"]


# --- references (CK301, run by Great Expectations) ------------------------------------------------------

HOMES = {
    "fire-service": ("fire.txt", "2024-08-06", "The Dunmere fire destroyed 112 homes, the fire service said."),
    "gazette": ("gazette.txt", "2024-08-06", "In Dunmere, 121 homes were destroyed by the fire."),
    "herald": ("herald.txt", "2024-08-07", "The Dunmere fire has destroyed 112 homes, officials said on Wednesday."),
}
CATALOG = """\
story: dunmere
applies_when: [Dunmere]
facts:
  - key: homes_destroyed
    label: Homes destroyed by the fire
    kind: count
    unit: home
    context: [destroyed]
    changes: none
"""


def corpus(tmp_path: Path, authority: str | None = None) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    entries = []
    for doc_id, (name, published, text) in HOMES.items():
        (folder / name).write_text(text, encoding="utf-8")
        entry = {"id": doc_id, "file": name, "published": published}
        if doc_id == authority:
            entry["authority"] = True
        entries.append(entry)
    (folder / "manifest.json").write_text(json.dumps({"documents": entries}), encoding="utf-8")
    return folder


def catalog(tmp_path: Path, reference: str = "") -> Path:
    path = tmp_path / "facts.yaml"
    path.write_text(CATALOG + reference, encoding="utf-8")
    return path


def conflicts(result) -> list[dict]:
    return [f for f in result.as_records()["findings"] if f["status"] == "conflict"]


def test_consensus_catalog_reference_value_makes_a_conflict_listed_first(tmp_path):
    result = run_audit(corpus(tmp_path), catalog(tmp_path, "    reference: {value: 112, source: fire service}\n"),
                       None, discover=False)
    found = conflicts(result)
    assert [f["rule"].split()[0] for f in found] == ["CK301", "CK101"]
    against = found[0]
    assert against["reference"] == "112 homes (fire service)"
    assert against["message"].startswith("Contradicts the reference for Homes destroyed by the fire")
    assert [o.split("/")[1].split("@")[0] for o in against["observations"]] == ["gazette"]
    assert [r["code"] for r in result.rule_results if not r["success"]] == ["CK101", "CK301"]
    # The reference fixes the truth while reliabilities are estimated.
    sources = {s["id"]: s for s in result.as_records()["sources"]}
    assert sources["gazette"]["disagreements"] == 1 and sources["herald"]["agreements"] == 1


def test_consensus_manifest_authority_is_the_reference(tmp_path):
    result = run_audit(corpus(tmp_path, authority="fire-service"), catalog(tmp_path), None, discover=False)
    found = conflicts(result)
    assert found[0]["rule"].startswith("CK301") and "fire-service, authoritative" in found[0]["reference"]
    assert {s["id"]: s["authority"] for s in result.as_records()["sources"]} == {
        "fire-service": True, "gazette": False, "herald": False}


def test_consensus_of_the_columns_it_reads_is_the_consensus_of_the_whole_frame(tmp_path):
    # The audit sends the process that works out the consensus only the columns estimate reads (read_columns)
    from checker.references import reference_rows

    result = run_audit(corpus(tmp_path, authority="fire-service"), catalog(tmp_path, "    reference: {value: 121}\n"),
                       None, discover=False)
    whole, part = result.observations, consensus.read_columns(result.observations)
    assert len(part.columns) == len(consensus.READ_COLUMNS) < len(whole.columns)
    assert reference_rows(part, result.catalog) == reference_rows(whole, result.catalog) != {}
    one, other = (consensus.estimate(frame, reference_rows(frame, result.catalog), sources=["quiet"])
                  for frame in (whole, part))
    pd.testing.assert_frame_equal(one.windows, other.windows)
    pd.testing.assert_frame_equal(one.reliability, other.reliability)
    assert one.by_observation == other.by_observation != {}


def test_consensus_reference_that_agrees_fails_nothing(tmp_path):
    result = run_audit(corpus(tmp_path), catalog(tmp_path, "    reference: {value: 121}\n"), None, discover=False)
    found = conflicts(result)
    assert [f["rule"].split()[0] for f in found] == ["CK301", "CK101"]
    assert [o.split("/")[1].split("@")[0] for o in found[0]["observations"]] == ["fire-service", "herald"]


@pytest.mark.parametrize("reference,message,line", [
    ("    reference: 112\n", "each reference must be a mapping", 10),
    ("    reference: {value: 112, by: me}\n", "unknown reference key 'by'", 10),
    ("    reference: {as_of: 2024}\n", "a reference names a value, a source, or both", 10),
    ("    reference: {value: many}\n", "a reference value is a number", 10),
    ("    reference: {value: [5, 3]}\n", "reference low 5 is above high 3", 10),
    ("    reference:\n      value: 1\n      as_of: soon\n", "reference as_of is a date", 12),
])
def test_consensus_catalog_reference_errors_name_file_and_line(tmp_path, reference, message, line):
    path = catalog(tmp_path, reference)
    with pytest.raises(CheckerError) as error:
        load_catalog(path)
    assert message in str(error.value) and f"{path}:{line}" in str(error.value)


def test_consensus_manifest_authority_must_be_a_boolean(tmp_path):
    folder = corpus(tmp_path)
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["documents"][0]["authority"] = "yes"
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=1))
    with pytest.raises(CheckerError, match="'authority' of 'fire.txt' must be true or false"):
        run_audit(folder, catalog(tmp_path), None)


def test_consensus_runs_on_a_generated_corpus_where_claims_hold_bounds_no_voice_has(tmp_path):
    """A source's statement whose bounds no voice of its window has (a plan among reports) once raised KeyError
    on most generated corpora (seed 11 of benchmarks/cache_speed.py); it now covers the points inside it."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from cache_speed import make_corpus

    from checker.audit import run_audit

    make_corpus(tmp_path / "c", 200, 11)
    result = run_audit(tmp_path / "c", facts=None, expectations=None)
    assert len(result.findings) and result.reliability is not None


@given(st.lists(st.floats(min_value=0.1, max_value=0.99), min_size=1, max_size=40))
@settings(max_examples=300, deadline=None)
def test_consensus_voice_weight_is_numpys_mean_bit_for_bit(values):
    import numpy as np

    assert consensus._mean(values) == float(np.mean(values))


@given(st.lists(st.sampled_from([-math.inf, -5.0, 0.0, 1.0, 2.5, 3.0, 10.0, 99.5, math.inf]), min_size=1, unique=True),
       st.dictionaries(st.sampled_from(["a", "b", "c"]),
                       st.lists(st.tuples(st.sampled_from([-math.inf, -7.0, -5.0, 0.0, 0.5, 1.0, 3.0, 50.0, 99.5]),
                                          st.sampled_from([-5.0, 0.0, 1.0, 2.0, 3.0, 10.0, 120.0, math.inf])),
                                min_size=1, max_size=4), min_size=1))
@settings(max_examples=300, deadline=None)
def test_consensus_claims_cover_the_points_one_search_per_end_finds(ends, intervals):
    # _claims places every source's merged intervals on the window's points at once; each must cover what
    # _position finds for it alone: from the first point at or after its low end to the last at or before its high
    intervals = {source: [(low, high) for low, high in pairs if low <= high] or [(0.0, 0.0)]
                 for source, pairs in intervals.items()}
    ends = sorted(ends)
    searched = consensus.SEARCHED_TOGETHER
    try:
        consensus.SEARCHED_TOGETHER = 0   # NumPy's search, whatever the count
        claims = consensus._claims(ends, intervals)
    finally:
        consensus.SEARCHED_TOGETHER = searched
    for source, pairs in intervals.items():
        spans = [(consensus._position(ends, low, True), consensus._position(ends, high, False))
                 for low, high in consensus.merge(pairs)]
        spans = [(a, b) for a, b in spans if a is not None and b is not None and a <= b]
        starts, stops = claims[source]
        assert starts.tolist() == [a for a, _ in spans] and stops.tolist() == [b for _, b in spans]
        assert starts.dtype == stops.dtype == "int64"
