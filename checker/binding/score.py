"""Whether a catalog fact accepts a mention, and how near its evidence stands: `_score`, the binder's tests.

Each test of checker.binding's list (kind, wording, unit, scope, exclude, cues, context, dates) is a function here,
asked by `_score` in that order; `_score` also says why it rejected a fact (`checker explain`). Where in the text
the words said of a value stand (its clause, a cue's span, the distance to a term) is checker.binding.clauses'.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from checker.binding.clauses import (BEYOND, FAR, _OF_NOUN_AFTER, _act_told_apart, _all_negated, _bare_number_counts,
                                     _cue_matches, _date_scope, _decided_on, _exclude_span, _find_term, _fraction,
                                     _had_by_subject, _inflected, _names, _narrowing_participle, _noun_past_whole,
                                     _said_of_another_name, _span_length, _term_distance, _term_pattern,
                                     _unit_word_distance, _whole_of_a_part, _whole_phrase)
from checker.mentions.firstword import first_letter_guard
from checker.mentions.quantities import lemma
from checker.reading import CLAUSE_BREAK, OFFSET_AFTER, OF_THEM_AFTER, SAYING, Words, dated_headings
from checker.units import factor as unit_factor

NUMERIC_FACT_KINDS = {"count": {"count", "quantity", "number"}, "quantity": {"count", "quantity", "number"},
                      "money": {"money"}, "percent": {"percent"}, "duration": {"duration"}}
PART_FLAGS = {"other", "each", "comparative", "part", "partitive"}


def _heading_line(mention: dict, text: Words) -> tuple[int, int] | None:
    """The span of the dated heading the value's section is read under (as-of basis "heading"), or None."""
    headings = getattr(text, "headings", [])
    if mention.get("as_of_basis") != "heading" or not headings:
        return None
    index = bisect_right(headings, int(mention["start"])) - 1
    if index < 0:
        return None
    end = text.text.find("\n", headings[index])
    return headings[index], len(text.text) if end < 0 else end


def _moved_from(mention: dict, text: Words) -> bool:
    """Whether the value is the one a figure just before it moved from ("up from 27.9 percent", "double the 4,096
    limit", "rose to 34.5% from 29.4%", "cut to $40 from $45")."""
    start = int(mention["start"])
    return bool(_BASELINE_BEFORE.search(text.text, max(int(mention["sentence_start"]), start - 30), start)
                or _TO_THEN_FROM.search(text.text, max(int(mention["sentence_start"]), start - 60), start))


def set_values(text: Words, mentions: list[dict]) -> None:
    """Other values' spans: a cue never jumps over one, and a word beyond one belongs to it (an ordinal is a
    word of a phrase: "for the first time in two years")."""
    text.values = sorted((int(m["start"]), int(m["end"])) for m in mentions if m["kind"] != "ordinal")
    text.value_ends = sorted(end for _, end in text.values)  # _own_clause's bisection
    text.dates = sorted((int(m["start"]), int(m["end"])) for m in mentions if m["kind"] == "date")
    # where each counted whole's noun ends ("of the seven tank wagons"): _partitive_told reads on from there
    text.noun_ends = {int(m["start"]): int(m["noun_end"]) for m in mentions
                      if m["kind"] == "count" and int(m["noun_end"]) > int(m["end"])}
    text.lowercase_terms = {}    # _names: whether a catalog term is written in lower case in this document
    # the dated headings a section's values are read under ("## [4.6.3] - 2025-01-21"): their words are the
    # section's, so a veto word there vetoes its values
    text.headings = [start for start, _, _ in dated_headings(text.text, [m for m in mentions if m["kind"] == "date"],
                                                             None)]
# A measure glued to the noun it measures ("Quellmark's eleven-year history", "a 30-year mortgage"): the value ends
# in its hyphened unit, and the noun follows
_GLUED_VALUE = re.compile(r"[\da-z]-[a-z]+$")
_GLUED_NOUN_AFTER = re.compile(r"\s+(?:[A-Z]{2,}\s+)?([a-z][a-z-]+)\b")     # "Two-dose MMR coverage"
_ALONE_BEFORE = re.compile(r"\b(?:in|at|among|from|for)\s+[^,.;:]{1,40}?\s+alone\s*,\s*(?:\w+\s+){0,2}$", re.IGNORECASE)
_ALONE_AFTER = re.compile(r"[^,.;:]{0,40}?\b(?:in|at|among|from|for)\s+[^,.;:]{1,30}?\s+alone\b", re.IGNORECASE)
_ORDINAL_BEFORE = re.compile(r"\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
                             r"\d+(?:st|nd|rd|th))\s+$", re.IGNORECASE)


def _alone(mention: dict, text: Words) -> bool:
    """ "In Varo alone, 64 people died", "64 died in Varo alone": a figure for one part, not the whole."""
    start, end = int(mention["start"]), max(int(mention["end"]), int(mention["noun_end"]))
    sentence_start = int(mention["sentence_start"])
    return bool(_ALONE_BEFORE.search(text.text, max(sentence_start, start - 70), start)
                or _ALONE_AFTER.match(text.text, end, int(mention.get("clause_end", mention["sentence_end"]))))


_THRESHOLD_AFTER = re.compile(r"\s+(?:(?:that\s+|which\s+)?(?:are|is|were|was)\s+)?(?:required|needed|necessary)\s+"
                              r"(?:to|for)\b", re.IGNORECASE)


def _threshold(mention: dict, text: Words) -> bool:
    """ "the 43 seats required to govern", "the 218 votes needed for a majority": a bar to reach, not a count of
    what there is."""
    end = max(int(mention["end"]), int(mention["noun_end"]))
    return bool(_THRESHOLD_AFTER.match(text.text, end, int(mention["sentence_end"])))


# A year the label is of ("Turnout in the 2025 election", "Revenue in 2024"), not a bound of a period the fact
# counts over ("Ferry strikes since 2018", "Meetings between 2016 and 2019").
_LABEL_YEAR = re.compile(r"(?<!\bsince )(?<!\bfrom )(?<!\bafter )(?<!\bbefore )(?<!\buntil )(?<!\bthrough )"
                         r"(?<!\bbetween )(?<!\band )(?<!\bto )(?<![\w-])(1[5-9]\d\d|2\d\d\d)(?![\w-])"
                         r"(?!\s+(?:and|to|through|until)\s+\d)", re.IGNORECASE)


def _of_another_year(fact, mention: dict) -> tuple[str, str] | None:
    """(the fact's year, the value's) when the fact's label names the year it is of ("Turnout in the 2025
    election") and the value's own clause names a time in none of them ("38.6 percent at the same point in
    2021"): a figure of another year is another fact. A time of the publication or a heading says nothing."""
    if mention.get("as_of_basis") != "stated" or mention["kind"] == "date":
        return None
    years = {int(year) for year in _LABEL_YEAR.findall(fact.label or "")}
    low, high = str(mention.get("as_of_low") or ""), str(mention.get("as_of_high") or "")
    if not years or len(low) < 4 or len(high) < 4 or not (low[:4].isdigit() and high[:4].isdigit()):
        return None
    if any(int(low[:4]) <= year <= int(high[:4]) for year in years):
        return None
    return "/".join(str(year) for year in sorted(years)), low[:4] if low[:4] == high[:4] else f"{low[:4]}-{high[:4]}"


_TAKES_BEFORE = re.compile(r"(?:^|[,;:]|\b(?:so|and|but|while|because|as|since|when|where|which|that)\b)\s*"
                           r"((?:[A-Za-z][\w'-]*\s+){1,4}?)(?:takes?|took|taking|needs?|needed|requires?|required)\s+"
                           r"(?:(?:about|around|roughly|nearly|almost|some|just|only|at\s+least|more\s+than|less\s+"
                           r"than|under|over)\s+)?$")
_SUBJECT_FILLERS = frozenset("the a an its their his her our your this that these those it they he she we you i "
                             "would will could can may might should must also still now then only usually often".split())


