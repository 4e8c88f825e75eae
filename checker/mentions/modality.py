"""The manner in which a value is stated, read from the words of its clause.

A clause runs between , ; : and dashes inside the sentence. Cues are looked for in the value's own
clause (after the value only when the cue is its own verb, before another phrase opens: see _cue_after). An
earlier clause's projected, planned or hedged cue reaches a clause with no verb of its own ("the Nationals
reportedly bid $160 million, the Orioles $150 million"), not one that has a verb ("likely to end tonight - the
team is still two games back"). After "and"/"but", a value followed by its own verb opens a new clause ("prices
will fall and 8GB is an option"). Cues in LATER clauses never count ("..., which the ministry denies").
Negation ("has not met since 2022") is not denial, and a date is denied only by "denied that ...".

| modality  | cue words |
| --------- | --------- |
| denied    | deny/denies/denied, rejects the claim, dismissed reports, refuted, baseless, "reports that N ... are not correct / false" |
| projected | could, might, may, would, expected to, forecast, projected, likely to, on track to, as soon as next ..., will ... around N (an estimate), a poll's or survey's figure told with put/gave/predicted (not its sample or margin of error) |
| planned   | the original (date or figure), the figure after "instead of" / "rather than", a proposal (recommended/proposed/suggested/urged + -ing or "that"), will (not the name "Will Carden", not "will be remembered for"), shall, 'll, plans to, is scheduled/due/set/slated to, set/due/scheduled for, is to, intends to, aims to, going to |
| hedged    | reportedly, allegedly, is said to, unconfirmed, rumoured, estimated, believed to, claims, preliminary, provisional, probably, possibly, perhaps, a claim relayed ("aware of reports on social media that ...", "amid rumours that ...") |
| corrected | the value a correction withdraws: "an earlier version of this article said 61%", "Correction: In Tuesday's edition we said ... 4,800", "3.2, not 2.3"; a first reading since revised: "initially measured at 6.8" |
| reported  | none of the above |
"""
from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from operator import itemgetter, methodcaller

from checker.mentions.wordtrie import word_trie

# A proposal: what it asks for is to come, and planned ("recommended moving the race to April", "proposed that it
# close"); tense.py reads it as the future too
PROPOSAL = r"(?:recommend|propos|suggest|urg|advis)(?:e|es|ed|ing|s)?\s+(?:that|[a-z]{3,}ing)"

