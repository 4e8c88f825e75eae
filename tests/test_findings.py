"""Reconcile -> real Great Expectations -> findings, on small hand-made observation tables."""
import pandas as pd
import pytest

from checker.columns import FINDINGS, OBSERVATIONS
from checker.findings import build_findings
from checker.reconcile import reconcile
from checker.rules import validate

BASE = [c for c in OBSERVATIONS if not c.startswith(("cmp_", "as_of_ord_")) and c != "assertive"]


def observation(fact, source, low, high=None, as_of="2023-05-10", changes="none", modality="reported",
                kind="count", tolerance=0.0, value_text=None, qualifier="exact"):
    high = low if high is None else high
    value_text = value_text or f"{low} things"
    row = {c: None for c in BASE}
    row["phrase"] = value_text
    row.update(mention=f"{source}@0-{len(value_text)}", source=source, kind=kind, value_text=value_text, start=0,
               end=len(value_text), low=low, high=high, tolerance=tolerance, qualifier=qualifier, unit="thing",
               noun_start=-1, noun_end=-1, modality=modality, flags="", sentence_start=0, sentence_end=10,
               observation=f"{fact}/{source}@0-{len(value_text)}", fact=fact, quote=value_text, line=1,
               as_of=as_of, as_of_low=as_of, as_of_high=as_of, as_of_basis="published", derived="",
               fact_kind=kind, changes=changes, window_days=0, fact_tolerance=0.0)
    return row


def audit(rows, tmp_path):
    observations = reconcile(pd.DataFrame(rows, columns=BASE))
    return build_findings(observations, validate(observations, tmp_path / "no-suites"))


def statuses(findings):
    """(status, observations) with ids shortened to fact/source: what a reader checks."""
    return sorted(zip(findings["status"], findings["observations"].map(lambda ids: tuple(i.split("@")[0] for i in ids))))


CASES = [
    ("two sources disagree", [observation("n", "a", 7), observation("n", "b", 10)],
     [("conflict", ("n/a", "n/b"))]),
    ("about 100 covers 95", [observation("n", "a", 100, tolerance=0.1, qualifier="approx"), observation("n", "b", 95)],
     [("consistent", ("n/a", "n/b"))]),
    ("more than 94 and about 100 agree", [observation("n", "a", 94, float("nan")), observation("n", "b", 100)],
     [("consistent", ("n/a", "n/b"))]),
    ("a count grows over time", [observation("m", "a", 30, as_of="2021-06-01", changes="any"),
                                 observation("m", "b", 32, as_of="2024-06-01", changes="any")],
     [("change_over_time", ("m/a", "m/b"))]),
    ("a projection is no contradiction", [observation("t", "a", 100), observation("t", "b", 175, modality="projected")],
     [("modality_only", ("t/a", "t/b"))]),
    ("one source only", [observation("s", "a", 5)], [("single_source", ("s/a",))]),
    ("a source never conflicts with itself", [observation("n", "a", 7), observation("n", "a", 10)],
     [("single_source", ("n/a", "n/a"))]),
]


@pytest.mark.parametrize("rows,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_findings_statuses(rows, expected, tmp_path):
    findings = audit(rows, tmp_path)
    assert statuses(findings) == expected
    assert set(FINDINGS) <= set(findings.columns)


def test_findings_conflict_carries_rule_and_message(tmp_path):
    findings = audit([observation("n", "a", 7, value_text="seven meetings"),
                      observation("n", "b", 10, value_text="10 meetings")], tmp_path)
    conflict = findings.iloc[0]
    assert conflict["rule"] == "CK101 agreement.cross_source"
    assert conflict["severity"] == "critical"
    assert '"seven meetings" = 7' in conflict["message"] and '"10 meetings" = 10' in conflict["message"]
    assert conflict["finding"].startswith("conflict:n:")


def test_findings_ids_are_stable_under_offset_shifts(tmp_path):
    first = audit([observation("n", "a", 7), observation("n", "b", 10)], tmp_path)
    shifted_rows = [observation("n", "a", 7), observation("n", "b", 10)]
    for row in shifted_rows:
        row["start"], row["end"] = row["start"] + 40, row["end"] + 40
        row["observation"] = f"n/{row['source']}@40-{row['end']}"
    second = audit(shifted_rows, tmp_path)
    assert list(first["finding"]) == list(second["finding"])


def test_findings_a_projection_repeated_in_headline_and_body_is_named_once(tmp_path):
    headline = observation("cost", "b", 120, modality="projected", value_text="€120 million")
    body = {**observation("cost", "b", 120, modality="projected", value_text="120 million"), "start": 200, "end": 211,
            "mention": "b@200-211", "observation": "cost/b@200-211"}
    findings = audit([observation("cost", "a", 85), headline, body], tmp_path)
    row = findings[findings["status"] == "modality_only"].iloc[0]
    assert len(row["observations"]) == 3  # the finding is still about every statement
    assert row["message"].count("is projected (b)") == 1, row["message"]


def test_findings_made_a_few_rows_at_a_time_are_the_findings(tmp_path, monkeypatch):
    # A fact's rows are taken from the columns ROWS_AT_ONCE at a time (memory): cut anywhere, the same findings
    from checker import findings as findings_module

    rows = [observation("n", source, value, as_of=f"2024-0{1 + number % 3}-01", changes="any")
            for number, (source, value) in enumerate(zip("abcdefgh", [7, 10, 7, 12, 30, 7, 10, 11]))]
    rows += [observation("t", "a", 100), observation("t", "b", 175, modality="projected")]
    whole = audit(rows, tmp_path)
    assert set(whole["status"]) >= {"conflict", "modality_only"}
    for at_once in (1, 3):
        monkeypatch.setattr(findings_module, "ROWS_AT_ONCE", at_once)
        pd.testing.assert_frame_equal(audit(rows, tmp_path), whole)
