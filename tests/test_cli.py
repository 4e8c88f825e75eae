"""The CLI as a user meets it: click's CliRunner, real corpora, real GX."""
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import cli, main  # noqa: F401  (main registers the gate commands)
from conftest import PROJECT


@pytest.fixture(scope="module")
def runner():
    from checker.gate.command import register

    register(cli)
    return CliRunner()


def test_cli_audit_demo_corpus_writes_three_reports(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(PROJECT)
    result = runner.invoke(cli, ["audit", "--out", str(tmp_path), "--no-cache"])
    assert result.exit_code == 0, result.output
    assert {p.name for p in tmp_path.iterdir()} >= {"audit.json", "audit.md", "audit.html"}
    records = json.loads((tmp_path / "audit.json").read_text())
    statuses = {f["status"] for f in records["findings"]}
    assert {"conflict", "change_over_time", "modality_only"} <= statuses
    assert "conflict" in result.output


def _summary_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if not line.startswith("wrote ")]


def _demo_summary(checker: list[str], folder, out) -> list[str]:
    """What `checker audit` prints for the demo when run in `folder`, less the line naming the files written."""
    result = subprocess.run([*checker, "audit", "--out", str(out), "--no-cache"], cwd=folder, capture_output=True,
                            text=True, env={**os.environ, "GX_ANALYTICS_ENABLED": "False"})
    assert result.returncode == 0, result.stdout + result.stderr
    return _summary_lines(result.stdout)


@pytest.fixture(scope="module")
def demo_from_root(runner, tmp_path_factory):
    """The demo audited from the project root, where facts/ and expectations/ hold other stories."""
    out, before = tmp_path_factory.mktemp("root-out"), os.getcwd()
    os.chdir(PROJECT)
    try:
        result = runner.invoke(cli, ["audit", "--out", str(out), "--no-cache"])
    finally:
        os.chdir(before)
    assert result.exit_code == 0, result.output
    return _summary_lines(result.output)


def test_cli_audit_of_the_demo_in_an_empty_folder_reads_as_from_the_project_root(tmp_path, demo_from_root):
    """The demo brings its own catalog and suite: no facts/ or expectations/ needed where checker runs."""
    checker = [str(PROJECT / ".venv" / "bin" / "checker")]
    if not Path(checker[0]).exists():
        checker = [sys.executable, "-m", "checker"]
    empty = tmp_path / "empty"
    empty.mkdir()
    here = _demo_summary(checker, empty, tmp_path / "out")
    assert list(empty.iterdir()) == []  # and it writes nothing there but what it is asked to
    assert here == demo_from_root
    assert "public_hearings: courier-2021-05 9 vs valley-post-2021-06 12" in "\n".join(here)
    facts = json.loads((tmp_path / "out" / "audit.json").read_text())["facts"]
    assert sum(1 for fact in facts if fact["origin"] == "declared") >= 6