_CUES = [
    ("denied", re.compile(r"\b(?:den(?:y|ies|ied|ying)|(?:reject|dismiss|refut)\w*\s+(?:the\s+|these\s+|such\s+)?"
                          r"(?:claims?|reports?|allegations?|figures?|accounts?)|refuted|baseless|no\s+truth)\b", re.I)),
    ("projected", re.compile(r"\b(?:could|might|(?-i:may)|would|expected\s+(?:to|on|in|by|at|within|around|an?(?=\s))|expects?|"
                             r"forecasts?|forecasted|projected|"
                             r"projections?|likely\s+to|predicted|predicts?|anticipated?|on\s+track\s+to|poised\s+to|"
                             r"as\s+soon\s+as\s+(?=next|this|tomorrow|the\s+end)|"     # "as soon as next year"
                             r"(?:will|shall)\s+(?:[a-z]+\s+)?(?=about|around|roughly|approximately|nearly|almost))\b",
                             re.I)),   # "will take around nine days": an estimate of what is to come
    ("planned", re.compile(r"(?:\b(?:(?-i:will|WILL|Will(?!\s+[A-Z][a-z]))"
                           r"(?!\s+(?:long\s+)?(?:be\s+remembered|go\s+down\s+(?:as|in)))|shall|plans?\s+to|planned|planning\s+to|"
                           r"(?:originally|initially)\s+(?:designed|intended|meant|envisaged|conceived|budgeted)|"
                           r"designed\s+to|original\s+(?=[\d$\u20ac\u00a3]|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d)|"
                           r"intends?\s+to|aims?\s+to|(?:the\s+)?(?:aim|goal|target|plan)\s+is|going\s+to|" +
                           PROPOSAL + "|"
                           r"(?:is|are|was|were)\s+(?:(?:scheduled|due|set|slated)\s+)?to\s+(?!the\b|a\b|an\b)[a-z]+|(?:scheduled|set|slated|due)\s+for)\b|'ll\b)",
                           re.I)),
    ("hedged", re.compile(r"\b(?:reportedly|allegedly|(?:is|are|was|were)\s+said\s+to|unconfirmed|unverified|rumou?red|"
                          r"(?:an\s+)?estimated|(?:we|they|officials|experts|analysts)\s+estimate|believed\s+to|"
                          r"purportedly|supposedly|claim(?:s|ed)?|probably|possibly|perhaps|"
                          r"(?:preliminary|provisional)\b(?!.*\b(?:and|but)\b))\b", re.I)),   # its own conjunct only
]
# The words each cue of _CUES must contain, on the lowercased text (stems, no \b: keep each a superset of its
# cue; a cue added above needs its words here), and the phrases no single word marks, written verb first. In an
# ASCII text a cue is searched for only where one of its words occurs (_WORDS_OF_CUE), and any cue only where
# one of all their words does (CUE_WORDS, one case-sensitive letter trie, which `re` scans far faster than four
# case-insensitive searches).
_WORDS_BY_CUE = {
    "denied": (["deny", "denies", "denied", "denying", "reject", "dismiss", "refut", "baseless", "truth"], ""),
    "projected": (["could", "might", "may", "would", "expect", "forecast", "project", "likely", "predict",
                   "anticipate", "track", "poised", "soon", "will", "shall"], ""),
    "planned": (["will", "shall", "plan", "original", "initially", "designed", "intend", "aim", "goal", "target",
                 "going", "scheduled", "slated", "'ll", "recommend", "propos", "suggest", "urg", "advis"],
                r"|(?:is|are|was|were)\s+(?:(?:scheduled|due|set|slated)\s+)?to\s|(?:set|due)\s+for"),
    "hedged": (["reportedly", "allegedly", "unconfirmed", "unverified", "rumo", "estimate", "believed",
                "purportedly", "supposedly", "claim", "preliminary", "provisional", "probably", "possibly",
                "perhaps"], r"|(?:is|are|was|were)\s+said"),
}
_WORDS_OF_CUE = {name: re.compile("(?:" + word_trie(words) + phrases + ")")
                 for name, (words, phrases) in _WORDS_BY_CUE.items()}
CUE_WORDS = sorted({word for words, _ in _WORDS_BY_CUE.values() for word in words})
_CUE_TRIE = re.compile("(?:" + word_trie(CUE_WORDS) + ")")
# With the trie, the phrases no single word marks ("is said", "were due to ", "set for"), found from the space
# after their verb (a lookbehind there): `re` skips ahead to the next whitespace, where the same phrases written
# verb first were tried at every place (a quarter of the test's instructions). With a word end after "for"
# (_CUE_PHRASE) or without (_CUE_PHRASE_ANYWHERE: what it finds in a piece of a text it finds in the whole, so a
# sentence where neither it nor the trie finds anything has no piece where a cue can match).
_PHRASES = (r"\s(?:(?:(?<=is\s)|(?<=are\s)|(?<=was\s)|(?<=were\s))\s*(?:said|(?:(?:scheduled|due|set|slated)\s+)?to\s)"
            r"|(?:(?<=set\s)|(?<=due\s))\s*for")
_CUE_PHRASE = re.compile(_PHRASES + r"\b)")
_CUE_PHRASE_ANYWHERE = re.compile(_PHRASES + ")")


def _may_hold_cue(lowered: str) -> bool:
    """Whether any cue may match in a lowercased ASCII text (False: none can)."""
    return _CUE_TRIE.search(lowered) is not None or _CUE_PHRASE.search(lowered) is not None


_CLAUSE_BREAK = re.compile(r"[,;:\u2014\u2013]|\s-\s|\(|\)")
# _CLAUSE_BREAK where _numeric_comma is false: a comma with a decimal digit on both sides is none
# (every alternative opens with its character, so `re` skips ahead to the next one fast)
_BREAK_OUTSIDE_NUMBERS = re.compile(r",(?:(?<!\d,)|(?!\d))|[;:\u2014\u2013]|\s-\s|\(|\)")
_SPACED_DASH = re.compile(r"\s-\s")
_SPAN, _FIRST, _SECOND = methodcaller("span"), itemgetter(0), itemgetter(1)
_INHERITED = ("projected", "planned", "hedged")     # an earlier clause's cue that reaches a verbless one