def _taken_by_another(fact, mention: dict, text: Words) -> str:
    """ "so radio signals take about 10 minutes to reach it": a duration said of the time some other thing takes
    to do what the fact's words say. The subject's noun, when it is a common noun none of the fact's words name
    (a pronoun or a name may be what the fact is about); else ''."""
    start = int(mention["start"])
    low = max(int(mention.get("clause_start", mention["sentence_start"])), int(mention["sentence_start"]), start - 60)
    found = _TAKES_BEFORE.search(text.text[low:start])
    if found is None:
        return ""
    words = [word for word in found.group(1).split() if word.lower() not in _SUBJECT_FILLERS]
    if not words or any(word[:1].isupper() for word in words):
        return ""
    own = " ".join([fact.label or "", *fact.context, *fact.cues, *fact.units]).lower()
    if any(re.search(rf"\b{re.escape((lemma(word.lower()) or word.lower())[:5])}", own) for word in words):
        return ""
    return " ".join(words)


_PHONE_RUN = re.compile(r"(?<![\d,.])\+?\d{2,5}(?:[ \u00a0-]\d{2,5}){2,4}(?!\d|[,.]\d)")


def _code_or_phone(mention: dict, text: Words) -> bool:
    """ "0300", "0192": a leading zero writes a code or a clock time; "0300 555 0192": digit groups run together
    with single spaces are one phone number, none of them a count."""
    value = str(mention["value_text"])
    if len(value) > 1 and value[0] == "0" and value.isdigit():
        return True
    start, end = int(mention["start"]), int(mention["end"])
    for match in _PHONE_RUN.finditer(text.text, max(0, start - 24), min(len(text.text), end + 24)):
        groups = re.split(r"[ \u00a0-]", match.group().lstrip("+"))
        if len(groups[0]) <= 3 and all(len(group) == 3 for group in groups[1:]):
            continue      # "12 000 000": thousands set apart by spaces
        if match.start() <= start and end <= match.end():
            return True
    return False


# Nouns that name an amount of their own: "a gap of $52 million", "a projected $46 million gap" is the gap's
# size, whatever the sentence says of the budget around it.
AMOUNT_NOUNS = frozenset("""gap deficit shortfall surplus loss profit debt fine penalty bonus fee loan grant subsidy
reserve saving overrun compensation settlement dividend refund ransom bail""".split())
# Nouns of a body whose size a number tells: "a workforce of nearly 5,800", "a crowd of 58,000", "a fleet of 12"
COLLECTIVE_NOUNS = frozenset("""workforce population crowd fleet herd flock membership headcount electorate audience
attendance enrolment enrollment congregation roster squad payroll garrison contingent""".split())


# The words of a fact's label and context that say it is a delay ("Days the reopening ran behind schedule").
DELAY_WORDS = ("delay", "late", "behind", "schedule", "overdue", "early", "ahead", "overrun")
# The words that name a length's dimension, in a fact's label and context.
DIMENSION_TERMS = {"depth": "depth", "deep": "depth", "height": "height", "high": "height", "tall": "height",
                   "length": "length", "long": "length", "width": "width", "wide": "width", "distance": "distance",
                   "away": "distance"}


def _another_dimension(fact, mention: dict) -> tuple[str, str] | None:
    """(the value's dimension, the fact's) when the value says which dimension it gives ("six metres high": a height,
    READINGS `head`) and the fact's words name only others ("Length of the lava flow")."""
    head = str(mention.get("head") or "")
    if head not in ("depth", "height", "length", "width", "distance"):
        return None
    words = re.findall(r"[a-z]+", " ".join([fact.label or "", *fact.context]).lower())
    named = {DIMENSION_TERMS[word] for word in words if word in DIMENSION_TERMS}
    return (head, "/".join(sorted(named))) if named and head not in named else None


def _another_amount(fact, mention: dict) -> str:
    """The amount noun the value measures (READINGS `head`), when the fact's own words never name it; ''."""
    head = _head_lemma(mention)
    if mention["kind"] not in ("money", "quantity", "count", "number") or head not in AMOUNT_NOUNS and not (
            head in COLLECTIVE_NOUNS and mention["kind"] in ("count", "number") and not mention["unit"]):
        return ""
    return "" if _named_by_fact(fact, head) else head


# Which way a figure moved, by the stem of its verb or noun: a rise is no fall ("Shares in Ardentis rose 1.8%" is
# not the fall in its shares a fact is of).
_RISE = frozenset("""rise rises rising risen rose climb climbs climbed climbing jump jumps jumped soar soars soared
increase increases increased increas gain gains gained grew grow grows surge surged surg swell swelled rally rallied
""".split())
_FALL = frozenset("""fall falls fell fallen falling drop drops dropped decline declines declined declin decrease
decreases decreased decreas plunge plunged plung slide slid slip slipped sink sank tumble tumbled tumbl slump slumped
dip dipped loss losses lose lost los shrank shrink shrunk""".split())


def _direction(word: str) -> str | None:
    word = word.lower()
    return "rose" if word in _RISE else "fell" if word in _FALL else None


def _moved_against(fact, mention: dict) -> tuple[str, str] | None:
    """(the value's way, the fact's way) when the value's verb moved one way and the fact's label and context
    name only the other ("Fall in shares" of "shares rose 1.8%"); None otherwise."""
    moved = _direction(str(mention.get("predicate") or ""))
    if moved is None:
        return None
    # the label's words and the context's single words ("lost their lives" is no figure's fall)
    words = [*re.findall(r"[A-Za-z]+", fact.label or ""), *(term for term in fact.context if " " not in term)]
    named = {_direction(word) for word in words}
    named.discard(None)
    if len(named) != 1 or moved in named:
        return None
    return moved, named.pop()


def _head_lemma(mention: dict) -> str:
    head = str(mention.get("head") or "")
    return lemma(head) or head


def _named_by_fact(fact, word: str) -> bool:
    words = " ".join([*fact.context, *fact.units, *fact.cues, fact.label or ""]).lower()
    return re.search(rf"\b{re.escape(word)}", words) is not None


# A fact sheet's labelled line: "Target: 70% of adults vaccinated by the end of the drive", "- Deaths: 12". The
# label says what the value after its colon is.
_FIELD_LABEL = re.compile(r"[ \t]*(?:[-*][ \t]*)?[A-Za-z][A-Za-z' -]{1,30}:[ \t]*")


def _with_field_label(mention: dict, text: Words) -> dict:
    """The mention with its clause and phrase opened back to the start of its line when the line is a labelled field
    whose colon comes right before the value's clause: the label is the value's own word, for its context and its
    vetoes, as a heading is for the values under it."""
    line_start = text.text.rfind("\n", 0, int(mention["start"])) + 1
    label = _FIELD_LABEL.match(text.text, line_start, int(mention["start"]))
    # only the clause the label opens: "Schools: 612 schools took part, including 38 private ones" labels the 612
    if label is None or not label.end() - 1 <= int(mention.get("clause_start", -1)) <= label.end() \
            or text.text.find(":", label.end(), int(mention["start"])) >= 0:
        return mention
    return {**mention, "clause_start": line_start, "phrase_start": min(int(mention["phrase_start"]), line_start)}


