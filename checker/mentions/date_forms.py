"""The date handlers of the scanner: each named date form (checker.mentions.dates.DATE_FORMS) found by the
master regex becomes one date mention here. A mixin of checker.mentions.scan.Scanner, which supplies
emit_date, resolve, left, year_context and on_num."""
from __future__ import annotations

import functools
import re
from datetime import date

from checker.mentions import dates as D
from checker.mentions.names import weekday_in_name
from checker.mentions.numbers import parse_numeral
from checker.mentions.tense import clause_tense, occurrence, tense, weekday_tense

_FORMS = {name: re.compile(pattern, re.I) for name, pattern in D.DATE_FORMS.items()}


@functools.lru_cache(maxsize=None)
def _rx(pattern: str, flags: int = 0) -> re.Pattern:
    return re.compile(pattern, flags)


# Two years written as one period: the first in full, the second by its last two digits ("2025-26", "2019/20")
_YEAR_SPAN = re.compile(r"(?:1[0-9]|20)\d\d[ \t]?[-/\u2013][ \t]?(\d\d)(?!\d|[-/.]\d)")
# Where the second part could be a month ("2011-12"), a word for a period of a year says it is a year too
_SEASON_AFTER = re.compile(r"\s+(?:season|academic|school|fiscal|financial|tax|budget|year|term|campaign)\b", re.I)
_SEASON_BEFORE = re.compile(r"\b(?:fiscal|financial|FY|season|the)\s+$", re.I)
_YEAR_AFTER_DAY = re.compile(r"\s+(next|last|this)\s+year\b", re.I)
_NEXT_SPAN = re.compile(r"(?:the\s+)?(?:next|following)\s+(\w+)\s*(day|week|month|year)s?", re.I)
# "last" as a verb: "planned to last ten days", "will last two weeks", "strikes usually last three days"
_LAST_SPAN = re.compile(r"last\s+(\w+)\s*(day|week|month|year)s?", re.I)
_LAST_VERB_BEFORE = re.compile(r"(?:\b(?:to|will|would|could|should|shall|may|might|must|can|cannot|did|does|do|not|"
                               r"usually|often|typically|normally|generally|still|only)|n['’]t|['’]ll)\s+$", re.I)


def _valid_day(year: int, month: int, day: int) -> date:
    """That day, or the month's last day when the year has no such day (29 February)."""
    return date(year, month, min(day, D.month_last(year, month).day))


WEEKDAY_NAMES_YEAR_DAYS = 183


def _day_without_year(month: int, day: int, ref: date, when: str | None,
                      weekday: int | None = None) -> tuple[date, date, str]:
    if weekday is not None:
        # "on Sunday 8 June": the 8 June within half a year of the paper that is a Sunday; the tense of the clause
        # only where none is (a weekday that fits only a year away is a slip: "find an hour on Tuesday March 7"
        # written on 14 March 2018, when the 7th was a Wednesday, means that 7 March)
        named = [value for year in (ref.year - 1, ref.year, ref.year + 1)
                 if (value := _valid_day(year, month, day)).day == day and value.weekday() == weekday
                 and abs((value - ref).days) <= WEEKDAY_NAMES_YEAR_DAYS]
        if named:
            value = min(named, key=lambda value: abs((value - ref).days))
            return value, value, "day"
    if when and (month, day) != (2, 29):
        return (*occurrence(lambda year: (_valid_day(year, month, day),) * 2, ref, when), "day")
    return (date(D.closest_year(month, day, ref), month, day),) * 2 + ("day",)