def clause_bounds(text: str, start: int, end: int, sentence_start: int, sentence_end: int) -> tuple[int, int]:
    left = sentence_start
    for match in _CLAUSE_BREAK.finditer(text, sentence_start, start):
        if not _numeric_comma(text, match.start()):
            left = match.end()
    right = sentence_end
    for match in _CLAUSE_BREAK.finditer(text, end, sentence_end):
        if not _numeric_comma(text, match.start()):
            right = match.start()
            break
    return left, right


def _numeric_comma(text: str, index: int) -> bool:
    # isdecimal, not isdigit: the digits of \d (Unicode Nd), so this agrees with _BREAK_OUTSIDE_NUMBERS
    return text[index] == "," and 0 < index < len(text) - 1 and text[index - 1].isdecimal() \
        and text[index + 1].isdecimal()


def modality(text: str, start: int, end: int, sentence_start: int, sentence_end: int, kind: str | None = None) -> str:
    left, right = clause_bounds(text, start, end, sentence_start, sentence_end)
    found = _clause_modality(text[sentence_start:left], text[left:start], text[start:end], text[end:right], kind)
    return _headline_plan(text, start, left, sentence_start, sentence_end, kind) or found if found == "reported" \
        else found


# A headline tells a plan with a bare infinitive: "Brasklund to cut 1,200 jobs, shut two plants" (will cut, will
# shut). A headline is a line of its own with no full stop; the infinitive governs the value's clause, or the bare
# verb that opens it after a comma when the line's subject is told "to" do something before.
_HEADLINE_TO = re.compile(r"\bto\s+(?!(?:the|a|an|its|their|his|her|be|about|around|some|nearly|almost|over|more|"
                          r"date)\b)[a-z]+\s+$")
_BARE_VERB = re.compile(r"^\s*(?!(?:the|a|an|its|their|and|but|as|with|from|for|in|on|at|by|after|before)\b)[a-z]+\s+$")
_TO_VERB = re.compile(r"\bto\s+[a-z]+\b")


def _headline_plan(text: str, start: int, left: int, sentence_start: int, sentence_end: int, kind) -> str | None:
    if kind == "date" or start - left > 60:
        return None
    line_start = sentence_start == 0 or text[sentence_start - 1] == "\n"
    line = text[sentence_start:sentence_end].rstrip().rstrip("'\"”’)").rstrip()
    if not line_start or not line or line[-1] in ".!?:;" or "\n" in line or \
            sentence_end < len(text) and text[sentence_end:sentence_end + 1] not in ("\n", "") and text[sentence_end:].strip():
        return None
    own = text[left:start]
    if _HEADLINE_TO.search(own) or _BARE_VERB.match(own) and _TO_VERB.search(text, sentence_start, left):
        return "planned"
    return None


class Clauses:
    """modality() for many values of one text: the clause breaks are found once, then looked up by bisection.

    Same answers as clause_bounds: a break found in the whole text is one found in a window of it, unless a
    three-character break (" - ") straddles the window's start; there the window is searched as before."""

    def __init__(self, text: str):
        self.text = text
        self.straddled: set[int] = set()
        self.plain: dict[tuple[int, int], str] = {}    # (sentence start, end) -> _sentence_state of it
        # The breaks as _CLAUSE_BREAK finds them less the commas of numbers, found by one regex with no Python
        # step a match (a loop calling _numeric_comma at each was 2.6% of extraction).
        spans = list(map(_SPAN, _BREAK_OUTSIDE_NUMBERS.finditer(text)))
        self.starts, self.ends = list(map(_FIRST, spans)), list(map(_SECOND, spans))
        for match in _SPACED_DASH.finditer(text):     # the only break longer than a character
            self.straddled.update(range(match.start() + 1, match.end()))

    def bounds(self, start: int, end: int, sentence_start: int, sentence_end: int) -> tuple[int, int]:
        """clause_bounds(), looked up in the breaks found once."""
        if sentence_start in self.straddled or end in self.straddled:
            return clause_bounds(self.text, start, end, sentence_start, sentence_end)
        index = bisect_right(self.ends, start) - 1          # the last break ending by the value's start
        left = self.ends[index] if index >= 0 and self.starts[index] >= sentence_start else sentence_start
        index = bisect_left(self.starts, end)               # the first break from the value's end on
        right = self.starts[index] if index < len(self.starts) and self.ends[index] <= sentence_end else sentence_end
        return left, right

    def modality(self, start: int, end: int, sentence_start: int, sentence_end: int, kind: str | None = None) -> str:
        text = self.text
        state = self.plain.get((sentence_start, sentence_end))
        if state is None:
            state = self.plain[sentence_start, sentence_end] = _sentence_state(text[sentence_start:sentence_end])
        left, right = self.bounds(start, end, sentence_start, sentence_end)
        if state is _PLAIN:     # no cue, correction or "not" anywhere in the sentence: none in any clause
            return _headline_plan(text, start, left, sentence_start, sentence_end, kind) or "reported"
        found = _clause_modality(text[sentence_start:left], text[left:start], text[start:end], text[end:right], kind,
                                 may_correct=state is _CORRECTABLE)
        return _headline_plan(text, start, left, sentence_start, sentence_end, kind) or found if found == "reported" \
            else found


