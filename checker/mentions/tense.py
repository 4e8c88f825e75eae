"""Whether a clause speaks of the past or the future, for dates that name a recurring period without its year
("in the summer", "on Labor Day", "over the weekend", "on the 24th"). Nearest to the published date is right
only near it: published in March, "the celebrations for Independence Day drew 10,000 people" is last July,
"the deck should be joined in the autumn" next autumn. Read by checker.mentions.deictic_dates and
checker.mentions.calendar_forms.

The value's own clause is read first, then the whole sentence; a future cue wins over a past one ("officials
said the plan would be published in the summer"). No cue at all (a generic present: "in the summer the
population triples") is None, and so is a past act that looks forward ("postponed until the autumn").
"""
from __future__ import annotations

import functools
import re

from checker.mentions.modality import PROPOSAL, clause_bounds

_FUTURE = re.compile(
    r"(?:\b(?:will|shall|would|should|could|might|(?-i:may)|going\s+to|plans?\s+to|planned|planning\s+to|"
    r"intends?\s+to|aims?\s+to|(?:aim|goal|target|plan)\s+is|expects?|expected|forecasts|predicted|likely\s+to|"
    # "forecast" is its own past after a subject ("the 1.6% it forecast in March")
    r"(?<!\bit\s)(?<!\bwe\s)(?<!\bhe\s)(?<!\bshe\s)(?<!\bthey\s)(?<!\bwhich\s)(?<!\bwho\s)forecast|"
    r"hopes?\s+to|"
    + PROPOSAL + r"|"   # a proposal: what it asks for is to come (modality.PROPOSAL)
    r"(?:is|are)\s+(?:scheduled|due|set|slated)|scheduled\s+for|upcoming|coming|next|tomorrow|from\s+now|"
    r"(?:scheduled|due|set|slated)\s+to\s+(?!the\b|a\b|an\b)[a-z]+|"   # a headline's "hospital set to open in November"
    # a plan that was made: "had been due to close on July 31", "was scheduled to reopen on 2 March"
    r"(?:was|were|been)\s+(?:scheduled|due|set|slated)\s+to)\b|'ll\b)",
    re.I)
_IRREGULAR_PAST = (
    "was were had did ago yesterday last previously said told took fell rose drew spoke met went came began saw "
    "won lost held made got gave left brought became sold paid ran knew thought found kept led struck broke wrote "
    "chose flew grew sank shot stood swept sent spent built caught fought taught bought felt meant dealt drove rode "
    "froze hung slid swore tore wore woke forgot hid rang sang swam threw underwent withdrew overtook sought fled "
    "stuck stole arose ate fed bled")
# a verb in -ed, unless an adjective or a present passive: "the delayed vote", "Kestria's delayed hospital", "is
# based", "a hundred", "need"
_ED = re.compile(r"(?<!\bis\s)(?<!\bare\s)(?<!\bbe\s)(?<!\bthe\s)(?<!\ban\s)(?<!\ba\s)(?<!'s\s)(?<!\u2019s\s)"
                 r"\b(?!(?:hundred|united|limited|based|related|so-called|indeed|naked|sacred|wicked|kindred|"
                 r"detailed|advanced|red|bed|shed|wed|\w*eed)\b)[a-z]{2,}ed\b", re.I)
# The present of a timetable: a scheduled event told in the simple present with a day of the week ("the club open
# their season at home on Saturday", "talks resume on Monday") speaks of the next such day. Only for a weekday: with
# a season or a holiday the simple present is as often a habit ("roads close during winter", "stores close early on
# Thanksgiving"). Read where the clause has no past or future word; not after an article or a possessive ("the start
# of", "its close"), nor after a form of "be" ("the museum is open": a state, not the event).
_SCHEDULED = re.compile(
    r"(?<!\bthe\s)(?<!\ba\s)(?<!\ban\s)(?<!\bits\s)(?<!\btheir\s)(?<!\bhis\s)(?<!\bher\s)(?<!\bour\s)"
    r"(?<!\bis\s)(?<!\bare\s)(?<!\bbe\s)(?<!\bwas\s)(?<!\bwere\s)(?<!\bbeen\s)"
    r"\b(?:opens?|begins?|starts?|resumes?|reopens?|closes?|ends?|returns?|travels?|hosts?|faces?|meets?|plays?|"
    r"visits?|kicks?\s+off|launch(?:es)?|arrives?|departs?|takes?\s+effect|premieres?|airs|expires?|convenes?|"
    r"debuts?)\b",
    re.I)
_UNTIL_BEFORE = re.compile(r"\b(?:until|till|to)\s+(?:the\s+)?$", re.I)
_PAST = re.compile(rf"\b(?:{'|'.join(_IRREGULAR_PAST.split())}|ha(?:s|ve)\s+been)\b|{_ED.pattern}", re.I)