def _score(fact, mention: dict, text: Words, why: list | None = None) -> tuple[int, int] | None:
    """(specificity, distance of the nearest evidence in words) when `fact` accepts `mention`, else None.

    With a `why` list, the test that rejected the mention (or the evidence that accepted it) is appended to
    it, in words a catalog writer can act on: `checker explain` prints them."""
    def no(reason: str):
        if why is not None:
            why.append(reason)
        return None

    kind, flags = mention["kind"], set(filter(None, str(mention["flags"] or "").split(",")))
    via_cue_only = False
    if fact.kind == "date":
        if kind == "duration" and OFFSET_AFTER.match(text.text, int(mention["end"])):
            # "certify by November 18, two weeks after election day": the time between two other moments, from
            # which no date of the statement's day can be worked out
            return no("offset: a duration between two moments named after it dates nothing from the day of writing")
        if kind == "duration":
            via_cue_only = True
        elif kind != "date":
            return no(f"kind: a {kind} is no date")
        if "name" in flags:
            via_cue_only = True
    elif kind == "ordinal":
        # "their fourth title" counts titles when the fact says so; "the 104th minute" names minute 104 of a
        # duration fact in minutes (the ordinal's noun must be the fact's unit, below)
        if not (fact.kind == "count" and fact.ordinals or fact.kind == "duration" and fact.units):
            return no("kind: an ordinal counts only for a count fact that takes ordinals (ordinals: true), or names "
                      "a moment of a duration fact in its unit ('the 104th minute')")
    elif kind == "date" and fact.kind == "duration" and _span_length(mention) is not None:
        pass    # "close 56 branches over the next 18 months": the stretch's length, 18 months
    elif kind not in NUMERIC_FACT_KINDS[fact.kind]:
        return no(f"kind: a {kind} is not a {fact.kind}")
    elif kind == "duration" and not fact.cues and _time_point(mention, text, fact):
        return no("moment: 'one year after launch, ...', 'six months ago' place a moment, they measure nothing")
    elif kind == "duration" and not fact.cues and _RANKED_WITHIN.search(
            text.text, max(int(mention["sentence_start"]), int(mention["start"]) - 80), int(mention["start"])):
        return no("window: 'the second emergency in two years', 'the worst floods in a decade' bound a count or a "
                  "record; they measure nothing")
    if fact.kind == "date" and kind == "date":
        if _dateline(mention, text):
            return no("dateline: 'PLACE, Nov 19 (Agency) -' dates the report, not an event of the story")
        if _baseline_since(mention, text):
            return no("comparison: 'the strongest since 1987' names the last time, not this event's date")
        if _naming_date((int(mention["start"]), int(mention["end"])), text):
            return no("name: 'next year's budget', 'fiscal 2026' name a thing, they date no act")
        if _said_on(mention, text, fact.context):
            return no("saying: 'said on Monday', 'reported today' date the statement, not an event")
        if fact.context and not fact.cues and (decision := _decided_on(fact, mention, text)):
            return no(f"act: the date is when {decision!r} was done to the thing the fact's word names ('the closure "
                      "was proposed last March' dates the proposal, not the closure)")
        if fact.context and not fact.cues and _act_told_apart(fact, mention, text):
            return no("act: the fact's word only describes a thing ('brought out of the collapsed mine by Wednesday' "
                      "dates the rescue, not the collapse)")
        if (mention["qualifier"] in SINCE_UNTIL and _since_or_until(mention) or _after_period_word(mention, text)) \
                and not _not_until(mention, text) and not _context_reads_on(fact, mention, text):
            via_cue_only = True     # "updates for 24 months, until April 2027": a period's bound, not an event
    if "restated" in flags:
        return no("restated: the value in brackets restates the one before it ('EUR 185 million (about $200 "
                  "million)'): one statement, bound once")
    if "scale" in flags and not fact.cues:
        return no("scale: the top of the scale a figure is read on ('4 (of 5)', '7 out of 10'), no statement of a fact")
    if flags & PART_FLAGS and not _whole_of_parts(fact, mention, flags, text) and not _part_named(fact, mention, flags, text) \
            or "name" in flags:
        return no(f"part: said of a part or a name ({', '.join(sorted(flags & (PART_FLAGS | {'name'})))})")
    if kind != "date" and _alone(mention, text):
        return no("part: said of one place or group alone ('In Varo alone, 64 people died')")
    if kind == "date" and fact.kind == "date" and not fact.cues \
            and _PREVIOUS_OCCURRENCE.search(text.text, max(0, int(mention["start"]) - 40), int(mention["start"])) \
            and not _named_by_fact(fact, "last") and not _named_by_fact(fact, "previous"):
        return no("previous: 'last erupted in 1973' dates the time before, another occasion than the fact's")
    if kind == "date" and fact.kind == "date" and not fact.cues \
            and _reporting_period((int(mention["start"]), int(mention["end"])), text):
        return no("period: a quarter or half a report covers ('first-quarter results', 'its report for the first quarter "
                  "of 2025') names what the report is of, not the day of an act")
    if kind == "date" and _ORDINAL_BEFORE.search(text.text, max(0, int(mention["start"]) - 16), int(mention["start"])):
        return no("part: a period that bounds a count ('the third this year'), not an event's date")
    if "age" in flags and fact.context and not fact.cues and not _holder_named(fact, mention, text):
        return no("age: a person's age ('Vera Kolar, 61', 'a 52-year-old businessman') is said of that person, and no "
                  "word of the fact names them")
    if kind == "duration" and _EVERY_BEFORE.search(text.text, max(0, int(mention["start"]) - 12),
                                                   int(mention["start"])):
        return no("recurrence: 'every five days' says how often, it measures no time and dates nothing")
    if kind == "duration" and fact.kind == "duration" and not fact.cues and _far_below_unit(fact, mention):
        return no(f"scale: {mention['value_text']!r} is a small part of one {fact.units[0]}, the fact's unit: the time of "
                  "something else ('two days after the collapse' of a building's age in years)")
    if kind != "date" and _threshold(mention, text) and not fact.cues:
        return no("threshold: 'the 43 seats required to govern' is a bar to reach, not a count; only a cue binds it")
    if kind in ("number", "count") and _code_or_phone(mention, text):
        return no("name: a figure with a leading zero, or a group of a phone number ('0300 555 0192'), is a "
                  "code, not a quantity")
    if kind in ("number", "count") and _reference_or_series(mention, text):
        return no("name: '#8411' names an issue, '4.x' a series of versions, not a quantity")
    if kind in ("number", "count") and not mention["unit"] and _one_side_of_a_score(mention, text):
        return no("part: one side of a score or a tally ('won 3-2', 'a 6-3 ruling'), not a count of its own")
    if fact.kind == "count" and kind in ("number", "count") and not _whole(mention):
        return no("kind: a count of things is a whole number ('1.8 expected goals' is a measure)")
    if kind != "date" and not fact.cues and _SINCE_WHEN_BEFORE.search(
            text.text, max(int(mention["sentence_start"]), int(mention["start"]) - 200), int(mention["start"])):
        return no("baseline: 'the deadliest since 1996, when a roof fell in, killing 14' tells the earlier event, the "
                  "one compared against")
    if kind != "date" and fact.kind != "date" and _baseline(mention, text):
        return no("baseline: 'up from 4,096', 'raised from 4,096 to 10,000', 'compared with 38.6%' state what "
                  "a figure was at a time the clause does not name")
    if kind == "duration" and fact.kind == "duration" and not fact.cues:
        subject = _taken_by_another(fact, mention, text)
        if subject:
            return no(f"subject: the time {subject!r} take, which the fact's words do not name")
    other_year = _of_another_year(fact, mention)
    if other_year:
        return no(f"time: the fact's label names {other_year[0]}; the value's clause speaks of {other_year[1]}")
    if kind in ("number", "count") and fact.scope != "total" and fact.context and _whole_of_a_part(mention, text) \
            and not _find_term(fact.context, text.text, *_whole_phrase(mention, text)):
        return no("whole: the group a part is counted from ('five of the Board's seven members voted'): what the "
                  "clause says is said of the part; it binds to a fact with scope: total")
    if kind in ("number", "count") and _of_them(mention, text):
        return no("part: said of some of what was counted before ('11 of them')")
    if kind == "count" and int(mention["noun_end"]) > 0 and _MEASURED_BY.match(text.text, int(mention["noun_end"])):
        return no("measure: 'two storeys high', 'three bricks thick' measure a height or a depth, they count nothing")
    if kind in ("number", "count") and _said_of_a_change(mention, text):
        return no("part: said of a change ('a gain of 9', 'up 4', 'rose by 12'), not of the figure itself")
    score = 1
    distance = FAR
    borrowed_noun = False
    unit = str(mention["unit"] or mention.get("counted") or "").lower()
    counted = str(mention.get("counted") or "").lower()
    if unit and counted.startswith(unit + "/"):
        unit = counted      # "$40 a share, up from the $38.50": the figure compared with a rate is that rate
    if "/" in unit and not any("/" in u for u in fact.units) and not _per_period_fact(fact, unit):
        return no(f"unit: a rate ({unit}) binds only a fact whose unit is a rate, or whose label says 'a year' "
                  "('annual', 'per month'...) of a rate per period")
    if kind == "ordinal":
        distance = _ordinal_noun_distance(fact.units, mention, text)
        if distance is None:
            return no(f"unit: no {'/'.join(fact.units)!r} right after the ordinal")
        score += 2
    elif fact.units and fact.kind in ("count", "quantity", "money"):
        borrowed = _unit_word_distance(fact.units, mention, text) if unit and _borrowed_noun(mention) else None
        if borrowed is not None:
            # "the turbines off the coast, about 60 in all": the grammar guessed the noun of an earlier count;
            # the nearest unit word says what the value counts
            score += 2
            distance = borrowed
            borrowed_noun = True
        elif unit:
            if unit not in fact.units and not _convertible(unit, fact.units) \
                    and not ("/" in unit and "/" + unit.split("/", 1)[1] in fact.units) \
                    and not ("/" in unit and unit.split("/", 1)[0] in fact.units and _per_period_fact(fact, unit)):
                # (any currency per share; a fact in USD whose label names what the rate is per: "$120 a ticket")
                return no(f"unit: counts {unit!r}, the fact {', '.join(fact.units)!r}")
            score += 2
            distance = BEYOND if _borrowed_noun(mention) else 0
        elif kind not in ("number", "count") or not _bare_number_counts(mention) or _fraction(mention):
            return no("unit: no counted noun, and not a bare number that can count")
        elif (head := _head_lemma(mention)) in COLLECTIVE_NOUNS and _named_by_fact(fact, head):
            distance = 0      # "a workforce of nearly 5,800" of a fact that names the workforce: its size
        else:
            distance = _unit_word_distance(fact.units, mention, text)
            if distance is None:
                return no(f"unit: no {'/'.join(fact.units)!r} before the bare number in its sentence")
    if fact.scope == "total" and "total" not in flags and not _had_by_subject(mention, text) \
            and kind != "ordinal" and not flags & PART_FLAGS:   # "their fourth title", "the 29 other" + one
        return no("scope: the fact wants the whole ('the 30', 'all 30', 'now has 30'); this is not stated so")
    if fact.scope == "total" and kind == "count" and (narrowed := _narrowing_participle(fact, mention, text)):
        return no(f"scope: {narrowed!r} before the counted noun counts a part ('the two ruptured tank wagons'), "
                  f"not the whole the fact wants")
    phrase = (int(mention["phrase_start"]), int(mention["phrase_end"]))
    sentence = (int(mention["sentence_start"]), int(mention["sentence_end"]))
    if fact.exclude:
        # a veto word in any of its forms, as context words are found: "close" vetoes "closing", "closed"
        clause, aside = _exclude_span(mention, text)
        heading = _heading_line(mention, text)
        noun = _noun_past_whole(mention, text, clause[1])
        # the relative clause between a subject and its verb is the subject's, but a figure in it takes its words
        # ("The driver, who has 23 years of experience, had been at the wheel for 11 hours": "experience" is the
        # 23 years', no veto of the 11 hours), as a word of another value's relative clause is no evidence
        spans = [clause] if aside is None else [(clause[0], aside[0]), (aside[1], clause[1])]
        hit = [term for term in fact.exclude
               if any(_find_term((term,), text.text, *span) or _inflected((term,), text, *span, any_form=True)
                      for span in spans)
               or heading and _find_term((term,), text.text, *heading)
               or noun and _find_term((term,), text.text, *noun)]
        if hit:
            return no(f"exclude: {hit[0]!r} stands in the value's clause")
    if kind == "percent" and (base := _share_of_another(fact, mention, text)):
        return no(f"base: the share is of {base[0]!r}; the fact's label is a share of {base[1]!r}")
    if kind == "money" and "/" not in unit and (period := _whole_of_a_daily_rate(fact, mention, text)):
        return no(f"rate: the fact is a figure {period}; the value is a whole amount, and its sentence names no such "
                  f"period")
    if kind in ("percent", "money", "count", "quantity", "number") and (against := _moved_against(fact, mention)):
        return no(f"direction: the value {against[0]}, the fact's words say it {against[1]}")
    if kind == "duration" and str(mention.get("head") or "") == "delay" and not fact.cues \
            and not any(_named_by_fact(fact, word) for word in DELAY_WORDS):
        return no("delay: the time says how late something is ('four days behind schedule'); the fact's words name "
                  "no delay")
    if kind == "quantity" and (other := _another_dimension(fact, mention)):
        return no(f"dimension: the value gives a {other[0]} ('six metres high', '45 km to the west'); the fact's words "
                  f"name its {other[1]}")
    other_amount = _another_amount(fact, mention)
    if other_amount:
        return no(f"head: the value is the amount of a {other_amount!r}, which the fact's words do not name")
    if fact.cues:
        spans = [span for span in (_cue_matches(cue, mention, text) for cue in fact.cues) if span]
        if not spans:
            return no("cue: none of the fact's cues matches around the value")
        score += 8
        distance = 0
        # The cue's words are the value's own phrase: "8.7% of patients in the treated arm" names its context.
        phrase = (min(phrase[0], *(a for a, _ in spans)), max(phrase[1], *(b for _, b in spans)))
    elif via_cue_only:
        return no("cue: this kind binds to a date fact only through a cue")
    elif _one_group_of_a_split(mention, text):
        return no("part: the size of one group of a split ('assigned to the drug (1,211 patients) or placebo "
                  "(1,207)'); only a cue binds it")
    if fact.context:
        other = _said_of_another_name(fact, mention, text)
        if other:
            return no(f"context: said of {other!r}, and no {'/'.join(_names(fact.context, text))!r} in its clause")
        found = _context_score(fact, mention, text, phrase)
        if found is None:
            return no(f"context: no {'/'.join(fact.context)!r} in the value's {fact.context_scope}")
        score += found[0]
        own = _OF_NOUN_AFTER.match(text.text, max(int(mention["end"]), int(mention["noun_end"])))
        if own is None and _GLUED_VALUE.search(str(mention["value_text"])) and "age" not in flags:
            own = _GLUED_NOUN_AFTER.match(text.text, int(mention["end"]))   # "eleven-year history" (not an age)
        if own and not fact.cues and found[1] >= BEYOND and (kind in ("duration", "quantity", "money") or
                                                             kind == "count" and "compound" in flags) \
                and not _find_term(fact.context, text.text, own.start(1), own.end(1)):
            return no(f"context: the value says what it measures ({own.group(1)!r}), and the fact's words stand "
                      "outside its clause")
        if not fact.cues:
            # A unit says what is counted, the context what it is about: the fact whose context stands
            # nearest tells the value apart from its neighbours ("11 parliaments approved ..., under half
            # of its 26 member states").
            # A noun the value borrowed from an earlier count is every fact's that counts it ("treated 347 runners
            # and 16 were taken to hospital"): the context alone tells which.
            distance = found[1] if distance in (0, FAR) or borrowed_noun else min(distance, found[1])
    if why is not None:
        why.append(f"accepted: score {score}, nearest evidence {distance if distance < FAR else 'far'} words off")
    return score, distance


