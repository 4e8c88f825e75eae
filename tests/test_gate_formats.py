"""Gate outputs over one GateResult: text, GitHub annotations, step summary, JUnit, SARIF."""
from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET

import pytest

from checker.gate.acceptances import Acceptance
from checker.gate.conflicts import conflicts_of
from checker.gate.formats.github import escape_data, escape_property, format_github
from checker.gate.formats.junit import format_junit
from checker.gate.formats.sarif import format_sarif
from checker.gate.formats.summary import format_summary
from checker.gate.formats.text import format_text
from checker.gate.run import decide
from gate_records import harbour_records

TODAY = dt.date(2024, 6, 1)


def failing_gate():
    records = harbour_records()
    return decide(records, conflicts_of(records), None, [], "new", TODAY)


def accepted_gate():
    records = harbour_records()
    acceptance = Acceptance(fact="ferry_fleet", reason="two fleets, counted apart", sources=("harbour-news",
                            "island-weekly"), path="accepted.yaml", line=1)
    return decide(records, conflicts_of(records), None, [acceptance], "new", TODAY)


@pytest.mark.parametrize("text, data, prop", [
    ("plain", "plain", "plain"),
    ("50% of 3: a, b", "50%25 of 3: a, b", "50%25 of 3%3A a%2C b"),
    ("two\r\nlines", "two%0D%0Alines", "two%0D%0Alines"),
    ("%0A literal", "%250A literal", "%250A literal"),
])
def test_gate_formats_github_escaping(text, data, prop):
    assert escape_data(text) == data and escape_property(text) == prop


def test_gate_formats_github_one_error_per_observation_naming_both_quotes():
    lines = format_github(failing_gate()).splitlines()
    assert len(lines) == 2
    first, second = lines
    assert first.startswith("::error file=harbour.txt,line=1,title=checker ferry_fleet::ferry_fleet: ")
    assert second.startswith("::error file=weekly/island.txt,line=2,title=checker ferry_fleet::")
    for line in lines:
        assert '"twelve ferries"' in line and '"14 ferries"' in line
        assert "The harbour board said on Monday" in line and "According to the board" in line


def test_gate_formats_github_silent_when_everything_is_accepted():
    assert format_github(accepted_gate()) == ""


def test_gate_formats_text_one_line_per_conflict_and_verdict():
    failing = format_text(failing_gate()).splitlines()
    assert failing[0].startswith("FAIL new ") and "conflict:ferry_fleet" in failing[0]
    assert failing[-1].startswith("gate FAILED")
    passing = format_text(accepted_gate()).splitlines()
    assert "[accepted: two fleets, counted apart]" in passing[0] and passing[-1].startswith("gate passed")


def test_gate_formats_junit_parses_and_names_file_line_and_quotes():
    root = ET.fromstring(format_junit(failing_gate()))
    cases = {case.get("name"): case for case in root.iter("testcase")}
    assert sorted(cases) == ["ferry_fleet", "pier_length"]
    assert cases["pier_length"].find("failure") is None
    failure = cases["ferry_fleet"].find("failure")
    assert root.get("failures") == "1" and failure is not None
    body = failure.text + failure.get("message")
    for expected in ("harbour.txt:1", "weekly/island.txt:2", '"twelve ferries"', '"14 ferries"',
                     "According to the board, 14 ferries serve the island today."):
        assert expected in body


def test_gate_formats_junit_accepted_conflict_is_no_failure():
    root = ET.fromstring(format_junit(accepted_gate()))
    assert root.get("failures") == "0" and not list(root.iter("failure"))


def test_gate_formats_sarif_version_rules_and_locations():
    log = json.loads(format_sarif(failing_gate()))
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    assert [rule["id"] for rule in run["tool"]["driver"]["rules"]] == ["CK101"]
    (result,) = run["results"]
    assert result["ruleId"] == "CK101" and result["level"] == "error" and result["baselineState"] == "new"
    regions = [(loc["physicalLocation"]["artifactLocation"]["uri"], loc["physicalLocation"]["region"])
               for loc in result["locations"]]
    assert regions == [("harbour.txt", {"startLine": 1, "startColumn": 39, "endColumn": 53,
                                        "snippet": {"text": "twelve ferries"}}),
                       ("weekly/island.txt", {"startLine": 2, "startColumn": 25, "endColumn": 35,
                                              "snippet": {"text": "14 ferries"}})]