def test_cli_wheel_ships_the_demo_with_its_catalog_and_suite(tmp_path, demo_from_root):
    """A pip-installed checker (the wheel, not this checkout) audits the demo with its catalog from anywhere."""
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path / "wheel"),
                            str(PROJECT)], capture_output=True, text=True)
    if built.returncode != 0:
        pytest.skip("could not build the wheel (setuptools from the package index): " + built.stderr[-300:])
    wheel = next((tmp_path / "wheel").glob("checker-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"checker/demo/facts/demo.yaml", "checker/demo/expectations/demo.json",
            "checker/demo/corpus/manifest.json"} <= names
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    empty = tmp_path / "empty"
    empty.mkdir()
    # The wheel's checker first on the path; its dependencies come from this environment.
    installed = [sys.executable, "-c", f"import sys; sys.path.insert(0, {str(site)!r}); "
                                       "import checker.cli; assert checker.cli.__file__.startswith(sys.path[0]); "
                                       "sys.argv[0] = 'checker'; checker.cli.main()"]
    assert _demo_summary(installed, empty, tmp_path / "out") == demo_from_root


def test_cli_audit_custom_corpus(runner, ferry_corpus, ferry_facts, no_suites, tmp_path):
    result = runner.invoke(cli, ["audit", str(ferry_corpus), "--facts", str(ferry_facts), "--expectations",
                                 str(no_suites), "--out", str(tmp_path / "out"), "--no-cache"])
    assert result.exit_code == 0, result.output
    assert "ferry_strikes" in result.output


def _write(path, content: bytes):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


BAD_INPUTS = [
    ("binary file", "bad.txt", b"\x00\x01\x02binary", "bad.txt"),
    ("invalid utf-8", "bad.txt", b"fine line\nbad \xff byte\n", "bad.txt"),
    ("empty document", "empty.md", b"  \n", "empty.md"),
]


@pytest.mark.parametrize("name,content,expected", [c[1:] for c in BAD_INPUTS], ids=[c[0] for c in BAD_INPUTS])
def test_cli_bad_document_is_one_line_exit_2(runner, tmp_path, name, content, expected):
    _write(tmp_path / "corpus" / name, content)
    out = tmp_path / "out"
    result = runner.invoke(cli, ["audit", str(tmp_path / "corpus"), "--out", str(out), "--no-cache"])
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and expected in lines[0] and "Traceback" not in result.output
    assert not out.exists() or not any(out.iterdir())


def test_cli_broken_catalog_names_file_and_line(runner, ferry_corpus, tmp_path):
    facts = _write(tmp_path / "facts" / "broken.yaml", b"story: x\nfacts:\n  - key: a\n    label: A\n    kind: colour\n")
    result = runner.invoke(cli, ["audit", str(ferry_corpus), "--facts", str(facts), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2, result.output
    assert "broken.yaml:5" in result.output


def test_cli_broken_suite_names_file(runner, ferry_corpus, ferry_facts, tmp_path):
    _write(tmp_path / "suites" / "bad.json", b'{"name": "x",\n "expectations": [\n')
    result = runner.invoke(cli, ["audit", str(ferry_corpus), "--facts", str(ferry_facts), "--expectations",
                                 str(tmp_path / "suites"), "--out", str(tmp_path / "o"), "--no-cache"])
    assert result.exit_code == 2, result.output
    assert "bad.json" in result.output


def test_cli_mentions_jsonl(runner, tmp_path):
    doc = _write(tmp_path / "note.txt", b"The club has more than 1,200 members and met on Wednesday at 10:07.")
    result = runner.invoke(cli, ["mentions", str(doc), "--published", "2024-03-15", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert {"source", "value_text", "start", "end", "kind", "low", "high", "unit", "modality"} <= set(rows[0])
    texts = {r["value_text"]: r for r in rows}
    assert texts["more than 1,200"]["low"] == 1200 and texts["more than 1,200"]["high"] is None
    assert texts["Wednesday"]["low"] == "2024-03-13"
    assert not any(r["value_text"] in ("10:07", "10", "07") and r["kind"] in ("count", "number") for r in rows)


def test_cli_suite_writes_a_starting_suite_and_never_overwrites(runner, ferry_facts, tmp_path):
    target = tmp_path / "suite.json"
    first = runner.invoke(cli, ["suite", "--facts", str(ferry_facts), "--output", str(target)])
    assert first.exit_code == 0, first.output
    assert json.loads(target.read_text())["expectations"]
    second = runner.invoke(cli, ["suite", "--facts", str(ferry_facts), "--output", str(target)])
    assert second.exit_code == 2


def test_cli_hand_edited_report_is_not_overwritten(runner, ferry_corpus, ferry_facts, no_suites, tmp_path):
    out = tmp_path / "out"
    args = ["audit", str(ferry_corpus), "--facts", str(ferry_facts), "--expectations", str(no_suites), "--out",
            str(out), "--no-cache"]
    assert runner.invoke(cli, args).exit_code == 0
    (out / "audit.md").write_text("my notes\n")
    result = runner.invoke(cli, args)
    assert result.exit_code == 2 and "audit.md" in result.output
    assert (out / "audit.md").read_text() == "my notes\n"


@pytest.mark.parametrize("arguments, status, stream, said", [
    (["--version"], 0, "stdout", "checker"),
    (["audit", "no-such-folder"], 2, "stderr", "no-such-folder: no such file or folder"),
])
def test_cli_process_ends_with_its_status_its_words_and_its_exit_handlers(tmp_path, arguments, status, stream, said):
    # The command line's own process ends without tearing the interpreter down (checker.cli.leave): its status,
    # everything it wrote (down a pipe) and every exit handler registered are as an ordinary exit leaves them
    marker = tmp_path / "exit-handler-ran"
    script = (f"import atexit, sys; atexit.register(lambda: open({str(marker)!r}, 'w').write('ran')); "
              f"sys.argv = ['checker', *{arguments!r}]; from checker.cli import main; main()")
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(PROJECT)})
    assert result.returncode == status, result.stdout + result.stderr
    assert said in getattr(result, stream)
    assert marker.read_text() == "ran"


def test_cli_leave_says_a_message_status_and_ends_with_status_one(tmp_path):
    script = "from checker.cli import leave; print('before', end=''); leave('stopped: a message')"
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(PROJECT)})
    assert (result.returncode, result.stdout, result.stderr) == (1, "before", "stopped: a message\n")
