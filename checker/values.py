"""How an interval reads to a person, in two styles that share one reading of numbers and date periods.

- prose, for sentences in findings: "more than 4,000" -> "at least 4,000", "July 2019", "20 to 30 ferries";
- compact, for report cells and chart labels: "≥ 4,000", "2019-07", "20,000–100,000", "85 million".

Both styles decide the same things the same way (is a bound open, is a date span a whole day, month,
year or run of months), so a finding and the report row beside it never disagree about a value.
"""
from __future__ import annotations

import functools
import math
from datetime import date
from decimal import Decimal

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def is_date_value(value) -> bool:
    return isinstance(value, str) and len(value) == 10 and value[4] == "-"


# ---------------------------------------------------------------- numbers

def prose_number(value: float) -> str:
    """1200 -> '1,200'; 2.5 -> '2.5'; large fractions keep two decimals."""
    value = float(value)
    if value.is_integer():
        # The shortest decimal that reads back as this float: 1e26 is "100,000,...,000" as written, where
        # int(1e26) would print the binary noise of its last digits.
        return f"{int(Decimal(repr(value))):,}"
    return f"{value:,.6g}" if abs(value) < 1e6 else f"{value:,.2f}"


def compact_number(value: float) -> str:
    """14 -> '14', 1200 -> '1,200', 85000000 -> '85 million' (only when that loses nothing)."""
    for size, word in SCALES:
        scaled = value / size
        if abs(scaled) >= 1 and round(scaled * 1000, 6).is_integer():
            return f"{scaled:,.3f}".rstrip("0").rstrip(".") + f" {word}"
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.6g}"


# ---------------------------------------------------------------- date periods

def date_period(low: str, high: str) -> tuple:
    """What a closed date span is: ('day', d), ('years', y1, y2), ('month', d), ('months', d1, d2) or ('days', d1, d2)."""
    first, last = date.fromisoformat(str(low)[:10]), date.fromisoformat(str(high)[:10])
    if first == last:
        return ("day", first)
    following = date(last.year + (last.month == 12), last.month % 12 + 1, 1)
    if first.day == 1 and (following - last).days == 1:
        if first.month == 1 and last.month == 12:
            return ("years", first.year, last.year)
        if (first.year, first.month) == (last.year, last.month):
            return ("month", first)
        return ("months", first, last)
    return ("days", first, last)


def _prose_date(low, high) -> str:
    if missing(low) and missing(high):
        return "unknown date"
    if missing(low):
        return f"by {_prose_date(high, high)}"
    if missing(high):
        return f"from {_prose_date(low, low)}"
    period = date_period(low, high)
    if period[0] == "day":
        return period[1].isoformat()
    if period[0] == "years":
        return str(period[1]) if period[1] == period[2] else f"{period[1]} to {period[2]}"
    if period[0] == "month":
        return f"{MONTHS[period[1].month - 1]} {period[1].year}"
    first, last = date.fromisoformat(str(low)[:10]), date.fromisoformat(str(high)[:10])
    return f"{first.isoformat()} to {last.isoformat()}"


def _compact_date_span(low: str, high: str) -> str:
    period = date_period(low, high)
    if period[0] == "years":
        return str(period[1]) if period[1] == period[2] else f"{period[1]}–{period[2]}"
    if period[0] == "month":
        return f"{period[1]:%Y-%m}"
    if period[0] == "months":
        return f"{period[1]:%Y-%m} – {period[2]:%Y-%m}"
    return f"{low} – {high}"


# ---------------------------------------------------------------- intervals

def once_per_value(function):
    """`function(low, high, ...)` worked out once per distinct arguments in a process (their types too: 1 and 1.0
    apart), for what the reports ask of every statement while the values repeat (a quarter of a million mentions
    at 10,000 articles). Not for a zero bound (0.0 and -0.0 are one key, not one value), nor for arguments that
    cannot be a key or have no truth value: those are worked out each time (a TypeError of the work itself is
    then raised again)."""
    once = functools.lru_cache(maxsize=1 << 16, typed=True)(function)

    @functools.wraps(function)
    def call(low, high, *rest, **named):
        try:
            if not (low == 0 or high == 0):
                return once(low, high, *rest, **named)
        except TypeError:
            pass
        return function(low, high, *rest, **named)

    return call


@once_per_value   # a report words the same few values for thousands of statements
def prose_interval(low, high, kind: str = "number", unit: str | None = None) -> str:
    """[4000, None] count "ferry" -> "at least 4,000 ferries"; a date span -> 'July 2019'."""
    if kind == "date":
        return _prose_date(low, high)
    text = _prose_amount(low, high, kind, unit)
    if kind in ("count", "quantity", "duration") and unit and text != "unknown":
        one = not missing(high) and float(high) == 1 and (missing(low) or float(low) == 1)
        text += f" {unit}" if one or kind == "quantity" else f" {_plural(unit)}"
    return text


def _plural(noun: str) -> str:
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + ("es" if noun.endswith(("s", "x", "ch", "sh")) else "s")


def _prose_amount(low, high, kind: str, unit: str | None) -> str:
    suffix = "%" if kind == "percent" else ""
    prefix = f"{unit} " if kind == "money" and unit else ""
    if missing(low) and missing(high):
        return "unknown"
    if missing(high):
        return f"at least {prefix}{prose_number(low)}{suffix}"
    if missing(low):
        return f"at most {prefix}{prose_number(high)}{suffix}"
    if float(low) == float(high):
        return f"{prefix}{prose_number(low)}{suffix}"
    return f"{prefix}{prose_number(low)}{suffix} to {prose_number(high)}{suffix}"


def compact_bound(value, kind: str = "") -> str:
    if is_date_value(value):
        return value
    text = compact_number(float(value))
    return f"{text}%" if kind == "percent" else text


def compact_interval(low, high, kind: str = "") -> str:
    """[14, 14] -> '14'; [12, 14] -> '12–14'; [12, None] -> '≥ 12'; [None, None] -> 'any'."""
    low = None if missing(low) else low
    high = None if missing(high) else high
    if low is None and high is None:
        return "any"
    if high is None:
        return f"≥ {compact_bound(low, kind)}"
    if low is None:
        return f"≤ {compact_bound(high, kind)}"
    if low == high:
        return compact_bound(low, kind)
    if is_date_value(low) and is_date_value(high):
        return _compact_date_span(low, high)
    return f"{compact_bound(low, kind)}–{compact_bound(high, kind)}"