# How a label says a figure is counted per period: "Savings per year", "annual savings", "Monthly rent"
_PER_PERIOD_WORDS = {
    "year": r"per\s+(?:year|annum)|a\s+year|each\s+year|every\s+year|annual(?:ly)?|yearly",
    "month": r"per\s+month|a\s+month|each\s+month|monthly",
    "week": r"per\s+week|a\s+week|each\s+week|weekly",
    "day": r"per\s+day|a\s+day|each\s+day|daily",
}


# What a share is of, said after it ("about one in twelve of the 684 crew", "15% of the passengers"), and what a
# label's share is of ("Share of passengers who fell ill")
_SHARE_BASE_AFTER = re.compile(r"\s+of\s+(?:the|its|their|all|all\s+the)?\s*(?:[\d,]+\s+)?([a-z]+)\b(?!['’-])"
                               r"(?!\s+[a-z]+s\b)", re.IGNORECASE)   # the noun itself, not a modifier of one
_SHARE_OF_LABEL = re.compile(r"\b(?:share|percentage|proportion|fraction|part)\s+of\s+(?:the\s+|all\s+)?([a-z]+)",
                             re.IGNORECASE)


def _share_of_another(fact, mention: dict, text: Words) -> tuple[str, str] | None:
    """(the value's base, the label's) when a share names what it is of and the fact's label is a share of another
    thing: "about one in twelve of the 684 crew" is no "Share of passengers who fell ill"."""
    label = _SHARE_OF_LABEL.search(fact.label or "")
    after = _SHARE_BASE_AFTER.match(text.text, int(mention["end"]))
    if label is None or after is None:
        return None
    base, named = lemma(after.group(1).lower()), lemma(label.group(1).lower())
    if base is None or named is None:
        return None     # only plural nouns ("passengers", "crew"): "of the workforce", "of the vote" are wholes
    return None if base == named or _named_by_fact(fact, base) else (base, named)


