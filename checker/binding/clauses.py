"""Where the words said of a value stand: its clause, the span a veto term or a cue reaches, a term's distance.

The reading of English that binding's tests (checker.binding.score) ask of a value's surroundings: its own clause
cut at the neighbouring values and at clause breaks, the clause a relative pronoun points back to, a date's
scope, the words between a value and a context term (counted further past the clause, another value or a
conjunction), a cue's words matched around the value, and a catalog word in its other forms.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache
from typing import NamedTuple

from checker.mentions.quantities import lemma
from checker.reading import OPENING_TIME, SYNONYMS, Words, _predicate_of

VERBS_OF_TOTAL = {"has", "have", "had", "comprises", "comprised", "counts", "counted", "numbers", "numbered",
                  "totals", "totalled", "totaled"}
ADVERBS_BEFORE_TOTAL = {"now", "currently", "still", "already", "only", "just", "today"}
DEFAULT_GAP = 2      # words allowed between consecutive cue words, and between a cue and the value
FAR = 10_000         # the distance of evidence that is not near the value at all
BEYOND = 20          # words added to evidence that stands beyond the value's clause or another value
ELLIPSIS_GAP = 15    # words allowed where a cue says "..."

_OF_NOUN_AFTER = re.compile(r"\s+of\s+(?:the\s+|an?\s+|its\s+|their\s+)?([a-z][a-z-]+)\b(?!\s+of\b)")
_VERB_AFTER_ASIDE = re.compile(r"\s*(?:\w+ly\s+)?(?:is|are|was|were|has|have|had|will|would|could|can|may|might|"
                               r"remains?|remained)\b", re.IGNORECASE)
_ATTACHED_PARTICIPLE = re.compile(r"\s+[a-z]+ed\b[^,.;:]*")


def _date_scope(mention: dict, text: Words) -> tuple[int, int]:
    """The words said of a date: its clause; the whole sentence when the date opens it ("In 1987, a quake ...
    killed"); its line when the line is a heading ("## [5.0.0-rc.2] - 2025-03-18")."""
    sentence_start, sentence_end = int(mention["sentence_start"]), int(mention["sentence_end"])
    start = int(mention["start"])
    if OPENING_TIME.match(text.text[sentence_start:start]) or not text.text[sentence_start:start].strip():
        return sentence_start, sentence_end
    low, high = _sentence_or_line(mention, text)
    line = text.text[low:high].strip()
    if len(line) <= HEADING_LENGTH and not line.endswith((".", "?", "!", ",", ";", ":")):
        return low, high
    low, high = int(mention.get("clause_start", sentence_start)), int(mention.get("clause_end", sentence_end))
    if _WHEN_AFTER.match(text.text, high):
        # "a boom in the early 1960s, when the old bridge went up": the when-clause says what the date dates
        high = text.clause(high + 1, high + 1, sentence_start, sentence_end)[1]
    # "the blast at the plant, Kiln Road, which occurred on 12 June": a relative or participle clause is said of
    # the clause it hangs on, whatever apposition stands between
    return (low if _points_back(low, mention, text) is None else sentence_start), high


_WHEN_AFTER = re.compile(r",\s*when\b", re.IGNORECASE)

HEADING_LENGTH = 70


def _sentence_or_line(mention: dict, text: Words) -> tuple[int, int]:
    """The value's sentence, or its line when the line is a heading the sentence splitter ran on past."""
    start, end = int(mention["sentence_start"]), int(mention["sentence_end"])
    line_start = text.text.rfind("\n", 0, int(mention["start"])) + 1
    line_end = text.text.find("\n", int(mention["end"]))
    return max(start, line_start), min(end, len(text.text) if line_end < 0 else line_end)


def _term_distance(terms, mention: dict, text: Words, start: int, end: int, units=()) -> int:
    """Words between the value and the nearest of `terms` in text[start:end]; a term beyond the value's clause
    (past a clause break or another value) counts BEYOND words further. A term that is the value's own counted
    noun, when that noun is one of the fact's `units`, stands as far as the clause's edge: the unit already
    said what is counted, and every fact that counts that noun has it ("Eleven passengers were treated for
    injuries" is no more about the passengers on board than about the injured)."""
    value_first = text.word_at_or_after(int(mention["start"]))
    value_last = text.word_at_or_after(int(mention["end"])) - 1
    clause = (int(mention.get("clause_start", start)), int(mention.get("clause_end", end)))
    subject = _subject_over_asides(clause[0], mention, text)
    asides = (clause[0], clause[0])
    if subject is not None:     # "Brannock, 41, who represents Ward 7, had 51.8 percent": Brannock had it
        asides, clause = (subject, clause[0]), (subject, clause[1])
    best = FAR
    matches = [match for term in terms for match in _term_pattern(term).finditer(text.text, start, end)]
    # "Some 140 millimetres of rain fell": a verb right after the value's own "of" noun tells what that noun did,
    # and another form of a context verb ("dropped" for "fell") there is no evidence of the fact's
    own = _OF_NOUN_AFTER.match(text.text, max(int(mention["end"]), int(mention["noun_end"])))
    inflected = [match for match in _inflected(terms, text, start, end, synonyms=mention["kind"] != "date")
                 if own is None or text.text[own.end():match.start()].strip()]
    noun = (int(mention["noun_start"]), int(mention["noun_end"])) \
        if str(mention["unit"] or "").lower() in {unit.lower() for unit in units} else (-1, -1)
    for match in matches + inflected:
        index = text.word_at_or_after(match.start())
        # a term of several words is as near as its nearest word: "at the wheel for 11 hours" is two words off
        last = max(index, text.word_at_or_after(match.end()) - 1)
        words = value_first - last if last < value_first else max(0, index - value_last)
        if noun[0] <= match.start() < noun[1]:
            words = BEYOND
        if _in_relative_clause_of_another(text, match.start(), mention):
            continue    # "the eleven men we lost and the 30 who came home": "came home" is said of the 30
        if not clause[0] <= match.start() < clause[1] \
                or not asides[0] <= match.start() < asides[1] and _value_between(text, match.start(), mention):
            words += BEYOND     # (a value in an aside, "41" in "Brannock, 41, who ...", is the aside's own)
        elif _coordination_between(text.text, match, mention):
            words += BEYOND // 2    # "0.8% of treated patients and 1.2% of the control group"
        best = min(best, words)
    return best


# A clause set off by commas that tells more of the noun before it: "who represents Ward 7", "41" (an age), "which
# owns the site", "elected in 2021"
_ASIDE_CLAUSE = re.compile(r"(?:who|which|whose|whom|where)\b|\d{1,3}$|[a-z]+ed\s+(?:by|in|on|at)\b|"
                           r"(?:the|a|an|its|their)\s+[^,;:]*$", re.IGNORECASE)   # "Hobb Water, the second reservoir,"
ASIDES = 3   # at most this many asides in a row between a subject and its verb


def _subject_over_asides(low: int, mention: dict, text: Words) -> int | None:
    """The start of the clause that holds the subject of the value's clause, when only asides stand between them
    ("Brannock, 41, who represents Ward 7 on the City Council, had 51.8 percent"), else None."""
    sentence = (int(mention["sentence_start"]), int(mention["sentence_end"]))
    position, steps = low, 0
    while steps <= ASIDES:
        before = text.text[sentence[0]:position].rstrip()
        if not before.endswith(",") or len(before) < 2:
            return None
        previous = text.clause(sentence[0] + len(before) - 2, sentence[0] + len(before) - 2, *sentence)
        words = text.text[previous[0]:previous[1]].strip()
        if not _ASIDE_CLAUSE.match(words) or previous[0] >= position:
            return previous[0] if steps else None
        position, steps = previous[0], steps + 1
    return None


_RELATIVE_AFTER_VALUE = re.compile(r"\s*(?:[a-z-]+\s+){0,2}?(?:who|which|that|whose)\b[^,;.:()]*", re.IGNORECASE)


def _in_relative_clause_of_another(text: Words, offset: int, mention: dict) -> bool:
    """Whether `offset` lies after the value, in a relative clause opened right after a later value ("and with
    the 30 who came home"): its words are that value's."""
    if offset <= int(mention["end"]):
        return False
    values = getattr(text, "values", [])
    index = bisect_left(values, (offset,)) - 1
    if index < 0 or values[index][0] <= int(mention["start"]):
        return False
    other_end = values[index][1]
    found = _RELATIVE_AFTER_VALUE.match(text.text, other_end)
    return bool(found) and found.end() > offset


# A negated noun ("not an LTS version", "no LTS", "non-LTS"); a negated verb still names its act ("will not open
# until early 2027" says when it opens).
_NEGATED_BEFORE = re.compile(r"\b(?:(?:not|never)\s+(?:an?|the)|no|non)[\s-]+$", re.IGNORECASE)


def _all_negated(terms, text: Words, start: int, end: int, verbs: bool = False) -> bool:
    """Whether every context term in text[start:end] is negated: "the 5.1 release is not an LTS version and will be
    supported for six months" says nothing of the LTS window. With `verbs` (a figure, not a date), a negated verb
    too: "14 ballots that had never been counted" are not counted ballots (where "will not open until 2027" still
    dates the opening)."""
    matches = [match for term in terms for match in _term_pattern(term).finditer(text.text, start, end)]
    matches += _inflected(terms, text, start, end)
    return bool(matches) and all(_NEGATED_BEFORE.search(text.text, max(0, m.start() - 12), m.start())
                                 or verbs and _NEGATED_VERB_BEFORE.search(text.text, max(0, m.start() - 20), m.start())
                                 for m in matches)


_NEGATED_VERB_BEFORE = re.compile(r"\b(?:not|never|n't)\s+(?:yet\s+)?(?:been\s+|be\s+)?$", re.IGNORECASE)


class _WordMatch(NamedTuple):
    """A word of the text where a context term matched in another form: start() and end() as a regex match."""
    at: int
    to: int

    def start(self) -> int:
        return self.at

    def end(self) -> int:
        return self.to


@lru_cache(maxsize=4096)
def _stem(word: str, synonyms: bool = True) -> str:
    stem = _predicate_of(word.lower())
    return SYNONYMS.get(stem, stem) if synonyms else stem


def _term_stems(term: str) -> set[str]:
    """The stems a catalog's word may take in a text, given in any form: "close" as "closed" and "closing" are,
    "rise" as "rose"."""
    lower = term.lower()
    return {_stem(lower), _stem(lower + "ed"), _stem(lower + "d"), SYNONYMS.get(lower, lower)}


def _inflected(terms, text: Words, start: int, end: int, any_form: bool = False,
               synonyms: bool = True) -> list[_WordMatch]:
    """Words of text[start:end] that are another form of a one-word context term that is a verb form (with
    `any_form`, of a term in any form: a veto word "close" vetoes "closing"; a context word "budget" is no
    evidence in "is budgeted at", where it is another word). Without `synonyms`, another verb of the same
    movement is no form of it: a date does not rise or fall, so "the launch slipped" is not "shares fell"."""
    stems = {stem for term in terms if " " not in term
             for stem in (_term_stems(term) if any_form else (_stem(term, synonyms),))} - {""}
    if not stems:
        return []
    first, last = text.word_at_or_after(start), text.word_at_or_after(end)
    return [_WordMatch(*text.spans[index]) for index in range(first, last)
            if text.spans[index][1] <= end and _stem(text.lower[index], synonyms) in stems]


_COORDINATION = re.compile(r"\b(?:and|or|but|while|whereas|versus|vs\.?|against|compared\s+(?:with|to))\b", re.I)


def _coordination_between(text: str, match, mention: dict) -> bool:
    """A conjunction between a term and the value: the term belongs to the other conjunct."""
    if match.end() <= int(mention["start"]):
        return bool(_COORDINATION.search(text, match.end(), int(mention["start"])))
    return bool(_COORDINATION.search(text, int(mention["end"]), match.start()))


_TO_AFTER_CHANGE = re.compile(r"(?:\s+to|[^,;:.()]{0,60}?\s+(?:rather\s+than|instead\s+of))\s+"
                              r"(?:about\s+|around\s+|nearly\s+|roughly\s+)?[$€£]?$", re.IGNORECASE)


# "delivered 640 homes at an average rent of €410", "sold 12 flats for €2 million": the value is an attribute of
# the counted object before it, said in one act; the clause's subject and verb are the value's as well
_OBJECT_ATTRIBUTE = re.compile(r"\s*[a-z][\w-]*\s+(?:at|for|costing|worth)\s+(?:an?\s+|the\s+)?(?:[a-z]+\s+){0,3}"
                               r"(?:of\s+)?(?:about\s+|around\s+|nearly\s+|roughly\s+)?[$€£]?$")


def _cut_by_value_start(low: int, text: Words) -> int:
    """When `low` is the end of another value (a clause cut there), that value's start; else `low`."""
    values = getattr(text, "values", [])
    index = bisect_left(values, (low,)) - 1
    while index >= 0 and low - values[index][0] < 40:
        if values[index][1] == low:
            return values[index][0]
        index -= 1
    return low


def _date_between(start: int, end: int, text: Words) -> bool:
    """Whether text[start:end] is a date value."""
    dates = getattr(text, "dates", [])
    index = bisect_left(dates, (start, end))
    return index < len(dates) and dates[index] == (start, end)


def _after_value_before(position: int, low: int, text: Words) -> int:
    """Where a clause that starts at `low` starts once cut at the last value ending at or before `position`."""
    ends = getattr(text, "value_ends", [])
    before = bisect_right(ends, position) - 1
    return ends[before] if before >= 0 and ends[before] > low else low


def _own_clause(mention: dict, text: Words) -> tuple[int, int]:
    """The value's clause, cut at the neighbouring values: the words that are said of it."""
    start, end = int(mention["start"]), int(mention["end"])
    low = int(mention.get("clause_start", mention["sentence_start"]))
    high = int(mention.get("clause_end", mention["sentence_end"]))
    # Bisections over the sorted spans and ends, not a walk over every value of the document per value
    # (quadratic in a long document): the last end at or before the value, the first start at or after it.
    low = _after_value_before(start, low, text)
    values = getattr(text, "values", [])
    after = bisect_left(values, (end,))
    if after < len(values) and values[after][0] < high:
        high = values[after][0]
    return low, high


# A clause that opens so is said of the noun before its comma: "the fire of 2012, which burned ...", "the
# approval, dated 12 May, ..."
_PRONOUN = r"which|who|whom|whose|where|when|(?:in|on|at|during|for|from|of|by|with|under|after|before)\s+(?:which|whom)"
_RELATIVE_OPENING = re.compile(rf"\s*(?:{_PRONOUN}|[a-z]+ed)\b")
_RELATIVE_PRONOUN = re.compile(rf"\s*(?:{_PRONOUN})\b")   # a pronoun's clause only, not a participle's

# An aside set off by commas, and the verb that resumes the value's clause after it: "About 131,000 heaters, or 32%
# of the 412,000 recalled, have been returned". Not a list of acts ("killed 41, injured 200, destroyed 30 homes"):
# the clause resumes with an auxiliary, and an aside that opens with a conjunction is a clause of its own.
_ASIDE_OPENS = re.compile(r"\s*(?!(?:and|but|while|whereas|then|so|yet|although|though|because)\b)\S")
_RESUMES = re.compile(r"\s*(?:have|has|had|was|were|is|are|will|would)\b", re.IGNORECASE)
ASIDE_LENGTH = 90   # characters: an aside is a phrase, not a clause of its own


def _past_aside(mention: dict, text: Words) -> int:
    """The end of the clause an aside after the value's clause hands back to ("..., have been returned"), else 0."""
    sentence_start, sentence_end = int(mention["sentence_start"]), int(mention["sentence_end"])
    end = int(mention.get("clause_end", sentence_end))
    if end >= sentence_end or text.text[end:end + 1] != ",":
        return 0
    aside = text.clause(end + 1, end + 1, sentence_start, sentence_end)
    if aside[1] >= sentence_end or text.text[aside[1]:aside[1] + 1] != "," or aside[1] - end > ASIDE_LENGTH \
            or not _ASIDE_OPENS.match(text.text, aside[0]) or not _RESUMES.match(text.text, aside[1] + 1):
        return 0
    return text.clause(aside[1] + 1, aside[1] + 1, sentence_start, sentence_end)[1]


_PARTICIPLE = re.compile(r"\b([a-z]{3,}ed)\b")


def _narrowing_participle(fact, mention: dict, text: Words) -> str | None:
    """A participle between the value and its counted noun that the fact's own words do not say ("the two
    ruptured tank wagons" of the train's tank wagons), else None: it counts the part it picks out."""
    end, noun_start = int(mention["end"]), int(mention["noun_start"])
    if noun_start <= end or noun_start - end > 40:
        return None
    own = " ".join([fact.label or "", *fact.context, *fact.units, *fact.cues]).lower()
    for match in _PARTICIPLE.finditer(text.text.lower(), end, noun_start):
        if match.group(1) not in own and match.group(1)[:-2] not in own and match.group(1)[:-1] not in own:
            return match.group(1)
    return None


def _noun_past_whole(mention: dict, text: Words, high: int) -> tuple[int, int] | None:
    """The words of the noun a part counts past the whole's figure ("four of the seven tank wagons": " tank
    wagons"), when its clause stops at that figure: the value's own words, though the whole's figure is not."""
    noun_start, noun_end = int(mention["noun_start"]), int(mention["noun_end"])
    if noun_end <= high or noun_start < high:
        return None
    values = getattr(text, "values", [])
    index = bisect_left(values, (noun_start,)) - 1
    return max(values[index][1] if index >= 0 else high, high), noun_end


def _exclude_span(mention: dict, text: Words) -> tuple[tuple[int, int], tuple[int, int] | None]:
    """Where a veto term vetoes: the value's own clause, and for a relative clause ("the worst since the storm of
    2012, which flooded 3,000 homes") the clause its pronoun points back to as well; and the span of a relative
    clause set off between the subject and the value's verb that holds a figure of its own (whose words are that
    figure's), else None."""
    low, high = _own_clause(mention, text)
    high = _time_after(mention, high, text)   # "1.9% in 2026": the year the value is of is a word of its clause
    high = max(high, _past_aside(mention, text))
    other = _SUBORDINATE.search(text.text, max(int(mention["end"]), int(mention["noun_end"])), high)
    if other:   # "holds rates at 4.75% as inflation eases": the clause "as" opens is another clause's words
        high = other.start()
    cut = _cut_by_value_start(low, text)   # "the 5.1 release ... six months": the value that cut it is a word too
    if cut < low and (_TO_AFTER_CHANGE.match(text.text, low, int(mention["start"]))
                      or _OBJECT_ATTRIBUTE.match(text.text, low, int(mention["start"]))):
        # "Its shares jumped 27% to $37.80", "the university as a whole has grown 6% over five years to 19,850",
        # "transfer 178 posts rather than 150": the clause's subject and verb are the figure's as well
        cut = int(mention.get("clause_start", mention["sentence_start"]))
    elif cut < low and mention["kind"] != "date" and _date_between(cut, low, text):
        # "Reyle was sold to Velsund last year for €19 million": a date between the verb and the value dates
        # the act the value is said of; the clause goes back past it to the verb and its words
        cut = _after_value_before(cut, int(mention.get("clause_start", mention["sentence_start"])), text)
    low = cut
    if mention["kind"] == "date" and _points_back(low, mention, text) is None:
        scope = _date_scope(mention, text)
        clause = (int(mention.get("clause_start", -1)), int(mention.get("clause_end", -1)))
        if scope != clause:     # a sentence the date opens, a heading line: all of it is said of the date
            low, high = min(low, scope[0]), max(high, scope[1])
    back = _points_back(low, mention, text)
    clause_start = int(mention.get("clause_start", low))
    if back is None and clause_start < low and _RELATIVE_PRONOUN.match(text.text, clause_start):
        # "in 2019, when one of its jets carrying 142 passengers slid": another value in the relative clause cut
        # the value's clause; the clause still points back (a pronoun's, not a participle's: "declared an
        # emergency, circled over the sea for 25 minutes and landed 52 minutes later" is a list of verbs)
        back = _points_back(clause_start, mention, text)
    low = low if back is None else back
    subject = _after_parenthesis(low, mention, text)
    aside = None
    if subject is not None:     # "Core inflation, which excludes those items, was 4.9%": the subject is the value's
        comma = text.text.rfind(",", 0, low)
        inner = text.text.find(",", subject, comma)
        if inner >= 0 and _value_within(text, inner, comma, mention):
            aside = (inner, comma)
        low = subject
    clause_start = int(mention.get("clause_start", low))
    over = _subject_over_asides(clause_start, mention, text) if low >= clause_start else None
    if over is not None:        # "Hobb Water, the region's second-largest reservoir, was at 63%"
        low = min(low, over)
    opening = _OPENING_PHRASE.match(text.text, int(mention["sentence_start"]), low)
    if opening and opening.end() <= low:    # "In the city itself, turnout was lower, at 58.2 percent"
        low = int(mention["sentence_start"])
    return (low, high), aside


def _value_within(text: Words, low: int, high: int, mention: dict) -> bool:
    """Whether a value other than the mention's stands wholly within [low, high)."""
    values = getattr(text, "values", [])
    for index in range(bisect_left(values, (low,)), len(values)):
        s, e = values[index]
        if s >= high:
            return False
        if e <= high and (s, e) != (int(mention["start"]), int(mention["end"])):
            return True
    return False


# A short phrase of place or time opening the sentence before a comma governs all of it.
_OPENING_PHRASE = re.compile(r"\s*(?:in|at|by|on|for|among|across|within|outside|inside|during)\s+[^,;:.]{1,40},",
                             re.IGNORECASE)


def _points_back(low: int, mention: dict, text: Words) -> int | None:
    """The start of the clause before, when the clause starting at `low` is said of that clause's noun."""
    if _RELATIVE_OPENING.match(text.text, low) and text.text[:low].rstrip().endswith(","):
        sentence_start, sentence_end = int(mention["sentence_start"]), int(mention["sentence_end"])
        return max(sentence_start, text.clause(low - 1, low - 1, sentence_start, sentence_end)[0])
    return None


_PART_OF_BEFORE = re.compile(r"\b(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                             r"twenty|thirty|dozens|hundreds|all|both|most|some|none|half|each|many|few)\s+of\s+"
                             r"(?:the|its|their|his|her|our|your|these|those)\s+(?:[\w-]+['\u2019]s\s+)?$", re.IGNORECASE)


