"""`checker suggest`: a catalog written from discovered facts loads, binds what discovery grouped, and
finds the same conflicts. Real corpus (three short articles written for these tests), real binder, real GX.
"""
from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from checker.audit import run_audit
from checker.catalog import load_catalog
from checker.cli import cli
from checker.suggest import SuggestedFact, catalog_text, suggest_catalog

# A canal town argues over a new lock: two papers say 12 public hearings, one says nine.
FENWICK = {
    "gazette.txt": ("gazette", "Marlow Gazette", "2023-03-02",
                    "Lock hearings drag on in Fenwick\n\n"
                    "The Fenwick canal trust has held 12 public hearings on the new lock since 2018, the trust "
                    "said on Monday.\nThe lock is expected to cost 4.5 million euros. About 300 residents came "
                    "to the latest hearing.\n"),
    "post.txt": ("post", "Fenwick Post", "2023-03-05",
                 "Residents split over the Fenwick lock\n\n"
                 "Since 2018, the Fenwick canal trust has held nine public hearings on the new lock.\n"
                 "Engineers put the cost of the lock at 4.5 million euros, to be paid by the region.\n"),
    "weekly.txt": ("weekly", "Canal Weekly", "2023-03-10",
                   "A lock for the canal\n\n"
                   "The canal trust in Fenwick has now held 12 public hearings on the lock since 2018.\n"
                   "Work on the lock may begin in the spring, the trust's engineer said.\n"),
}

DECLARED_COST = """\
story: fenwick
title: The Fenwick lock
facts:
  - key: lock_cost
    label: Cost of the new lock
    kind: money
    unit: EUR
    context: [cost]
"""


def write_corpus(folder, documents=FENWICK):
    folder.mkdir(parents=True)
    entries = []
    for name, (doc_id, outlet, published, text) in documents.items():
        (folder / name).write_text(text, encoding="utf-8")
        entries.append({"id": doc_id, "file": name, "outlet": outlet, "published": published})
    (folder / "manifest.json").write_text(json.dumps({"documents": entries}), encoding="utf-8")
    return folder


@pytest.fixture
def project(tmp_path, monkeypatch):
    """The cwd, with the corpus in fenwick/ and no facts/ folder."""
    monkeypatch.chdir(tmp_path)
    write_corpus(tmp_path / "fenwick")
    return tmp_path


def suggest(*args):
    return CliRunner().invoke(cli, ["suggest", "fenwick", *args, "--no-cache"], catch_exceptions=False)


def conflicts(result, strip_prefix=False):
    """Each conflict as (fact, the (source, value) pairs that disagree)."""
    values = {row.observation: (row.source, row.value_text) for row in result.observations.itertuples()}
    found = set()
    for finding in result.findings.itertuples():
        if finding.status == "conflict":
            fact = finding.fact.removeprefix("d_") if strip_prefix else finding.fact
            found.add((fact, frozenset(values[o] for o in finding.observations)))
    return found


def statements(result, strip_prefix=False):
    """fact -> the statements (source, start, end) bound to it."""
    bound: dict[str, set] = {}
    for row in result.observations.itertuples():
        fact = row.fact.removeprefix("d_") if strip_prefix else row.fact
        bound.setdefault(fact, set()).add((row.source, row.start, row.end))
    return bound


def test_suggest_writes_a_catalog_that_binds_what_discovery_grouped(project):
    result = suggest("-o", "facts/new/fenwick.yaml")
    assert result.exit_code == 0, result.output
    path = project / "facts" / "new" / "fenwick.yaml"
    assert result.output.startswith("wrote facts/new/fenwick.yaml: story fenwick")
    catalog = load_catalog(path)
    (story,) = catalog.stories
    assert story.id == "fenwick" and story.applies_when == ()
    assert catalog.facts and all(re.fullmatch(r"[a-z0-9_]+", f.key) and not f.key.startswith("d_")
                                 for f in catalog.facts)
    assert all(f.origin == "declared" and f.context and f.context_scope == "sentence" for f in catalog.facts)
    text = path.read_text(encoding="utf-8")
    assert '#   post, "nine public hearings": "Since 2018, the Fenwick canal trust has held nine public' in text
    hearings = next(f for f in catalog.facts if f.units == ("hearing",))
    assert hearings.kind == "count" and hearings.tolerance == 0 and hearings.changes == "increasing"

    discovered = run_audit(project / "fenwick", None, None, discover=True)
    declared = run_audit(project / "fenwick", path, None, discover=False)
    assert conflicts(discovered, strip_prefix=True)          # discovery finds the hearings conflict ...
    assert conflicts(declared) == conflicts(discovered, strip_prefix=True)   # ... and so does the catalog
    assert statements(declared) == statements(discovered, strip_prefix=True)
    assert not any(f.origin == "discovered" for f in declared.catalog.facts)


