"""Per-fact memos (checker.factmemo): what an audit takes back from the one before is what it would work out.

Each audit here runs with a stage cache (the memos live there) and is compared, record for record, with the
same audit without one; spies count what was worked out again.
"""
from __future__ import annotations

import json
import shutil

import pytest

from checker import consensus, factmemo, findings
from checker.audit import run_audit
from checker.rules import run as rules_run
from tests import benchmark_modules
from tests.seeds import seeds_path


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("generated")
    benchmark_modules.generated_corpus(folder, 40, 11)
    return folder


@pytest.fixture
def worked_out(monkeypatch):
    """How often each per-fact result was worked out: a fact's involvement (by the findings, or by the agreement
    rule, whose the findings take), a GX validation (the facts of its rows), a fact's consensus windows."""
    import checker.involvement

    counts = {"involvement": 0, "validated": [], "windows": 0, "voices": 0}
    real_involvement, real_validated, real_cut = findings.involvement, rules_run._validated, consensus._cut_windows
    real_voices = consensus.find_voices

    def counted_involvement(*args, **kwargs):
        counts["involvement"] += 1
        return real_involvement(*args, **kwargs)

    def counted_validated(observations, *args, **kwargs):
        counts["validated"].append(sorted(set(observations["fact"].tolist())))
        return real_validated(observations, *args, **kwargs)

    def counted_cut(rows):
        counts["windows"] += 1
        return real_cut(rows)

    monkeypatch.setattr(findings, "involvement", counted_involvement)
    monkeypatch.setattr(checker.involvement, "involvement", counted_involvement)
    monkeypatch.setattr(rules_run, "_validated", counted_validated)
    def counted_voices(rows):
        counts["voices"] += 1
        return real_voices(rows)

    monkeypatch.setattr(consensus, "_cut_windows", counted_cut)
    monkeypatch.setattr(consensus, "find_voices", counted_voices)
    return counts


def _reset(counts: dict) -> None:
    counts.update(involvement=0, windows=0, voices=0)
    counts["validated"].clear()


def _records(result) -> str:
    return json.dumps(result.as_records(), sort_keys=True, default=str)


def _audit(corpus, facts, expectations=None, cache_dir=None):
    return run_audit(corpus, facts, expectations, cache_dir=cache_dir)


