import math

import pytest

from checker.intervals import relation

INF = math.inf


def obs(low, high, as_of=(0, 0), changes="none", assertive=True, window=0):
    return {"cmp_low": low, "cmp_high": high, "as_of_ord_low": as_of[0], "as_of_ord_high": as_of[1],
            "changes": changes, "window_days": window, "assertive": assertive}


CASES = [
    ("overlap agrees", obs(7, 7), obs(5, 9), "agree"),
    ("open bound agrees", obs(94000, INF), obs(90000, 110000), "agree"),
    ("static fact disagrees", obs(7, 7), obs(10, 10), "conflict"),
    ("static fact disagrees across time", obs(7, 7, (1, 1)), obs(10, 10, (900, 900)), "conflict"),
    ("projection is not contradicted", obs(175000, 175000, assertive=False), obs(90000, 110000), "modality"),
    ("changing fact over time", obs(30, 30, (1, 1), "any"), obs(32, 32, (900, 900), "any"), "change"),
    ("changing fact at one moment", obs(30, 30, (5, 5), "any"), obs(32, 32, (5, 5), "any"), "conflict"),
    ("within window is one moment", obs(30, 30, (1, 1), "any", window=10), obs(32, 32, (8, 8), "any", window=10),
     "conflict"),
    ("increasing count grows", obs(7, 7, (1, 1), "increasing"), obs(10, 10, (900, 900), "increasing"), "change"),
    ("increasing count cannot shrink", obs(10, 10, (1, 1), "increasing"), obs(7, 7, (900, 900), "increasing"),
     "conflict"),
    ("decreasing cannot grow", obs(5, 5, (1, 1), "decreasing"), obs(9, 9, (900, 900), "decreasing"), "conflict"),
    ("unknown as-of is any moment", obs(30, 30, (-INF, INF), "any"), obs(32, 32, (5, 5), "any"), "conflict"),
    # one day, a fact that only grows: a running tally below a higher figure may have grown into it that day
    ("a tally the same day may grow", dict(obs(87, 87, (5, 5), "increasing"), tally=True),
     obs(112, INF, (5, 5), "increasing"), "change"),
    ("a plain figure the same day does not", obs(112, 112, (5, 5), "increasing"),
     dict(obs(121, 121, (5, 5), "increasing"), tally=True), "conflict"),
    ("a tally above cannot have shrunk", dict(obs(121, 121, (5, 5), "increasing"), tally=True),
     obs(112, 112, (5, 5), "increasing"), "conflict"),
    ("a falling fact's tally is the higher", dict(obs(40, 40, (5, 5), "decreasing"), tally=True),
     obs(31, 31, (5, 5), "decreasing"), "change"),
    ("a tally of a fact that may move any way", dict(obs(87, 87, (5, 5), "any"), tally=True),
     obs(112, 112, (5, 5), "any"), "conflict"),
]


