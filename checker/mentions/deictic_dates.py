"""Dates a text names from where it stands: periods of the published date ("for the year", "the weekend",
"year to date"), the earlier or later part of a period ("later this year"), weekdays of a named week ("next
week between Wednesday and Friday"), months and quarters of a relative year ("June next year"), bare
seasons, the ends of periods under a cue ("by the end of this month") and public holidays (holidays.py,
holidays.yaml).
A mixin of checker.mentions.scan.Scanner, which supplies emit_date, resolve and left; its forms are tried
before the calendar forms of checker.mentions.dates.

| wording                                      | interval                                                   |
| -------------------------------------------- | ---------------------------------------------------------- |
| for/of/in/over the day/week/month/year.      | the published date's period; flags relative, deictic        |
|                                              | (not a month or year in a past clause, not "of the Year")   |
| the weekend, my week, this calendar year     | the published date's weekend (Sat-Sun of its week; in a     |
|                                              | past clause the one just gone) / period                     |
| year to date; EOY; otd                       | Jan 1 - published day; Jul 1 - Dec 31; the published day    |
| earlier/later this/in the week/month/year    | the period's part before / after the published day          |
|                                              | ("later this year" in March: March to December); "later in  |
|                                              | the year" in a past clause tells of another year: nothing   |
| earlier/later next/previous week             | that half of that period                                    |
| next week Mon, previous week - Monday        | that day of that week                                       |
| next week between Wed and Fri                | those days of that week                                     |
| two Sundays from now / ago                   | the second such day after (before) the published day       |
| June next year, the third quarter this year  | that month or quarter of that year                          |
| (in/during/over) (the) summer.               | the season the clause's tense points to (tense.py); nothing |
|                                              | in a generic present ("in the summer the town triples")     |
| early/mid/late September                     | 1-15 / 8-23 / 16-end of the nearest September               |
| by/until/before the end of X                 | up to X's last day (before the *end* is not before X's end) |
| before the beginning of X                    | up to the day before X                                      |
| after the beginning of X / after the end of X| from X's first day / from the day after X                   |
| Christmas, Independence Day of this year     | that day (holidays.yaml), in the year the tense points to   |
|                                              | (else the nearest); not in a longer name ("Christmas        |
|                                              | Island") nor "the day after Christmas"                      |

"Deictic" marks a period read off the published date where a narrative could mean the period it tells of
("In 1990 ... for the year"): binding may weigh it as weak evidence. A period with a post-modifier ("the
year before independence", "the day of the vote") is anchored to something else and is not read at all,
nor are "the next day" / "the day before" / "the last day": they name days around a narrated event.
"""
from __future__ import annotations

import functools
import re
from datetime import date, timedelta

from checker.mentions import dates as D
from checker.mentions import holidays as H
from checker.mentions.tense import occurrence, tense

_MONTH_WORD = (r"(?:january|february|(?-i:March)|april|(?-i:May)|june|july|august|september|october|november|"
               r"december|(?:jan|feb|apr|aug|sept?|oct|nov|dec)\b\.?)(?!\w)")
_MONTH_FULL = r"(?:january|february|(?-i:March)|april|(?-i:May)|june|july|august|september|october|november|december)\b"
# a weekday; abbreviated only when capitalised ("this week sat down" is a verb)
_WD = rf"(?:{D.WD_FULL}|(?-i:Mon|Tues?|Wed|Thur?s?|Fri|Sat|Sun)\b\.?)"
_PLURAL_WD = r"(?:mon|tues|wednes|thurs|fri|satur|sun)days"
_WHICH_WEEK = r"(?:next|last|this|previous|following|coming)\s+week"
_CLAUSE_END = re.compile(r"(?!['’]s\b)\s*(?:$|[.,;:!?)\]\"”]|\s(?:and|or|but)\b)", re.I)
_PERIOD_PREP = re.compile(r"\b(?:for|of|in|during|throughout|over|across|through)\s+$", re.I)
# "the end of the year", "the busiest day of the week": a part of any such period, not the current one
_END_OF_BEFORE = re.compile(r"\b(?:end|start|beginning|middle|rest|remainder|part|half|quarter|time|times|hours?|"
                            r"days?|weeks?|weekends?|months?|seasons?)\s+of\s+$", re.I)
