"""Absolute calendar forms that the main date patterns (checker.mentions.dates.DATE_FORMS) leave out:
compact and spaced numeric dates, days said without a month, months with a spelled day, and a few
glued or reordered spellings. A mixin of checker.mentions.scan.Scanner; its two alternatives are tried
first at a digit ("calnum") and at a month or weekday word ("calword").

Every risky form is gated on its context, because a misread number costs a fact-checker more than a
missed date:

| wording                                   | reads as                     | only when                           |
| ----------------------------------------- | ---------------------------- | ----------------------------------- |
| 20161016, 2016 10 16, -2020-07-01-        | that day                     | a valid day, no word after it, no label before ("invoice"); spaced: then a stop |
| 13.5.2015, 2015.5.13 (dots: day first)    | that day                     | (a version number has no year part) |
| 16. Nov. 2016, Dec31, 1994, mar3, Sept.16 | that day                     | glued: the month not in capitals    |
| 08/12,2015, 08/12,15, from 5/1-5/7, 2020  | that day / those days        |                                     |
| May twenty nine, October, 1st, October. 2 | that day of the nearest year | then a stop or a year               |
| August 99, August '99, 15 April of 87     | that month / day             | '99 or a number above 31; a stop    |
| on the 27, for the 21st, on 29th         | that day of the month the tense points to (tense.py) | after on/for/by/until... then a stop |
| the 20th of next month, the 31st day of the month | that day of that month |                                     |
| 3 to 12 of Sept, 4 till 23 of this month  | those days                   |                                     |
| on 4-22 (not "on 4.22": a decimal)        | April 22 of the nearest year | after "on", then a stop             |
| in may, after Feb                         | that month                   | after a preposition, then a stop    |
| May I ask... (sentence start, pronoun)    | nothing                      |                                     |
| on 15, acquitted on 2 (no "the", no -th)  | nothing (a count said short) |                                     |

A two-digit year ("03/18/40", "August 99") is the year ending in those digits that falls at most twenty
years after the published year (published 2016: 40 -> 1940, 27 -> 2027, 99 -> 1999); with no published
date the window is 1950-2049. Written with a space after a comma, a year needs four digits
("11/20, 12 of Nov" is two days).
"""
from __future__ import annotations

import functools
import re
from datetime import date

from checker.mentions import dates as D
from checker.mentions import quantities as Q
from checker.mentions.numbers import ORDINAL_TENS, ORDINAL_UNITS, parse_numeral
from checker.mentions.tense import tense

_MON_WORD = (r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
             r"jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)")
_MON_FULL = r"(?:january|february|march|april|may|june|july|august|september|october|november|december)(?!\w)"
_MON = D.MON
_YEAR = D.YEAR
_DD = r"(?:[12]\d|3[01]|0?[1-9])"                 # a day in digits
_MM = r"(?:1[0-2]|0?[1-9])"                        # a month in digits
_SUFFIX = r"(?:st|nd|rd|th)?"
_CARD_DAY = (r"(?:(?:twenty|thirty)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|"
             r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|one|two|three|four|five|six|seven|"
             r"eight|nine)\b")
_STOP = r"(?=\s*(?:$|[.,;:!?)\]]))"                 # then the end of a clause
_JOIN = r"\s*(?:-|–|to|till|until|through|thru|and)\s*"

