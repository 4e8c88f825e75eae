"""Expected values and the scoring of one spec line; the rules are written out in conformance.py."""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path



NUMBER_WORD = r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|forty|fifty)"
STATED_RANGE = re.compile(NUMBER_WORD + r"(?:\s+to|\s+[-–])\s*$", re.IGNORECASE)
# A comparative before the value: checker states "more than 500" as the open interval [500, None].
COMPARATIVE = re.compile(r"(?:more than|greater than|over|above|at least|exceeding|less than|fewer than|"
                         r"under|below|up to|at most|nearly|almost)\s*$", re.IGNORECASE)
DURING = re.compile(r"^\s*(?:days?|weeks?|months?|years?)\b", re.IGNORECASE)  # "over 3 years" = during


def _number_text(pattern: str):
    """A positive number line whose input matches pattern (date lines have a reference key)."""
    return lambda row: ("reference" not in row and row["type"] is not None
                        and re.search(pattern, row["input"]) is not None)


# (name, reason, predicate on a line). Keep this short: only deliberate product choices.
SET_APART = [
    ("dotted identifier", "IP addresses and dotted identifiers are not counts; checker reports no number",
     _number_text(r"^\d+\.\d+\.\d+\.\d+$")),
    ("phone number", "phone numbers are identifiers, not values a fact can state",
     _number_text(r"\+\d-\d{3}-\d{4}/\d{4}")),
    ("code identifier", "'SCP-173' is a name (the specs' own negatives say the same of 'scp-173m')",
     _number_text(r"^SCP-\d+$")),
    ("date parts", "the digits of a written date are one date, not three numbers",
     _number_text(r"\b\d{1,2}/\d{1,2}/\d{4}\b")),
    ("unit without number", "a bare unit name ('fahrenheit', 'metric ton') states no value",
     lambda row: "reference" not in row and row["type"] is not None and row.get("value") is None),
    ("clock time", "'2 pm' in prose is a time of day, never picometres",
     lambda row: row.get("unit") == "Picometer" and row["text"].lower() == "2 pm"),
    ("stated range", "'eight to 10 feet' is one interval [8, 10] for checker; the spec scores only its "
     "last number", lambda row: "reference" not in row and row["type"] is not None
     and STATED_RANGE.search(row["input"][:row["start"]]) is not None),
    ("impossible day", "the day does not exist (Feb 30, Nov 31); the spec resolves it to 0001-01-01 "
     "or 'not resolved', a value no date mention can state", lambda row: _impossible_day(row)),
    ("bound at a named day", "'after May 3' starts on May 4 and 'until / no later than / as late as May 3' "
     "ends on May 3 for checker, as a reader takes them; the spec starts 'after' on May 3 and ends the others "
     "on May 2", lambda row: _named_day_bound(row)),
    ("decimal, not a day", "'on 4.22' / 'in 4.22' stay numbers: in news a point number is a rate or a time "
     "('agreed on 4.25', 'finished in 4.22'); checker reads a month and day without a year only with a slash "
     "or a dash ('on 4/22', 'on 4-22')", lambda row: "reference" in row
     and re.fullmatch(r"\d{1,2}\.\d{1,2}", row.get("text") or "") is not None),
    # deictic_dates.py (relative dates): the reasons are in that module's docstring
    ("day beside an event", "'the next day', 'the day before', 'the day after', 'the last day' name a day next "
     "to a narrated event or the final day of something, not the day after / before the publication date; "
     "checker reports no date for them", lambda row: "reference" in row
     and (row.get("text") or "").lower() in _DAY_BESIDE),
    ("period of another anchor", "'the year before independence' is a year counted from another event, not the "
     "publication year; checker reports no date", lambda row: "reference" in row
     and (row.get("text") or "").lower() in ("the year", "the month", "the week", "the day")
     and re.match(r"\s+(?:before|after)\b", row["input"][row["end"]:], re.I) is not None),
    ("years from the reference", "'two years ago' / 'will ... in two years' state a year, not a day: checker "
     "gives that calendar year (as for 'two decades ago'); the spec the same day N years away",
     lambda row: "reference" in row and _years_away(row)),
    ("holiday of many days", "'Freedom Day' and 'Jubilee Day' are different days in different countries "
     "(South Africa's Freedom Day is 27 April); checker reads only holiday names with one meaning",
     lambda row: "reference" in row and (row.get("text") or "").lower() in ("freedom day", "jubilee day")),
    ("part of the current period", "'later this year' said in May runs from the published day to the year's end, "
     "and 'earlier this month' from the month's first day to the published day: a reader has no reason to leave "
     "out the days between (a narrower interval would conflict with 'in June'); the spec takes the later or "
     "earlier half", lambda row: "reference" in row and _current_half(row)),
    ("day number alone", "'on 15' without 'the' or '-th' is not read as a day: in news it is a count said short "
     "('convicted on 3 counts and cleared on 2') far more often than a date", lambda row: "reference" in row
     and re.fullmatch(r"\d{1,2}", row.get("text") or "") is not None
     and re.search(r"\bon\s+$", row["input"][:row["start"]], re.I) is not None),
    ("last month name", "'last September' is the most recent September before the publication date (September "
     "2016 in a November 2016 article); the spec always takes the previous year's", lambda row: "reference" in row
     and re.fullmatch(r"last (?:jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?", (row.get("text") or "").lower())
     is not None),
]
_DAY_BESIDE = {"the next day", "next day", "the day before", "the day after", "the following day", "last day",
               "the last day"}