_LOOK_LIKE = re.compile(r"\s+(?:looks?|looked)\s+like\b", re.I)
_SEASON_PREP = re.compile(r"(?:^|[.!?;:\n]\s*|\b(?:in|during|over|through|throughout|since|until|till|by|before|"
                          r"after|for|all|until|from|to)\s+)$", re.I)
_SEASON_NOUN = re.compile(r"\s+(?:period|season|months|holidays?|break|recess|session|term|quarter)\b", re.I)
_CAPITAL_WORD_BEFORE = re.compile(r"(?<![.!?]\s)(?<![.!?])\b[A-Z][a-z]+\s+$")
_COUNTRY_BEFORE = re.compile(r"(?:['’]s|\b[A-Z][a-z]+(?:n|an|ian|ese|ish|i)|\bnational)\s+$")
_HOLIDAY_VERB = re.compile(r"(?:^|[.!?;:\n]\s*|\b(?:on|at|by|before|after|until|till|since|over|for|during|around|"
                           r"from|to|this|last|next|of|in|celebrate[sd]?|celebrating|mark(?:s|ed|ing)?|"
                           r"observe[sd]?|observing)\s+(?:the\s+)?)$", re.I)
_HOLIDAY_NOUN_AFTER = re.compile(r"\s+(?!(?:at|on|in|and|or|but|when|as|is|was|will|would|this|last|next|morning|"
                                 r"evening|night|eve|day|early|late|break|holidays?|weekend|period|season|of|to|"
                                 r"until|with|for|the|we|i|he|she|they|it|falls|comes|dinner|lunch)\b)[a-z]")
_NAME_AFTER = re.compile(r"[\s-]+(?!(?:Eve|Day|Sunday|Monday)\b)[A-Z][a-z]")     # a longer name goes on
_NEXT_TO_DAY = re.compile(r"\b(?:day|days|night|eve|week|weekend|morning|evening)\s+(?:before|after)\s+$", re.I)
_END_CUE = re.compile(r"\b(by|before|after|until|till|(?:no|not)\s+later\s+than)\s+$", re.I)
_YEAR_AFTER = re.compile(rf",?\s+(?:of\s+|in\s+)?(?:(?P<which>this|next|last)\s+year\b|(?P<y>{D.YEAR}))", re.I)
_NEXT_YEAR_WORDS = {"this": 0, "the": 0, "the current": 0, "current": 0, "next": 1, "last": -1, "previous": -1}


# (name, pattern): tried in this order, before the calendar forms (see scan.py).
ALTERNATIVES = [
    ("dxendof", r"(?:the\s+)?(?:end|beginning|start|middle)\s+of\s+(?:the\s+)?(?:"
                r"(?:this|next|last|current|coming|previous|past)\s+(?:week|month|year)\b|"
                rf"(?:week|month|year)\b(?!\s*(?:of\b|\d|['’]s))|{_MONTH_WORD}(?:\s*,?\s*{D.YEAR})?|{D.YEAR})"),
    ("dxhalf", r"(?:earlier|later)\s+(?:in\s+)?(?:the|this|previous|last|next)\s+(?:day|week|month|year)\b"
               r"(?!\s*(?:of\b|['’]s))"),
    ("dxweekwd", rf"{_WHICH_WEEK}\s*(?:(?:between|from)\s+{_WD}\s*(?:and|to|through|till|until|-|–)\s*{_WD}|"
                 rf"(?:[-–—]\s*)?(?:on\s+)?{_WD})"),
    ("dxnthwd", rf"(?:two|three|four|five|a\s+couple\s+of)\s+{_PLURAL_WD}\s+(?:from\s+(?:now|today)|ago)\b"),
    ("dxweekof", rf"{D.DATE_FORMS['weekof']}\s*,?\s+on\s+{D.WD_FULL}"),
    ("dxmonthrel", rf"{_MONTH_FULL}\s+(?:of\s+)?(?:next|last|this)\s+year\b"),
    ("dxquarter", r"(?:the\s+)?(?:first|second|third|fourth|last|1st|2nd|3rd|4th)\s+(?:quarter|half)\s+(?:of\s+)?"
                  r"(?:this|next|last|the\s+current|the|current)\s+year\b(?!\s*(?:of\b|['’]s))"),
    ("dxmonthpart", rf"(?:early|mid|late)[\s-]+{_MONTH_WORD}(?:\s*,?\s*{D.YEAR})?"),
    ("dxperiod", r"(?:the\s+)?year[\s-]to[\s-]date\b|"
                 r"(?:the|my)\s+(?:week(?:end)?|day|month|year)\b(?!\s+(?:before|after)\s+(?:yesterday|tomorrow))|"
                 r"this\s+day\b|(?:this|the)\s+calendar\s+year\b(?!\s*\d)|upcoming\s+(?:week(?:end)?|month|year)\b|"
                 r"rest\s+the\s+(?:week|month|year)\b|(?-i:EOY)\b|(?-i:otd)\b|weekend\b"),
    ("dxseason", r"(?:(?:the|early|late|mid-?)\s*)?(?:spring|summer|autumn|winter|fall)\b"
                 r"(?![\s-]*(?:of\s+)?(?:\d|'\d))"),
    ("dxholiday", rf"(?:{H.HEAD})(?=[\s'’.]|\b)"),     # the full name is read by the handler
    ("dxina", r"(?<=\bin\s)an?\s+(?:day|week|month|year|fortnight)\b"),
]
DIGIT_FIRST = {"dxweekof"}          # "1st week of Oct. on Friday" begins with a digit