def test_gate_formats_sarif_accepted_conflict_is_suppressed():
    (result,) = json.loads(format_sarif(accepted_gate()))["runs"][0]["results"]
    assert result["suppressions"][0]["justification"] == "two fleets, counted apart"


def test_gate_formats_summary_is_markdown_with_a_row_per_conflict():
    summary = format_summary(failing_gate())
    assert summary.startswith("## checker gate: failed")
    assert "| **new** | ferry_fleet |" in summary and "`weekly/island.txt:2`" in summary


def discovered_gate(fail_on_discovered: bool = False):
    """The harbour conflict as if discovery, not a catalog, had found its fact."""
    records = harbour_records()
    return decide(records, conflicts_of(records), None, [], "new", TODAY, discovered=frozenset({"ferry_fleet"}),
                  fail_on_discovered=fail_on_discovered)


def test_gate_formats_discovered_conflict_is_a_warning_everywhere():
    gate = discovered_gate()
    assert not gate.failed and [c["fact"] for c in gate.warned] == ["ferry_fleet"] and gate.counted == []
    github = format_github(gate).splitlines()
    assert len(github) == 2 and all(line.startswith("::warning file=") for line in github)
    text = format_text(gate).splitlines()
    assert text[0].startswith("warn new ") and "[discovered fact: a warning" in text[0]
    assert text[-1].startswith("gate passed") and "1 unaccepted conflict(s) on discovered facts" in text[-1]
    root = ET.fromstring(format_junit(gate))
    assert root.get("failures") == "0" and not list(root.iter("failure"))
    (result,) = json.loads(format_sarif(gate))["runs"][0]["results"]
    assert result["level"] == "warning" and result["properties"]["discovered"] is True
    assert "| new (warning: discovered fact) | ferry_fleet |" in format_summary(gate)


def test_gate_formats_discovered_conflict_fails_when_asked():
    gate = discovered_gate(fail_on_discovered=True)
    assert gate.failed and gate.warned == []
    assert all(line.startswith("::error file=") for line in format_github(gate).splitlines())
    assert format_text(gate).splitlines()[0].startswith("FAIL new ")
    assert ET.fromstring(format_junit(gate)).get("failures") == "1"
    (result,) = json.loads(format_sarif(gate))["runs"][0]["results"]
    assert result["level"] == "error"


def test_gate_formats_origin_in_the_records_marks_a_discovered_conflict():
    records = harbour_records()
    records["findings"][0]["origin"] = "discovered"   # audit.json may say so itself (a --baseline file)
    gate = decide(records, conflicts_of(records), None, [], "new", TODAY)
    assert not gate.failed and len(gate.warned) == 1


def test_gate_text_names_differences_that_are_no_conflict_because_of_how_they_were_said(tmp_path):
    """A hedged or projected figure is modality_only, never a conflict; the gate's text says so in a line."""
    from checker.gate.formats.text import format_text
    from checker.gate.run import run_gate

    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The fare at Orla harbour is 32 euros.\n", encoding="utf-8")
    (corpus / "b.txt").write_text("The Orla harbour fare could rise to 40 euros.\n", encoding="utf-8")
    catalog = tmp_path / "fare.yaml"
    catalog.write_text("story: fare\nfacts:\n  - key: fare\n    label: Fare\n    kind: money\n    unit: EUR\n"
                       "    context: [fare]\n", encoding="utf-8")
    gate = run_gate(corpus, catalog, None, out=tmp_path / "out", discover=False)
    text = format_text(gate)
    assert "info modality_only" in text and "projected" in text and "gate passed" in text


