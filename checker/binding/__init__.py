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

The package: `score` holds the tests above (`_score`), `clauses` where the words said of a value stand (its clause,
a veto's reach, a cue's span, a term's distance), and this module the stage: each document bound (cached by
document), the nearest evidence chosen among the facts that accept a value, and the observation rows.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

from checker.binding.clauses import _cue_matches, _span_length
from checker.binding.score import SINCE_UNTIL, _moved_from, _score, _since_or_until, _with_field_label, set_values
from checker.columns import DOCUMENTS, MENTIONS, OBSERVATIONS, require
from checker.reading import CLAUSE_BREAK, Words
from checker.stopping import check
from checker.units import converted, factor as unit_factor

# Part of the binding cache key: bump it whenever a change in this package can change the observations of a document.
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


def observations_of(tables: list[list[str]], consume: bool = False):
    """The OBSERVATIONS table (as bind returns it) of documents' encoded tables, in any order; with `consume`, the
    tables' texts are let go of as they are parsed (checker.cache.frame_of)."""
    from checker.cache import frame_of

    return in_order(frame_of(tables, BOUND_COLUMNS, consume=consume))


def joined_observations(tables: dict[str, list[str]]) -> dict[str, list[str]]:
    """Documents' encoded tables (binding_tables's) as one table under their first key, the rows in key order:
    what observations_of reads of them is the same (it orders the rows itself, and rows that tie in its order are a
    document's own). A pool's worker sends its batch's observations so: one text a column, where a text a column
    a document (60 bytes each beside its content) made 88 MB at 30,000 articles, a million texts held by the audit
    until the last batch was in; so, 26 MB."""
    if not tables:
        return {}
    keys = sorted(tables)
    return {keys[0]: [",".join(filter(None, texts)) for texts in zip(*(tables[key] for key in keys))]}


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
            check()   # SIGTERM stops a long run of documents between two (checker.stopping)
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
