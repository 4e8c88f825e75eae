"""The date a document prints near its top ("April 28, 2009", "Wednesday, 05 January 2011", "Updated: May 24,
2005, 3:23 PM ET", "23 July 2013 Last updated at 13:42 GMT"): the reference for its relative dates when no
published date is known.

A dateline is a line among the first few that holds one full date (day, month and year) and nothing else but
a weekday, a time, a time zone and the words that label them (updated, published, posted, last, at). A line
with other words ("The vote on April 28, 2009 failed") is prose, not a dateline.
"""
from __future__ import annotations

import re
from datetime import date

from checker.mentions.dates import MONTHS

_LINES = 6                 # a dateline stands under the headline, a standfirst or a byline
_HEAD = 800                # characters looked at, whatever the lines
_MON = r"(?P<m>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|" \
       r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<y>(?:19|20)\d\d)"
_FULL_DATE = re.compile(
    rf"\b(?:{_MON}\s+{_DAY},?\s+{_YEAR}|{_DAY.replace('?P<d>', '?P<d2>')}\s+{_MON.replace('?P<m>', '?P<m2>')},?\s+"
    rf"{_YEAR.replace('?P<y>', '?P<y2>')}|(?P<y3>(?:19|20)\d\d)-(?P<m3>[01]\d)-(?P<d3>[0-3]\d))\b", re.I)
# What else a dateline may hold: weekdays, clock times, zones and their labels.
_FURNITURE = re.compile(
    r"\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\b\.?|"
    r"\b\d{1,2}(?:[:.]\s?\d{2}){1,2}\s?(?:[ap]\.?m\.?\b)?|\b\d{1,2}\s?[ap]\.?m\.?\b|\b[0-2]\d[0-5]\d\b|"
    r"\b(?:gmt|utc|bst|cet|cest|est|edt|cst|cdt|mst|mdt|pst|pdt|et|pt|ist|aest|aedt|hrs|local\s+time)\b"
    r"(?:\s?[+-]\s?\d{1,2}(?::\s?\d{2})?)?|"
    r"\b(?:updated|published|posted|last|at|on|created|modified|date)\b", re.I)
_LEFTOVER = re.compile(r"[\W_]*")


def dateline_span(text: str) -> tuple[date, date] | None:
    """(day, day) of the dateline in the first lines of `text`, or None."""
    for line in text[:_HEAD].split("\n")[:_LINES]:
        found = _FULL_DATE.search(line)
        if found is None:
            continue
        rest = _FURNITURE.sub(" ", line[:found.start()] + " " + line[found.end():])
        if not _LEFTOVER.fullmatch(rest):
            continue
        day = _day(found)
        if day is not None:
            return day, day
    return None


def _day(found: re.Match) -> date | None:
    if found.group("y3"):
        year, month, day = int(found.group("y3")), int(found.group("m3")), int(found.group("d3"))
    else:
        year = int(found.group("y") or found.group("y2"))
        month = MONTHS.get((found.group("m") or found.group("m2")).lower()[:3])
        day = int(found.group("d") or found.group("d2"))
    try:
        return date(year, month, day)
    except (TypeError, ValueError):
        return None
