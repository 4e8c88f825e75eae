"""Make observations comparable: one numeric scale per fact, tolerance applied, as-of as ordinals.

What it adds (see checker.columns.OBSERVATIONS): `cmp_low`/`cmp_high`, `as_of_ord_low`/
`as_of_ord_high` and `assertive`. The comparison itself lives in checker.intervals and is
judged by Great Expectations (checker.rules); this stage only puts every value on a
scale where "do these two intervals overlap?" is a meaningful question.

Tolerances
- numbers: the wording's tolerance (about = 10%, ...) plus the fact's, both relative:
  [low * (1 - t), high * (1 + t)];
- dates: the values are periods already ("July 2019" is a month); a fact's tolerance
  is read in days and widens both ends; approximate wording ("around mid-2019") adds 30 days.
"""
from __future__ import annotations

import functools
import math
import re
from collections import namedtuple
from datetime import date

from checker.columns import require
from checker.values import once_per_value

# Only a report claims the current value outright: a hedged ("an estimated 300", "was said to bid"), projected,
# planned, denied or corrected figure never makes a conflict with a report by itself (modality_only).
ASSERTIVE = {"reported"}
APPROX_DATE_DAYS = 30


def reconcile(observations):
    from checker.columns import OBSERVATIONS

    base = [c for c in OBSERVATIONS if not c.startswith(("cmp_", "as_of_ord_")) and c != "assertive"]
    require(observations, {c: "" for c in base}, "reconcile")
    frame = _one_unit_per_fact(observations.copy())
    # The columns _comparable reads, zipped: to_dict("records") boxed every cell of every column.
    read = ("low", "high", "kind", "tolerance", "fact_tolerance", "qualifier", "value_text")
    bounds = [_comparable_of(*row) for row in zip(*(frame[column].tolist() for column in read))]
    frame["cmp_low"] = [b[0] for b in bounds]
    frame["cmp_high"] = [b[1] for b in bounds]
    frame["as_of_ord_low"] = [_ordinal(v, -math.inf) for v in frame["as_of_low"].tolist()]
    frame["as_of_ord_high"] = [_ordinal(v, math.inf) for v in frame["as_of_high"].tolist()]
    frame["assertive"] = frame["modality"].isin(ASSERTIVE) if len(frame) else []
    if len(frame):
        frame["moved"] = _not_transposed(frame)
    return frame[list(OBSERVATIONS)] if len(frame) else frame.reindex(columns=list(OBSERVATIONS))


# A later figure whose digits are an earlier one's with two neighbours swapped ("$38 million", then "$83 million";
# "214 contributors", then "241"; "7.64 m", then "7.46 m"), said by another source within this many days, is read
# as a misstatement of the earlier figure, not as a change: transposed digits are the commonest slip in copying.
TRANSPOSED_DAYS = 31
_Statement = namedtuple("_Statement", "fact changes source assertive low high as_of_ord_low as_of_ord_high tolerance")
_NEIGHBOURS = 50    # how many earlier statements a row looks back over


@functools.lru_cache(maxsize=1 << 16)   # a corpus repeats its figures: each pair is written out once
def _transposed(a: float, b: float) -> bool:
    """Whether two figures of two significant digits or more, written alike ("7.46" and "7.64", "38" and "83"),
    differ only by two neighbouring digits swapped."""
    x, y = _digits(a), _digits(b)
    if a == b or len(x) != len(y) or x.find(".") != y.find(".") or "e" in x + y \
            or len(x.replace(".", "").strip("0")) < 2:
        return False
    apart = [i for i in range(len(x)) if x[i] != y[i]]
    return len(apart) == 2 and apart[1] == apart[0] + 1 and x[apart[0]] == y[apart[1]] and x[apart[1]] == y[apart[0]]


def _digits(figure) -> str:
    """A figure as _transposed compares it: its magnitude, written to twelve significant digits."""
    return f"{abs(float(figure)):.12g}"


def _written(figure) -> float:
    """_digits read back as a number: what _swaps's figures are compared with."""
    return float(_digits(figure))


@functools.lru_cache(maxsize=1 << 16)
def _swaps(figure) -> frozenset:
    """The figures _transposed could pair with `figure`: its written digits with two neighbours swapped (a
    superset: _transposed has the last word)."""
    text = _digits(figure)
    swapped = set()
    for i in range(len(text) - 1):
        if text[i] != text[i + 1] and text[i].isdigit() and text[i + 1].isdigit():
            swapped.add(float(text[:i] + text[i + 1] + text[i] + text[i + 2:]))
    return frozenset(swapped)


