"""checker.rules: GX suites run on small observation tables with the real GX and the real relation()."""
from __future__ import annotations

import json
import math
import subprocess
import sys

import pandas as pd
import pytest

from checker.errors import CheckerError
from checker.rules import validate
from checker.rules.registry import Rule, RuleSet
from checker.rules.starter import write_starting_suite

INF = math.inf
DAY = 739000  # an ordinal in 2024; only differences between as-of days matter here


def obs(observation, fact, source, low, high=None, *, as_of=(DAY, DAY), changes="none", window=0,
        assertive=True, moved=True):
    """One OBSERVATIONS row with the columns the rules read (cmp_* already tolerance-adjusted)."""
    return {"observation": observation, "fact": fact, "source": source, "cmp_low": float(low),
            "cmp_high": float(low if high is None else high), "as_of_ord_low": float(as_of[0]),
            "as_of_ord_high": float(as_of[1]), "changes": changes, "window_days": window,
            "assertive": assertive, "moved": moved, "modality": "reported" if assertive else "projected",
            "tally": False}


def table(*rows):
    return pd.DataFrame(list(rows))


def agreement(results):
    [result] = [r for r in results if r["code"] == "CK101"]
    return result


CATALOG_YAML = """\
story: harbor
title: Harbor expansion
facts:
  - key: harbor_cranes
    label: Cranes working at the harbor
    kind: count
    unit: crane
    context: [harbor]
    range: [1, 200]
  - key: harbor_opened
    label: Day the harbor opened
    kind: date
    unit: []
    context: [harbor]
    range: [1800, 2030]
  - key: harbor_staff
    label: Harbor staff
    kind: count
    unit: worker
    context: [harbor]
"""


@pytest.fixture()
def catalog_file(tmp_path):
    path = tmp_path / "harbor.yaml"
    path.write_text(CATALOG_YAML, encoding="utf-8")
    return path


@pytest.fixture()
def starter_dir(tmp_path, catalog_file):
    folder = tmp_path / "expectations"
    write_starting_suite(catalog_file, folder / "harbor.json")
    return folder


AGREEMENT_CASES = [
    # (id, rows, failing observation ids)
    ("two sources conflict", [obs("a1", "k", "a", 30), obs("b1", "k", "b", 32)], ["a1", "b1"]),
    ("tolerance overlap agrees", [obs("a1", "k", "a", 28.5, 31.5), obs("b1", "k", "b", 31)], []),
    ("same source disagreeing with itself", [obs("a1", "k", "a", 30), obs("a2", "k", "a", 32)], []),
    ("projection is not a conflict", [obs("a1", "k", "a", 30), obs("b1", "k", "b", 50, assertive=False)], []),
    ("change over time is not a conflict",
     [obs("a1", "k", "a", 30, as_of=(DAY, DAY), changes="any"),
      obs("b1", "k", "b", 32, as_of=(DAY + 400, DAY + 400), changes="any")], []),
    ("different facts never pair", [obs("a1", "k", "a", 30), obs("b1", "j", "b", 32)], []),
    ("only the conflicting rows fail",
     [obs("a1", "k", "a", 30), obs("b1", "k", "b", 30), obs("c1", "k", "c", 45), obs("d1", "j", "d", 1)],
     ["a1", "b1", "c1"]),
    ("open bound agrees", [obs("a1", "k", "a", 40, INF), obs("b1", "k", "b", 50)], []),
]


@pytest.mark.parametrize("rows,failing", [case[1:] for case in AGREEMENT_CASES],
                         ids=[case[0] for case in AGREEMENT_CASES])
def test_rules_agreement_cross_source(tmp_path, rows, failing):
    result = agreement(validate(table(*rows), tmp_path / "none", None))
    assert result["observations"] == failing
    assert result["success"] is (not failing)
    assert result["name"] == "agreement.cross_source" and result["severity"] == "critical"