@pytest.mark.parametrize("name", ["demo", "seeds", "generated"])
def test_factmemo_audit_takes_back_only_what_it_would_work_out(name, generated, worked_out, tmp_path):
    if name == "demo":
        corpus, facts = None, "default"
    elif name == "seeds":
        if seeds_path() is None:
            pytest.skip("the seeds corpus (../shared/seeds) is not here")
        corpus, facts = seeds_path(), None
    else:
        corpus = tmp_path / "corpus"
        shutil.copytree(generated / "corpus", corpus)
        facts = generated / "facts"
    kwargs = {} if facts == "default" else {"facts": facts}
    expected = _records(run_audit(corpus, **kwargs))
    cache = tmp_path / "cache"
    first = run_audit(corpus, cache_dir=cache, **kwargs)
    assert _records(first) == expected   # first: every memo made
    facts_seen = len(factmemo.Memo(cache, "involvement").kept)
    assert facts_seen > 0 and sorted(path.name for path in (cache / factmemo.FOLDER).iterdir()) == \
        ["consensus.json", "involvement.json", "rules.json"]
    _reset(worked_out)
    assert _records(run_audit(corpus, cache_dir=cache, **kwargs)) == expected   # again: every fact taken back
    assert worked_out == {"involvement": 0, "validated": [], "windows": 0, "voices": 0}
    if name != "generated":
        return
    # one new statement in one article: only its fact is worked out again, and the audit is the one without memos
    paths = sorted(corpus.glob("*.txt"))
    benchmark_modules.cache_speed().edit_one(paths)
    edited = first.documents.loc[first.documents["path"].astype(str).str.endswith(paths[len(paths) // 2].name),
                                 "source"].iloc[0]
    expected = _records(run_audit(corpus, **kwargs))
    _reset(worked_out)
    assert _records(run_audit(corpus, cache_dir=cache, **kwargs)) == expected
    assert worked_out["involvement"] == 1 and worked_out["validated"] == [["ferry_fleet"]]
    # the ids of the statements below the new one in its article moved (their offsets); the consensus's windows
    # read ids only to order statements: a fact is cut again only where that order changed (an id written with
    # more digits now sorts before another of its article: "@1063" before "@1500", where "@998" came after), or its
    # rows did, not every fact the article states
    moved = {fact for fact in factmemo.fact_rows(first.observations) if fact in
             set(first.observations.loc[first.observations["source"] == edited, "fact"])} | {"ferry_fleet"}
    assert 1 <= worked_out["windows"] <= 2 < len(moved) < facts_seen
    assert 1 <= worked_out["voices"] <= 2   # the windows whose rows changed, of the facts cut again
    # what one statement says changes, not how many there are: a value (the same ids), one outside the fact's
    # plausible range (CK201 fails it), a report made a projection: only its fact again, and the audit is the one
    # without memos
    edited_path = paths[len(paths) // 2]
    for old, new in (("now runs 31 ferries", "now runs 97 ferries"), ("now runs 97 ferries", "now runs 970 ferries"),
                     ("now runs 970 ferries", "could run 970 ferries")):
        text = edited_path.read_text(encoding="utf-8")
        assert old in text
        edited_path.write_text(text.replace(old, new, 1), encoding="utf-8")
        before, expected = expected, _records(run_audit(corpus, **kwargs))
        assert expected != before
        _reset(worked_out)
        result = run_audit(corpus, cache_dir=cache, **kwargs)
        assert _records(result) == expected
        assert worked_out["involvement"] == 1 and worked_out["validated"] == [["ferry_fleet"]]
        assert 1 <= worked_out["windows"] <= len(moved)
        # of the fact's windows, at most the one the statement is in has its voices found again (none, where its
        # rows are those of a window kept before: the statement a projection now, as it was out of range before)
        windows = int((result.consensus["fact"] == "ferry_fleet").sum())
        assert worked_out["voices"] <= 1 < windows


def test_factmemo_rules_of_other_kinds_validate_every_row(generated, worked_out, tmp_path):
    # A suite with an expectation whose result is not made fact by fact (a count of the table's rows, a column's
    # values unique across facts) is validated on every row each time, and gives what it gives without a cache.
    expectations = tmp_path / "expectations"
    expectations.mkdir()
    (expectations / "extra.json").write_text(json.dumps({"name": "extra", "expectations": [
        {"type": "expect_column_values_to_be_unique", "kwargs": {"column": "observation"},
         "meta": {"code": "X1", "name": "ids.unique"}},
        {"type": "expect_column_values_to_be_between", "kwargs": {"column": "cmp_low", "min_value": 0},
         "meta": {"code": "X2", "name": "low.positive"}}]}), encoding="utf-8")
    corpus, facts = generated / "corpus", generated / "facts"
    expected = _records(_audit(corpus, facts, expectations))
    worked_out["validated"].clear()
    for _ in range(2):
        assert _records(_audit(corpus, facts, expectations, cache_dir=tmp_path / "cache")) == expected
    everything = worked_out["validated"][0]
    assert len(everything) > 1 and worked_out["validated"] == [everything, everything]


def test_factmemo_keeps_two_states_and_reads_a_damaged_file_as_empty(generated, tmp_path):
    # A gate audits two states of a corpus with one cache: each keeps its entries beside the other's
    corpus = tmp_path / "corpus"
    shutil.copytree(generated / "corpus", corpus)
    facts, cache = generated / "facts", tmp_path / "cache"
    first = _audit(corpus, facts, cache_dir=cache)
    before = dict(factmemo.Memo(cache, "rules").kept)
    benchmark_modules.cache_speed().edit_one(sorted(corpus.glob("*.txt")))
    _audit(corpus, facts, cache_dir=cache)
    both = factmemo.Memo(cache, "rules").kept
    assert set(before) < set(both)   # the first state's entries are still there
    # an entry made for a fact's rows is the digest of those rows: the same rows give the same digest
    observations = first.observations
    digests = factmemo.fact_digests(observations, ["observation", "cmp_low"], salt="x")
    assert digests == factmemo.fact_digests(observations.copy(), ["observation", "cmp_low"], salt="x")
    changed = observations.copy()
    changed.loc[changed.index[0], "cmp_low"] = -12345.5   # one value of one fact: that fact's digest alone moves
    changed_digests = factmemo.fact_digests(changed, ["observation", "cmp_low"], salt="x")
    fact = observations["fact"].iloc[0]
    assert changed_digests[fact] != digests[fact]
    assert {k: v for k, v in changed_digests.items() if k != fact} == {k: v for k, v in digests.items() if k != fact}
    for text in ("", "{", "[]", '{"format": 1, "entries": {"a": 1}}', '{"format": 1, "entries": [[1, 2]]}',
                 f'{{"format": {factmemo.FORMAT}, "entries": [["a", [1]]]}}'):   # a value not kept as its text
        (cache / factmemo.FOLDER / "rules.json").write_text(text, encoding="utf-8")
        assert factmemo.Memo(cache, "rules").kept == {}
        assert _records(_audit(corpus, facts, cache_dir=cache)) == _records(_audit(corpus, facts))


def test_factmemo_kept_values_not_of_their_form_are_worked_out_again(generated, worked_out, tmp_path):
    # An entry under the right digest whose value does not fit the fact's rows (a file someone wrote, a bug) is a
    # miss: windows that place a statement twice, positions past the fact's rows, flags of another length
    corpus, facts, cache = generated / "corpus", generated / "facts", tmp_path / "cache"
    expected = _records(_audit(corpus, facts))
    _audit(corpus, facts, cache_dir=cache)
    folder = cache / factmemo.FOLDER
    for kind in ("consensus", "rules", "involvement"):
        data = json.loads((folder / f"{kind}.json").read_text(encoding="utf-8"))
        for number, entry in enumerate(data["entries"]):
            value = json.loads(entry[1])   # each value is kept as its own JSON text
            if number == 0:
                entry[1] = "[1, "   # not JSON at all
                continue
            if kind == "consensus" and entry[0].startswith("voices:"):
                value = [[["a source"]]]   # a window's voices: one without its ranges
            elif kind == "consensus" and value:
                value[0]["size"] += 1    # one row more than the fact's claim has, or one taken from the next window
            elif kind == "rules":
                value = [10 ** 6]
            elif kind == "involvement":
                value = {name: "ff" * 100 for name in value}
            entry[1] = json.dumps(value)
        (folder / f"{kind}.json").write_text(json.dumps(data), encoding="utf-8")
    _reset(worked_out)
    assert _records(_audit(corpus, facts, cache_dir=cache)) == expected
    assert worked_out["windows"] > 0 and worked_out["involvement"] > 0 and worked_out["validated"]


@pytest.mark.parametrize("flags", [[], [True], [False], [True, False, True] * 7, [False] * 8, [True] * 9])
def test_factmemo_packed_flags_read_back(flags):
    import numpy as np

    text = factmemo.packed(flags)
    assert factmemo.unpacked(text, len(flags)).tolist() == flags
    assert factmemo.unpacked(text, len(flags) + 8) is None and factmemo.unpacked("zz", 1) is None
    assert np.asarray(factmemo.unpacked(text, len(flags))).dtype == bool


@pytest.mark.parametrize("value", [
    [1.5, 2, -0.0, 1e-320, 0.1],
    [float("inf"), -float("inf")],                  # an open interval's ends: json writes Infinity
    [2 ** 64, 10 ** 30, -(2 ** 70), 2 ** 63 - 1],    # integers orjson reads as floats, or not at all
    ["é, “quoted”", None, True, {"a": [1, [2.5]]}],
])
def test_factmemo_memo_reads_back_what_it_saved(value, tmp_path):
    memo = factmemo.Memo(tmp_path, "kind")
    memo.put("digest", value)
    memo.save()
    kept = factmemo.Memo(tmp_path, "kind").get("digest")
    assert kept == value and [type(item) for item in kept] == [type(item) for item in value]


def test_factmemo_memo_reads_nan_back(tmp_path):
    import math

    memo = factmemo.Memo(tmp_path, "kind")
    memo.put("digest", [float("nan")])
    memo.save()
    assert math.isnan(factmemo.Memo(tmp_path, "kind").get("digest")[0])


@pytest.mark.parametrize("condition, read", [
    (None, set()),
    ({"type": "comparison", "column": {"name": "fact"}, "operator": "IN", "parameter": ["defence_spend"]}, {"fact"}),
    ({"type": "and", "conditions": [
        {"type": "comparison", "column": {"name": "fact"}, "operator": "==", "parameter": "x"},
        {"type": "comparison", "column": {"name": "modality"}, "operator": "==", "parameter": {"name": "source"}}]},
     {"fact", "modality", "source"}),
    ({"type": "pass_through", "pass_through_filter": 'fact=="defence_spend"'}, {"fact", "end"}),   # text: any name in it
    ('modality == "planned"', {"modality"}),
])
def test_factmemo_rules_digest_the_columns_a_row_condition_reads(condition, read):
    # A fact's rules are kept under the columns its expectations read; a fact's key ("defence_spend") is a value
    from checker.rules.run import _condition_columns

    assert _condition_columns(condition, ["fact", "end", "modality", "source"]) == read


# Values that look alike, compare equal, or print alike: a digest must still tell each from the others
LOOKALIKES = [[None, float("nan")], [1, 1.0, True, "1"], [0, 0.0, -0.0, False, "0", ""], [2.5, "2.5"],
              [float("inf"), "inf"], ["a", "a "]]


def _cells():
    """A frame's cells as (look-alike group, member) pairs, and a second frame's members for the same groups."""
    from hypothesis import strategies as st

    cell = st.tuples(st.integers(0, len(LOOKALIKES) - 1), st.integers(0, 5), st.integers(0, 5))
    return st.lists(st.tuples(st.sampled_from(["f", "g"]), cell, cell), min_size=1, max_size=5)


def _frame(rows, which: int):
    import pandas as pd

    def value(cell):
        group = LOOKALIKES[cell[0]]
        return group[cell[1 + which] % len(group)]

    return pd.DataFrame({"fact": [r[0] for r in rows], "x": pd.Series([value(r[1]) for r in rows], dtype=object),
                         "y": [value(r[2]) for r in rows]})


def _typed(values) -> list:
    """Values as a digest must tell them apart: type and repr (NaN is NaN, -0.0 is not 0.0)."""
    return [(type(value).__name__, repr(value)) for value in values]


@pytest.mark.parametrize("columns", [["x"], ["x", "y"]])
def test_factmemo_equal_digests_are_equal_rows(columns):
    # Over random small frames of look-alike values (1, 1.0, True, "1"; None and NaN; 0.0 and -0.0): two facts' rows
    # get one digest only when their values in the columns read are the same values, of the same types, in the
    # same order, so an entry is never taken back for other rows; the same rows always get the same digest.
    from hypothesis import given, settings

    seen = {"equal": 0, "apart": 0}

    @settings(max_examples=400, deadline=None)
    @given(_cells())
    def check(cells):
        a, b = _frame(cells, 0), _frame(cells, 1)
        digests_a, digests_b = factmemo.fact_digests(a, columns), factmemo.fact_digests(b, columns)
        assert digests_a == factmemo.fact_digests(a.copy(), columns)
        for fact in digests_a:
            rows_a = [(str(a[c].dtype), _typed(a.loc[a["fact"] == fact, c].tolist())) for c in columns]
            rows_b = [(str(b[c].dtype), _typed(b.loc[b["fact"] == fact, c].tolist())) for c in columns]
            same = digests_a[fact] == digests_b[fact]
            seen["equal" if same else "apart"] += 1
            assert same == (rows_a == rows_b)

    check()
    assert seen["equal"] and seen["apart"]


def test_factmemo_digest_is_of_values_not_of_how_the_frame_shares_them():
    # A frame rebuilt from the cache holds equal strings as other objects (one shared, or one each): the digest
    # reads the values only, so the audit after takes its entries back whichever way they are held
    import pandas as pd

    shared = "fourteen strikes"
    one_object = pd.DataFrame({"fact": ["f", "f", "f"], "x": pd.Series([shared, shared, shared], dtype=object)})
    copies = pd.DataFrame({"fact": ["f", "f", "f"],
                           "x": pd.Series(["".join(["fourteen", " strikes"]) for _ in range(3)], dtype=object)})
    assert len({id(value) for value in copies["x"]}) == 3 and len({id(value) for value in one_object["x"]}) == 1
    assert factmemo.fact_digests(one_object, ["x"]) == factmemo.fact_digests(copies, ["x"])


def test_factmemo_rules_ask_gx_only_for_expectations_selecting_a_changed_fact(generated, tmp_path, monkeypatch):
    # A catalog's range (CK201) of a fact the edit left alone selects no row of the changed fact: GX is not asked
    # for it, and every result is what validating every expectation gives
    from checker.rules.suites import facts_selected

    corpus = tmp_path / "corpus"
    shutil.copytree(generated / "corpus", corpus)
    facts, cache = generated / "facts", tmp_path / "cache"
    run_audit(corpus, facts=facts, cache_dir=cache)
    benchmark_modules.cache_speed().edit_one(sorted(corpus.glob("*.txt")))
    asked = []
    real = rules_run._validated

    def spied(observations, listed, read):
        asked.append([facts_selected(expectation.configuration.kwargs.get("row_condition"))
                      for _, _, expectation in listed])
        return real(observations, listed, read)

    monkeypatch.setattr(rules_run, "_validated", spied)
    result = run_audit(corpus, facts=facts, cache_dir=cache)
    [selected] = asked
    assert selected and all(facts is None or "ferry_fleet" in facts for facts in selected)
    monkeypatch.setattr(rules_run, "_validated", real)
    assert _records(result) == _records(run_audit(corpus, facts=facts))
    assert len(selected) < len(result.rule_results)   # the other facts' ranges were not asked for
