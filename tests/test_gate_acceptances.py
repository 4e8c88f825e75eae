"""The acceptances file: loading with file:line errors, matching by content, stale and expired entries."""
from __future__ import annotations

import datetime as dt
import textwrap

import pytest

from checker.errors import CheckerError
from checker.gate.acceptances import append_acceptance, entry_text, load_acceptances
from checker.gate.conflicts import conflicts_of
from checker.gate.run import decide
from gate_records import harbour_records

TODAY = dt.date(2024, 6, 1)


def write(tmp_path, text):
    path = tmp_path / "accepted.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def gate_for(records, acceptances, old=None, fail_on="new"):
    return decide(records, conflicts_of(records), conflicts_of(old) if old else None, acceptances, fail_on, TODAY)


@pytest.mark.parametrize("text, line, message", [
    ("- fact: ferry_fleet\n  sources: [a]\n", 1, "lacks a 'reason'"),
    ("- fact: ferry_fleet\n  sources: [a]\n  reason: '  '\n", 1, "lacks a 'reason'"),
    ("- fact: ferry_fleet\n  sources: [a]\n  reason: ok\n  expires: next week\n", 4, "ISO date"),
    ("- fact: ferry_fleet\n  sources: [a]\n  reason: ok\n  expires: 2024-13-01\n", 4, "ISO date"),
    ("- fact: ferry_fleet\n  sources: [a]\n  reason: ok\n\n- fact: x\n  source: [b]\n  reason: ok\n", 6,
     "unknown key 'source'"),
    ("- fact: ferry_fleet\n  reason: ok\n", 1, "needs 'sources' and/or 'values'"),
    ("- fact: Ferry Fleet\n  values: [a]\n  reason: ok\n", 1, "not a fact key"),
    ("- fact: ferry_fleet\n  values: []\n  reason: ok\n", 2, "non-empty list"),
    ("fact: ferry_fleet\n", 1, "must be a list"),
    ("- fact: ferry_fleet\n  values: [a\n", 3, "not valid YAML"),
])
def test_gate_acceptances_bad_file_names_file_and_line(tmp_path, text, line, message):
    path = write(tmp_path, text)
    with pytest.raises(CheckerError) as raised:
        load_acceptances(path)
    assert raised.value.path == str(path) and raised.value.line == line, raised.value.one_line()
    assert message in raised.value.message


def test_gate_acceptances_missing_or_empty_file_accepts_nothing(tmp_path):
    assert load_acceptances(tmp_path / "nope.yaml") == []
    assert load_acceptances(write(tmp_path, "# nothing accepted yet\n")) == []


@pytest.mark.parametrize("entry, accepted", [
    ("sources: [harbour-news, island-weekly]", True),
    ("values: [twelve ferries, 14 ferries]", True),
    ("sources: [harbour-news, island-weekly]\n  values: [twelve ferries, 14 ferries]", True),
    # a quote instead of the value text, with its whitespace reflowed
    ("values: [twelve ferries, 'According to the board,\n    14 ferries serve the island today.']", True),
    ("sources: [harbour-news]", False),
    ("values: [twelve ferries, 15 ferries]", False),
    ("sources: [harbour-news, island-weekly]\n  values: [twelve ferries]", False),
])
def test_gate_acceptances_match_by_content(tmp_path, entry, accepted):
    acceptances = load_acceptances(write(tmp_path, f"- fact: ferry_fleet\n  {entry}\n  reason: reviewed\n"))
    gate = gate_for(harbour_records(), acceptances)
    assert gate.conflicts[0]["accepted"] is accepted
    assert gate.failed is not accepted
    assert [a.line for a in gate.stale] == ([] if accepted else [1])


def test_gate_acceptances_other_fact_does_not_match(tmp_path):
    acceptances = load_acceptances(write(tmp_path, "- fact: pier_length\n  sources: [harbour-news, island-weekly]\n"
                                                   "  reason: reviewed\n"))
    assert not gate_for(harbour_records(), acceptances).conflicts[0]["accepted"]


