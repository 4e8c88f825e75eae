"""How values, intervals and the distance between two statements read to a person."""
from __future__ import annotations

import math
from datetime import date

DAYS_PER_MONTH = 30.44


def is_date_value(value) -> bool:
    return isinstance(value, str) and len(value) == 10 and value[4] == "-"


def _number(value) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return float(value)


SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def format_number(value: float) -> str:
    """14 -> '14', 1200 -> '1,200', 85000000 -> '85 million' (only when that loses nothing)."""
    for size, word in SCALES:
        scaled = value / size
        if abs(scaled) >= 1 and round(scaled * 1000, 6).is_integer():
            return f"{scaled:,.3f}".rstrip("0").rstrip(".") + f" {word}"
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.6g}"


def format_bound(value, kind: str = "") -> str:
    if is_date_value(value):
        return value
    text = format_number(float(value))
    return f"{text}%" if kind == "percent" else text


def format_interval(low, high, kind: str = "") -> str:
    """[14, 14] -> '14'; [12, 14] -> '12–14'; [12, None] -> '≥ 12'; [None, None] -> 'any'."""
    low = None if low is None or (isinstance(low, float) and math.isnan(low)) else low
    high = None if high is None or (isinstance(high, float) and math.isnan(high)) else high
    if low is None and high is None:
        return "any"
    if high is None:
        return f"≥ {format_bound(low, kind)}"
    if low is None:
        return f"≤ {format_bound(high, kind)}"
    if low == high:
        return format_bound(low, kind)
    if is_date_value(low) and is_date_value(high):
        return _date_period(low, high)
    return f"{format_bound(low, kind)}–{format_bound(high, kind)}"


def _date_period(low: str, high: str) -> str:
    """A whole month or year reads as '2019-03' or '2019'; any other span as 'low–high'."""
    first, last = date.fromisoformat(low), date.fromisoformat(high)
    following = date(last.year + (last.month == 12), last.month % 12 + 1, 1)
    if first.day == 1 and (following - last).days == 1:
        if first.month == 1 and last.month == 12:
            return str(first.year) if first.year == last.year else f"{first.year}–{last.year}"
        if (first.year, first.month) == (last.year, last.month):
            return f"{first:%Y-%m}"
        return f"{first:%Y-%m} – {last:%Y-%m}"
    return f"{low} – {high}"


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
    left = " ".join(filter(None, (labels[0], format_interval(a.get("low"), a.get("high"), kind))))
    right = " ".join(filter(None, (labels[1], format_interval(b.get("low"), b.get("high"), kind))))
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
    amount = format_number(gap) + (" percentage points" if kind == "percent" else "")
    text = f"{left} vs {right}: differ by {at_least}{amount}"
    if reference:
        text += f" ({gap / reference:.0%})"
    return text
