"""What the words right after a parsed numeral do to it: a scale letter ("2.33 k", "10G"), "of a million"
after a fraction, and "a third term", where the fraction word names a place in a series."""
from __future__ import annotations

import re

from checker.mentions.numbers import ORDINAL_UNITS, SCALES, Numeral


# A scale letter after digits, before punctuation or the end of the text: "k" written apart ("2.33 k", "$10 k."),
# an upper-case K/M/B/G apart only after a number with a point or separator ("1,674,200.5 M"; "Hall 3 B." is a
# label), and a glued "G" only on a number that is no network generation ("10G"; "5G" is a name). Lower-case "m"
# and "g" written apart stay metres and grams; "2 pm" is a clock time and never reaches here.
_SCALE_LETTER = re.compile(r"(?-i:[ \t]{1,2}([kKMBG])|(G))(?=\s*(?:$|[.,;:!?)\]]))")
_LETTER_SCALE = {"k": 1e3, "K": 1e3, "M": 1e6, "B": 1e9, "G": 1e9}
_OF_SCALE = re.compile(r"\s+of\s+an?\s+(hundred|thousand|million|billion|trillion)\b", re.I)


def scale_letter(text: str, end: int, numeral: Numeral, raw: str) -> tuple[float, int] | None:
    """(factor, new end) for a scale letter after a digit numeral at `end`, else None."""
    if numeral.suffix or numeral.words or numeral.ordinal or not raw[-1:].isdigit():
        return None
    match = _SCALE_LETTER.match(text, end)
    letter = match and (match.group(1) or match.group(2))
    if not match or letter == "G" and numeral.value == int(numeral.value) and abs(numeral.value) < 10 or \
            match.group(1) and letter != "k" and not any(c in raw for c in ".,"):
        return None           # "5G", "5 G" are names; "Hall 3 B." is a label, "1,674.5 G" an amount
    return _LETTER_SCALE[letter], match.end(1) if match.group(1) else match.end(2)


def fraction_of_scale(text: str, end: int, numeral: Numeral) -> tuple[float, int] | None:
    """ "two thirds of a million": (factor, new end) for a fraction below one followed by "of a <scale>"."""
    if not numeral.fraction or not 0 < abs(numeral.value) < 1:
        return None
    match = _OF_SCALE.match(text, end)
    return (SCALES[match.group(1).lower()], match.end()) if match else None


# "a third term", "a fifth straight win": after an article, an ordinal word before one of these heads counts a
# place in a series, not a fraction ("a third of voters", "a fifth said no" stay fractions).
_ORDINAL_HEAD = re.compile(r"\s+(?:straight|consecutive|successive|running|term|time|round|season|wave|attempt|"
                           r"place|seat|stage|phase|leg|dose|shot|booster|edition|generation|day|night|week|month|"
                           r"year|quarter|game|match|title|win|victory|defeat|loss|vote|ballot|lockdown)\b", re.I)
_ARTICLE_ORDINAL = re.compile(r"an?\s+([a-z]+)", re.I)


def ordinal_after_article(raw: str, text: str, end: int) -> tuple[int, int] | None:
    """(offset of the ordinal word in `raw`, its value) when "a <ordinal>" names a place in a series."""
    match = _ARTICLE_ORDINAL.fullmatch(raw)
    if not match or match.group(1).lower() not in ORDINAL_UNITS or not _ORDINAL_HEAD.match(text, end):
        return None
    return match.start(1), ORDINAL_UNITS[match.group(1).lower()]


# An age said without "years": "Reid, 33, said", "a woman, 41, was", "He was 75.", "aged 61", "at the age of 8".
PERSON_NOUNS = (r"(?:man|woman|men|women|boy|girl|wife|husband|son|daughter|mother|father|brother|sister|friend|"
                r"driver|victim|suspect|teenager|resident|officer|student|worker|partner|girlfriend|boyfriend|"
                r"grandmother|grandfather|pilot|climber|businessman|businesswoman|owner|farmer|nurse|doctor|"
                r"patient|teacher|player|striker|mayor|widow|pensioner|tourist|passenger|rider|runner|child)")
