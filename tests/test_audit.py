"""The whole pipeline on a small corpus written for the tests, with the real grammar and real GX."""
import json

import pytest

from checker.audit import run_audit
from checker.report import write_reports


@pytest.fixture
def ferry_audit(ferry_corpus, ferry_facts, no_suites):
    return run_audit(ferry_corpus, ferry_facts, no_suites)


def by_fact(records, status):
    return {f["fact"] for f in records["findings"] if f["status"] == status}


def test_audit_finds_the_real_conflict_and_explains_look_alikes(ferry_audit):
    records = ferry_audit.as_records()
    assert by_fact(records, "conflict") == {"ferry_strikes"}
    conflict = next(f for f in records["findings"] if f["status"] == "conflict")
    values = sorted(o["value_text"] for o in records["observations"] if o["id"] in conflict["observations"])
    assert values == ["14", "nine"]
    assert "member_villages" in by_fact(records, "change_over_time")      # 12 in 2022, 15 in 2024
    assert "last_strike" in by_fact(records, "change_over_time")          # March 2021, then 2023
    assert "petition_signatures" in by_fact(records, "consistent")        # about 400 and more than 350


def test_audit_observations_keep_provenance(ferry_audit):
    records = ferry_audit.as_records()
    texts = records["texts"]
    assert records["observations"]
    for observation in records["observations"]:
        text = texts[observation["source"]]
        assert text[observation["start"]:observation["end"]] == observation["value_text"]
        assert observation["value_text"] in observation["quote"] or observation["quote"] in text
    strikes = {o["source"]: o for o in records["observations"] if o["fact"] == "ferry_strikes"}
    assert strikes["gazette-2022-04"]["as_of"] == "2021-12-31"               # "between 2018 and 2021"
    assert strikes["tide-2022-04"]["as_of"] == "2022-04-06"


def test_audit_projection_is_not_bound_as_a_report(ferry_corpus, tmp_path, no_suites):
    """ "The fare could rise to 40 euros next year" is a projection: bound as one, and never a conflict with a
    reported fare."""
    (ferry_corpus / "fares.txt").write_text("The Orla Island ferry fare is 32 euros this year.\n", encoding="utf-8")
    catalog = tmp_path / "fare.yaml"
    catalog.write_text("story: orla-fare\napplies_when: [Orla]\nfacts:\n  - key: fare\n    label: Ferry fare\n"
                       "    kind: money\n    unit: EUR\n    context: [fare]\n", encoding="utf-8")
    result = run_audit(ferry_corpus, catalog, no_suites, discover=False)
    modalities = {o["value_text"]: o["modality"] for o in result.as_records()["observations"]}
    assert modalities == {"40 euros": "projected", "32 euros": "reported"}
    assert set(result.findings["status"]) == {"modality_only"}


def test_audit_without_catalog_or_discovery_reports_every_mention(ferry_corpus, tmp_path, no_suites):
    result = run_audit(ferry_corpus, None, no_suites, discover=False)
    records = result.as_records()
    assert records["observations"] == [] and records["findings"] == []
    mentions = {m["source"]: m for m in records["mentions"]}
    assert set(mentions) == {"tide-2022-04", "gazette-2022-04", "post-2024-05"}
    assert any(item["value_text"] == "March 2021" for item in mentions["tide-2022-04"]["items"])
    assert all(m["count"] == len(m["items"]) > 0 for m in mentions.values())


def test_audit_reports_are_byte_identical_across_runs(ferry_corpus, ferry_facts, no_suites, tmp_path):
    first = write_reports(run_audit(ferry_corpus, ferry_facts, no_suites), tmp_path / "one")
    second = write_reports(run_audit(ferry_corpus, ferry_facts, no_suites), tmp_path / "two")
    for a, b in zip(sorted(first), sorted(second)):
        if a.suffix in (".json", ".md"):
            assert a.read_bytes() == b.read_bytes(), a.name
    assert json.loads((tmp_path / "one" / "audit.json").read_text())["schema_version"] == 1


def test_audit_of_long_text_imports_great_expectations_only_for_the_rules(ferry_corpus, ferry_facts, tmp_path):
    """A corpus of more than LONG_TEXT_CHARS of text has its peak memory in the per-document stages, which
    Great Expectations (about 130 MB resident) is not imported beside: the rules stage imports it, and the
    reports are the ones an audit that imported it first writes. In a new process, where GX is not yet imported."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    script = f"""
