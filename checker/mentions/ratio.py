"""A share told as a ratio: "one in eight papers got an A", "three out of four voters", "1 in 5 adults". The grammar
reads the two numbers apart ("one", then "eight papers"); said so, they are one share of the noun counted after the
second, 12.5% of the papers: a percent, about (a ratio is a rounding: "one in eight" stands for 11.9% to 13.1%), so
that it meets "12.4 percent of all papers" as the same figure told another way.
"""
from __future__ import annotations

import dataclasses
import re

_JOINT = re.compile(r"\s+(?:in|out\s+of)\s+", re.IGNORECASE)
_NUMERAL = re.compile(r"(?:about\s+|around\s+|roughly\s+|nearly\s+|almost\s+|some\s+)?(?:\d{1,3}|one|two|three|four|"
                      r"five|six|seven|eight|nine|ten)", re.IGNORECASE)
RATIO_TOLERANCE = 0.05
MAX_WHOLE = 1000


def _whole_number(mention) -> bool:
    return mention.kind in ("count", "number") and mention.low is not None and mention.low == mention.high \
        and float(mention.low).is_integer()


def join_ratios(text: str, mentions: list) -> list:
    """`mentions` (sorted by start) with each "N in M" share one percent mention."""
    out, index = [], 0
    while index < len(mentions):
        some = mentions[index]
        whole = mentions[index + 1] if index + 1 < len(mentions) else None
        if whole is not None and _whole_number(some) and _whole_number(whole) and some.qualifier in ("exact", "approx") \
                and whole.qualifier == "exact" and _NUMERAL.fullmatch(some.value_text) \
                and _JOINT.fullmatch(text, some.end, whole.start) and 0 < some.low < whole.low <= MAX_WHOLE \
                and not whole.flags and text[whole.start:whole.end].isalnum():
            share = round(float(some.low) / float(whole.low) * 100, 4)
            out.append(dataclasses.replace(
                some, kind="percent", value_text=text[some.start:whole.end], end=whole.end, low=share, high=share,
                unit="percent", qualifier="approx", tolerance=RATIO_TOLERANCE, noun_start=-1, noun_end=-1,
                precision=None))
            index += 2
            continue
        out.append(some)
        index += 1
    return out