# Digit-first forms, in the order they are tried (each has a handler _cal_<name> below).
_NUM_FORMS = [
    ("compact", r"(?P<y>(?:19|20)\d\d)(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])"       # no count: "20051215 votes"
                r"(?!\d|[.,]\d|\s*%|\s+(?!(?:was|were|is|are|and|or|to|in|on|at|by|for|from|with)\b)[a-z])"),
    ("signed", rf"[-−](?P<y>(?:19|20)\d\d)-?(?P<m>0[1-9]|1[0-2])-?(?P<d>0[1-9]|[12]\d|3[01])(?!\d)"),
    ("spaced", rf"(?P<y>{_YEAR}) (?P<m>{_MM}) (?P<d>{_DD})(?!\d){_STOP}"),
    ("dotted", rf"(?:(?P<d>{_DD})\.(?P<m>{_MM})\.(?P<y>{_YEAR})|(?P<y2>{_YEAR})\.(?P<m2>{_MM})\.(?P<d2>{_DD}))(?!\d|\.\d)"),
    ("dotmonth", rf"(?P<d>{_DD})\.\s*(?P<m>{_MON})\s*,?\s*(?P<y>{_YEAR})"),
    ("slashyear", rf"(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}}),(?:\s?(?P<y>{_YEAR})|(?P<yy>\d\d))(?![\d/])"),
    ("slashrange", rf"(?P<a1>\d{{1,2}})/(?P<b1>\d{{1,2}})\s*[-–]\s*(?P<a2>\d{{1,2}})/(?P<b2>\d{{1,2}}),?\s*(?P<y>{_YEAR})"),
    ("dayrange", rf"(?P<d1>{_DD}){_SUFFIX}{_JOIN}(?P<d2>{_DD}){_SUFFIX}\s+"
                 rf"(?:(?:of\s+)?(?P<m>{_MON})(?:,?\s*(?P<y>{_YEAR}))?|of\s+(?P<rel>(?:the|this|next|last)\s+month\b))"),
    ("yearday", rf"(?:(?P<y>{_YEAR})/(?P<d>{_DD})/(?P<m>{_MON})|(?P<d2>{_DD})-(?P<y2>{_YEAR})-(?P<m2>{_MON}))"),
    ("ofyy", rf"(?P<d>{_DD}){_SUFFIX}\s+(?P<m>{_MON})\s+of\s+['’]?(?P<yy>\d\d)(?!\d){_STOP}"),
    ("monthday", rf"(?P<a>\d{{1,2}})-(?P<b>\d{{1,2}})(?!\d){_STOP}"),
]
# Word-first forms: a month (or weekday) word, then one of these tails.
_WORD_FORMS = [
    ("modal", r"(?-i:May)(?=\s+(?:I|we|you|he|she|it|they)\b)"),
    ("dashed", rf"(?P<m>{_MON_WORD})-(?:(?P<d>{_DD})-(?P<y>{_YEAR})|(?P<y2>{_YEAR})-(?P<d2>{_DD})(?!\d))"),
    ("glued", rf"(?P<m>{_MON_WORD})\.?(?P<d>{_DD})(?!\d){D.THOUSANDS_AFTER}{_SUFFIX}(?!\w)(?:\s*,\s*(?P<y>{_YEAR}))?"),
    ("spelled", rf"(?P<m>{_MON_FULL})\s+(?P<d>{_CARD_DAY})(?:(?:\s*,\s*|\s+)(?P<y>{_YEAR})|{_STOP})"),
    ("punctday", rf"(?P<m>{_MON_FULL})[.,]\s*(?P<d>{_DD}){D.THOUSANDS_AFTER}{_SUFFIX}(?!\w){_STOP}"),
    ("between", rf"(?P<m>{_MON})\s+(?:between|from)\s+(?P<d1>{_DD}){_SUFFIX}{_JOIN}(?P<d2>{_DD}){_SUFFIX}(?!\w){_STOP}"),
    ("monthsday", rf"(?P<m1>{_MON})\s*[-–]\s*(?P<m2>{_MON})\s+(?P<d>{_DD}){_SUFFIX},?\s*(?P<y>{_YEAR})"),
    ("shortyear", rf"(?P<m>{_MON_FULL})\s+(?:['’](?P<yy>\d\d)|(?P<yy2>3[2-9]|[4-9]\d))(?!\d){_STOP}"),
    ("bare", rf"(?P<m>may|feb|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?(?!\w){_STOP}"),
    ("wdcard", rf"(?P<wd>{D.WD_FULL})\s+the\s+(?P<d>{_CARD_DAY}|{_DD}(?!\w)){_STOP}"),
]
_NUM_RX = [(name, re.compile(pattern, re.I)) for name, pattern in _NUM_FORMS]
_WORD_RX = [(name, re.compile(pattern, re.I)) for name, pattern in _WORD_FORMS]
_STRIP_GROUPS = re.compile(r"\(\?P<\w+>|\(\?P=\w+\)")


