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
- modality: they do not, but one side is not an assertion (a projection, plan or denial).
- change:   they do not, and time explains it: the fact changes and the statements speak
            for different moments, in a direction its trend allows.
- conflict: they do not, and nothing above explains it.
"""
from __future__ import annotations

import math

RELATIONS = ("agree", "modality", "change", "conflict")


def _get(row, name):
    return row[name] if isinstance(row, dict) else getattr(row, name)


def overlaps(a, b) -> bool:
    return _get(a, "cmp_low") <= _get(b, "cmp_high") and _get(b, "cmp_low") <= _get(a, "cmp_high")


def same_moment(a, b, window_days: float) -> bool:
    """True when the as-of periods overlap or lie within `window_days` of each other (unknown = any time)."""
    gap = max(_get(a, "as_of_ord_low"), _get(b, "as_of_ord_low")) - min(_get(a, "as_of_ord_high"),
                                                                       _get(b, "as_of_ord_high"))
    return math.isnan(gap) or gap <= window_days


def relation(a, b) -> str:
    if overlaps(a, b):
        return "agree"
    if not (bool(_get(a, "assertive")) and bool(_get(b, "assertive"))):
        return "modality"
    changes = _get(a, "changes")
    window = float(_get(a, "window_days") or 0)
    if changes == "none" or same_moment(a, b, window):
        return "conflict"
    earlier, later = (a, b) if _get(a, "as_of_ord_high") < _get(b, "as_of_ord_low") else (b, a)
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