def test_rules_fact_outside_every_suite_still_gets_agreement(starter_dir):
    rows = table(obs("a1", "harbor_cranes", "a", 5), obs("b1", "harbor_cranes", "b", 7),
                 obs("a2", "other_fact", "a", 1), obs("b2", "other_fact", "b", 2))
    agreements = [(r["suite"], r["observations"]) for r in validate(rows, starter_dir, None) if r["code"] == "CK101"]
    assert agreements == [("checker_default", ["a2", "b2"]), ("harbor", ["a1", "b1"])]


def test_rules_default_suite_when_folder_is_empty(tmp_path):
    results = validate(table(obs("a1", "k", "a", 1), obs("b1", "k", "b", 2)), tmp_path, None)
    assert [(r["suite"], r["code"], r["success"]) for r in results] == [("checker_default", "CK101", False)]


RANGE_CASES = [
    ("above the range", obs("x1", "harbor_cranes", "a", 5000), ["x1"]),
    ("below the range", obs("x1", "harbor_cranes", "a", 0), ["x1"]),
    ("inside the range", obs("x1", "harbor_cranes", "a", 40), []),
    ("open upper bound inside", obs("x1", "harbor_cranes", "a", 30, INF), []),
    ("open lower bound inside", obs("x1", "harbor_cranes", "a", -INF, 50), []),
    ("date after the range", obs("x1", "harbor_opened", "a", 760000), ["x1"]),
]


@pytest.mark.parametrize("row,failing", [case[1:] for case in RANGE_CASES], ids=[case[0] for case in RANGE_CASES])
def test_rules_plausibility_range_maps_to_its_row(starter_dir, row, failing):
    other = obs("y1", "harbor_staff", "b", 10**9)  # a fact without a range is never range-checked
    results = validate(table(row, other), starter_dir, None)
    ranged = [r for r in results if r["code"] == "CK201" and r["fact"] == row["fact"]]
    assert len(ranged) == 2  # one expectation per side of the range
    assert sorted(set(sum((r["observations"] for r in ranged), []))) == failing
    assert all(r["severity"] == "warning" for r in ranged)
    assert all(r["code"] != "CK201" or r["fact"] != "harbor_staff" for r in results)


def test_rules_range_for_a_fact_without_observations_succeeds(starter_dir):
    results = validate(table(obs("a1", "harbor_staff", "a", 30)), starter_dir, None)
    assert [r["success"] for r in results] == [True] * 6
    assert [r["fact"] for r in results] == [None, None, "harbor_cranes", "harbor_cranes", "harbor_opened",
                                            "harbor_opened"]


def test_rules_empty_observations_run_and_succeed(starter_dir):
    empty = table(obs("a1", "k", "a", 30)).iloc[:0]
    results = validate(empty, starter_dir, None)
    assert len(results) == 6 and all(r["success"] and r["observations"] == [] for r in results)


def test_rules_result_dict_contract(starter_dir):
    [first, *_] = validate(table(obs("a1", "harbor_cranes", "a", 3), obs("b1", "harbor_cranes", "b", 9)),
                           starter_dir, None)
    assert set(first) >= {"expectation", "code", "name", "severity", "success", "fact", "observations",
                          "message", "kwargs", "suite"}
    assert first["expectation"] == "expect_observations_to_agree_across_sources"
    assert first["message"] == "Two sources state values for the same fact that cannot both be true."
    assert first["suite"] == "harbor"
    json.dumps(first)  # plain JSON types only


def test_rules_suites_run_in_name_order(tmp_path, catalog_file):
    write_starting_suite(catalog_file, tmp_path / "b_file.json")
    data = json.loads((tmp_path / "b_file.json").read_text())
    data["name"] = "aaa"
    (tmp_path / "z_file.json").write_text(json.dumps(data))
    suites = [r["suite"] for r in validate(table(obs("a1", "harbor_cranes", "a", 1)), tmp_path, None)]
    assert suites == ["aaa"] * 6 + ["b_file"] * 6