@pytest.fixture(scope="module")
def crowded_gate(tmp_path_factory):
    """A gate over generated local news whose conflicts have dozens of sides."""
    from checker.audit import run_audit
    from tests import benchmark_modules

    corpus, facts = benchmark_modules.generated_corpus(tmp_path_factory.mktemp("crowded"), 60, 5)
    records = run_audit(corpus, facts, None).as_records()
    return decide(records, conflicts_of(records), None, [], "all", TODAY)


def test_gate_formats_bound_what_ci_shows_of_a_conflict_with_many_sides(crowded_gate, monkeypatch):
    # A line names SIDES_SHOWN statements and counts the rest; GitHub gets SIDES_SHOWN annotations a conflict, the
    # step summary SIDES_SHOWN statements a row, SARIF the first LOCATIONS locations a result (code scanning rejects a
    # result of more than 1,000); JUnit's failure text still lists every statement
    import checker.gate.formats.sarif as sarif
    from checker.gate.formats import SIDES_SHOWN, conflict_message

    gate = crowded_gate
    sides = [len(conflict["observations"]) for conflict in gate.conflicts]
    assert max(sides) > 2 * SIDES_SHOWN and sum(1 for count in sides if count > SIDES_SHOWN) >= 3
    for conflict in gate.conflicts:
        message = conflict_message(conflict)
        more = len(conflict["observations"]) - SIDES_SHOWN
        assert message.count(" conflicts with ") == 1 and message.count('" (') == min(len(conflict["observations"]),
                                                                                    SIDES_SHOWN)
        assert message.endswith(f"; and {more} more statement{'s' if more != 1 else ''} (every one is in audit.json)."
                                if more > 0 else ".")
    longest = max(len(conflict_message(conflict)) for conflict in gate.conflicts)
    assert all(len(line) <= longest + 200 for line in format_text(gate).splitlines())
    annotations = format_github(gate).splitlines()
    assert annotations and len(annotations) == sum(min(count, SIDES_SHOWN) for count, conflict
                                                   in zip(sides, gate.conflicts) if conflict in gate.counted or
                                                   conflict in gate.warned)
    monkeypatch.setattr(sarif, "LOCATIONS", 7)
    results = json.loads(format_sarif(gate))["runs"][0]["results"]
    assert sorted(len(result["locations"]) for result in results) == sorted(min(count, 7) for count in sides)
    summary = format_summary(gate)
    assert summary.count("<br>") == sum(min(count, SIDES_SHOWN + 1) - 1 for count in sides)
    failures = ET.fromstring(format_junit(gate).split("\n", 1)[1]).iter("failure")
    assert sorted(len(failure.text.splitlines()) - 1 for failure in failures) == \
        sorted(count for count, conflict in zip(sides, gate.conflicts) if conflict["counts"])


def test_gate_writes_a_large_corpus_s_reports_as_its_whole_records_give_them(tmp_path, monkeypatch):
    # The gate's records are lazy (each source's mentions walked as the split reports are written) and the audit's
    # tables go before the writing: its files are those the whole records give, marked as the gate marks them
    from pathlib import Path

    import checker.report.split as split
    from checker.audit import run_audit
    from checker.gate.run import discovered_facts, run_gate
    from checker.report import write_reports
    from checker.rows import Rows
    from tests import benchmark_modules

    monkeypatch.setattr(split, "SPLIT_TEXT_CHARS", 100_000)   # the generated corpus counts as large
    corpus, facts = benchmark_modules.generated_corpus(tmp_path / "corpus", 260, 5)
    gate = run_gate(corpus, facts, None, accepted=tmp_path / "accepted.yaml", out=tmp_path / "gate")
    result = run_audit(corpus, facts, None)
    records = result.as_records()
    decide(records, conflicts_of(records, Path(corpus).resolve()), None, [], "new", dt.date.today(),
           discovered=discovered_facts(result.catalog))   # marked as the gate marks its own
    whole = write_reports(records, tmp_path / "whole")
    assert all(isinstance(entry["items"], Rows) for entry in gate.records["mentions"])
    assert [path.name for path in gate.written] == [path.name for path in whole]
    assert any(path.name.startswith("audit.mentions-") for path in whole) and gate.conflicts
    assert all((tmp_path / "gate" / path.name).read_bytes() == path.read_bytes() for path in whole)
