"""What a number counts when its noun is not right after it.

| wording                                            | counts                                         |
| -------------------------------------------------- | ---------------------------------------------- |
| one of its primary running backs, all 11 of his points, four of their last five games, all 14 of Brenmarch's hospitals, nine of the council's 13 members | the noun after the determiner |
| two of them, 352 of them (after "507 total yards") | what the last count before it counted; people when nothing did |
| 37 of the candidates in A, 46 in B; losing 14 or more (after "10 games") | the noun of the last count of the sentence |
| The three met for two hours                        | people                                         |
| a four time nominee, a 2-Time champion             | times                                          |
| a vote of 9 in favour and 4 opposed, 3 abstaining  | votes                                          |
| put the magnitude at 6.4, estimated the crowd at 70 | magnitude / crowd: what the verb put at the value |
| bringing the number of birds destroyed to 94,000    | the plural noun after "number of" ("total of", "tally of") |
| the deal is worth 40 million (a "$" elsewhere in the text) | money in the currency the text writes with a sign |
| weighing 2.96 pounds (1.35 kg), 30 pounds of fat   | pounds of mass (lb), not money                 |
| one another                                        | nothing                                        |
"""
from __future__ import annotations

import re

from checker.mentions import quantities as Q
from checker.mentions.date_forms import _rx

# "four of their last five games", "all 14 of Brenmarch's hospitals", "two of the city's bridges": a determiner or a
# possessive before the noun counted
_OF_DETERMINER = re.compile(r"\s+of\s+(?:the|its|their|his|her|our|my|your|these|those|all\s+the|"
                            r"(?:the\s+)?[A-Za-z][\w-]*['’]s)\s+", re.I)
# "11 of 13 samples", "313 of 2,190 guests": the whole told by its number alone
_OF_NUMBER = re.compile(r"\s+of\s+(?=\d[\d,]*\s+[a-z])", re.I)
_OF_PRONOUN = re.compile(r"\s+of\s+(?:them|those|these)\b", re.I)
# a number with nothing after it but a preposition or the clause's end: its noun was said before
_ELLIPSIS_AFTER = re.compile(r"\s*(?:$|[.,;:)]|(?:in|on|at|from|for|with|by|during|against|or|and|were|are|have|had|"
                             r"remain|remained)\b)", re.I)
_ELLIPSIS_BEFORE = re.compile(r"(?:,|\band|\bor|\bwhile|\bafter|\blosing|\bwinning|\bwith)\s+$", re.I)
_PEOPLE_AFTER = re.compile(r"\s+(?:have|had|were|are|will|would|met|went|came|left|said|told|spoke|agreed|[a-z]{3,}ed)\b")
_WORD = re.compile(r"\s*([A-Za-z][A-Za-z'’-]*)")
# The side a number of votes took: "9 in favour and 4 opposed", "passed 52 to 48 ... with 3 abstaining"
_VOTE_SIDE = re.compile(r"\s+(?:in\s+favou?r|opposed|abstaining|abstained|abstentions?)\b", re.I)
_WHOLE_NUMBER = re.compile(r"\s*\d[\d,]*(?=\s+[A-Za-z])")
_TIMES_AFTER = re.compile(r"[\s-]time\b(?!\s+(?:to|for|in|of|when|since|that)\b)", re.I)


def of_determiner(text: str, pos: int):
    """ "one of its primary running backs": (start, end, lemma) of the first plural noun in the four words after
    "of" and a determiner, or None."""
    match = _OF_DETERMINER.match(text, pos) or _OF_NUMBER.match(text, pos)
    if match is None:
        return None
    at = match.end()
    for _ in range(4):
        # "nine of the council's 13 members": the whole's own number stands before its noun
        number = _WHOLE_NUMBER.match(text, at)
        if number is not None:
            at = number.end()
        word = _WORD.match(text, at)
        if word is None or word.group(1).lower() in Q.NOT_NOUNS:
            return None
        raw = word.group(1)
        noun = Q.lemma(raw) if not raw.isupper() or len(raw) <= 2 else None   # "GPS" is no plural of a "GP"
        if noun and "-" not in raw:
            return word.start(1), word.end(1), noun
        at = word.end()
    return None


