"""A value restated in brackets right after another: "EUR 185 million (about $200 million)", "hit 46.4C (115.5F)",
"more than 45,000 acres (over 18,200 ha)". The bracketed value is the same amount in another unit or currency, said
by the same source in the same breath: it is flagged `restated`, so that binding and discovery take the statement
once (the value before the bracket), and a conversion's rounding is never read as a second, differing figure.

Only money after money and a quantity after a quantity of the same dimension (temperatures in C and F alike); the
bracket holds the value alone, with at most a word of approximation before it ("about", "some", "roughly", "over").
"""
from __future__ import annotations

import dataclasses
import re

_OPENING = re.compile(r"\s*\(\s*(?:(?:about|around|roughly|some|approximately|approx\.|nearly|almost|over|under|more\s+"
                      r"than|less\s+than|just\s+over|just\s+under|up\s+to|c\.|ca\.|or|or\s+about|equivalent\s+to|"
                      r"or\s+some)\s+)?$", re.I)
_CLOSING = re.compile(r"\s*\)")
_TEMPERATURES = {"C", "F", "degree"}


def mark_restated(text: str, mentions: list) -> list:
    """`mentions` (sorted by start) with each restating value's flags given "restated"."""
    from checker.units import dimension

    out = list(mentions)
    for index in range(1, len(out)):
        first, second = out[index - 1], out[index]
        if second.kind != first.kind or second.kind not in ("money", "quantity") or second.start < first.end:
            continue
        if text.find("(", first.end, second.start) < 0 or not _OPENING.fullmatch(text, first.end, second.start) \
                or not _CLOSING.match(text, second.end):
            continue
        if second.kind == "quantity" and not (
                {first.unit, second.unit} <= _TEMPERATURES or
                dimension(first.unit) is not None and dimension(first.unit) == dimension(second.unit)):
            continue
        out[index] = dataclasses.replace(second, flags=tuple(second.flags) + ("restated",))
    return out
