"""Say an interval the way a person would: "10", "more than 94,000", "20,000 to 100,000", "July 2019"."""
from __future__ import annotations

import math
from calendar import monthrange
from datetime import date

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def format_number(value: float) -> str:
    value = float(value)
    if value.is_integer():
        return f"{int(value):,}"
    return f"{value:,.6g}" if abs(value) < 1e6 else f"{value:,.2f}"


def format_date_interval(low, high) -> str:
    if _missing(low) and _missing(high):
        return "unknown date"
    if _missing(low):
        return f"by {format_date_interval(high, high)}"
    if _missing(high):
        return f"from {format_date_interval(low, low)}"
    first, last = date.fromisoformat(str(low)[:10]), date.fromisoformat(str(high)[:10])
    if first == last:
        return first.isoformat()
    if first.day == 1 and first.month == 1 and last.month == 12 and last.day == 31:
        return str(first.year) if first.year == last.year else f"{first.year} to {last.year}"
    whole_month = first.day == 1 and last.day == monthrange(last.year, last.month)[1]
    if whole_month and (first.year, first.month) == (last.year, last.month):
        return f"{MONTHS[first.month - 1]} {first.year}"
    return f"{first.isoformat()} to {last.isoformat()}"


def format_interval(low, high, kind: str = "number", unit: str | None = None) -> str:
    if kind == "date":
        return format_date_interval(low, high)
    text = _format_amount(low, high, kind, unit)
    if kind in ("count", "quantity", "duration") and unit and text != "unknown":
        one = not _missing(high) and float(high) == 1 and (_missing(low) or float(low) == 1)
        text += f" {unit}" if one or kind == "quantity" else f" {_plural(unit)}"
    return text


def _plural(noun: str) -> str:
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + ("es" if noun.endswith(("s", "x", "ch", "sh")) else "s")


def _format_amount(low, high, kind: str, unit: str | None) -> str:
    suffix = "%" if kind == "percent" else ""
    prefix = f"{unit} " if kind == "money" and unit else ""
    if _missing(low) and _missing(high):
        return "unknown"
    if _missing(high):
        return f"at least {prefix}{format_number(low)}{suffix}"
    if _missing(low):
        return f"at most {prefix}{format_number(high)}{suffix}"
    if float(low) == float(high):
        return f"{prefix}{format_number(low)}{suffix}"
    return f"{prefix}{format_number(low)}{suffix} to {format_number(high)}{suffix}"