def test_suggest_library_reports_what_it_wrote(project):
    suggestion = suggest_catalog(project / "fenwick", project / "fenwick.yaml", None)
    assert suggestion.path.read_text(encoding="utf-8").startswith("# Suggested by `checker suggest`")
    assert suggestion.story == "fenwick"
    assert all(f.missing == 0 and f.extra == 0 for f in suggestion.facts)
    assert sorted(len(f.statements) for f in suggestion.facts) == [2, 3]


def test_suggest_never_overwrites(project):
    target = project / "facts" / "fenwick.yaml"
    target.parent.mkdir()
    target.write_text("# mine\n", encoding="utf-8")
    result = suggest("-o", "facts/fenwick.yaml")
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert lines == ["checker: error: facts/fenwick.yaml: refusing to overwrite an existing file "
                     "(choose another --output or move the file away)"]
    assert target.read_text(encoding="utf-8") == "# mine\n"


def test_suggest_leaves_the_catalogs_facts_to_it_and_joins_its_folder(project):
    (project / "facts").mkdir()
    (project / "facts" / "fenwick.yaml").write_text(DECLARED_COST, encoding="utf-8")
    result = suggest("-o", "facts/fenwick-suggested.yaml")
    assert result.exit_code == 0, result.output
    suggested = load_catalog(project / "facts" / "fenwick-suggested.yaml")
    assert [story.id for story in suggested.stories] == ["fenwick-2"]     # the folder's story keeps its id
    assert [f.units for f in suggested.facts] == [("hearing",)]           # the cost is the catalog's already
    both = load_catalog(project / "facts")
    assert {f.key for f in both.facts} == {"lock_cost", suggested.facts[0].key}
    audit = run_audit(project / "fenwick", project / "facts", None, discover=False)
    assert {fact for fact, _ in conflicts(audit)} == {suggested.facts[0].key}


def test_suggest_with_nothing_discovered_is_an_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_corpus(tmp_path / "fenwick", {"post.txt": FENWICK["post.txt"]})
    result = suggest("-o", "facts/fenwick.yaml")
    assert result.exit_code == 2, result.output
    assert "nothing to suggest" in result.output and len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "facts").exists()


def test_suggest_catalog_text_loads_whatever_the_statements_say(tmp_path):
    odd = "a line\u2028break, a next\x85line, a # sign, 'quotes' \"too\": and \x07 a bell"
    facts = [SuggestedFact(key="founded", label="date: founded in", kind="date", units=(), context=("founded",),
                           context_scope="phrase", changes="none", confidence=0.5,
                           statements=({"mention": "a@1-2", "source": "a: b", "phrase": odd, "quote": odd},)),
             SuggestedFact(key="lock_cost", label="EUR #cost", kind="money", units=("eur",), context=("no", "yes"),
                           context_scope="sentence", changes="any", confidence=1.0,
                           statements=({"mention": "b@1-2", "source": "b", "phrase": "x", "quote": "y"},), extra=2)]
    path = tmp_path / "odd.yaml"
    path.write_text(catalog_text("odd-story", "Odd: a title", facts, None), encoding="utf-8")
    catalog = load_catalog(path)
    assert [(f.key, f.label, f.kind) for f in catalog.facts] == [("founded", "date: founded in", "date"),
                                                                ("lock_cost", "EUR #cost", "money")]
    assert catalog.stories[0].title == "Odd: a title"
    assert catalog.facts[1].units == ("eur",) and catalog.facts[1].context == ("no", "yes")
    date_fact = path.read_text().split("- key: founded")[1].split("- key: lock_cost")[0]
    assert "tolerance:" not in date_fact and "context_scope: phrase" in date_fact
    assert "# note: with these words it binds 2 statement(s) more than discovery grouped" in path.read_text()
