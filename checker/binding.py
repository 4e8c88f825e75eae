"""Bind mentions to catalog facts: which stated value is about which fact.

A mention becomes an observation of a fact when every test the fact asks for holds:

1. kind: counts and quantities take counted or bare numbers; money, percent, duration
   take their own kind; a date fact takes dates, and durations through a cue (the
   statement "meeting again after two years" places the previous meeting in time);
2. wording: a value said of a part ("29 other", "1,000 each", "four hours longer") or of a change ("a gain
   of 9", "up 4") never stands for the whole; "the 29 other members" with the one named does when the fact
   says `derive_whole` (30); an ordinal ("their fourth title") counts only for a fact that takes `ordinals`,
   through the unit word right after it; a rate ("600 messages per hour": message/hour) only for a fact whose
   unit is a rate; a duration that places a moment ("six months ago", "One year after launch, ...") measures
   nothing; the figure a value moved from ("up from 4,096", "raised from 4,096 to 10,000") is no
   statement of the figure unless its clause names its time ("up from 27.9 percent in 2021"); a reference
   ("#8411") or a series of versions ("4.x") is no quantity, and a count of things is a whole number;
3. unit: the counted noun (or the one its predicate implies: "18 dead" counts people) is one of the fact's
   units, or a unit of the same dimension ("2,480 kg" for tonnes); a bare number, or a count whose noun the
   grammar borrowed from an earlier count, takes the nearest unit word earlier in its sentence, never past a
   semicolon ("the crane count ... rose to 94", "turbines off the coast, about 60 in all"), and the
   number is written in digits or bounded ("more than one hundred"): a lone spelled-out
   "one" or "two" is far more often a pronoun or an ellipsis than a quantity;
4. scope: a `total` fact needs the value stated as the whole ("the 30", "all 30",
   "its 30", "30-member", "now has 30");
5. exclude: none of the fact's veto terms stands in the value's own clause (the sentence cut
   at clause breaks and at the neighbouring values), in the clause a relative pronoun points back to, or in a
   short phrase of place or time opening the sentence ("In the city itself, turnout was lower, at 58.2%");
6. cues: when the fact lists cue phrases, one matches around the value, never reaching over
   another value (a possessive or a part of a hyphenated word matches a cue word), and its
   words count as the value's phrase;
7. context: when the fact lists context terms, one stands in the value's phrase,
   sentence or paragraph (the fact's context_scope); a term that is a verb form stands for its other forms
   ("killed" for "killing 12");
8. dates: a date fact takes neither a dateline ("PLACE, Nov 19 (Agency) -"), nor a date a verb of saying
   dates ("said on Monday"), nor a superlative's "since" ("the strongest since 1987"); a period's bound
   ("until April 2027", "through 2031") only through a cue; with no cue, the context term must stand in the
   date's own clause (its sentence when the date opens it, its line when that is a heading, a when-clause
   after it) and nearer to it
   than to any other date ("killed in Tuesday's quake rose to 146 on Wednesday").

When several facts accept a mention, the nearest evidence wins: a cue, else the distance in
words to the fact's unit or context word (a term of several words from its nearest word: "at the wheel for
11 hours" is two words off), counted further beyond the value's clause, another
value or a conjunction; then the more specific evidence (cue > phrase > sentence > paragraph);
catalog order only breaks a tie. `_score` can say why it rejected a fact (`checker explain`).
The as-of period of an observation comes from the value's reading (checker.reading): the
document's publication period, a period its own clause names, or, for "..., the last in
March 2020", the interval from that last event through publication.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

from checker.columns import DOCUMENTS, MENTIONS, OBSERVATIONS, require
from checker.mentions.firstword import first_letter_guard
from checker.mentions.quantities import lemma
from checker.reading import (CLAUSE_BREAK, OF_THEM_AFTER, OFFSET_AFTER, OPENING_TIME, SAYING, SYNONYMS, Words,
                             _predicate_of, dated_headings)
from checker.units import converted, factor as unit_factor

NUMERIC_FACT_KINDS = {"count": {"count", "quantity", "number"}, "quantity": {"count", "quantity", "number"},
                      "money": {"money"}, "percent": {"percent"}, "duration": {"duration"}}
PART_FLAGS = {"other", "each", "comparative", "part", "partitive"}
VERBS_OF_TOTAL = {"has", "have", "had", "comprises", "comprised", "counts", "counted", "numbers", "numbered",
                  "totals", "totalled", "totaled"}
ADVERBS_BEFORE_TOTAL = {"now", "currently", "still", "already", "only", "just", "today"}
DEFAULT_GAP = 2      # words allowed between consecutive cue words, and between a cue and the value
FAR = 10_000         # the distance of evidence that is not near the value at all
BEYOND = 20          # words added to evidence that stands beyond the value's clause or another value
ELLIPSIS_GAP = 15    # words allowed where a cue says "..."

# Part of the binding cache key: bump it whenever a change here can change the observations of a document.
BINDER_VERSION = "b46"


# What bind returns: the observation columns before reconcile adds the comparable ones.
BOUND_COLUMNS = [c for c in OBSERVATIONS if not c.startswith(("cmp_", "as_of_ord_")) and c != "assertive"]


def bind(mentions, documents, catalog, *, readings=None, cache_dir=None):
    """Return the OBSERVATIONS table (without the cmp_* columns that reconcile adds).

    `readings` is the READINGS table of checker.reading (one row per mention): the phrase, clause and
    as-of period that binding reads are worked out there, once, for binding and discovery alike
    (read here when not given).

    With a `cache_dir`, each document's observations are cached under its hash, publication date,
    id, the grammar's version and the catalog, so an unchanged document is not bound again.
    """
    tables = binding_tables(mentions, documents, catalog, readings=readings, cache_dir=cache_dir)
    return observations_of(list(tables.values()))


def observations_of(tables: list[list[str]]):
    """The OBSERVATIONS table (as bind returns it) of documents' encoded tables, in any order."""
    from checker.cache import frame_of

    return in_order(frame_of(tables, BOUND_COLUMNS))


