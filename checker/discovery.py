"""Discover the shared facts of a corpus: statements of different sources about the same quantity.

With no catalog (or for the mentions a catalog left unbound), this stage groups mentions into
*discovered facts*, which then go through the same reconciliation, Great Expectations suite and
findings as declared ones.

Method (deterministic, offline, linear in the mentions)
1. Candidates. A mention is a candidate when it states a value of its own: a count with a counted
   noun (or one its predicate or a tally noun implies: "18 dead", "the death toll has risen to 30"),
   a quantity, money, a percent, a duration, or a date that hangs on a word ("founded in 2002").
   Parts ("29 other", "1,000 each"), names ("Windows 11"), deictic periods ("this week"), open dates
   ("since 2016"), the publication day itself (unless the clause names the act it dates: "struck on
   Tuesday" in Tuesday's paper) and period labels ("fiscal 2027") are not.
2. Family. Only statements of one *family* can be one fact: the same kind and unit (a count of
   meetings, money in USD, a percent), quantities by dimension (km and miles are one length),
   durations on the clock or on the calendar, dates together.
3. Slots. One document's statements of one family that state one value are one slot: "$1.19 Billion" in
   the headline and "$1.19 billion" in the body; "4 percent" beside "3.5 percent" are two, however they round.
4. Evidence. A slot is described by its key words (the word it hangs on ^, its predicate =, the noun
   it measures #, the kind of thing counted +, the counted noun @) and the other words of its
   clause, and for a date what it dates (! the act and its subject, or the noun after it: "the quake
   struck at 3:42 a.m. on Tuesday", "Tuesday's quake"), each weighted by nearness
   (exp(-(distance - 1) / NEAR_WORDS)) and by how telling it is beside the values of the family (inverse frequency among the family's statements: in a corpus about
   one story its main words stand beside every value and tell little).
5. Grouping. Slots that share one of their strongest words or a specific value are candidate pairs
   (postings bounded by MAX_POSTING, so the cost grows with the mentions, never with their square).
   Pairs merge from the most alike down (`_alike`: the share of the smaller group's evidence the other
   holds, plus VALUE_BONUS when they state one specific value) while the groups stay alike, and never
   when a document would hold two values of one group, two different acts meet ("killed" and
   "injured"), two named subjects differ, the figures are MAGNITUDE_RATIO times apart or more and name
   nothing they measure alike ("$40 a share" and "4.2 million dollars" are other quantities; "a depth of
   1.2 miles" and "of 12 miles" one), or, where the family holds several facts, no
   key word is shared (for dates: no act). A family no document states two values of is uncontested and needs little to join, unless
   its counted noun is generic ("people", "members").
6. Settling. A statement whose value disagrees with what the other sources agree on stays only when it
   shares OUTLIER_EVIDENCE of their evidence (FAR_EVIDENCE when its value is MAGNITUDE_RATIO times off
   theirs), and never when it is FOREIGN_RATIO times off or more with other digits and no clause says the
   figure moved (sources that mean one figure are off by a miscount or a slip, not by four times); with no
   two sources agreeing, each must share that much with the rest. Values never join statements; a disagreement
   is kept where the words say it is about the same thing. One exception: a family of counts of one specific
   noun whose statements establish one fact alone takes in the lone counts of that noun close to its figures
   (`_take_strays`): nothing else in the corpus could they count.
7. Facts. A group stated by two or more sources (of two outlets, where the documents name them: one
   publisher's successive releases are one voice) with confidence >= MIN_CONFIDENCE (how much of each
   slot's evidence the others hold, and whether two sources agree on one value) is a discovered fact,
   labelled from the text ("council meetings", "people killed", "date: founded"), with its evidence
   words as written. Cumulative wording ("so far", "toll", "has risen to") makes it `increasing`;
   otherwise `any`, where a later different figure is a change only when its own clause says the
   figure moved (the `moved` column); a date is fixed (`none`) unless it is the latest of a series.
"""
from __future__ import annotations

import hashlib
import json
import math
import re
import zlib
from bisect import bisect_right
from datetime import date
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import accumulate, compress
from operator import itemgetter
from pathlib import Path
from sys import intern

import orjson

from checker.cache import BETWEEN_TABLES, SEPARATOR, joined_tables
from checker.catalog import Fact
from checker.collector import paused_collections
from checker.mentions.quantities import lemma
from checker.reading import (BASELINE_WORDS, LEVEL_READ_ON, OF_THEM_AFTER, OFFSET_AFTER, SAYING, UNITS_WORDS, Words,
                             term_of)
from checker.reconcile import rounding_of, tolerance_below
from checker.units import SCALES, dimension, factor

SIMILARITY = 0.25
VALUE_BONUS = 0.25
UNCONTESTED = 0.02    # the threshold in a family no document states two values of
SPECIFIC_DIGITS = 3   # a value of this many significant digits, stated by two sources, is one figure, not chance
MIN_CONFIDENCE = 0.35  # below it, a group is no shared fact
OUTLIER_EVIDENCE = 0.3  # the share of its evidence a disagreeing statement must share with the agreeing ones
FAR_EVIDENCE = 0.6      # ... when its value is of another order than theirs (MAGNITUDE_RATIO times or more)
# Two dates this many days apart or more are of different occasions (a month's slack is a real disagreement: "1
# January" against "1 February"); a writer who means the same event is off by days, not by seasons. No two sources
# of the gold stories and news clusters that date one event to the day are more than 31 days apart.
DATES_APART_DAYS = 45
MAGNITUDE_RATIO = 3.0   # figures this many times apart are one fact only if they name what they measure alike
# Two sources that give one figure differently are off by a miscount, a rounding, a swapped digit or a slipped
# decimal point: rarely by four times or more (not one conflict of 161 in our gold stories and real news is, but
# for a slipped point: 57,000 litres against 570,000). A figure that far from the others' is another quantity
# said in the same words ("684 crew" aboard and "57 crew" who fell ill), unless its clause says the figure moves.
FOREIGN_RATIO = 4.0
STRAY_RATIO = 1.5   # a lone statement joins the one fact of its family only this close to its figures (_take_strays)
CORE_WEIGHT = 0.5     # the share of confidence an agreeing core gives
NEAR_WORDS = 4.0      # a word this many words further from the value weighs 1/e as much
PREDICATE_WEIGHT = 1.0
PERIOD_WEIGHT = 1.5
NOUN_WEIGHT = 1.0
GOVERNOR_WEIGHT = 1.0
HEAD_WEIGHT = 1.5
EVENT_WEIGHT = 1.5
MIN_EVENT_IDF = 0.5   # the act a date dates tells something even when the story names it beside every date
STRONG_WORDS = 4
MAX_POSTING = 40
CANDIDATE_KINDS = {"count", "quantity", "money", "percent", "duration", "date", "ordinal"}
SKIP_FLAGS = {"other", "each", "comparative", "part", "name", "deictic", "restated", "bar", "scale"}   # bar: "children under five"
PERIOD_LABELS = {"fiscal", "financial", "model", "season", "class", "vintage", "academic", "tax", "calendar",
                 "school", "budget", "cycle", "term"}
CLOCK_UNITS = {"second", "minute", "hour"}
GENERIC_NOUNS = {"person", "people", "man", "woman", "child", "resident", "worker", "employee", "member", "staff",
                 "student", "visitor", "customer", "user", "adult", "citizen", "victim", "patient"}
REPETITIONS = {"time", "times", "fold"}
MOMENT_NOUNS = {"lap", "round", "inning", "stage", "leg", "floor", "storey", "story", "mile", "kilometre", "km"}
LATEST_WORDS = {"last", "latest", "recent", "newest", "previous"}
PLAN_MODALITIES = {"planned", "projected"}   # a statement of a day still to come
# Predicates that name the same act (a reader takes "dead", "died" and "killed" as one toll).
# Acts that tell facts apart: two statements of different ones are never one fact ("killed" vs "injured").
ROLES = frozenset({"die", "injur", "miss", "arrest", "evacuat", "displac", "rescu", "destroy", "damag", "rais",
                   "valu", "sell", "pay", "spend", "win", "lose", "cut", "rise", "fall", "infect", "trap",
                   "approv", "reject", "cancel", "fund", "borrow", "sav", "earn", "hospitalis", "hospitaliz",
                   "detain", "burn", "evacuate", "attack", "hijack"})
# Predicates that name the same act (a reader takes "dead", "died" and "killed" as one toll).
SAME_ACT = {"kill": "die", "hurt": "injur", "wound": "injur", "captur": "arrest", "nab": "arrest", "detain": "arrest"}


SCALES_OF = {unit: scale for unit, (_, scale) in SCALES.items()}


@dataclass(slots=True)   # no __dict__: some 300 bytes less a slot's group, and grouping holds one per slot
class _Group:
    family: tuple
    members: list = field(default_factory=list)     # candidate indexes
    slots: int = 0
    values: Counter = field(default_factory=Counter)
    contested: bool = True
    entities: set | frozenset = field(default_factory=set)   # frozen while grouping (_group), shared
    slot_vectors: list = field(default_factory=list)
    slot_values: list = field(default_factory=list)
    slot_members: list = field(default_factory=list)
    vector: dict = field(default_factory=dict)   # weight per term (_vector)
    predicates: Counter = field(default_factory=Counter)
    sources: set | frozenset = field(default_factory=set)
    withdrawn: frozenset = frozenset()   # the sources whose every statement here their own correction withdraws
    total: float = 0.0
    eras: set | frozenset = field(default_factory=set)   # "now", or the year of a past moment its clause names (_era)
    smallest: float | None = None   # the range of its stated values in base units (None: dates, open values)
    largest: float | None = None


def discover(mentions, readings, documents, *, bound=(), catalog=None, candidates=None, cache_dir=None,
             consume: bool = False, fork: bool = False, grouper=None):
    """Group unbound mentions of different sources into discovered facts (`mentions`: the MENTIONS frame, or a
    checker.mentionstore.MentionStore).

    Returns (observations, facts): an OBSERVATIONS table without the reconcile columns, and the
    discovered Fact objects (origin "discovered") in key order. `candidates`: the documents' candidate
    tables (`candidate_tables`, in the order of `documents`, or a checker.candidatestore.CandidateStore of them)
    when the caller has them, else made here from `readings` (the READINGS frame; read here when None). With a
    `cache_dir`, the grouping (steps 2 to 7) is kept under the shape of every candidate (`_shape`), so a re-audit
    whose candidates read alike, wherever they now stand in their texts, groups nothing again. With `consume`,
    the `candidates` list is emptied once read (its tables are then held here alone, and packed while grouping
    runs: _CandidateRows._pack). With `fork` (a large corpus, a core to spare), the grouping runs in a forked
    process; with a `grouper` as well (a checker.processes.Prepared forked while the audit was small) and
    candidates in a store, in that process (_standing_beside).
    """
    import pandas as pd

    from checker.binding import in_order, observation_row
    from checker.columns import OBSERVATIONS
    from checker.mentionstore import mention_frame, mention_sources

    columns = [c for c in OBSERVATIONS if not c.startswith(("cmp_", "as_of_ord_")) and c != "assertive"]
    if not len(mentions):
        return pd.DataFrame({c: [] for c in columns}), []
    if mention_sources(mentions) < 2:
        # A discovered fact needs statements of two publishers (_standing), so one document's statements form
        # none: reading its candidates would find nothing, and a 100 MB document has a million of them.
        return pd.DataFrame([], columns=columns), []
    if candidates is None:
        mentions = mention_frame(mentions)   # a store (checker.mentionstore): the frame it stands for
        if readings is None:
            from checker.reading import read_clauses

            readings = read_clauses(mentions, documents)
        candidates = _candidate_tables_of_frames(mentions, readings, documents, set(bound))
    candidate_rows = _CandidateRows(candidates, documents)
    if consume and isinstance(candidates, list):
        candidates.clear()
    outlets = {source: outlet for source, outlet in zip(documents["source"].tolist(), documents["outlet"].tolist())
               if isinstance(outlet, str) and outlet.strip()}
    if len(set(outlets.values())) < 2:
        outlets = {}    # one publisher's archive (a feed, a documentation site): each document speaks for itself
    taken = {fact.key for fact in catalog.facts} if catalog is not None else set()
    memo = _GroupingMemo(cache_dir, candidate_rows.shapes, outlets, taken)
    grouped = memo.get()
    if grouped is None:
        grouped = _named(_standing_beside(candidate_rows, outlets, fork, grouper), candidate_rows, taken)
        memo.put(grouped)
    docs = {row.source: row for row in documents.itertuples(index=False)}
    texts: dict[str, _Text] = {}
    out = []
    for fact, members in grouped:
        members = candidate_rows.rows(members)   # one fact's at a time
        # Most of its statements say the figure moves ("25 people still missing", "Eleven remain missing"): a
        # changing figure, which each statement gives at its own moment, its clause saying so or not ("Missing: 19.")
        moving = sum(1 for row in members if row.get("change_cue")) * 2 >= len(members)
        for row in members:
            doc = docs[row["source"]]
            if row["source"] not in texts:
                texts[row["source"]] = _Text(doc.text)
            made = observation_row(fact, row, doc, texts[row["source"]])
            if made is None:
                continue
            if fact.changes == "increasing":
                made["moved"] = True     # a running tally: every statement gives it as of its own day
            elif moving:
                made["moved"] = True
            out.append({c: made[c] for c in columns})
    frame = pd.DataFrame(out, columns=columns)
    if len(frame):
        frame = in_order(frame)
    return frame, sorted((fact for fact, _ in grouped), key=lambda f: f.key)


