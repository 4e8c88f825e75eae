"""The README documents every command, option and rule code, and the engine names no story."""
import re
import subprocess
import sys

import click
import pytest

from checker.cli import cli
from checker.gate.command import register
from conftest import PROJECT

register(cli)
README = (PROJECT / "README.md").read_text(encoding="utf-8")


def _options():
    for name, command in sorted(cli.commands.items()):
        for param in command.params:
            if isinstance(param, click.Option):
                for opt in param.opts:
                    if opt.startswith("--"):
                        yield name, opt


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_docs_every_command_is_in_the_readme(command):
    assert f"checker {command}" in README


@pytest.mark.parametrize("command,option", list(_options()), ids=lambda v: v)
def test_docs_every_option_is_in_the_readme(command, option):
    assert option in README, f"{command} {option} is not documented in README.md"


def test_docs_every_rule_code_is_in_the_readme():
    from checker.rules.expectations import RULES

    codes = [rule.code for rule in RULES]
    assert codes
    for code in codes:
        assert code in README


STORY_WORDS = re.compile(r"\b(nato|russia\w*|ukrain\w*|kremlin|troops?|stoltenberg|putin|nrc)\b", re.IGNORECASE)


def test_docs_engine_names_no_story():
    hits = [f"{path.relative_to(PROJECT)}:{number}"
            for path in sorted((PROJECT / "checker").rglob("*"))
            if path.suffix in {".py", ".j2", ".html", ".css", ".js"}
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if STORY_WORDS.search(line)]
    assert hits == []


def test_docs_core_never_imports_the_cli():
    lint = PROJECT / ".venv" / "bin" / "lint-imports"
    executable = str(lint) if lint.exists() else "lint-imports"
    result = subprocess.run([executable, "--no-cache"], cwd=PROJECT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_docs_help_does_not_import_heavy_libraries():
    code = ("import sys; from checker.cli import cli; "
            "from click.testing import CliRunner; CliRunner().invoke(cli, ['--help']); "
            "print(','.join(m for m in ('pandas', 'great_expectations') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], cwd=PROJECT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def _help(*command: str) -> str:
    from click.testing import CliRunner

    result = CliRunner().invoke(cli, [*command, "--help"], terminal_width=80)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("command", ["", *sorted(cli.commands)])
def test_docs_every_help_has_an_example(command):
    """Each --help (and `checker --help`) shows how the command is typed, under "Examples:"."""
    text = _help(*filter(None, [command]))
    examples = text.split("Examples:", 1)
    assert len(examples) == 2, f"checker {command} --help has no examples"
    assert re.search(rf"^\s+checker {command}", examples[1], re.MULTILINE), examples[1]


def test_docs_command_list_is_not_cut_off():
    """`checker --help` lists every command with its whole one-line summary (click cuts long ones with '...')."""
    listing = _help().split("Commands:", 1)[1]
    assert "..." not in listing
    for name in cli.commands:
        assert re.search(rf"^\s+{name}\s+\S", listing, re.MULTILINE)


def test_docs_gate_help_states_the_exit_codes():
    text = _help("gate")
    assert "Exit codes:" in text
    for code, meaning in (("0", "passed"), ("1", "failed"), ("2", "could not run")):
        assert re.search(rf"^\s+{code}\s+{meaning}", text, re.MULTILINE), f"gate --help: exit {code}"


def test_docs_every_option_has_help_text():
    missing = [f"{name} {param.opts[0]}" for name, command in sorted(cli.commands.items())
               for param in command.params if isinstance(param, click.Option) and not param.help]
    assert missing == []


def test_docs_accept_help_says_where_a_finding_id_comes_from():
    text = " ".join(_help("accept").split())
    assert "checker gate" in text and "findings[].id" in text


def test_docs_readme_terminal_summary_is_what_checker_prints():
    """The README's sample summary is the demo's, line for line (pairs in the order checker prints them)."""
    from pathlib import Path

    from checker.audit import run_audit
    from checker.report import summary_text

    sample = re.search(r"The terminal gets a summary:\n\n```\n(.*?)\n```", README, re.DOTALL).group(1)
    written = [Path("reports") / name for name in ("audit.json", "audit.md", "audit.html")]
    assert sample == summary_text(run_audit(None), written)