def in_order(observations):
    """Observations in the order bind returns them: by fact, source and place."""
    return observations.sort_values(["fact", "source", "start", "end"], kind="stable").reset_index(drop=True)


def binding_tables(mentions, documents, catalog, *, readings=None, cache_dir=None,
                   words: dict | None = None) -> dict[str, list[str]]:
    """Each document's observations as an encoded table (checker.cache), by document id in id order: what
    bind parses, and what a worker of checker.pipeline hands back. `readings` may also be a function of a set
    of document ids that returns their READINGS rows (checker.pipeline's, which parses only the documents
    bound now: none when every document is cached). `words`: documents' word indexes by id (checker.reading.
    reading_tables leaves them), each taken from it when its document is bound, instead of built again."""
    from checker.cache import StageCache, encode_table
    from checker.columns import READINGS
    from checker.reading import read_clauses

    require(mentions, MENTIONS, "bind")
    if readings is None:
        readings = read_clauses(mentions, documents)
    if not callable(readings):
        require(readings, READINGS, "bind")
    require(documents, DOCUMENTS, "bind")
    columns = BOUND_COLUMNS
    tables: dict[str, list[str]] = {}
    if len(mentions) and len(catalog.facts):
        cache = StageCache(cache_dir, columns) if cache_dir is not None else None
        docs = list(documents.sort_values("source").itertuples(index=False))
        keys: dict[str, str] = {}
        if cache is not None:
            fingerprint = catalog_fingerprint(catalog)
            keys = {doc.source: f"bind-{_version()}:{doc.sha256}:{doc.published}:{doc.source}:{fingerprint}"
                    for doc in docs if doc.sha256}
        stored = cache.get_many(keys.values()) if cache is not None else {}
        unbound = {doc.source for doc in docs if keys.get(doc.source) not in stored}
        # Only the mentions of documents bound now are grouped: after one edit that is one document's.
        wanted = mentions if len(unbound) == len(docs) else mentions[mentions["source"].isin(unbound)]
        by_source = _Rows(wanted) if unbound else None
        read_by_mention = _readings_by_mention(readings(unbound) if callable(readings) else readings, wanted) \
            if unbound else {}
        fresh = {}
        for doc in docs:
            key = keys.get(doc.source)
            if doc.source not in unbound:
                tables[doc.source] = stored[key]
                continue
            found = []
            facts = catalog.facts_for(doc.text)
            records = by_source.of(doc.source) if by_source is not None else None
            if facts and records:
                for record in records:
                    record.update(read_by_mention[record["mention"]])
                index = words.pop(doc.source, None) if words is not None else None
                found = [{c: _plain_missing(row[c]) for c in columns}
                         for row in _bind_document(doc, records, facts, index)]
            tables[doc.source] = encode_table(found, columns)
            if key is not None:
                fresh[key] = tables[doc.source]
        if cache is not None:
            cache.put_many(fresh)
    return tables