_PLAIN, _CUED, _CORRECTABLE = "plain", "cued", "correctable"


def _sentence_state(sentence: str) -> str:
    """_PLAIN when _clause_modality says "reported" for every value of this sentence without reading it: every
    piece it reads (the clauses before, the value's clause, the value) lies in the sentence, and in an ASCII
    sentence whatever its tests (_may_correct, "not", _cues_held) find in a piece they find in the whole.
    Otherwise _CORRECTABLE when _may_correct holds of the sentence, else _CUED: _may_correct looks for words,
    so what it finds in a piece of any text it finds in the whole, and a _CUED sentence's pieces need no look."""
    lowered = sentence.lower()
    if _may_correct_lowered(lowered):
        return _CORRECTABLE
    if sentence.isascii() and "not" not in sentence and "instead" not in lowered and "rather" not in lowered \
            and "poll" not in lowered and "survey" not in lowered \
            and _CUE_TRIE.search(lowered) is None and _CUE_PHRASE_ANYWHERE.search(lowered) is None \
            and _UNTRUE_AFTER.search(lowered) is None and _RELAYED_CLAIM_BEFORE.search(lowered) is None:
        return _PLAIN
    return _CUED


# A correction note: "Correction: an earlier version of this story gave the turnout as 61%".
# "Corrections" with a capital is a name ("the Department of Corrections said 4,800 inmates"), not a note
_CORRECTION = re.compile(r"\b(?:(?:earlier|previous|prior|original)\s+version|(?-i:(?!Corrections\b)[Cc]orrections?\b)|"
                         r"(?-i:CORRECTIONS?\b)|corrected\b|incorrectly|"
                         r"wrongly|mistakenly|erroneously|misstated|misreported|misidentified|"
                         # a first reading since revised: "initially measured the quake at magnitude 6.8"
                         r"(?:initially|originally)\s+(?:measured|estimated|reported|put|gave|given|rated|recorded|"
                         r"announced|calculated|assessed|counted))", re.I)
# A correction note that tells, in a clause of its own, what was said before: "Correction: In Tuesday's edition we
# said the FNS has 4,800 members", "An earlier version of this article, published online on Monday, said the
# majority was 41,463 votes". The value is what the note withdraws when a verb of saying stands between the note's
# opening and the value, and the value's clause does not give the right figure ("; the correct figure is 14,463").
_CORRECTION_NOTE = re.compile(r"^\s*(?:correction|clarification)s?\s*[:.\-–—]|\b(?:earlier|previous|prior|original)\s+"
                              r"(?:version|edition|story|article|report)\b|\b(?:incorrectly|wrongly|mistakenly|"
                              r"erroneously)\b", re.I)
_SAID_IN_NOTE = re.compile(r"\b(?:said|stated|gave|reported|put|wrote|listed|quoted|described|misstated|misreported|"
                           r"referred\s+to|had)\b", re.I)
_RIGHT_FIGURE = re.compile(r"\b(?:correct(?:ly)?|actual(?:ly)?|in\s+fact|should\s+have|should\s+be|the\s+right)\b", re.I)


def _told_by_note(before: str, left: str) -> bool:
    note = _CORRECTION_NOTE.search(before)
    if note is None or _RIGHT_FIGURE.search(left):
        return False
    return _SAID_IN_NOTE.search(before, note.end()) is not None or _SAID_IN_NOTE.search(left) is not None


