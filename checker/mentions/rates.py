"""Values said per something, and values on a scale.

| wording                                                | reads as                                      |
| ------------------------------------------------------ | --------------------------------------------- |
| 600 messages per hour, $31.50 a share, USD 38.50/share, GBP 2.7 million a year, up to 20 snapshots per volume | a rate: the unit over what it is per (message/hour, USD/share, GBP/year, snapshot/volume) |
| 58 colonies per 100 ml, 12 cases per 100,000 people    | a rate per an amount (colony/100 ml, case/100000 person) |
| 1,000 each, $40 million apiece, $5 a head               | a part: what one of several gets              |
| magnitude 6.4, a 6.4-magnitude quake, magnitude-6.3, a 6.8 magnitude quake, a magnitude of 7.1, 5.5 on the Richter scale, an earthquake measuring 4.6, a 4.6 quake (a decimal) | a quantity in magnitude, never a count of quakes |
"""
from __future__ import annotations

import re

from checker.mentions import quantities as Q

# A time or a thing a value is per; "each", "apiece", "a piece", "a head" say what one of several gets.
_PER_AFTER = re.compile(r"^(?:\s+\w+)?\s*(?:(each|apiece|a\s+piece|a\s+head)|per\s+(\d[\d,]*\s+[a-z]+|\w+)|(?:an?\s+|/\s?)(second|minute|hour|day|"
                        r"week|month|quarter|year|share|unit|person|visit|night|game|match|seat|ticket))\b"
                        r"(?!\s+(?:ago|earlier|later|before|after)\b)", re.I)
_MAGNITUDE_BEFORE = re.compile(r"\bmagnitude(?:\s+of)?[\s-]$|\bmagnitude\s+(?:of\s+)?(?:about|around|nearly|some)\s+$",
                               re.I)
_MAGNITUDE_AFTER = re.compile(r"[\s-]magnitude\b|\s+on\s+the\s+richter\b|\s+richter\b", re.I)
# "an earthquake measuring 4.6", "a tremor registering 3.1"; "a 4.6 quake", "a 2.9 aftershock" (a decimal: "3 quakes"
# counts quakes)
_QUAKE_MEASURING = re.compile(r"\b(?:earthquake|quake|temblor|tremor|aftershock|shock)s?\s+(?:measuring|registering|"
                              r"of\s+magnitude|with\s+a\s+magnitude\s+of)\s+(?:about\s+|around\s+|nearly\s+)?$", re.I)
_QUAKE_AFTER = re.compile(r"[\s-](?:earthquake|quake|temblor|tremor|aftershock)s?\b", re.I)


def per_after(text: str, tail: int) -> tuple[str, str] | None:
    """("rate", what the value is per, singular) or ("each", "") from the words after a value's unit, else None."""
    match = _PER_AFTER.match(text[tail:tail + 30])
    if match is None:
        return None
    if match.group(1):
        return "each", ""
    per = (match.group(2) or match.group(3)).lower()
    if per in ("cent", "centum", "mille"):
        return None
    if per[0].isdigit():
        return "rate", per_amount(per)
    return "rate", Q.lemma(per) or per


def per_amount(per: str) -> str:
    """ "100 ml", "100,000 people": a rate's amount of what it is per, as one word the catalog writes alike
    ("colonies per 100 ml" is colony/100 ml, "cases per 100,000 people" case/100000 person)."""
    number, word = per.split(None, 1)
    word = word.lower()
    return f"{number.replace(',', '')} {Q.UNITS.get(word) or Q.lemma(word) or word}"


def on_magnitude_scale(text: str, start: int, end: int) -> bool:
    """Whether a number is a magnitude: "magnitude 6.4", "magnitude-6.3", "a 6.8 magnitude quake",
    "a magnitude of 7.1", "5.5 on the Richter scale", "an earthquake measuring 4.6", "a 4.6 quake"."""
    return bool(_MAGNITUDE_BEFORE.search(text, max(0, start - 24), start) or _MAGNITUDE_AFTER.match(text, end)
                or _QUAKE_MEASURING.search(text, max(0, start - 48), start)
                or ("." in text[start:end] and _QUAKE_AFTER.match(text, end)))