def of_pronoun(text: str, pos: int, previous, sentence_start: int):
    """ "two of them": (kind, unit) of the last count before it in this or the previous sentence, else people."""
    match = _OF_PRONOUN.match(text, pos)
    if match is None:
        return None
    window = max(0, sentence_start - 300)
    for mention in reversed(previous):
        if mention.start < window:
            break
        if mention.kind in ("count", "quantity") and mention.unit and mention.end <= pos:
            return mention.kind, mention.unit, match.end()
    return "count", "person", match.end()


def ellipsis(text: str, start: int, end: int, previous, sentence_start: int):
    """ "37 of the candidates in A, 46 in B": the (kind, unit) of the sentence's last count, or None."""
    if not _ELLIPSIS_AFTER.match(text, end) or not _ELLIPSIS_BEFORE.search(text, max(sentence_start, start - 12), start) \
            or not previous or previous[-1].end < sentence_start:
        return None
    for mention in reversed(previous):
        if mention.start < sentence_start:
            return None
        if mention.kind in ("count", "quantity") and mention.unit and mention.end <= start:
            return mention.kind, mention.unit
    return None


def the_people(text: str, start: int, end: int, sentence_start: int) -> bool:
    """ "The three met for two hours": a number standing for people, at the start of its sentence."""
    before = text[sentence_start:start].strip(" \t\"'“")
    return before.lower() == "the" and _PEOPLE_AFTER.match(text, end) is not None


def times_after(text: str, end: int):
    """ "a four time nominee", "2-Time champion": the match of the singular "time" after the number."""
    return _TIMES_AFTER.match(text, end)


_NAMED_MEASURE = re.compile(r"\b(?:put|puts|putting|set|sets|estimated?|estimates|estimating|placed|places|pegged|pegs|"
                            r"measured|rated|recorded)\s+(?:the\s+|its\s+|their\s+)?(?:([a-z]+)\s+)?([a-z]+)\s+at\s+$",
                            re.I)
_MEASURES = frozenset("magnitude speed height depth temperature distance length width weight level".split())
_PEOPLE = frozenset("crowd turnout attendance audience".split())
_NOT_COUNTS = frozenset("price cost value bill budget fine bid rate odds chance chances probability risk time date "
                        "age score".split())


# "bringing the number of birds destroyed since the outbreak began to 94,000", "the total of confirmed cases rose
# to 412", "the number of people evacuated stood at 3,100": the figure counts the noun after "number of"
_NUMBER_OF = re.compile(r"\b(?:number|total|tally|count)\s+of\s+([a-z]+(?:\s+[a-z]+){0,2})\b[^.;:!?\d]{0,60}?\b(?:to|at)\s+$",
                        re.I)


def number_of(text: str, start: int):
    """("count", unit) of a figure said "to" or "at" after "the number of <plural noun>", or None."""
    match = _NUMBER_OF.search(text, max(0, start - 110), start)
    if match is None:
        return None
    for word in match.group(1).split():      # "the number of newly infected birds": the first plural noun
        if word.lower() in Q.NOT_NOUNS:
            return None
        if (noun := Q.lemma(word)) is not None:
            return "count", noun
    return None


def named_measure(text: str, start: int):
    """ "put the magnitude at 6.4", "put the death toll at 41": (kind, unit) from the noun the verb put at the
    value (a toll counts what its modifier names, a crowd people), or None."""
    match = _NAMED_MEASURE.search(text, max(0, start - 60), start)
    if match is None:
        return None
    noun, modifier = match.group(2).lower(), (match.group(1) or "").lower()
    if noun in Q.NOT_NOUNS or noun in _NOT_COUNTS:
        return None
    if noun in _MEASURES:
        return "quantity", noun
    if noun in _PEOPLE:
        return "count", "person"
    if noun == "toll":
        return ("count", modifier) if modifier and modifier not in Q.NOT_NOUNS else None
    return "count", Q.lemma(noun) or noun