def _whole_of_a_daily_rate(fact, mention: dict, text: Words) -> str | None:
    """The short period ("per day", "per week") a fact's label counts its figure by ("Daily cost of the strike"),
    when the value's sentence names no such period: "the strike has so far cost the company €4.3 million" is the
    whole cost, not a day's. (A year is left alone: budgets and salaries are yearly unsaid.)"""
    label = f"{fact.label or ''} {fact.description or ''}"
    for period in ("day", "week"):
        words = _PER_PERIOD_WORDS[period]
        if re.search(rf"\b(?:{words})\b", label, re.IGNORECASE):
            sentence = text.text[int(mention["sentence_start"]):int(mention["sentence_end"])]
            return None if re.search(rf"\b(?:{words}|{period}s?)\b", sentence, re.IGNORECASE) else f"per {period}"
    return None


def _per_period_fact(fact, unit: str) -> bool:
    """Whether a rate per period ("€9.4 million a year": EUR/year) is what the fact counts, its label saying that
    period ("Savings per year from closing the campus", "annual budget"), or a rate per thing the label names
    ("roughly $120 a ticket" of "Average ticket price")."""
    period = unit.split("/", 1)[1]
    words = _PER_PERIOD_WORDS.get(period) or re.escape(period) + "s?"   # "Average ticket price": $120 a ticket
    return re.search(rf"\b(?:{words})\b", f"{fact.label or ''} {fact.description or ''}", re.IGNORECASE) is not None


HOLDER_WORDS = 5   # words on either side of a person's age that name whose age it is


def _holder_named(fact, mention: dict, text: Words) -> bool:
    """Whether a context term of the fact stands among the words around a person's age, where the person is named
    ("Duncan Rait, 36,", "the 47-year-old Ilona Varga", "the victim, 34,")."""
    first = text.word_at_or_after(int(mention["start"]))
    last = text.word_at_or_after(max(int(mention["end"]), int(mention["noun_end"])))
    spans = text.spans
    low = spans[max(0, first - HOLDER_WORDS)][0] if first < len(spans) else int(mention["start"])
    high = spans[min(len(spans) - 1, last + HOLDER_WORDS - 1)][1] if spans else int(mention["end"])
    # before it, the name an apposition follows ("Vera Kolar, 61"); after it, its own clause only ("a 52-year-old
    # businessman, near the building": the building is another clause's)
    clause_end = max(int(mention.get("clause_end", mention["sentence_end"])), int(mention["noun_end"]))
    low, high = max(low, int(mention["sentence_start"])), min(high, int(mention["sentence_end"]), clause_end)
    # not the age's own words: "old" of "a 52-year-old man" names no holder, even for a fact whose context is "old"
    spans = [(low, int(mention["start"])), (int(mention["end"]), high)]
    return any(_find_term(fact.context, text.text, a, b) or bool(_inflected(fact.context, text, a, b))
               for a, b in spans if a < b)


SMALL_PART = 0.05   # of one unit of a duration fact: "two days" (0.005 years) is no statement of a time in years


def _far_below_unit(fact, mention: dict) -> bool:
    """Whether a duration is far smaller than one unit of the fact ("two days" of a fact in years), read as the
    largest value its wording allows."""
    if not fact.units or not mention["unit"] or mention["high"] is None:
        return False
    scale = unit_factor(str(mention["unit"]), fact.units[0])
    return scale is not None and float(mention["high"]) * scale < SMALL_PART


def _part_named(fact, mention: dict, flags: set, text: Words) -> bool:
    """ "randomized 2,418 patients: 1,211 to zelorib and 1,207 to placebo": a part of a breakdown is a fact of its
    own when the fact's words name it in its own phrase ("to zelorib"); "four at the scene and one in hospital",
    with "died" only in the total's clause, are no count of the dead."""
    if flags & PART_FLAGS == {"partitive"} and fact.context:
        return _partitive_told(fact, mention, text)
    if flags & PART_FLAGS != {"part"} or not fact.context:
        return False
    low, high = int(mention["start"]), int(mention["phrase_end"])
    following = text.word_at_or_after(high)
    if following < len(text.spans) and text.lower[following] in ("to", "for", "in", "on", "at", "with", "from", "by"):
        # "1,211 to zelorib": the breakdown's own prepositional phrase says which part
        last = following + 1
        while last < len(text.spans) and last - following <= 3 and not CLAUSE_BREAK.search(
                text.text, text.spans[last - 1][1], text.spans[last][0]):
            last += 1
        high = max(high, text.spans[last - 1][1])
    return _find_term(fact.context, text.text, low, high)


def _partitive_told(fact, mention: dict, text: Words) -> bool:
    """ "Two of the five climbers were rescued", "the Civic Union won 34 of the 85 seats in the assembly": some of a
    counted whole are the fact's when its words stand in what is said of them: before them in their clause ("the
    Civic Union won"), or in the verb after the whole ("were rescued"). The whole's own words are not theirs: its
    noun, a phrase hung on it ("in the assembly", "off the rocket") or a participle ("one of the 47 systems encrypted
    in the attack, is being rebuilt": the encrypting is the 47's)."""
    start = int(mention["start"])
    clause_start = int(mention.get("clause_start", mention["sentence_start"]))
    if _find_term(fact.context, text.text, clause_start, start) or _inflected(fact.context, text, clause_start, start):
        return True
    values = getattr(text, "values", [])
    index = bisect_left(values, (int(mention["end"]),))
    if index >= len(values):
        return False
    whole_end = getattr(text, "noun_ends", {}).get(values[index][0], values[index][1])
    low = _part_verb(text, whole_end, int(mention["sentence_end"]), values[index][1] < whole_end)
    if low is None:
        return False
    high = int(mention["sentence_end"])
    stop = _TOLD_ENDS.search(text.text, low + 1, high)   # what is said of them, to its clause's end
    high = stop.start() if stop else high
    return _find_term(fact.context, text.text, low, high) or bool(_inflected(fact.context, text, low, high))


def _part_verb(text: Words, whole_end: int, sentence_end: int, past_noun: bool = False) -> int | None:
    """Where the verb said of a part starts, after the whole ("of the five climbers were rescued", "of the seven
    members of the board backed"): an auxiliary or a past tense past the whole's noun and its phrase; a past
    participle right after the noun is the whole's ("the 47 systems encrypted in the attack"), else None.
    `whole_end` is the end of the whole's noun when `past_noun`, else of its number."""
    first = text.word_at_or_after(whole_end) - (1 if past_noun else 0)
    for index in range(first, min(first + 7, len(text.spans))):
        s, e = text.spans[index]
        if e > sentence_end or index > first and _TOLD_ENDS.search(text.text, text.spans[index - 1][1], s):
            return None
        word = text.lower[index]
        if word in _AUXILIARY_OR_PAST:
            return s
        if word.endswith("ed") and index > first + 1:
            return s
        if word.endswith("ed") and index == first + 1:
            return None    # "the 47 systems encrypted": the whole's participle
    return None


_AUXILIARY_OR_PAST = frozenset("were was is are have has had will would could can may might did do does remain "
                               "remained died fled won lost went came left stayed".split())
_TOLD_ENDS = re.compile(r"[,;:]|\b(?:after|before|because|so|and|but|while|when|which|who)\b", re.IGNORECASE)