import hashlib, sys
import checker.audit as audit
from checker import discovery
from checker.report import render_reports
seen, real = [], discovery.discover
discovery.discover = lambda *a, **k: seen.append("great_expectations" in sys.modules) or real(*a, **k)
digests = []
for threshold in (0, audit.LONG_TEXT_CHARS):
    audit.LONG_TEXT_CHARS = threshold
    reports = render_reports(audit.run_audit({str(ferry_corpus)!r}, {str(ferry_facts)!r}, None))
    digests.append(hashlib.sha256(repr(sorted(reports.items())).encode()).hexdigest())
print(seen, digests[0] == digests[1], sorted(audit._settled))
"""
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(root)}, timeout=600)
    assert done.stdout.split("\n")[0] == "[False, True] True ['pandas', 'rules']", done.stderr[-2000:]


def test_discovery_groups_with_the_collector_paused_and_restores_it(monkeypatch):
    # Grouping makes no cyclic garbage and its collections grew with the rows held (checker.collector): it runs
    # with the collector off, which is back on after the audit, after a failure inside, and stays off when paused
    # outside already
    import gc

    from checker.audit import run_audit
    from checker.collector import paused_collections
    from checker.discovery import grouping

    seen = []
    real = grouping._group

    def observed(*args, **kwargs):
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(grouping, "_group", observed)
    assert gc.isenabled()
    run_audit(None)
    assert seen and not any(seen) and gc.isenabled()
    with pytest.raises(ZeroDivisionError):
        with paused_collections():
            1 / 0
    assert gc.isenabled()
    gc.disable()
    try:
        with paused_collections():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_an_audit_runs_the_collector_less_often_and_restores_it():
    # run_audit raises the collector's thresholds while it builds its tables and puts the process's back after,
    # also when the audit fails
    import gc

    from checker.audit import run_audit
    from checker.collector import fewer_collections
    from checker.errors import CheckerError

    before = gc.get_threshold()
    with fewer_collections():
        inside = gc.get_threshold()
    assert inside[0] >= 100_000 and inside[1] >= before[1] and gc.get_threshold() == before
    run_audit(None)
    assert gc.get_threshold() == before
    with pytest.raises(CheckerError):
        run_audit(None, engine="no-such-engine")
    assert gc.get_threshold() == before


def test_audit_answers_name_statements_by_row_and_come_back_with_the_frames_own_ids(ferry_audit):
    # The rules' results and the consensus come back from their processes naming each statement by its row
    # (memory: a string of its own per id otherwise); the audit puts back its frame's very ids
    from checker.audit import _by_id, _by_position, _rows

    results = ferry_audit.rule_results
    ids = ferry_audit.observations["observation"].tolist()
    named = [result for result in results if result.get("observations")]
    assert named and all(type(i) is str for result in named for i in result["observations"])
    sent = _by_position(results, _rows(ids))
    assert all(type(at) is int for result in sent if result.get("observations") for at in result["observations"])
    back = _by_id(sent, ids)
    assert back == results
    mine = {id(i) for i in ids}
    assert all(id(i) in mine for result in back if result.get("observations") for i in result["observations"])
    stranger = [{**named[0], "observations": ["not a statement of this audit"]}]
    assert _by_id(_by_position(stranger, _rows(ids)), ids) == stranger   # left as it is


def test_audit_frames_listing_statements_travel_by_row_and_come_back_with_the_frames_own_ids(ferry_audit):
    # The findings and the consensus's windows list their statements: sent back by row, given the audit's ids
    from checker.audit import _listed_by_id, _listed_by_position, _rows

    ids = ferry_audit.observations["observation"].tolist()
    for frame in (ferry_audit.findings.drop(columns="consensus"), ferry_audit.consensus):
        listed = frame["observations"].tolist()
        assert any(listed) and all(type(i) is str for rows in listed for i in rows)
        sent = _listed_by_position(frame, _rows(ids))
        assert all(type(at) is int for rows in sent["observations"].tolist() for at in rows)
        back = _listed_by_id(sent, ids)
        assert back["observations"].tolist() == listed
        assert back.drop(columns="observations").equals(frame.drop(columns="observations"))
        mine = {id(i) for i in ids}
        assert all(id(i) in mine for rows in back["observations"].tolist() for i in rows)