def _whole_of_a_part(mention: dict, text: Words) -> bool:
    """ "Five of the Board's seven members voted for it": seven is the group the five are counted from."""
    start = int(mention["start"])
    return bool(_PART_OF_BEFORE.search(text.text, max(int(mention["sentence_start"]), start - 50), start))


_PREDICATE_START = re.compile(r"[,;:]|\s(?:have|has|had|was|were|is|are|will|would|could|can|may|might|did|do|does)\b",
                              re.IGNORECASE)


def _whole_phrase(mention: dict, text: Words) -> tuple[int, int]:
    """The whole's own words: the value and its noun, and what follows it when an auxiliary verb further on shows
    it to be a modifier ("the nearly 9,500 people evacuated from the town have returned": up to "have"; but in
    "five of the seven members voted for it", "voted" is the part's verb)."""
    start, end = int(mention["start"]), max(int(mention["end"]), int(mention["noun_end"]))
    stop = _PREDICATE_START.search(text.text, end, min(int(mention["sentence_end"]), end + 60))
    if stop and stop.group().strip() in ",;:" and _ATTACHED_PARTICIPLE.match(text.text, end) \
            and _VERB_AFTER_ASIDE.match(text.text, stop.end()):
        # "one of the 47 systems encrypted in the attack, is still being rebuilt": the participle is the whole's (in
        # "23 of the 94 wagons derailed, among them ..." no verb follows: "derailed" is the part's)
        return start, stop.start()
    return start, stop.start() if stop and stop.group().strip() not in ",;:" else end