# What must follow the first digits (or begin the word) for any form above to match: one cheap test that
# turns away most tokens ("30 people", "the", "twenty") before the forms are tried one by one.
_MONTH_HEAD = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
_NUM_GUARD = (rf"(?=[-−]\d|\d{{8}}(?!\d)|\d{{4}}(?:/\d{{1,2}}/[a-z]|\.\d{{1,2}}\.|\s\d)|"
              rf"\d{{1,2}}(?:st|nd|rd|th)?(?:[/–-]|\.(?:\d{{1,2}}\.|\s*{_MONTH_HEAD})|"
              rf"\s+(?:[-–]|(?:to|till|until|through|thru|and)\b|{_MONTH_HEAD})))")
_WORD_GUARD = r"(?=jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)"


def _alternative(name: str, guard: str, forms: list) -> str:
    body = "|".join(_STRIP_GROUPS.sub("(?:", pattern) for _, pattern in forms)
    return f"(?P<{name}>{guard}(?:{body}))"


# (name, pattern) pairs for the scanner's master regexes; both begin the list of alternatives.
ALTERNATIVES = [("calnum", _alternative("calnum", _NUM_GUARD, _NUM_FORMS)),
                ("calword", _alternative("calword", _WORD_GUARD, _WORD_FORMS))]
DIGIT_FIRST = {"calnum"}
# Tokens such as "Dec31", "mar3" are no trigger words; the scanner asks this before skipping one.
GLUED_HEADS = frozenset("jan feb mar apr may jun jul aug sep oct nov dec".split())
# The first three letters of a word the "calword" forms can begin with; the scanner tries them only there.
CALENDAR_HEADS = GLUED_HEADS | frozenset("mon tue wed thu fri sat sun".split())

# what names an identifier: the compact date form is not read right after it
_LABEL_BEFORE = re.compile(r"\b(?:number|nos?\.?|id|code|invoice|order|account|ref|reference|case|file|serial|ticket|"
                           r"flight|patent|isbn|licen[cs]e|registration|tracking|phone|tel|fax|pin|item|batch|lot)"
                           r"\s*(?:#\s*|:\s*|(?:is|was)\s+)?$|#\s*$", re.I)
_PREPOSITION_BEFORE = re.compile(r"\b(?:in|since|until|till|by|before|after|during|from|through)\s+$", re.I)
_SENTENCE_START = re.compile(r"(?:^|[.!?]['\"’”)]?\s+|\n\s*|^['\"“‘(]\s*)$")
_DAY_CUE = re.compile(r"\b(?P<p>on|for|by|until|till|before|after|since|from)\s+(?P<the>the\s+)?$", re.I)
_DAY_STOP = re.compile(r"\s*(?:$|[.,;!?)\]]|\s[-–—]\s)")
_OF_MONTH = re.compile(r"(?:\s+day)?\s+of\s+(?:the\s+)?(?:(this|next|last|current|coming|previous|following)\s+)?month\b",
                       re.I)
_STEP = {"next": 1, "coming": 1, "following": 1, "last": -1, "previous": -1}


@functools.lru_cache(maxsize=None)
def _rest_masters():
    """The scanner's master regexes without these forms: what a rejected match is read as instead."""
    from checker.mentions import scan
    rest = [(name, pattern) for name, pattern in scan._ALTERNATIVES if name not in ("calnum", "calword")]
    digit = re.compile("|".join(scan._SKIP_AT_DIGIT if name == "skip" else p for name, p in rest
                                if name in scan._DIGIT_FIRST), re.I)
    word = re.compile("|".join(p for name, p in rest if name not in scan._DIGIT_ONLY), re.I)
    return digit, word


def _day_of_month(day: int, ref: date, when: str | None) -> date:
    """That day of the month: the latest not after the reference in a clause about the past ("was approved on
    the 13th"), the earliest not before it about the future ("will be held on the 24th"), else the nearest."""
    if when is not None:
        for offset in ((0, -1, -2) if when == "past" else (0, 1, 2)):
            first = D.month_span(ref.year, ref.month + offset)[0]
            if day <= D.month_last(first.year, first.month).day:
                candidate = first.replace(day=day)
                if (candidate <= ref) if when == "past" else (candidate >= ref):
                    return candidate
    return D.nearest_day_of_month(day, ref)