_AGE_APPOSITION = re.compile(rf"(?:(?<![\w.])(?-i:[A-Z][a-z'’-]+)|\b{PERSON_NOUNS}),\s+$", re.I)
# "a 52-year-old businessman", "the 47-year-old Ilona Varga": the age of a person, where "the 47-year-old block" is
# a thing's
PERSON_AFTER_OLD = re.compile(rf"(?<=old)(?:\s+(?:(?-i:[A-Z][a-z'’-]+)\b|(?:[a-z]+\s+)?{PERSON_NOUNS}\b)|"
                              # "The 34-year-old, a nurse from the town,": the age stands for the person it names
                              rf",\s+(?:a|an|the)\s+(?:[a-z]+\s+)?{PERSON_NOUNS}\b)", re.I)
_AGE_PRONOUN = re.compile(r"\b(?:(?:he|she|who)\s+(?:was|is)|(?:he|she|who)['’]s|turned|turns|aged|age|ages|"
                          r"at\s+the\s+age\s+of|died\s+at)\s+$", re.I)
_AGE_ENDINGS = tuple(f"{word} " for word in (" was", " is", "'s", "’s", "turned", "turns", "aged", "Aged", " age",
                                               " ages", " of", " at"))
_AGE_END = re.compile(r"\s*(?:[,)]|$)")
_AGE_PRONOUN_END = re.compile(r"\s*(?:$|[.,;:!?)]|(?:when|and|at|in|on|after|before|but)\b)", re.I)


def age_bar(text: str, start: int) -> bool:
    """Whether the age is a bar that sorts people ("children under five"), not one person's age."""
    return _AGE_BAR_BEFORE.search(text, max(0, start - 30), start) is not None


def age(text: str, start: int, end: int, value: float) -> bool:
    """Whether a whole number in 1..120 states someone's age in years."""
    if value != int(value) or not 0 < value <= 120:
        return False
    if _AGED_BEFORE.search(text, max(0, start - 30), start) and not _UNIT_NEXT.match(text, end):
        return True       # "a woman aged 29 was held", "two men, aged 34 and 41": "aged" says it whatever follows
    if age_bar(text, start) and not _UNIT_NEXT.match(text, end):
        return True       # "two children under five", "people over 65": the bar of an age
    if _PERSON_OF_BEFORE.search(text, max(0, start - 24), start) and not _UNIT_NEXT.match(text, end):
        return True       # "one of them a woman of 82", "a man of 45": a person of so many years
    if text[start - 2:start] in (", ", ",\u00a0"):
        left = text[max(0, start - 40):start]
        return bool(_AGE_END.match(text, end)) and bool(_AGE_APPOSITION.search(left)) and \
            not re.search(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2},\s+$", left, re.I)
    if not text[max(0, start - 8):start].endswith(_AGE_ENDINGS):
        return False
    return bool(_AGE_PRONOUN.search(text, max(0, start - 40), start)) and bool(_AGE_PRONOUN_END.match(text, end))


# "children under five", "people aged over 65": the people an age bar sorts, then the bar
_AGE_BAR_BEFORE = re.compile(r"\b(?:children|kids|babies|infants|toddlers|people|adults|pensioners|those|anyone)\s+"
                             r"(?:aged\s+)?(?:under|over|below|above|younger\s+than|older\s+than)\s+$", re.I)
# "a woman of 82": a person, then "of" and the number
_PERSON_OF_BEFORE = re.compile(r"\b(?:a|an|the)\s+(?:man|woman|boy|girl|pensioner|widow|widower|mother|father|"
                               r"grandmother|grandfather|person)\s+of\s+$", re.I)
# "aged 29", and the others of a list it opens: "aged 34 and 41", "aged 19, 22 and 25"
_AGED_BEFORE = re.compile(r"\baged\s+(?:\d{1,3}\s*,?\s*(?:(?:and|or)\s+)?)*$", re.I)
# a unit or noun right after the number is what it counts ("aged 20 years" is read as a duration anyway)
_UNIT_NEXT = re.compile(r"\s*(?:-|%|(?!(?:and|or|was|were|is|are|who|when|at|in|on|from|had|have|died|will|"
                        r"with|after|before|but|said)\b)[a-z]+\b)", re.I)