# A conjunction that opens a clause of its own after the value ("as inflation eases", "because demand fell").
_SUBORDINATE = re.compile(r"\s(?:as|because|while|although|though|whereas|unless)\s+(?!of\b|much\b|many\b|well\b|"
                          r"long\b|soon\b|far\b|part\b|a\s+result\b|expected\b|planned\b|forecast\b|announced\b)"
                          r"(?:the\s+|its\s+|their\s+)?[a-z]+\s+(?:[a-z]+s|[a-z]+ed|is|are|was|were|has|have|had|will)\b",
                          re.IGNORECASE)
_TIME_JOINT = re.compile(r"\s+(?:in|for|by|during|of|from|until|through)\s+(?:the\s+)?")
# "killed 19 people in the region's mountains last winter": a place said of the value, then the time of its act
_PLACE_THEN_TIME = re.compile(r"\s+(?:in|at|on|across|near|around)\s+[^,;:.()\d]{1,40}?\s+(?=(?:last|this|that|the\s+previous)\s)",
                              re.IGNORECASE)
# "up from £225 last year": a period of its own right after the value
_DEICTIC_RIGHT_AFTER = re.compile(r"\s+(?=(?:last|this|next)\s)", re.IGNORECASE)
_BOUND_OPENS = re.compile(r"(?:since|until|till|from|through|before|after)\b", re.IGNORECASE)


