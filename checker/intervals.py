"""How two observations of one fact relate: the one pairwise comparison of the project.

The GX expectation CK101 calls `relation` to decide which rows conflict (GX then marks
the discrepancy); the findings stage calls it to explain the look-alikes. Keeping one
function for both means the report can never explain a pair differently from how the
rule judged it.

Inputs are observation rows (dicts or namedtuples with the OBSERVATIONS columns):
`cmp_low`/`cmp_high` (floats, tolerance applied, +-inf when open), `as_of_ord_low`/
`as_of_ord_high` (ordinals, +-inf when unknown), `changes`, `window_days`, `assertive`.

Relations
- agree:    the value intervals overlap.
- modality: they do not, but one side is not an assertion (a projection, plan or denial), unless
            both state one plan ("planned"): two dates given for one scheduled event do conflict.
- change:   they do not, and time explains it: the fact changes, the statements speak
            for different moments, the later one may give a new value (`moved`: always for a
            declared fact; for a discovered one, when its clause says the figure moved), and the
            direction is one its trend allows.
- conflict: they do not, and nothing above explains it.
"""
from __future__ import annotations

import math

RELATIONS = ("agree", "modality", "change", "conflict")
# Every field relation() reads of either row: two pairs alike in these are related alike, so a caller that asks
# of many rows repeating few values (checker.consensus) asks once per distinct pair
RELATION_FIELDS = ("cmp_low", "cmp_high", "as_of_ord_low", "as_of_ord_high", "assertive", "modality", "changes",
                   "window_days", "moved", "tally")


def _get(row, name):
    return row[name] if isinstance(row, dict) else getattr(row, name)


def _both_planned(a, b) -> bool:
    """Two statements of one plan ("will convene on November 3" and "on November 13") assert the plan:
    they can contradict each other, as forecasts or a plan and a report cannot."""
    return _modality(a) == _modality(b) == "planned"


def _modality(row):
    return row.get("modality") if isinstance(row, dict) else getattr(row, "modality", None)


def _moved(row) -> bool:
    """Whether a statement may give a later value (rows from before the column existed: yes)."""
    value = row.get("moved", True) if isinstance(row, dict) else getattr(row, "moved", True)
    return True if value is None or value != value else bool(value)


def overlaps(a, b) -> bool:
    if type(a) is dict and type(b) is dict:   # most calls (consensus, explanations): four lookups, no calls
        return a["cmp_low"] <= b["cmp_high"] and b["cmp_low"] <= a["cmp_high"]
    return _get(a, "cmp_low") <= _get(b, "cmp_high") and _get(b, "cmp_low") <= _get(a, "cmp_high")


def same_moment(a, b, window_days: float) -> bool:
    """True when the as-of periods overlap or lie within `window_days` of each other (unknown = any time)."""
    if type(a) is dict and type(b) is dict:
        gap = max(a["as_of_ord_low"], b["as_of_ord_low"]) - min(a["as_of_ord_high"], b["as_of_ord_high"])
    else:
        gap = max(_get(a, "as_of_ord_low"), _get(b, "as_of_ord_low")) - min(_get(a, "as_of_ord_high"),
                                                                           _get(b, "as_of_ord_high"))
    return math.isnan(gap) or gap <= window_days


def _tally_moved_on(a, b, changes: str) -> bool:
    """Two disjoint statements of one moment of a fact that only grows: the lower a running tally at its moment
    ("the death toll has risen to 87" beside "at least 112" the same day) may have grown into the higher one
    later that day, so together they are a change, not a contradiction (for a fact that only falls, the
    higher one). A plain figure below another of the same day stays a conflict ("112 homes" and "121")."""
    a_lower = _get(a, "cmp_high") < _get(b, "cmp_low")
    if changes == "increasing":
        return _tally(a if a_lower else b)
    if changes == "decreasing":
        return _tally(b if a_lower else a)
    return False


def _tally(row) -> bool:
    """Whether a statement is a running tally (rows from before the column existed: no)."""
    value = row.get("tally", False) if isinstance(row, dict) else getattr(row, "tally", False)
    return False if value is None or value != value else bool(value)