def _years_away(row: dict) -> bool:
    text = (row.get("text") or "").lower()
    if re.fullmatch(r"(?:\w+|\d+) years? ago", text):
        return True
    return re.fullmatch(r"in (?:\w+|\d+) years?", text) is not None and re.search(
        r"\b(?:will|shall)\b|'ll\b", row["input"], re.I) is not None


def _current_half(row: dict) -> bool:
    """ "later this week" / "earlier in the month" whose spec interval is not the part before or after the reference."""
    if not re.fullmatch(r"(?:earlier|later)\s+(?:in\s+)?(?:this|the)\s+(?:week|month|year)", (row.get("text") or "").lower()):
        return False
    reference = row["reference"][:10]
    value = row["value"]
    entries = value if isinstance(value, list) else [value.get("future") or {}]
    starts = {(entry.get("start") or entry.get("startDate") or "")[:10] for entry in entries}
    ends = {day for entry in entries if entry.get("end") or entry.get("endDate")
            for day in ((entry.get("end") or entry.get("endDate"))[:10], _day(entry.get("end") or entry.get("endDate"), -1))}
    if row["text"].lower().startswith("later"):
        return reference not in starts
    return reference not in ends


_BOUND_CUE = {"after": re.compile(r"after\s"), "before": re.compile(r"(?:until|till|no later than|as late as|up to)\s"),
              "until": re.compile(r"(?:until|till|no later than|as late as|up to)\s")}


def _named_day_bound(row: dict) -> bool:
    """A date line whose open range is bounded by one day, named with a cue whose day checker counts the other way."""
    if "reference" not in row or not isinstance(row.get("value"), list):
        return False
    text = (row.get("text") or "").lower()
    return any(entry.get("sourceEntity") == "datetimepoint" and entry.get("Mod") in _BOUND_CUE
               and re.fullmatch(r"(?:\d{4}|XXXX)-\d\d-\d\d", entry.get("timex", ""))
               and _BOUND_CUE[entry["Mod"]].match(text) for entry in row["value"])


def _impossible_day(row: dict) -> bool:
    text = json.dumps(row.get("value"))
    return "0001-01-01" in text or ("not resolved" in text and not re.search(r'"timex": "(\d{4}-)?(SP|SU|FA|WI)"', text))


NEGATIVE_FAMILY = {  # spec model -> (checker kinds, quantulum3 family)
    "NumberModel": ({"number", "count", "ordinal"}, "number"),
    "PercentModel": ({"percent"}, "percent"),
    "CurrencyModel": ({"money"}, "currency"),
    "DimensionModel": ({"quantity"}, "physical"),
    "TemperatureModel": ({"quantity"}, "physical"),
    "AgeModel": ({"quantity", "duration"}, "physical"),
}


@dataclass
class Found:
    start: int
    end: int
    low: object
    high: object
    kind: str  # checker kind; quantulum3 family; "date" for dateparser
    text: str = ""
    unit: object = None
    qualifier: str = "exact"


# ---------------------------------------------------------------- expected values

def _day(iso: str, shift: int = 0) -> str:
    return (dt.date.fromisoformat(iso[:10]) + dt.timedelta(days=shift)).isoformat()


MONTH_SPAN = re.compile(r"\b(?:to|till|until|through|thru)\b|[a-z]\s*[-–]\s*[a-z]", re.IGNORECASE)


def _month_end(iso: str) -> str:
    first = dt.date.fromisoformat(iso[:10]).replace(day=1)
    return _day((first + dt.timedelta(days=32)).replace(day=1).isoformat(), -1)


SEASONS = {"SP": ("03-01", "05-31"), "SU": ("06-01", "08-31"), "FA": ("09-01", "11-30"), "WI": ("12-01", "02-28")}