# Words that can begin one of the forms above, with what must follow them (None: anything).
_FOLLOWERS = {
    "my": r"\s+(?:day|week|weekend|month|year)\b",
    "this": r"\s+(?:day|calendar)\b",
    "upcoming": r"\s+(?:week|month|year)",
    "rest": r"\s+the\s+(?:week|month|year)\b",
    "year": r"[\s-]to[\s-]date\b",
    "the": r"\s+(?:week(?:end)?|month|year|calendar)\b",
    "two": rf"\s+{_PLURAL_WD}\b", "three": rf"\s+{_PLURAL_WD}\b", "four": rf"\s+{_PLURAL_WD}\b",
    "five": rf"\s+{_PLURAL_WD}\b",
    "eoy": None, "otd": None, "weekend": None,
}
_FOLLOWERS.update({word: follow for word, follow in H.FOLLOWERS.items() if word not in _FOLLOWERS})
TRIGGERS = frozenset(_FOLLOWERS)


def widen_peeks(peeks: dict, triggers: frozenset) -> frozenset:
    """Let the scanner's cheap look-ahead for a trigger word also admit this module's forms; the triggers
    with this module's words added."""
    for word, follow in _FOLLOWERS.items():
        if word in peeks:
            peeks[word] = re.compile(f"(?:{peeks[word].pattern})|(?:{follow or ''})", re.I)
        elif follow is not None and word not in triggers:
            peeks[word] = re.compile(follow, re.I)
    return triggers | TRIGGERS


@functools.lru_cache(maxsize=None)
def _rx(pattern: str) -> re.Pattern:
    return re.compile(pattern, re.I)


def _half(low: date, high: date, side: str, unit: str, ref: date | None) -> tuple[date, date]:
    """The earlier or later half of a period; with `ref` inside the period, the part before or after it
    ("later this year" said in March: March to December, not July to December: a reader has no reason to
    leave out the months between, and a narrower interval would conflict with "in May")."""
    if unit == "day":
        return low, high
    if ref is not None and low <= ref <= high:
        return (low, ref) if side == "earlier" else (ref, high)
    first, last, _ = D.half_of(low, high, "early" if side == "earlier" else "late", unit)
    return first, last


def _period(unit: str, step: int, ref: date) -> tuple[date, date]:
    if unit == "weekend":
        monday = D.week_span(ref, step)[0]
        return monday + timedelta(days=5), monday + timedelta(days=6)
    low, high, _ = D.shift(ref, step, unit)
    return low, high


@functools.lru_cache(maxsize=None)
def _rest_masters():
    """The scanner's master regexes without these forms: what a declined match is read as instead."""
    from checker.mentions import scan

    mine = {name for name, _ in ALTERNATIVES}
    rest = [(name, pattern) for name, pattern in scan._ALTERNATIVES if name not in mine]
    digit = re.compile("|".join(p for name, p in rest if name in scan._DIGIT_FIRST), re.I)
    word = re.compile("|".join(p for name, p in rest if name not in scan._DIGIT_ONLY), re.I)
    return digit, word