# A poll's or a survey's figure, told with a verb of estimating ("a survey published last week had put Yes on 55
# percent", "put Yes on 55 percent in its last survey", "the poll gave Labour 40 percent"): an estimate of what a count
# will be. A poll that "showed" a figure measured it ("showed the government's popularity at 20.6 percent").
_POLL = re.compile(r"\b(?:polls?|polling|surveys?)\b", re.I)
_POLL_VERB = re.compile(r"\b(?:put|puts|putting|gave|gives|giving|predicted|predicts)\b", re.I)
# what a poll measures with, not what it estimates: its sample ("a poll of 1,000 people") and margin of error
_POLL_SAMPLE = re.compile(r"\b(?:polls?|surveys?)\s+of\s+(?:about\s+|around\s+|some\s+|more\s+than\s+)?$", re.I)


_NOT_BEFORE = re.compile(r"(?:^|\W)(?:and\s+|but\s+)?not\s+(?:the\s+|as\s+)?$", re.I)


def _clause_modality(before: str, left: str, value: str, right: str, kind: str | None = None,
                     may_correct: bool = True) -> str:
    """`may_correct` False: the caller knows _may_correct(left) is (the sentence holding `left` has no such word)."""
    if may_correct and _may_correct(left) and _CORRECTION.search(left):
        return "corrected"        # "an earlier version of this article said turnout was 68.3 percent"
    if may_correct and _may_correct(before) and _told_by_note(before, left):
        return "corrected"        # "Correction: An earlier version, published on Monday, said the majority was 41,463"
    if "not" in left[-14:] and _NOT_BEFORE.search(left, max(0, len(left) - 20)):  # "3.2 billion, not 2.3 billion"
        return "corrected" if _CORRECTION.search(before + left) else "denied"
    if _UNTRUE_AFTER.search(right) and _CLAIM_THAT_BEFORE.search(left):
        return "denied"           # "reports that more than 30 were injured are not correct"
    if "that" in left and _RELAYED_CLAIM_BEFORE.search(left) and _cue_modality(before, left, value, right) != "denied":
        return "hedged"           # "aware of reports on social media that more than 40 runners were admitted"
    if ("instead" in left[-24:] or "rather" in left[-24:]) and _INSTEAD_OF_BEFORE.search(left, max(0, len(left) - 24)):
        return "planned"          # "lasted two days instead of three": the figure that was meant, not the one that held
    if kind != "date" and ("poll" in left or "survey" in left or "poll" in right or "survey" in right) \
            and _POLL.search(left + " " + right) and _POLL_VERB.search(left + " " + right) \
            and not _POLL_SAMPLE.search(left) and "margin" not in right[:30]:
        return "projected"        # "whose final poll put Yes on 55 percent": a poll's estimate, not the count
    found = _cue_modality(before, left, value, right)
    if found == "denied" and kind == "date" and not _DENIED_THAT.search(left + value + right):
        return "reported"         # "denied arson after a fire on Sunday": the denial is of the charge, not the day
    return found


# A claim that the value holds, said after it to be untrue: "Reports on social media that more than 30 passengers were
# injured are not correct", "Claims that 400 homes burned were false". The claim's noun and its "that" before the
# value, the verdict on the claim after it, in the value's clause.
_CLAIM_THAT_BEFORE = re.compile(r"\b(?:reports?|claims?|suggestions?|rumou?rs?|allegations?|accounts?|posts?|"
                                r"stories|story)\b[^,;:]{0,60}?\bthat\s[^,;:]*$", re.I)
# A claim relayed, not made: the claim's noun as a noun ("aware of reports", "amid rumours", "unconfirmed reports",
# "there were claims", "reports circulating online") and its "that" before the value: what the claim says, hedged.
# (A verb "reports" has its own subject: "the ministry reports that 40 died" is reported.)
_RELAYED_CLAIM_BEFORE = re.compile(
    r"(?:\b(?:of|amid|about|despite|following|unconfirmed|unverified|media|online|there\s+(?:are|were|have\s+been))\s+"
    r"(?:[a-z-]+\s+)?(?:reports|claims|rumou?rs|allegations|suggestions|posts|stories)\b|"
    r"\b(?:reports|claims|rumou?rs|allegations|posts|stories)\s+(?:on\s+social\s+media|online|circulating))"
    r"[^,;:]{0,60}?\bthat\s[^,;:]*$", re.I)
