"""`checker explain`: why each value of a document bound to a fact, or did not, on real inputs."""
from __future__ import annotations

from click.testing import CliRunner

from checker.cli import cli
from checker.explain import explain


def corpus(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.txt").write_text("The Orla ferry ran 14 strikes since 2018. The crossing needs seven conditions met.\n",
                                  encoding="utf-8")
    facts = tmp_path / "f.yaml"
    facts.write_text("story: orla\nfacts:\n  - key: strikes\n    label: Strikes\n    kind: count\n    unit: strike\n"
                     "    context: [ferry]\n  - key: founded\n    label: Founded\n    kind: date\n"
                     "    cues: ['founded in {value}']\n", encoding="utf-8")
    return folder, facts


def test_explain_names_the_test_that_decided(tmp_path):
    folder, facts = corpus(tmp_path)
    rows = explain(folder, facts, document="a")
    verdicts = {(r["value_text"], r["fact"]): (r["verdict"], r["won"]) for r in rows}
    assert verdicts[("14", "strikes")][1] and verdicts[("14", "strikes")][0].startswith("accepted")
    assert verdicts[("seven", "strikes")][0].startswith("unit: counts 'condition'")
    assert verdicts[("since 2018", "founded")][0].startswith("cue:")
    assert verdicts[("14", "founded")][0].startswith("kind:")


def test_explain_command_on_a_quote(tmp_path):
    folder, facts = corpus(tmp_path)
    result = CliRunner().invoke(cli, ["explain", str(folder), "--facts", str(facts), "--quote", "seven conditions"])
    assert result.exit_code == 0, result.output
    assert "'seven' (count condition)" in result.output and "* strikes" not in result.output
    missing = CliRunner().invoke(cli, ["explain", str(folder), "--facts", str(facts), "--doc", "nope"])
    assert missing.exit_code == 2 and "no document 'nope'" in missing.output