# A second predicate joined after the value ("the strike began on November 3 and had been planned to last ten
# days") has its own tense: the value's is its verb's ("began"), and the words after the joint are not read.
_NEXT_PREDICATE = re.compile(r"\s(?:and|but|or)\s+(?:then\s+)?(?:had|has|have|was|were|is|are|will|would|could|should|"
                             r"may|might|can|did|does|do)\b", re.I)


def _own_words(right: str) -> str:
    joint = _NEXT_PREDICATE.search(right)
    return right if joint is None else right[:joint.start()]


@functools.lru_cache(maxsize=4096)
def _tense_of(clause: str, sentence: str) -> str | None:
    for part in (clause, sentence):
        if _FUTURE.search(part):
            return "future"
        if _PAST.search(part):
            return "past"
    return None


# A verb in the past right before the day it dates governs it, whatever future its clause tells after ("voted on
# Tuesday night to build 1,200 homes over the next eight years": the vote was last Tuesday); not a participle
# after an auxiliary of the future or a passive ("will be held on", "is expected on").
_VERB_BEFORE = re.compile(r"(?:^|[^\w'])(?:(\w+)\s+)?(\w+)\s+(?:(?:on|last|late|early|earlier|in)\s+){0,2}$")
_IRREGULAR_PAST_WORDS = frozenset(_IRREGULAR_PAST.split()) - {"was", "were", "had", "did", "ago", "yesterday", "last",
                                                              "previously"}
_NOT_FINITE_BEFORE = frozenset("will would shall should could can may might must be been being to is are am 'll "
                               "not never".split())


def _past_verb_before(text: str, start: int, sentence_start: int) -> bool:
    match = _VERB_BEFORE.search(text, max(sentence_start, start - 40), start)
    if match is None:
        return False
    verb = match.group(2).lower()
    if verb not in _IRREGULAR_PAST_WORDS and not _ED.fullmatch(match.group(2)):
        return False
    return (match.group(1) or "").lower() not in _NOT_FINITE_BEFORE


def tense(text: str, start: int, end: int, sentence_start: int, sentence_end: int) -> str | None:
    """ "future", "past" or None for the clause around text[start:end] (the value's own words left out)."""
    if _past_verb_before(text, start, sentence_start):
        return "past"
    left, right = clause_bounds(text, start, end, sentence_start, sentence_end)
    clause = text[left:start] + " " + _own_words(text[end:right])
    sentence = text[sentence_start:start] + " " + _own_words(text[end:sentence_end])
    when = _tense_of(clause, sentence)
    if when == "past" and _UNTIL_BEFORE.search(text, max(0, start - 12), start):
        return None       # "adjourned the hearing until the 21st": a past act that looks forward
    return when


def clause_tense(text: str, start: int, end: int, sentence_start: int, sentence_end: int,
                 bounds: tuple[int, int] | None = None) -> str | None:
    """As tense(), from the value's own clause only: for a day written without its year, which another clause
    of the sentence ("tickets sold ...; the week of April 10th is full") says nothing about. `bounds`: the
    clause's, when the caller has them (Clauses.bounds)."""
    if _past_verb_before(text, start, sentence_start):
        return "past"
    left, right = bounds or clause_bounds(text, start, end, sentence_start, sentence_end)
    when = _tense_of(text[left:start] + " " + _own_words(text[end:right]), "")
    if when == "past" and _UNTIL_BEFORE.search(text, max(0, start - 12), start):
        return None
    return when


def weekday_tense(text: str, start: int, end: int, sentence_start: int, sentence_end: int) -> str | None:
    """clause_tense() for a day of the week, a timetable's present ("open on Saturday") read as the future."""
    left, right = clause_bounds(text, start, end, sentence_start, sentence_end)
    when = clause_tense(text, start, end, sentence_start, sentence_end, bounds=(left, right))
    if when is None and _SCHEDULED.search(text[left:start] + " " + _own_words(text[end:right])):
        return "future"
    return when


def occurrence(make, ref, when: str | None):
    """Of last year's, this year's and next year's occurrence ((low, high) = make(year)): the one a clause in
    that tense speaks of — the latest not after the reference for the past, the earliest not before it for the
    future, else the nearest."""
    spans = [make(year) for year in (ref.year - 1, ref.year, ref.year + 1)]
    if when == "past":
        before = [span for span in spans if span[0] <= ref]
        if before:
            return before[-1]
    elif when == "future":
        after = [span for span in spans if span[1] >= ref]
        if after:
            return after[0]

    def distance(span):
        return 0 if span[0] <= ref <= span[1] else min(abs((span[0] - ref).days), abs((span[1] - ref).days))
    return min(spans, key=distance)