def _whole_of_parts(fact, mention: dict, flags: set, text: Words) -> bool:
    """ "the 29 other members" with the one named states the whole (30), when the fact says so (derive_whole):
    only "other" said with "the" (every one but the one named), never "each" or a comparison."""
    if not fact.derive_whole or flags & PART_FLAGS != {"other"}:
        return False
    index = text.word_at_or_after(int(mention["start"])) - 1
    return index >= 0 and text.lower[index] == "the"


_CHANGE_BEFORE = re.compile(r"\b(?:(?:gain|loss|rise|fall|increase|decrease|drop|jump|swing|change|cut|reduction|"
                            r"growth)\s+of|(?:rose|risen|fell|fallen|grew|grown|increased|decreased|dropped|climbed|"
                            r"jumped|declined|cut|reduced|up|down)\s+by|up|down|"
                            # "moved the margin by 17 votes", "narrowed the gap by 300"
                            r"(?:moved|shifted|changed|narrowed|widened|trimmed|boosted|lowered|raised|increased|reduced|"
                            r"cut)\s+(?:the\s+|its\s+|their\s+|his\s+|her\s+)?[\w-]+\s+by)\s+$", re.IGNORECASE)


def _of_them(mention: dict, text: Words) -> bool:
    """ "212 aftershocks, 11 of them of magnitude 4": a value said of some of what was counted before is a part, and
    so is the next part of that split ("16 of them by firefighters and seven by neighbours")."""
    start = int(mention["start"])
    own_noun = bool(mention["unit"]) and not _borrowed_noun(mention)   # "..., and eleven people have been burned"
    return bool(OF_THEM_AFTER.match(text.text, int(mention["end"]))
                or not own_noun and _AFTER_A_PART.search(text.text, max(int(mention["sentence_start"]), start - 80),
                                                         start))


# "16 of them by firefighters and seven ...", "11 of which were fires, 40 ...": the split goes on
_AFTER_A_PART = re.compile(r"\b\w+\s+of\s+(?:them|those|these|which|whom)\b[^.;:()]{0,60}?(?:,\s*|\s+and\s+|\s+or\s+)$",
                           re.IGNORECASE)


# "a mound barely two storeys high", "a wall three bricks thick": a count of units said as a measure
_MEASURED_BY = re.compile(r"\s+(?:high|tall|deep|long|wide|thick)\b", re.IGNORECASE)

_AGO_AFTER = re.compile(r"\s+ago\b", re.IGNORECASE)
_TIME_POINT_AFTER = re.compile(r"\s+(?:after|before|later|earlier|into|on(?=\s*,|\s+from\b))\b", re.IGNORECASE)


def _time_point(mention: dict, text: Words, fact=None) -> bool:
    """ "six months ago", and opening a sentence "One year after launch, the probe ...": a moment, where "inside
    for 23 days before anyone noticed" and "three weeks after the attacker got in" measure a time. "Seven years into
    her tenure, ..." is a moment too, but of the fact's own span (its words after "into"): it measures it so far."""
    end = int(mention["end"])
    if _AGO_AFTER.match(text.text, end):
        return True
    opens = not text.text[int(mention["sentence_start"]):int(mention["start"])].strip()
    point = _TIME_POINT_AFTER.match(text.text, end) if opens else None
    if point and point.group().strip().lower() == "into" and fact is not None and fact.context:
        stop = text.text.find(",", point.end(), int(mention["sentence_end"]))
        stop = int(mention["sentence_end"]) if stop < 0 else stop
        if _find_term(fact.context, text.text, point.end(), stop) or _inflected(fact.context, text, point.end(), stop):
            return False
    return point is not None
_SERIES_AFTER = re.compile(r"\.[xX*]\b")
# "the deadliest collapse since 1996, when the roof of a sports hall fell in, killing ...": what follows the "when"
# is the earlier event a record is counted from
_SINCE_WHEN_BEFORE = re.compile(r"\bsince\s+[^,;.]{1,30},\s+when\b[^;]*$", re.IGNORECASE)
_EVERY_BEFORE = re.compile(r"\b(?:every|each)\s+$", re.IGNORECASE)
# A rank or a record, then the period it is counted in: "the second emergency at Brennholm in two years", "for the
# first time in six years", "the worst floods in a decade", "its highest level in the past 30 years".
_RANKED_WITHIN = re.compile(
    r"\b(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d+(?:st|nd|rd|th)|only|worst|best|"
    r"biggest|largest|highest|lowest|strongest|weakest|deadliest|heaviest|longest|shortest|fastest|slowest)\b"
    r"[^,;:.!?]{0,50}?\b(?:in|for)\s+(?:(?:the\s+)?(?:past|last|previous)\s+|almost\s+|nearly\s+|over\s+)?$",
    re.IGNORECASE)


def _reference_or_series(mention: dict, text: Words) -> bool:
    """ "(#8411)", "No. 12": a reference number; "the 4.x series": a series of versions."""
    start = int(mention["start"])
    return text.text[max(0, start - 1):start] == "#" or bool(_SERIES_AFTER.match(text.text, int(mention["end"])))


_SCORE_AFTER = re.compile(r"[-\u2013\u2014:]\d{1,3}\b(?![-\u2013.,]?\d)")
_SCORE_BEFORE = re.compile(r"(?<![\d.,-])\d{1,3}[-\u2013\u2014:]$")
# The side against, after the side for: "approved by 11 votes to 4", "voted 11 to 4", "a vote of 7 to 2" (not a move:
# "rose 5 points to 45")
_TALLY_AGAINST = re.compile(r"\b(?:by|voted|votes?\s+(?:of|was|were))\s+(?:\d{1,3}|[a-z]+)\s+(?:[a-z]+\s+)?to\s+$",
                            re.IGNORECASE)


def _one_side_of_a_score(mention: dict, text: Words) -> bool:
    """ "Salgrave City 3-2 Port Meriden", "beat them 3-2", "a 6-3 ruling": two small whole numbers joined by a
    dash, the value one of them (a range with a counted noun, "10-12 people", is read whole by the grammar)."""
    start, end = int(mention["start"]), int(mention["end"])
    value = str(mention["value_text"])
    if not value.isdigit() or len(value) > 3:
        return False
    return bool(_SCORE_AFTER.match(text.text, end) or _SCORE_BEFORE.search(text.text, max(0, start - 4), start)
                or _TALLY_AGAINST.search(text.text, max(0, start - 40), start))


_OPENS_GROUP = re.compile(r"\(\s*$")
_BETWEEN_GROUPS = re.compile(r"[^()]{0,30}\)[^()]{0,40}?\b(?:and|or|versus|vs\.?)\b[^()]{0,40}\(\s*$|"
                             r"[^()]{0,30}\)\s*(?:,|;)[^()]{0,40}\(\s*$", re.IGNORECASE)


def _one_group_of_a_split(mention: dict, text: Words) -> bool:
    """ "randomly assigned to the drug (1,211 patients) or placebo (1,207 patients)": each figure in brackets
    after its group, beside another so bracketed, is the size of that group, a part of what was split."""
    start = int(mention["start"])
    if not _OPENS_GROUP.search(text.text, max(0, start - 3), start):
        return False
    sentence_start, sentence_end = int(mention["sentence_start"]), int(mention["sentence_end"])
    values = getattr(text, "values", [])
    for other_start, other_end in values[bisect_left(values, (sentence_start,)):bisect_left(values, (sentence_end,))]:
        if other_start == start:
            continue
        if not _OPENS_GROUP.search(text.text, max(0, other_start - 3), other_start):
            continue
        first, second = (other_end, start) if other_start < start else (int(mention["end"]), other_start)
        if second - first < 120 and _BETWEEN_GROUPS.match(text.text[first:second]):
            return True
    return False


def _whole(mention: dict) -> bool:
    values = [float(v) for v in (mention["low"], mention["high"]) if v is not None and v == v]
    return all(v == int(v) for v in values)


# Searched in the few dozen characters before a value, behind a lookahead for their first letters (first_letter_guard)
_BASELINE_BEFORE = first_letter_guard(re.compile(
    r"\b(?:(?:up|down)\s+from|(?:double|twice|triple|half)\s+the)\s+(?:the\s+|an?\s+|its\s+)?$", re.IGNORECASE))
