"""Numbers at the edges of what a float holds: such a figure is no value checker can compare.

The grammar keeps a fraction to 12 significant digits and a whole number to 15 (numbers.format_value), so
a figure written with more ("12,345,678,901,234,567,890,123,456", a card or serial number) would be
compared, and printed, as a number the text never stated. A magnitude beyond MAX_MAGNITUDE ("1e309", which a float reads as
infinity) cannot be compared either, and would print as "inf". Neither is read as a value: rejected,
not rounded. What a float holds exactly ("100,000,000,000,000,000,000,000,000" is 1e26) stays a value,
and the reports print it as written (checker.values).
"""
from __future__ import annotations

import re

SIGNIFICANT_DIGITS = 12      # what numbers.format_value keeps of a fraction
# A whole number is kept exactly up to 15 digits (a float holds every integer below 2**53, about 9.007e15):
# "123,456,789,101,231" is a value; a 16-digit card number is not.
WHOLE_DIGITS = 15
# Far beyond any quantity a text states, and far enough below float's limit (about 1.8e308) that a
# tolerance, a unit conversion or a difference of two values stays finite.
MAX_MAGNITUDE = 1e300
# A figure's digits with their group separators ("94,000", "1.234.567", "12 345 678").
_DIGIT_RUN = re.compile(r"\d(?:[\d,.\u00a0\u202f']|\s(?=\d{3}\b))*")


def representable(mention) -> bool:
    """Whether a mention's value is one checker holds as stated (dates always are)."""
    if mention.kind == "date":
        return True
    for bound in (mention.low, mention.high):
        # (a chained comparison: false for infinities and NaN alike, as isfinite and abs would say)
        if isinstance(bound, float) and not -MAX_MAGNITUDE <= bound <= MAX_MAGNITUDE:
            return False
    text = mention.value_text
    if len(text) <= SIGNIFICANT_DIGITS:
        return True           # no more digits than characters: most values are told here, without the regex
    held = {_held_digits(bound) for bound in (mention.low, mention.high)}
    for run in _DIGIT_RUN.findall(text):
        digits = _significant(run)
        # more digits than a fraction keeps: only a whole number whose every digit the value holds
        if digits > SIGNIFICANT_DIGITS and (digits > WHOLE_DIGITS or _digits(run) not in held):
            return False
    return True


def _digits(run: str) -> str:
    return "".join(ch for ch in run if ch.isdigit()).strip("0")


def _held_digits(bound) -> str:
    """The significant digits of a bound that is a whole number a float holds exactly, else ''."""
    if bound is None or not float(bound).is_integer() or abs(float(bound)) >= 10 ** WHOLE_DIGITS:
        return ""
    return str(abs(int(bound))).strip("0")


def _significant(run: str) -> int:
    """Significant digits of a run of digits and separators: leading and trailing zeros do not count."""
    return len(_digits(run))
