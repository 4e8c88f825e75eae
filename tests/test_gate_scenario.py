"""The project's acceptance scenario, on a fictional corpus in a temporary git repository:
conflict -> accept -> pass -> a changed value fails against --base -> revert passes -> the
accepted article is deleted and the acceptance is reported stale."""
from __future__ import annotations

import json
import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from checker.cli import cli
from checker.gate.command import register
from gate_corpus import replace_in, write_catalog, write_corpus, write_manifest

register(cli)
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def git(repo, *args):
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@example.org", "HOME": str(repo), "PATH": "/usr/bin:/bin"})


def commit(repo, message):
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


def test_gate_scenario_accept_change_revert_delete(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    repo = write_corpus(tmp_path / "repo")
    git(repo, "init", "-q", "-b", "main")
    commit(repo, "corpus")
    facts, expectations = write_catalog(tmp_path / "catalog")
    common = ["--facts", str(facts), "--expectations", str(expectations)]

    def gate(*args):
        return CliRunner().invoke(cli, ["gate", "repo", *common, *args], catch_exceptions=False)

    first = gate()
    assert first.exit_code == 1, first.output
    records = json.loads((tmp_path / "reports" / "audit.json").read_text(encoding="utf-8"))
    (conflict,) = [f for f in records["findings"] if f["status"] == "conflict"]
    assert conflict["fact"] == "board_meetings_since_2015"

    accepted = CliRunner().invoke(cli, ["accept", conflict["id"], "repo", *common, "--reason",
                                        "the almanac also counts informal meetings", "--by", "desk"])
    assert accepted.exit_code == 0, accepted.output
    assert gate().exit_code == 0
    unknown = gate("--base", "no-such-revision")
    assert unknown.exit_code == 2 and "unknown revision" in unknown.output, unknown.output

    replace_in(repo / "001_gazette.txt", "six board meetings", "eleven board meetings")
    commit(repo, "gazette: eleven")
    changed = gate("--base", "HEAD~1", "--format", "text", "--format", "github", "--junit", "junit.xml")
    assert changed.exit_code == 1, changed.output
    annotations = [line for line in changed.output.splitlines() if line.startswith("::error ")]
    gazette = [a for a in annotations if a.startswith("::error file=repo/001_gazette.txt,line=4,")]
    assert len(gazette) == 1, annotations
    assert '"eleven"' in gazette[0] and '"9"' in gazette[0]
    assert "eleven board meetings have taken place" in gazette[0] and "with 9 meetings held" in gazette[0]
    assert any(line.startswith("FAIL new") for line in changed.output.splitlines())
    assert any(line.split()[:2] == ["info", "resolved"] for line in changed.output.splitlines())
    failure = ET.parse(tmp_path / "junit.xml").getroot().find(".//testcase[@name='board_meetings_since_2015']/failure")
    assert failure is not None
    for expected in ("repo/001_gazette.txt:4", "repo/000_almanac.txt:6", '"eleven"', '"9"'):
        assert expected in failure.text, failure.text

    git(repo, "revert", "--no-edit", "HEAD")
    reverted = gate("--base", "HEAD~1")
    assert reverted.exit_code == 0, reverted.output

    (repo / "000_almanac.txt").unlink()
    write_manifest(repo)
    commit(repo, "drop the almanac")
    dropped = gate("--base", "HEAD~1")
    assert dropped.exit_code == 0, dropped.output
    assert any(line.startswith("warn stale") for line in dropped.output.splitlines()), dropped.output
    assert gate("--base", "HEAD~1", "--strict-acceptances").exit_code == 1
