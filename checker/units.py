"""Units of measure: which quantities can be compared, and the factor between them.

The grammar (checker.mentions.quantities) names a quantity's unit ("km", "t", "lb"); statements in
"2,480 kg" and "nearly 2.5 tonnes" are about the same mass. A unit belongs to one dimension and
has a factor to that dimension's base unit; durations use days as base (a year is 365.25 days).
"""
from __future__ import annotations

# unit -> (dimension, factor to the dimension's base unit)
SCALES: dict[str, tuple[str, float]] = {
    # length, in metres
    "km": ("length", 1000.0), "m": ("length", 1.0), "cm": ("length", 0.01), "mm": ("length", 0.001),
    "mile": ("length", 1609.344), "ft": ("length", 0.3048), "in": ("length", 0.0254), "yd": ("length", 0.9144),
    # mass, in kilograms
    "kg": ("mass", 1.0), "g": ("mass", 0.001), "mg": ("mass", 1e-6), "t": ("mass", 1000.0),
    "lb": ("mass", 0.45359237), "oz": ("mass", 0.028349523125),
    # volume, in litres
    "l": ("volume", 1.0), "ml": ("volume", 0.001), "gal": ("volume", 3.785411784), "m3": ("volume", 1000.0),
    # area, in square metres
    "m2": ("area", 1.0), "ha": ("area", 1e4), "acre": ("area", 4046.8564224), "km2": ("area", 1e6),
    "mi2": ("area", 2589988.110336), "ft2": ("area", 0.09290304),
    # speed, in km/h
    "km/h": ("speed", 1.0), "mph": ("speed", 1.609344), "knot": ("speed", 1.852),
    "km/hour": ("speed", 1.0), "mile/hour": ("speed", 1.609344),   # a rate the grammar reads ("40 km per hour")
    # data, in bytes
    "byte": ("data", 1.0), "KB": ("data", 1e3), "MB": ("data", 1e6), "GB": ("data", 1e9), "TB": ("data", 1e12),
    # power, in watts; energy, in watt-hours
    "W": ("power", 1.0), "kW": ("power", 1e3), "MW": ("power", 1e6), "GW": ("power", 1e9),
    "kWh": ("energy", 1e3), "MWh": ("energy", 1e6), "GWh": ("energy", 1e9), "TWh": ("energy", 1e12),
    # a change in a rate, in percentage points ("50 basis points" is 0.5 of one)
    "pp": ("rate_change", 1.0), "bp": ("rate_change", 0.01),
    # durations, in days
    "second": ("duration", 1 / 86400), "minute": ("duration", 1 / 1440), "hour": ("duration", 1 / 24),
    "day": ("duration", 1.0), "week": ("duration", 7.0), "month": ("duration", 30.4375),
    "year": ("duration", 365.25), "decade": ("duration", 3652.5), "century": ("duration", 36525.0),
}


_LOWER = {unit.lower(): scale for unit, scale in SCALES.items()}


def _scale(unit: str | None):
    """A unit's scale, its case aside ("MW" and a catalog's "mw")."""
    return SCALES.get(unit or "") or _LOWER.get((unit or "").lower())


def dimension(unit: str | None) -> str | None:
    """ "km" -> "length"; None for a unit with no known dimension (a counted noun, a currency)."""
    scale = _scale(unit)
    return scale[0] if scale else None


def factor(from_unit: str, to_unit: str) -> float | None:
    """How many `to_unit` one `from_unit` is (km -> m: 1000); None when they measure different things."""
    a, b = _scale(from_unit), _scale(to_unit)
    if a is None or b is None or a[0] != b[0]:
        return None
    return a[1] / b[1]


# "three months" is 84 to 93 days, not 91.3: a calendar unit keeps its own slack once converted to another unit.
CALENDAR_SLACK = {"month": 0.08, "year": 0.003}


def converted(low, high, tolerance, from_unit: str, to_unit: str) -> dict | None:
    """The columns of a statement in `from_unit` said in `to_unit` ("46 months" of a fact in years), or None when
    the two measure different things: low, high, unit, tolerance and `derived`, which says what was done."""
    scale = factor(from_unit, to_unit)
    if scale is None:
        return None
    row = {"low": _scaled(low, scale), "high": _scaled(high, scale), "unit": to_unit,
           "derived": f"converted from {from_unit}", "tolerance": tolerance}
    if from_unit in CALENDAR_SLACK:
        row["tolerance"] = max(float(tolerance or 0), CALENDAR_SLACK[from_unit])
    if low is not None and low == high and float(low).is_integer() and float(low):
        # "99 days" is a whole number of days: said in weeks it is 14.07 to 14.21, not the point 14.1429 that a
        # "14.2 weeks" (14.15 to 14.25) would contradict. A figure keeps the precision it was written with.
        row["tolerance"] = max(float(row["tolerance"] or 0), 0.5 / abs(float(low)))
    return row


def _scaled(value, scale: float):
    return None if value is None or value != value else float(value) * scale
