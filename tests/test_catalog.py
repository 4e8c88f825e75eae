"""Fact catalogs: schema, defaults, errors with file and line, story selection."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from checker.catalog import Catalog, load_catalog
from checker.errors import CheckerError

LIGHTHOUSE = """\
story: lighthouse
title: The Gull Point lighthouse
applies_when: [Gull Point, lighthouse keeper]
facts:
  - key: keepers
    label: Keepers since 1900
    kind: count
    unit: [Keeper, warden]
    context: keeper
  - key: repair_cost
    label: Cost of the repair
    kind: money
    unit: gbp
    changes: any
    scope: total
    context_scope: phrase
    cues: ["repaired for {value}"]
    exclude: [each]
    window_days: 14
    tolerance: 0.05
    range: [1000, 2.5e6]
    description: What the council paid.
  - key: first_lit
    label: Date the lamp was first lit
    kind: date
    range: [1850, 1900-06-30]
"""

GENERAL = """\
story: general
facts:
  - key: visitors
    label: Visitors a year
    kind: count
    unit: visitor
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_catalog_valid_file_loads_with_defaults(tmp_path):
    catalog = load_catalog(write(tmp_path, "lighthouse.yaml", LIGHTHOUSE))
    keepers, cost, first_lit = catalog.facts
    assert (keepers.units, keepers.context, keepers.cues, keepers.exclude) == (("keeper", "warden"), ("keeper",), (), ())
    assert (keepers.context_scope, keepers.scope, keepers.changes) == ("sentence", "any", "none")
    assert (keepers.window_days, keepers.tolerance, keepers.range, keepers.description) == (0, 0.0, None, "")
    assert (keepers.story, keepers.line, keepers.path) == ("lighthouse", 5, str(tmp_path / "lighthouse.yaml"))
    assert cost.units == ("gbp",) and cost.range == (1000.0, 2.5e6) and cost.tolerance == 0.05
    assert (cost.scope, cost.context_scope, cost.changes, cost.window_days) == ("total", "phrase", "any", 14)
    assert cost.cues == ("repaired for {value}",) and cost.exclude == ("each",)
    assert first_lit.range == ("1850-01-01", "1900-06-30")
    assert catalog.stories[0] == ("lighthouse", "The Gull Point lighthouse", ("Gull Point", "lighthouse keeper"),
                                  str(tmp_path / "lighthouse.yaml"))
    assert catalog.get("repair_cost") is cost and catalog.get("nothing") is None


def test_catalog_folder_reads_yaml_files_in_name_order(tmp_path):
    write(tmp_path, "b.yml", LIGHTHOUSE)
    write(tmp_path, "a.yaml", GENERAL)
    write(tmp_path, "notes.txt", "not a catalog")
    catalog = load_catalog(tmp_path)
    assert [fact.key for fact in catalog.facts] == ["visitors", "keepers", "repair_cost", "first_lit"]
    assert [story.id for story in catalog.stories] == ["general", "lighthouse"]
    assert catalog.as_records()[0] == {"key": "visitors", "label": "Visitors a year", "kind": "count",
                                       "unit": "visitor", "units": ["visitor"], "changes": "none", "tolerance": 0.0,
                                       "window_days": 0, "story": "general", "range": None,
                                       "origin": "declared", "confidence": 1, "evidence": [], "reference": None}


def test_catalog_facts_for_respects_applies_when(tmp_path):
    write(tmp_path, "a.yaml", GENERAL)
    write(tmp_path, "b.yaml", LIGHTHOUSE)
    catalog = load_catalog(tmp_path)
    keys = lambda text: [fact.key for fact in catalog.facts_for(text)]  # noqa: E731
    assert keys("Storm at GULL  point last night") == ["visitors", "keepers", "repair_cost", "first_lit"]
    assert keys("The last Lighthouse\nkeeper retired.") == ["visitors", "keepers", "repair_cost", "first_lit"]
    assert keys("Seagull pointers and lighthouses") == ["visitors"]


def test_catalog_missing_default_folder_is_empty_but_explicit_path_is_an_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert load_catalog("facts") == Catalog() and load_catalog(None) == Catalog()
    assert load_catalog(tmp_path / "other", required=False) == Catalog()
    with pytest.raises(CheckerError, match="no such fact catalog"):
        load_catalog(tmp_path / "other")
    with pytest.raises(CheckerError, match="no such fact catalog"):
        load_catalog("facts", required=True)