@pytest.mark.parametrize("a,b,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_intervals_relation(a, b, expected):
    assert relation(a, b) == expected
    assert relation(b, a) == expected


def _row_strategy():
    from hypothesis import strategies as st

    bound = st.one_of(st.sampled_from([-INF, INF, math.nan]), st.integers(-5, 5).map(float))
    return st.fixed_dictionaries({
        "cmp_low": bound, "cmp_high": bound, "as_of_ord_low": bound, "as_of_ord_high": bound,
        "changes": st.sampled_from(["none", "any", "increasing", "decreasing"]),
        "window_days": st.sampled_from([0, 0.0, 3, 10.5, None]),
        "assertive": st.booleans(),
        "moved": st.booleans(),
        "tally": st.booleans(),
        "modality": st.sampled_from(["reported", "planned", "projected", "hedged"]),
    })


def test_intervals_relation_reads_only_its_fields():
    """checker.consensus asks relation() once per distinct pair of RELATION_FIELDS: it must read nothing else."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from checker.intervals import RELATION_FIELDS

    class Watched(dict):
        read: set = set()

        def __getitem__(self, name):
            Watched.read.add(name)
            return super().__getitem__(name)

        def get(self, name, default=None):
            Watched.read.add(name)
            return super().get(name, default)

    @settings(max_examples=300, deadline=None)
    @given(_row_strategy(), _row_strategy(), st.text(max_size=3))
    def check(a, b, noise):
        extra = {"source": noise, "quote": noise, "value_text": noise, "fact": "f", "observation": noise}
        answer = relation(Watched(a, **extra), Watched(b, **extra))
        assert relation(dict(a), dict(b)) == answer
        assert relation({**a, "source": "other"}, {**b, "quote": "other"}) == answer

    check()
    assert Watched.read and Watched.read <= set(RELATION_FIELDS), Watched.read - set(RELATION_FIELDS)


@pytest.mark.parametrize("name,a,b,expected", [
    ("a later figure nothing says is new contradicts", obs(12, 12, as_of=(1, 1), changes="any"),
     dict(obs(21, 21, as_of=(9, 9), changes="any"), moved=False), "conflict"),
    ("a later figure said to have moved is a change", obs(12, 12, as_of=(1, 1), changes="any"),
     dict(obs(21, 21, as_of=(9, 9), changes="any"), moved=True), "change"),
    ("two dates given for one plan conflict", dict(obs(3, 3, assertive=False), modality="planned"),
     dict(obs(13, 13, assertive=False), modality="planned"), "conflict"),
    ("two forecasts differ without conflict", dict(obs(3, 3, assertive=False), modality="projected"),
     dict(obs(13, 13, assertive=False), modality="projected"), "modality"),
])
def test_intervals_relation_reads_moved_and_plans(name, a, b, expected):
    assert relation(a, b) == expected


def test_intervals_relation_codes_match_relation_for_every_pair():
    import pandas as pd
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from checker.intervals import RELATIONS, relation_codes

    @settings(max_examples=400, deadline=None)
    @given(st.lists(_row_strategy(), min_size=1, max_size=6), st.data())
    def check(rows, data):
        # One fact's rows share `changes` and `window_days`; relation() reads them from the first row.
        shared = data.draw(st.sampled_from(rows))
        if data.draw(st.booleans()):
            rows = [{**row, "changes": shared["changes"], "window_days": shared["window_days"]} for row in rows]
        frame = pd.DataFrame(rows)
        rows = frame.to_dict("records")  # the rows as both callers see them (pandas turns None into NaN)
        codes = relation_codes(frame)
        expected = [[relation(a, b) for b in rows] for a in rows]
        assert [[RELATIONS[c] for c in line] for line in codes.tolist()] == expected

    check()


def _expected_involvement(rows, sources):
    """The reference: relation() for every pair (i < j) of different sources, as CK101 and the findings read it."""
    flags = {name: [False] * len(rows) for name in ("conflict", "change", "modality")}
    for i, a in enumerate(rows):
        for j in range(i + 1, len(rows)):
            if sources[i] != sources[j]:
                name = relation(a, rows[j])
                if name in flags:
                    flags[name][i] = flags[name][j] = True
    return flags


def _well_formed_rows():
    """Rows as reconcile makes them: bounds in order (open ones infinite), one `changes` and window per fact."""
    from hypothesis import strategies as st

    def interval(values):
        return st.tuples(values, values).map(sorted)

    value = st.one_of(st.just(-INF), st.just(INF), st.integers(-4, 4).map(float))
    when = st.one_of(st.just((-INF, INF)), interval(st.integers(0, 12).map(float)))
    row = st.fixed_dictionaries({
        "value": interval(value), "when": when, "source": st.sampled_from("abcd"),
        "modality": st.sampled_from(["reported", "reported", "planned", "projected", "hedged", "corrected"]),
        "moved": st.booleans(), "tally": st.booleans()})
    fact = st.tuples(st.sampled_from(["none", "any", "increasing", "decreasing"]), st.sampled_from([0, 2, 3.5]))
    return st.tuples(st.lists(row, min_size=0, max_size=24), fact)


def test_intervals_involvement_counts_what_relation_says_for_every_pair():
    """The sort-and-sweep path (checker.involvement) against relation() pair by pair, on random facts."""
    from hypothesis import given, settings

    from checker.involvement import _columns, _well_formed, involvement

    @settings(max_examples=600, deadline=None)
    @given(_well_formed_rows())
    def check(drawn):
        import pandas as pd

        rows, (changes, window) = drawn
        records = [{"cmp_low": r["value"][0], "cmp_high": r["value"][1], "as_of_ord_low": r["when"][0],
                    "as_of_ord_high": r["when"][1], "changes": changes, "window_days": window,
                    "assertive": r["modality"] == "reported", "moved": r["moved"], "modality": r["modality"],
                    "tally": r["tally"], "source": r["source"]} for r in rows]
        frame = pd.DataFrame(records, columns=["cmp_low", "cmp_high", "as_of_ord_low", "as_of_ord_high", "changes",
                                               "window_days", "assertive", "moved", "modality", "tally",
                                               "source"])
        if len(frame):
            assert _well_formed(_columns(frame))  # so the counted path is the one under test
        found = involvement(frame)
        expected = _expected_involvement(records, [r["source"] for r in records])
        assert {name: getattr(found, name).tolist() for name in expected} == expected

    check()


def test_intervals_involvement_of_odd_rows_is_relation_pair_by_pair():
    """NaN bounds, periods ending before they start, mixed `changes`: answered from relation_codes in blocks."""
    import pandas as pd
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from checker import involvement as module

    @settings(max_examples=300, deadline=None)
    @given(st.lists(st.tuples(_row_strategy(), st.sampled_from("abc")), min_size=0, max_size=7))
    def check(drawn):
        frame = pd.DataFrame([{**row, "source": source} for row, source in drawn])
        records = frame.to_dict("records")
        found = module.involvement(frame) if len(frame) else None
        expected = _expected_involvement(records, [source for _, source in drawn])
        if found is not None:
            assert {name: getattr(found, name).tolist() for name in expected} == expected

    original = module.BLOCK_ROWS
    module.BLOCK_ROWS = 3  # several blocks on small facts
    try:
        check()
    finally:
        module.BLOCK_ROWS = original


def test_intervals_involvement_scales_without_a_cell_per_pair():
    """20,000 statements of one fact: answered in memory proportional to them (a matrix would need 400 MB)."""
    import tracemalloc

    import numpy as np
    import pandas as pd

    from checker.involvement import involvement

    rng = np.random.default_rng(5)
    n = 20_000
    values = rng.integers(28, 34, n).astype(float)
    days = rng.integers(738000, 738400, n).astype(float)
    frame = pd.DataFrame({"cmp_low": values, "cmp_high": values, "as_of_ord_low": days, "as_of_ord_high": days,
                          "changes": "increasing", "window_days": 7, "assertive": True, "moved": True,
                          "modality": "reported", "source": [f"s{i % 5000}" for i in range(n)]})
    tracemalloc.start()
    found = involvement(frame)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 40 * n * 8, peak
    assert found.conflict.any() and found.change.any() and not found.modality.any()