_UNTRUE_AFTER = re.compile(r"\b(?:is|are|was|were|have\s+been|has\s+been)\s+(?:(?:not|never)\s+(?:been\s+)?"
                           r"(?:correct|true|accurate|right)|false|untrue|wrong|incorrect|inaccurate|unfounded|"
                           r"baseless|mistaken)\b", re.I)
# The alternative a figure replaced: "ran for two days rather than the three days licensed", "instead of the 150 first
# proposed". It was the plan (or the expectation); what happened is the figure before it.
_INSTEAD_OF_BEFORE = re.compile(r"\b(?:instead\s+of|rather\s+than)\s+(?:the\s+|an?\s+|its\s+|their\s+)?$", re.I)
_DENIED_THAT = re.compile(r"\bden(?:y|ies|ied|ying)\s+(?:that|having|ever|it\s+(?:was|took))\b", re.I)


def _may_correct(text: str) -> bool:
    return _may_correct_lowered(text.lower())


def _may_correct_lowered(lowered: str) -> bool:
    return "version" in lowered or "correct" in lowered or "wrong" in lowered or "mis" in lowered \
        or "erroneous" in lowered or "mistaken" in lowered or "initially" in lowered or "originally" in lowered


def _cue_modality(before: str, left: str, value: str, right: str) -> str:
    """`left` runs from the clause's start to the value, `value` is its own words ("an estimated 40,000"),
    `right` runs from the value to the clause's end. A cue before the value governs it ("could reach 2,000"); one after it only when it is the value's
    own verb ("900 jobs will be cut"), not a verb of another phrase after the value's own verb ("two
    workers died during a strike against the planned freeze", "28 bodies were recovered and more may be
    found"), and not when the value counts what someone has ("its 870 staff will move")."""
    if _ATTRIBUTIVE_LEFT.search(left, max(0, len(left) - 8)) and _ATTRIBUTIVE_RIGHT.match(right) and (
            any(c in value for c in "$€£¥%") or _MEASURE_VALUE.search(value)):
        return _cue_in(left + value) or "reported"
    tail = left[-24:]
    conjunct = _NEW_SUBJECT.search(left, max(0, len(left) - 24)) if (
        "and " in tail or "but " in tail or "while " in tail or "whereas " in tail or "And " in tail) else None
    if conjunct and _FINITE_AFTER.match(right):
        left = left[conjunct.end():]  # "prices will fall and 8GB is an option": the value opens its own clause
    return _cue_in(left + value) or not _SAID_WHEN.search(left, max(0, len(left) - 30)) and _cue_after(
        left, right, value[-1:] in _ORDINAL_ENDS and _ORDINAL_VALUE.search(value) is not None) \
        or _inherited(before, left + value + right) or "reported"


# "The company said on Monday it would open a plant": the day of a saying; what is said after it is another clause
# (its "would" is the plant's)
_SAID_WHEN = re.compile(r"\b(?:said|says|told|announced|announces|confirmed|stated|added|warned|reported)\s+"
                        r"(?:on|in|at|late|early|earlier)\s+$", re.I)


# "Prices will eventually come down and 8GB is ...": after and/but, a value followed by its verb is a new subject.
_NEW_SUBJECT = re.compile(r"\b(?:and|but|while|whereas)\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+)?$", re.I)
_FINITE_AFTER = re.compile(r"^\s*(?:[a-z]+\s+)?(?:is|are|was|were|has|have|had|remains?|remained|stays?|stayed)\b",
                           re.I)


_OWN_VERB_BEFORE = re.compile(r"\b(?!(?:was|were|is|are|be|been|being|has|have|had|do|does|did|red|need|hundred|"
                              r"based|related|limited|united|proposed|planned|expected|scheduled|estimated|"
                              r"projected|forecasted|anticipated)\b)(?:[a-z]{3,}ed|died|fell|rose|took|went|came|"
                              r"lost|won|left|held|made|sold|paid|hit|struck|began|saw|met|said|told|found|fled)\b",
                              re.I)