def _standing_beside(candidates: "_CandidateRows", outlets: dict[str, str], fork: bool, grouper=None) -> list:
    """_standing's groups, worked out in another process with `fork`. Grouping holds much (at 30,000 articles some
    130 MB over a bare audit's process; 270 MB before a family was grouped a connected part at a time), and the
    memory it frees is mostly kept by the process that freed it: held by this one, it lay under the reports' own
    peak later.

    Candidates in a store (checker.candidatestore: a first audit whose pool wrote them into the block snapshots)
    are grouped by `grouper`, a process forked when the audit was small (before it read the documents): it reads
    them from the snapshots itself, and starts the size of a bare audit where a process forked now starts the size
    of this one. Else the grouping runs in a process forked now (checker.processes.Beside: the same function on the
    same rows), and this process packs its tables meanwhile, which the facts' statements are read from."""
    from checker.candidatestore import Unreadable
    from checker.processes import Beside

    if fork and grouper is not None and candidates.store is not None:
        try:
            return grouper.run(_standing_stored, candidates.spec(), outlets)
        except Unreadable:   # a snapshot pruned meanwhile: made again here, from the documents
            return _standing(candidates, outlets)
    side = Beside(lambda: _standing(candidates, outlets), fork=fork)
    if side.pid is not None:
        candidates._pack()
    return side.result()


def _standing_stored(spec: tuple, outlets: dict[str, str]) -> list:
    """_standing of candidates in a store (in the grouper's process: _standing_beside)."""
    return _standing(_CandidateRows.of_spec(spec), outlets)


@dataclass(slots=True)
class _Standing:
    """A group that stands (of two publishers at least), as naming its fact reads it: a _Group without what only
    grouping reads (what travels back from the grouping's process)."""
    family: tuple
    members: list       # candidate indexes
    vector: dict        # weight per term
    sources: frozenset
    confidence: float   # _confidence


@paused_collections()
def _standing(candidates: "_CandidateRows", outlets: dict[str, str]) -> list[_Standing]:
    """Steps 2 to 6 over the corpus's candidate rows: the groups that stand, in the order they were found, each with
    its confidence (step 7 names them: _named).

    One family at a time: a slot holds statements of one family, two groups merge only within one (their
    postings are the family's), and how telling a word is (`_idf`) is counted within its family, so each
    family's groups are those the whole corpus's grouping makes of it (_family_standing). The groups that stand
    come in the order the whole corpus's grouping found them, since a name taken first (`unique_name`, _named) is
    not given again. The collector is paused throughout (checker.collector): the rows, vectors and groups form no
    cycles and go with their family."""
    standing = []   # (the group's number, the group)
    for row_of, terms_of, numbers, slots in candidates.families():
        standing.extend(_family_standing(row_of, terms_of, numbers, slots, outlets))
    return [group for _, group in sorted(standing, key=lambda item: item[0])]


def _family_standing(row_of, terms_of, numbers: list[int], slots: list[list[int]],
                     outlets: dict[str, str]) -> list[tuple[int, _Standing]]:
    """(number, group) of each group of one family's slots (`numbers`) that stands. `row_of(position)` makes the
    statement's row, `terms_of(position)` its (terms, their distances).

    Two slots meet only as a candidate pair (a posting they share), and a merge joins the groups of a pair alone:
    so the slots no chain of pairs links are grouped apart, and the family is grouped one connected part at a
    time, each the same as within the whole family (how telling a word is, which postings are sampled, which pairs
    there are and whether the family is contested are worked out over the whole family first, a slot at a time).
    Only one part's rows and vectors are held at once: the largest family's, all held together, were a large
    corpus's peak of memory (at 30,000 articles 165,000 rows, a part of them at most 736), and a slot no pair
    names is a group of one publisher, which never stands."""
    positions = [position for number in numbers for position in slots[number]]
    idf = _idf(map(row_of, positions), map(terms_of, positions))

    def vectors_of(rows: dict) -> dict:
        return {position: _vector(row, idf, *terms_of(position)) for position, row in rows.items()}

    postings: dict[tuple, list[int]] = defaultdict(list)
    sources, bounds = {}, []
    for number in numbers:   # a slot at a time, its rows and vectors let go once its postings are read
        members = slots[number]
        rows = {position: row_of(position) for position in members}
        first = rows[members[0]]
        for key in _posting_keys(first["family"], _slot_vector(members, vectors_of(rows)),
                                 {_value_key(row) for row in rows.values()} - {""}):
            postings[key].append(number)
        sources[number] = first["source"]
        bounds.append((first["family"], first["source"], _bounds(first)))
    pairs = _candidate_pairs(postings, sources.__getitem__)
    contested = _contested(bounds)
    del postings, bounds
    parts = _connected(pairs)
    here, held = [], set()   # the groups that stand; the slots a group of several holds
    for part_numbers, part_pairs in parts:
        rows = {position: row_of(position) for number in part_numbers for position in slots[number]}
        settled = [(number, _settle(group, rows)) for number, group in
                   _group(rows, vectors_of(rows), slots, part_numbers, pairs=part_pairs, contested=contested)]
        here.extend((number, group) for number, group in settled if group is not None
                    and len({outlets.get(source, source) for source in group.sources}) >= 2)
        held.update(id(members) for _, group in settled if group is not None and len(group.slot_members) > 1
                    for members in group.slot_members)
        del rows, settled
    here.sort(key=itemgetter(0))
    if len(here) == 1:
        # the slots no group of several holds: lone statements, and those the settling set apart (their rows and
        # vectors made as read: _take_strays reads few of them)
        lone = [slots[number] for number in numbers if id(slots[number]) not in held]
        rows = _Made(row_of)
        _take_strays(here[0][1], lone, _Made(lambda position: _vector(rows[position], idf, *terms_of(position))), rows)
    # one outlet's successive releases are one voice: a shared fact needs two publishers
    return [(number, _Standing(group.family, list(group.members), group.vector, frozenset(group.sources),
                               _confidence(group))) for number, group in here]


def _connected(pairs: set[tuple[int, int]]) -> list[tuple[list[int], set]]:
    """The connected parts of the graph of `pairs`: (its slot numbers in order, its pairs), by the smallest number."""
    parent: dict[int, int] = {}

    def find(n: int) -> int:
        parent.setdefault(n, n)
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for i, j in pairs:
        a, b = find(i), find(j)
        if a != b:
            parent[max(a, b)] = min(a, b)
    parts: dict[int, tuple[list[int], set]] = {}
    for n in sorted(parent):
        parts.setdefault(find(n), ([], set()))[0].append(n)
    for pair in pairs:
        parts[find(pair[0])][1].add(pair)
    return [parts[root] for root in sorted(parts)]


class _Made:
    """A mapping of positions whose value is made when read (`make(position)`), and not kept."""
    __slots__ = ("make",)

    def __init__(self, make) -> None:
        self.make = make

    def __getitem__(self, position: int):
        return self.make(position)


@paused_collections()
def _named(standing: list[_Standing], candidates: "_CandidateRows", taken: set[str]) -> list[tuple]:
    """(fact, indexes of its statements' rows) of each standing group confident enough, in their order: each
    named from the whole rows of its statements (grouping's hold what grouping reads)."""
    taken = set(taken)
    grouped = []
    for group in standing:
        fact = _fact(group, candidates.rows(group.members), taken)
        if fact.confidence < MIN_CONFIDENCE:
            continue
        taken.add(fact.key)
        grouped.append((fact, list(group.members)))
    return grouped


class _GroupingMemo:
    """The grouping of a corpus's candidates, kept in the stage cache under what it depends on: this module,
    the catalog's keys, the outlets and, for every candidate in order, its shape (`_shape`: every column and
    the words around it, offsets counted from its own start). Grouping reads a statement's offsets only against
    its own ("the 20 characters after the value", "its sentence"), so an edit that moves statements without
    changing one (a new sentence bound to a declared fact) leaves it as it was; the observation rows, which
    carry the offsets, are always made anew."""

    def __init__(self, cache_dir, shapes: list[str], outlets: dict[str, str], taken: set[str]) -> None:
        from checker.cache import StageCache

        self.cache = StageCache(cache_dir, ["grouping"]) if cache_dir is not None else None
        if self.cache is None:
            return
        digest = hashlib.sha256(json.dumps([DISCOVERY_VERSION, sorted(taken), sorted(outlets.items())],
                                           ensure_ascii=False).encode("utf-8"))
        digest.update("".join(shapes).encode("ascii"))
        self.key = f"group-{DISCOVERY_VERSION}:{len(shapes)}:{digest.hexdigest()}"

    def get(self) -> list[tuple] | None:
        if self.cache is None:
            return None
        from checker.cache import columns_of

        table = self.cache.get(self.key)
        if table is None:
            return None
        try:
            return [(_fact_of(fields), members) for fields, members in columns_of(table)[0][0]]
        except (TypeError, ValueError, KeyError):
            return None

    def put(self, grouped: list[tuple]) -> None:
        if self.cache is None:
            return
        from checker.cache import encode_table

        stored = [[_fact_fields(fact), members] for fact, members in grouped]
        if any(_fact_of(fields) != fact for (fields, _), (fact, _) in zip(stored, grouped)):
            return      # a fact that would not read back equal is never kept
        self.cache.put(self.key, encode_table([{"grouping": stored}], ["grouping"]))


def _fact_fields(fact: Fact) -> dict:
    from dataclasses import fields

    return {item.name: getattr(fact, item.name) for item in fields(Fact)}


def _fact_of(stored: dict) -> Fact:
    """A Fact from `_fact_fields` read back from JSON: its tuples are lists there."""
    return Fact(**{name: tuple(value) if isinstance(value, list) else value for name, value in stored.items()})