def test_rules_starting_suite_is_stable_gx_json(tmp_path, catalog_file):
    first = write_starting_suite(catalog_file, tmp_path / "one" / "harbor.json")
    second = write_starting_suite(catalog_file, tmp_path / "two" / "harbor.json")
    text = first.read_text(encoding="utf-8")
    assert text == second.read_text(encoding="utf-8") and text.endswith("}\n")
    data = json.loads(text)
    assert text == json.dumps(data, indent=2, sort_keys=True) + "\n"
    codes = [(e["meta"]["code"], e["meta"].get("fact")) for e in data["expectations"]]
    assert codes == [("CK101", None), ("CK301", None), ("CK201", "harbor_cranes"), ("CK201", "harbor_cranes"),
                     ("CK201", "harbor_opened"), ("CK201", "harbor_opened")]


def test_rules_starting_suite_refuses_to_overwrite(tmp_path, catalog_file):
    target = tmp_path / "mine.json"
    target.write_text("{}", encoding="utf-8")
    with pytest.raises(CheckerError, match="overwrite"):
        write_starting_suite(catalog_file, target)
    assert target.read_text(encoding="utf-8") == "{}"


def write_suite(folder, text, name="broken.json"):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


def expectation(type_, kwargs, code="CK201", name="plausibility.range"):
    return {"type": type_, "kwargs": kwargs, "meta": {"code": code, "name": name}}


BAD_SUITES = [
    ("json syntax", '{\n  "name": "x",\n  "expectations": [\n    {"type": }\n  ]\n}\n', "broken.json:4:",
     "invalid JSON"),
    ("unknown expectation type",
     json.dumps({"name": "x", "expectations": [expectation("expect_the_moon", {"column": "cmp_low"})]}),
     "broken.json", "expectation 0 (expect_the_moon)"),
    ("bad kwargs",
     json.dumps({"name": "x", "expectations": [expectation("expect_column_values_to_be_between",
                                                           {"column": "cmp_low", "max_value": "lots"})]}),
     "broken.json", "expectation 0 (expect_column_values_to_be_between)"),
    ("agreement without the columns relation reads",
     json.dumps({"name": "x", "expectations": [expectation("expect_observations_to_agree_across_sources",
                                                           {"column_list": ["fact", "source"]}, "CK101",
                                                           "agreement.cross_source")]}),
     "broken.json", "column_list lacks"),
    ("code used for another rule",
     json.dumps({"name": "x", "expectations": [expectation("expect_column_values_to_be_between",
                                                           {"column": "cmp_low", "max_value": 3}, "CK101",
                                                           "agreement.cross_source")]}),
     "broken.json", "rule CK101 is agreement.cross_source"),
    ("missing rule code",
     json.dumps({"name": "x", "expectations": [{"type": "expect_column_values_to_be_between",
                                                "kwargs": {"column": "cmp_low", "max_value": 3}}]}),
     "broken.json", "meta needs a rule"),
    ("not a suite", "[1, 2]", "broken.json", "non-empty \"name\""),
    ("column the observations lack",
     json.dumps({"name": "x", "expectations": [expectation("expect_column_values_to_be_between",
                                                           {"column": "no_such_column", "max_value": 3})]}),
     "broken.json", "could not run: Error: The column \"no_such_column\""),
]


@pytest.mark.parametrize("text,where,what", [case[1:] for case in BAD_SUITES], ids=[case[0] for case in BAD_SUITES])
def test_rules_bad_suite_is_a_checker_error(tmp_path, text, where, what):
    write_suite(tmp_path / "expectations", text)
    with pytest.raises(CheckerError) as raised:
        validate(table(obs("a1", "k", "a", 1)), tmp_path / "expectations", None)
    assert where in raised.value.one_line() and what in raised.value.one_line()


def test_rules_duplicate_suite_names_are_rejected(tmp_path, catalog_file):
    write_starting_suite(catalog_file, tmp_path / "harbor.json")
    data = json.loads((tmp_path / "harbor.json").read_text())
    (tmp_path / "copy.json").write_text(json.dumps({**data, "name": "harbor"}))
    with pytest.raises(CheckerError, match="suite name 'harbor'"):
        validate(table(obs("a1", "k", "a", 1)), tmp_path, None)


