"""The first or last stretch of a period, said with its length: "in the first three months of 2026" is 1 January to
31 March 2026, "the last two weeks of March" 18 to 31 March, "the first six months of the year" the year's first
half. The grammar reads the length ("three months") and the period ("2026") apart; this joins them into the one date
they name, so that "the deal is expected to close in the first three months of 2026" is a date, not a duration of
three months.
"""
from __future__ import annotations

import dataclasses
import re
from datetime import date, timedelta

from checker.mentions.dates import same_day_shift

_LEAD = re.compile(r"\bthe\s+(first|opening|last|final|closing)\s+$", re.I)
_OF = re.compile(r"\s+of\s+", re.I)
_THE_YEAR = re.compile(r"\s+of\s+(?:the|this)\s+year\b", re.I)
_UNITS = {"day": "day", "week": "week", "month": "month"}
_WHOLE = re.compile(r"the\s+(first|last|final)\s+(\w+)\s+(day|week|month)s?", re.I)
_AMOUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
            "eleven": 11, "twelve": 12}
_PERIODS = ("year", "quarter", "month", "season")


def _stretch(first: bool, amount: int, unit: str, low: date, high: date) -> tuple[date, date] | None:
    if first:
        end = same_day_shift(low, amount, unit) - timedelta(days=1)
        return (low, end) if end <= high else None
    begin = same_day_shift(high, -amount, unit) + timedelta(days=1)
    return (begin, high) if begin >= low else None


def join_period_parts(text: str, mentions: list, ref: tuple[date, date] | None) -> list:
    """`mentions` (sorted by start) with each "the first N <unit>s of <period>" one date mention."""
    out, index = [], 0
    while index < len(mentions):
        mention = mentions[index]
        joined = None
        if mention.kind == "duration" and mention.unit in _UNITS and mention.low is not None \
                and mention.low == mention.high and float(mention.low).is_integer() and mention.low >= 1:
            lead = _LEAD.search(text, max(0, mention.start - 24), mention.start)
            if lead is not None:
                joined = _join(text, mentions, index, lead.start(), lead.group(1), int(mention.low),
                               _UNITS[mention.unit], ref)
        elif mention.kind == "date" and (whole := _WHOLE.fullmatch(mention.value_text)) \
                and (amount := _AMOUNTS.get(whole.group(2).lower()) or int(whole.group(2)) if whole.group(2).isdigit()
                     else _AMOUNTS.get(whole.group(2).lower())):
            # "the last two weeks", read alone as the two weeks before the writing
            joined = _join(text, mentions, index, mention.start, whole.group(1), amount, whole.group(3).lower(), ref)
        if joined is None:
            out.append(mention)
            index += 1
            continue
        mention_out, consumed = joined
        while out and out[-1].start >= mention_out.start:   # the ordinal "first" inside the lead
            out.pop()
        out.append(mention_out)
        index = consumed
    return out


def _join(text, mentions, index, lead_start, which, amount, unit, ref):
    mention = mentions[index]
    first = which.lower() in ("first", "opening")
    following = mentions[index + 1] if index + 1 < len(mentions) else None
    of = _OF.match(text, mention.end)
    if of and following is not None and following.kind == "date" and following.start == of.end() \
            and following.precision in _PERIODS and following.low and following.high:
        low, high, end, consumed = (date.fromisoformat(str(following.low)), date.fromisoformat(str(following.high)),
                                    following.end, index + 2)
    elif (year := _THE_YEAR.match(text, mention.end)) and ref is not None and ref[0].year == ref[1].year:
        low, high, end, consumed = date(ref[0].year, 1, 1), date(ref[0].year, 12, 31), year.end(), index + 1
    else:
        return None
    span = _stretch(first, amount, unit, low, high)
    if span is None:
        return None
    joined = dataclasses.replace(mention, kind="date", value_text=text[lead_start:end], start=lead_start, end=end,
                                 low=span[0].isoformat(), high=span[1].isoformat(), unit=None, precision="day",
                                 flags=tuple(f for f in mention.flags if f != "compound"))
    return joined, consumed
