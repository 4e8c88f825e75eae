"""A bare number that shares the unit of the value it moves from: "widened the zone from two kilometres to three",
"turnout rose from 40 percent to 45", "the toll rose from 12 people to 15". English names the unit once; the second
figure is three kilometres, 45 percent, 15 people, and is read so (kind and unit of the first).

Only after "from <value> to": a number with no unit of its own, and a first value with no scale word ("from 2.5
million people to 3" leaves the scale of "3" unsaid).

The other way, a number and its adjective of origin share the noun of a count joined after them: "12 Dutch and 11
Belgian lorries" are 12 lorries and 11 lorries ("12 men and 11 women", "a fifth farm and 168,000 birds" each name
their own).
"""
from __future__ import annotations

import dataclasses
import re

from checker.mentions.quantities import lemma

_FROM_BEFORE = re.compile(r"\bfrom\s+$", re.I)
_TO_BETWEEN = re.compile(r"\s+to\s+$", re.I)
_SCALE = re.compile(r"\b(?:thousand|million|billion|trillion|bn|mn|m|k)\b", re.I)
_SHARED_KINDS = ("quantity", "percent", "count")
_ADJECTIVE_AND = re.compile(r"\s+([A-Za-z][a-z]+)\s+(?:and|or)\s+", re.I)


def share_units(text: str, mentions: list) -> list:
    """`mentions` (sorted by start) with each such bare number given its first value's kind and unit."""
    out = list(mentions)
    for index in range(1, len(out)):
        first, second = out[index - 1], out[index]
        if second.kind != "number" or second.unit or first.kind not in _SHARED_KINDS or not first.unit \
                or second.start < first.end or second.low is None or second.low != second.high:
            continue
        if not _TO_BETWEEN.fullmatch(" " + text[max(first.end, first.noun_end):second.start]):
            continue          # the words after the first value (its noun, "percent") and "to", then the number
        if not _FROM_BEFORE.search(text, max(0, first.start - 6), first.start) or _SCALE.search(first.value_text):
            continue
        out[index] = dataclasses.replace(second, kind=first.kind, unit=first.unit)
    for index in range(len(out) - 1, 0, -1):
        first, second = out[index - 1], out[index]
        if first.kind != "number" or first.unit or second.kind != "count" or not second.unit \
                or first.low is None or first.low != first.high or second.start < first.end:
            continue
        joint = _ADJECTIVE_AND.fullmatch(text, first.end, second.start)
        if joint is None or not joint.group(1)[:1].isupper() or lemma(joint.group(1)) is not None:
            continue      # "12 men and 11 women", "a fifth farm and 168,000 birds": the first names its own
        out[index - 1] = dataclasses.replace(first, kind=second.kind, unit=second.unit)
    return out