def test_rules_registry_rejects_duplicates():
    from checker.rules.expectations import RULES

    rules = RuleSet()
    rules.add(Rule("CK900", "demo.one", "expect_x", "One.\n\nFails: a\nPasses: b"))
    with pytest.raises(ValueError, match="CK900"):
        rules.add(Rule("CK900", "demo.two", "expect_y", "Two."))
    with pytest.raises(ValueError, match="demo.one"):
        rules.add(Rule("CK901", "demo.one", "expect_y", "Two."))
    with pytest.raises(ValueError, match="CK101"):
        RULES.add(Rule("CK101", "agreement.again", "expect_y", "Again."))


def test_rules_every_rule_is_documented():
    from checker.rules.expectations import RULES

    assert [rule.code for rule in RULES] == ["CK101", "CK201", "CK301"]
    for rule in RULES:
        assert rule.message.endswith(".") and "Fails:" in rule.doc and "Passes:" in rule.doc, rule.code


def test_rules_progress_bars_stay_silent(capfd, starter_dir):
    rows = [obs(f"o{i}", "harbor_cranes", f"s{i % 3}", i) for i in range(20)]
    validate(table(*rows), starter_dir, None)
    captured = capfd.readouterr()
    assert "Calculating Metrics" not in captured.err and captured.out == "" and captured.err == ""


def test_rules_import_is_light():
    code = "import sys, checker.rules; print('great_expectations' in sys.modules, 'pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


ROW_CONDITIONS = [
    ("structured condition", {"row_condition": {"type": "comparison", "column": {"name": "fact"},
                                                "operator": "==", "parameter": "k"}}, "k"),
    ("legacy pandas string", {"row_condition": 'fact=="k"', "condition_parser": "pandas"}, "k"),
]


@pytest.mark.parametrize("condition,fact", [case[1:] for case in ROW_CONDITIONS],
                         ids=[case[0] for case in ROW_CONDITIONS])
def test_rules_row_condition_forms_select_one_fact(tmp_path, condition, fact):
    rule = expectation("expect_column_values_to_be_between", {"column": "cmp_low", "max_value": 10, **condition})
    write_suite(tmp_path, json.dumps({"name": "hand", "expectations": [rule]}), "hand.json")
    rows = table(obs("k1", "k", "a", 50), obs("k2", "k", "b", 5), obs("j1", "j", "a", 50))
    [result] = [r for r in validate(rows, tmp_path, None) if r["suite"] == "hand"]
    assert result["observations"] == ["k1"] and result["fact"] == fact



COLUMN_READERS = [
    # (id, type, kwargs, failing ids): a rule reads columns by name in its kwargs or its row condition, or the
    # whole table; GX is given only the named columns (checker.rules.run.columns_read), with the same answer
    ("condition on a column no rule names", "expect_column_values_to_be_between",
     {"column": "cmp_low", "max_value": 10, "row_condition": 'modality=="projected"', "condition_parser": "pandas"},
     ["p1"]),
    ("a pair of columns", "expect_column_pair_values_a_to_be_greater_than_b",
     {"column_A": "cmp_high", "column_B": "as_of_ord_low", "or_equal": True}, ["k2"]),
    ("the table's columns", "expect_table_columns_to_match_set", {"column_set": ["fact", "cmp_low"]}, []),
    ("the table's column count", "expect_table_column_count_to_equal", {"value": "every column"}, []),
]


@pytest.mark.parametrize("kind,kwargs,failing", [case[1:] for case in COLUMN_READERS],
                         ids=[case[0] for case in COLUMN_READERS])