def test_gate_acceptances_survive_edits_elsewhere_but_not_a_changed_value(tmp_path):
    acceptances = load_acceptances(write(tmp_path, "- fact: ferry_fleet\n  sources: [harbour-news, island-weekly]\n"
                                                   "  values: [twelve ferries, 14 ferries]\n  reason: reviewed\n"))
    edited = harbour_records(weekly_text="A new first paragraph.\n\nIslanders counted them again.\n"
                                         "According to the board, 14 ferries serve the island today.\n")
    assert edited["observations"][1]["start"] != harbour_records()["observations"][1]["start"]
    assert gate_for(edited, acceptances).conflicts[0]["accepted"]
    changed = gate_for(harbour_records(weekly_value="16 ferries"), acceptances)
    assert not changed.conflicts[0]["accepted"]
    assert changed.failed and [a.line for a in changed.stale] == [1]


def test_gate_acceptances_expired_entry_accepts_nothing_and_is_reported(tmp_path):
    acceptances = load_acceptances(write(tmp_path, """\
        - fact: ferry_fleet
          sources: [harbour-news, island-weekly]
          reason: reviewed in spring
          by: Ana
          expires: 2024-05-31
        - fact: pier_length
          values: [300 metres]
          reason: gone since
        """))
    gate = gate_for(harbour_records(), acceptances)
    assert [a.line for a in gate.expired] == [1] and [a.line for a in gate.stale] == [6]
    assert not gate.conflicts[0]["accepted"] and gate.conflicts[0]["acceptance_expired"]
    assert gate.failed


def test_gate_acceptances_strict_fails_on_stale_entry_only_when_asked(tmp_path):
    acceptances = load_acceptances(write(tmp_path, """\
        - fact: ferry_fleet
          sources: [harbour-news, island-weekly]
          reason: reviewed
        - fact: pier_length
          values: [300 metres]
          reason: gone since
          expires: 2030-01-01
        """))
    gate = gate_for(harbour_records(), acceptances)
    assert not gate.counted and [a.line for a in gate.stale] == [4] and not gate.failed
    gate.strict_acceptances = True
    assert gate.failed


def test_gate_acceptances_marks_findings_in_records(tmp_path):
    acceptances = load_acceptances(write(tmp_path, "- fact: ferry_fleet\n  values: [twelve ferries, 14 ferries]\n"
                                                   "  reason: two fleets counted\n"))
    records = harbour_records()
    gate_for(records, acceptances)
    conflict, consistent = records["findings"]
    assert (conflict["accepted"], conflict["acceptance_reason"]) == (True, "two fleets counted")
    assert (consistent["accepted"], consistent["acceptance_reason"]) == (False, None)


def test_gate_acceptances_append_keeps_existing_text_and_loads(tmp_path):
    original = "# reviewed by the desk\n- fact: pier_length   # odd spacing kept\n  values: ['300 metres']\n  reason: x"
    path = tmp_path / "accepted.yaml"
    path.write_text(original, encoding="utf-8")
    append_acceptance(path, entry_text("ferry_fleet", ["harbour-news"], ["twelve ferries: a: b"], "why, not",
                                       by="Ana", expires="2030-01-01"))
    text = path.read_text(encoding="utf-8")
    assert text.startswith(original + "\n")
    loaded = load_acceptances(path)
    assert [(a.fact, a.values, a.reason, a.by, a.expires) for a in loaded][1] == (
        "ferry_fleet", ("twelve ferries: a: b",), "why, not", "Ana", dt.date(2030, 1, 1))


def test_gate_acceptances_append_refuses_a_file_it_would_break(tmp_path):
    path = tmp_path / "accepted.yaml"
    path.write_text("[]\n", encoding="utf-8")
    with pytest.raises(CheckerError, match="cannot append"):
        append_acceptance(path, entry_text("ferry_fleet", ["a"], ["b"], "r"))
    assert path.read_text(encoding="utf-8") == "[]\n"
