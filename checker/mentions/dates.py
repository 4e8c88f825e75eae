"""Calendar arithmetic and the date patterns: absolute dates at day, month, season, year and decade
precision, and relative dates resolved against the published date.

Every date is an interval of days [first, last]. A reference date known only to the month or year
widens a relative date accordingly (resolve against the first and the last possible day).

| wording                         | interval                                   |
| ------------------------------- | ------------------------------------------ |
| early YEAR / mid YEAR / late YEAR | Jan-Apr / May-Aug / Sep-Dec                |
| early 1990s / mid / late        | 1990-1993 / 1994-1996 / 1997-1999           |
| spring/summer/autumn/winter Y   | Mar-May / Jun-Aug / Sep-Nov / Dec Y - Feb Y+1 |
| first/second half of Y          | Jan-Jun / Jul-Dec                          |
| Q1..Q4, first..fourth quarter   | the three months                           |
| N years/decades ago             | the year (N*10 for decades) before the reference year |
| a month with no year            | the year that puts it closest to the reference |
| a weekday with no qualifier     | the nearest such day not after the reference |
"""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

MONTHS = {}
for _i, _name in enumerate(calendar.month_name):
    if _i:
        MONTHS[_name.lower()] = _i
        MONTHS[_name.lower()[:3]] = _i
MONTHS["sept"] = 9
WEEKDAYS = {}
for _i, _name in enumerate(calendar.day_name):
    WEEKDAYS[_name.lower()] = _i
    WEEKDAYS[_name.lower()[:3]] = _i
WEEKDAYS.update({"tues": 1, "thur": 3, "thurs": 3})
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 14)}

MON = (r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
       r"(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b\.?)(?!\w)")
WD = r"(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)\b\.?"
WD_FULL = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
YEAR = r"(?:1[0-9]\d\d|20\d\d)(?!\d)"
DAY_ORD_WORDS = (r"(?:(?:twenty|thirty)[\s-]?)?(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|tenth|"
                 r"eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|"
                 r"twentieth|thirtieth")
# A day in digits is never followed by a comma and three digits: "December 31,600 patients" is a month, then
# the number 31,600 (a thousands group), not the 31st; "December 31,2020" still reads the year.
THOUSANDS_AFTER = r"(?!,\d{3}(?!\d))"
DAY = rf"(?:(?:[12]\d|3[01]|0?[1-9]){THOUSANDS_AFTER}(?:st|nd|rd|th)?\b|(?:{DAY_ORD_WORDS})\b)"
COUNT_WORDS = r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|few|couple\s+of)"
UNIT_WORDS = r"(?:days?|weeks?|months?|years?|decades?|centuries|century|fortnights?)"