def _readings_by_mention(readings, mentions) -> "_Rows":
    return _Rows(readings[readings["mention"].isin(mentions["mention"])], key="mention")


class _Rows:
    """A table's rows as dicts (NaN, pandas' None, as None), made when asked for, by `key`.

    The columns are turned into Python lists once: to_dict("records") per document boxed every cell through
    pandas (a fifth of a cold audit). Dicts are made for one document at a time, so the rows of a whole
    corpus never exist as dicts at once."""

    def __init__(self, frame, key: str = "source") -> None:
        self.names = list(frame.columns)
        self.values = [[None if isinstance(v, float) and v != v else v for v in frame[name].tolist()]
                       for name in self.names]
        self.positions: dict = {}
        for position, value in enumerate(frame[key].tolist()):
            self.positions.setdefault(value, []).append(position)

    def of(self, key) -> list[dict]:
        return [self.row(position) for position in self.positions.get(key, ())]

    def row(self, position: int) -> dict:
        return dict(zip(self.names, [column[position] for column in self.values]))

    def __getitem__(self, key) -> dict:
        return self.row(self.positions[key][0])


def _version() -> str:
    # Observations are made from mentions and their clause readings (a tally, a change cue: `moved`), so a new
    # grammar or reading must miss too.
    from checker.mentions import GRAMMAR_VERSION
    from checker.reading import READING_VERSION

    return f"{BINDER_VERSION}-{READING_VERSION}-{GRAMMAR_VERSION}"


def catalog_fingerprint(catalog) -> str:
    """A hash of everything in the catalog that binding reads: the facts and the stories they apply to. Where a
    fact or story was written (its file's path as given, its line) is left out: binding never reads it, and the
    same catalog named by another path (relative from elsewhere, absolute) must not rebind the whole corpus."""
    import dataclasses
    import hashlib

    facts = [dataclasses.replace(fact, path="", line=0) for fact in sorted(catalog.facts, key=lambda fact: fact.key)]
    text = repr(facts) + repr(sorted(story._replace(path="") for story in catalog.stories))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _plain_missing(value):
    """NaN becomes None, so a row read back from the cache is the row that was bound."""
    return None if isinstance(value, float) and value != value else value


def _bind_document(doc, mentions: list[dict], facts, words: Words | None = None) -> list[dict]:
    text = Words(doc.text) if words is None else words   # set_values below sets what binding reads of it
    set_values(text, mentions)
    rows = []
    heads: dict = {}
    for mention in mentions:
        fact = choose(mention, facts, text, heads)
        if fact is not None:
            row = observation_row(fact, mention, doc, text)
            if row is not None:
                rows.append(row)
    return rows


def choose(mention: dict, facts, text: Words, heads: dict, whys: dict | None = None):
    """The fact `mention` binds to among `facts`, or None: the nearest evidence wins, then the more specific
    (cue > phrase > sentence > paragraph), catalog order last. `heads` carries, from one value of a document to
    the next (in order), the fact each sentence's last value of a kind bound to; with `whys`, each fact's
    reason (its key -> a list) is filled in for `checker explain`."""
    best = None
    mention = _with_field_label(mention, text)
    head = (int(mention["sentence_start"]), str(mention["kind"]))
    # "took 31.4 percent of the vote, up from 27.9 percent in 2021": the figure a value moved from measures
    # what the value measures, so it binds to its head's fact, or to one whose cue says "from"
    measure = heads.get(head) if _moved_from(mention, text) else None
    for order, fact in enumerate(facts):
        why = whys.setdefault(fact.key, []) if whys is not None else None
        found = _score(fact, mention, text, why)
        if found is None:
            continue
        if measure is not None and fact is not measure \
                and not any(_cue_matches(cue, mention, text) for cue in fact.cues if "from" in cue.split()):
            if why is not None:
                why.append(f"baseline: the figure a value moved from measures what that value measures "
                           f"({measure.key}); only a cue that says 'from' binds it elsewhere")
            continue
        key = (*weight(found), order)
        if best is None or key < best[0]:
            best = (key, fact)
    heads[head] = best[1] if best is not None else None
    return best[1] if best is not None else None


def weight(found: tuple[int, int]) -> tuple[int, int]:
    """What choose() weighs of an accepting fact's _score (specificity, distance): the nearer evidence first, then
    the more specific; the least weight wins, catalog order breaking a tie (checker.trials weighs the same)."""
    score, distance = found
    return distance, -score


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