def _season_readings(timex: str, reference: str | None) -> list[tuple]:
    match = re.fullmatch(r"(?:(\d{4})-)?(SP|SU|FA|WI)", timex)
    if not match:
        return []
    ref_year = int((reference or "2000")[:4])
    years = [int(match.group(1))] if match.group(1) else [ref_year - 1, ref_year, ref_year + 1]
    first, last = SEASONS[match.group(2)]
    readings = []
    for year in years:
        end_year = year + 1 if match.group(2) == "WI" else year
        end = f"{end_year}-{last}"
        if match.group(2) == "WI":  # last day of February
            end = _day(f"{end_year}-03-01", -1)
        readings.append((f"{year}-{first}", {end}))
    return readings


def date_readings(row: dict) -> list[tuple]:
    """Expected readings of a date line: [(low, {accepted highs})]; low/high ISO or None."""
    reference = row["reference"][:10] if row.get("reference") else None
    value = row["value"]
    entries = []
    if isinstance(value, list):
        entries = [(e.get("timex", ""), e.get("value"), e.get("start"), e.get("end"), e["type"]) for e in value]
    else:
        for side in ("future", "past"):
            res = value.get(side) or {}
            if "date" in res:
                entries.append((value["timex"], res["date"], None, None, "date"))
            elif res:
                entries.append((value["timex"], None, res.get("startDate"), res.get("endDate"), "daterange"))
        if not entries:
            return _season_readings(value.get("timex", ""), reference)
    readings = []
    for timex, single, start, end, kind in entries:
        if single == "not resolved":  # seasons: the spec gives the timex only
            readings += _season_readings(timex, reference)
            continue
        if kind == "date":
            readings.append((single[:10], {single[:10]}))
            continue
        low = start[:10] if start else None
        if end is None:
            highs = {None, reference}
        else:
            highs = {_day(end, -1)}
            if re.search(r",P\d+D\)$", timex) or end[:10] == reference:
                highs.add(end[:10])
            if re.search(r",P\d+M\)$", timex) and MONTH_SPAN.search(row["text"]):
                highs.add(_month_end(end))  # "April to June": the spec stops at June 1
        readings.append((low, highs))
    return readings


def _close(a, b) -> bool:
    try:
        a, b = float(a), float(b)
    except (TypeError, ValueError):
        return False
    return abs(a - b) <= 1e-6 * max(abs(a), abs(b), 1e-12)


def expected_number(row: dict):
    if "value_num" in row:
        return row["value_num"]
    text = str(row["value"]).rstrip("%")
    return float(text)


def _overlaps(found: Found, row: dict) -> bool:
    return found.start < row["end"] and row["start"] < found.end


# ---------------------------------------------------------------- scoring one line

def score(tool: str, row: dict, found: list[Found], is_date: bool) -> bool:
    if row.get("negative"):
        return not any(_in_negative_family(tool, row, f, is_date) for f in found)
    near = [f for f in found if _overlaps(f, row)]
    if not is_date:
        want = expected_number(row)
        if any(f.kind != "date" and _close(f.low, want) and _close(f.high, want) for f in near):
            return True
        return _comparative(row) and any(
            f.kind != "date" and ((_close(f.low, want) and f.high is None) or (f.low is None and _close(f.high, want)))
            for f in near)
    readings = date_readings(row)
    if tool == "dateparser":
        return any(f.low is not None and f.low == low for f in near for low, _ in readings
                   if low is not None)
    if any(f.kind == "date" and f.low == low and f.high in highs for f in near for low, highs in readings):
        return True
    return any(_anchored(f, low, highs) for f in near for low, highs in readings)


def _anchored(found: Found, low, highs: set) -> bool:
    """An open range stated as its anchor period plus a direction ("before 2015" = 2015, less_than)."""
    if found.kind != "date" or found.low is None or found.high is None:
        return False
    if low is not None and None in highs:  # after / since: the range starts at `low`
        return found.qualifier in ("more_than", "at_least") and low in (found.low, _day(found.high, 1))
    if low is None and len(highs) == 1 and None not in highs:  # before / until: the range ends at high
        (high,) = highs
        return found.qualifier in ("less_than", "at_most") and high in (found.high, _day(found.low, -1))
    return False


def _comparative(row: dict) -> bool:
    before, after = row["input"][:row["start"]], row["input"][row["end"]:]
    match = COMPARATIVE.search(before)
    return bool(match) and not (match.group(0).lower().startswith("over") and DURING.search(after))


def _in_negative_family(tool: str, row: dict, found: Found, is_date: bool) -> bool:
    if is_date:
        return found.kind == "date"
    model = Path(row["source"]).stem
    kinds, family = NEGATIVE_FAMILY.get(model, (None, None))
    if kinds is None:
        return found.kind != "date"
    return found.kind in (kinds if tool == "checker" else {family})


def category(row: dict, is_date: bool) -> str:
    if row.get("negative"):
        return "negative (dates)" if is_date else "negative (numbers)"
    kind = row["type"]
    return "dimension" if kind.startswith("dimension/") else kind
