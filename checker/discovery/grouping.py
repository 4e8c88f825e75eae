"""Discovery's grouping across documents: the slots of one family that are one fact, and how sure that is.

Steps 4 to 6 of checker.discovery's method: each slot's evidence (its words, weighted by nearness and by how
telling they are in the family), the candidate pairs (slots that share a strong word or a specific value), the
merges from the most alike pair down under the vetoes, and the settling of the statements that disagree. A family
is grouped one connected part of its candidate pairs at a time (`_family_standing`).
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from datetime import date
from dataclasses import dataclass, field
from operator import itemgetter
from sys import intern

from checker.collector import paused_collections
from checker.discovery.candidates import SCALES_OF, _bounds, _magnitude, _slots

SIMILARITY = 0.25
VALUE_BONUS = 0.25
UNCONTESTED = 0.02    # the threshold in a family no document states two values of
SPECIFIC_DIGITS = 3   # a value of this many significant digits, stated by two sources, is one figure, not chance
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
GENERIC_NOUNS = {"person", "people", "man", "woman", "child", "resident", "worker", "employee", "member", "staff",
                 "student", "visitor", "customer", "user", "adult", "citizen", "victim", "patient"}
PLAN_MODALITIES = {"planned", "projected"}   # a statement of a day still to come
# Predicates that name the same act (a reader takes "dead", "died" and "killed" as one toll).
# Acts that tell facts apart: two statements of different ones are never one fact ("killed" vs "injured").
ROLES = frozenset({"die", "injur", "miss", "arrest", "evacuat", "displac", "rescu", "destroy", "damag", "rais",
                   "valu", "sell", "pay", "spend", "win", "lose", "cut", "rise", "fall", "infect", "trap",
                   "approv", "reject", "cancel", "fund", "borrow", "sav", "earn", "hospitalis", "hospitaliz",
                   "detain", "burn", "evacuate", "attack", "hijack"})
# Predicates that name the same act (a reader takes "dead", "died" and "killed" as one toll).
SAME_ACT = {"kill": "die", "hurt": "injur", "wound": "injur", "captur": "arrest", "nab": "arrest", "detain": "arrest"}


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