# Named date forms, tried in this order at each position. Group names here are re-read by DATE_FORMS.
DATE_FORMS = {
    # (not inside a reference of one capital: "notice R-2025-117" is no November 2025; "sales_report-2002-10-09"
    # still holds a date)
    "iso": rf"(?<![\W_][A-Z][-/])(?<!^[A-Z][-/])(?P<y>{YEAR})[ \t]?[-/.][ \t]?(?P<m>1[0-2]|0?[1-9]|{MON})(?:[ \t]?[-/.][ \t]?(?P<d>3[01]|[12]\d|0?[1-9]))?(?!\d|[.]\d)",
    "numeric": rf"(?P<a>\d{{1,2}})[/.-](?P<b>\d{{1,2}})[/.-](?P<y>{YEAR}|\d\d)(?![\d/])",
    "dmy": rf"(?:(?P<wd>{WD}),?\s+)?(?:the\s+)?(?P<d>{DAY})(?:\s+day)?(?:\s+of)?[\s/-]*(?P<m>{MON})(?:,?[\s/-]*(?:of\s+|in\s+)?(?P<y>{YEAR}))?",
    "mdy": rf"(?:(?P<wd>{WD}),?\s+)?(?P<m>{MON})[\s/-]*(?:the\s+)?(?P<d>{DAY})(?!\s*(?:{UNIT_WORDS}|%|percent|per))(?:(?:\s*,\s*|\s+|\s*of\s+|/)(?P<y>{YEAR}))?",
    "slashdate": r"(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)(?![\d/]|[.,]\d)",
    "monthrange": rf"(?P<m1>{MON})\s*(?:-|–|to|through|thru|until|till)\s*(?P<m2>{MON})[\s,]*(?:of\s+|in\s+)?(?P<y>{YEAR})",
    "ym": rf"(?P<y>{YEAR})\s*,?\s+(?P<m>(?-i:May)|(?!may\b|mar\b){MON})(?!\s*(?:\d|the\b))",
    "wordyear": r"(?P<c>nineteen|twenty)[\s-]+(?P<r>(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
                r"(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|"
                r"fifteen|sixteen|seventeen|eighteen|nineteen)\b(?![\s-]+(?:hundred|thousand|million|percent|per))",
    "nthwd": rf"(?:the\s+)?(?P<n>first|second|third|fourth|1st|2nd|3rd|4th|last(?=\s+{WD_FULL}\s+(?:of|in)\s))\s+(?P<wd>{WD_FULL})"
             rf"(?:\s+(?:of|in)\s+(?P<what>(?:the\s+)?(?:this|next|last|previous)\s+month|(?P<m>{MON})(?:\s+(?P<y>{YEAR}))?))?",
    "my": rf"(?P<m>{MON})[\s,./-]*(?:of\s+|in\s+)?(?P<y>{YEAR})",
    "monthyear": rf"(?P<m>1[0-2]|0?[1-9])\s?[/-]\s?(?P<y>{YEAR})",
    "decade": r"(?:(?P<part>early|mid|late)[\s-]+|the\s+(?:(?P<part2>early|mid|late)[\s-]+)?)(?P<dec>1[0-9]\d0|20\d0|'\d0|\d0)\s?'?s\b"
              r"|(?P<dec2>1[0-9]\d0|20\d0)\s?'?s\b",
    "part": rf"(?P<part>early|mid|late|the\s+(?:end|start|beginning|middle)\s+of|(?:the\s+)?(?:end|start|beginning)\s+of|"
            rf"(?:the\s+)?(?:first|second)\s+half\s+of|(?:the\s+)?(?:first|second|third|fourth|last|1st|2nd|3rd|4th)\s+quarter\s+of|"
            rf"q[1-4]|h[12]|(?:early\s+|late\s+|the\s+)?(?:spring|summer|autumn|fall|winter)(?:\s+of)?)[\s-]*(?P<y>{YEAR})",
    "yearpart": rf"(?P<y>{YEAR})[\s,-]*(?:the\s+)?(?P<part>q[1-4]|h[12]|(?:first|second|third|fourth)\s+quarter)\b",
    "wdday": rf"(?P<wd>{WD})\s+(?:the\s+)?(?P<d>(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)\b|(?:{DAY_ORD_WORDS})\b)"
             rf"(?!\s*(?:of\b|{MON}|century|centuries))",
    "weekof": rf"(?:the\s+)?(?P<which>first|1st|second|2nd|third|3rd|fourth|4th|last)\s+week\s+of\s+"
              rf"(?P<what>(?:the\s+)?(?:this|next|last|previous|coming)\s+month|(?P<m>{MON})(?:\s+(?P<y2>{YEAR}))?|(?P<y>{YEAR}))",
    "relative": rf"(?P<rel>the\s+day\s+(?:before\s+yesterday|after\s+tomorrow)|yesterday|today|tomorrow|tonight|"
                rf"(?:earlier|later)\s+this\s+(?:week|month|year)|"
                rf"(?:next|last|this)\s+week\s+(?:on\s+)?{WD_FULL}|"
                rf"{WD_FULL}\s+of\s+(?:the\s+)?(?:next|last|this|previous|following)\s+week|"
                rf"(?:the\s+)?(?:rest|remaining|remainder)\s+of\s+(?:the\s+|this\s+|my\s+)?(?:week|month|year)\b|"
                rf"q[1-4](?!\s*[-/]?\s*(?:\d|'))|week\s+(?:[1-4]\d|5[0-3]|0?[1-9])\b(?!\s*(?:of|in|%))|"
                rf"(?:the\s+)?(?:last|next|this|past|previous|coming|current|following|same)\s+"
                rf"(?:week(?:end)?|month|year|decade|quarter|{WD_FULL}|(?!may\b){MON}|spring|summer|autumn|fall|winter)"
                rf"(?![a-z])|"   # "in the coming weeks" is no one coming week
                rf"(?:next|last|this)\s+week\s+{WD_FULL}|{WD_FULL}\s+(?:next|last|this)\s+week|"
                rf"(?:an?|one)\s+(?:day|week|month|year|decade|century)\s+ago|"
                rf"(?:{COUNT_WORDS}|\d{{1,2}}|an?|one)\s+(?:days?|weeks?)\s+(?:after|from|before)\s+(?:today|tomorrow|yesterday)|"
                rf"(?:the\s+)?(?:next|past|last|previous|coming|following)\s+(?:{COUNT_WORDS}|\d{{1,3}})\s*"
                rf"(?:days?|weeks?|months?|years?)\b|"
                rf"(?:(?:the\s+)?(?:end|start|beginning|middle)\s+of\s+(?:the\s+)?|early\s+|late\s+|mid-?)"
                rf"(?:(?:this|next|last|current|coming|previous|past)\s+)?(?:week|month|year)\b)",
    "weekday": rf"(?P<wd>{WD_FULL})",
    "month": r"(?P<m>january|february|(?-i:March)|april|(?-i:May)|june|july|august|september|october|november|december)\b",
}


