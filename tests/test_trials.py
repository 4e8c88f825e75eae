"""checker.trials.Trials binds as bind does: the same mention -> fact for every catalog tried.

`checker suggest` tries each option of a fact beside the others with Trials, which weighs each fact's values once
instead of binding every catalog again; it must give bind's own answer. Real stories of benchmarks/stories (their
catalogs have stories with applies_when, and "up from" baselines, which bind a document whole), real binder.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from checker.audit import run_audit
from checker.binding import bind
from checker.binding.score import NUMERIC_FACT_KINDS
from checker.catalog import Catalog, load_catalog
from checker.reading import read_clauses
from checker.trials import Trials

STORIES = Path(__file__).resolve().parent.parent / "benchmarks" / "stories"


def _bound(frame) -> dict[str, str]:
    return dict(zip(frame["mention"], frame["fact"]))


def _catalogs(facts: tuple) -> list[tuple]:
    """The catalogs suggest tries: the whole, in reverse (ties go by catalog order), each fact alone, each fact
    with another context (no context at all, a word of every value's sentence), and one fact left out."""
    catalogs = [facts, tuple(reversed(facts))]
    catalogs += [(fact,) for fact in facts]
    catalogs += [facts[:1] + (replace(fact, context=(), cues=()),) + facts[1:] for fact in facts[1:3]]
    catalogs += [facts[:-1] + (replace(facts[-1], context=("the",), context_scope="sentence"),)]
    catalogs += [facts[1:]]
    return catalogs


@pytest.mark.parametrize("story", ["budget-lennick", "election-rostval", "quake-vanmora", "release-orbitdb"])
def test_trials_bind_as_bind_does(story):
    folder = STORIES / story
    catalog = load_catalog(folder / "facts.yaml")
    result = run_audit(folder, folder / "facts.yaml", None, discover=False)
    mentions, documents = result.mentions, result.documents
    readings = read_clauses(mentions, documents)
    tried, words = 0, {}   # the Trials of three kinds share the documents' word indexes, each setting its values
    kinds = [{"date"}, NUMERIC_FACT_KINDS["count"], NUMERIC_FACT_KINDS["money"], None]
    rivals = [mentions[mentions["kind"].isin(kind)] if kind else mentions for kind in kinds]
    trials = [Trials(frame, documents, catalog.stories, readings=readings, words=words) for frame in rivals]
    for facts in _catalogs(catalog.facts):
        for frame, trial in zip(rivals, trials):   # in turn, each after another has set its values
            expected = _bound(bind(frame, documents, Catalog(facts=facts, stories=catalog.stories),
                                   readings=readings))
            assert trial.bound(facts) == expected, [fact.key for fact in facts]
            tried += len(expected)
    assert len(words) == len(documents) and tried > 50   # one index a document; the answers are not empty


def test_trials_bind_a_document_with_a_baseline_whole(tmp_path):
    # "up from 27" is the figure 31 moved from: choose() gives it its head's fact, so Trials binds the document
    # as bind does rather than a value at a time
    (tmp_path / "a.txt").write_text("The county now runs 31 ferries, up from 27 ferries in 2020, the county said.\n"
                                    "Its budget for the fleet is 12 million dollars.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Marlow's county fleet has 30 ferries.\n", encoding="utf-8")
    (tmp_path / "facts.yaml").write_text("""\
story: ferries
title: Ferries
applies_when: [ferries]
facts:
  - key: fleet
    label: Ferries in the fleet
    kind: count
    unit: ferry
    context: [county]
  - key: fleet_before
    label: Ferries before
    kind: count
    unit: ferry
    context: [2020]
  - key: fleet_twin
    label: Ferries in the fleet, again
    kind: count
    unit: ferry
    context: [county]
""", encoding="utf-8")
    catalog = load_catalog(tmp_path / "facts.yaml")
    result = run_audit(tmp_path, tmp_path / "facts.yaml", None, discover=False)
    mentions, documents = result.mentions, result.documents
    readings = read_clauses(mentions, documents)
    trials = Trials(mentions, documents, catalog.stories, readings=readings)
    answers = []
    for facts in (catalog.facts, tuple(reversed(catalog.facts)), catalog.facts[1:]):
        expected = _bound(bind(mentions, documents, Catalog(facts=facts, stories=catalog.stories),
                               readings=readings))
        assert trials.bound(facts) == expected
        answers.append(expected)
    assert [whole for _, _, _, whole, _ in trials.documents] == [True, False]   # a.txt bound whole, b.txt not
    assert answers[0] and answers[0] != answers[2]
    # b.txt's 30 ferries: fleet and fleet_twin weigh it alike, and the catalog's order decides
    thirty = next(m for m, s in zip(mentions["mention"], mentions["value_text"]) if s == "30")
    assert (answers[0][thirty], answers[1][thirty]) == ("fleet", "fleet_twin")