class DateForms:
    def _date_groups(self, name, start, end):
        found = _FORMS[name].match(self.text, start, end)
        if found is None:
            # The master pattern matched where the form's own does not ("the end of the 2008-09 season",
            # "last Thursday in a 27-24 loss"): not this form, and the scanner reads on (a ValueError).
            raise ValueError(f"{name} form does not match its master match")
        return found

    def on_iso(self, match, start, end):
        g = self._date_groups("iso", start, end)
        year, month = int(g["y"]), D.month_value(g["m"])
        span = _YEAR_SPAN.match(self.text, start)
        second = int(span.group(1)) if span else -1
        if span and (second > 12 and (year % 100 < second or second == (year + 1) % 100)
                     or second == (year + 1) % 100 and (_SEASON_AFTER.match(self.text, span.end())
                                                        or _SEASON_BEFORE.search(self.left(start, 12)))):
            # "the 2025-26 academic year", "fiscal 2024-25", "in 2016-19": years, not a month ("2026-2")
            last = year - year % 100 + second + (100 if second < year % 100 else 0)
            self.emit_date(start, span.end(), (date(year, 1, 1), date(last, 12, 31)), "year")
            return span.end()
        if g["d"]:
            day = date(year, month, int(g["d"]))
            self.emit_date(start, end, (day, day), "day")
        else:
            if not _rx(r"[a-z]", re.I).search(g["m"]) and "." in self.text[start:end]:
                return None
            self.emit_date(start, end, D.month_span(year, month), "month")
        return end

    def on_numeric(self, match, start, end):
        g = self._date_groups("numeric", start, end)
        a, b, year = int(g["a"]), int(g["b"]), int(g["y"])
        if self.text[g.end("a")] != self.text[g.end("b")]:
            return self.on_num(match, start, end)      # "30/4.85": a ratio and a decimal
        if year < 100:
            year = self.full_year(year)                 # "03/18/40" (calendar_forms: a window by the published year)
        month, day = (a, b) if a <= 12 else (b, a)
        value = date(year, month, day)
        self.emit_date(start, end, (value, value), "day")
        return end

    def on_slashdate(self, match, start, end):
        """ "11/20", "22/04": a day without its year, unless it reads as a small fraction ("3/4", "9/10")."""
        g = self._date_groups("slashdate", start, end)
        a, b = int(g["a"]), int(g["b"])
        month, day = (a, b) if a <= 12 else (b, a)
        whole_before = _rx(r"\d\s+$").search(self.left(start, 3))
        if (a, b) == (24, 7):
            return end                # "open 24/7": around the clock
        if (a, b) == (9, 11) and self.text[start:end] == "9/11":
            day = date(2001, 9, 11)   # "after 9/11": the attacks' name, never this year's 11 September
            self.emit_date(start, end, (day, day), "day")
            return end
        if (a < b <= 10) or whole_before or not (1 <= month <= 12 and 1 <= day <= 31) \
                or day > D.month_last(2000, month).day:
            return self.on_num(match, start, end)
        span = self.resolve(lambda ref: (date(D.closest_year(month, day, ref), month, min(
            day, D.month_last(D.closest_year(month, day, ref), month).day)),) * 2 + ("day",))
        self.emit_date(start, end, span, "day", ("relative",))
        return end

    def _day_month(self, g, start, end, name):
        day = parse_numeral(g["d"]).value
        month = D.month_value(g["m"])
        month_text = g["m"].rstrip(".")
        if month_text.lower() in ("may", "mar", "march", "jan", "dec", "sun", "wed") and not g["y"]:
            if month_text[0].islower() and name == "dmy" and _rx(r"\s+[a-z]").match(self.text[end:end + 3]):
                return None
        if not (1 <= day <= 31) or day != int(day):
            return None
        flags = ()
        following = None if g["y"] else _YEAR_AFTER_DAY.match(self.text, end)
        if g["y"]:
            value = date(int(g["y"]), month, int(day))
            span = (value, value)
        elif following:
            # "on July 31 next year": that day of the year the phrase names from the published date
            step = {"next": 1, "last": -1, "this": 0}[following.group(1).lower()]
            span = self.resolve(lambda ref: (_valid_day(ref.year + step, month, int(day)),) * 2 + ("day",))
            flags = ("relative",)
            end = following.end()
        elif self.ref:
            # without its year: the occurrence its clause's tense points to ("the patch issued Jan. 14" in
            # September is this January's), else the nearest
            sentence = self.sentences.around(start)
            when = clause_tense(self.text, start, end, *sentence, self.clauses.bounds(start, end, *sentence))
            weekday = D.WEEKDAYS.get(g["wd"].lower().rstrip(".")) if g["wd"] else None
            span = self.resolve(lambda ref: _day_without_year(month, int(day), ref, when, weekday))
            flags = ("relative",)
        else:
            span, flags = None, ("relative",)
        self.emit_date(start, end, span, "day", flags)
        return end

    def on_dmy(self, match, start, end):
        if self.text[start].isdigit() and self.money_before(start):
            return self.on_num(match, start, start + len(_rx(r"\d+").match(self.text, start).group(0)))  # "$12 December 27"
        return self._day_month(self._date_groups("dmy", start, end), start, end, "dmy")

    def on_mdy(self, match, start, end):
        g = self._date_groups("mdy", start, end)
        if g["m"].lower() == "may" and g["m"][0] == "m" and not g["y"] and not g["d"][0].isdigit():
            return None
        return self._day_month(g, start, end, "mdy")

    def on_ym(self, match, start, end):
        g = self._date_groups("ym", start, end)
        self.emit_date(start, end, D.month_span(int(g["y"]), D.month_value(g["m"])), "month")
        return end

    def on_wordyear(self, match, start, end):
        """ "nineteen ninety six": a year said the way people say years."""
        g = self._date_groups("wordyear", start, end)
        century = {"nineteen": 1900, "twenty": 2000}[g["c"].lower()]
        rest = parse_numeral(g["r"])
        if rest is None or rest.end != len(g["r"]) or (century == 2000 and rest.value < 10) \
                or not self.year_context(start, end):
            return self.on_num(match, start, end)
        self.emit_date(start, end, D.year_span(century + int(rest.value)), "year")
        return end

    def on_nthwd(self, match, start, end):
        g = self._date_groups("nthwd", start, end)
        which, weekday = g["n"].lower(), D.WEEKDAYS[g["wd"].lower()]
        if g["m"] and g["y"]:
            span = D.nth_weekday(which, weekday, *D.month_span(int(g["y"]), D.month_value(g["m"])))
        elif g["m"]:
            month = D.month_value(g["m"])
            span = self.resolve(lambda ref: D.nth_weekday(which, weekday, *D.month_span(D.closest_year(month, 15, ref), month)))
        elif g["what"]:
            span = self.resolve(lambda ref: D.nth_weekday(which, weekday, *D.relative_span(g["what"], ref)[:2]))
        else:
            span = self.resolve(lambda ref: D.nth_weekday(which, weekday, *D.month_span(ref.year, ref.month)))
        self.emit_date(start, end, span, "day", () if g["y"] else ("relative",))
        return end

    def on_monthrange(self, match, start, end):
        """ "Jan-Feb 2017", "April to June in 2017", "Nov-Feb 2017" (November of the year before)."""
        g = self._date_groups("monthrange", start, end)
        first, last, year = D.month_value(g["m1"]), D.month_value(g["m2"]), int(g["y"])
        low = D.month_span(year - (first > last), first)[0]
        lead = _rx(r"\b(?:from|between)\s+$", re.I).search(self.left(start, 10))
        start = start - len(lead.group(0)) if lead else start
        self.emit_date(start, end, (low, D.month_span(year, last)[1]), "month", ("range",), qualifier="range")
        return end

    def on_my(self, match, start, end):
        g = self._date_groups("my", start, end)
        self.emit_date(start, end, D.month_span(int(g["y"]), D.month_value(g["m"])), "month")
        return end

    def on_monthyear(self, match, start, end):
        g = self._date_groups("monthyear", start, end)
        self.emit_date(start, end, D.month_span(int(g["y"]), int(g["m"])), "month")
        return end

    def on_decade(self, match, start, end):
        g = self._date_groups("decade", start, end)
        raw = (g["dec"] or g["dec2"]).lstrip("'")
        decade = int(raw) if len(raw) == 4 else 1900 + int(raw)
        part = g["part"] or g["part2"]
        self.emit_date(start, end, D.decade_span(decade, part and part.lower()), "decade")
        return end

    def on_part(self, match, start, end):
        g = self._date_groups("part", start, end)
        part = g["part"].lower()
        precision = "season" if _rx(r"spring|summer|autumn|fall|winter").search(part) else (
            "quarter" if _rx(r"q\d|quarter").search(part) else "month" if _rx(r"half|h\d").search(part) else "season")
        self.emit_date(start, end, D.part_of_year(part, int(g["y"])), precision)
        return end

    def emit_day_of_month(self, start, end, day):
        """ "on the 18th": that day of the nearest month; "the 20th of next month": of that month."""
        start = self.left(start, 5).lower().rfind("the") + start - len(self.left(start, 5))
        month = _rx(r"\s+of\s+(?:the\s+)?(next|this|last)\s+month", re.I).match(self.text, end)
        if month:
            end = month.end()
            step = {"next": 1, "last": -1}.get(month.group(1).lower(), 0)
            span = self.resolve(lambda ref: (D.month_span(ref.year, ref.month + step)[0].replace(day=day),) * 2 + ("day",))
        else:
            span = self.resolve(lambda ref: (D.nearest_day_of_month(day, ref),) * 2 + ("day",))
        self.emit_date(start, end, span, "day", ("relative",))
        return end

    def on_yearpart(self, match, start, end):
        g = self._date_groups("yearpart", start, end)
        part = g["part"].lower()
        self.emit_date(start, end, D.part_of_year(part, int(g["y"])), "month" if part[0] == "h" else "quarter")
        return end

    def on_wdday(self, match, start, end):
        g = self._date_groups("wdday", start, end)
        day = int(parse_numeral(g["d"]).value)
        weekday = D.WEEKDAYS[g["wd"].lower().rstrip(".")]
        span = self.resolve(lambda ref: (D.nearest_day_of_month(day, ref, weekday),) * 2 + ("day",))
        self.emit_date(start, end, span, "day", ("relative",))
        return end

    def on_weekof(self, match, start, end):
        g = self._date_groups("weekof", start, end)
        which = g["which"].lower()
        if g["y"]:
            span = D.week_of(which, *D.year_span(int(g["y"])))
        elif g["m"] and g["y2"]:
            span = D.week_of(which, *D.month_span(int(g["y2"]), D.month_value(g["m"])))
        elif g["m"]:
            month = D.month_value(g["m"])
            span = self.resolve(lambda ref: D.week_of(which, *D.month_span(D.closest_year(month, 15, ref), month)))
        else:
            span = self.resolve(lambda ref: D.week_of(which, *D.relative_span(g["what"], ref)[:2]))
        self.emit_date(start, end, span and span[:2], "day", ("relative",) if not (g["y"] or g["y2"]) else ())
        return end

    def on_relative(self, match, start, end):
        lasting = _LAST_SPAN.fullmatch(self.text, start, end)
        if lasting and _LAST_VERB_BEFORE.search(self.left(start, 12)):
            # "the strike was planned to last ten days": how long it goes on, not the ten days before the paper
            count = parse_numeral(lasting.group(1))
            if count is not None and count.end == len(lasting.group(1)):
                self.emit("duration", lasting.start(1), end, float(count.value), float(count.value),
                          unit=lasting.group(2).lower())
                return end
        ahead = _NEXT_SPAN.fullmatch(self.text, start, end)
        if ahead and tense(self.text, start, end, *self.sentences.around(start)) == "past":
            # "over the course of the next eight days, the advisory was updated": days after a told event,
            # not after the paper's day: a duration
            count = parse_numeral(ahead.group(1))
            if count is not None and count.end == len(ahead.group(1)):
                self.emit("duration", ahead.start(1), end, float(count.value), float(count.value),
                          unit=ahead.group(2).lower())
                return end
        span = self.resolve(lambda ref: D.relative_span(self.text[start:end], ref))
        precision = span[2] if span else None
        if precision == "quarter" or precision == "week":
            precision = "day" if span[0] == span[1] else precision
        self.emit_date(start, end, span, precision if precision in ("month", "season", "year", "decade") else "day",
                       ("relative",))
        return end

    def on_reldigit(self, match, start, end):
        return self.on_relative(match, start, end)

    def on_partdigit(self, match, start, end):
        return self.on_part(match, start, end)

    def on_weekday(self, match, start, end):
        if weekday_in_name(self.text, start):
            return end                # "Patch Tuesday", "Black Friday" (names.py)
        word = self.text[start:end]
        # The tense of its clause says which way: "the vote is set for Sunday" in a Tuesday paper is the
        # coming Sunday, "he died on Monday" the last one, and so is a timetable's present ("the club open their
        # season on Saturday": the coming one); with no tense, the nearest not after the paper.
        when = weekday_tense(self.text, start, end, *self.sentences.around(start)) if self.ref else None
        span = self.resolve(lambda ref: D.weekday_span(word, ref, ahead=when == "future"))
        self.emit_date(start, end, span, "day", ("relative",))
        return end

    def on_month(self, match, start, end):
        month = D.month_value(self.text[start:end])
        # the occurrence its clause's tense points to ("will be held in March" in a July paper is next March;
        # "the scanner broke down in June" this June), else the nearest
        when = None
        if self.ref:
            sentence = self.sentences.around(start)
            when = clause_tense(self.text, start, end, *sentence, self.clauses.bounds(start, end, *sentence))
        span = self.resolve(lambda ref: (*occurrence(lambda year: D.month_span(year, month), ref, when), "month")
                            if when else D.month_span(D.closest_year(month, 15, ref), month) + ("month",))
        self.emit_date(start, end, span, "month", ("relative",))
        return end