def _time_after(mention: dict, high: int, text: Words) -> int:
    """The end of a date that cuts the value's clause right after it, joined by a preposition ("1.9% in 2026",
    "$2 billion for 2027"), else `high`."""
    end = max(int(mention["end"]), int(mention["noun_end"]))
    joint = _TIME_JOINT.match(text.text, end)
    if joint is None or joint.end() != high:
        joint = _PLACE_THEN_TIME.match(text.text, end) or _DEICTIC_RIGHT_AFTER.match(text.text, end)
    if joint is None or joint.end() != high:
        # "down 21% since January": the date's own words open with the preposition
        if text.text[end:high].strip() or not _BOUND_OPENS.match(text.text, high):
            return high
    dates = getattr(text, "dates", [])
    index = bisect_left(dates, (high,))
    return dates[index][1] if index < len(dates) and dates[index][0] == high else high


def _after_parenthesis(low: int, mention: dict, text: Words) -> int | None:
    """The start of the subject, when the clause starting at `low` follows a relative clause set off by commas
    after it ("Core inflation, which excludes food, was 4.9%"), else None."""
    sentence_start, sentence_end = int(mention["sentence_start"]), int(mention["sentence_end"])
    if low <= sentence_start or not text.text[:low].rstrip().endswith(","):
        return None
    comma = text.text.rfind(",", 0, low)
    inner = text.clause(comma - 1, comma - 1, sentence_start, sentence_end)[0]
    if inner <= sentence_start or not _RELATIVE_OPENING.match(text.text, inner) \
            or not text.text[:inner].rstrip().endswith(","):
        return None
    outer = text.text.rfind(",", 0, inner)
    return max(sentence_start, text.clause(outer - 1, outer - 1, sentence_start, sentence_end)[0])


