"""The distance between two statements, and values placed on one numeric axis for the charts.

How a single interval reads is checker.values (compact style here).
"""
from __future__ import annotations

from datetime import date
from functools import lru_cache

from checker.values import compact_interval, compact_number, is_date_value, missing

DAYS_PER_MONTH = 30.44


def _number(value) -> float | None:
    if missing(value):
        return None
    return float(value)


@lru_cache(maxsize=4096)  # a corpus has a few hundred dates; a chart reads each statement's several times
def date_ordinal(value: str) -> float | None:
    """YYYY-MM-DD, or the last day of a YYYY-MM / YYYY period, as a proleptic ordinal; None if unreadable."""
    try:
        if len(value) == 10:
            return float(date.fromisoformat(value).toordinal())
        if len(value) == 7:
            year, month = int(value[:4]), int(value[5:7])
            return float(date(year + (month == 12), month % 12 + 1, 1).toordinal() - 1)
        if len(value) == 4:
            return float(date(int(value), 12, 31).toordinal())
    except ValueError:
        return None
    return None


def as_axis_value(value) -> float | None:
    """A bound on one numeric axis: numbers as they are, ISO dates as proleptic ordinals."""
    if value is None:
        return None
    if isinstance(value, str):
        return date_ordinal(value)
    return _number(value)


def interval_gap(a_low, a_high, b_low, b_high) -> tuple[float, float | None]:
    """Distance between two intervals (0 when they overlap) and the bound nearest the gap, for a ratio."""
    a_low, a_high, b_low, b_high = (as_axis_value(v) for v in (a_low, a_high, b_low, b_high))
    if a_high is not None and b_low is not None and b_low > a_high:
        return b_low - a_high, max(abs(a_high), abs(b_low))
    if b_high is not None and a_low is not None and a_low > b_high:
        return a_low - b_high, max(abs(b_high), abs(a_low))
    return 0.0, None


def _exact(observation) -> bool:
    return observation.get("low") is not None and observation.get("low") == observation.get("high")


def describe_gap(a: dict, b: dict, kind: str = "", labels: tuple[str, str] = ("", "")) -> str:
    """'s1 14 vs s2 11: differ by 3 (21%)'; for dates the gap in days and, when long, months or years."""
    left = " ".join(filter(None, (labels[0], compact_interval(a.get("low"), a.get("high"), kind))))
    right = " ".join(filter(None, (labels[1], compact_interval(b.get("low"), b.get("high"), kind))))
    gap, reference = interval_gap(a.get("low"), a.get("high"), b.get("low"), b.get("high"))
    if gap == 0:
        return f"{left} vs {right}: the ranges overlap"
    if is_date_value(a.get("low") or a.get("high")) or is_date_value(b.get("low") or b.get("high")):
        days = int(gap)
        text = f"{left} vs {right}: {'at least ' if not (_exact(a) and _exact(b)) else ''}{days} days apart"
        if days >= 730:
            text += f" (about {days / 365.25:.1f} years)"
        elif days >= 60:
            text += f" (about {days / DAYS_PER_MONTH:.0f} months)"
        return text
    at_least = "" if _exact(a) and _exact(b) else "at least "
    amount = compact_number(gap) + (" percentage points" if kind == "percent" else "")
    text = f"{left} vs {right}: differ by {at_least}{amount}"
    if reference:
        text += f" ({gap / reference:.0%})"
    return text
