"""What an ordinal word names: a place in a series ("the third installment", "a third-floor room"), a part of
something ("a third of voters"), a name ("5th Fleet", "E. 31st St."), or nothing a reader would count ("a third
party", "first cousin", "a first step", "the first 11", "Third, ...").

| wording                                              | reads as                                   |
| ---------------------------------------------------- | ------------------------------------------ |
| the third installment, his third attack, third place | ordinal 3 (a bare "third" is no fraction)  |
| the third-floor room, an eighth-round decision       | ordinal, the compound in its span          |
| two coworkers killed and a third wounded             | ordinal 3 (the next after a two)           |
| a third of voters, one third, two-thirds             | fraction                                   |
| the third quarter (profit, revenue, sales ...)       | that quarter, the occurrence the tense points to |
| the third quarter, the first half (of a game)        | ordinal; "quarter", "half" nothing         |
| at the half, half-brother, half-built                | nothing                                    |
| third party, first cousin, second-degree, first step | nothing                                    |
| third time's the charm, customers first, the first 11, Third, ... | nothing                       |
| 5th Fleet, 223rd Street, E. 31st St., Fifth Avenue   | nothing (a name)                           |
"""
from __future__ import annotations

import re

from checker.mentions.numbers import ORDINAL_UNITS, UNITS, TENS, SCALES

# Ordinal + noun phrases that name a kind of thing, not a place in a series.
_LEXICAL = re.compile(r"[\s-]+(?:part(?:y|ies)|base(?:m[ae]n)?\b|cousins?|hand(?:ed)?\b|rate\b|degree|lady|ladies|aid\b|"
                      r"responders?|person\b|world|nature|thoughts?|string|mate\b|steps?\b|time['’]s\s+the\s+charm|"
                      r"time\s+lucky|things\s+first|and\s+foremost|of\s+all\b)", re.I)
# "the first 11 with Philadelphia": the count stands for its noun, and the ordinal only says which ("the first
# two books" keeps its ordinal)
_NUMBER_AFTER = re.compile(r"\s+(?:\d[\d,.]*|(?:" + "|".join(sorted({*UNITS, *TENS, *SCALES, "dozen"}, key=len, reverse=True))
                           + r"))(?=\s*(?:$|[.,;:!?)]|(?:with|in|at|for|of|on|were|was|are|is|and)\b))", re.I)
_PUT_BEFORE = re.compile(r"\bput(?:s|ting)?\s+(?:\w+\s+){1,3}$", re.I)
_CLAUSE_END = re.compile(r"\s*(?:$|[.,;:!?)\"”]|\s(?:and|or)\b)")
_STREET = re.compile(r"\s+(?:street|st\b\.?|avenue|ave\b\.?|road|rd\b\.?|boulevard|blvd\b\.?|lane|parkway|"
                     r"precinct|fleet|army|corps|division|regiment|battalion|brigade|infantry|amendment|"
                     r"district|ward|reich|republic|estate)\b", re.I)
_MONTH_OR_DAY = re.compile(r"\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun)", re.I)
_COMPOUND = re.compile(r"-([a-z]+)\b", re.I)
_PERIOD_AFTER = re.compile(r"[\s-]+(quarter|half)\b(?!\s+(?:of|a|an)\b)", re.I)
_BUSINESS = re.compile(r"\b(?:profits?|revenues?|earnings|sales|results|turnover|income|losses|gdp|growth|economy|"
                       r"quarterly|fiscal|shares|dividend|margins?|forecasts?|output)\b|[$€£%]", re.I)


def name_after(text: str, end: int, digits: bool) -> bool:
    """ "5th Fleet", "223rd Street", "E. 31st St.", "Fifth Avenue": an ordinal that is part of a name."""
    if _STREET.match(text, end) and (digits or text[end:end + 2].strip()[:1].isupper()):
        return True
    return digits and text[end:end + 1] == " " and text[end + 1:end + 2].isupper() and \
        text[end + 2:end + 3].islower() and not _MONTH_OR_DAY.match(text, end)


def idle(text: str, start: int, end: int, sentence_start: int) -> bool:
    """An ordinal word that counts nothing: a fixed phrase, "the first 11", "customers first", "Third, ..."."""
    if _LEXICAL.match(text, end) or _NUMBER_AFTER.match(text, end):
        return True
    if _CLAUSE_END.match(text, end) and _PUT_BEFORE.search(text, max(0, start - 40), start):
        return True        # "we put our customers first"
    return text[end:end + 1] == "," and not text[sentence_start:start].strip(" \t\"'“(")   # "Third, ..."


def bare_place(word: str) -> int | None:
    """A lone "third" (no article, no numerator) is a place in a series, not a third part."""
    return ORDINAL_UNITS.get(word.lower()) if word.isalpha() else None


def compound_end(text: str, end: int) -> int:
    """The end of "third-floor", "eighth-round": the hyphenated noun an ordinal word modifies."""
    found = _COMPOUND.match(text, end)
    return found.end() if found else end


def period_after(text: str, end: int) -> re.Match | None:
    """ "the third quarter", "the first half": the period of a game or a year named by an ordinal."""
    return _PERIOD_AFTER.match(text, end)


def business(sentence: str) -> bool:
    """Whether a sentence talks money, so that "the third quarter" is a quarter of the year, not of a game."""
    return _BUSINESS.search(sentence) is not None