def _value_between(text: Words, offset: int, mention: dict) -> bool:
    start, end = int(mention["start"]), int(mention["end"])
    low, high = (offset, start) if offset < start else (end, offset)
    values = getattr(text, "values", [])
    # Only the spans that start within [low, high] can lie inside it (a span never ends before it starts).
    for index in range(bisect_left(values, (low,)), len(values)):
        s, e = values[index]
        if s > high:
            return False
        if e <= high and (s, e) != (start, end) and not (offset < start and _CHANGE_TO.fullmatch(text.text, e, start)) \
                and not (mention["kind"] not in ("date", "duration") and _time_of_the_subject(text, s, e)):
            return True   # (not the change that led to the value, "Revenue rose 6.4% to €412.6m"; nor the period the
            #              subject is of, "Revenue in the three months to December rose")
    return False


_PERIOD_LENGTH = re.compile(r"[^\n]*\b(?:months?|weeks?|years?|days?|quarters?)\s+(?:to|ended|ending|through)\s",
                            re.IGNORECASE)


def _time_of_the_subject(text: Words, start: int, end: int) -> bool:
    """A date, or a period's length told up to a date ("the three months to December"), that says when the
    subject held: no figure of its own."""
    dates = getattr(text, "dates", [])
    index = bisect_left(dates, (start, end))
    return index < len(dates) and dates[index] == (start, end) \
        or _PERIOD_LENGTH.match(text.text, start, end + 10) is not None