def _not_transposed(frame) -> list:
    """The `moved` column, with False for a figure of a changing fact that transposes two digits of a figure
    another source stated exactly within TRANSPOSED_DAYS before it: nothing moved, so CK101 marks the conflict.
    One sort per fact and a bounded look back over each row's predecessors."""
    moved = [True if v is None or v != v else bool(v) for v in frame["moved"].tolist()]
    rows = [_Statement(*values) for values in zip(*(frame[column].tolist() for column in _Statement._fields))]
    by_fact: dict = {}
    for index, row in enumerate(rows):
        exact = isinstance(row.low, (int, float)) and row.low == row.high and not row.tolerance
        if row.changes != "none" and row.assertive and exact \
                and math.isfinite(row.as_of_ord_low) and math.isfinite(row.as_of_ord_high):
            by_fact.setdefault(row.fact, []).append(index)
    for indexes in by_fact.values():
        indexes.sort(key=lambda i: (rows[i].as_of_ord_low, rows[i].as_of_ord_high, i))
        # a row none of whose swaps is a figure of its fact has nothing to look back for: most rows of a large
        # fact (8,000 statements of a few figures, each looking back over 50 on the same day, were 0.2 s)
        figures = {_written(rows[index].low) for index in indexes}
        for position, index in enumerate(indexes):
            row = rows[index]
            if figures.isdisjoint(_swaps(row.low)):
                continue
            for earlier in reversed(indexes[max(0, position - _NEIGHBOURS):position]):
                other = rows[earlier]
                if other.as_of_ord_high >= row.as_of_ord_low or other.source == row.source:
                    continue
                if row.as_of_ord_low - other.as_of_ord_high > TRANSPOSED_DAYS:
                    break
                if _transposed(float(other.low), float(row.low)):
                    moved[index] = False
                    break
    return moved


def _one_unit_per_fact(frame):
    """A fact whose statements use several units of one dimension ("36 months", "three years") is said in the
    unit most of them use (ties: the name first in order), as binding does for a catalog fact with a unit: one
    numeric scale per fact. Units of another dimension, or none, are left as stated."""
    from checker.units import converted, dimension

    if not len(frame):
        return frame
    units = frame["unit"].tolist()
    used: dict[tuple, dict[str, int]] = {}
    for fact, unit in zip(frame["fact"].tolist(), units):
        if isinstance(unit, str) and dimension(unit):
            counts = used.setdefault((fact, dimension(unit)), {})
            counts[unit] = counts.get(unit, 0) + 1
    target = {key: min(counts, key=lambda u: (-counts[u], u)) for key, counts in used.items() if len(counts) > 1}
    if not target:
        return frame
    changed = {}
    for index, (fact, unit) in enumerate(zip(frame["fact"].tolist(), units)):
        to = target.get((fact, dimension(unit))) if isinstance(unit, str) else None
        if to and to != unit:
            row = frame.iloc[index]
            change = converted(row["low"], row["high"], row["tolerance"], unit, to)
            if row["derived"]:
                change["derived"] = f"{row['derived']}; {change['derived']}"
            changed[frame.index[index]] = change
    for label, change in changed.items():
        for column, value in change.items():
            frame.at[label, column] = value
    return frame


@once_per_value   # a corpus repeats its figures: "12 ferries" worked out once, not for each of its statements
def _comparable_of(low, high, kind, tolerance, fact_tolerance, qualifier, value_text) -> tuple[float, float]:
    """_comparable of a row of these values."""
    return _comparable({"low": low, "high": high, "kind": kind, "tolerance": tolerance,
                        "fact_tolerance": fact_tolerance, "qualifier": qualifier, "value_text": value_text})


def _comparable(row: dict) -> tuple[float, float]:
    low, high = row["low"], row["high"]
    if row["kind"] == "date":
        slack = float(row["fact_tolerance"] or 0) + (APPROX_DATE_DAYS if row["qualifier"] == "approx" else 0)
        return _ordinal(low, -math.inf) - slack, _ordinal(high, math.inf) + slack
    tolerance = float(row["tolerance"] or 0) + float(row["fact_tolerance"] or 0)
    below = tolerance_below(str(row["value_text"] or ""), float(row["tolerance"] or 0)) \
        + float(row["fact_tolerance"] or 0)
    rounding = rounding_of(str(row["value_text"] or ""), low, row["kind"], row["tolerance"])
    low = -math.inf if _missing(low) else float(low) - abs(float(low)) * below - rounding
    high = math.inf if _missing(high) else float(high) + abs(float(high)) * tolerance + rounding
    return low, high


