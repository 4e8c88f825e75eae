"""Which statements of one fact are in a conflict, a change or a modality difference with another source's.

CK101 (checker.rules.agreement) asks which rows conflict; the findings ask which rows take part in a
change over time or a modality-only difference. Both are "is there a row of another source such that
checker.intervals.relation(this, that) is X?", asked of every row of a fact. Answering it by comparing
every pair needs n x n cells: 2 GB and seconds for one fact stated 8,000 times. Here the answer is
counted instead, from sorted arrays (checker.dominance), in O(n log^2 n) time and O(n) memory:

- a pair whose values overlap agrees; one that does not is a modality difference unless both claim a
  current value (both reported, or both state one plan): counted per kind of statement;
- of the disjoint pairs that both claim a value, a pair is a change when the fact changes, one statement
  is later than the other by more than the window, the later may give a new value (`moved`) and the
  move goes the way the fact allows; every other one is a conflict. So a row's conflicts are its disjoint
  claiming pairs minus its changes, and "earlier by more than the window, and below this value" is a
  2-D dominance count.

Rows the pipeline never makes (a NaN bound, a period that ends before it starts, one fact with two
`changes`) are answered pair by pair from relation_codes in blocks: exact, memory bounded, slower.
tests/test_intervals.py holds both paths equal to relation() on random data.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from checker.dominance import count_below_other
from checker.intervals import RELATIONS, relation_codes, tallies

BLOCK_ROWS = 512   # rows per block when answering pair by pair (512 x n cells at a time)


@dataclass(frozen=True)
class Involvement:
    """Per row of a fact: whether some row of another source is in that relation with it."""
    conflict: np.ndarray
    change: np.ndarray
    modality: np.ndarray


def involvement(frame, sources=None) -> Involvement:
    """For the rows of ONE fact (the columns relation() reads), which rows conflict, change or differ in
    modality with a row of another source. `sources`: the rows' source ids (default: frame["source"])."""
    import pandas as pd

    n = len(frame)
    source = pd.factorize(pd.Series(frame["source"] if sources is None else sources, dtype=object))[0]
    columns = _columns(frame)
    if n < 2 or len(set(source.tolist())) < 2:
        empty = np.zeros(n, dtype=bool)
        return Involvement(empty, empty.copy(), empty.copy())
    if not _well_formed(columns):
        return _pairwise(frame, source)
    return _counted(columns, source)


def _columns(frame) -> dict:
    def floats(name):
        return np.asarray(frame[name], dtype=float)

    n = len(frame)
    moved = np.array([True if v is None or v != v else bool(v) for v in frame["moved"].tolist()], dtype=bool) \
        if "moved" in frame else np.ones(n, dtype=bool)
    planned = np.array([v == "planned" for v in frame["modality"].tolist()], dtype=bool) \
        if "modality" in frame else np.zeros(n, dtype=bool)
    return {"low": floats("cmp_low"), "high": floats("cmp_high"), "from": floats("as_of_ord_low"),
            "to": floats("as_of_ord_high"),
            "assertive": np.array([bool(v) for v in frame["assertive"].tolist()], dtype=bool),
            "planned": planned, "moved": moved, "tally": tallies(frame),
            "changes": [str(v) if v is not None else "" for v in frame["changes"].tolist()],
            "window": [float(v or 0) for v in frame["window_days"].tolist()]}


def _well_formed(c: dict) -> bool:
    """What reconcile makes: no NaN, bounds in order, one `changes` and one finite window for the fact."""
    bounds = np.concatenate([c["low"], c["high"], c["from"], c["to"]])
    return (not np.isnan(bounds).any() and bool(np.all(c["low"] <= c["high"]))
            and bool(np.all(c["from"] <= c["to"])) and len(set(c["changes"])) == 1 and len(set(c["window"])) == 1
            and np.isfinite(c["window"][0]) and c["window"][0] >= 0)


def _counted(c: dict, source) -> Involvement:
    n = len(source)
    low, high = c["low"], c["high"]
    conflict, change, modality = (np.zeros(n, dtype=bool) for _ in range(3))
    # Modality: a disjoint pair that does not both claim a value. Grouped by what a row claims (reported,
    # planned: a row may be neither or, in odd input, both), each row is asked about the kinds it is not
    # comparable with.
    kinds = c["assertive"].astype(np.int64) * 2 + c["planned"].astype(np.int64)
    for kind in range(4):
        rows = np.nonzero(kinds == kind)[0]
        if not len(rows):
            continue
        others = np.nonzero(~((c["assertive"] & bool(kind & 2)) | (c["planned"] & bool(kind & 1))))[0]
        if len(others):
            modality[rows] = _disjoint(low, high, source, others, rows) > 0
    changes, window = c["changes"][0], c["window"][0]
    for claiming in (c["assertive"], c["planned"]):   # pairs that both claim a value: conflict or change
        rows = np.nonzero(claiming)[0]
        if len(rows) < 2:
            continue
        disjoint = _disjoint(low, high, source, rows, rows)
        changed = np.zeros(len(rows), dtype=np.int64) if changes == "none" else \
            _changes(c, source, rows, changes, window)
        conflict[rows] |= disjoint > changed
        change[rows] |= changed > 0
    return Involvement(conflict, change, modality)