# The words between a change and the level it led to: "rose 6.4% to €412.6m", "fell 3 points to about 41%"
_CHANGE_TO = re.compile(r"\s+to\s+(?:about\s+|around\s+|nearly\s+|roughly\s+|almost\s+|some\s+)?", re.IGNORECASE)


def _term_pattern(term: str):
    from checker.catalog import _term_pattern as pattern

    return pattern(term)


def _act_told_apart(fact, mention: dict, text: Words) -> bool:
    """Every one of the fact's words in the date's sentence is a participle describing a thing ("brought out of the
    collapsed mine by Wednesday"): it tells what the thing is, not the act the date dates ("the roof collapsed
    on", "the collapse on Tuesday" do)."""
    start, end = int(mention["sentence_start"]), int(mention["sentence_end"])
    window = text.text[start:end]
    told = False
    for term in fact.context:
        for match in re.finditer(rf"(?<!\w){re.escape(term)}(?!\w)", window, re.IGNORECASE):
            before = window[:match.start()].split()
            after = _ATTRIBUTIVE_AFTER.match(window, match.end())
            if not (match.group().lower().endswith("ed") and before and before[-1].lower() in _DETERMINERS and after):
                return False
            told = True
    return told


# Acts of deciding or telling done to a thing: "proposed the closure", "the closure was approved", "announced the
# merger". A date in their clause dates that act; the thing's own event (the closure) has its own date.
_DECISION_VERB = re.compile(r"\b(?:propos|approv|announc|agree|decid|vot|endors|ratifi|reject|debat|discuss|"
                            r"recommend|unveil|confirm|authoris|authoriz|sanction)(?:e|es|ed|ing|d|s)?\b|"
                            r"\bsign(?:ed|s|ing)\b", re.IGNORECASE)
# "confirmed the launch for Monday", "approved the closure to take effect in July": the date is the thing's own
_DATE_OF_THE_THING_BEFORE = re.compile(r"\b(?:for|to|until|till|by|from)\s+(?:the\s+|early\s+|late\s+|mid-?)?$",
                                       re.IGNORECASE)