_MONEY_CUE = re.compile(r"\b(?:worth|costs?|costing|priced?|prices|paid|pays?|paying|fined?|budget|revenues?|sales|"
                        r"profits?|bid|offers?|offered|salary|valued|raised|raising|spent|spend|spending|fund|funding|"
                        r"loans?|debts?|deal)\s+(?:of\s+|at\s+|for\s+|to\s+|about\s+|around\s+|nearly\s+|some\s+|"
                        r"over\s+|more\s+than\s+|an\s+estimated\s+)?$", re.I)
_SIGNS = {"$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "₹": "INR"}


def money_cue_before(text: str, start: int) -> bool:
    """ "worth 40 million", "paid 2.5m": a money word right before a scaled number."""
    return _MONEY_CUE.search(text, max(0, start - 40), start) is not None


def text_currency(text: str) -> str:
    """The currency a text writes with a sign (the most frequent), or "" when it writes none: the sign a
    scraper lost before one amount is the one the others keep."""
    counts = {code: text.count(sign) for sign, code in _SIGNS.items()}
    best = max(counts, key=counts.get)
    return best if counts[best] else ""


_WEIGHT = re.compile(r"\b(?:weigh\w*|weight\w*|kg|kilos?|kilograms?|lbs?|ounces?|overweight|obese)\b", re.I)


class CountedNouns:
    """A mixin of checker.mentions.scan.Scanner (through number_phrase.NumberPhrase): the readings above, for
    finish_number. The scanner supplies text, out, sentences, clauses and currency."""

    def context_unit(self, start, value_start, end, numeral):
        """(kind, unit) a bare number takes from the words around it, or None."""
        text = self.text
        if text[max(0, start - 3):start] == "at " and (named := named_measure(text, start)):
            return named
        if text[max(0, start - 3):start] in ("to ", "at ") and (counted := number_of(text, start)):
            return counted
        if (numeral.suffix or numeral.value >= 1e6) and money_cue_before(text, start):
            if self.currency is None:
                self.currency = text_currency(text)
            if self.currency:
                return "money", self.currency
        return None

    def counted_elsewhere(self, start, value_start, end, pos, low):
        """(kind, unit, noun start, noun end) of a number whose noun is not right after it, or None."""
        text = self.text
        if text.startswith(" of ", pos) or text.startswith(" Of ", pos):
            if (found := of_determiner(text, pos)) is not None:
                return "count", found[2], found[0], found[1]   # "one of its running backs"
            found = of_pronoun(text, pos, self.out, self.sentences.around(value_start)[0])
            return (found[0], found[1], -1, -1) if found else None     # "two of them"
        if low is not None and low > 1 and "ime" in text[pos + 1:pos + 6] and (times := times_after(text, pos)):
            return "count", "time", times.end() - 4, times.end()   # "a four time nominee"
        if low is not None and float(low).is_integer() and _VOTE_SIDE.match(text, pos):
            return "count", "vote", -1, -1     # "a vote of 9 in favour and 4 opposed" (the side stays a word of the clause)
        if not self.out and text[start - 4:start].lower() != "the ":
            return None
        sentence_start = self.sentences.around(value_start)[0]
        if the_people(text, start, end, sentence_start):
            return "count", "person", -1, -1                # "The three met"
        if (found := ellipsis(text, start, end, self.out, sentence_start)) is not None:
            return found[0], found[1], -1, -1               # "37 of the candidates in A, 46 in B"
        return None

    def weighed(self, cur, value_start) -> bool:
        """Whether "pounds" after a number weighs: a weight word in its clause, a mass beside it ("(1.35 kg)"),
        or "pounds of" something."""
        if (cur.group(1) or "").lower() not in ("pound", "pounds"):
            return False
        text = self.text
        if _rx(r"\s*(?:\(\s*[\d.,]+\s*(?:kg|kilo)|of\s+(?!(?:the|his|her|their|its|our|public|taxpayers)\b)[a-z])",
               re.I).match(text, cur.end()):
            return True
        left, right = self.clauses.bounds(value_start, cur.end(), *self.sentences.around(value_start))
        return _WEIGHT.search(text, left, right) is not None