# "nearly four hours", "almost 20,000": short of the figure, by as much as "about" allows ("nearly four hours" for
# three hours and 40 minutes); a little above it still reads as a rounding ("nearly 4,000" for 4,012).
_SHORT_OF = re.compile(r"(?:nearly|almost|just\s+(?:under|short\s+of))\b", re.IGNORECASE)
SHORT_OF_BELOW = 0.10


def tolerance_below(value_text: str, tolerance: float) -> float:
    """The share of a stated value its wording allows below it: its tolerance, or more for a figure it falls
    short of ("nearly", "almost", "just under")."""
    if tolerance and _SHORT_OF.match(value_text):
        return max(tolerance, SHORT_OF_BELOW)
    return tolerance


def meant_interval(low, high, kind: str, tolerance, value_text: str) -> tuple:
    """The interval a reader means by a stated value: the wording's tolerance and the figure's rounding applied
    ("about 100,000" is [90000, 110000], "95%" [94.5, 95.5]), a catalog's own tolerance not. Open bounds stay
    None; a date is its period already and stays as stated (ISO)."""
    if kind == "date":
        return low, high
    return _meant_interval(low, high, kind, tolerance, value_text)


@once_per_value   # the reports ask it of every mention
def _meant_interval(low, high, kind: str, tolerance, value_text: str) -> tuple:
    low_, high_ = _comparable({"low": low, "high": high, "kind": kind, "tolerance": tolerance, "fact_tolerance": 0,
                               "qualifier": None, "value_text": value_text})
    return (None if math.isinf(low_) else _clean(low_)), (None if math.isinf(high_) else _clean(high_))


def _clean(value: float) -> float:
    """The bound without float noise: 100000 * 0.9 is 90000, not 90000.00000000001, rounded as the grammar
    rounds a value it reads (checker.mentions.numbers.format_value: one rule for both)."""
    from checker.mentions.numbers import format_value

    return format_value(value)


_NUMERAL = re.compile(r"(\d[\d,]*)(?:\.(\d+))?")
_SCALED = re.compile(r"\d\s*(?:k|m|bn|b|mn|thousand|million|billion|trillion|crore|lakh)\b", re.IGNORECASE)


def rounding_of(value_text: str, low, kind: str, tolerance=0.0) -> float:
    """Half a unit of the last digit written, for figures a reader takes as rounded: "1.2 billion" covers
    1.15 to 1.25 billion, "95%" 94.5 to 95.5, "$38 million" 37.5 to 38.5 million, and a bare figure of ten
    thousand or more in round thousands ("412,000 people") the thousand around it (not one its words bound or
    qualify: "more than 94,000" starts at 94,000, and the `tolerance` of "about 100,000" covers it). Any other
    whole count ("seven", "140 positions", "2,150 homes") is exact: a reader does not take "10 meetings" for
    "about 10"."""
    if kind not in ("money", "percent", "quantity", "count", "number") or _missing(low):
        return 0.0
    match = _NUMERAL.search(value_text)
    if match is None:
        return 0.0
    whole, decimals = match.group(1).replace(",", ""), match.group(2) or ""
    written = float(f"{whole}.{decimals}" if decimals else whole)
    if not written:
        return 0.0
    scale = abs(float(low)) / written if float(low) else 1.0
    if decimals:
        return 0.5 * 10 ** -len(decimals) * scale
    if kind == "percent" or _SCALED.search(value_text):
        return 0.5 * scale
    if written >= 10_000 and written % 1000 == 0 and not float(tolerance or 0) and match.start() == 0:
        return 500 * scale   # "412,000 people" beside "412,300": a bare figure in round thousands is read to the thousand
    return 0.0


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _ordinal(value, open_bound: float) -> float:
    if _missing(value) or value == "":
        return open_bound
    return _day_ordinal(str(value)[:10])


@functools.lru_cache(maxsize=1 << 14)   # a corpus's statements fall on a few hundred days
def _day_ordinal(day: str) -> float:
    return float(date.fromisoformat(day).toordinal())
