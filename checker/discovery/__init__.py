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

The package: `candidates` holds steps 1 to 3 (each document's candidates, read where its other stages run, and
their encoded tables), `grouping` steps 4 to 6 (across documents, one family at a time), and this module the
stage and step 7 (the grouping kept in the stage cache, the facts named, their observation rows).
"""
from __future__ import annotations

import hashlib
import json
import re
from collections import Counter, defaultdict

from checker.catalog import Fact
from checker.collector import paused_collections
# The per-document part (which the pipeline runs beside a document's other stages), and the grouping across documents
from checker.discovery.candidates import (DISCOVERY_VERSION, _candidate_tables_of_frames, _CandidateRows,  # noqa: F401
                                         candidate_columns, candidate_mentions, candidate_tables)
from checker.discovery.grouping import _standing, _Standing
from checker.reading import Words, term_of

MIN_CONFIDENCE = 0.35  # below it, a group is no shared fact
LATEST_WORDS = {"last", "latest", "recent", "newest", "previous"}


def discover(mentions, readings, documents, *, bound=(), catalog=None, candidates=None, cache_dir=None,
             consume: bool = False, fork: bool = False, grouper=None, texts=None):
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
    candidates in a store, in that process (_standing_beside). `texts`: the documents' texts where the audit spilled
    them (checker.spill.SpilledTexts), `documents` then without its text column.
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
        from checker.spill import with_texts

        # (what the candidates are made of reads the frame's text column)
        documents, texts = with_texts(documents, texts), None
        mentions = mention_frame(mentions)   # a store (checker.mentionstore): the frame it stands for
        if readings is None:
            from checker.reading import read_clauses

            readings = read_clauses(mentions, documents)
        candidates = _candidate_tables_of_frames(mentions, readings, documents, set(bound))
    candidate_rows = _CandidateRows(candidates, documents, texts)
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
    read: dict[str, _Text] = {}
    out = []
    for fact, members in grouped:
        members = candidate_rows.rows(members)   # one fact's at a time
        # Most of its statements say the figure moves ("25 people still missing", "Eleven remain missing"): a
        # changing figure, which each statement gives at its own moment, its clause saying so or not ("Missing: 19.")
        moving = sum(1 for row in members if row.get("change_cue")) * 2 >= len(members)
        for row in members:
            doc = docs[row["source"]]
            if row["source"] not in read:
                read[row["source"]] = _Text(doc.text if texts is None else texts[row["source"]])
            made = observation_row(fact, row, doc, read[row["source"]])
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
    """The grouping of a corpus's candidates, kept in the stage cache under what it depends on: this package,
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
    also indexes every word, which discovery never asks for (a tenth of this stage's time). One is kept for every
    source a discovered fact is stated in (at 30,000 articles nearly all of them, at discovery's peak of memory): it
    has no __dict__ (570 bytes a source, now about 200 with Words' array of newlines)."""

    __slots__ = ("text", "_newlines")

    def __init__(self, text: str) -> None:
        self.text = text
        self._newlines = None

    line_of = Words.line_of


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
