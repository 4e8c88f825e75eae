"""The parts a total is broken into, told right after it (and a figure said of some of a whole, "one of its 24
satellites"): "Five people died: four at the scene and one in
hospital", "Nine were arrested - six men and three women". The listed figures are each a part of the total, not
another statement of it: they are flagged `part`, so that binding and discovery never take "one" (in hospital) for
a count of the dead.

The rule is arithmetic over English's way of listing: after the total, a colon, a dash or a comma opens a list of
two or more figures joined by "and" or commas, in the same sentence, whose sum is the total, each figure exact.
"""
from __future__ import annotations

import dataclasses
import re

_OPENS = re.compile(r"[^.;!?\n]{0,60}?(?::|\s[-\u2013\u2014]\s|,)\s*")      # "died:", "died -", "died,"
_JOINS = re.compile(r"[^.;:!?\n()\d]{0,40}?(?:,\s*(?:and\s+)?|\s+and\s+)")  # " at the scene and ", ", "
_KINDS = ("count", "number")
MAX_PARTS = 6


def _exact(mention) -> bool:
    return mention.kind in _KINDS and mention.qualifier == "exact" and mention.low is not None \
        and mention.low == mention.high


# "one of its 24 satellites", "two of the five climbers": a figure said of some of a counted whole
_OF_A_WHOLE = re.compile(r"\s+of\s+(?:the|its|their|his|her|our|these|those|all)\s+")


# "Alert level: 4 (of 5)", "rated 7 out of 10": the number after "of" is the top of the scale the first is read on
_OUT_OF = re.compile(r"\s*(?:\(\s*(?:out\s+)?of|out\s+of)\s+")


def mark_breakdowns(text: str, mentions: list) -> list:
    """`mentions` (sorted by start) with the parts of each broken-down total given the flag "part", a figure
    said of some of a counted whole right after it ("one of its 24 satellites") the flag "partitive", and the top of
    the scale a bare figure is read on ("4 (of 5)", "7 out of 10") the flag "scale"."""
    out = list(mentions)
    for index in range(len(out) - 1):
        first, second = out[index], out[index + 1]
        if first.kind not in _KINDS:
            continue
        if second.kind == "count" and second.unit and _OF_A_WHOLE.fullmatch(text, first.end, second.start):
            out[index] = dataclasses.replace(first, flags=tuple(first.flags) + ("partitive",))
        elif second.kind == "number" and not second.unit and _OUT_OF.fullmatch(text, first.end, second.start):
            out[index + 1] = dataclasses.replace(second, flags=tuple(second.flags) + ("scale",))
    for index, total in enumerate(out):
        if not _exact(total):
            continue
        parts, last = [], total.end
        for step in range(index + 1, min(len(out), index + 1 + MAX_PARTS)):
            part = out[step]
            if not _exact(part) or not (_JOINS if parts else _OPENS).fullmatch(text, last, part.start):
                break
            parts.append(step)
            last = part.end
            if len(parts) >= 2 and sum(out[i].low for i in parts) == total.low:
                for i in parts:
                    out[i] = dataclasses.replace(out[i], flags=tuple(out[i].flags) + ("part",))
                break
    return out