def _decided_on(fact, mention: dict, text: Words) -> str | None:
    """The verb of deciding or telling that governs the date, when each of the fact's words in the date's clause
    is a noun it is done to ("the closure was proposed last March", "approved the closure by 11 votes to 4 last
    April"): that act is what the date dates. None when a fact's word is a verb there ("closes on 31 July"), or
    the fact's words (context or label) name the act ("Date the first case was confirmed")."""
    if _DATE_OF_THE_THING_BEFORE.search(text.text, max(0, int(mention["start"]) - 16), int(mention["start"])):
        return None
    start, end = _date_scope(mention, text)
    window = text.text[start:end]
    nouns = 0
    for term in fact.context:
        for match in re.finditer(rf"(?<!\w){re.escape(term)}(?!\w)", window, re.IGNORECASE):
            before = window[:match.start()].split()
            # a determiner ("its", "this", "the") or a possessive ("the council's") before the noun
            if not before or before[-1].lower() not in _DETERMINERS \
                    and not before[-1].lower().endswith(("'s", "’s")):
                return None
            nouns += 1
    if not nouns:
        return None
    # the fact's own words (its context and label) naming the act: the decision is the event ("Date the first case
    # was confirmed", a fact of the vote's date)
    stems = {stem for term in (*fact.context, fact.label or "") for word in re.findall(r"[A-Za-z]+", term)
             for stem in _term_stems(word)} - {""}
    for verb in _DECISION_VERB.finditer(window):
        if not _term_stems(verb.group()) & stems:
            return verb.group()
    return None


_ATTRIBUTIVE_AFTER = re.compile(r" +(?!(?:by|in|on|at|of|to|for|from|with|and|or|but|after|before|since|during)\b)"
                                r"[A-Za-z]", re.IGNORECASE)
_DETERMINERS = frozenset("the a an its their his her our this that these those".split())


def _find_term(terms, text: str, start: int, end: int) -> bool:
    window = text[start:end]
    return any(re.search(rf"(?<!\w){re.escape(term)}(?!\w)", window, re.IGNORECASE) for term in terms)


def _names(terms, text: Words | None = None) -> list[str]:
    """The context terms that are names: written capitalised in the catalog ("Civic Union", "URSW") and, in the
    document at hand, never written in lower case (a catalog's "Total" or "Police" is a table's label, a word)."""
    names = [term for term in terms if all(word[:1].isupper() for word in term.split())]
    if text is None or not names:
        return names
    seen = getattr(text, "lowercase_terms", {})
    for term in names:
        if term not in seen:
            seen[term] = re.search(rf"(?<!\w){re.escape(term.lower())}(?!\w)", text.text) is not None
    return [term for term in names if not seen[term]]


TITLE_CASE_SHARE = 0.7
_RELATIVE_CLAUSE = re.compile(r"\W*(?:which|who|whose|whom|that)\b", re.IGNORECASE)


def _said_of_another_name(fact, mention: dict, text: Words) -> str:
    """The named subject a value is said of, when the fact's context names someone else and the value's clause
    does not name them ("the CU won 30 to 36 seats, with the RPP on 20 to 25": 20 to 25 is the RPP's, whatever
    the sentence said before); '' otherwise. The subject is a name before the value in its clause (a relative
    clause's subject stands before it: "Brevik, which owns 14% of Halden"). Only a catalog that names its
    subject is read so."""
    entity = str(mention.get("entity") or "")
    if not entity:
        return ""
    names = _names(fact.context, text)
    if not names or any(name.lower() in entity or entity in name.lower() for name in names):
        return ""
    start = int(mention["start"])
    clause_start = int(mention.get("clause_start", mention["sentence_start"]))
    clause_end = int(mention.get("clause_end", mention["sentence_end"]))
    if _RELATIVE_CLAUSE.match(text.text, clause_start) or _find_term(names, text.text, clause_start, clause_end):
        return ""
    found = re.compile(rf"(?<!\w){re.escape(entity.split()[0])}", re.IGNORECASE).search(text.text, clause_start, start)
    if found is None or not text.text[found.start() - 1:found.start()].isspace():
        return ""   # no name before the value, or one glued to a mark ("in 2016,REF with 10"): a reference
    words = re.findall(r"[A-Za-z][\w'-]*", text.text[int(mention["sentence_start"]):int(mention["sentence_end"])])
    if sum(word[0].isupper() for word in words) >= TITLE_CASE_SHARE * len(words):
        return ""   # a headline in title case: every word looks like a name
    return entity


def _had_by_subject(mention: dict, text: Words) -> bool:
    """ "The union now has 15 members", "there are 31 countries in the alliance": a subject having N of
    something, or N of them being there, states the whole."""
    index = text.word_at_or_after(int(mention["start"])) - 1
    while index >= 0 and text.lower[index] in ADVERBS_BEFORE_TOTAL:
        index -= 1
    if index >= 1 and text.lower[index] in ("are", "were", "is", "was") and text.lower[index - 1] == "there":
        return text.spans[index - 1][0] >= int(mention["sentence_start"])   # "there are now 31 countries in it"
    return index >= 0 and text.lower[index] in VERBS_OF_TOTAL and text.spans[index][0] >= int(mention["sentence_start"])


