"""The gate on a conflict that only discovery finds: a warning by default, a failure when asked.

Two island papers, published the same day, give different counts of the books their library lent.
No catalog declares that fact, so it is a discovered one (key d_...).
"""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from checker.cli import cli
from checker.gate.command import register

register(cli)

DOCUMENTS = {
    "ledger.txt": ("ledger", "Skerra Ledger", "Skerra library busy all winter\n\n"
                   "The Skerra island library lent 4,200 books to readers this winter, the librarian said on "
                   "Friday.\n"),
    "beacon.txt": ("beacon", "Island Beacon", "Winter reading on Skerra\n\n"
                   "Readers borrowed books in record numbers: the Skerra island library lent 3,900 books to "
                   "readers this winter.\n"),
}


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A folder with corpus/ only (no facts/, no expectations/); the cwd, as in CI."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    entries = []
    for name, (doc_id, outlet, text) in DOCUMENTS.items():
        (corpus / name).write_text(text, encoding="utf-8")
        entries.append({"id": doc_id, "file": name, "outlet": outlet, "published": "2024-03-01"})
    (corpus / "manifest.json").write_text(json.dumps({"documents": entries}), encoding="utf-8")
    return tmp_path


def run(*args):
    return CliRunner().invoke(cli, [*args, "--no-cache"], catch_exceptions=False)


def conflicts(project):
    records = json.loads((project / "reports" / "audit.json").read_text(encoding="utf-8"))
    return [f for f in records["findings"] if f["status"] == "conflict"]


@pytest.mark.parametrize("options, code", [
    ([], 0),
    (["--fail-on-discovered"], 1),
    (["--fail-on-discovered", "--no-fail"], 0),
    (["--fail-on-discovered", "--no-discover"], 0),
    (["--fail-on", "all"], 0),
])
def test_gate_discovered_exit_codes(project, options, code):
    result = run("gate", "corpus", *options)
    assert result.exit_code == code, result.output


def test_gate_discovered_conflict_is_a_warning_in_every_output(project):
    result = run("gate", "corpus", "--format", "text", "--format", "github", "--junit", "junit.xml",
                 "--sarif", "checker.sarif")
    assert result.exit_code == 0, result.output
    (conflict,) = conflicts(project)
    assert conflict["fact"].startswith("d_") and conflict["severity"] == "warning"
    lines = result.output.splitlines()
    assert any(line.startswith("warn new") and conflict["id"] in line and "--fail-on-discovered" in line
               for line in lines), lines
    warnings = [line for line in lines if line.startswith("::warning ")]
    assert len(warnings) == 2 and not any(line.startswith("::error") for line in lines)
    assert all("4,200" in line and "3,900" in line for line in warnings)
    (verdict,) = [line for line in lines if line.startswith("gate ")]
    assert verdict.startswith("gate passed") and "1 unaccepted conflict(s) on discovered facts" in verdict
    junit = ET.parse(project / "junit.xml").getroot()
    assert junit.get("failures") == "0" and not list(junit.iter("failure"))
    assert "warning (discovered fact)" in "".join(out.text for out in junit.iter("system-out"))
    (sarif,) = json.loads((project / "checker.sarif").read_text(encoding="utf-8"))["runs"][0]["results"]
    assert sarif["level"] == "warning" and sarif["properties"]["discovered"] is True


def test_gate_discovered_conflict_fails_like_a_declared_one_when_asked(project):
    result = run("gate", "corpus", "--fail-on-discovered", "--format", "github", "--sarif", "checker.sarif")
    assert result.exit_code == 1, result.output
    errors = [line for line in result.output.splitlines() if line.startswith("::error ")]
    assert len(errors) == 2 and "::warning" not in result.output
    (sarif,) = json.loads((project / "checker.sarif").read_text(encoding="utf-8"))["runs"][0]["results"]
    assert sarif["level"] == "error"


def test_gate_discovered_conflict_can_be_accepted(project):
    assert run("gate", "corpus").exit_code == 0
    (conflict,) = conflicts(project)
    accepted = run("accept", conflict["id"], "corpus", "--reason", "the Beacon counts adult books only")
    assert accepted.exit_code == 0, accepted.output
    result = run("gate", "corpus", "--fail-on-discovered")
    assert result.exit_code == 0, result.output
    assert "[accepted: the Beacon counts adult books only]" in result.output


def test_gate_discovered_no_discover_gives_no_discovered_facts(project):
    with_discovery = run("audit", "corpus", "--out", "with")
    without = run("audit", "corpus", "--out", "without", "--no-discover")
    assert with_discovery.exit_code == 0 and without.exit_code == 0, with_discovery.output + without.output
    keys = {name: [f["key"] for f in json.loads((project / name / "audit.json").read_text())["facts"]]
            for name in ("with", "without")}
    assert any(key.startswith("d_") for key in keys["with"]), keys
    assert keys["without"] == []
    accepted = run("accept", "conflict:x:1", "corpus", "--reason", "r", "--no-discover")
    assert accepted.exit_code == 2 and "current conflicts: none" in accepted.output