def relation(a, b) -> str:
    if overlaps(a, b):
        return "agree"
    if not (bool(_get(a, "assertive")) and bool(_get(b, "assertive"))) and not _both_planned(a, b):
        return "modality"
    changes = _get(a, "changes")
    window = float(_get(a, "window_days") or 0)
    if changes == "none":
        return "conflict"
    if same_moment(a, b, window):
        return "change" if _tally_moved_on(a, b, changes) else "conflict"
    earlier, later = (a, b) if _get(a, "as_of_ord_high") < _get(b, "as_of_ord_low") else (b, a)
    if not _moved(later):
        return "conflict"   # nothing says the later figure is a new one: it contradicts the earlier
    went_down = _get(later, "cmp_high") < _get(earlier, "cmp_low")
    if changes == "increasing" and went_down:
        return "conflict"
    if changes == "decreasing" and not went_down:
        return "conflict"
    return "change"


def difference(a, b) -> float:
    """The gap between two disjoint intervals (0 when they overlap), in the values' own scale."""
    if overlaps(a, b):
        return 0.0
    if _get(a, "cmp_high") < _get(b, "cmp_low"):
        return _get(b, "cmp_low") - _get(a, "cmp_high")
    return _get(a, "cmp_low") - _get(b, "cmp_high")


def tallies(frame):
    """The `tally` column as booleans (rows from before the column existed: no tally)."""
    import numpy as np

    if "tally" not in frame:
        return np.zeros(len(frame), dtype=bool)
    return np.array([False if v is None or v != v else bool(v) for v in frame["tally"].tolist()], dtype=bool)


def relation_codes(frame, rows=None):
    """`relation(row i, row j)` for the rows `rows` (positions; default all) against every row of `frame`, as
    a len(rows) x n matrix of indexes into RELATIONS (0 agree, 1 modality, 2 change, 3 conflict).

    The rows are the observations of ONE fact (`changes` and `window_days` are read from the first row
    of each pair, as relation() does). This is relation() written with numpy broadcasting, step for step;
    tests/test_intervals.py checks both give the same answer for every pair. It holds a cell per pair, so
    the audit asks checker.involvement, which counts instead, and comes here only in blocks of rows.
    """
    import numpy as np

    def column(name):
        return np.asarray(frame[name], dtype=float)

    low, high = column("cmp_low"), column("cmp_high")
    ord_low, ord_high = column("as_of_ord_low"), column("as_of_ord_high")
    assertive = np.array([bool(v) for v in frame["assertive"].tolist()], dtype=bool)
    changes = np.array([str(v) if v is not None else "" for v in frame["changes"].tolist()], dtype=object)
    window = np.array([float(v or 0) for v in frame["window_days"].tolist()], dtype=float)
    moved = np.array([True if v is None or v != v else bool(v) for v in frame["moved"].tolist()], dtype=bool) \
        if "moved" in frame else np.ones(len(low), dtype=bool)
    modality = np.array([str(v) if v is not None else "" for v in frame["modality"].tolist()], dtype=object) \
        if "modality" in frame else np.full(len(low), "", dtype=object)
    tally = tallies(frame)
    rows = np.arange(len(low)) if rows is None else np.asarray(rows, dtype=np.int64)

    def first(values):   # row i of the pair, along axis 0
        return values[rows][:, None]

    def second(values):  # row j, along axis 1
        return values[None, :]

    overlap = (first(low) <= second(high)) & (second(low) <= first(high))
    planned = modality == "planned"
    both_assert = (first(assertive) & second(assertive)) | (first(planned) & second(planned))
    # Python's max(x, y) keeps x unless y > x (and min unless y < x); np.where keeps that NaN behaviour.
    latest_start = np.where(second(ord_low) > first(ord_low), second(ord_low), first(ord_low))
    earliest_end = np.where(second(ord_high) < first(ord_high), second(ord_high), first(ord_high))
    with np.errstate(invalid="ignore"):
        gap = latest_start - earliest_end
    same = np.isnan(gap) | (gap <= first(window))
    a_first = first(ord_high) < second(ord_low)
    went_down = np.where(a_first, second(high) < first(low), first(high) < second(low))
    later_moved = np.where(a_first, second(moved), first(moved))
    static = first(changes == "none")
    wrong_way = (first(changes == "increasing") & went_down) | (first(changes == "decreasing") & ~went_down)

    a_lower = first(high) < second(low)
    tally_on = (first(changes == "increasing") & np.where(a_lower, first(tally), second(tally))) | \
        (first(changes == "decreasing") & np.where(a_lower, second(tally), first(tally)))

    codes = np.full(overlap.shape, RELATIONS.index("change"), dtype=np.int8)
    codes[static | (same & ~tally_on) | (~same & (wrong_way | ~later_moved))] = RELATIONS.index("conflict")
    codes[~both_assert] = RELATIONS.index("modality")
    codes[overlap] = RELATIONS.index("agree")
    return codes
