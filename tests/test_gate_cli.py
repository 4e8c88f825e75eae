"""`checker gate` and `checker accept` through click, on a real small corpus with real GX."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from checker.cli import cli
from checker.gate.command import register
from gate_corpus import replace_in, write_catalog, write_corpus

register(cli)


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A folder with corpus/, facts/, expectations/; the cwd, as in CI."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    write_corpus(tmp_path / "corpus")
    write_catalog(tmp_path)
    return tmp_path


def gate(*args):
    return CliRunner().invoke(cli, ["gate", "corpus", *args], catch_exceptions=False)


def accept(finding, *args):
    return CliRunner().invoke(cli, ["accept", finding, "corpus", *args], catch_exceptions=False)


def finding_id(project):
    records = json.loads((project / "reports" / "audit.json").read_text(encoding="utf-8"))
    (conflict,) = [f for f in records["findings"] if f["status"] == "conflict"]
    return conflict["id"]


ACCEPTED = """\
# the desk looked at this one
- fact: board_meetings_since_2015
  sources: [almanac, gazette]
  values: ['9', six]
  reason: the almanac counts informal meetings
"""
STALE = "- fact: board_meetings_since_2015\n  values: ['40']\n  reason: an old disagreement\n"
EXPIRED = ACCEPTED.replace("informal meetings\n", "informal meetings\n  expires: 2020-01-01\n")


@pytest.mark.parametrize("accepted, options, code", [
    (None, [], 1),
    (None, ["--no-fail"], 0),
    (None, ["--fail-on", "all"], 1),
    (None, ["--fail-on", "all", "--jobs", "2"], 1),                             # the same audit on two processes
    (None, ["--jobs", "0"], 2),
    (ACCEPTED, [], 0),
    (ACCEPTED + STALE, [], 0),
    (ACCEPTED + STALE, ["--strict-acceptances"], 1),
    (ACCEPTED + STALE, ["--strict-acceptances", "--no-fail"], 0),
    (EXPIRED, [], 1),
    ("- fact: board_meetings_since_2015\n  values: ['9']\n", [], 2),          # no reason
    ("- fact: board_meetings_since_2015\n  value: ['9']\n  reason: x\n", [], 2),  # unknown key
    (None, ["--baseline", "missing.json"], 2),
    (None, ["--base", "HEAD"], 2),                                              # not a git repository
])
def test_gate_cli_exit_codes(project, accepted, options, code):
    if accepted is not None:
        (project / "checker-accepted.yaml").write_text(accepted, encoding="utf-8")
    result = gate(*options)
    assert result.exit_code == code, result.output
    if code == 2:
        assert result.output.startswith("checker: error: ") and "Traceback" not in result.output
        assert len(result.output.strip().splitlines()) == 1


def test_gate_cli_stale_and_expired_acceptances_are_reported(project):
    (project / "checker-accepted.yaml").write_text(EXPIRED + STALE, encoding="utf-8")
    lines = gate().output.splitlines()
    assert any(line.startswith("warn stale") and "checker-accepted.yaml:7" in line for line in lines), lines
    assert any(line.startswith("warn expired") and "checker-accepted.yaml:2" in line for line in lines), lines


def test_gate_cli_accept_then_pass_and_survive_an_edit_elsewhere(project):
    assert gate().exit_code == 1
    (project / "checker-accepted.yaml").write_text("# reviewed conflicts\n", encoding="utf-8")
    result = accept(finding_id(project), "--reason", "the almanac counts informal meetings", "--by", "Ana")
    assert result.exit_code == 0, result.output
    text = (project / "checker-accepted.yaml").read_text(encoding="utf-8")
    assert text.startswith("# reviewed conflicts\n- fact: board_meetings_since_2015\n")
    assert gate().exit_code == 0
    # New paragraphs before the statement move every offset and line: still the same conflict.
    replace_in(project / "corpus" / "001_gazette.txt", "The harbour board announced",
               "Rain is forecast for the weekend.\n\nThe harbour board announced")
    passed = gate()
    assert passed.exit_code == 0, passed.output
    # A changed value is a different conflict, and the acceptance no longer matches anything.
    replace_in(project / "corpus" / "001_gazette.txt", "six board meetings", "eight board meetings")
    failed = gate()
    assert failed.exit_code == 1 and "stale" in failed.output and '"eight"' in failed.output, failed.output


def test_gate_cli_accept_refuses_unknown_ids_and_bad_dates(project):
    result = accept("conflict:nothing:123", "--reason", "x")
    assert result.exit_code == 2 and "no current conflict" in result.output
    gate()
    result = accept(finding_id(project), "--reason", "x", "--expires", "soon")
    assert result.exit_code == 2 and "ISO date" in result.output
    assert not (project / "checker-accepted.yaml").exists()


def test_gate_cli_baseline_file_makes_old_conflicts_unchanged(project):
    gate("--out", "before")
    assert gate("--baseline", "before/audit.json").exit_code == 0
    assert gate("--baseline", "before/audit.json", "--fail-on", "all").exit_code == 1
    replace_in(project / "corpus" / "001_gazette.txt", "six board meetings", "eight board meetings")
    result = gate("--baseline", "before/audit.json")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert [line.split()[:2] for line in lines[:-2]] == [["FAIL", "new"], ["info", "resolved"]], lines


def test_gate_cli_writes_junit_sarif_summary_and_github_lines(project, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(project / "summary.md"))
    (project / "summary.md").write_text("earlier step\n", encoding="utf-8")
    result = gate("--junit", "out/junit.xml", "--sarif", "out/checker.sarif")
    assert result.exit_code == 1
    annotations = [line for line in result.output.splitlines() if line.startswith("::error ")]
    assert [a.split("::")[1] for a in annotations] == [
        "error file=corpus/000_almanac.txt,line=6,title=checker board_meetings_since_2015",
        "error file=corpus/001_gazette.txt,line=4,title=checker board_meetings_since_2015"]
    failure = ET.parse(project / "out" / "junit.xml").getroot().find(".//testcase/failure")
    assert "corpus/001_gazette.txt:4" in failure.text and "six board meetings have taken place" in failure.text
    sarif = json.loads((project / "out" / "checker.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0" and len(sarif["runs"][0]["results"][0]["locations"]) == 2
    summary = (project / "summary.md").read_text(encoding="utf-8")
    assert summary.startswith("earlier step\n## checker gate: failed")
