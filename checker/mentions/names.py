"""Numbers that are part of a name, not values: versions and models ("iLife 09", "BlackBerry Curve 8900", "Python
3.11", the FBI's "Top Ten"), model years ("his 2008 Bentley", "the 2012 Air"), and weekdays inside a name
("Patch Tuesday", "Black Friday").

| wording                                   | reads as | unless                                                  |
| ----------------------------------------- | -------- | ------------------------------------------------------- |
| Curve 8900, iLife 09, Python 3.11, Top Ten | nothing | the word before opens the sentence, is a month or a title, or is all capitals; a score, unit or list follows ("the Bengals 13-10"); the line is a headline in title case |
| his 2008 Bentley, the 2012 Air            | nothing  | the name holds an event word ("the 2008 Beijing Olympics") |
| Patch Tuesday, Super Tuesday, Black Friday | nothing |                                                         |
"""
from __future__ import annotations

import re

from checker.mentions import quantities as Q

_NAME_WORD = re.compile(r"(?:^|(?<=[\s(\"'“]))([A-Za-z]*[A-Z][A-Za-z]*[a-z][A-Za-z]*|[a-z]+[A-Z][A-Za-z]*) $")
_NOT_NAMES = frozenset("""january february march april may june july august september october november december jan feb
mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday mon tue wed thu fri
sat sun mr mrs ms dr st no vol page in on at of to by for from with and or the a an on since until after before
between about around over under nearly almost than but as""".split())
_AFTER_NAME_NUMBER = re.compile(r"(?:\s*[-–]\s*\d|\s*,\s*\d|\s*(?:%|percent\b|per\s?cent\b)|\s*[x×]\s*\d)", re.I)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_DOTTED = re.compile(r"\d+\.\d+")
_NAME_VERB_AFTER = re.compile(r"\s+(?:is|was|has|had|will|would|can|could|does|did|remains|"
                              r"[a-z]+s\s+(?:with|a|an|the|to|in|on|for|its|out|up))\b")


def version_or_model(text: str, start: int, end: int, sentence_start: int) -> bool:
    """A number right after a capitalised or camel-case word ("Curve 8900", "iLife 09", "Top Ten")."""
    before = _NAME_WORD.search(text, max(sentence_start, start - 30), start)
    if before is None or before.group(1).lower() in _NOT_NAMES:
        return False
    if not text[sentence_start:before.start(1)].strip(" \t\"'“‘(-") and not (
            _DOTTED.fullmatch(text, start, end) or _NAME_VERB_AFTER.match(text, end)):
        return False                  # the word opens the sentence: "Sunday 12 people died" (but "Python 3.11 is",
        #                               "Windows 11 ships with": a dotted version, or the name's own verb after it)
    if _AFTER_NAME_NUMBER.match(text, end) or Q.UNIT_AFTER.match(text, end) or Q.TIME_AFTER.match(text, end) \
            or Q.CURRENCY_AFTER.match(text, end):
        return False
    return not _title_case_line(text, start)


def _title_case_line(text: str, at: int) -> bool:
    """A headline in title case ("Quake Kills 12 In Remote Province"), where every word is capitalised."""
    line_start = text.rfind("\n", 0, at) + 1
    line_end = text.find("\n", at)
    words = _WORD.findall(text[line_start:line_end if line_end >= 0 else len(text)])
    long_words = [w for w in words if len(w) > 3]
    return len(long_words) >= 3 and sum(w[0].isupper() for w in long_words) >= 0.7 * len(long_words)


_OWNER_BEFORE = re.compile(r"(?:\b(?:the|a|an|his|her|their|its|my|our|your)|\w['’]s?)\s+$", re.I)
_TITLE_AFTER = re.compile(r" ((?:[A-Z][A-Za-z]+(?: |$))+)([a-z]+)?")
_EVENTS = frozenset("""olympics olympic games election elections census cup championship championships summit
conference budget act festival season tour series open award awards oscars final finals derby congress convention
campaign report plan agreement accord treaty crisis recession flood floods earthquake quake tsunami war revolution
draft expo fair show marathon prix bowl playoffs primary primaries survey review strategy law bill constitution
referendum midterms winter summer spring autumn fall world euro euros fiscal financial annual attacks attack riots
massacre uprising games""".split())


def model_year(text: str, start: int, end: int) -> bool:
    """ "his 2008 Bentley": a year naming a model, not a time."""
    if not _OWNER_BEFORE.search(text, max(0, start - 12), start):
        return False
    name = _TITLE_AFTER.match(text, end)
    return name is not None and not any(word.lower() in _EVENTS for word in [*name.group(1).split(), name.group(2) or ""])


_WEEKDAY_NAME = re.compile(r"(?-i:\b(?:Patch|Super|Cyber|Black|Fat|Giving|Bloody|Manic))\s+$")


def weekday_in_name(text: str, start: int) -> bool:
    """ "Patch Tuesday", "Super Tuesday", "Black Friday": a day's name, not a date."""
    return _WEEKDAY_NAME.search(text, max(0, start - 10), start) is not None


_DESIGNATION = re.compile(r"-\d{3}\b(?![-.,]?\d)")
_DESIGNATION_BEFORE = re.compile(r"(?:\b(?:the|a|an)|(?-i:\b[A-Z][A-Za-z]+))\s+$", re.I)
_DESIGNATION_AFTER = re.compile(r"\s*(?:$|[.,;:!?)]|\s+(?:[a-z]+ed|is|was|has|had|will|would|took|flew|came|went)\b)")


def designation(text: str, start: int, end: int) -> int | None:
    """ "the 737-800 carried", "a Boeing 747-400.": a model's number-dash-number, neither a range nor two values
    (nothing it could count follows it: a verb or the clause's end). Where it ends, else None."""
    if end - start != 3 or not text[start:end].isdigit():
        return None
    second = _DESIGNATION.match(text, end)
    if second is None or not _DESIGNATION_BEFORE.search(text, max(0, start - 20), start) \
            or not _DESIGNATION_AFTER.match(text, second.end()):
        return None
    return second.end()