def test_rules_read_the_columns_they_name_as_in_the_whole_table(tmp_path, kind, kwargs, failing):
    from checker.references import ensure_columns

    rows = table(obs("k1", "k", "a", 2 * DAY), obs("k2", "k", "b", 5), obs("p1", "k", "c", 2 * DAY, assertive=False))
    if kwargs.get("value") == "every column":
        kwargs = {"value": len(ensure_columns(rows).columns)}
    rule = expectation(kind, kwargs, code="HAND1", name="hand.rule")
    write_suite(tmp_path, json.dumps({"name": "hand", "expectations": [rule]}), "hand.json")
    [result] = [r for r in validate(rows, tmp_path, None) if r["suite"] == "hand"]
    assert result["observations"] == failing
    assert result["success"] == (not failing and kind != "expect_table_columns_to_match_set")


def test_rules_committed_suites_load_and_compare_each_catalog_fact_once():
    from pathlib import Path

    from checker.catalog import load_catalog
    from checker.rules.suites import facts_selected, load_suites

    root = Path(__file__).resolve().parent.parent
    suites = load_suites(root / "expectations")
    scopes = [facts_selected(e.row_condition) for loaded in suites for e in loaded.suite.expectations
              if e.meta["code"] == "CK101"]
    assert None not in scopes  # every committed CK101 is scoped to its own catalog's facts
    keys = [fact.key for fact in load_catalog(root / "facts").facts]
    assert sorted(key for scope in scopes for key in scope) == sorted(keys)


def test_rules_gx_start_up_defers_scipy_stats_and_altair_until_used():
    """Great Expectations is imported whole and works, without scipy.stats and altair until something uses them."""
    script = ("import sys\n"
              "import checker.rules.expectations\n"
              "print('scipy.stats._stats_py' in sys.modules, 'altair.vegalite' in sys.modules)\n"
              "from scipy import stats\n"
              "import altair\n"
              "print(round(stats.entropy([1, 2], [2, 1]), 6), altair.Chart.__name__,\n"
              "      type(sys.modules['scipy.stats']).__name__, 'scipy.stats._stats_py' in sys.modules)\n")
    lines = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout.split("\n")
    assert lines[0] == "False False"
    assert lines[1] == "0.231049 Chart module True"


FRAME = pd.DataFrame({"observation": ["a"], "fact": ["f"], "quote": ["q"], "mention": ["m"], "line": [1],
                      "cmp_low": [1.0], "cmp_high": [1.0]})


@pytest.mark.parametrize("suite, left_out", [
    (None, ["quote", "mention", "line"]),                                   # no suite: the built-in rules' columns
    ({"expectations": [{"expectation_type": "expect_column_values_to_not_be_null",
                        "kwargs": {"column": "quote"}}]}, ["mention", "line"]),   # what a suite names is read
    ({"expectations": [{"expectation_type": "expect_table_column_count_to_equal",
                        "kwargs": {"value": 7}}]}, []),                     # the table as a whole: every column
])
def test_rules_read_columns_leave_out_what_no_rule_reads(tmp_path, suite, left_out):
    from checker.rules import read_columns

    if suite is not None:
        (tmp_path / "suite.json").write_text(json.dumps({"name": "s", **suite}), encoding="utf-8")
    read = read_columns(FRAME, tmp_path if suite is not None else None)
    assert [column for column in FRAME.columns if column not in read] == left_out


def test_rules_and_findings_of_the_columns_they_read_are_those_of_every_column(ferry_corpus, ferry_facts, no_suites):
    # The rules' process is sent the columns they read (checker.audit): the rules' results and findings are the same
    from checker.audit import _judge, run_audit
    from checker.rules import UNREAD_COLUMNS, read_columns

    audit = run_audit(ferry_corpus, ferry_facts, no_suites)
    observations = audit.observations
    assert set(UNREAD_COLUMNS) <= set(observations.columns)
    whole = _judge(observations, no_suites, audit.catalog, None)
    narrow = _judge(observations[read_columns(observations, no_suites)], no_suites, audit.catalog, None)
    assert whole[0] == narrow[0] and not whole[1].empty
    pd.testing.assert_frame_equal(whole[1], narrow[1])
