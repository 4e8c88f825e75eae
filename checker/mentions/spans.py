"""Second pass over the dates one text states: join two dates into a span ("from May 3 to June 1",
"between 3 and 12 of Sept") and open a date that a cue bounds on one side ("since August", "before
2015", "until April 27th").

| wording                         | interval                                    |
| ------------------------------- | ------------------------------------------- |
| from/between A to/until/and B   | [first day of A, last day of B]             |
| 3 to 12 of Sept, 4-22 January   | those days of that month                    |
| since/starting/as early as A    | [first day of A, open)                      |
| after/later than A              | [day after A, open)                         |
| before/earlier than/prior to A  | (open, day before A]                        |
| until/till/no later than/by A   | (open, last day of A]                       |
"""
from __future__ import annotations

import dataclasses
import re
from datetime import date, timedelta

_JOIN = re.compile(r"\s*(?:-|–|—|to|until|till|through|thru|and)\s*$", re.I)
_LEAD = re.compile(r"\b(?:from|between)\s+$", re.I)
_DAY_OF = re.compile(r"\s*(?:of\s+|in\s+)?$", re.I)
_NEGATED = re.compile(r"\b(?:not|no|never|n't|first|last)\b[^.;]*$", re.I)
# The last word before a date that any cue below ends with: a cheap test before the cue patterns run.
_CUE_LAST_WORDS = frozenset("since starting beginning as after before than to until till of in from on w/c and > < "
                            "commencing = ≥ >=".split())
_WEEK_OF = re.compile(r"\b(?:the\s+)?(?:week\s+(?:of|starting|beginning|commencing)(?:\s+on)?|w/c)\s+$", re.I)
_NOW_BEFORE = re.compile(r"\bbetween\s+now\s+and\s+$", re.I)
_NOW_AFTER = re.compile(r"\s+and\s+now\b", re.I)
_OPEN_CUES = [
    ("at_least", re.compile(r"\b(?:since|starting(?:\s+(?:on|from|in))?|beginning(?:\s+(?:on|from|in))?|as\s+early\s+as)\s+$|(?:>\s*=|≥)\s*$", re.I)),
    ("more_than", re.compile(r"\b(?:after|(?<!no\s)later\s+than|greater\s+than)\s+$|>\s*$", re.I)),
    ("less_than", re.compile(r"\b(?:before|earlier\s+than|prior\s+to)\s+$|<\s*$", re.I)),
    ("at_most", re.compile(r"\b(?:until|till|no\s+later\s+than|as\s+late\s+as|up\s+to)\s+$", re.I)),
]
# How the last word before the date ends where each cue can match (a necessary test: its regex runs only then)
_OPEN_CUE_ENDS = {"at_least": ("since", "starting", "beginning", "on", "from", "in", "as", "=", "≥"),
                  "more_than": ("after", "than", ">"), "less_than": ("before", "than", "to", "<"),
                  "at_most": ("until", "till", "than", "as", "to")}


def _day(value) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else None


def _with_year(day: date, year: int) -> date | None:
    try:
        return day.replace(year=year)
    except ValueError:
        return None


def combine(text: str, mentions: list, ref: tuple[date, date] | None = None) -> list:
    """Join date pairs into spans and open dates bounded by a cue; other mentions pass unchanged."""
    out: list = []
    for mention in mentions:
        previous = out[-1] if out else None
        joined = _join(text, previous, mention) if previous is not None else None
        if joined is not None:
            out[-1] = joined
        else:
            out.append(mention)
    return [_open(text, m, ref) if m.kind == "date" and m.qualifier == "exact" else m for m in out]


_ON_BEFORE = re.compile(r"\b(?:on|over)\s+$", re.IGNORECASE)


def _join(text: str, first, second):
    if (second.kind in ("ordinal", "number") or second.kind == "count" and text[first.end:second.start] in ("-", "–")) \
            and first.kind == "date" and first.precision == "day" and first.low and first.low == first.high \
            and second.start >= first.end:
        return _day_through(text, first, second)     # "October 1-2 Ashgabat hosts": no count of hosts
    if second.kind in ("ordinal", "number") and first.kind == "date" and text[first.end:second.start] == " " \
            and _THIS_MONTH.fullmatch(first.value_text):
        return _month_day(text, first, second)       # "this August 2nd"
    if second.kind != "date" or second.start < first.end:
        return None
    gap = text[first.end:second.start]
    high = _day(second.high)
    if high is None:
        return None
    if first.kind == "date":
        low = _day(first.low)
        join = _JOIN.match(gap)
        if low is None or not join or join.end() != len(gap):
            return None
        word = gap.strip().lower()
        lead = _LEAD.search(text, max(0, first.start - 9), first.start)
        if word == "and" and not (lead and lead.group(0).lower().startswith("between")):
            return None
        if "relative" in first.flags and "relative" not in second.flags and first.precision in ("day", "month"):
            low = _with_year(low, high.year) or low       # "from May to Oct 2020": May of 2020
        if low > high and "relative" in first.flags:
            low = _with_year(low, low.year - 1) or low
        if low > high:
            return None
    elif first.kind == "number" and second.precision == "month" and _DAY_OF.fullmatch(gap):
        # "between 3 and 12 of Sept", "4 to 22 January, 1995": days of the month that follows
        if first.qualifier != "range" or not _days_of_month(first.low, first.high):
            return None
        low, high = high.replace(day=int(first.low)), high.replace(day=min(int(first.high), high.day))
        lead = None
    elif first.kind == "number" and second.precision == "day" and first.qualifier == "exact":
        # "from 3 until 12 of Sept": a bare day joined to a full date takes its month
        join = _JOIN.match(gap)
        lead = _LEAD.search(text, max(0, first.start - 9), first.start)
        if not join or join.end() != len(gap) or not _days_of_month(first.low, first.low) or first.low >= high.day:
            return None
        if gap.strip().lower() == "and" and not lead and not _ON_BEFORE.search(text, max(0, first.start - 6), first.start):
            return None     # "on 14 and 15 January": the two days, the first said without its month
        low = high.replace(day=int(first.low))
    else:
        return None
    start = first.start
    lead = _LEAD.search(text, max(0, start - 9), start)
    if lead:
        start = lead.start()
    return dataclasses.replace(second, start=start, value_text=text[start:second.end], low=low.isoformat(),
                               high=high.isoformat(), qualifier="range", precision="day" if first.precision != "month"
                               or second.precision != "month" else "month", flags=("range",) + tuple(
                                   f for f in second.flags if f != "range"))