def _fraction(mention: dict) -> bool:
    """ "under half of its members", "a third": a share of something, never a number of things."""
    values = [v for v in (mention["low"], mention["high"]) if v is not None and v == v]
    return bool(values) and all(0 < float(v) < 1 for v in values)


def _bare_number_counts(mention: dict) -> bool:
    return mention["qualifier"] != "exact" or any(ch.isdigit() for ch in str(mention["value_text"]))


def _unit_word_distance(units, mention: dict, text: Words) -> int | None:
    """A bare number takes the nearest unit word of its sentence before it ("the crane count ... rose to 94"),
    counted in words, further when it lies beyond the value's clause or another value; None when none. A
    semicolon ends the search: the clause after it has a subject of its own ("few turbines; the regulator
    approved 14")."""
    sentence_start, start = int(mention["sentence_start"]), int(mention["start"])
    semicolon = text.text.rfind(";", sentence_start, start)
    sentence_start = max(sentence_start, semicolon + 1)
    first = text.word_at_or_after(sentence_start)
    value_first = text.word_at_or_after(start)
    clause_start = int(mention.get("clause_start", sentence_start))
    for index in range(value_first - 1, first - 1, -1):
        word = text.lower[index]
        # "reports of overheating had risen to 287": a word the grammar keeps from nouns for its verb ("the
        # ministry reports 40") is still the unit a catalog names
        if (lemma(word) or word) in units or word.endswith("s") and word[:-1] in units:
            words = value_first - index
            offset = text.spans[index][0]
            if offset < clause_start or _value_between(text, offset, mention):
                words += BEYOND
            return words
    return None


def _cue_matches(cue: str, mention: dict, text: Words) -> tuple[int, int] | None:
    """The span the cue's words and the value cover when the cue matches around the value, else None. A cue
    never reaches over another value: "the crowd was 52,300, some 4,000 short" gives the crowd 52,300 only."""
    before, _, after = cue.lower().partition("{value}")
    sentence = (int(mention["sentence_start"]), int(mention["sentence_end"]))
    left_limit = text.word_at_or_after(sentence[0])
    right_limit = text.word_at_or_after(sentence[1])
    position = text.word_at_or_after(int(mention["start"]))
    leading = _cue_words(before)
    opener = str(mention["value_text"]).split()[0].lower() if str(mention["value_text"]).split() else ""
    if leading and leading[-1] == opener:
        leading = leading[:-1]    # "on sale since {value}" with the value "since 3 March": its own word
    reach = _match_words(leading[::-1], text, position, -1, left_limit)
    start = text.spans[reach][0] if reach is not None and reach < position else int(mention["start"])
    if reach is None or _value_between(text, start, mention):
        return None
    position = text.word_at_or_after(int(mention["end"]))
    trailing = _cue_words(after)
    closer = re.split(r"[\s\-]+", str(mention["value_text"]).lower())[-1]
    if trailing and trailing[0] == closer:
        trailing = trailing[1:]   # "a {value}-magnitude" with the value "6.6-magnitude": its own word
    reach = _match_words(trailing, text, position - 1, +1, right_limit)
    if reach is None:
        return None
    end = text.spans[reach][1] if reach >= position else int(mention["end"])
    if reach >= position and _value_between(text, text.spans[reach][0], mention):
        return None
    return start, end


def _cue_words(part: str) -> list[str]:
    return [w if w == "..." else w.replace("\u2019", "'") for w in re.findall(r"\.\.\.|[^\W_]+(?:['\u2019.\-][^\W_]+)*", part)]


def _match_words(words: list[str], text: Words, position: int, step: int, limit: int) -> int | None:
    """Find `words` in order walking from `position` in direction `step`, within the sentence; the index of
    the last word matched (`position` itself when `words` is empty), or None."""
    gap = DEFAULT_GAP
    for word in words:
        if word == "...":
            gap = ELLIPSIS_GAP
            continue
        for distance in range(1, gap + 2):
            index = position + step * distance
            if (step < 0 and index < limit) or (step > 0 and index >= limit):
                return None
            if _same_word(text.lower[index], word):
                position = index
                break
        else:
            return None
        gap = DEFAULT_GAP
    return position


def _same_word(token: str, word: str) -> bool:
    """A cue word matches the token, its possessive ("Saturday's final") or a part of a hyphenated word
    ("the 30-nation alliance")."""
    if token == word:
        return True
    if token.endswith(("'s", "s'")) and token[:-2] == word:
        return True
    return "-" in token and word in token.split("-")


_SPAN_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
               "eleven": 11, "twelve": 12, "eighteen": 18, "twenty-four": 24}
_SPAN = re.compile(r"(?:the\s+)?(?:next|past|last|coming|following)\s+(\d{1,3}|[a-z-]+)\s+(day|week|month|year)s",
                   re.IGNORECASE)


def _span_length(mention: dict) -> tuple[int, str] | None:
    """(amount, unit) of a date that is a stretch told by its length ("the next 18 months", "the past two
    years"), else None."""
    match = _SPAN.fullmatch(str(mention["value_text"]))
    if match is None:
        return None
    amount = int(match.group(1)) if match.group(1).isdigit() else _SPAN_WORDS.get(match.group(1).lower())
    return (amount, match.group(2).lower()) if amount else None