def month_last(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def month_span(year: int, month: int) -> tuple[date, date]:
    while month > 12:
        month, year = month - 12, year + 1
    while month < 1:
        month, year = month + 12, year - 1
    return date(year, month, 1), month_last(year, month)


def year_span(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def reference_span(published: str | None) -> tuple[date, date] | None:
    """The first and last day the published date can be, or None."""
    if not published:
        return None
    match = re.match(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", str(published).strip())
    if not match:
        return None
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        if day:
            return date(year, month, day), date(year, month, day)
        if month:
            return month_span(year, month)
        return year_span(year)
    except ValueError:
        return None


def month_value(token: str) -> int | None:
    token = token.lower().rstrip(".")
    if token.isdigit():
        return int(token)
    return MONTHS.get(token) or MONTHS.get(token[:3])


def closest_year(month: int, day: int, ref: date) -> int:
    """A date without a year: the year that puts it nearest the reference."""
    best = None
    if (month, day) == (2, 29):           # a leap day: the nearest year that has one
        return min((y for y in range(ref.year - 4, ref.year + 5) if calendar.isleap(y)),
                   key=lambda y: abs((date(y, 2, 29) - ref).days))
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            distance = abs((date(year, month, min(day, calendar.monthrange(year, month)[1])) - ref).days)
        except ValueError:
            continue
        if best is None or distance < best[0]:
            best = (distance, year)
    return best[1]


def part_of_year(part: str, year: int) -> tuple[date, date]:
    part = re.sub(r"\s+", " ", part.lower()).removeprefix("the ").removesuffix(" of").strip()
    for season, (first, last) in SEASONS.items():
        if part.endswith(season):
            low, high = month_span(year, first)[0], month_span(year, last)[1]
            if part.startswith("early"):
                high = month_span(year, first)[1]
            elif part.startswith("late"):
                low = month_span(year, last)[0]
            return low, high
    quarter = {"q1": 1, "q2": 2, "q3": 3, "q4": 4, "first quarter": 1, "second quarter": 2, "third quarter": 3,
               "1st quarter": 1, "2nd quarter": 2, "3rd quarter": 3, "4th quarter": 4,
               "fourth quarter": 4, "last quarter": 4}.get(part)
    if quarter:
        return month_span(year, quarter * 3 - 2)[0], month_span(year, quarter * 3)[1]
    if part in ("h1", "first half"):
        return date(year, 1, 1), date(year, 6, 30)
    if part in ("h2", "second half"):
        return date(year, 7, 1), date(year, 12, 31)
    if part.startswith("early") or part in ("start of", "beginning of"):
        return date(year, 1, 1), date(year, 4, 30)
    if part.startswith("mid") or part == "middle of":
        return date(year, 5, 1), date(year, 8, 31)
    return date(year, 9, 1), date(year, 12, 31)   # late, end of


def decade_span(decade: int, part: str | None) -> tuple[date, date]:
    if part == "early":
        return date(decade, 1, 1), date(decade + 3, 12, 31)
    if part == "mid":
        return date(decade + 4, 1, 1), date(decade + 6, 12, 31)
    if part == "late":
        return date(decade + 7, 1, 1), date(decade + 9, 12, 31)
    return date(decade, 1, 1), date(decade + 9, 12, 31)


def week_span(day: date, offset_weeks: int = 0) -> tuple[date, date]:
    monday = day - timedelta(days=day.weekday()) + timedelta(weeks=offset_weeks)
    return monday, monday + timedelta(days=6)


def shift(day: date, amount: int, unit: str) -> tuple[date, date, str]:
    """The period `amount` units away from `day` (negative = before), at that unit's precision."""
    if unit == "day":
        target = day + timedelta(days=amount)
        return target, target, "day"
    if unit == "week":
        low, high = week_span(day, amount)
        return low, high, "week"
    if unit == "fortnight":
        return shift(day, amount * 2, "week")
    if unit == "month":
        low, high = month_span(day.year, day.month + amount)
        return low, high, "month"
    if unit == "decade":
        amount, unit = amount * 10, "year"
    if unit == "century":
        amount, unit = amount * 100, "year"
    low, high = year_span(day.year + amount)
    return low, high, "year"


COUNTS = {word: i for i, word in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}


def half_of(low: date, high: date, part: str, unit: str) -> tuple[date, date, str]:
    """Early/start = the first half of a period, late/end = the second (Mon-Wed / Thu-Sun of a week)."""
    if unit == "week":
        middle = low + timedelta(days=3)
    elif unit == "month":
        middle = low.replace(day=16)
    else:
        middle = low.replace(month=7, day=1)
    if part in ("end", "late"):
        return middle, high, "day"
    if part in ("middle", "mid"):
        quarter = (high - low) // 4
        return low + quarter, high - quarter, "day"
    return low, middle - timedelta(days=1), "day"


def nearest_day_of_month(day: int, ref: date, weekday: int | None = None) -> date:
    """ "Tue 13th": that day of the month nearest the reference that falls on that weekday (else the nearest)."""
    for offset in (0, -1, 1, -2, 2, -3, 3, -4, 4, -5, 5, -6, 6, -7, 7, -8, 8, -9, 9, -10, 10, -11, 11):
        first = month_span(ref.year, ref.month + offset)[0]
        if weekday is not None and day <= calendar.monthrange(first.year, first.month)[1] and \
                first.replace(day=day).weekday() == weekday:
            return first.replace(day=day)
    best = None
    for offset in (-1, 0, 1):
        first = month_span(ref.year, ref.month + offset)[0]
        if day <= calendar.monthrange(first.year, first.month)[1]:
            candidate = first.replace(day=day)
            if best is None or abs((candidate - ref).days) < abs((best - ref).days):
                best = candidate
    return best


def week_of(which: str, low: date, high: date) -> tuple[date, date, str]:
    """ "the first week of 2015" (the ISO week holding its first Thursday), "the last week of July"."""
    if which == "last":
        monday = high - timedelta(days=high.weekday())
        if (high - monday).days < 3:
            monday -= timedelta(weeks=1)
    else:
        index = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "fourth": 3, "4th": 3}[which]
        monday = low - timedelta(days=low.weekday())
        if (low - monday).days > 3:
            monday += timedelta(weeks=1)
        monday += timedelta(weeks=index)
    return monday, monday + timedelta(days=6), "week"


def nth_weekday(which: str, weekday: int, low: date, high: date) -> tuple[date, date, str]:
    """ "the second Monday of May": counted from the month's first day; "last" from its end."""
    if which == "last":
        target = high - timedelta(days=(high.weekday() - weekday) % 7)
    else:
        index = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "fourth": 3, "4th": 3}[which]
        target = low + timedelta(days=(weekday - low.weekday()) % 7 + 7 * index)
    return target, target, "day"


def same_day_shift(day: date, amount: int, unit: str) -> date:
    """The same calendar day `amount` units away (the month's last day when it has fewer days)."""
    if unit == "day":
        return day + timedelta(days=amount)
    if unit in ("week", "fortnight"):
        return day + timedelta(weeks=amount * (2 if unit == "fortnight" else 1))
    months = amount * {"month": 1, "year": 12, "decade": 120, "century": 1200}[unit]
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def relative_span(phrase: str, ref: date) -> tuple[date, date, str] | None:
    """Resolve a relative phrase ("last month", "the day after tomorrow", "next week Friday") at `ref`."""
    phrase = re.sub(r"\s+", " ", phrase.lower()).strip()
    fixed = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
             "the day after tomorrow": 2}
    if phrase in fixed:
        return shift(ref, fixed[phrase], "day")
    match = re.fullmatch(r"(\S+|couple of) (day|week)s? (after|from|before) (today|tomorrow|yesterday)", phrase)
    if match:
        amount = {"a": 1, "an": 1, "couple of": 2}.get(match.group(1)) or COUNTS.get(match.group(1)) or int(match.group(1))
        base = ref + timedelta(days=fixed[match.group(4)])
        target = base + timedelta(days=amount * (7 if match.group(2) == "week" else 1) * (-1 if match.group(3) == "before" else 1))
        return target, target, "day"
    match = re.fullmatch(r"(?:an?|one) (day|week|month|year|decade|century) ago", phrase)
    if match and match.group(1) in ("day", "week", "month"):
        target = same_day_shift(ref, -1, match.group(1))       # "a month ago": that day
        return target, target, "day"
    if match:
        return shift(ref, -1, match.group(1))
    phrase = re.sub(r"^(?:next|last|this) week on ", lambda m: m.group(0)[:-3], phrase)
    match = re.fullmatch(r"(\w+) of (?:the )?(next|last|this|previous|following) week", phrase)
    if match and match.group(1) in WEEKDAYS:
        which = {"previous": "last", "following": "next"}.get(match.group(2), match.group(2))
        phrase = f"{which} week {match.group(1)}"
    match = re.fullmatch(r"(?:the )?(?:rest|remaining|remainder) of (?:the |this |my )?(week|month|year)", phrase)
    if match:
        return ref, shift(ref, 0, match.group(1))[1], "day"
    match = re.fullmatch(r"q([1-4])", phrase)
    if match:
        return (*part_of_year(phrase, ref.year), "quarter")
    match = re.fullmatch(r"week (\d+)", phrase)
    if match:
        monday = date.fromisocalendar(ref.year, int(match.group(1)), 1)
        return monday, monday + timedelta(days=6), "week"
    match = re.fullmatch(r"(?:(next|last|this) week (\w+)|(\w+) (next|last|this) week)", phrase)
    if match and (match.group(2) or match.group(3)) in WEEKDAYS:
        which = match.group(1) or match.group(4)
        weekday = WEEKDAYS[(match.group(2) or match.group(3))]
        monday = week_span(ref, {"next": 1, "last": -1, "this": 0}[which])[0]
        target = monday + timedelta(days=weekday)
        return target, target, "day"
    match = re.fullmatch(r"(?:the )?(next|past|last|previous|coming|following) (\d+|[a-z]+|couple of) ?(day|week|month|year)s?",
                         phrase)
    if match and not (match.group(2).isdigit() or match.group(2) in COUNTS or match.group(2) in ("few", "couple of")):
        match = None
    if match:
        amount = {"couple of": 2, "few": 3}.get(match.group(2)) or COUNTS.get(match.group(2)) or int(match.group(2))
        if amount < 1:
            return None     # "the next 0 years" names no period (it ended before it began: fuzz.py)
        if match.group(1) in ("next", "coming", "following"):
            return ref + timedelta(days=1), same_day_shift(ref, amount, match.group(3)), "day"
        return same_day_shift(ref, -amount, match.group(3)), ref, "day"
    match = re.fullmatch(r"(?:(?:the )?(end|start|beginning|middle) of (?:the )?|(early|late|mid) ?-?)"
                         r"(?:(this|next|last|current|coming|previous|past) )?(week|month|year)", phrase)
    if match:
        part = match.group(1) or match.group(2)
        which = match.group(3) or "this"
        period = relative_span(f"{which} {match.group(4)}", ref) if which != "this" else shift(ref, 0, match.group(4))
        return half_of(period[0], period[1], part, match.group(4))
    match = re.fullmatch(r"(earlier|later) this (week|month|year)", phrase)
    if match:
        low, high, precision = shift(ref, 0, match.group(2))
        return (low, ref, precision) if match.group(1) == "earlier" else (ref, high, precision)
    match = re.fullmatch(r"(?:the )?(last|next|this|past|previous|coming|current|following|same) (\S+)", phrase)
    if not match:
        return None
    which, what = match.groups()
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "following": 1}.get(which, 0)
    if what in ("week", "month", "year", "decade", "quarter", "weekend"):
        if what == "decade":
            start = ref.year // 10 * 10 + 10 * step
            return date(start, 1, 1), date(start + 9, 12, 31), "decade"
        if what == "quarter":
            first = (ref.month - 1) // 3 * 3 + 1 + 3 * step
            low, high = month_span(ref.year, first)[0], month_span(ref.year, first + 2)[1]
            return low, high, "quarter"
        if what == "weekend":
            monday = week_span(ref, step)[0]
            return monday + timedelta(days=5), monday + timedelta(days=6), "day"
        return shift(ref, step, what)
    if what in WEEKDAYS:
        monday = week_span(ref, step)[0]
        target = monday + timedelta(days=WEEKDAYS[what])
        return target, target, "day"
    month = month_value(what)
    if month:
        year = ref.year + step
        if which == "last" and month >= ref.month:
            year = ref.year - 1
        elif which == "last":
            year = ref.year
        if which in ("next", "coming") and month <= ref.month:
            year = ref.year + 1
        elif which in ("next", "coming"):
            year = ref.year
        low, high = month_span(year, month)
        return low, high, "month"
    if what in SEASONS:
        # a winter runs from December into the next year: in January or February "this winter" is the one that
        # began last December, "last winter" the one before it
        base = ref.year - 1 if what == "winter" and ref.month <= 2 else ref.year
        low, high = part_of_year(what, base + step)
        return low, high, "season"
    return None


def weekday_span(name: str, ref: date, ahead: bool = False) -> tuple[date, date, str]:
    """ "on Wednesday": the nearest such day not after the reference (the same day when it is one); `ahead`
    (a clause in the future tense): the nearest not before it."""
    day = WEEKDAYS[name.lower().rstrip(".")]
    if ahead:
        target = ref + timedelta(days=(day - ref.weekday()) % 7)
    else:
        target = ref - timedelta(days=(ref.weekday() - day) % 7)
    return target, target, "day"