class _Text:
    """What an observation row reads of its document: the text and the line of an offset. checker.reading.Words
    also indexes every word, which discovery never asks for (a tenth of this stage's time)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._newlines = None

    line_of = Words.line_of


def _code_digest() -> str:
    """A digest of this module's source and of the modules whose functions it groups with, so that any change
    to how candidates are read or grouped is a miss in the stage cache by construction, never a version
    someone must remember to bump (the observation rows, made by checker.binding, are never cached here)."""
    from checker import catalog, reading, reconcile, units
    from checker.mentions import quantities

    digest = hashlib.sha256(Path(__file__).read_bytes())
    for module in (catalog, quantities, reading, reconcile, units):
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()[:12]


# Part of the keys of a document's candidates and of the grouping in the stage cache.
DISCOVERY_VERSION = "c1-" + _code_digest()


def candidate_columns() -> list[str]:
    """The columns of a document's candidate table: its mentions' and their readings' (as one merged row),
    the statement's family (a JSON list), its slot among the document's statements (step 3) and its shape
    (`_shape`, what the grouping's memo is kept under)."""
    from checker.columns import MENTIONS, READINGS

    return [*MENTIONS, *[name for name in READINGS if name != "mention"], "family", "slot", "shape"]


def candidate_tables(documents, mentions: list, readings: list, observations: dict, *,
                     cache_dir=None) -> list[list[str]]:
    """Each document's candidates (steps 1 and 3: the part of discovery that reads one document at a time), as
    an encoded table (checker.cache), in the order of `documents`.

    `mentions` are the documents' MENTIONS tables in that order, `readings` the READINGS tables of those with
    mentions, `observations` the bound OBSERVATIONS tables by document id (checker.pipeline's tables). A
    document's candidates depend on those tables, its text and its day alone; with a `cache_dir` they are
    cached under the keys of the stages they come from and the mentions bound, so after one edit only that
    document is read again.
    """
    from checker.cache import StageCache, columns_of
    from checker.mentions import GRAMMAR_VERSION
    from checker.reading import READING_VERSION

    names = candidate_columns()
    cache = StageCache(cache_dir, names) if cache_dir is not None else None
    bound_at = _bound_column()
    readings_of = iter(readings)
    inputs, keys = [], {}
    for doc, mention_table in zip(documents.itertuples(index=False), mentions):
        reading_table = next(readings_of) if mention_table[0] else None
        observed = observations.get(doc.source)
        bound = observed[bound_at] if observed and bound_at is not None else ""
        inputs.append((doc, mention_table, reading_table, bound))
        if cache is not None and doc.sha256 and reading_table is not None:
            digest = hashlib.sha256(bound.encode("utf-8")).hexdigest()[:16]
            keys[doc.source] = (f"disc-{DISCOVERY_VERSION}-{READING_VERSION}-{GRAMMAR_VERSION}:{doc.sha256}:"
                                f"{doc.published}:{doc.source}:{digest}")
    stored = cache.get_many(keys.values()) if cache is not None else {}
    tables, fresh = [], {}
    for doc, mention_table, reading_table, bound in inputs:
        key = keys.get(doc.source)
        if key in stored:
            tables.append(stored[key])
            continue
        if reading_table is None:
            tables.append(_encode_candidates([], names))
            continue
        day = doc.published_low if doc.published_low and doc.published_low == doc.published_high else None
        rows = _document_candidates(columns_of(mention_table), columns_of(reading_table),
                                    set(columns_of([bound])[0]), doc.text or "", day)
        tables.append(_encode_candidates(rows, names))
        if key is not None:
            fresh[key] = tables[-1]
    if cache is not None:
        cache.put_many(fresh)
    return tables


def _bound_column() -> int | None:
    from checker.binding import BOUND_COLUMNS

    columns = list(BOUND_COLUMNS)
    return columns.index("mention") if "mention" in columns else None


def _document_candidates(mention_columns: list[list], reading_columns: list[list], bound: set[str], text: str,
                         day: str | None):
    """One document's candidate rows in the order of their offsets, each with its family and slot, made one at
    a time (a generator, which encode_table reads a row at a time): a dict of forty fields is about 2 KB, and
    a 100 MB document has over a million mentions, so they are never all held; nor is a row made for a mention
    before its turn. The slots are numbered as the rows come (`_Slotting`: a row's slot depends on the rows
    before it alone)."""
    from checker.columns import MENTIONS, READINGS

    reading_names = list(READINGS)
    at = reading_names.index("mention")
    by_mention = {mention: index for index, mention in enumerate(reading_columns[at])}
    read = [(name, values) for name, values in zip(reading_names, reading_columns) if name != "mention"]
    mention_names = list(MENTIONS)
    ids = mention_columns[mention_names.index("mention")]
    starts, ends = mention_columns[mention_names.index("start")], mention_columns[mention_names.index("end")]
    # A mention without a reading is no candidate (an inner join); stable: ties keep the mentions' order.
    order = sorted((index for index, mention in enumerate(ids) if mention in by_mention),
                   key=lambda index: (starts[index], ends[index]))
    predicates = dict(read)["predicate"]
    listed = _inventory(order, dict(zip(mention_names, mention_columns)),
                        [predicates[by_mention[mention]] if mention in by_mention else "" for mention in ids], text)
    slotting = _Slotting()
    for index in order:
        if index in listed:
            continue    # an item of an inventory ("12 AK-47 guns, three rifles, two grenades"): sources list by other
            #             categories, and its figures are no shared fact
        row = {name: column[index] for name, column in zip(mention_names, mention_columns)}
        position = by_mention[row["mention"]]
        for name, column in read:
            row[name] = column[position]
        for name, value in row.items():
            if isinstance(value, float) and value != value:
                row[name] = None
        if row["mention"] in bound:
            continue
        row["_published"], row["_text"] = day, text
        family = _family(row)
        if family is None:
            continue
        row["family"] = family
        row["slot"] = slotting.slot(row)
        row["shape"] = _shape(row)
        yield row


# What stands between two items of an inventory: a comma, perhaps items named without a figure, perhaps "and"
# (", three rifles, two grenades", ", RPG launchers, three speedboats", ", grenades and three other rifles")
_LIST_JOINT = re.compile(r"\s*,\s*(?:[\w-]+\s+){0,3}?(?:[\w-]+\s*,\s*)?(?:and\s+)?$", re.IGNORECASE)
INVENTORY_ITEMS = 3   # figured items of different things in one list, at least


def _inventory(order: list[int], column: dict, predicates: list, text: str) -> set[int]:
    """The mentions (indexes) that are items of an inventory: counts of different things listed in one sentence
    under one verb, at least INVENTORY_ITEMS of them ("recovered 12 AK-47 guns, three rifles, two grenades")."""
    counts = [index for index in order if column["kind"][index] in ("count", "number") and column["unit"][index]]
    listed: set[int] = set()
    chain = counts[:1]

    def close(chain):
        if len(chain) >= INVENTORY_ITEMS and len({column["unit"][i] for i in chain}) >= 2:
            listed.update(chain)

    for previous, index in zip(counts, counts[1:]):
        joint = text[max(int(column["end"][previous]), int(column["noun_end"][previous])):int(column["start"][index])]
        same = column["sentence_start"][previous] == column["sentence_start"][index]
        acts = {predicates[previous] or "", predicates[index] or ""} - {""}
        if same and len(acts) <= 1 and _LIST_JOINT.fullmatch(joint):
            chain.append(index)
        else:
            close(chain)
            chain = [index]
    close(chain)
    return listed


def _shape(row: dict) -> str:
    """A digest of what grouping reads of a candidate: every column but its id, offsets counted from its start
    (discovery compares a statement's offsets with its own only), its day, and the text from its sentence's
    start to the end of its sentence or counted noun."""
    start = int(row["start"])
    # An offset of 0 or less is no place in the text ("no counted noun"), and stays as it is.
    values = [[name, value - start if name in _OFFSETS and isinstance(value, int) and value > 0 else value]
              for name, value in row.items() if name not in ("mention", "_text", "shape")]
    first = max(0, min(start, int(row["sentence_start"])))
    last = max(int(row["end"]), int(row["sentence_end"]), int(row["noun_end"]))
    text = [first - start, row["_text"][first:last]]
    try:
        written = orjson.dumps([values, text], default=str)   # some 8x faster than json (a row a candidate)
    except TypeError:   # an integer past 64 bits, a lone surrogate: json writes what orjson cannot
        written = json.dumps([values, text], ensure_ascii=False, default=str).encode("utf-8", "surrogatepass")
    return hashlib.sha256(written).hexdigest()[:24]


# The candidate columns that hold offsets into the text.
_OFFSETS = {"start", "end", "noun_start", "noun_end", "sentence_start", "sentence_end", "clause_start", "clause_end",
            "phrase_start", "phrase_end"}


def _encode_candidates(rows, names: list[str]) -> list[str]:
    from checker.cache import encode_table

    return encode_table(rows, names)


def _candidate_tables_of_frames(mentions, readings, documents, bound: set[str]) -> list[list[str]]:
    """`candidate_tables` of MENTIONS and READINGS frames (an engine that ran the per-document stages
    elsewhere): each document's rows encoded as the stage cache encodes them, so the candidates are read from
    the values a cached audit reads."""
    from checker.cache import encode_table
    from checker.columns import MENTIONS, READINGS

    day_of = {source: low if low and low == high else None for source, low, high in
              zip(documents["source"], documents["published_low"], documents["published_high"])}
    mention_rows = _rows_by_source(mentions, list(MENTIONS), "source")
    reading_rows = _rows_by_mention_source(readings, list(READINGS))
    from checker.cache import columns_of

    tables = []
    names = candidate_columns()
    for source, text in zip(documents["source"].tolist(), documents["text"].tolist()):
        found = mention_rows.get(source, [])
        if not found:
            tables.append(_encode_candidates([], names))
            continue
        mention_table = encode_table(found, MENTIONS)
        reading_table = encode_table(reading_rows.get(source, []), READINGS)
        rows = _document_candidates(columns_of(mention_table), columns_of(reading_table), bound, text or "",
                                    day_of.get(source))
        tables.append(_encode_candidates(rows, names))
    return tables


def _rows_by_source(frame, names: list[str], key: str) -> dict[str, list[dict]]:
    columns = [frame[name].tolist() for name in names]
    grouped: dict[str, list[dict]] = {}
    for values in zip(*columns):
        row = dict(zip(names, values))
        grouped.setdefault(row[key], []).append(row)
    return grouped


def _rows_by_mention_source(readings, names: list[str]) -> dict[str, list[dict]]:
    """READINGS rows by the document of their mention (a mention id is '{source}@{start}-{end}')."""
    columns = [readings[name].tolist() for name in names]
    grouped: dict[str, list[dict]] = {}
    for values in zip(*columns):
        row = dict(zip(names, values))
        grouped.setdefault(str(row["mention"]).rsplit("@", 1)[0], []).append(row)
    return grouped


PACK_BLOCK = 65_536        # characters of candidate tables compressed together (_CandidateRows._pack)


class _CandidateRows:
    """The corpus's candidate rows, documents in id order and each document's in the order of their offsets (as
    step 1 reads them), from their tables. A grouping made now (`families`) parses every column once for all
    documents (a parse per column per document was most of a re-audit's discovery); a remembered grouping
    (`_GroupingMemo`) needs only the shapes, parsed on their own; the rows of the facts' statements are made by
    `rows`, which parses the tables of their documents alone (all the columns of 110,000 rows took about 1 s).
    A table is a list of column texts, or one text of them joined by SEPARATOR (a re-audit's, as its block
    snapshots keep them: one text a document, where 42 texts took 2 KB more, 60 MB at 30,000 articles). The
    tables may also be a checker.candidatestore.CandidateStore (`store`): read from the block snapshots when asked,
    `positions` then the documents' places in it, in id order."""

    def __init__(self, tables, documents) -> None:
        from checker.cache import loads_values
        from checker.candidatestore import CandidateStore

        self.names = candidate_columns()
        self.texts, self.days = _texts_and_days(documents)
        self.store = tables if isinstance(tables, CandidateStore) else None
        if self.store is not None:
            sources = documents["source"].tolist()
            self.positions = [position for position in sorted(range(len(sources)), key=sources.__getitem__)
                              if tables.shapes[position]]
            self.tables = []
            shapes = [loads_values(tables.shapes[position]) for position in self.positions]
        else:
            self.positions = []
            self.tables = [table for _, table in sorted(zip(documents["source"].tolist(), tables),
                                                       key=lambda pair: pair[0]) if _has_rows(table)]
            shape_at = self.names.index("shape")
            shapes = [loads_values(_columns(table)[shape_at]) for table in self.tables]
        self.shapes = [shape for each in shapes for shape in each]
        self._hold([0, *accumulate(len(each) for each in shapes)])

    def _hold(self, firsts: list[int]) -> None:
        self.count = firsts[-1]
        self.firsts = firsts   # each table's first row
        self._packed: tuple | None = None    # (blocks, each block's first table, blocks unpacked): _pack
        self._kept = [name not in ("slot", "shape", "terms", "term_distances") for name in self.names]
        self._kept_names = list(compress(self.names, self._kept))

    def spec(self) -> tuple:
        """What of a store's rows grouping reads, to make them again in another process (`of_spec`): the store's
        blocks (not its shapes), the documents' places, each table's first row, the days."""
        return self.store, self.positions, self.firsts, self.days

    @classmethod
    def of_spec(cls, spec: tuple) -> "_CandidateRows":
        """The rows of `spec()` for grouping (`families`; no shapes, no texts)."""
        rows = cls.__new__(cls)
        rows.store, rows.positions, firsts, rows.days = spec
        rows.names, rows.texts, rows.tables, rows.shapes = candidate_columns(), {}, [], []
        rows._hold(firsts)
        return rows

    def rows(self, positions: list[int]) -> list[dict]:
        """The whole rows at `positions`, in that order: each document's table parsed once for them (its columns
        the rows keep alone), and let go when the next document's is."""
        from checker.cache import loads_values

        made: list = [None] * len(positions)
        number = columns = None
        for at in sorted(range(len(positions)), key=positions.__getitem__):
            here = bisect_right(self.firsts, positions[at]) - 1
            if here != number:
                number = here
                columns = [loads_values(text) if kept else None for text, kept in zip(self._table(number), self._kept)]
            made[at] = self._row(columns, positions[at] - self.firsts[number])
        return made

    def _table(self, number: int) -> list[str]:
        if self.store is not None:
            return self.store.table(self.positions[number]).split(SEPARATOR)
        if self._packed is None:
            return _columns(self.tables[number])
        blocks, firsts, unpacked = self._packed
        block = bisect_right(firsts, number) - 1
        if block not in unpacked:
            unpacked[block] = zlib.decompress(blocks[block]).decode("utf-8").split(BETWEEN_TABLES)
        return unpacked[block][number - firsts[block]].split(SEPARATOR)

    def _pack(self) -> None:
        """The tables compressed, PACK_BLOCK characters of consecutive tables a block, once grouping has parsed
        its columns: they (about 60 MB of text at 10,000 articles) were held through the grouping, the audit's
        peak of memory, for `rows` to read a few thousand of them after it (packed: about a quarter; 0.25 s). A
        block is the cache's joined_tables, control characters JSON never writes inside a column, so it splits back
        to the same texts. (A store's tables are held nowhere: nothing to pack.)"""
        if self.store is not None:
            return
        blocks, firsts, pending, size = [], [], [], 0
        for number, table in enumerate(self.tables):
            if not pending:
                firsts.append(number)
            pending.append(_columns(table))
            size += sum(map(len, pending[-1]))
            if size >= PACK_BLOCK or number == len(self.tables) - 1:
                blocks.append(zlib.compress(joined_tables(pending).encode("utf-8"), 1))
                pending, size = [], 0
        self._packed, self.tables = (blocks, firsts, {}), []

    def _row(self, columns: list[list], position: int) -> dict:
        # A whole row (a fact's statement: its observation row reads most columns), without the columns nothing
        # reads from it (its slot, its shape, its terms: grouping has them from families())
        row = dict(zip(self._kept_names, map(itemgetter(position), compress(columns, self._kept))))
        row["family"] = tuple(row["family"])
        source = row["source"]
        row["_published"], row["_text"] = self.days.get(source), self.texts.get(source) or ""
        return row

    def families(self):
        """Family by family: (row_of, terms_of, the numbers of the family's slots, every slot); `row_of(position)`
        makes a row anew, `terms_of(position)` its (terms, their distances) as lists; slots are lists of positions,
        each document's numbered on from the previous document's. A row (_GroupingRow) holds what grouping reads
        of it (_GROUPING_FIELDS, and its day): a whole row's 42 keys took 832 bytes, and only those columns are
        parsed, once, and held until the last family is grouped."""
        wanted = ("slot", "terms", "term_distances", *_GROUPING_FIELDS)
        if self.store is not None:   # a block of tables at a time
            chunks = self.store.tables_by_block(self.positions)
        else:
            self.tables = [_columns(table) for table in self.tables]   # each joined table split once, not a column
            chunks = [(list(range(len(self.tables))), self.tables)]
        columns = dict(zip(wanted, _parsed_columns(chunks, [self.names.index(name) for name in wanted], self.firsts)))
        # Each distinct family one tuple, which every row of it holds (tuple() of a tuple is itself): a list parsed
        # per row, and a tuple made of it per row, were a twentieth of grouping's peak
        families: dict[tuple, tuple] = {}
        columns["family"] = [families.setdefault(family, family)
                             for family in map(tuple, columns["family"])]
        self._pack()
        slots: list[list[int]] = []
        first, source = 0, None
        for position, (slot, source_of) in enumerate(zip(columns["slot"], columns["source"])):
            if source_of != source:
                source, first = source_of, len(slots)
            while len(slots) <= first + slot:
                slots.append([])
            slots[first + slot].append(position)
        numbers_of: dict[tuple, list[int]] = {}   # a slot's statements are of one family (_Slotting)
        for number, members in enumerate(slots):
            numbers_of.setdefault(tuple(columns["family"][members[0]]), []).append(number)
        fields = [columns[name] for name in _GROUPING_FIELDS]
        term_lists, distances = columns["terms"], columns["term_distances"]
        columns = None   # (its slots column read)
        # Each distinct word one object: a family's rows repeat a few thousand words some hundreds of thousands of
        # times (at 10,000 articles their copies were 32 MB of the grouping's peak), and the term vectors' keys
        # (_vector) are these same objects
        words: dict[str, str] = {}
        share = words.setdefault
        days = self.days

        def row_of(position: int) -> _GroupingRow:
            row = _GroupingRow(*[field[position] for field in fields])
            row.family = tuple(row.family)
            row._published = days.get(row.source)
            return row

        def terms_of(position: int) -> tuple[list[str], list[int]]:
            said = str(term_lists[position] or "").split()
            return list(map(share, said, said)), list(map(int, str(distances[position] or "").split()))

        for numbers in numbers_of.values():
            yield row_of, terms_of, numbers, slots


def _parsed_columns(chunks, indexes: list[int], firsts: list[int]) -> list[list]:
    """The columns at `indexes` of every table, each a list of every row's value: `chunks` yields (the tables'
    numbers, the tables as lists of column texts), and a chunk's texts are parsed, a column at a time, as it comes.
    Each distinct text one object ("reported" once, not once a row), as the other stages' frames hold them. The texts
    of every table, all read before any was parsed, were a large corpus's grouping's peak of memory (122 MB more
    than the parsed columns at 30,000 articles)."""
    from checker.cache import loads_values, shared_texts

    columns = [[None] * firsts[-1] for _ in indexes]
    seen: list[dict] = [{} for _ in indexes]
    for numbers, tables in chunks:
        runs = []   # (first row, the chunk's first value, how many) of each run of consecutive tables
        taken = 0
        for number in numbers:
            size = firsts[number + 1] - firsts[number]
            if runs and runs[-1][0] + runs[-1][2] == firsts[number]:
                runs[-1][2] += size
            else:
                runs.append([firsts[number], taken, size])
            taken += size
        for column, index, shared in zip(columns, indexes, seen):
            values = shared_texts(loads_values(",".join(table[index] for table in tables)), shared)
            for first, at, size in runs:
                column[first:first + size] = values[at:at + size]
        del tables
    return columns


def _columns(table) -> list[str]:
    """A candidate table's column texts (_CandidateRows: a list of them, or them joined)."""
    return table.split(SEPARATOR) if isinstance(table, str) else table


def _has_rows(table) -> bool:
    """Whether a candidate table has rows: its first column's text is not empty."""
    return bool(table[0]) if not isinstance(table, str) else bool(table) and not table.startswith(SEPARATOR)


# What grouping (steps 2 to 7: _idf, _vector, _group, _settle) reads of a candidate row besides its day and terms
_GROUPING_FIELDS = ("source", "family", "kind", "low", "high", "precision", "unit", "tolerance", "value_text",
                    "governor", "head", "predicate", "compound", "entity", "event", "time_text", "modality",
                    "as_of_basis", "as_of_high", "change_cue")


class _GroupingRow:
    """A candidate row as grouping reads it (families): its _GROUPING_FIELDS and its day, read as a dict's are
    (row["kind"], row.get("as_of_high")). Slots, not a dict: grouping holds every row of the largest family at
    once, and 21 slots take 200 bytes where a dict of them took 464 (the grouping process's peak at 10,000 articles
    200 MB before, 183 after; at 30,000, 488 and 435)."""
    __slots__ = (*_GROUPING_FIELDS, "_published")
    __getitem__ = object.__getattribute__

    def __init__(self, *values) -> None:
        for name, value in zip(_GROUPING_FIELDS, values):
            object.__setattr__(self, name, value)

    def get(self, name: str, default=None):
        return getattr(self, name, default)


def candidate_mentions(mentions, readings, documents, *, bound=()) -> set[str]:
    """The ids of the mentions discovery groups (step 1): the part of discovery that reads one document
    at a time, so an engine may run it where the documents are and hand back only their readings."""
    if not len(mentions):
        return set()
    return {row["mention"] for row in _candidates(mentions, readings, set(bound), *_texts_and_days(documents))}


def _texts_and_days(documents) -> tuple[dict[str, str], dict[str, str]]:
    """Each document's text, and its publication day where it names one day."""
    texts = dict(zip(documents["source"].tolist(), documents["text"].tolist()))
    days = {source: low for source, low, high in zip(documents["source"], documents["published_low"],
                                                     documents["published_high"]) if low and low == high}
    return texts, days


def _candidates(mentions, readings, bound: set[str], texts: dict[str, str],
                published: dict[str, str] | None = None) -> list[dict]:
    merged = mentions.merge(readings, on="mention", how="inner", sort=False)
    merged = merged.sort_values(["source", "start", "end"], kind="stable")
    names = list(merged.columns)
    # Column by column: to_dict("records") boxes every cell through pandas, most of this stage's time.
    columns = [[None if isinstance(v, float) and v != v else v for v in merged[name].tolist()] for name in names]
    rows = []
    for row in (dict(zip(names, values)) for values in zip(*columns)):
        if row["mention"] in bound:
            continue
        row["_published"] = (published or {}).get(row["source"])
        row["_text"] = texts.get(row["source"]) or ""
        family = _family(row)
        if family is None:
            continue
        row["family"] = family
        rows.append(row)
    return rows


# A verb of saying, whom it was said to, then the date: "told Playboy in 1998", "told reporters on Monday"
_TOLD_BEFORE = re.compile(r"\b(?:" + "|".join(sorted(SAYING)) + r")\s+(?:the\s+)?[A-Za-z][\w'-]*(?:\s+[A-Z][\w'-]*)?\s+"
                          r"(?:in|on|at|during|last|this|early|late)?\s*$")
# A verb of counting, a count, then the date: "had counted 31 cases on 3 February", "recorded nine new cases last
# week": the day the count speaks for (its as-of), not the day of an act
_COUNTED_BEFORE = re.compile(
    r"\b(?:count|record|report|register|log|tall(?:y|ie)|confirm|list|detect|diagnos|identif(?:y|ie))[a-z]*\s+"
    r"(?:only\s+|just\s+|another\s+|some\s+|about\s+|around\s+|nearly\s+|almost\s+|more\s+than\s+|at\s+least\s+)?"
    r"(?:\d[\d,.]*|" + "|".join(sorted(UNITS_WORDS, key=len, reverse=True)) + r")\s+"
    r"(?:[A-Za-z-]+\s+){0,2}?[A-Za-z-]+\s+(?:on|in|during|over|by)?\s*$", re.IGNORECASE)
# An age that opens its sentence, then a comma: "At the age of 10, she began to sing", "At 19, he left home"
_AGE_OPENING = re.compile(r"\s*(?:at|by)\s+(?:the\s+age\s+of\s+|age\s+)?$", re.IGNORECASE)
_COMMA_AFTER = re.compile(r"\s*,")
_STAMP_WORDS = re.compile(r"\b(?:(?:last\s+)?updated|posted|published|modified)\b", re.IGNORECASE)
STAMP_LINE = 80   # characters: a page's stamp stands on a short line of its own


def _page_stamp(text: str, start: int) -> bool:
    """Whether the date at `start` stands on a short line that stamps the page ("Last updated 13:26 14/09/2013",
    "16 September 2013 Last updated at 12:42 GMT", "Posted: March 3, 2024")."""
    low = text.rfind("\n", 0, start) + 1
    high = text.find("\n", start)
    line = text[low:high if high >= 0 else len(text)]
    return len(line.strip()) <= STAMP_LINE and _STAMP_WORDS.search(line) is not None


def _family(row: dict) -> tuple | None:
    kind = row["kind"]
    flags = set(filter(None, str(row["flags"] or "").split(",")))
    if flags & SKIP_FLAGS:
        return None
    if kind == "number" and row["counted"]:
        kind = "count"
    if kind == "ordinal":
        # "the 104th-minute winner", "in the 104th minute", "on the ninth lap": an ordinal of a unit locates a
        # moment of the story, as a date does. An ordinal of things ("his 30th goal", "their seventh cup")
        # is a running count, and "first" to "third" are as often words of rank ("the second-largest").
        glued = re.match(r"-([a-z]+)", row["_text"][int(row["end"]):int(row["end"]) + 20])
        noun = lemma(glued.group(1)) or glued.group(1) if glued else str(row["head"] or "")
        if row["low"] is None or float(row["low"]) <= 3 or not (dimension(noun) or noun in MOMENT_NOUNS):
            return None
        return ("ordinal", noun)
    if kind not in CANDIDATE_KINDS:
        return None
    if kind == "date":
        # A date must hang on a word to be about something ("founded in 2002", not a dateline), and name a
        # moment: "since 2016", "before 2014" bound the period of another value rather than date an event.
        if row["low"] is None or row["high"] is None:
            return None
        # The publication day itself ("today", "on Monday" in Monday's paper) is the news peg of the article,
        # and a year after a period word ("fiscal 2027", "the 2025 season") labels a period: neither dates an
        # act. A date is a candidate when it hangs on a word ("struck on", "founded in", "the last in").
        event = str(row.get("event") or "")
        if row.get("_published") and str(row["low"]) == str(row["high"]) == row["_published"] \
                and "=" not in event:
            return None   # the paper's own day, unless an act is dated by it: "struck on Tuesday" in Tuesday's paper
        governor = row["governor"] or ""
        before = re.search(r"([A-Za-z]+)\W*$", row["_text"][max(0, int(row["start"]) - 30):int(row["start"])])
        if (before and before.group(1).lower() in PERIOD_LABELS) or term_of(governor) in BASELINE_WORDS:
            return None   # "fiscal 2027" labels a period; "an increase on the end of November" is a baseline
        if not event and (governor in SAYING or row["predicate"] in SAYING):
            return None   # "said in early December": the day of a statement, not of an act it reports
        if not event and _TOLD_BEFORE.search(row["_text"], max(0, int(row["start"]) - 48), int(row["start"])):
            return None   # "she told Playboy in 1998", "told reporters on Monday": the day of a statement
        if _COUNTED_BEFORE.search(row["_text"], max(0, int(row["start"]) - 90), int(row["start"])):
            return None   # "counted 31 cases on 3 February": the day a count speaks for, its as-of
        if LEVEL_READ_ON.search(row["_text"], max(0, int(row["start"]) - 90), int(row["start"])):
            return None   # "at 37 percent of capacity on Monday": the day a level was read, the level's as-of
        if _page_stamp(row["_text"], int(row["start"])):
            return None   # "Last updated 13:26 14/09/2013": the page's own stamp, dating no act of the story
        return ("date",) if governor or row["predicate"] or event else None
    if kind == "count":
        # "three times", "six-time winners": a count of repetitions is no thing a fact counts; "64 of them" is a
        # part of what was counted before (binding reads it so too)
        if not row["counted"] or row["counted"] in REPETITIONS or OF_THEM_AFTER.match(row["_text"], int(row["end"])):
            return None
        # a crowd counts people, whatever the writer calls them ("61,482 supporters", "a crowd of 61,482")
        family = ("count", "person" if row["predicate"] == "crowd" else row["counted"])
        if _PAST_A_THRESHOLD.match(row["_text"], int(row["end"]), int(row["sentence_end"])):
            return (*family, "past a threshold")   # "24,650 patients had been waiting more than 52 weeks": a part
        return family
    if kind == "duration" and "age" in str(row.get("flags") or "").split(",") and \
            _AGE_OPENING.match(row["_text"], int(row["sentence_start"]), int(row["start"])) and \
            _COMMA_AFTER.match(row["_text"], int(row["end"])):
        return None   # "At the age of 10, she began to sing": the age at a moment of a life, not the story's
    if kind in ("quantity", "duration"):
        # "2,480 kg" and "nearly 2.5 tonnes" are one mass: a quantity's family is its dimension. Durations
        # on a clock (seconds to hours) and on a calendar (days to centuries) are told of different things.
        unit = str(row["unit"] or "")
        if kind == "duration":
            if OFFSET_AFTER.match(row["_text"], int(row["end"])):
                # "nine days before the inauguration": the time between two moments, not how long something
                # lasts or how soon it comes ("takes effect in 30 days")
                return (kind, "clock" if unit in CLOCK_UNITS else "calendar", "offset")
            return (kind, "clock" if unit in CLOCK_UNITS else "calendar")
        return (kind, dimension(unit) or unit)
    if kind == "money":
        return (kind, str(row["unit"] or ""))
    return (kind,)


# A count of those past a bar of time, said after it in its own clause: "patients had been waiting more than 52
# weeks", "people have waited over a year", "staff employed for at least five years" count a part, not the whole
# ("nine councillors after a debate that lasted more than six hours" is no such count)
_PAST_A_THRESHOLD = re.compile(r"(?:(?!\b(?:that|which|who|after|before|when|while|and|but|as)\b)[^.;:,\n]){0,50}?"
                               r"\b(?:more\s+than|longer\s+than|at\s+least|upwards\s+of|"
                               r"(?:for|waited|waiting|been|aged)\s+over)\s+"   # not "hire 36 over two years": a span
                               r"(?:a|an|one|two|three|four|five|six|\d[\d,.]*)\s+(?:weeks?|months?|years?|days?|hours?)\b",
                               re.IGNORECASE)


def _idf(rows: list[dict], terms: list[tuple]) -> dict[tuple, float]:
    """How telling a word is beside the values of one family: beside few of its statements, telling; beside
    most, not. It is counted among the family's statements rather than among documents, because in a
    corpus about one story the story's words are in every document, yet "placebo" or "stake" still stands
    beside only some of its percentages. `terms`: each row's (terms, their distances) (_CandidateRows)."""
    seen: dict[tuple, int] = defaultdict(int)
    sizes: Counter = Counter()
    for row, (term_list, _) in zip(rows, terms):
        family = row["family"]
        sizes[family] += 1
        terms = set(term_list) | {row["predicate"], row["governor"], _period_term(row)} \
            | set(str(row.get("event") or "").replace("=", "").split())
        for term in terms - {"", None}:
            seen[(family, term)] += 1
    return {key: math.log((sizes[key[0]] + 1) / (count + 0.5)) + 0.1 for key, count in seen.items()}


def _vector(row: dict, idf: dict[tuple, float], term_list: list[str], distances: list[int]) -> dict[str, float]:
    """A statement's evidence: weight per marked term. A plain dict (a Counter's every new key is a Python call
    to __missing__, and its constructor an abstract-class check: a third of grouping 110,000 statements). Its
    marked keys ("^said", "!quake") are interned: made anew for every statement, the copies of a few thousand
    keys were a sixth of grouping's peak of memory."""
    family = row["family"]
    vector: dict[str, float] = {}
    get = vector.get
    if row["governor"]:
        vector[intern("^" + row["governor"])] = 0 + GOVERNOR_WEIGHT * idf.get((family, row["governor"]), 0.0)   # the first
    if row["head"] and family[0] != "count":
        # what the value measures is telling whatever its frequency: "a $1.24 billion mission"
        key = intern("#" + row["head"])
        vector[key] = get(key, 0) + HEAD_WEIGHT
    for term, distance in zip(term_list, distances):
        vector[term] = get(term, 0) + idf.get((family, term), 0.0) * math.exp(-(distance - 1) / NEAR_WORDS)
    if row["predicate"]:
        key = intern("=" + row["predicate"])
        vector[key] = get(key, 0) + PREDICATE_WEIGHT * idf.get((family, row["predicate"]), 0.0)
    period = _period_term(row)
    if period:
        period = intern(period)
        vector[period] = get(period, 0) + PERIOD_WEIGHT * idf.get((family, period), 0.0)
    for term in str(row.get("event") or "").split():
        # what a date dates: the act (=) and its subject ("the quake struck on", "Tuesday's quake")
        act, term = term[:1] == "=", term.lstrip("=")
        key = intern("!" + term)
        vector[key] = get(key, 0) + EVENT_WEIGHT * max(idf.get((family, term), 0.0), MIN_EVENT_IDF)
        if act:
            key = intern("!=" + term)
            vector[key] = get(key, 0) + EVENT_WEIGHT * max(idf.get((family, term), 0.0), MIN_EVENT_IDF)
    noun = family[1] if len(family) > 1 else ""
    if noun and family[0] == "count":
        key = intern("@" + noun)
        vector[key] = get(key, 0) + NOUN_WEIGHT
    for word in str(row["compound"] or "").split():
        key = intern("+" + word)
        vector[key] = get(key, 0) + HEAD_WEIGHT      # "science instruments": the kind of thing counted
    name = str(row["entity"] or "").split()
    if len(name) >= 3:
        # the name's initials stand for it: a later "the EMA" weighs as "the ... Agency" did
        initials, words = "".join(w[0] for w in name), set(name)
        for term, weight in list(vector.items()):
            mark = term[:1] if term[:1] in "^=#+@!" else ""
            if term[len(mark):] in words and vector.get(mark + initials, 0.0) < weight:
                vector[intern(mark + initials)] = weight
    return vector


def _value_key(row: dict) -> str:
    """The stated value, canonical enough that "$1.19 billion" and "USD 1,190 million" meet; '' for values
    too common to tell anything ("two", a round year), so that agreement on them is no evidence."""
    low, high = row["low"], row["high"]
    if low is None or high is None:
        return ""
    if row["kind"] == "date":
        return f"{low}/{high}" if row["precision"] in ("day", "month") else ""
    scale = SCALES_OF.get(str(row["unit"] or ""), 1.0)
    middle = (float(low) + float(high)) / 2 * scale
    if middle == 0 or (row["kind"] in ("count", "number") and abs(middle) < 10 and float(middle).is_integer()):
        return ""
    return f"{float(f'{middle:.3g}'):g}"


def _period_term(row: dict) -> str:
    """ "since 2016", "between 2016 and 2019": the qualifying period as the year it starts from."""
    text = str(row.get("time_text") or "")
    match = re.search(r"\b(1[89]\d\d|20\d\d)\b", text)
    return f"from:{match.group(1)}" if match else ""


def _total(vector: Counter) -> float:
    return sum(vector.values())


def _act(predicate: str) -> str:
    return SAME_ACT.get(predicate, predicate)


def _group(rows, vectors, slots: list[list[int]] | None = None, numbers=None, *, pairs: set | None = None,
           contested: set | None = None) -> list[tuple[int, _Group]]:
    """Slots (one document's statements of one value), then groups of slots across documents.

    Pairs of slots that share one of their strongest words, or a specific value, are candidates; they
    are merged from the most alike down, as long as the two groups stay alike (`_alike`), no document
    would hold two values of one group, and no two roles differ.
    `numbers`: the slots to group (default: all), for one family at a time; the groups come with the number
    they are kept under, in its order. `rows` and `vectors` are read at the positions of those slots alone (lists,
    or dicts of those positions). `pairs` and `contested`, when given, are those the whole family's slots make
    (_family_standing groups one connected part of a family at a time); else they are worked out of these slots.
    """
    slots = _slots(rows) if slots is None else slots
    groups: dict[int, _Group] = {}
    frozen: dict[frozenset, frozenset] = {}

    def share(items) -> frozenset:
        items = frozenset(items)
        return frozen.setdefault(items, items)

    # A slot's counts of its predicates and values: one Counter for every slot of the same one item or none (most
    # slots: one statement, one value, one verb), copied when a merge first adds to a group (`owned`). Two Counters
    # a slot took an eighth of grouping's peak of memory. (Counters of several items are not shared: equal sets may
    # iterate in different orders, and a Counter keeps the order it was given.)
    counters: dict[frozenset, Counter] = {}
    owned: set[int] = set()

    def counted(items: set | frozenset) -> Counter:
        if len(items) > 1:
            return Counter(items)
        key = frozenset(items)
        held = counters.get(key)
        if held is None:
            held = counters[key] = Counter(key)
        return held

    postings: dict[tuple, list[int]] = defaultdict(list)
    for number in range(len(slots)) if numbers is None else numbers:
        members = slots[number]
        first = rows[members[0]]
        vector = _slot_vector(members, vectors)
        values = {_value_key(rows[i]) for i in members} - {""}
        if len(values) < 2:
            values = share(values)   # one value or none: the same few sets over and over (no order to keep)
        # The group's evidence is the slot's own vector until a merge adds to it (copied then): a copy for every
        # slot held one more dict a slot while grouping (some 100 MB at 10,000 articles). Its members are the slot's
        # own list (the family's slot, never changed) until a merge adds to them (copied then), and its sources,
        # named subjects and eras are shared frozen sets (a merge makes the union anew): a slot's group held a set
        # of each, mostly the same few
        acts = {_act(rows[i]["predicate"] or "") for i in members} - {""}
        groups[number] = _Group(family=first["family"], members=members, vector=vector, predicates=counted(acts),
                                sources=share((first["source"],)), total=_total(vector), slots=1,
                                values=counted(values), slot_vectors=[vector], slot_values=[values],
                                slot_members=[members],
                                entities=share(w for i in members for w in _entity_words(rows[i]["entity"])))
        groups[number].eras = share(_era(rows[i]) for i in members)
        if all(rows[i]["modality"] == "corrected" for i in members):
            groups[number].withdrawn = share((first["source"],))
        sizes = [size for size in (_magnitude(rows[i], bound=True) for i in members) if size]
        if sizes:
            groups[number].smallest, groups[number].largest = min(sizes), max(sizes)
        elif first["family"][0] == "date":
            days = [day for i in members for day in _days(rows[i]) if day is not None]
            if days:
                groups[number].smallest, groups[number].largest = min(days), max(days)
        if pairs is None:
            for key in _posting_keys(first["family"], vector, values):
                postings[key].append(number)
    if pairs is None:
        pairs = _candidate_pairs(postings, lambda number: groups[number].sources)
    del postings
    if contested is None:
        contested = _contested((group.family, next(iter(group.sources)), _bounds(rows[group.members[0]]))
                               for group in groups.values())
    scored = sorted(((_alike(groups[i], groups[j]), i, j) for i, j in pairs), key=lambda t: (-t[0], t[1], t[2]))
    parent = {number: number for number in groups}

    def find(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for score, i, j in scored:
        if score < (SIMILARITY if groups.get(i, groups.get(find(i))).family in contested else UNCONTESTED):
            continue
        a, b = find(i), find(j)
        if a == b:
            continue
        first, second = groups[a], groups[b]
        if any((source in first.withdrawn) == (source in second.withdrawn)
               for source in first.sources & second.sources):
            continue       # one writer states one value of a fact: a second value is another fact (but the value
            #                its own correction withdraws: "an earlier version said 7.46 metres", then 7.64)
        roles = (ROLES.intersection(first.predicates), ROLES.intersection(second.predicates))
        if roles[0] and roles[1] and not roles[0] & roles[1]:
            continue       # two acts ("killed", "injured"); a slot told by two verbs shares either ("cuts in spending")
        if first.entities and second.entities and not first.entities & second.entities:
            continue       # said of different named subjects: "the Liberal Party's 34 seats", "the Greens' 22"
        if (a, b) != (i, j) and _alike(first, second) < (SIMILARITY if first.family in contested else UNCONTESTED):
            continue
        if first.eras.isdisjoint(second.eras):
            continue       # "the 1987 quake, of magnitude 6.9": a figure of another year is of another occasion
        apart = _apart(first, second)
        if apart > MAGNITUDE_RATIO and not _same_measure(first, second, strict=apart > 10 * MAGNITUDE_RATIO):
            continue       # "$40 a share" and "4.2 million dollars": figures of other orders, said of nothing
            #                in common, are other quantities ("a depth of 1.2 miles" and "of 12 miles" are one)
        if first.family[0] == "date" and _days_apart(first, second) > DATES_APART_DAYS \
                and not _year_slip(first.values, second.values):
            continue       # "the standard of February 2020" and "the target of March 2028", "Saturday" in August and
            #                in October: days months apart are told of different occasions
        if first.family[0] == "date" and not _same_anchor(first, second):
            continue       # a date is about the act it hangs on: "launched on", "convenes on"
        if first.family[0] == "date" and _other_acts(first, second):
            continue       # "offered in November" and "raising its offer in December": two acts of one thing
        if first.family[0] == "date" and _plan_passed(first, second, rows):
            continue       # "talks resume on Wednesday", a week later "on Monday": a new occasion, not a rival
        if first.family[0] != "date" and first.family in contested and not _same_key(first, second) \
                and not _one_specific_value(first, second):
            continue       # where a family holds several facts, one fact shares what it measures or how (or a
            #                figure too specific to meet by chance: "the region's 418,000 households", "would
            #                affect about 418,000 households")
        parent[b] = a
        if first.members is first.slot_members[0]:
            first.members = list(first.members)   # the slot's own list stays as it is (`_settle` reads it)
        first.members.extend(second.members)
        if first.vector is first.slot_vectors[0]:
            first.vector = dict(first.vector)    # the slot's own stays as it is (`_settle` reads it)
        for term, weight in second.vector.items():   # a group's evidence: every word any of its slots has
            if weight > first.vector.get(term, 0.0):
                first.vector[term] = weight
        first.total = _total(first.vector)
        if a not in owned:   # its counts its own before they are added to (`counted`)
            owned.add(a)
            first.predicates, first.values = Counter(first.predicates), Counter(first.values)
        first.predicates.update(second.predicates)
        first.values.update(second.values)
        first.withdrawn = share((first.withdrawn - (second.sources - second.withdrawn))
                                | (second.withdrawn - (first.sources - first.withdrawn)))
        first.sources |= second.sources
        first.slots += second.slots
        first.slot_vectors.extend(second.slot_vectors)
        first.slot_values.extend(second.slot_values)
        first.slot_members.extend(second.slot_members)
        first.entities |= second.entities
        first.eras |= second.eras
        if second.smallest is not None:
            first.smallest = second.smallest if first.smallest is None else min(first.smallest, second.smallest)
            first.largest = second.largest if first.largest is None else max(first.largest, second.largest)
        del groups[b]
    for group in groups.values():
        group.contested = group.family in contested
    return [(n, groups[n]) for n in sorted(groups)]


def _slot_vector(members: list[int], vectors) -> dict[str, float]:
    """A slot's evidence: the mean of its statements' vectors (_vector)."""
    if len(members) == 1:
        # A slot of one statement (most of them) has that statement's vector as it is (each weight divided
        # by one is itself): a copy for every such slot was 70 MB of grouping's peak at 30,000 articles
        return vectors[members[0]]
    vector = dict(vectors[members[0]])   # summed as Counter.update sums: the later weight plus the earlier
    for i in members[1:]:
        for term, weight in vectors[i].items():
            vector[term] = weight + vector.get(term, 0)
    return {term: weight / len(members) for term, weight in vector.items()}


def _posting_keys(family: tuple, vector: dict[str, float], values) -> list[tuple]:
    """The postings a slot is listed in: its strongest words, the nouns and acts it names, its values (and their
    digits swapped). Two slots of one posting are a candidate pair (_candidate_pairs)."""
    strong = [term for term, _ in sorted(vector.items(), key=lambda kv: (-kv[1], kv[0]))[:STRONG_WORDS]]
    keys = [(family, term) for term in
            strong + [term for term in vector if (term[:1] == "@" or term[:2] == "!=") and term not in strong]]
    for value in values:
        keys.append((family, "=" + value))
        keys.extend((family, "~" + swapped) for swapped in _swaps(value))   # "$83 million" meets "$38 million"
    return keys


def _candidate_pairs(postings: dict, sources_of) -> set[tuple[int, int]]:
    """The pairs of slots (lower number first) that share a posting, of different sources."""
    pairs = set()
    for posting in postings.values():
        posting = posting[:MAX_POSTING]   # a word beside thousands of values tells little: a bounded sample
        for x in range(len(posting)):
            for y in range(x + 1, len(posting)):
                i, j = posting[x], posting[y]
                if sources_of(i) != sources_of(j):
                    pairs.add((i, j) if i < j else (j, i))
    return pairs


def _contested(slots) -> set[tuple]:
    """The families of (family, source, _bounds of its first row) of every slot that hold several facts. A family
    no document states two values of is uncontested: nothing says it holds two facts, so what little its
    statements share (their counted noun, one word) is enough to read them as one. Two values that may be one
    ("more than 200 contributors", "241 contributors") contest nothing: a family is contested where one document
    states values no one figure fits (intervals meet all together only when the largest low is under the smallest
    high)."""
    per_source: dict[tuple, list] = defaultdict(list)
    families = set()
    for family, source, bounds in slots:
        per_source[(family, source)].append(bounds)
        families.add(family)
    contested = {family for (family, _), bounds in per_source.items() if len(bounds) > 1 and not _all_meet(bounds)}
    # People are counted for every reason in one story ("drew more than 400 people", "hired 14 local people"):
    # a generic counted noun never ties statements by itself.
    return contested | {family for family in families if family[0] == "count" and len(family) > 1
                        and family[1] in GENERIC_NOUNS}


def _settle(group: _Group, rows: list[dict]) -> _Group | None:
    """Check a group as a careful reader checks a figure that differs: a statement whose value agrees with
    what most sources say belongs on its words as grouped; one whose value disagrees with them must share
    much of their evidence (OUTLIER_EVIDENCE) to be read as the same fact, or it is set apart. With no two
    sources agreeing, every statement must share that much with the others. So a disagreement is reported
    only where the words say strongly that it is about the same thing; values never join statements."""
    assertive = [n for n, members in enumerate(group.slot_members)
                 if rows[members[0]]["modality"] in ("reported", "hedged")]
    if len(assertive) < 2:
        return group
    clusters = _value_clusters([_slot_bounds(group.slot_members[n], rows) for n in assertive])
    by_size = sorted(clusters, key=lambda c: (-len({rows[group.slot_members[assertive[i]][0]]["source"] for i in c}),
                                               min(c)))
    core = [assertive[i] for i in by_size[0]]
    core_sources = {rows[group.slot_members[n][0]]["source"] for n in core}
    keep = set(range(len(group.slot_members)))
    sizes = {n: _magnitude(rows[group.slot_members[n][0]]) for n in assertive}

    acts = [_acts(vector) for vector in group.slot_vectors] if group.family[0] == "date" else []

    def needed(n: int, against: list[int]) -> float:
        if group.family[0] == "date" and any(acts[n] & acts[m] for m in against):
            return 0.0    # "discovered the intrusion on 26 February" and "spotted it on 29 February": one act
        if any(_transposition(group.slot_values[n], group.slot_values[m]) for m in against):
            return 0.0    # "460 metres" beside the others' "640 metres": their figure with two digits swapped
        # A figure of another order than the rest ("2 km" beside "160 million km", "two weeks" beside "two
        # years") is nearly always another quantity: only very close wording keeps it.
        near = [_ratio(sizes[n], sizes[m]) for m in against]
        if near and min(near) >= FOREIGN_RATIO and not moving(n, against) \
                and not any(_point_slip(sizes[n], sizes[m]) for m in against):
            return math.inf
        return FAR_EVIDENCE if near and min(near) > MAGNITUDE_RATIO else OUTLIER_EVIDENCE

    def moving(n: int, against: list[int]) -> bool:
        """Whether a clause of these slots says the figure moves ("has risen to", "now"): a tally many times
        what it was days before is one fact at two moments."""
        return any(rows[i]["change_cue"] for m in (n, *against) for i in group.slot_members[m])

    if len(core_sources) >= 2:
        union = _union([group.slot_vectors[n] for n in core])
        for n in assertive:
            if n not in core and _overlap(group.slot_vectors[n], _total(group.slot_vectors[n]), union,
                                          _total(union)) < needed(n, core):
                keep.discard(n)
    else:
        for n in assertive:
            rest = [m for m in assertive if m != n]
            others = _union([group.slot_vectors[m] for m in rest])
            if _overlap(group.slot_vectors[n], _total(group.slot_vectors[n]), others, _total(others)) \
                    < needed(n, rest):
                keep.discard(n)
    if len(keep) == len(group.slot_members):
        return group
    kept = sorted(keep)
    settled = _Group(family=group.family, contested=group.contested)
    for n in kept:
        settled.members.extend(group.slot_members[n])
        settled.slot_members.append(group.slot_members[n])
        settled.slot_vectors.append(group.slot_vectors[n])
        settled.slot_values.append(group.slot_values[n])
        settled.values.update(group.slot_values[n])
        settled.sources.add(rows[group.slot_members[n][0]]["source"])
        for i in group.slot_members[n]:
            act = _act(rows[i]["predicate"] or "")
            if act:
                settled.predicates[act] += 1
    settled.vector = _union(settled.slot_vectors)
    settled.total = _total(settled.vector)
    settled.slots = len(kept)
    return settled


def _take_strays(group: _Group, lone: list[list[int]], vectors: list[dict], rows: list[dict]) -> None:
    """A family of counts whose statements establish one fact alone (one group of two publishers or more) takes in
    the lone statements of that family that disagree with it: one other source's count of the same thing ("46,310
    candidates" beside three sources' "48,317 candidates"; "587 schools" beside "612 schools"), reported, of the
    group's moment, and within STRAY_RATIO of its figures (or its figure with two digits swapped): what else could
    it count, when the corpus names no other fact of that family? Only a specific counted noun: people are counted
    for every reason in one story, and a percentage, a sum or a length says nothing of what it is of."""
    family = group.family
    if family[0] != "count" or len(family) < 2 or family[1] in GENERIC_NOUNS:
        return   # a percentage, a sum of money or a length is of too many things: only a counted noun says which
    sizes = [size for members in group.slot_members if (size := _magnitude(rows[members[0]])) is not None]
    eras = {_era(rows[i]) for members in group.slot_members for i in members}   # (a settled group keeps none)
    for members in lone:
        row = rows[members[0]]
        values = {_value_key(rows[i]) for i in members} - {""}
        size = _magnitude(row)
        if row["source"] in group.sources or _era(row) not in eras or row["modality"] != "reported" \
                or size is None or not sizes or values & set(group.values) \
                or min(_ratio(size, known) for known in sizes) >= STRAY_RATIO \
                and not _transposition(values, group.values):
            continue
        vector = _union([vectors[i] for i in members])
        group.members = [*group.members, *members]
        group.slot_members = [*group.slot_members, members]
        group.slot_vectors = [*group.slot_vectors, vector]
        group.slot_values = [*group.slot_values, values]
        group.values = group.values + Counter(values)
        group.sources = frozenset(group.sources | {row["source"]})
        group.vector = _union(group.slot_vectors)
        group.total = _total(group.vector)
        group.slots = len(group.slot_members)


def _magnitude(row: dict, bound: bool = False) -> float | None:
    """The stated value in its dimension's base unit (a duration in days, a length in metres); None for a
    date or an open value, unless `bound` asks for an open value's one bound ("more than 250": 250)."""
    if row["kind"] == "date":
        return None
    low, high = row["low"], row["high"]
    if low is None or high is None:
        if not bound or (low is None and high is None):
            return None
        low = high = low if low is not None else high
    scale = SCALES_OF.get(str(row["unit"] or ""), 1.0)
    return abs(float(low) + float(high)) / 2 * scale


def _point_slip(a: float | None, b: float | None) -> bool:
    """Whether two values are one figure with its decimal point or a zero slipped: the same significant digits
    ("570,000" and "57,000", "1.8 terabytes" and "180 GB"), however many powers of ten apart."""
    if not a or not b:
        return False

    def digits(value: float) -> str:
        return f"{value:.3e}".split("e")[0].replace(".", "").rstrip("0")

    return digits(a) == digits(b)


def _ratio(a: float | None, b: float | None) -> float:
    """How many times the larger of two values is the smaller; 1 when either is unknown or zero."""
    if not a or not b:
        return 1.0
    return max(a, b) / min(a, b)


def _era(row: dict) -> str:
    """ "now" for a figure said of the time of writing; the year, for one whose clause names a moment more
    than a year before its publication ("in 1987", "in the 2019 election")."""
    high, published = row.get("as_of_high"), row.get("_published")
    if row["kind"] == "date" or row.get("as_of_basis") != "stated" or not high or not published:
        return "now"
    try:
        gap = (date.fromisoformat(str(published)[:10]) - date.fromisoformat(str(high)[:10])).days
    except ValueError:
        return "now"
    return str(high)[:4] if gap > 365 else "now"


def _all_meet(bounds: list[tuple]) -> bool:
    """Whether one value fits every interval (None: open on that side): the largest low under the smallest
    high (intervals on a line meet all together when every two meet)."""
    lows = [low for low, _ in bounds if low is not None]
    highs = [high for _, high in bounds if high is not None]
    return not lows or not highs or max(lows) <= min(highs)


def _days(row: dict) -> tuple[int | None, int | None]:
    """A date statement's first and last day as ordinals (None where open or not a day)."""
    return tuple(date.fromisoformat(str(bound)[:10]).toordinal() if bound and len(str(bound)) >= 10 else None
                 for bound in (row["low"], row["high"]))


def _days_apart(a: _Group, b: _Group) -> int:
    """Days between the nearest days two date groups state (0 when their spans meet or either has none)."""
    if a.smallest is None or b.smallest is None:
        return 0
    return max(0, int(b.smallest - a.largest), int(a.smallest - b.largest))


def _year_slip(a, b) -> bool:
    """Whether two date groups state one day or month but for a slip of the year's digits ("March 2028" and
    "March 2029", "1961" and "1916"): a misprint of one date, not two occasions."""
    for first in a:
        for second in b:
            (low_a, high_a), (low_b, high_b) = first.split("/"), second.split("/")
            if low_a[4:] == low_b[4:] and high_a[4:] == high_b[4:] and _one_slip(low_a[:4], low_b[:4]):
                return True
    return False


def _one_slip(x: str, y: str) -> bool:
    """One digit changed, or two neighbouring digits swapped."""
    differ = [i for i in range(min(len(x), len(y))) if x[i] != y[i]]
    return len(x) == len(y) and (len(differ) == 1 or len(differ) == 2 and differ[1] == differ[0] + 1
                                 and x[differ[0]] == y[differ[1]] and x[differ[1]] == y[differ[0]])


def _apart(a: _Group, b: _Group) -> float:
    """How many times apart the nearest stated values of two groups are (1 when their ranges meet)."""
    if a.smallest is None or b.smallest is None:
        return 1.0
    if a.largest < b.smallest:
        return _ratio(a.largest, b.smallest)
    if b.largest < a.smallest:
        return _ratio(b.largest, a.smallest)
    return 1.0


def _slot_bounds(members: list[int], rows: list[dict]):
    return _bounds(rows[members[0]])


def _value_clusters(bounds: list[tuple]) -> list[list[int]]:
    """Indexes of `bounds` in runs of overlapping intervals (open bounds overlap everything on their side)."""
    clusters: list[list[int]] = []
    for index, (low, high) in enumerate(bounds):
        joined = [c for c in clusters if any(_overlaps((low, high), bounds[j]) for j in c)]
        merged = [index] + [j for c in joined for j in c]
        clusters = [c for c in clusters if c not in joined] + [sorted(merged)]
    return clusters


def _overlaps(a: tuple, b: tuple) -> bool:
    return (a[0] is None or b[1] is None or a[0] <= b[1]) and (b[0] is None or a[1] is None or b[0] <= a[1])


def _union(vectors: list[dict]) -> dict:
    union: dict[str, float] = {}
    for vector in vectors:
        for term, weight in vector.items():
            if weight > union.get(term, 0.0):
                union[term] = weight
    return union


def _alike(a: _Group, b: _Group) -> float:
    """How alike two groups' statements are: the share of the smaller one's evidence the other holds too,
    plus VALUE_BONUS when they state one specific value. Agreement adds evidence; a different value takes
    none away, so a conflict is grouped on its words alone."""
    score = _overlap(a.vector, a.total, b.vector, b.total)
    if a.values and b.values and (a.values.keys() & b.values.keys() or _transposition(a.values, b.values)):
        score += VALUE_BONUS   # one value, or one value miscopied ("460 metres" for "640 metres")
    if a.family[0] == "date" and _acts(a.vector) & _acts(b.vector):
        score += VALUE_BONUS   # dates of one act ("discovered on", "spotted on") are alike past their other words
    return score


def _swaps(value: str) -> list[str]:
    """The value key itself and every key with two neighbouring digits swapped, for a figure of three digits or more
    (_transposition): two figures one swap apart share one of these, found by a posting, never by comparing all."""
    try:
        number = float(value)
    except ValueError:
        return []
    written = f"{abs(number):.12g}"
    if len(written.replace(".", "").lstrip("0")) < 3 or "e" in written:
        return []
    found = {written}
    for i in range(len(written) - 1):
        if written[i] != written[i + 1] and "." not in written[i:i + 2]:
            found.add(written[:i] + written[i + 1] + written[i] + written[i + 2:])
    return sorted(found)


def _transposition(a, b) -> bool:
    """Whether a value of one is a value of the other with two neighbouring digits swapped (checker.reconcile's
    rule: the commonest slip in copying a figure), so the two statements state one figure, one of them miscopied.
    Figures of three digits or more only: "12" and "21" people are too often two counts."""
    from checker.reconcile import _transposed

    for x in a:
        for y in b:
            try:
                if len(f"{abs(float(x)):.12g}".replace(".", "").lstrip("0")) >= 3 and _transposed(float(x), float(y)):
                    return True
            except ValueError:    # a date's key ("2025-02-11/2025-02-11") is no figure
                continue
    return False


KEY_MARKS = "^=#+!"


def _same_key(a: _Group, b: _Group) -> bool:
    """The two share a key word: the value's governor (^), predicate (=), head noun (#) or the kind of thing
    counted (+), the words a reader uses to say what a figure is."""
    keys = {term[1:] for term in a.vector if term[:1] in KEY_MARKS}
    return any(term[1:] in keys for term in b.vector if term[:1] in KEY_MARKS)


def _one_specific_value(a: _Group, b: _Group) -> bool:
    """Both state one value of SPECIFIC_DIGITS significant digits or more ("418,000", "2,140", "7.64")."""
    return any(len(value.replace(".", "").replace("-", "").strip("0")) >= SPECIFIC_DIGITS
               for value in a.values.keys() & b.values.keys())


def _entity_words(entity) -> set[str]:
    """A named subject's words, and the initials of a name of several words: "the European Medicines
    Agency" is "the EMA" further down."""
    words = str(entity or "").split()
    return set(words) | ({"".join(w[0] for w in words)} if len(words) >= 3 else set())


def _same_measure(a: _Group, b: _Group, strict: bool = False) -> bool:
    """The two name what they measure alike: a head noun ("a depth of"), the kind of thing counted, or for
    counts (whose noun is their family) the act or word they hang on, unless `strict` (figures far apart:
    "412,300 patients waiting" and "three patients had waited" share an act, not a measure)."""
    marks = "#+^=" if a.family[0] == "count" and not strict else "#+"
    keys = {term for term in a.vector if term[:1] in marks}
    return any(term in keys for term in b.vector if term[:1] in marks)


def _other_acts(a: _Group, b: _Group) -> bool:
    """Both name the act their date dates, and no act is shared."""
    acts_a, acts_b = _acts(a.vector), _acts(b.vector)
    return bool(acts_a and acts_b and not acts_a & acts_b)


def _plan_passed(a: _Group, b: _Group, rows: list[dict]) -> bool:
    """Whether one group is plans of a day ("talks are due to resume on Wednesday") and every statement of the other
    was written after the last of those days had passed: the planned occasion was over when the other spoke, so
    what it names ("talks are scheduled to resume on Monday") is another occasion, not a rival date."""
    for plans, told in ((a, b), (b, a)):
        planned = [rows[i] for i in plans.members]
        if any(row["modality"] not in PLAN_MODALITIES or not row["high"] for row in planned):
            continue
        last = max(str(row["high"])[:10] for row in planned)
        written = [str(rows[i].get("_published") or "")[:10] for i in told.members]
        if all(day and day > last for day in written):
            return True
    return False


def _acts(vector: Counter) -> set[str]:
    """The acts a date's evidence names ("!=strike"): the words `_vector` marks as what the date dates."""
    return {term for term in vector if term.startswith("!=")}


def _same_anchor(a: _Group, b: _Group) -> bool:
    anchors = {term[1:] for term in a.vector if term[:1] in "^=!"}
    return any(term[1:] in anchors for term in b.vector if term[:1] in "^=!")


def _overlap(a: Counter, total_a: float, b: Counter, total_b: float) -> float:
    if not total_a or not total_b:
        return 0.0
    if len(a) > len(b):
        a, b = b, a
    return sum(min(weight, b.get(term, 0.0)) for term, weight in a.items()) / min(total_a, total_b)


def _slots(rows: list[dict]) -> list[list[int]]:
    """One document's statements of one family that state overlapping values ("$1.19 Billion" in the
    headline, "$1.19 billion" in the body) are one slot; a different value from the same writer is another."""
    slots: list[list[int]] = []
    slotting = _Slotting()
    for position, row in enumerate(rows):
        slot = slotting.slot(row)
        if slot == len(slots):
            slots.append([])
        slots[slot].append(position)
    return slots


class _Slotting:
    """_slots as the rows come: each row's slot is known when it is read (it depends on the rows before it
    alone), so a long document's candidates are numbered without being held (_document_candidates)."""

    def __init__(self) -> None:
        self.count = 0
        self.indexes: dict[tuple, _SlotIndex] = {}

    def slot(self, row: dict) -> int:
        index = self.indexes.setdefault((row["source"], row["family"]), _SlotIndex())
        slot = index.first(row)   # the first slot made with a statement _same_value joins to this one
        if slot is None:
            slot, self.count = self.count, self.count + 1
        index.add(row, slot)
        return slot


class _SlotIndex:
    """One document's statements of one family by what _same_value compares, for _slots: a new statement
    joins the first slot (slots are numbered in the order made) holding one it is the same value as, found
    by three look-ups instead of a comparison with every statement of every slot (quadratic in one long
    document: 2.3 million comparisons for a 2 MB file). It must answer as _same_value does; a property test
    holds _slots to the pairwise definition."""

    def __init__(self) -> None:
        self.by_text: dict[str, int] = {}        # written value -> first slot holding it (any statement)
        self.open_by_text: dict[str, int] = {}   # ... holding it as an open value
        self.by_value: dict[tuple, int] = {}     # closed value (_closed_value) -> first slot

    def first(self, row: dict) -> int | None:
        text = str(row["value_text"]).lower()
        if _open_value(row):
            return self.by_text.get(text)      # an open value is the same as any statement worded alike
        found = [slot for slot in (self.open_by_text.get(text), self.by_value.get(_closed_value(row)))
                 if slot is not None]
        return min(found) if found else None

    def add(self, row: dict, slot: int) -> None:
        # The first slot holding it, which need not be the slot it was first added to: a statement may join an
        # older slot after its wording opened a newer one (property test: "seven" open, then closed)
        text = str(row["value_text"]).lower()
        self.by_text[text] = min(self.by_text.get(text, slot), slot)
        if _open_value(row):
            self.open_by_text[text] = min(self.open_by_text.get(text, slot), slot)
            return
        value = _closed_value(row)
        if value is not None:
            self.by_value[value] = min(self.by_value.get(value, slot), slot)


def _open_value(row: dict) -> bool:
    return None in (row["low"], row["high"])


def _closed_value(row: dict) -> tuple | None:
    """What _same_value compares of a closed value: a date's bounds as text, else the magnitude (None for a
    NaN magnitude, which equals nothing, not even itself)."""
    if row["kind"] == "date":
        return ("date", str(row["low"]), str(row["high"]))
    magnitude = _magnitude(row)
    return ("magnitude", magnitude) if magnitude == magnitude else None


def _same_value(a: dict, b: dict) -> bool:
    """One writer's two wordings of one value ("$1.19 Billion", "$1.19 billion"): the same closed value in
    the same base unit, or the same open wording ("since 1998"). "4 percent" beside "3.5 percent", or "2026"
    beside "9 February", are two statements however they round."""
    if None in (a["low"], a["high"], b["low"], b["high"]):
        return str(a["value_text"]).lower() == str(b["value_text"]).lower()
    if a["kind"] == "date":
        return (str(a["low"]), str(a["high"])) == (str(b["low"]), str(b["high"]))
    return _magnitude(a) == _magnitude(b)


def _bounds(row: dict):
    """The value as a reader takes it: its wording's tolerance and the rounding of its written digits."""
    low, high = row["low"], row["high"]
    if row["kind"] == "date":
        return (None if low is None else str(low)), (None if high is None else str(high))
    tolerance = float(row["tolerance"] or 0)
    rounding = rounding_of(str(row["value_text"] or ""), low, row["kind"], tolerance)
    low = None if low is None else float(low) * (1 - tolerance_below(str(row["value_text"] or ""), tolerance)) - rounding
    high = None if high is None else float(high) * (1 + tolerance) + rounding
    return low, high


def _fact(group: _Standing, members: list[dict], taken: set[str]) -> Fact:
    family = group.family
    kind = {"count": "count", "quantity": "quantity", "money": "money", "percent": "percent",
            "duration": "duration", "date": "date", "ordinal": "count"}[family[0]]
    label = _label(family, members)
    key = unique_name("d_" + re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")[:48], taken)
    confidence = group.confidence
    evidence = _evidence_words(group.vector, members)
    cumulative = any(bool(row["cumulative"]) for row in members)
    if kind == "date":
        latest = sum(1 for row in members if row["governor"] in LATEST_WORDS)
        changes = "increasing" if latest * 2 >= len(members) else "none"
    elif cumulative:
        changes = "increasing"        # a running tally only grows: a later, lower figure contradicts it
    else:
        changes = "any"               # a later value may differ where its clause says the figure moved
    # Said in the unit most of its statements use; the others are converted (checker.units).
    written = Counter(str(row["unit"] or "") for row in members if row["unit"])
    units = (sorted(written.items(), key=lambda kv: (-kv[1], kv[0]))[0][0],) if written and kind != "date" else ()
    if family[0] == "ordinal":
        units, label = (family[1],), label if label != "ordinal" else family[1]
    return Fact(key=key, label=label, kind=kind, units=units, changes=changes, ordinals=family[0] == "ordinal",
                description=("a running tally: " if cumulative else "") + "discovered from "
                + f"{len(members)} statements in {len(group.sources)} sources",
                origin="discovered", confidence=confidence, evidence=evidence)


def _confidence(group: _Group) -> float:
    """How sure the grouping is, 0..1: how much of each statement's evidence the others hold too (the
    mean, leave-one-out), and whether two sources agree on one specific value (an agreeing core)."""
    # For each word, its two strongest weights and the slot holding the strongest: the others' strongest
    # weight for a slot is then read in constant time (a group of n slots costs n, not n squared).
    best: dict[str, tuple[float, int, float]] = {}
    for number, vector in enumerate(group.slot_vectors):
        for term, weight in vector.items():
            top, holder, second = best.get(term, (0.0, -1, 0.0))
            if weight > top:
                best[term] = (weight, number, top)
            elif weight > second:
                best[term] = (top, holder, weight)
    cohesion = []
    for number, vector in enumerate(group.slot_vectors):
        total = _total(vector)
        if not total:
            cohesion.append(0.0)
            continue
        others_total = sum(top if holder != number else second for top, holder, second in best.values())
        shared = sum(min(weight, best[term][0] if best[term][1] != number else best[term][2])
                     for term, weight in vector.items())
        cohesion.append(min(1.0, shared / min(total, others_total)) if others_total else 0.0)
    core = max(group.values.values(), default=0) >= 2
    # A counted noun no document uses for two values ties its statements by itself: "contributors".
    named = group.family[0] == "count" and not group.contested
    mean = sum(cohesion) / len(cohesion) if cohesion else 0.0
    return round(CORE_WEIGHT * (core or named) + (1 - CORE_WEIGHT) * mean, 2)


def _evidence_words(vector: Counter, members: list[dict]) -> tuple[str, ...]:
    """The strongest words of a group as its statements write them ("instruments", "evacuated"): its terms
    are stems and carry marks of their role (^governor, =predicate, #head, +compound, @noun), which no
    reader should see."""
    written: dict[str, Counter] = defaultdict(Counter)
    for row in members:
        text = row["_text"]
        start = max(0, int(row["sentence_start"]))
        for word in re.findall(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*", text[start:int(row["sentence_end"])]):
            written[term_of(word.lower())][word.lower()] += 1
    chosen: list[str] = []
    for term, _ in sorted(vector.items(), key=lambda kv: (-kv[1], kv[0])):
        bare = term.lstrip("^=#+@")
        if not bare or bare.startswith("from:"):
            continue
        forms = written.get(bare)
        word = sorted(forms.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if forms else bare
        if word not in chosen:
            chosen.append(word)
        if len(chosen) == 5:
            break
    return tuple(chosen)


def unique_name(name: str, taken: set[str], separator: str = "_") -> str:
    """`name`, or `name_2`, `name_3`... the first not in `taken` (discovered keys, suggested keys and stories)."""
    if name not in taken:
        return name
    number = 2
    while f"{name}{separator}{number}" in taken:
        number += 1
    return f"{name}{separator}{number}"


def _label(family: tuple, members: list[dict]) -> str:
    """A readable name from the text itself: the commonest noun phrase after the value, and its predicate."""
    if family[0] == "date":
        governors = Counter(row["governor"] for row in members if row["governor"])
        words = sorted(governors.items(), key=lambda kv: (-kv[1], kv[0]))
        return f"date: {words[0][0]}" if words else "date"
    phrases: Counter = Counter()
    predicates: Counter = Counter()
    for row in members:
        phrases[_noun_words(row)] += 1
        if row["predicate"]:
            predicates[row["predicate"]] += 1
    noun = sorted(phrases.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0][0]
    if not noun:
        noun = {"money": "amount", "percent": "share", "duration": "duration"}.get(family[0], "")
        noun = " ".join(filter(None, [noun, f"({family[1]})" if len(family) > 1 and family[1] else ""]))
    predicate = sorted(predicates.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if predicates else ""
    if predicate and predicate not in noun:
        return f"{noun} {predicate}".strip()
    return noun or family[0]


def _noun_words(row: dict) -> str:
    """ "seven council meetings" -> "council meetings": the words after the value up to its counted noun;
    an elided noun ("18 dead") is the thing its predicate counts."""
    start, noun_end, end = int(row["start"]), int(row["noun_end"]), int(row["end"])
    if noun_end > end:
        return " ".join(row["_text"][end:noun_end].split()).strip(" -").lower()
    return "people" if row["counted"] == "person" else str(row["counted"] or "")