def fact(extra: str) -> str:
    """A one-fact catalog whose fact has `extra` lines appended (its keys start on line 6)."""
    return "story: s\nfacts:\n  - key: k\n    label: L\n    kind: count\n" + textwrap.indent(extra, "    ")


BAD_CATALOGS = {
    "yaml syntax": ("story: s\nfacts:\n  - key: [k\n    label: L\n", 4, "invalid YAML"),
    "tab indentation": ("story: s\nfacts:\n\t- key: k\n", 3, "invalid YAML"),
    "unknown top key": ("story: s\nowner: me\nfacts: []\n", 2, "unknown catalog key 'owner'"),
    "unknown fact key": (fact("units: [k]\n"), 6, "unknown fact key 'units'"),
    "bad kind": ("story: s\nfacts:\n  - key: k\n    label: L\n    kind: amount\n", 5, "kind 'amount'"),
    "bad changes": (fact("changes: up\n"), 6, "changes 'up'"),
    "bad scope": (fact("scope: all\n"), 6, "scope 'all'"),
    "bad context_scope": (fact("context_scope: chapter\n"), 6, "context_scope 'chapter'"),
    "bad key pattern": ("story: s\nfacts:\n  - key: Big-Key\n    label: L\n    kind: count\n", 3, "[a-z0-9_]+"),
    "cue without value": (fact("cues:\n  - the last in {value}\n  - since then\n"), 8, "{value}"),
    "context item not text": (fact("context: [bridge, {a: 1}]\n"), 6, "list of non-empty strings"),
    "context item empty": (fact("context: [bridge, '']\n"), 6, "list of non-empty strings"),
    "range of three": (fact("range: [1, 2, 3]\n"), 6, "two values"),
    "range of text": (fact("range: [one, 9]\n"), 6, "two numbers"),
    "range reversed": (fact("range: [9, 1]\n"), 6, "above high"),
    "date range not dates": ("story: s\nfacts:\n  - key: d\n    label: L\n    kind: date\n    range: [soon, 2020]\n",
                             6, "two dates"),
    "window not whole": (fact("window_days: 1.5\n"), 6, "whole number"),
    "tolerance text": (fact("tolerance: high\n"), 6, "must be a number"),
    "tolerance too big": (fact("tolerance: 10\n"), 6, "relative fraction"),
    "unit not text": (fact("unit: {a: 1}\n"), 6, "list of non-empty strings"),
    "missing label": ("story: s\nfacts:\n  - key: k\n    kind: count\n", 3, "lacks 'label'"),
    "key given twice": (fact("kind: date\n"), 6, "'kind' given twice"),
    "duplicate fact in file": (fact("") + "  - key: k\n    label: M\n    kind: date\n", 6, "duplicate fact key 'k'"),
    "facts not a list": ("story: s\nfacts: {}\n", 2, "'facts' must be a list"),
    "empty file": ("", None, "empty catalog"),
}


@pytest.mark.parametrize("text, line, message", BAD_CATALOGS.values(), ids=BAD_CATALOGS.keys())
def test_catalog_error_names_file_and_line(tmp_path, text, line, message):
    path = write(tmp_path, "bad.yaml", text)
    with pytest.raises(CheckerError) as caught:
        load_catalog(path)
    assert message in caught.value.message
    assert (caught.value.path, caught.value.line) == (str(path), line)


def test_catalog_duplicate_key_across_files_names_second_file_and_line(tmp_path):
    write(tmp_path, "a.yaml", GENERAL)
    second = write(tmp_path, "b.yaml", "story: other\nfacts:\n  - key: keep\n    label: K\n    kind: count\n"
                                       "  - key: visitors\n    label: V\n    kind: count\n")
    with pytest.raises(CheckerError, match=r"duplicate fact key 'visitors' \(first defined in .*a.yaml:3\)") as caught:
        load_catalog(tmp_path)
    assert (caught.value.path, caught.value.line) == (str(second), 6)


def test_catalog_duplicate_story_across_files(tmp_path):
    write(tmp_path, "a.yaml", GENERAL)
    second = write(tmp_path, "b.yaml", "# same story again\nstory: general\nfacts: []\n")
    with pytest.raises(CheckerError, match="story 'general' is already defined") as caught:
        load_catalog(tmp_path)
    assert (caught.value.path, caught.value.line) == (str(second), 2)