_FROM_BEFORE = first_letter_guard(re.compile(r"\bfrom\s+(?:the\s+|an?\s+|its\s+)?$", re.IGNORECASE))
_TO_THEN_FROM = first_letter_guard(re.compile(
    r"\bto\s+(?:about\s+|around\s+|nearly\s+)?[$€£]?\d[\d.,]*\s*(?:%|percent|per\s+cent|"
    r"[a-z]+)?\s+from\s+(?:the\s+|an?\s+|its\s+)?$", re.IGNORECASE))
_TO_AFTER = re.compile(r"\s+to\s+(?:about\s+|around\s+|nearly\s+)?[$€£]?\d", re.IGNORECASE)


def _baseline(mention: dict, text: Words) -> bool:
    """The value a figure moved from ("up from 4,096", "raised from 4,096 to 10,000", "double the 4,096 limit"),
    when its clause names no time of its own: it says what the figure was at some earlier time, which no
    statement of the figure now can contradict. ("compared with 12.4% in the placebo arm" compares groups.)"""
    if mention.get("as_of_basis") in ("stated", "series"):
        return False          # "up from 27.9 percent in 2021": the earlier figure, as of the time it names
    if _moved_from(mention, text):
        return True
    start, end, noun_end = int(mention["start"]), int(mention["end"]), int(mention["noun_end"])
    before = text.text[max(int(mention["sentence_start"]), start - 30):start]
    return bool(_FROM_BEFORE.search(before)) and any(_TO_AFTER.match(text.text, at) for at in {end, max(end, noun_end)})


def _said_of_a_change(mention: dict, text: Words) -> bool:
    """ "61 seats, a gain of 9", "turnout was up 4 points", "rose by 12": the value is how much a figure moved."""
    start = int(mention["start"])
    return bool(_CHANGE_BEFORE.search(text.text, max(int(mention["sentence_start"]), start - 30), start))


def _convertible(unit: str, units) -> bool:
    """ "2,480 kg" for a fact in tonnes, "20,000 acres" for one in hectares: one dimension, another scale."""
    return any(unit_factor(unit, other) is not None for other in units)


def _borrowed_noun(mention: dict) -> bool:
    """The grammar took the counted noun from elsewhere ("two operators ..., about 60 in all"): a guess, which
    the nearest unit word of the sentence overrules."""
    return int(mention["noun_start"]) < 0 and mention["kind"] == "count" and bool(mention["unit"])


ORDINAL_NOUN_WORDS = 3   # "their fourth title", "a third straight title", "the ninth round of talks"


def _ordinal_noun_distance(units, mention: dict, text: Words) -> int | None:
    """Words from an ordinal to the fact's unit word right after it (adjectives between: "a third straight
    title"), within its clause and never past another value or a preposition; None when there is none."""
    glued = _GLUED_NOUN.match(text.text, int(mention["end"]))
    if glued and (lemma(glued.group(1).lower()) or glued.group(1).lower()) in units:
        return 0      # "a 104th-minute winner"
    first = text.word_at_or_after(int(mention["end"]))
    clause_end = int(mention.get("clause_end", mention["sentence_end"]))
    for index in range(first, min(first + ORDINAL_NOUN_WORDS, len(text.spans))):
        word = text.lower[index]
        if text.spans[index][0] >= clause_end or word in ORDINAL_STOPS or any(ch.isdigit() for ch in word):
            return None
        if (lemma(word) or word) in units:
            return index - first
    return None


_GLUED_NOUN = re.compile(r"-([A-Za-z]+)\b")
ORDINAL_STOPS = frozenset("of in on at for to from by with and or but than time times".split())


def _context_score(fact, mention: dict, text: Words, phrase: tuple[int, int]) -> tuple[int, int] | None:
    """(specificity, word distance of the nearest context term) or None when no term is in scope. A term that is
    a verb form also stands for its other forms: "killed" for "killing", "kills" ("killing 12 and injuring 40")."""
    sentence = (int(mention["sentence_start"]), int(mention["sentence_end"]))
    if fact.kind == "date" and mention["kind"] == "date" and not fact.cues \
            and not _context_nearest_this_date(fact.context, mention, text):
        return None
    # A term found only where another value's words stand (its relative clause) is no evidence: FAR.
    figure = mention["kind"] != "date"
    if (_find_term(fact.context, text.text, *phrase) or _inflected(fact.context, text, *phrase, synonyms=figure)) \
            and not _all_negated(fact.context, text, *phrase, verbs=figure):
        distance = _term_distance(fact.context, mention, text, *phrase, units=fact.units)
        if distance < FAR:
            return 4, distance
    if fact.context_scope == "phrase":
        return None
    if (_find_term(fact.context, text.text, *sentence) or _inflected(fact.context, text, *sentence, synonyms=figure)) \
            and not _all_negated(fact.context, text, *sentence, verbs=figure):
        distance = _term_distance(fact.context, mention, text, *sentence, units=fact.units)
        if distance < FAR:
            return 2, distance
    if fact.context_scope == "paragraph" and _find_term(fact.context, text.text, *text.paragraph(*sentence)):
        return 1, FAR - 1
    return None


def _context_nearest_this_date(terms, mention: dict, text: Words) -> bool:
    """Whether a context term of the date's sentence (or heading line) is nearer to this date than to any other
    date: "killed in Tuesday's earthquake rose to 146 on Wednesday" dates the quake Tuesday, not Wednesday."""
    start, end = _date_scope(mention, text)
    own = (int(mention["start"]), int(mention["end"]))
    sentence = (int(mention["sentence_start"]), int(mention["sentence_end"]))
    # a date of the statement ("today published a proposal to close ...") dates no act: it takes no act's words
    # nor is a date that names a thing ("passed next year's budget", "the budget for fiscal 2026")
    dates = [span for span in getattr(text, "dates", []) if start <= span[0] < end
             and (span == own or not _telling_date(span, sentence, text) and not _naming_date(span, text)
                  and not _reporting_period(span, text))]
    matches = [match for term in terms for match in _term_pattern(term).finditer(text.text, start, end)]
    for match in matches + _inflected(terms, text, start, end, synonyms=False):
        word = text.word_at_or_after(match.start())

        def gap(span, word=word):
            first, last = text.word_at_or_after(span[0]), text.word_at_or_after(span[1]) - 1
            return first - word if word < first else max(0, word - last)

        def apart(span, at=match.start(), to=match.end()):
            # "bills go up this summer after the council approved a budget last Tuesday": a date on the other side
            # of a subordinating word from the term dates another clause's act
            if span[1] <= at and _WHEN_RIGHT_AFTER.match(text.text, span[1]):
                return False    # "in the early 1960s, when the old bridge went up": the when-clause tells the date
            low, high = (span[1], to) if span[1] <= at else (at, span[0])
            return _SUBORDINATOR.search(text.text, low, high) is not None
        if not apart(own) and all(gap(own) <= gap(other) or apart(other) for other in dates if other != own):
            return True
    return False


# A word that opens another clause: "when", "while", "because"; "after", "before", "until", "once" only before a
# subject and its verb ("after the city council approved", not "shortly before 10 p.m.")
_WHEN_RIGHT_AFTER = re.compile(r",?\s*when\b", re.IGNORECASE)
_SUBORDINATOR = re.compile(r"\b(?:when|while|because)\b|\b(?:after|before|until|once)\s+(?:the|a|an|its|their|his|her|"
                           r"it|they|he|she|we)\b[^,.;:]{0,40}?\b(?:[a-z]{3,}ed|was|were|had|has|have|is|are|did|made|"
                           r"took|began|struck|hit|won|lost|held|met|said)\b", re.IGNORECASE)
_NAMING_BEFORE = re.compile(r"\bfiscal\s+(?:year\s+)?$", re.IGNORECASE)


# "the volcano last erupted in 1973", "the council last met on 3 May": the occurrence before this one (a past tense:
# "-ed", or the ending of a common irregular one: sung, took, flew, came, met, rose, broke, fell, struck, fought, went,
# made), its object between ("last killed anyone in 1998")
_PREVIOUS_OCCURRENCE = re.compile(r"\b(?:last|previously|most\s+recently)\s+(?:[a-z]+ly\s+)?[a-z]{3,}(?:ed|ung|ook|ew|ame|"
                                  r"et|ose|oke|ell|uck|ught|ent|ade)(?:\s+[a-z]+){0,2}?\s+(?:in|on|during|back\s+in)\s+(?:the\s+)?$",
                                  re.IGNORECASE)
