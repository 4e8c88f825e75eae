"""Which value is likely right: consensus per fact and as-of window, and each source's reliability.

Findings say whether sources disagree; this stage says which value the sources, weighed by their
track record, support. It never changes a finding: a conflict stays a conflict, and the consensus is
an added field beside it.

Method: ACCU (Dong, Berti-Equille and Srivastava, "Integrating conflicting data: the role of source
dependence", VLDB 2009; the model the "Truth finding on the deep web" study, VLDB 2012, found best),
adapted to intervals. ACCU alternates two steps until they settle:
- a value's vote count is the sum, over the voices that state it, of ln(n * A / (1 - A)), where A is
  the voice's accuracy and n the number of wrong values a source could state; a value's probability
  is exp(its votes) over the sum for every value (values no one states count exp(0) each, n of them);
- a source's accuracy is the mean probability of its claims.
Adapted here:
- Values are intervals ("more than 94,000" is [94000, +inf)). The candidate values of a window are
  the pieces its statements' comparable intervals (`cmp_low`/`cmp_high`, after reconcile) cut the
  line into, and a statement votes for every piece it covers: "more than 94,000" supports every value
  above it. One sweep over sorted end points per window, so the work is linear in the statements
  (after one sort), never one cell per pair: a fact can have thousands of statements.
- Per as-of window: a fact that changes has one window per stretch of time with one value. Windows
  are cut with checker.intervals.relation, the project's one pairwise comparison: statements in time
  order join the current window unless relation() calls the difference from one of its values a change
  over time (at most WINDOW_VALUES values are kept, so the walk stays linear). So a window never holds
  two statements the findings call a change, and statements at one moment (or against the fact's
  trend) stay together, as rivals.
  Statements of a plan ("planned") are weighed apart from reports, as relation() compares them apart.
- Voices (checker.voices): sources that repeat one wording for a fact (near-identical sentences, the
  same quote) count as one voice there, in the spirit of ACCU-COPY, with copying read off the text instead of
  inferred from shared errors (a handful of documents has too few errors to infer it).
- Long tail: a source with one claim would otherwise get accuracy 0 or 1. Its accuracy is smoothed
  towards PRIOR_ACCURACY with PRIOR_CLAIMS pseudo-claims (the concern of CATD, Li et al. VLDB 2015),
  and only windows with two or more voices count as evidence: a claim no one else speaks to says
  nothing about its source.
- A reference (a catalog value, or an authoritative source's statements, checker.references) fixes
  the truth of its windows while the accuracies are estimated: a claim agreeing with it is right.

Why not a library: `truthdiscovery` (TruthFinder, Sums, ...) and `crowd-kit` (Dawid-Skene, GLAD, ...)
take one categorical label per source and object. Neither lets a claim support a range of values,
splits a fact by as-of window, or merges copied wording; encoding that around them would be more code
than the ~40 lines of the estimate itself, plus a dependency.

Consensus of a window: the piece with the most votes, shown as the supporting statements' values
(their raw intervals intersected, so "about 100,000" and "more than 94,000" give 100,000). It is
- `single`: one voice states the fact in the window (no one contradicts it, no one confirms it);
- `unanimous`: every voice supports it;
- `majority`: contested, but two or more voices with more than half the reliability weight support it
  (weight: the voices' accuracies; `weight_share` is theirs over all the window's);
- `none`: otherwise, including one source against one: "1 against 1: no consensus".
Output is deterministic: every order is by stable keys, and the iteration count is fixed by its
convergence test on the same numbers.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from checker.columns import CONSENSUS, RELIABILITY, require
from checker.consensus_words import TRACK_FIELDS, made_entry, missing, plain, track_records, window_text
from checker.intervals import RELATION_FIELDS, relation
from checker.sharedkeys import maker
from checker.voices import VOICE_FIELDS, Voice, find_voices, merge

WRONG_VALUES = 10          # ACCU's n: wrong values a source could state instead of the right one
PRIOR_ACCURACY = 0.8       # what a source with no track record is taken to be
PRIOR_CLAIMS = 2.0         # how many claims that prior weighs
ACCURACY_BOUNDS = (0.1, 0.99)
MAX_ITERATIONS = 100
CONVERGED = 1e-9
WINDOW_VALUES = 32         # distinct values a window keeps to compare a newcomer with
SEARCHED_TOGETHER = 48     # a window's intervals from which their ends are placed on its points by NumPy (_claims)
VOTING = {"reported": "reported", "hedged": "reported", "planned": "planned"}
OBSERVATION_COLUMNS = ("observation", "fact", "source", "value_text", "quote", "low", "high", "kind", "unit",
                       "modality", "as_of", "as_of_ord_low", "as_of_ord_high", "cmp_low", "cmp_high", "changes",
                       "window_days", "assertive", "moved")

# every column estimate reads: OBSERVATION_COLUMNS and the one more that checker.references.reference_rows reads
READ_COLUMNS = OBSERVATION_COLUMNS + ("authority",)


def read_columns(observations):
    """The columns of `observations` that estimate reads (READ_COLUMNS), as a frame: what a process that works out
    the consensus is sent (checker.audit), the other 24 of its 44 left out (at 30,000 articles they were half of
    that process's memory: a 48 MB frame unpickled there)."""
    return observations[[column for column in READ_COLUMNS if column in observations.columns]]


@dataclass
class ConsensusResult:
    """The stage's output: CONSENSUS (one row per window) and RELIABILITY (one row per source)."""
    windows: object                    # pandas DataFrame, checker.columns.CONSENSUS
    reliability: object                # pandas DataFrame, checker.columns.RELIABILITY
    by_observation: dict = field(default_factory=dict)   # observation id -> its window's key

    def __reduce__(self):
        # Sent to the audit from the process that worked it out, each track record's entry goes as its values and
        # is made again a dict of checker.sharedkeys (as track_records made it): unpickled as it was, each entry was
        # a dict with a table of keys of its own, three times the memory (26,000 entries at 10,000 articles: 9 MB)
        facts = self.reliability["facts"].tolist() if "facts" in self.reliability.columns else []
        if not facts or not all(made_entry(entry) for entries in facts for entry in entries):
            return (ConsensusResult, (self.windows, self.reliability, self.by_observation))
        packed = self.reliability.assign(facts=[[tuple(entry.values()) for entry in entries] for entries in facts])
        return (_unpacked, (self.windows, packed, self.by_observation))


def _unpacked(windows, reliability, by_observation) -> ConsensusResult:
    """The ConsensusResult that ConsensusResult.__reduce__ packed."""
    make = maker(TRACK_FIELDS)
    facts = [[make(values) for values in entries] for entries in reliability["facts"].tolist()]
    return ConsensusResult(windows, reliability.assign(facts=facts), by_observation)


def estimate(observations, references=None, units: dict | None = None, sources=(), memo=None) -> ConsensusResult:
    """Consensus per fact and as-of window, and source reliability, from reconciled observations.

    `references`: fact -> list of reference rows (dicts with cmp_low/cmp_high/as_of_ord_low/as_of_ord_high
    and a `text`), see checker.references.reference_rows. `units`: fact -> the unit to say values in.
    `sources`: every document id, so a source that states no fact is listed too. `memo` (checker.factmemo.Memo):
    a fact whose rows are those of an audit before takes its windows and voices back (_fact_windows).
    """
    import pandas as pd

    require(observations, {c: "" for c in OBSERVATION_COLUMNS}, "consensus")
    references = references or {}
    units = units or {}
    rows = _voting_rows(observations)
    windows = _fact_windows(observations, rows, memo) if memo is not None else _with_voices(_cut_windows(rows))
    for window in windows:
        window.reference = [ref for ref in references.get(window.fact, []) if _applies(ref, window)]
    everyone = sorted({row["source"] for row in rows} | {str(s) for s in sources})
    accuracy = _estimate_accuracy(windows, everyone)
    records, by_observation = [], {}
    for window in windows:
        record = _describe(window, accuracy, units.get(window.fact))
        records.append(record)
        for row in window.rows:
            by_observation[row["observation"]] = record["key"]
    reliability = track_records(windows, accuracy, everyone, records)
    frame = pd.DataFrame(records, columns=list(CONSENSUS)) if records else pd.DataFrame(columns=list(CONSENSUS))
    table = pd.DataFrame(reliability, columns=list(RELIABILITY)) if reliability \
        else pd.DataFrame(columns=list(RELIABILITY))
    return ConsensusResult(windows=frame, reliability=table, by_observation=by_observation)


def attach(findings, result: ConsensusResult):
    """The findings with a `consensus` column: the entries of the windows their statements fall in.

    Findings keep their status and everything else; consensus is only added beside them.
    """
    entries = {record["key"]: record for record in result.windows.to_dict("records")} if len(result.windows) else {}
    column = []
    for observation_ids in findings["observations"].tolist() if len(findings) else []:
        keys = list(dict.fromkeys(result.by_observation[i] for i in observation_ids if i in result.by_observation))
        chosen = sorted((entries[key] for key in keys), key=lambda e: (e["claim"] != "reported", e["window"]))
        column.append([_public(entry) for entry in chosen])
    findings = findings.copy()
    findings["consensus"] = column
    return findings


PUBLIC_FIELDS = ("claim", "as_of", "as_of_low", "as_of_high", "status", "low", "high", "support_sources",
                 "total_sources", "voices", "total_voices", "weight_share", "supporters", "dissenters",
                 "reference", "text")


def _public(entry: dict) -> dict:
    return {name: entry[name] for name in PUBLIC_FIELDS}


# --- windows -----------------------------------------------------------------------------------------


@dataclass
class _Window:
    fact: str
    claim: str                 # reported (reports and hedged reports) or planned
    index: int
    rows: list
    voices: list = field(default_factory=list)
    reference: list = field(default_factory=list)
    pieces: "_Pieces | None" = None   # its line cut, once its voices are found (see _pieces)
    said: dict = field(default_factory=dict)   # consensus_words.said_by_source's, per kind and unit
    voices_key: str | None = None   # the digest its voices are kept under in the consensus's memo (_with_voices)


def _voting_rows(observations) -> list[dict]:
    """The statements that claim a value: reports (hedged too) and plans; not projections, denials or
    figures a correction withdrew."""
    values = [observations[column].tolist() for column in OBSERVATION_COLUMNS]
    modality, low, high = map(OBSERVATION_COLUMNS.index, ("modality", "cmp_low", "cmp_high"))
    make = maker((*OBSERVATION_COLUMNS, "claim"))   # the rows share one table of keys (checker.sharedkeys)
    rows = []
    for items in zip(*values):
        claim = VOTING.get(items[modality])
        if claim is None or missing(items[low]) or missing(items[high]):
            continue
        row = make((*items, claim))
        row["source"] = str(row["source"])
        rows.append(row)
    return rows


def _cut_windows(rows: list[dict]) -> list[_Window]:
    """Statements of each fact (and claim) in as-of order, cut where relation() calls the move a change."""
    groups: dict[tuple, list[dict]] = {}
    for row in rows:
        groups.setdefault((row["fact"], row["claim"]), []).append(row)
    windows = []
    # relation() of each distinct pair of what it reads, asked once: a large fact's statements repeat a few
    # values and dates (at 10,000 generated articles 194,000 questions were 16,000 pairs). Each distinct reading is
    # numbered once, and a pair is asked for by its two numbers: hashing the two readings themselves for every
    # question was most of cutting a large fact's windows.
    changes: dict[tuple, bool] = {}
    numbers: dict[tuple, int] = {}
    for (fact, claim), members in sorted(groups.items()):
        members.sort(key=_as_of_order)
        current: list[dict] = []
        values: dict[tuple, tuple] = {}   # a window's distinct values: its latest statement, and its reading's number
        index = 0
        for row in members:
            low, high = row["cmp_low"], row["cmp_high"]
            read = numbers.setdefault(tuple(row.get(name) for name in RELATION_FIELDS), len(numbers))
            # relation() calls a pair whose values overlap agreeing before anything else: most pairs, asked here
            # without the call
            if current and any(_is_change(changes, other, other_read, row, read)
                               for other, other_read in values.values()
                               if not (other["cmp_low"] <= high and low <= other["cmp_high"])):
                windows.append(_Window(fact, claim, index, current))
                index, current, values = index + 1, [], {}
            current.append(row)
            value = (low, high)
            if value not in values and len(values) >= WINDOW_VALUES:
                del values[min(values, key=lambda v: (values[v][0]["as_of_ord_high"], v))]   # forget the oldest
            values[value] = (row, read)
        if current:
            windows.append(_Window(fact, claim, index, current))
    return windows


def _is_change(changes: dict, other: dict, other_read: int, row: dict, read: int) -> bool:
    """relation(other, row) == "change", from `changes` when a pair alike in RELATION_FIELDS (the readings numbered
    `other_read` and `read`) was asked before."""
    pair = (other_read, read)
    found = changes.get(pair)
    if found is None:
        found = changes[pair] = relation(other, row) == "change"
    return found


def _as_of_order(row: dict) -> tuple:
    """A fact's statements in as-of order, ties by id: the order its windows cut them in."""
    return row["as_of_ord_low"], row["as_of_ord_high"], row["observation"]


def _with_voices(windows: list[_Window], memo=None) -> list[_Window]:
    """The windows with their voices found (checker.voices.find_voices); with `memo` (checker.factmemo.Memo), each
    window's taken from it when kept for the very rows it reads (_voices_digest) and kept there otherwise: an edit
    that changes one statement of a fact changes one of its windows, and finding the voices of all of them again
    was the largest part of the consensus's work after one edit (a fact of 8,700 statements at 10,000 articles)."""
    for window in windows:
        digest = _voices_digest(window.rows) if memo is not None else None
        voices = _kept_voices(memo.get(digest)) if digest is not None else None
        if voices is None:
            voices = find_voices(window.rows)
            if digest is not None:
                memo.put(digest, _voices_kept(voices))
        window.voices, window.voices_key = voices, digest
    return windows


def _voices_digest(rows: list[dict]) -> str:
    """The digest of a window's rows as find_voices reads them (checker.voices.VOICE_FIELDS, in the order it reads
    them: by source, then id), with checker's code."""
    import hashlib

    from checker.codedigest import package_digest
    from checker.factmemo import exactly

    ordered = sorted(rows, key=lambda row: (row["source"], row["observation"]))
    read = [tuple(row[name] for name in VOICE_FIELDS) for row in ordered]
    return "voices:" + hashlib.sha256(package_digest().encode("ascii") + exactly(read)).hexdigest()


def _voices_kept(voices: list[Voice]) -> list:
    return [[list(voice.sources), [list(pair) for pair in voice.ranges]] for voice in voices]


def _kept_voices(kept) -> list[Voice] | None:
    """The voices `memo` kept (_voices_kept's), or None (none kept, or not of that form)."""
    if not isinstance(kept, list):
        return None
    try:
        return [Voice(tuple(sources), [tuple(pair) for pair in ranges]) for sources, ranges in kept]
    except (TypeError, ValueError):
        return None


def _fact_windows(observations, rows: list[dict], memo) -> list[_Window]:
    """_with_voices(_cut_windows(rows)), each fact's windows taken from `memo` when kept for its rows (every column a
    voting row reads) and kept there otherwise, each window's voices under a digest of their own (_with_voices: the
    fact's entry names them, and so keeps them in the memo). Windows are cut per fact and claim in that order, so
    the facts' windows in order are the corpus's."""
    from checker import factmemo

    digests = factmemo.fact_digests(_ids_ranked(observations), OBSERVATION_COLUMNS,
                                    salt="consensus windows, ids ranked")
    by_fact: dict[str, list[dict]] = {}
    for row in rows:
        by_fact.setdefault(row["fact"], []).append(row)
    windows = []
    for fact in sorted(by_fact):
        members = by_fact[fact]
        digest = digests.get(fact)
        kept = _kept_windows(memo.get(digest), fact, members, memo) if digest is not None else None
        if kept is None:
            kept = _with_voices(_cut_windows(members), memo)
            if digest is not None:
                # a window's rows as their count: the windows cut each claim's rows, in _cut_windows's order, into
                # runs (ids were two thirds of the memo: 4.8 of 7 MB at 10,000 articles, read and written again by
                # every re-audit); its voices as the digest they are kept under
                memo.put(digest, [{"claim": window.claim, "index": window.index, "size": len(window.rows),
                                   "voices": window.voices_key} for window in kept])
        windows.extend(kept)
    return windows


def _ids_ranked(observations):
    """The observations with each id replaced by its rank among its fact's ids. The windows and voices read an id
    only to order statements (ties in time, statements of a source), so two facts whose rows agree but for ids in
    the same order get the same windows: an edit above a statement moves its id (its offsets), and every fact its
    document states was worked out again."""
    from checker import factmemo

    ids = observations["observation"].tolist()
    ranks = [0] * len(ids)
    for positions in factmemo.fact_rows(observations).values():
        for rank, position in enumerate(sorted(positions.tolist(), key=ids.__getitem__)):
            ranks[position] = rank
    return observations.assign(observation=ranks)


def _kept_windows(kept, fact: str, members: list[dict], memo) -> list[_Window] | None:
    """The windows `memo` kept for a fact whose voting rows are `members` (`kept`: its entry), each with the voices
    kept under the digest it names, or None (none kept, or not of this form: an older file, counts that do not cut
    each claim's rows into its windows, voices not kept)."""
    if not isinstance(kept, list) or len({row["observation"] for row in members}) != len(members):
        return None
    by_claim: dict[str, list[dict]] = {}
    for row in members:
        by_claim.setdefault(row["claim"], []).append(row)
    for rows in by_claim.values():   # as _cut_windows orders them
        rows.sort(key=_as_of_order)
    taken = dict.fromkeys(by_claim, 0)
    windows = []
    try:
        for entry in kept:
            claim, size = str(entry["claim"]), int(entry["size"])
            if claim not in by_claim or size < 1:
                return None
            rows = by_claim[claim][taken[claim]:taken[claim] + size]
            taken[claim] += size
            if len(rows) != size:
                return None
            key = entry["voices"]
            voices = _kept_voices(memo.get(key)) if isinstance(key, str) else None
            if voices is None:
                return None
            windows.append(_Window(fact, claim, int(entry["index"]), rows, voices=voices, voices_key=key))
    except (KeyError, TypeError, ValueError):
        return None
    # every voting row in exactly one window, as _cut_windows makes them
    return windows if all(taken[claim] == len(rows) for claim, rows in by_claim.items()) else None


def _applies(reference: dict, window: _Window) -> bool:
    """A reference speaks for a window when its as-of period meets the window's (an undated one always)."""
    low, high = reference["as_of_ord_low"], reference["as_of_ord_high"]
    if math.isinf(low) and math.isinf(high):
        return True
    first = min(r["as_of_ord_low"] for r in window.rows)
    last = max(r["as_of_ord_high"] for r in window.rows)
    slack = float(window.rows[0]["window_days"] or 0)
    return low <= last + slack and first <= high + slack


# --- the estimate ------------------------------------------------------------------------------------


class _Pieces:
    """A window's line cut at every end point: positions 2i are the points, 2i+1 the gaps between them.

    A claim [low, high] covers the contiguous positions from low's point to high's point."""

    def __init__(self, window: _Window) -> None:
        import numpy as np

        ends = sorted({bound for voice in window.voices for pair in voice.ranges for bound in pair})
        self.ends = ends
        self.size = 2 * len(ends) - 1
        at = {value: 2 * index for index, value in enumerate(ends)}
        self.voice_of, starts, stops = [], [], []
        for number, voice in enumerate(window.voices):
            for low, high in voice.ranges:
                self.voice_of.append(number)
                starts.append(at[low])
                stops.append(at[high])
        self.voice_of = np.asarray(self.voice_of, dtype=np.int64)
        self.starts, self.stops = np.asarray(starts, dtype=np.int64), np.asarray(stops, dtype=np.int64)
        count = np.zeros(self.size + 1)
        np.add.at(count, self.starts, 1.0)
        np.add.at(count, self.stops + 1, -1.0)
        covered = np.cumsum(count)[:self.size] > 0.5
        finite = np.ones(self.size, dtype=bool)
        for index, value in enumerate(ends):   # an infinite end is a bound, not a value anyone states
            if math.isinf(value):
                finite[2 * index] = False
        self.candidate = covered & finite
        # A source's claim may hold a bound no voice has (a statement that is no voice of the window, as a plan
        # among reports): it covers the points inside it, the first at or after its low end and the last at or
        # before its high end; one that covers none is no claim here.
        self.claims = _claims(ends, _source_intervals(window))   # source -> (starts, stops) of its merged intervals

    def scores(self, votes):
        """Each position's vote count: the sum of the votes of the voices covering it."""
        import numpy as np

        change = np.zeros(self.size + 1)
        np.add.at(change, self.starts, votes[self.voice_of])
        np.add.at(change, self.stops + 1, -votes[self.voice_of])
        return np.cumsum(change)[:self.size]


def _pieces(window: _Window) -> _Pieces:
    """The window's _Pieces, cut once: the accuracy estimate and the window's description both read them."""
    if window.pieces is None:
        window.pieces = _Pieces(window)
    return window.pieces


def _claims(ends: list, intervals: dict[str, list[tuple]]) -> dict:
    """source -> (starts, stops): the positions of `ends` (a _Pieces's points) each of its merged intervals covers
    first and last (_position's), those covering none left out. In a window of SEARCHED_TOGETHER intervals or more,
    all sources' ends are placed by one NumPy search when every number is a float (a Python search per end was a
    fifth of cutting a large window's pieces); otherwise by _position (NumPy's calls cost more than a few searches,
    and an integer past 2**53 would be rounded)."""
    import numpy as np

    merged = {source: merge(found) for source, found in intervals.items()}
    lows = [low for pairs in merged.values() for low, _ in pairs]
    highs = [high for pairs in merged.values() for _, high in pairs]
    if len(lows) >= SEARCHED_TOGETHER and all(type(value) is float for value in (*ends, *lows, *highs)):
        points = np.asarray(ends, dtype=float)
        first = np.searchsorted(points, np.asarray(lows, dtype=float), side="left")
        last = np.searchsorted(points, np.asarray(highs, dtype=float), side="right") - 1
        kept = (first < len(ends)) & (last >= 0) & (first <= last)
        starts, stops = (2 * first).astype(np.int64), (2 * last).astype(np.int64)
        claims, at = {}, 0
        for source, pairs in merged.items():
            inside = kept[at:at + len(pairs)]
            claims[source] = (starts[at:at + len(pairs)][inside], stops[at:at + len(pairs)][inside])
            at += len(pairs)
        return claims
    claims = {}
    for source, pairs in merged.items():
        spans = [(_position(ends, low, True), _position(ends, high, False)) for low, high in pairs]
        spans = [(a, b) for a, b in spans if a is not None and b is not None and a <= b]
        claims[source] = (np.asarray([a for a, _ in spans], dtype=np.int64),
                          np.asarray([b for _, b in spans], dtype=np.int64))
    return claims


def _position(ends: list[float], value: float, from_below: bool) -> int | None:
    """The position of the first end point at or after `value` (from_below) or the last at or before it."""
    from bisect import bisect_left, bisect_right

    if from_below:
        index = bisect_left(ends, value)
        return 2 * index if index < len(ends) else None
    index = bisect_right(ends, value) - 1
    return 2 * index if index >= 0 else None


def _source_intervals(window: _Window) -> dict[str, list[tuple]]:
    found: dict[str, list[tuple]] = {}
    for row in window.rows:
        found.setdefault(row["source"], []).append((row["cmp_low"], row["cmp_high"]))
    return dict(sorted(found.items()))


def _estimate_accuracy(windows: list[_Window], sources: list[str]) -> dict[str, float]:
    """ACCU's fixed point over the windows where two or more voices speak.

    Every window is laid out in one array (its positions, then one spare slot), so an iteration is a
    handful of NumPy passes over all statements at once rather than a loop over windows."""
    import numpy as np

    contested = [w for w in windows if len(w.voices) >= 2]
    number = {source: index for index, source in enumerate(sources)}
    accuracy = np.full(len(sources), PRIOR_ACCURACY)
    if not contested:
        return {source: PRIOR_ACCURACY for source in sources}
    starts, stops, range_voice, member_voice, member_source = [], [], [], [], []
    claim_starts, claim_stops, claim_of_range, claim_source, fixed = [], [], [], [], []
    block_starts, block_sizes, candidate = [], [], []
    offset = voices_so_far = claims_so_far = 0
    for window in contested:
        cut = _pieces(window)
        block_starts.append(offset)
        block_sizes.append(cut.size + 1)
        candidate.extend(cut.candidate.tolist() + [False])
        starts.extend((cut.starts + offset).tolist())
        stops.extend((cut.stops + offset).tolist())
        range_voice.extend((cut.voice_of + voices_so_far).tolist())
        for voice_number, voice in enumerate(window.voices):
            member_voice.extend([voices_so_far + voice_number] * len(voice.sources))
            member_source.extend(number[source] for source in voice.sources)
        intervals = _source_intervals(window) if window.reference else {}
        for source, (low_positions, high_positions) in cut.claims.items():
            claim_starts.extend((low_positions + offset).tolist())
            claim_stops.extend((high_positions + offset).tolist())
            claim_of_range.extend([claims_so_far] * len(low_positions))
            claim_source.append(number[source])
            right = math.nan
            if window.reference:   # a reference fixes the truth: a claim meeting it is right
                right = float(any(low <= ref["cmp_high"] and ref["cmp_low"] <= high
                                  for low, high in intervals[source] for ref in window.reference))
            fixed.append(right)
            claims_so_far += 1
        offset += cut.size + 1
        voices_so_far += len(window.voices)
    as_int = lambda values: np.asarray(values, dtype=np.int64)  # noqa: E731
    starts, stops, range_voice = as_int(starts), as_int(stops), as_int(range_voice)
    member_voice, member_source = as_int(member_voice), as_int(member_source)
    claim_starts, claim_stops, claim_of_range = as_int(claim_starts), as_int(claim_stops), as_int(claim_of_range)
    claim_source, fixed = as_int(claim_source), np.asarray(fixed, dtype=float)
    block_starts, candidate = as_int(block_starts), np.asarray(candidate, dtype=bool)
    block_of = np.repeat(np.arange(len(contested)), block_sizes)
    voice_size = np.bincount(member_voice, minlength=voices_so_far)
    claim_count = np.bincount(claim_source, minlength=len(sources))
    for _ in range(MAX_ITERATIONS):
        voice_accuracy = np.bincount(member_voice, weights=accuracy[member_source], minlength=voices_so_far) / voice_size
        votes = np.log(WRONG_VALUES * voice_accuracy / (1.0 - voice_accuracy))[range_voice]
        change = np.zeros(offset)
        np.add.at(change, starts, votes)
        np.add.at(change, stops + 1, -votes)
        score = np.cumsum(change)   # each window's changes sum to zero within its block
        top = np.maximum.reduceat(np.where(candidate, score, -np.inf), block_starts)
        weights = np.where(candidate, np.exp(np.minimum(score - top[block_of], 0.0)), 0.0)
        total = np.add.reduceat(weights, block_starts) + WRONG_VALUES * np.exp(-top)
        prefix = np.concatenate([[0.0], np.cumsum(weights / total[block_of])])
        held = np.bincount(claim_of_range, weights=prefix[claim_stops + 1] - prefix[claim_starts],
                           minlength=claims_so_far)
        held = np.where(np.isnan(fixed), np.minimum(held, 1.0), fixed)
        totals = np.bincount(claim_source, weights=held, minlength=len(sources))
        updated = np.clip((PRIOR_ACCURACY * PRIOR_CLAIMS + totals) / (PRIOR_CLAIMS + claim_count), *ACCURACY_BOUNDS)
        moved = float(np.max(np.abs(updated - accuracy))) if len(sources) else 0.0
        accuracy = updated
        if moved < CONVERGED:
            break
    return {source: float(accuracy[index]) for source, index in number.items()}


def _vote(accuracy: float) -> float:
    return math.log(WRONG_VALUES * accuracy / (1.0 - accuracy))


# --- what a window concludes -------------------------------------------------------------------------


def _describe(window: _Window, accuracy: dict[str, float], unit: str | None) -> dict:
    import numpy as np

    voices = window.voices
    weights = [_mean([accuracy[s] for s in voice.sources]) for voice in voices]
    cut = _pieces(window)
    score = cut.scores(np.asarray([_vote(w) for w in weights]))
    best = float(score[cut.candidate].max()) if cut.candidate.any() else 0.0
    winners = np.nonzero(cut.candidate & (score >= best - 1e-9))[0]
    # One answer is one stretch of the line; equal votes for values apart from each other are a tie.
    contiguous = len(winners) > 0 and int(winners[-1] - winners[0]) + 1 == len(winners)
    position = int(winners[0]) if len(winners) else 0
    supporting = [number for number, voice in enumerate(voices) if contiguous and _covers(voice, cut, position)]
    total_weight = sum(weights)
    share = sum(weights[i] for i in supporting) / total_weight if total_weight else 0.0
    # A vague voice ("in the first quarter") that also holds the best rival value decides nothing: the
    # voices for the value and not for its rival must be two or more, and outweigh those against it.
    held = set(supporting)   # sets: a window can hold thousands of voices
    against = [i for i in range(len(voices)) if i not in held]
    rival = _best_rival(cut, score, winners, against)
    deciding = [i for i in supporting if rival is None or not _covers(voices[i], cut, rival)]
    sources_all = sorted({s for voice in voices for s in voice.sources})
    supporters = sorted({s for i in supporting for s in voices[i].sources})
    supporter_set = set(supporters)
    dissenters = [s for s in sources_all if s not in supporter_set]
    if not contiguous:
        status = "none"
    elif len(voices) == 1:
        status = "single"
    elif len(supporting) == len(voices):
        status = "unanimous"
    elif len(deciding) >= 2 and sum(weights[i] for i in deciding) > sum(weights[i] for i in against):
        status = "majority"
    else:
        status = "none"
    kind = window.rows[0]["kind"]
    unit = unit or window.rows[0]["unit"]
    low = high = None
    if status != "none":
        low, high = _shown_value([r for r in window.rows if r["source"] in supporter_set], cut, position)
    reference = _reference_entry(window)
    entry = {
        "key": f"{window.fact}#{window.claim}#{window.index}", "fact": window.fact, "window": window.index,
        "claim": window.claim, **_as_of(window), "status": status, "low": low, "high": high,
        "support_sources": len(supporters) if status != "none" else 0, "total_sources": len(sources_all),
        "voices": len(supporting) if status != "none" else 0, "total_voices": len(voices),
        "weight_share": round(share, 3) if status != "none" else None,
        "supporters": supporters if status != "none" else [], "dissenters": dissenters if status != "none" else [],
        "reference": reference, "observations": sorted(r["observation"] for r in window.rows),
        "cmp_low": cut.ends[int(winners[0]) // 2] if status != "none" else None,
        "cmp_high": cut.ends[(int(winners[-1]) + 1) // 2] if status != "none" else None,
    }
    entry["text"] = window_text(entry, window, voices, kind, unit)
    return entry


def _mean(values: list[float]) -> float:
    """float(np.mean(values)), bit for bit: NumPy adds fewer than eight values one after another from 0, as sum()
    does, and more in pairs (kept). A voice is mostly one source, and np.mean on a short list was a fifth of
    describing the windows."""
    import numpy as np

    return sum(values) / len(values) if len(values) < 8 else float(np.mean(values))


def _best_rival(cut: _Pieces, score, winners, against: list[int]) -> int | None:
    """The best-voted value a dissenting voice states, or None when no voice dissents."""
    import numpy as np

    if not len(winners) or not against:
        return None
    marks = np.zeros(int(cut.voice_of.max()) + 1)
    marks[against] = 1.0
    held = cut.scores(marks)
    others = cut.candidate & (held > 0.5)
    others[int(winners[0]):int(winners[-1]) + 1] = False
    if not others.any():
        return None
    return int(np.argmax(np.where(others, score, -np.inf)))


def _covers(voice: Voice, cut: _Pieces, position: int) -> bool:
    value_low = cut.ends[position // 2]
    value_high = cut.ends[(position + 1) // 2]
    return any(low <= value_low and value_high <= high for low, high in voice.ranges)


def _shown_value(rows: list[dict], cut: _Pieces, position: int) -> tuple:
    """The supporting statements' own values intersected ("about 100,000" and "more than 94,000": 100,000);
    when only their tolerances meet, the narrowest of them as written."""
    inside = [r for r in rows if r["cmp_low"] <= cut.ends[position // 2] and cut.ends[(position + 1) // 2] <= r["cmp_high"]]
    rows = inside or rows
    lows = [r["low"] for r in rows if not missing(r["low"])]
    highs = [r["high"] for r in rows if not missing(r["high"])]
    low = max(lows) if lows else None
    high = min(highs) if highs else None
    if low is not None and high is not None and low > high:
        narrowest = min(rows, key=lambda r: (r["cmp_high"] - r["cmp_low"], r["observation"]))
        low, high = narrowest["low"], narrowest["high"]
    return plain(low), plain(high)


def _reference_entry(window: _Window) -> dict | None:
    if not window.reference:
        return None
    first = window.reference[0]
    return {"low": first.get("low"), "high": first.get("high"), "source": first.get("source"),
            "text": "; ".join(dict.fromkeys(ref["text"] for ref in window.reference))}


def _as_of(window: _Window) -> dict:
    if window.rows[0]["changes"] == "none":
        return {"as_of": None, "as_of_low": None, "as_of_high": None}
    dated = [r for r in window.rows if isinstance(r["as_of"], str) and r["as_of"]]
    if not dated:
        return {"as_of": None, "as_of_low": None, "as_of_high": None}
    first = min(dated, key=lambda r: (r["as_of_ord_high"], r["as_of"]))
    last = max(dated, key=lambda r: (r["as_of_ord_high"], r["as_of"]))
    label = first["as_of"] if first["as_of"] == last["as_of"] else f"{first['as_of']} to {last['as_of']}"
    return {"as_of": label, "as_of_low": first["as_of"], "as_of_high": last["as_of"]}