def _month(token: str) -> int:
    return D.month_value(token[:4] if token[:4].lower() == "sept" else token[:3])


class CalendarForms:
    # ---- plumbing ------------------------------------------------------------------------------
    def on_calnum(self, match, start, end):
        return self._dispatch(_NUM_RX, start, end)

    def on_calword(self, match, start, end):
        return self._dispatch(_WORD_RX, start, end)

    def _dispatch(self, forms, start, end):
        for name, rx in forms:
            g = rx.match(self.text, start)
            if g and g.end() == end:
                try:
                    done = getattr(self, "_cal_" + name)(g, start, end)
                except ValueError:          # no such day ("31.2.2015"): read as something else
                    done = None
                return done if done else self.read_otherwise(start)
        return self.read_otherwise(start)

    def read_otherwise(self, start):
        """Run the rest of the master regex at `start`, as if these forms did not exist."""
        digit, word = _rest_masters()
        match = (word if self.text[start].isalpha() else digit).match(self.text, start)
        if not match:
            return start + 1
        try:
            handled = getattr(self, "on_" + match.lastgroup)(match, start, match.end())
        except (ValueError, OverflowError, KeyError, ZeroDivisionError):
            handled = None
        return handled if handled and handled > start else match.end()

    def full_year(self, yy: int) -> int:
        """A two-digit year: at most twenty years after the published year (1950-2049 without one)."""
        last = self.ref[1].year + 20 if self.ref else 2049
        year = last // 100 * 100 + yy
        return year - 100 if year > last else year

    def money_before(self, start) -> bool:
        return bool(Q.CURRENCY_BEFORE.search(self.left_word(start)))

    def _day(self, start, end, year, month, day):
        value = date(year, month, day)
        self.emit_date(start, end, (value, value), "day")
        return end

    def _near_day(self, start, end, month, day, year=None):
        """A day with its month but no year: the year that puts it nearest the published date."""
        if year is not None:
            return self._day(start, end, year, month, day)
        date(2000, month, day)              # a day no year has raises here
        span = self.resolve(lambda ref: (self._in_year(D.closest_year(month, day, ref), month, day),) * 2 + ("day",))
        self.emit_date(start, end, span, "day", ("relative",))
        return end

    @staticmethod
    def _in_year(year, month, day):
        return date(year, month, min(day, D.month_last(year, month).day))

    def _day_range(self, start, end, month, first, last, year=None, step=None):
        """Days `first`..`last` of a month (of the nearest year), or of this/next/last month."""
        if not first < last:
            return None
        lead = re.search(r"\b(?:between|from)\s+$", self.left(start, 10), re.I)
        if lead:
            start -= len(lead.group(0))
        if step is not None:
            span = self.resolve(lambda ref: (D.month_span(ref.year, ref.month + step)[0].replace(day=first),
                                             D.month_span(ref.year, ref.month + step)[0].replace(day=last), "day"))
        elif year is not None:
            span = (date(year, month, first), date(year, month, last))
        else:
            date(2000, month, last)
            span = self.resolve(lambda ref: (date(D.closest_year(month, first, ref), month, first),
                                             date(D.closest_year(month, first, ref), month, last), "day"))
        self.emit_date(start, end, span and span[:2], "day", ("range",) + (() if year else ("relative",)),
                       qualifier="range")
        return end

    # ---- digit-first ---------------------------------------------------------------------------
    def _cal_compact(self, g, start, end):
        if _LABEL_BEFORE.search(self.left(start, 30)):
            return None                      # "invoice 20161016", "registration number is 20151231": an id
        return self._day(start, end, int(g["y"]), int(g["m"]), int(g["d"]))

    def _cal_signed(self, g, start, end):
        return self._day(start + 1, end, int(g["y"]), int(g["m"]), int(g["d"]))

    def _cal_spaced(self, g, start, end):
        return self._day(start, end, int(g["y"]), int(g["m"]), int(g["d"]))

    def _cal_dotted(self, g, start, end):
        if g["y"]:
            return self._day(start, end, int(g["y"]), int(g["m"]), int(g["d"]))
        return self._day(start, end, int(g["y2"]), int(g["m2"]), int(g["d2"]))

    def _cal_dotmonth(self, g, start, end):
        return self._day(start, end, int(g["y"]), D.month_value(g["m"]), int(g["d"]))

    def _cal_slashyear(self, g, start, end):
        a, b = int(g["a"]), int(g["b"])
        month, day = (a, b) if a <= 12 else (b, a)
        if a < b <= 10:
            return None                      # "3/4,15": a fraction in a list
        return self._day(start, end, int(g["y"]) if g["y"] else self.full_year(int(g["yy"])), month, day)

    def _cal_slashrange(self, g, start, end):
        year = int(g["y"])
        first = date(year, int(g["a1"]), int(g["b1"]))
        last = date(year, int(g["a2"]), int(g["b2"]))
        if not first < last:
            return None
        lead = re.search(r"\b(?:between|from)\s+$", self.left(start, 10), re.I)
        start -= len(lead.group(0)) if lead else 0
        self.emit_date(start, end, (first, last), "day", ("range",), qualifier="range")
        return end

    def _cal_dayrange(self, g, start, end):
        first, last = int(g["d1"]), int(g["d2"])
        if re.match(r"\d+\w*\s+and\b", g.group(0), re.I) and not re.search(r"\bbetween\s+$", self.left(start, 9), re.I):
            return None                      # "3 and 12 of Sept" only after "between"
        if g["m"] and g["m"].rstrip(".").lower() in ("may", "mar", "march") and g["m"][0].islower():
            return None                      # "5 to 12 may rise": a verb
        if g["rel"]:
            word = g["rel"].split()[0].lower()
            return self._day_range(start, end, None, first, last, step=_STEP.get(word, 0))
        return self._day_range(start, end, D.month_value(g["m"]), first, last, int(g["y"]) if g["y"] else None)

    def _cal_yearday(self, g, start, end):
        if g["y"]:
            return self._day(start, end, int(g["y"]), D.month_value(g["m"]), int(g["d"]))
        return self._day(start, end, int(g["y2"]), D.month_value(g["m2"]), int(g["d2"]))

    def _cal_ofyy(self, g, start, end):
        return self._day(start, end, self.full_year(int(g["yy"])), D.month_value(g["m"]), int(g["d"]))

    def _cal_monthday(self, g, start, end):
        """ "on 4-22": a month and day only right after "on"; elsewhere a range. ("on 4.22" stays a number:
        "agreed on 4.25" is a rate far more often than a day in news.)"""
        if not re.search(r"\bon\s+$", self.left(start, 4), re.I):
            return None
        a, b = int(g["a"]), int(g["b"])
        month, day = (a, b) if a <= 12 else (b, a)
        if not 1 <= month <= 12:
            return None
        return self._near_day(start, end, month, day)

    # ---- word-first ----------------------------------------------------------------------------
    def _cal_modal(self, g, start, end):
        if _SENTENCE_START.search(self.left(start, 4)):
            return end                       # "May I ask": a verb
        return self.on_month(g, start, end)

    def _cal_dashed(self, g, start, end):
        month = _month(g["m"])
        if g["y"]:
            return self._day(start, end, int(g["y"]), month, int(g["d"]))
        return self._day(start, end, int(g["y2"]), month, int(g["d2"]))

    def _cal_glued(self, g, start, end):
        head = g["m"]
        if re.search(r"\bmonth\s+of\s+$", self.left(start, 10), re.I):
            return None                      # "the month of September.16th" names the month
        if head.isupper() and len(head) > 1 and "." not in self.text[g.end("m"):g.start("d")]:
            return None                      # "DEC31": a code
        if head.lower() == "may" and head[0] == "m" and "." not in g.group(0):
            return None
        return self._near_day(start, end, _month(head), int(g["d"]), int(g["y"]) if g["y"] else None)

    def _cal_spelled(self, g, start, end):
        if g["m"] == "may":
            return None
        day = parse_numeral(g["d"])
        if day is None or not 1 <= day.value <= 31:
            return None
        return self._near_day(start, end, D.month_value(g["m"]), int(day.value), int(g["y"]) if g["y"] else None)

    def _cal_punctday(self, g, start, end):
        if g["m"] == "may":
            return None
        return self._near_day(start, end, D.month_value(g["m"]), int(g["d"]))

    def _cal_between(self, g, start, end):
        return self._day_range(start, end, D.month_value(g["m"]), int(g["d1"]), int(g["d2"]))

    def _cal_monthsday(self, g, start, end):
        """ "Nov-Feb 5th, 2017": from the first month (the year before when it comes later) to that day."""
        first, last, year = D.month_value(g["m1"]), D.month_value(g["m2"]), int(g["y"])
        low = date(year - (first > last), first, 1)
        self.emit_date(start, end, (low, date(year, last, int(g["d"]))), "day", ("range",), qualifier="range")
        return end

    def _cal_shortyear(self, g, start, end):
        year = self.full_year(int(g["yy"] or g["yy2"]))     # (up to 31 without an apostrophe it is a day)
        self.emit_date(start, end, D.month_span(year, D.month_value(g["m"])), "month")
        return end

    def _cal_bare(self, g, start, end):
        """ "it may be in may", "after Feb": a month word alone, named as a month only after a preposition."""
        if not _PREPOSITION_BEFORE.search(self.left(start, 10)):
            return None
        if g["m"][0] == "M" and g["m"].lower() == "may":
            return None                      # "in May": the plain month form reads it
        return self.on_month(g, start, start + len(g["m"]))

    def _cal_wdcard(self, g, start, end):
        day = parse_numeral(g["d"])
        if day is None or not 1 <= day.value <= 31:
            return None
        weekday = D.WEEKDAYS[g["wd"].lower()]
        span = self.resolve(lambda ref: (D.nearest_day_of_month(int(day.value), ref, weekday),) * 2 + ("day",))
        self.emit_date(start, end, span, "day", ("relative",))
        return end

    # ---- a day of the month said alone (called by Scanner.on_num) ------------------------------
    def day_of_month(self, start, end, numeral):
        """ "for the 27", "on the 21st", "on 29th", "the 20th of next month", "the 31st day of the month":
        a day of the month nearest the published date (or of the month named). None: not a day."""
        value, ordinal, text = numeral.value, numeral.ordinal, self.text
        if numeral.fraction:                 # "the twentieth" reads as a fraction word on its own
            value, ordinal = ORDINAL_UNITS.get(text[start:end].lower()) or ORDINAL_TENS.get(text[start:end].lower()), True
            if not value:
                return None
        if not 1 <= value <= 31 or value != int(value):
            return None
        of_month = None
        if text[end:end + 4].lower() in (" of ", " day"):
            of_month = _OF_MONTH.match(text, end)
            if of_month is None:
                return None
        elif not _DAY_STOP.match(text, end):
            return None
        cue = _DAY_CUE.search(self.left(start, 12))
        raw = text[start:end]
        spelled = not raw[0].isdigit()
        if of_month is None:
            if cue is None or (spelled and not cue["the"]):
                return None                  # "on second thought"
            if not cue["the"] and not ordinal:
                return None                  # "acquitted on 2", "voted on 15, 16 and 17", "aired on 4": counts
                #                              said short, lists and channels far more often than days
            if spelled and not ordinal and value < 20:
                return None                  # "a table for the four"
            if spelled and value <= 3 and cue["p"].lower() not in ("on", "for"):
                return None                  # "from the first": from the start
            if not cue["the"] and cue["p"].lower() != "on":
                return None
        elif not (ordinal or (cue and cue["the"])):
            return None
        the = re.search(r"\bthe\s+$", self.left(start, 4), re.I)
        first = start - len(the.group(0)) if the else start
        day = int(value)
        if of_month is not None:
            end = of_month.end()
            step = _STEP.get((of_month.group(1) or "this").lower(), 0)
            span = self.resolve(lambda ref: (D.month_span(ref.year, ref.month + step)[0].replace(day=day),) * 2 + ("day",))
        else:
            when = tense(text, start, end, *self.sentences.around(start))
            span = self.resolve(lambda ref: (_day_of_month(day, ref, when),) * 2 + ("day",))
        self.emit_date(first, end, span, "day", ("relative",))
        return end