class DeicticForms:
    def _decline(self, start):
        """Not one of these forms after all ("the week 31", "the year before"): read the place as if they were
        not there."""
        digit, word = _rest_masters()
        found = (word if self.text[start].isalpha() else digit).match(self.text, start)
        if not found:
            return start + 1          # let the next word begin a value ("the week 31": "week 31")
        handled = getattr(self, "on_" + found.lastgroup)(found, start, found.end())
        return handled if handled and handled > start else found.end()

    def _tense(self, start: int, end: int) -> str | None:
        return tense(self.text, start, end, *self.sentences.around(start))

    def on_dxperiod(self, match, start, end):
        text = self.text
        phrase = re.sub(r"[\s-]+", " ", text[start:end].lower())
        left = self.left(start, 30)
        flags, precision = ("relative", "deictic"), "day"
        if phrase == "eoy":
            span = self.resolve(lambda ref: D.half_of(*_period("year", 0, ref), "end", "year"))
        elif phrase == "otd":               # "on this day", said of anniversaries
            if not _CLAUSE_END.match(text, end):
                return self._decline(start)
            span = self.resolve(lambda ref: (ref, ref, "day"))
        elif phrase.endswith("year to date"):
            span = self.resolve(lambda ref: (date(ref.year, 1, 1), ref, "day"))
        elif phrase.startswith("upcoming"):
            unit = phrase.split()[1]
            span = self.resolve(lambda ref: (*_period(unit, 1, ref), "day"))
            precision = unit if unit in ("month", "year") else "day"
        elif phrase.startswith("rest"):
            span = self.resolve(lambda ref: (ref, D.shift(ref, 0, phrase.split()[-1])[1], "day"))
        elif phrase.endswith("calendar year"):
            span, precision = self.resolve(lambda ref: D.shift(ref, 0, "year")), "year"
        elif phrase == "weekend":           # "on weekend", "at weekend": this week's
            if not _rx(r"\b(?:on|at)\s+$").search(left):
                return self._decline(start)
            span = self.resolve(lambda ref: (*_period("weekend", 0, ref), "day"))
        else:
            owner, unit = phrase.split()
            if owner == "my":               # "what does my day look like"; not "it made my day"
                if unit not in ("day", "week", "weekend") or not (_LOOK_LIKE.match(text, end) or (
                        unit != "day" and _CLAUSE_END.match(text, end))):
                    return self._decline(start)
            elif owner == "this":           # "this day": today; not "to this day" (until now)
                if _rx(r"\b(?:to|until|till|since)\s+$").search(left) or not _CLAUSE_END.match(text, end):
                    return self._decline(start)
            elif unit == "weekend":
                if _rx(r"\s+(?:of|before|after|when|that)\b").match(text, end) or _rx(r"['’]s\b").match(text, end):
                    return self._decline(start)
            elif _END_OF_BEFORE.search(left) or not (
                    _CLAUSE_END.match(text, end) and (_PERIOD_PREP.search(left) or not left.strip())):
                return self._decline(start)                 # "the year before independence": a year of another anchor
            elif text[end - len(unit)].isupper() or unit in ("month", "year") and not _rx(r"\bof\s+$").search(left) and \
                    self._tense(start, end) == "past":
                return self._decline(start)                 # "Player of the Year": a title; "sales fell 8% in the
                #                                             year", published in March: the year the text tells of
            step = -1 if unit == "weekend" and self._tense(start, end) == "past" else 0
            span = self.resolve(lambda ref: (*_period(unit, step if ref.weekday() < 5 else 0, ref), "day"))
            precision = unit if unit in ("month", "year") else "day"
        self.emit_date(start, end, span, precision, flags)
        return end

    def on_dxhalf(self, match, start, end):
        words = re.sub(r"\s+", " ", self.text[start:end].lower()).split()
        side, unit, which = words[0], words[-1], words[-2]
        if side == "later" and which == "the" and self._tense(start, end) == "past":
            return self._decline(start)     # "Later in the year, she moved to Paris": later than a narrated time
        step = {"previous": -1, "last": -1, "next": 1}.get(which, 0)

        def part(ref):
            low, high = _period(unit, step, ref)
            first, last = _half(low, high, side, unit, ref if step == 0 else None)
            return first, last, "day"
        flags = ("relative", "deictic") if which == "the" else ("relative",)
        self.emit_date(start, end, self.resolve(part), "day", flags)
        return end

    def on_dxweekwd(self, match, start, end):
        text = self.text[start:end]
        which = text.split()[0].lower()
        step = {"next": 1, "coming": 1, "following": 1, "last": -1, "previous": -1}.get(which, 0)
        if text.endswith(".") and text[:-1].lower().endswith("day"):
            end, text = end - 1, text[:-1]          # "... and Friday.": the sentence's full stop
        days = [D.WEEKDAYS[w.lower().rstrip(".")] for w in _rx(r"[a-z]+\.?").findall(text)
                if w.lower().rstrip(".") in D.WEEKDAYS]
        if not days or days[-1] < days[0]:
            return self._decline(start)

        def those(ref):
            monday = D.week_span(ref, step)[0]
            return monday + timedelta(days=days[0]), monday + timedelta(days=days[-1]), "day"
        range_ = len(days) > 1
        self.emit_date(start, end, self.resolve(those), "day", ("relative",) + (("range",) if range_ else ()),
                       qualifier="range" if range_ else "exact")
        return end

    def on_dxnthwd(self, match, start, end):
        text = self.text[start:end].lower()
        count = {"two": 2, "three": 3, "four": 4, "five": 5}.get(text.split()[0], 2)
        weekday = D.WEEKDAYS[_rx(_PLURAL_WD).search(text).group(0)[:3]]
        sign = -1 if text.endswith("ago") else 1

        def that(ref):
            first = ref + timedelta(days=sign * (((weekday - ref.weekday()) * sign) % 7 or 7))
            target = first + timedelta(weeks=sign * (count - 1))
            return target, target, "day"
        self.emit_date(start, end, self.resolve(that), "day", ("relative",))
        return end

    def on_dxweekof(self, match, start, end):
        text = self.text[start:end]
        head = _rx(D.DATE_FORMS["weekof"]).match(text)
        weekday = D.WEEKDAYS[text.split()[-1].lower()]
        g = head.groupdict()
        which = g["which"].lower()
        if g["y"]:
            week = lambda ref: D.week_of(which, *D.year_span(int(g["y"])))
        elif g["m"] and g["y2"]:
            week = lambda ref: D.week_of(which, *D.month_span(int(g["y2"]), D.month_value(g["m"])))
        elif g["m"]:
            month = D.month_value(g["m"])
            week = lambda ref: D.week_of(which, *D.month_span(D.closest_year(month, 15, ref), month))
        else:
            week = lambda ref: D.week_of(which, *D.relative_span(g["what"], ref)[:2])

        def day(ref):
            target = week(ref)[0] + timedelta(days=weekday)
            return target, target, "day"
        fixed = g["y"] or g["y2"]
        span = day(date(2000, 1, 1)) if fixed else self.resolve(day)
        self.emit_date(start, end, span, "day", () if fixed else ("relative",))
        return end

    def on_dxmonthrel(self, match, start, end):
        words = self.text[start:end].split()
        month, step = D.month_value(words[0]), _NEXT_YEAR_WORDS[words[-2].lower()]
        span = self.resolve(lambda ref: (*D.month_span(ref.year + step, month), "month"))
        self.emit_date(start, end, span, "month", ("relative",))
        return end

    def on_dxquarter(self, match, start, end):
        phrase = re.sub(r"\s+", " ", self.text[start:end].lower()).removeprefix("the ")
        part = re.match(r"(\S+) (quarter|half)", phrase)
        which = re.search(r"(?:of )?(this|next|last|the current|the|current) year$", phrase).group(1)
        step = _NEXT_YEAR_WORDS[which]
        name = f"{'fourth' if part.group(1) == 'last' and part.group(2) == 'quarter' else part.group(1)} {part.group(2)}"
        if part.group(2) == "half" and part.group(1) not in ("first", "second"):
            return self._decline(start)
        span = self.resolve(lambda ref: (*D.part_of_year(name, ref.year + step), "day"))
        flags = ("relative", "deictic") if which == "the" else ("relative",)
        self.emit_date(start, end, span, "quarter" if part.group(2) == "quarter" else "month", flags)
        return end

    def _month_of(self, month_text: str, year_text: str | None):
        """A month with or without its year: (resolver over the reference, whether it is relative)."""
        month = D.month_value(month_text)
        if year_text:
            fixed = D.month_span(int(year_text), month)
            return (lambda ref: fixed), False
        return (lambda ref: D.month_span(D.closest_year(month, 15, ref), month)), True

    def on_dxmonthpart(self, match, start, end):
        found = _rx(rf"(early|mid|late)[\s-]+({_MONTH_WORD})(?:\s*,?\s*({D.YEAR}))?").match(self.text, start, end)
        part, month_text, year_text = found.groups()
        if len(month_text.rstrip(".")) == 3 and month_text.isupper():
            return self._decline(start)
        period, relative = self._month_of(month_text, year_text)
        span = self.resolve(lambda ref: D.half_of(*period(ref), part.lower(), "month")) if relative else \
            D.half_of(*period(None), part.lower(), "month")
        self.emit_date(start, end, span, "day", ("relative",) if relative else ())
        return end

    def on_dxendof(self, match, start, end):
        text = self.text
        found = _rx(r"(?:the\s+)?(end|beginning|start|middle)\s+of\s+(?:the\s+)?(.*)$").match(text, start, end)
        part, rest = found.group(1).lower(), re.sub(r"\s+", " ", found.group(2))
        words = rest.lower().split()
        flags = ("relative",)
        if words[-1] in ("week", "month", "year"):
            unit = words[-1]
            step = {"next": 1, "coming": 1, "last": -1, "previous": -1, "past": -1}.get(words[0], 0)
            period = lambda ref: _period(unit, step, ref)
            inner = lambda ref: D.half_of(*period(ref), part, unit)[:2]
            flags += ("deictic",) if len(words) == 1 else ()
        elif _rx(D.YEAR).fullmatch(rest):
            year = int(rest)
            period = lambda ref: D.year_span(year)
            inner = lambda ref: D.part_of_year(f"{part} of", year)
            flags = ()
        else:
            month_year = _rx(rf"({_MONTH_WORD})(?:\s*,?\s*({D.YEAR}))?").fullmatch(rest)
            if month_year is None or (len(month_year.group(1).rstrip(".")) == 3 and month_year.group(1).isupper()):
                return self._decline(start)
            period, relative = self._month_of(month_year.group(1), month_year.group(2))
            inner = lambda ref: D.half_of(*period(ref), part, "month")[:2]
            flags = flags if relative else ()
        cue = _END_CUE.search(self.left(start, 20))
        word = re.sub(r"\s+", " ", cue.group(1).lower()) if cue else None
        if word and part == "middle":
            word = None
        qualifier, bounds = "exact", None
        if word and part == "end":
            qualifier = "more_than" if word == "after" else "at_most"
            bounds = (lambda ref: (period(ref)[1] + timedelta(days=1), None)) if word == "after" else (
                lambda ref: (None, period(ref)[1]))
        elif word:                     # the beginning or start of X
            qualifier = {"after": "at_least", "before": "less_than"}.get(word, "at_most")
            bounds = (lambda ref: (period(ref)[0], None)) if word == "after" else (
                lambda ref: (None, period(ref)[0] - timedelta(days=1))) if word == "before" else (
                lambda ref: (None, period(ref)[0]))
        if bounds is None:            # no cue: the part itself, read as the calendar forms read it
            if words[-1] in ("week", "month", "year"):
                return self.on_relative(match, start, end)
            if _rx(D.YEAR).fullmatch(rest):
                return self.on_part(match, start, end)
            span = self.resolve(lambda ref: (*inner(ref), "day")) if flags else (*inner(None), "day")
            self.emit_date(start, end, span, "day", flags)
            return end
        start = start - len(self.left(start, 20)) + cue.start()
        ref_first = self.ref[0] if self.ref else None
        ref_last = self.ref[1] if self.ref else None
        if flags and not self.ref:
            self.emit_date(start, end, None, "day", flags, qualifier=qualifier)
            return end
        low = bounds(ref_first)[0] if bounds(ref_first)[0] is not None else None
        high = bounds(ref_last)[1] if bounds(ref_last)[1] is not None else None
        self.emit("date", start, end, low and low.isoformat(), high and high.isoformat(), precision="day",
                  flags=flags, qualifier=qualifier)
        return end

    def on_dxseason(self, match, start, end):
        text = self.text
        phrase = re.sub(r"\s+", " ", text[start:end].lower())
        season = phrase.split()[-1].removeprefix("mid-").removeprefix("mid")
        prefix = phrase[:-len(season)].strip().rstrip("-")
        left = self.left(start, 30)
        noun_after = _SEASON_NOUN.match(text, end)
        prep = _SEASON_PREP.search(left)
        if not noun_after and not ((prep or prefix == "the") and _CLAUSE_END.match(text, end)):
            return self._decline(start)
        if season == "fall" and prefix not in ("the", "early", "late"):
            return self._decline(start)               # "fall" is a verb far more often than a season
        if not prep and _CAPITAL_WORD_BEFORE.search(left) and text[start].isupper():
            return self._decline(start)               # "Arab Spring", "Prague Spring": names
        part = {"the": "", "mid": "", "mid-": ""}.get(prefix, prefix)
        name = f"{part} {season}".strip()
        when = self._tense(start, end)
        if when is None:
            return self._decline(start)               # "in the summer the population triples": any summer
        season_of = lambda ref: occurrence(lambda y: D.part_of_year(name, y)[:2], ref, when)
        if when == "future" and self.ref and _rx(r"\b(?:before|until|till|by)\s+$").search(left) and \
                season_of(self.ref[0])[0] <= self.ref[0]:
            return self._decline(start)               # "would meet them before the summer", said in June
        span = self.resolve(lambda ref: (*season_of(ref), "season"))
        self.emit_date(start, end, span, "season", ("relative",))
        return end

    def on_dxholiday(self, match, start, end):
        text = self.text
        full = H.FULL_NAME.match(text, start)
        if full is None:
            return self._decline(start)
        end = full.end()
        name = re.sub(r"\s+", " ", text[start:end].lower().replace("’", "'"))
        entry = H.BY_NAME.get(name) or next(
            (e for n, e in H.BY_NAME.items() if _rx(H.name_pattern(n)).fullmatch(text[start:end])), None)
        if entry is None:
            return self._decline(start)
        if _NAME_AFTER.match(text, end) and any(word in D.WEEKDAYS for word in name.split()):
            return end                # "the Good Friday Agreement": a name; the weekday in it is no date either
        left = self.left(start, 40)
        if not _HOLIDAY_VERB.search(left):
            return self._decline(start)
        if entry.get("region") and _COUNTRY_BEFORE.search(left):
            return self._decline(start)               # "India's Independence Day" is another day
        if " " not in name and _HOLIDAY_NOUN_AFTER.match(text, end):
            return self._decline(start)               # "Christmas tree", "Easter egg"
        if _NAME_AFTER.match(text, end) or _NEXT_TO_DAY.search(left):
            return self._decline(start)               # "Christmas Island", "Independence Day Parade Committee";
            #                                           "the day after Christmas": a day beside it
        year = _YEAR_AFTER.match(text, end)
        if year and year.group("y"):
            day = H.day_of(entry, int(year.group("y")))
            self.emit_date(start, year.end(), (day, day), "day")
            return year.end()
        if year:
            step = _NEXT_YEAR_WORDS[year.group("which").lower()]
            span = self.resolve(lambda ref: (H.day_of(entry, ref.year + step),) * 2 + ("day",))
            self.emit_date(start, year.end(), span, "day", ("relative",))
            return year.end()
        when = self._tense(start, end)
        span = self.resolve(lambda ref: (*occurrence(lambda y: (H.day_of(entry, y),) * 2, ref, when), "day"))
        self.emit_date(start, end, span, "day", ("relative",))
        return end

    def on_dxina(self, match, start, end):
        """ "back in a week", "will be done in a month": one unit from the reference, said of the future."""
        if not _rx(r"(?:'ll|\bwill|\bshall|\bgoing\s+to|\bback|\bbe)\b[^,.;]*\bin\s+$").search(self.left(start, 60)):
            return self._decline(start)
        unit = self.text[start:end].split()[-1].lower()
        return self.emit_in(start, end, start, 1 if unit != "fortnight" else 2, "week" if unit == "fortnight" else unit)


def insert_after(alternatives: list, name: str, strip_groups: re.Pattern) -> None:
    """Put this module's forms into the scanner's list right after `name`, as named groups of their own."""
    at = [n for n, _ in alternatives].index(name) + 1
    alternatives[at:at] = [(n, f"(?P<{n}>{strip_groups.sub('(?:', p)})") for n, p in ALTERNATIVES]