_QUARTER = re.compile(r"(?:\b(?:quarter|half)\b|\b[QH][1-4]\b)", re.IGNORECASE)
_REPORT_AFTER = re.compile(r"(?:\s+(?:of\s+)?(?:19|20)\d\d)?\s*(?:\([^()]{1,30}\))?\s+(?:financial\s+|trading\s+|"
                           r"operating\s+|interim\s+)?(?:results?|reports?|earnings|figures|numbers|sales|revenues?|"
                           r"profits?|loss(?:es)?|growth|accounts|statements?|update|performance)\b", re.IGNORECASE)
_REPORT_FOR = re.compile(r"\b(?:results?|reports?|earnings|figures|numbers|sales|revenues?|profits?|loss(?:es)?|accounts|"
                         r"statements?|update|performance|guidance|outlook)\s+(?:for|in|of)\s+(?:the\s+)?$",
                         re.IGNORECASE)


def _reporting_period(span: tuple[int, int], text: Words) -> bool:
    """Whether the quarter or half at `span` names the period a report covers: glued to the report's noun
    ("first-quarter results", "Q1 2025 earnings") or after it ("the interim report for the first quarter of 2025")."""
    start, end = span
    if not _QUARTER.search(text.text, start, end):
        return False
    return bool(_REPORT_AFTER.match(text.text, end) or _REPORT_FOR.search(text.text, max(0, start - 40), start))


def _naming_date(span: tuple[int, int], text: Words) -> bool:
    """A date that names a thing rather than the time of an act: a year's possessive ("next year's budget", "this
    year's race": which year's one, not when an act was; "Sunday's referendum" does date it) or a fiscal year ("the
    budget for fiscal 2026")."""
    return text.text.startswith(("'s ", "’s "), span[1]) and _A_YEAR.fullmatch(text.text, span[0], span[1]) is not None \
        or _NAMING_BEFORE.search(text.text, max(0, span[0] - 14), span[0]) is not None


_A_YEAR = re.compile(r"(?:(?:next|this|last|the\s+coming|the\s+past)\s+year|\d{4})", re.IGNORECASE)


def _after_period_word(mention: dict, text: Words) -> bool:
    """ "operations through 2031", "in force until 2030": the date bounds a period."""
    index = text.word_at_or_after(int(mention["start"])) - 1
    return index >= 0 and text.lower[index] in ("since", "until", "till", "through", "throughout") \
        and text.spans[index][0] >= int(mention["sentence_start"])


_NEGATION = re.compile(r"\b(?:not|never|no)\b|n't\b", re.IGNORECASE)


def _not_until(mention: dict, text: Words) -> bool:
    """ "will not open until early 2027": the negated wait names when the act happens."""
    words = str(mention["value_text"]).lower().split()
    index = text.word_at_or_after(int(mention["start"])) - 1
    if not (words and words[0] in ("until", "till")) and not (index >= 0 and text.lower[index] in ("until", "till")):
        return False
    low = int(mention.get("clause_start", mention["sentence_start"]))
    return bool(_NEGATION.search(text.text, low, int(mention["start"])))


def _said_on(mention: dict, text: Words, terms=()) -> bool:
    """ "said on Monday that ...", "the team reported today", "announced on Monday": a verb of saying or
    announcing right before the date, or right after it ("the university today published a proposal")."""
    return _telling_date((int(mention["start"]), int(mention["end"])),
                         (int(mention["sentence_start"]), int(mention["sentence_end"])), text, terms)


def _telling_date(span: tuple[int, int], sentence: tuple[int, int], text: Words, terms=()) -> bool:
    """Whether a verb of saying stands right before or right after the date, and is no word of the fact's
    (`terms`): "denied on Tuesday" dates a denial, unless the fact is of a denial."""
    index = text.word_at_or_after(span[0]) - 1
    if index >= 0 and text.lower[index] in ("on", "at", "in", "earlier", "late", "early"):
        index -= 1
    after = text.word_at_or_after(span[1])
    if any(term.lower().startswith("announc") for term in terms):
        return False    # a fact of an announcement: the day it was said is the day of the fact
    for word, ok in ((index, index >= 0 and text.spans[index][0] >= sentence[0]),
                     (after, after < len(text.spans) and text.spans[after][0] < sentence[1]
                      and not text.text[span[1]:text.spans[after][0]].strip())):
        if ok and text.lower[word] in _TELLING and not (text.lower[word] in _STANCE and _is_term(text.lower[word], terms)):
            if word == index and index > 0 and text.lower[index - 1] in _PASSIVE and terms \
                    and _find_term(terms, text.text, sentence[0], text.spans[index - 1][0]):
                continue    # "the first cases were reported on Tuesday": the fact's thing came to light that day
            return True
    return False


_PASSIVE = frozenset("was were been is are".split())


def _is_term(word: str, terms) -> bool:
    return any(word[:5] == term.lower()[:5] and " " not in term for term in terms)


# Verbs that date a statement, not an act of the story: saying, making a thing known, and taking a stand on a
# claim ("on Tuesday denied rumours that six people had died": Tuesday dates the denial, not the deaths)
_STANCE = frozenset("deny denied denies denying insist insisted insists claim claimed claims warn warned warns argue "
                    "argued argues".split())
_TELLING = SAYING | _STANCE | frozenset("announce announced announces announcing publish published publishes unveil "
                                        "unveiled unveils".split())


# "LISBON, Portugal, Nov 19 (Wire Agency) - A quake struck": the place and date a report was filed from.
_DATELINE_BEFORE = re.compile(r"(?:^|\n)[ \t]*[A-Z][\w.'-]*(?:[ \t]+[A-Z][\w.'-]*){0,3}(?:,[ \t]*[A-Z][\w .'-]*)*,[ \t]*$")
_DATELINE_AFTER = re.compile(r"[ \t]*(?:\([^()\n]{2,60}\)[ \t]*)?(?:[-\u2013\u2014]|$)")
_SUPERLATIVE_SINCE = re.compile(r"\bthe\s+(?:\w+est|worst|best|first|most\s+\w+)\b", re.IGNORECASE)


def _dateline(mention: dict, text: Words) -> bool:
    """A date at the head of a report after its place in capitals, before the agency and a dash."""
    start, end = int(mention["start"]), int(mention["end"])
    line_start = text.text.rfind("\n", 0, start) + 1
    before = text.text[max(line_start - 1, 0) if line_start else 0:start]
    return bool(_DATELINE_BEFORE.search(before)) and bool(_DATELINE_AFTER.match(text.text, end))


def _baseline_since(mention: dict, text: Words) -> bool:
    """ "the strongest quake to hit the region since 1987", "the longest stoppage since 2011": a superlative's
    "since" dates the last time something compared, not the event itself."""
    if not str(mention["value_text"]).lower().startswith("since"):
        return False
    low = int(mention.get("clause_start", mention["sentence_start"]))
    return bool(_SUPERLATIVE_SINCE.search(text.text, low, int(mention["start"])))


SINCE_UNTIL = ("at_least", "at_most", "more_than", "less_than")


def _context_reads_on(fact, mention: dict, text: Words) -> bool:
    """Whether a context term of the fact ends in the word that opens the value and its other words stand right
    before it ("on sale since" before "since March 2022"): the catalog names the bound itself, as a cue does."""
    first = str(mention["value_text"]).lower().split()[0]
    start = int(mention["start"])
    before = text.text[max(0, start - 80):start]
    for term in fact.context:
        words = term.lower().split()
        if len(words) > 1 and words[-1] == first \
                and re.search(r"\b" + r"\s+".join(map(re.escape, words[:-1])) + r"\s+$", before, re.IGNORECASE):
            return True
    return False


def _since_or_until(mention: dict) -> bool:
    return str(mention["value_text"]).lower().split()[0] in ("since", "until", "till", "through")