# "The $1.42 billion mission remains on track to ...": a figure of money, share or measure that modifies
# the noun after it describes what that thing is now, whatever the clause then says of it.
_ATTRIBUTIVE_LEFT = re.compile(r"\b(?:the|a|an|its|their|his|her|our|this|that)\s+$", re.I)
_ATTRIBUTIVE_RIGHT = re.compile(r"^[\s-]+(?!(?:is|was|are|were|will|would|could|may|might|of|in|to|for|and|or|be)\b)"
                                r"[a-z]+(?:\s|$)")
_MEASURE_VALUE = re.compile(r"\d(?:\"|-[a-z]+)$")       # 'the 13" model', "the 15-inch model"
_POSSESSED = re.compile(r"(?:\b(?:its|their|his|her|our|my|your|of\s+the)|\w['\u2019]s?)\s+(?:\w+\s+)?$", re.I)
_ORDINAL_ENDS = frozenset("tdhTDH")
_ORDINAL_VALUE = re.compile(r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|next|"
                            r"\d+(?:st|nd|rd|th))$", re.I)
# a word that opens another verb phrase or clause: a cue after it is that phrase's ("was arrested yesterday and will
# be arraigned", "placed on IR Wednesday with an injury, meaning the team will ...")
# "planned" before the noun it classes ("planned hospital treatment", "planned operations", "a planned outage")
_ATTRIBUTIVE_PLANNED = re.compile(r"planned\s+(?!(?:to|for|on|in|at|by|with|from|as|that|and|or|but|until|before|after|"
                                  r"since|during|over|under|this|next|last|the|a|an|it|its|their)\b)[a-z]", re.I)
_ANOTHER_PHRASE = re.compile(r"\b(?:and|but|or|while|whereas|meaning|which|who|that|because|although|though|"
                             r"after|before|when|if|as|until|since)\b", re.I)


@functools.lru_cache(maxsize=8192)
def _cue_after(left: str, right: str, ordinal: bool) -> str | None:
    for name, cue in _cues_held(right):
        match = cue.search(right)
        if match is None:
            continue
        if _OWN_VERB_BEFORE.search(right, 0, match.start()) or _ANOTHER_PHRASE.search(right, 0, match.start()):
            continue      # the value's own verb came first, or another phrase began: the cue is that phrase's
        if name in ("planned", "projected") and _POSSESSED.search(left) and not ordinal:
            continue      # "its 870 staff will move": what it has now ("their first hearing is set for" is planned)
        if name == "planned" and _ATTRIBUTIVE_PLANNED.match(right, match.start()):
            continue      # "waiting to start planned treatment", "3,460 planned operations": a kind of thing, no plan
        return name
    return None


# A verb of the value's own clause: with one, an earlier clause's cue does not reach the value ("the team's
# streak is likely to end tonight - the Sixers are still two games back"); without, it does ("the Nationals
# reportedly bid $160 million, the Orioles $150 million").
_FINITE = re.compile(r"\b(?:is|are|was|were|am|has|have|had|do|does|did|can|must|should|[a-z]{3,}ed|"
                     r"fell|rose|took|went|came|lost|won|left|held|made|sold|paid|hit|struck|began|saw|met|said|"
                     r"told|found|fled|gave|got|grew|ran|sent|spent|stood|led|kept|brought|bought|built|chose|"
                     r"drew|drove|fought|knew|meant|shot|sank|swept|wrote)\b", re.I)


def _inherited(before: str, clause: str) -> str | None:
    if not before:
        return None
    found = _inherited_cue(before)
    return found if found and not _FINITE.search(clause) else None


@functools.lru_cache(maxsize=8192)       # the clause and what precedes it are cached apart: each recurs more
def _cue_in(clause: str) -> str | None:
    for name, cue in _cues_held(clause):
        if cue.search(clause):
            return name
    return None


@functools.lru_cache(maxsize=8192)
def _inherited_cue(before: str) -> str | None:
    for name, cue in _cues_held(before):
        if name in _INHERITED and cue.search(before):
            return name
    return None


def _cues_held(text: str):
    """The cues of _CUES, in their order, that may match in `text`: in an ASCII text, none where _may_hold_cue finds
    no cue word, else those whose own words (_WORDS_OF_CUE) occur, each looked for as the caller goes on;
    beyond ASCII (where case folding is not plain lowercasing), all."""
    if not text.isascii():
        yield from _CUES
        return
    lowered = text.lower()
    if not _may_hold_cue(lowered):
        return
    for name, cue in _CUES:
        if _WORDS_OF_CUE[name].search(lowered):
            yield name, cue
