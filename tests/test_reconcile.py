"""Reconcile: every value on one comparable scale, tolerance applied, as-of as ordinals."""
import math
from datetime import date

import pandas as pd
import pytest

from checker.columns import OBSERVATIONS
from checker.reconcile import reconcile

BASE = [c for c in OBSERVATIONS if not c.startswith(("cmp_", "as_of_ord_")) and c != "assertive"]


def row(**fields):
    values = {c: None for c in BASE}
    values.update(kind="count", tolerance=0.0, fact_tolerance=0.0, qualifier="exact", modality="reported",
                  as_of_low="2022-01-12", as_of_high="2022-01-12")
    values.update(fields)
    return values


def ordinal(iso):
    return float(date.fromisoformat(iso).toordinal())


CASES = [
    ("exact count", row(low=7, high=7), (7, 7)),
    ("about 100,000 carries 10%", row(low=100000, high=100000, tolerance=0.1), (90000, 110000)),
    ("fact tolerance adds up", row(low=100, high=100, tolerance=0.1, fact_tolerance=0.05), (85, 115)),
    ("more than is open above", row(low=94000, high=None), (94000, math.inf)),
    ("up to is open below", row(low=None, high=175000), (-math.inf, 175000)),
    ("a month is its days", row(kind="date", low="2019-07-01", high="2019-07-31"),
     (ordinal("2019-07-01"), ordinal("2019-07-31"))),
    ("date tolerance is in days", row(kind="date", low="2019-07-01", high="2019-07-31", fact_tolerance=10),
     (ordinal("2019-07-01") - 10, ordinal("2019-07-31") + 10)),
]


@pytest.mark.parametrize("observation,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_reconcile_comparable_bounds(observation, expected):
    result = reconcile(pd.DataFrame([observation], columns=BASE)).iloc[0]
    assert (result["cmp_low"], result["cmp_high"]) == pytest.approx(expected)


@pytest.mark.parametrize("modality,assertive", [("reported", True), ("hedged", False), ("projected", False),
                                                ("planned", False), ("denied", False)])
def test_reconcile_assertive_by_modality(modality, assertive):
    result = reconcile(pd.DataFrame([row(low=1, high=1, modality=modality)], columns=BASE)).iloc[0]
    assert bool(result["assertive"]) is assertive


def test_reconcile_as_of_unknown_is_open_and_columns_complete():
    frame = reconcile(pd.DataFrame([row(low=1, high=1, as_of_low=None, as_of_high=None)], columns=BASE))
    assert list(frame.columns) == list(OBSERVATIONS)
    assert (frame.iloc[0]["as_of_ord_low"], frame.iloc[0]["as_of_ord_high"]) == (-math.inf, math.inf)


def test_reconcile_empty_table_keeps_columns():
    assert list(reconcile(pd.DataFrame(columns=BASE)).columns) == list(OBSERVATIONS)


def test_reconcile_says_a_fact_in_the_unit_most_of_its_statements_use():
    frame = pd.DataFrame([
        row(observation="a", fact="follow_up", kind="duration", unit="year", low=3, high=3, value_text="three years"),
        row(observation="b", fact="follow_up", kind="duration", unit="year", low=3, high=3, value_text="3 years"),
        row(observation="c", fact="follow_up", kind="duration", unit="month", low=36, high=36, value_text="36 months",
            derived=""),
        row(observation="d", fact="other", kind="duration", unit="month", low=36, high=36, value_text="36 months"),
        row(observation="e", fact="follow_up", kind="count", unit="patient", low=36, high=36, value_text="36"),
    ])
    out = reconcile(frame).set_index("observation")
    assert (out.at["c", "low"], out.at["c", "unit"], out.at["c", "derived"]) == (3.0, "year", "converted from month")
    assert out.at["c", "cmp_low"] <= 3 <= out.at["c", "cmp_high"]         # a month's calendar slack kept
    assert (out.at["d", "low"], out.at["d", "unit"]) == (36, "month")       # another fact keeps its own unit
    assert (out.at["e", "low"], out.at["e", "unit"]) == (36, "patient")     # a counted noun has no dimension
    assert (out.at["a", "low"], out.at["a", "unit"]) == (3, "year")


def test_reconcile_a_converted_whole_figure_keeps_the_precision_it_was_written_with():
    # "99 days" is a whole number of days: in weeks it is 14.07 to 14.21 and meets "14.2 weeks" (14.15 to 14.25);
    # "98 days" (13.93 to 14.07) still does not
    frame = pd.DataFrame([
        row(observation="a", fact="wait", kind="duration", unit="week", low=14.2, high=14.2, value_text="14.2 weeks"),
        row(observation="b", fact="wait", kind="duration", unit="week", low=14.2, high=14.2, value_text="14.2 weeks"),
        row(observation="e", fact="wait", kind="duration", unit="week", low=14.2, high=14.2, value_text="14.2 weeks"),
        row(observation="c", fact="wait", kind="duration", unit="day", low=99, high=99, value_text="99 days"),
        row(observation="d", fact="wait", kind="duration", unit="day", low=98, high=98, value_text="98 days"),
    ])
    out = reconcile(frame).set_index("observation")
    assert out.at["c", "unit"] == "week" and out.at["c", "cmp_low"] < 14.15 < out.at["c", "cmp_high"] < 14.25
    assert out.at["d", "cmp_high"] < out.at["a", "cmp_low"]
