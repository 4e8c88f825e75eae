"""A catalog's plausible range is a rule with or without a suite: a value outside it is reported as
implausible (probably bound to the wrong fact) and is no side of a conflict."""
from __future__ import annotations

import json

from checker.audit import run_audit

CATALOG = """story: harbour
applies_when: [harbour]
facts:
  - key: ferry_price
    label: Price of the new harbour ferry
    kind: money
    context: [ferry, cost, costs]
    range: [1000000, 100000000]
"""


def _corpus(tmp_path, texts: dict[str, str]):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in texts.items():
        (corpus / f"{name}.txt").write_text(text, encoding="utf-8")
    (corpus / "manifest.json").write_text(json.dumps({"documents": [
        {"id": name, "file": f"{name}.txt", "published": "2024-05-10"} for name in texts]}), encoding="utf-8")
    facts = tmp_path / "facts.yaml"
    facts.write_text(CATALOG, encoding="utf-8")
    return corpus, facts


def test_catalog_range_holds_without_a_suite_and_an_implausible_value_is_no_side_of_a_conflict(tmp_path):
    corpus, facts = _corpus(tmp_path, {
        "a": "The new harbour ferry costs $12 million, the council said.\n",
        "b": "The harbour ferry cost $12 million; a ticket on the ferry costs $4.\n",
    })
    result = run_audit(corpus, facts=facts, expectations=None, discover=False)
    statuses = dict(zip(result.findings["status"], result.findings["observations"]))
    assert "implausible" in statuses and "conflict" not in statuses, result.findings[["status", "message"]]
    implausible = result.observations.set_index("observation").loc[list(statuses["implausible"])]
    assert implausible["value_text"].tolist() == ["$4"]


def test_catalog_range_leaves_a_real_conflict_beside_an_implausible_value(tmp_path):
    corpus, facts = _corpus(tmp_path, {
        "a": "The new harbour ferry costs $12 million, the council said.\n",
        "b": "The harbour ferry cost $19 million; a ticket on the ferry costs $4.\n",
    })
    result = run_audit(corpus, facts=facts, expectations=None, discover=False)
    conflicts = result.findings[result.findings["status"] == "conflict"]
    assert len(conflicts) == 1
    values = result.observations.set_index("observation").loc[list(conflicts.iloc[0]["observations"]), "value_text"]
    assert sorted(values) == ["$12 million", "$19 million"]


def test_catalog_range_conflict_left_beside_an_implausible_value_is_counted_not_asked_pair_by_pair(tmp_path,
                                                                                                 monkeypatch):
    # The members still in conflict once the implausible value is set aside are those relation() calls a conflict
    # with a member of another source; at 8,000 statements asking it of every pair took minutes
    from checker import findings, intervals

    texts = {f"s{n:02d}": f"The new harbour ferry costs ${12 if n % 2 else 19} million, the council said.\n"
             for n in range(40)}
    texts["s99"] = "The harbour ferry cost $15 million; a ticket on the ferry costs $4.\n"
    corpus, facts = _corpus(tmp_path, texts)
    result = run_audit(corpus, facts=facts, expectations=None, discover=False)
    members = result.observations[result.observations["fact"] == "ferry_price"].to_dict("records")
    assert len(members) == 42 and any(m["value_text"] == "$4" for m in members)
    expected = [a for a in members if any(a["source"] != b["source"] and intervals.relation(a, b) == "conflict"
                                          for b in members)]
    asked = []
    real = intervals.relation
    monkeypatch.setattr(intervals, "relation", lambda *args, **kwargs: asked.append(1) or real(*args, **kwargs))
    position = {observation: at for at, observation in enumerate(result.observations["observation"])}
    kept = findings._still_conflicting(members, result.observations, position)
    assert [m["observation"] for m in kept] == [m["observation"] for m in expected] and len(kept) == 42
    assert len(asked) < len(members)