def test_catalog_demo_catalog_loads():
    from checker.corpus import DEMO

    catalog = load_catalog(DEMO / "facts" / "demo.yaml")
    assert len(catalog.facts) >= 6 and {fact.kind for fact in catalog.facts} >= {"count", "money", "date"}
    assert catalog.facts_for("News from Marrow Ford") and not catalog.facts_for("Nothing relevant here")


def test_catalog_reads_a_bare_number_term_as_the_word_written(tmp_path):
    """A user who writes a year in a list ("exclude: [1938]") means the word 1938, not a type error."""
    path = tmp_path / "cup.yaml"
    path.write_text("story: cup\nfacts:\n  - key: titles\n    label: Titles\n    kind: count\n    unit: title\n"
                    "    exclude: [Athletic, 1938]\n", encoding="utf-8")
    assert load_catalog(path).facts[0].exclude == ("Athletic", "1938")


def test_catalog_reads_a_choice_in_any_case_and_names_the_word_written(tmp_path):
    """ "context_scope: Sentence" and "kind: Count" are the choices; "changes: no" (YAML 1.1's false) is refused
    naming the word the user wrote, with its line."""
    path = tmp_path / "vote.yaml"
    path.write_text("story: vote\nfacts:\n  - key: turnout\n    label: Turnout\n    kind: Count\n    unit: voter\n"
                    "    context_scope: Sentence\n    changes: Increasing\n", encoding="utf-8")
    fact = load_catalog(path).facts[0]
    assert (fact.kind, fact.context_scope, fact.changes) == ("count", "sentence", "increasing")
    path.write_text("story: vote\nfacts:\n  - key: turnout\n    label: Turnout\n    kind: count\n    unit: voter\n"
                    "    changes: no\n", encoding="utf-8")
    with pytest.raises(CheckerError) as raised:
        load_catalog(path)
    assert str(raised.value).endswith("vote.yaml:7: changes 'no' is not one of: none, any, increasing, decreasing")


def test_catalog_reads_yes_no_on_off_terms_as_the_words_written(tmp_path):
    """YAML 1.1 reads a bare Yes, No, On or Off as true or false; in a list of words the user means the word
    ("context: [Yes]" in a referendum's catalog), and a number keeps its written digits."""
    path = tmp_path / "vote.yaml"
    path.write_text("story: vote\nfacts:\n  - key: yes_share\n    label: Yes share\n    kind: percent\n"
                    "    context: [Yes, YES, on]\n    exclude: No\n  - key: price\n    label: Price\n    kind: money\n"
                    "    context: price\n    exclude: [2.50]\n", encoding="utf-8")
    facts = load_catalog(path).facts
    assert (facts[0].context, facts[0].exclude, facts[1].exclude) == (("Yes", "YES", "on"), ("No",), ("2.50",))


def test_catalog_date_tolerance_is_in_days(tmp_path):
    """The README says a date fact's tolerance is in days: 31 is a month's slack, not an error."""
    path = tmp_path / "probe.yaml"
    path.write_text("story: probe\nfacts:\n  - key: arrival\n    label: Arrival\n    kind: date\n    tolerance: 31\n",
                    encoding="utf-8")
    assert load_catalog(path).facts[0].tolerance == 31


@pytest.mark.parametrize("kind,written,expected", [
    ("money", ["dollars", "US$", "EUR"], ("usd", "eur")),
    ("count", ["sites", "people", "meeting"], ("site", "person", "meeting")),
    ("quantity", ["Kilometres", "km"], ("km",)),
    ("quantity", ["megawatt", "gigawatt", "inch", "celsius"], ("mw", "gw", "in", "c")),   # the singular too
    ("duration", ["hours", "hour"], ("hour",)),
    # a rate per an amount, as the grammar reads "58 colonies per 100 ml", "12 cases per 100,000 people"
    ("quantity", ["colonies per 100 ml", "colonies per 100 millilitres"], ("colony/100 ml",)),
    ("count", ["cases per 100,000 people"], ("case/100000 person",)),
])
def test_catalog_units_as_the_grammar_writes_them(tmp_path, kind, written, expected):
    """A unit typed as a currency name, a plural or a long form binds what the grammar reads."""
    path = tmp_path / "units.yaml"
    path.write_text(f"story: u\nfacts:\n  - key: f\n    label: F\n    kind: {kind}\n    unit: {written}\n",
                    encoding="utf-8")
    assert load_catalog(path).facts[0].units == expected