def _day_through(text: str, first, second):
    """ "April 9th through 17th": the second day is of the first one's month."""
    join = _JOIN.match(text[first.end:second.start])
    low = _day(first.low)
    if not join or join.end() != second.start - first.end or not _days_of_month(second.low, second.high) \
            or second.low != second.high or not low.day < second.low <= 31 or text[first.end:second.start].strip() == "and":
        return None
    high = _with_year(low, low.year)
    try:
        high = low.replace(day=int(second.low))
    except ValueError:
        return None
    start = first.start
    lead = _LEAD.search(text, max(0, start - 9), start)
    if lead:
        start = lead.start()
    return dataclasses.replace(first, start=start, end=second.end, value_text=text[start:second.end],
                               high=high.isoformat(), qualifier="range", flags=("range",) + first.flags)


_THIS_MONTH = re.compile(r"(?:this|last|next)\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*", re.I)


def _month_day(text: str, first, second):
    """ "this August 2nd": that day of the month named from the published date."""
    if second.low != second.high or not isinstance(second.low, float) or not second.low.is_integer() \
            or not 1 <= second.low <= 31 or not text[second.start].isdigit() and second.kind != "ordinal":
        return None
    low = _day(first.low)
    day = None
    if low is not None:
        try:
            day = low.replace(day=int(second.low)).isoformat()
        except ValueError:
            return None
    return dataclasses.replace(first, end=second.end, value_text=text[first.start:second.end], low=day, high=day,
                               precision="day")


def _days_of_month(low, high) -> bool:
    # is_integer(), not v == int(v): int() of an infinite figure ("1e400") raised OverflowError
    return all(isinstance(v, float) and v.is_integer() and 1 <= v <= 31 for v in (low, high)) and low < high or (
        isinstance(low, float) and low == high and 1 <= low <= 31 and low.is_integer())


def _open(text: str, mention, ref=None):
    left = text[max(0, mention.start - 22):mention.start]
    words = left.rsplit(None, 1)      # (the last word is all it needs)
    if (not words or words[-1].lower() not in _CUE_LAST_WORDS) and not _NOW_AFTER.match(text, mention.end):
        return mention
    week = _WEEK_OF.search(left)
    if week and mention.precision == "day" and mention.low and mention.low == mention.high:
        day = _day(mention.low)                 # "the week of April 10th": its Monday to Sunday
        monday = day - timedelta(days=day.weekday())
        start = mention.start - len(left) + week.start()
        return dataclasses.replace(mention, start=start, value_text=text[start:mention.end], low=monday.isoformat(),
                                   high=(monday + timedelta(days=6)).isoformat())
    before, after = _NOW_BEFORE.search(left), _NOW_AFTER.match(text, mention.end)
    if (before or after) and ref and mention.low and mention.high:
        # "between now and May 21", "between Jan 22 and now": the reference day is the other end
        start = mention.start - len(left) + before.start() if before else _LEAD.search(
            text, max(0, mention.start - 9), mention.start)
        if after and start is None:
            return mention
        start = start if before else start.start()
        end = after.end() if after else mention.end
        low, high = (ref[0].isoformat(), mention.high) if before else (mention.low, ref[1].isoformat())
        if low > high and "relative" in mention.flags:      # a day without its year lies on the near side
            anchor = ref[0] if after else ref[1]
            moved = _with_year(_day(mention.low if after else mention.high), anchor.year)
            if moved and (moved > anchor if after else moved < anchor):
                moved = _with_year(moved, anchor.year + (-1 if after else 1))
            if moved is None:
                return mention
            low, high = (moved.isoformat(), high) if after else (low, moved.isoformat())
        return dataclasses.replace(mention, start=start, end=end, value_text=text[start:end], low=low, high=high,
                                   qualifier="range")
    last = words[-1].lower() if words else ""
    for qualifier, cue in _OPEN_CUES:
        found = cue.search(left) if last.endswith(_OPEN_CUE_ENDS[qualifier]) else None
        if not found:
            continue
        low, high = _day(mention.low), _day(mention.high)
        if low is None or high is None:
            return mention
        start = mention.start - len(left) + found.start()
        if qualifier == "at_least":
            if _NEGATED.search(text, max(0, start - 60), start):
                return mention                # "has not struck since 2023": the last time, a point
            bounds = (low, None)
        elif qualifier == "more_than":
            bounds = (high + timedelta(days=1), None)
        elif qualifier == "less_than":
            bounds = (None, low - timedelta(days=1))
        else:
            bounds = (None, high)
        return dataclasses.replace(mention, start=start, value_text=text[start:mention.end], qualifier=qualifier,
                                   low=bounds[0] and bounds[0].isoformat(), high=bounds[1] and bounds[1].isoformat())
    return mention