def _disjoint(low, high, source, points, queries):
    """For each query row: the rows of `points` of another source whose values lie wholly below or above its own."""
    zero_p, one_q = np.zeros(len(points)), np.ones(len(queries))
    below = count_below_other(zero_p, high[points], source[points], one_q, low[queries], source[queries])
    above = count_below_other(zero_p, -low[points], source[points], one_q, -high[queries], source[queries])
    return below + above


def _changes(c, source, rows, changes: str, window: float):
    """For each row of `rows`: how many rows of `rows` (another source) form a change over time with it."""
    low, high, start, end, moved = (c[name][rows] for name in ("low", "high", "from", "to", "moved"))
    src = source[rows]
    counted = np.zeros(len(rows), dtype=np.int64)
    up, down = changes != "decreasing", changes != "increasing"   # the directions the fact allows
    # Earlier rows (ending more than the window before this one starts): this row is the later one.
    if up:    # it lies above the earlier value
        counted += count_below_other(end, high, src, start - window, low, src)
    if down:  # it lies below the earlier value
        counted += count_below_other(end, -low, src, start - window, -high, src)
    counted *= moved   # a later figure nothing says is new is no change
    # Later rows (starting more than the window after this one ends) that may give a new value.
    later = np.nonzero(moved)[0]
    if up:
        counted += count_below_other(-start[later], -low[later], src[later], -(end + window), -high, src)
    if down:
        counted += count_below_other(-start[later], high[later], src[later], -(end + window), low, src)
    if changes in ("increasing", "decreasing"):
        counted += _tally_changes(low, high, start, end, src, c["tally"][rows], changes == "increasing", window)
    return counted


def _tally_changes(low, high, start, end, src, tally, increasing: bool, window: float):
    """For each row: the rows of another source at the same moment (not earlier or later by more than the
    window) that form a change with it by intervals._tally_moved_on: the lower of the two a running tally
    (the higher, for a fact that falls). Counted as all such pairs, less those earlier and those later."""
    counted = np.zeros(len(low), dtype=np.int64)
    tallied = np.nonzero(tally)[0]
    if not len(tallied):
        return counted      # (most facts: nothing more to hold in memory)

    def same_moment(p, q, query_value, point_value):
        zeros, ones = np.zeros(len(p)), np.ones(len(q))
        every = count_below_other(zeros, point_value[p], src[p], ones, query_value[q], src[q])
        earlier = count_below_other(end[p], point_value[p], src[p], start[q] - window, query_value[q], src[q])
        later = count_below_other(-start[p], point_value[p], src[p], -(end[q] + window), query_value[q], src[q])
        return every - earlier - later

    everyone = np.arange(len(low))
    if increasing:   # this row above a tally below it; this row a tally below another
        counted += same_moment(tallied, everyone, low, high)
        counted[tallied] += same_moment(everyone, tallied, -high, -low)
    else:            # this row below a tally above it; this row a tally above another
        counted += same_moment(tallied, everyone, -high, -low)
        counted[tallied] += same_moment(everyone, tallied, low, high)
    return counted


def _pairwise(frame, source) -> Involvement:
    """relation_codes in blocks of rows: each row i against every row j, pair (i, j) read as relation(i, j)
    for i < j as the reference does, without ever holding n x n cells."""
    n = len(frame)
    flags = {name: np.zeros(n, dtype=bool) for name in ("conflict", "change", "modality")}
    for first in range(0, n, BLOCK_ROWS):
        block = np.arange(first, min(n, first + BLOCK_ROWS))
        codes = relation_codes(frame, rows=block)                      # block x n
        later = block[:, None] < np.arange(n)[None, :]
        asked = later & (source[block][:, None] != source[None, :])
        for name in flags:
            pairs = asked & (codes == RELATIONS.index(name))
            flags[name][block] |= pairs.any(axis=1)
            flags[name] |= pairs.any(axis=0)
    return Involvement(flags["conflict"], flags["change"], flags["modality"])
