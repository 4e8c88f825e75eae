"""Public holidays as data: checker/mentions/holidays.yaml read once, the patterns that find the names, and
the day each falls on in a given year. Read by checker.mentions.deictic_dates."""
from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

from checker.mentions import dates as D


def _table() -> list[dict]:
    import yaml

    with open(Path(__file__).with_name("holidays.yaml"), encoding="utf-8") as handle:
        return yaml.safe_load(handle)["holidays"]


HOLIDAYS = _table()
BY_NAME = {name: entry for entry in HOLIDAYS for name in entry["names"]}


def name_pattern(name: str) -> str:
    words = [re.escape(word).replace("['’]", "'").replace("'", "['’]?") for word in name.split()]
    return r"\s+".join(word.replace(r"\.", r"\.?") for word in words)


FULL_NAME = re.compile("|".join(name_pattern(n) for n in sorted(BY_NAME, key=len, reverse=True)) + r"\b", re.I)


def _first_words_by_letter(names) -> str:
    """The names' first words as a one-level trie ("c(?:hristmas)|x(?:mas)|..."): in the master regex a word
    that begins no holiday fails on its first letter, so the holiday table costs the scan almost nothing."""
    firsts = sorted({re.split(r"['’. ]", name)[0] for name in names}, key=len, reverse=True)
    by_letter: dict[str, list[str]] = {}
    for word in firsts:
        by_letter.setdefault(word[0], []).append(re.escape(word[1:]))
    return "|".join(f"{letter}(?:{'|'.join(rests)})" for letter, rests in by_letter.items())


HEAD = _first_words_by_letter(BY_NAME)


def day_of(entry: dict, year: int) -> date:
    """The day a holiday falls on in `year`."""
    if "date" in entry:
        month, day = (int(part) for part in entry["date"].split("-"))
        return date(year, month, day)
    if "nth" in entry:
        n, weekday, month = entry["nth"]
        low, high = D.month_span(year, int(month))
        which = "last" if n == -1 else {1: "first", 2: "second", 3: "third", 4: "fourth"}[n]
        return D.nth_weekday(which, D.WEEKDAYS[weekday], low, high)[0]
    from dateutil.easter import easter

    return easter(year) + timedelta(days=int(entry["easter"]))


# The first word of each name, with what must follow it, for the scanner's cheap look-ahead (None: anything).
FOLLOWERS: dict[str, str | None] = {}
for _name in BY_NAME:
    _head, _, _rest = _name.partition(" ")
    _first = re.split(r"['’.]", _head)[0]
    if not _rest or FOLLOWERS.get(_first, "") is None:
        FOLLOWERS[_first] = None      # a one-word name ("Christmas"): the word alone may begin it
    else:
        _tail = r"(?:['’]?s?\.?)" + name_pattern(_name)[len(name_pattern(_head)):]
        FOLLOWERS[_first] = f"{FOLLOWERS[_first]}|{_tail}" if FOLLOWERS.get(_first) else _tail
