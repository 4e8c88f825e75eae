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
        "modality": st.sampled_from(["reported", "planned", "projected", "hedged"]),
    })


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


def test_intervals_relation_codes_memo_answers_only_the_same_question():
    import pandas as pd

    from checker.intervals import RELATIONS, relation_codes

    rows = [{"cmp_low": 30.0, "cmp_high": 30.0, "as_of_ord_low": 1.0, "as_of_ord_high": 1.0, "changes": "none",
             "window_days": 0, "assertive": True},
            {"cmp_low": 32.0, "cmp_high": 32.0, "as_of_ord_low": 1.0, "as_of_ord_high": 1.0, "changes": "none",
             "window_days": 0, "assertive": True}]
    first = relation_codes(pd.DataFrame(rows))
    assert RELATIONS[first[0, 1]] == "conflict" and not first.flags.writeable
    assert relation_codes(pd.DataFrame(rows)).tolist() == first.tolist()
    later = {"changes": "any", "as_of_ord_low": 100.0, "as_of_ord_high": 100.0}
    for changed in ({"cmp_high": 32.0}, {"assertive": False}, later):
        answer = relation_codes(pd.DataFrame([{**rows[0], **changed}, rows[1]]))
        assert RELATIONS[answer[0, 1]] != "conflict"