_OF_NOUN_AFTER = re.compile(r"\s+of\s+(?:the\s+|an?\s+|its\s+|their\s+)?([a-z][a-z-]+)\b(?!\s+of\b)")
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
_VERB_AFTER_ASIDE = re.compile(r"\s*(?:\w+ly\s+)?(?:is|are|was|were|has|have|had|will|would|could|can|may|might|"
                               r"remains?|remained)\b", re.IGNORECASE)
_ATTACHED_PARTICIPLE = re.compile(r"\s+[a-z]+ed\b[^,.;:]*")


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


def _sentence_or_line(mention: dict, text: Words) -> tuple[int, int]:
    """The value's sentence, or its line when the line is a heading the sentence splitter ran on past."""
    start, end = int(mention["sentence_start"]), int(mention["sentence_end"])
    line_start = text.text.rfind("\n", 0, int(mention["start"])) + 1
    line_end = text.text.find("\n", int(mention["end"]))
    return max(start, line_start), min(end, len(text.text) if line_end < 0 else line_end)


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


# The words of a value that say how far a thing reaches ("up to six metres deep", "as many as 40"), and the words of
# a fact's label that make it the extreme itself ("Maximum depth", "Peak crowd", "Highest water level")
_EXTENT_BOUND = re.compile(r"(?:up\s+to|as\s+(?:many|much|high|deep|long|far|wide)\s+as)\s", re.IGNORECASE)
_EXTREME_LABEL = re.compile(r"\b(?:maximum|max|peak|highest|deepest|longest|widest|tallest|greatest|largest|biggest|"
                            r"heaviest|top)\b", re.IGNORECASE)


