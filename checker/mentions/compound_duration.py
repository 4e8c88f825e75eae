"""A length of time told in two or three units: "two hours and 40 minutes", "four years and six months",
"2 hours, 5 minutes and 3 seconds", "1 hour 20 minutes". The grammar reads each part apart ("two hours", then
"40 minutes"); said so, they are one duration, the parts' sum in the smallest unit (160 minutes, 54 months), so that
"played for two hours and 40 minutes" meets "a 160-minute set" or "two hours and 50 minutes" as one figure, and
no part stands alone as a statement of its own ("40 minutes").

The parts run from the largest unit down, each unit smaller than the one before; the first may carry a qualifier
("about two hours and 40 minutes", "more than three years and six months"), the others are whole and exact. A
comma joins parts only inside a list that ends with "and" ("2 hours, 5 minutes and 3 seconds"): "three days, 14
hours of them at sea" is two statements. (The binder read these once, for a catalog's facts alone; read here, the
audit's every stage, discovery and the reports included, takes the one duration.)
"""
from __future__ import annotations

import dataclasses
import re

from checker.mentions.numbers import format_value
from checker.units import CALENDAR_SLACK, factor

# Each unit's size in the smallest of its reckoning: years and months count months; weeks down to seconds count
# seconds. A compound across the two ("two months and ten days") is summed in days of the average month and year,
# with their slack (checker.units.CALENDAR_SLACK) as the sum's tolerance: two months are 59 to 62 days.
_ORDER = ("year", "month", "week", "day", "hour", "minute", "second")
_SIZE = {"year": ("months", 12), "month": ("months", 1), "week": ("seconds", 604800), "day": ("seconds", 86400),
         "hour": ("seconds", 3600), "minute": ("seconds", 60), "second": ("seconds", 1)}
_AND = re.compile(r"(?:,?\s+and\s+|\s+)", re.I)
_COMMA = re.compile(r",\s+")
_QUALIFIED = ("exact", "approx", "more_than", "at_least", "less_than", "at_most")


def _factors(units: list[str]) -> tuple[list[float], list[float]]:
    """How many of the smallest unit each part's unit is, and the share of it a calendar unit may be off by."""
    smallest = units[-1]
    if len({_SIZE[unit][0] for unit in units}) == 1:
        return [_SIZE[unit][1] // _SIZE[smallest][1] for unit in units], [0.0] * len(units)
    return [factor(unit, smallest) for unit in units], [CALENDAR_SLACK.get(unit, 0.0) for unit in units]


def _part(mention) -> bool:
    return mention.kind == "duration" and mention.unit in _ORDER and mention.qualifier == "exact" \
        and mention.low is not None and mention.low == mention.high and float(mention.low).is_integer()


def _chain(text: str, mentions: list, index: int) -> int:
    """How many mentions from `index` make one compound duration (1: none)."""
    first = mentions[index]
    if first.kind != "duration" or first.unit not in _ORDER or first.qualifier not in _QUALIFIED:
        return 1
    if first.low is not None and first.high is not None and first.low != first.high:
        return 1
    taken, joints = 1, []
    while index + taken < len(mentions):
        before, after = mentions[index + taken - 1], mentions[index + taken]
        if not _part(after) or _ORDER.index(after.unit) <= _ORDER.index(before.unit):
            break
        if _AND.fullmatch(text, before.end, after.start):
            joints.append("and")
        elif _COMMA.fullmatch(text, before.end, after.start):
            joints.append("comma")
        else:
            break
        taken += 1
    while joints and joints[-1] == "comma":   # a list of parts ends with "and": "three days, 14 hours of them"
        joints.pop()
        taken -= 1
    return taken


# "a day and a half", "an hour and a half": one unit and half of it (the grammar reads only "a half")
_AND_A_HALF = re.compile(r"\b(?:(?:an?|one)\s+|(?<=the\s))(year|month|week|day|hour|minute)\s+and\s+a\s+half\b", re.I)


def _and_a_half(text: str, mentions: list) -> list:
    """`mentions` with "a day and a half" one duration of 1.5 days, in place of the "a half" read inside it."""
    for found in _AND_A_HALF.finditer(text):
        inside = [mention for mention in mentions if found.start() <= mention.start and mention.end <= found.end()]
        if len(inside) != 1 or inside[0].kind != "number":
            continue
        joined = dataclasses.replace(inside[0], kind="duration", value_text=found.group(), start=found.start(),
                                     end=found.end(), low=1.5, high=1.5, unit=found.group(1).lower(),
                                     noun_start=-1, noun_end=-1)
        mentions = sorted([mention for mention in mentions if mention is not inside[0]] + [joined],
                          key=lambda mention: (mention.start, mention.end))
    return mentions


def join_compound_durations(text: str, mentions: list) -> list:
    """`mentions` (sorted by start) with each duration told in several units one mention in the smallest, and
    "a day and a half" one duration."""
    if " and a half" in text:
        mentions = _and_a_half(text, mentions)
    out, index = [], 0
    while index < len(mentions):
        taken = _chain(text, mentions, index)
        parts = mentions[index:index + taken]
        if taken == 1:
            out.append(mentions[index])
            index += 1
            continue
        factors, slacks = _factors([part.unit for part in parts])
        first = parts[0]
        rest = sum(float(part.low) * scale for part, scale in zip(parts[1:], factors[1:]))
        middle = float(first.low if first.low is not None else first.high) * factors[0] + rest
        slack = sum(float(part.low if part.low is not None else part.high) * scale * share
                    for part, scale, share in zip(parts, factors, slacks)) / middle if middle else 0.0

        def total(bound):
            return None if bound is None else format_value(float(bound) * factors[0] + rest)

        out.append(dataclasses.replace(first, value_text=text[first.start:parts[-1].end], end=parts[-1].end,
                                       low=total(first.low), high=total(first.high), unit=parts[-1].unit,
                                       tolerance=max(float(first.tolerance or 0), round(slack, 4)),
                                       noun_start=-1, noun_end=-1))
        index += taken
    return out
