"""Voices: sources that repeat one another's wording count once for a fact (checker.consensus).

Two statements of one window are one wording when their sentences are near-identical (Jaccard of word
3-grams at least COPY_SIMILARITY) and their values agree; the sources behind them then make one voice,
so a wire story printed five times does not outvote two reporters. Candidate pairs come only from a few
keys of each sentence (its first, last and pre-value words), at most COPY_CANDIDATES per key, so the
check is linear in the statements, never one comparison per pair.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from checker.intervals import overlaps

COPY_SIMILARITY = 0.7      # Jaccard of word 3-grams above which two sentences are one wording
COPY_CANDIDATES = 8        # wordings a sentence is compared with per shared key
# What find_voices reads of a statement besides its id (read only to order a source's statements): the consensus keeps
# a window's voices under a digest of these (checker.consensus._voices_digest)
VOICE_FIELDS = ("source", "quote", "value_text", "cmp_low", "cmp_high")
_WORD = re.compile(r"\w+")


@dataclass
class Voice:
    sources: tuple             # sorted source ids that repeat one wording
    ranges: list               # merged comparable intervals the voice supports


def find_voices(rows: list[dict]) -> list[Voice]:
    """One voice per source, except that sources repeating one another's sentence (with agreeing values)
    share one. Candidate pairs come from a few keys of each sentence (its first, last and pre-value
    words), at most COPY_CANDIDATES per key, so the check stays linear."""
    by_source: dict[str, list[dict]] = {}
    for row in rows:
        by_source.setdefault(row["source"], []).append(row)
    parent = {source: source for source in by_source}

    def find(source):
        while parent[source] != source:
            parent[source] = parent[parent[source]]
            source = parent[source]
        return source

    buckets: dict[tuple, list[tuple]] = {}
    read: dict[tuple, tuple | None] = {}   # (quote, value) -> (shingles, keys): a sentence copied is read once
    for row in sorted(rows, key=lambda r: (r["source"], r["observation"])):
        quote, value = str(row["quote"] or ""), str(row["value_text"] or "")
        if (quote, value) not in read:
            words = _WORD.findall(quote.lower())
            read[quote, value] = (_shingles(words), _keys(words, quote, value)) if len(words) >= 4 else None
        if read[quote, value] is None:
            continue
        shingles, keys = read[quote, value]
        for key in keys:
            seen = buckets.setdefault(key, [])
            for other_source, other_shingles, other in seen:
                if other_source != row["source"] and overlaps(row, other) \
                        and _jaccard(shingles, other_shingles) >= COPY_SIMILARITY:
                    a, b = find(other_source), find(row["source"])
                    if a != b:
                        parent[max(a, b)] = min(a, b)
            if len(seen) < COPY_CANDIDATES:
                seen.append((row["source"], shingles, row))
    members: dict[str, list[str]] = {}
    for source in sorted(by_source):
        members.setdefault(find(source), []).append(source)
    voices = []
    for group in sorted(members.values()):
        intervals = [(r["cmp_low"], r["cmp_high"]) for s in group for r in by_source[s]]
        voices.append(Voice(tuple(group), merge(intervals)))
    return voices


def _shingles(words: list[str]) -> frozenset:
    return frozenset(zip(words, words[1:], words[2:]))


def _keys(words: list[str], quote: str, value: str) -> list[tuple]:
    keys = [("first", *words[:4]), ("last", *words[-4:])]
    at = quote.find(value) if value else -1
    if at > 0:
        before = _WORD.findall(quote[:at].lower())[-4:]
        if len(before) >= 3:
            keys.append(("before", *before))
    return keys


def _jaccard(a: frozenset, b: frozenset) -> float:
    shared = len(a & b)   # the union's size from it: no union set made
    return shared / (len(a) + len(b) - shared) if a or b else 0.0


def merge(intervals: list[tuple]) -> list[tuple]:
    merged: list[list] = []
    for low, high in sorted(intervals):
        if merged and low <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], high)
        else:
            merged.append([low, high])
    return [tuple(pair) for pair in merged]