def observation_row(fact, mention: dict, doc, text: Words) -> dict | None:
    """The OBSERVATIONS row of `mention` (with its READINGS columns) as an observation of `fact`."""
    as_of_low, as_of_high, as_of, basis = doc.published_low, doc.published_high, doc.published, "published"
    if fact.kind != "date":  # a date fact's value is itself the time: it speaks as of publication
        as_of_low, as_of_high, as_of, basis = (mention["as_of_low"], mention["as_of_high"], mention["as_of"],
                                               mention["as_of_basis"])
    row = {column: mention[column] for column in MENTIONS}
    row["derived"] = ""
    if fact.derive_whole and "other" in str(mention["flags"] or "").split(","):
        # "the mayor and the 29 other members": the others and the one named are the whole
        row.update(low=_scaled(mention["low"], 1, 1), high=_scaled(mention["high"], 1, 1),
                   derived=f"{mention['value_text']} others and the one named")
    if mention["qualifier"] == "at_most" and mention["high"] is not None and _EXTENT_BOUND.match(mention["value_text"]) \
            and _EXTREME_LABEL.search(f"{fact.label or ''} {fact.description or ''}"):
        # "debris up to six metres deep" of a fact that is the greatest depth: the extent reaches six metres, the
        # greatest it is (for a fact of the depth itself, "up to six metres" stays at most six)
        row.update(low=mention["high"], high=mention["high"], qualifier="exact",
                   derived=f"{mention['value_text']!r} names the greatest extent")
    if mention["kind"] == "ordinal" and fact.kind == "duration":
        # "the 104th minute": minute 104, on the fact's scale
        row.update(kind="duration", unit=fact.units[0], qualifier="exact",
                   derived=f"the ordinal {mention['value_text']!r} names {fact.units[0]} {mention['value_text'][:-2]}")
    elif mention["kind"] == "ordinal":
        # "their fourth title" says the count of titles is four
        row.update(kind="count", unit=fact.units[0] if fact.units else None,
                   derived=f"the ordinal {mention['value_text']!r} counts")
    if mention["kind"] == "date" and fact.kind == "duration" and (length := _span_length(mention)) is not None:
        # "over the next 18 months" of a duration fact: how long the stretch runs
        mention = {**mention, "kind": "duration", "low": float(length[0]), "high": float(length[0]),
                   "unit": length[1], "qualifier": "exact"}
        row.update(kind="duration", low=mention["low"], high=mention["high"], unit=length[1], precision=None,
                   qualifier="exact", derived=f"{mention['value_text']!r} runs {length[0]} {length[1]}s")
    if fact.kind == "date" and mention["kind"] == "duration":
        derived = _date_before(mention, as_of_low, as_of_high)
        if derived is None:
            return None
        # The duration looks back: "will meet for the first time in two years" plans the next
        # meeting but reports when the last one was. Denials and hedges still carry over.
        modality = "reported" if mention["modality"] in ("planned", "projected") else mention["modality"]
        row.update(kind="date", low=derived[0], high=derived[1], unit=None, precision="day", modality=modality,
                   qualifier="range", derived=f"{mention['value_text']} before the as-of date")
    elif fact.kind == "date" and mention["kind"] == "date" and mention["qualifier"] in SINCE_UNTIL \
            and _since_or_until(mention):
        # "on sale since 3 March" dates the launch, "in force until 31 August" the end: bound to a date fact,
        # "since X" and "until X" state X itself, not the open period after or before it.
        point = mention["low"] if mention["low"] is not None else mention["high"]
        if mention["value_text"].lower().startswith(("until", "till", "through")) and mention["high"] is not None:
            point = mention["high"]
        row.update(low=point, high=point, qualifier="exact", derived=f"the date {mention['value_text']!r} names")
    elif fact.kind in ("duration", "quantity") and fact.units and mention["unit"] \
            and mention["unit"] != fact.units[0] and unit_factor(mention["unit"], fact.units[0]) is not None:
        # "2,480 kg" of a fact in tonnes, "46 months" of a fact in years: one scale per fact
        change = converted(mention["low"], mention["high"], mention["tolerance"], mention["unit"], fact.units[0])
        if row["derived"]:
            change["derived"] = f"{row['derived']}; {change['derived']}"
        row.update(change)
    sentence_start, sentence_end = int(mention["sentence_start"]), int(mention["sentence_end"])
    row.update(
        observation=f"{fact.key}/{doc.source}@{mention['start']}-{mention['end']}",
        fact=fact.key,
        quote=" ".join(text.text[sentence_start:sentence_end].split()),
        phrase=_counted_phrase(mention, text.text),
        line=text.line_of(int(mention["start"])),
        as_of=as_of, as_of_low=as_of_low, as_of_high=as_of_high, as_of_basis=basis,
        fact_kind=fact.kind, changes=fact.changes, window_days=fact.window_days, fact_tolerance=fact.tolerance,
        # a discovered figure is a new one when its clause says it moved, or names the time it speaks for
        # ("In January, 33,900 patients started treatment" is January's figure, not a rival to December's)
        tally=bool(mention.get("change_cue")),
        moved=True if fact.origin == "declared" else bool(mention.get("change_cue") or mention.get("cumulative")
                                                          or mention.get("as_of_basis") == "stated"),
    )
    return row


def _counted_phrase(mention: dict, text: str) -> str:
    """ "seven council meetings": the value through its counted noun, when the noun follows closely."""
    start, end, noun_end = int(mention["start"]), int(mention["end"]), int(mention["noun_end"])
    if noun_end > end and noun_end - end <= 40 and not CLAUSE_BREAK.search(text, end, noun_end):
        return " ".join(text[start:noun_end].split())
    return str(mention["value_text"])


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


def _scaled(value, factor, plus: float = 0):
    return None if value is None or value != value else float(value) * factor + plus


def _date_before(mention: dict, as_of_low: str | None, as_of_high: str | None) -> tuple | None:
    """Place an event `duration` before the as-of period: "after two and a half years" -> a date interval.

    A whole number of units is read as +- half a unit ("two years" = 1.5..2.5 years), a
    fractional one as +- a quarter ("two and a half years" = 2.25..2.75); open bounds stay open.
    """
    unit_days = unit_factor(str(mention["unit"] or ""), "day")
    if unit_days is None or as_of_low is None or as_of_high is None:
        return None
    low, high = mention["low"], mention["high"]
    low = None if low is None or low != low else float(low)
    high = None if high is None or high != high else float(high)
    reference = low if low is not None else high
    if reference is None:
        return None
    slack = 0.5 if float(reference).is_integer() else 0.25
    if mention["qualifier"] in ("exact", "approx"):
        low = low - slack if low is not None else None
        high = high + slack if high is not None else None
    earliest = None if high is None else date.fromisoformat(as_of_low) - timedelta(days=high * unit_days)
    latest = None if low is None else date.fromisoformat(as_of_high) - timedelta(days=low * unit_days)
    return (earliest.isoformat() if earliest else None, latest.isoformat() if latest else None)
