"""A long fact's statements on pages of their own, cut where an edit elsewhere leaves the cut as it was.

A split report (checker.report.split) gives a fact stated more than STATEMENTS_SHOWN times a page beside
audit.html. Stated thousands of times (8,600 statements at 10,000 generated articles, 27,000 at 30,000), that page
was 5 to 15 MB, more than a browser opens comfortably, and it was made again whole whenever one of its statements
changed: three such pages were the longest part of writing the reports after a one-document edit. A fact with more
than PAGED_ABOVE statements keeps its page for its chart and findings, and lists its statements on pages of about
PAGE_TARGET each, beside it.

Where a page ends must not move with an edit elsewhere, or an edit near the top would make every page after it
again. The statements are in their table's order (as-of date, then source: checker.report.model.observation_order),
and a page may begin only where a source's statements of one as-of date begin (a group). Whether one does is drawn
from a digest of that group's (as-of, source) pair, with a chance of its statements' count / PAGE_TARGET, never
before the page holds PAGE_FLOOR statements and always once it holds PAGE_CEILING: so an edit, which adds, removes
or changes the statements of one source, moves at most the cuts up to the next one drawn alike before and after
it (content-defined chunking, as rsync and backup tools cut files). The same statements always give the same pages.
"""
from __future__ import annotations

import zlib
from bisect import bisect_left, bisect_right
from typing import Iterable

PAGED_ABOVE = 2_000    # a fact with more statements lists them on pages of their own
PAGE_TARGET = 800      # about how many statements a page holds beyond PAGE_FLOOR
PAGE_FLOOR = 100       # no page ends before it holds so many...
PAGE_CEILING = 3_000   # ...and every page ends at the first group after so many (one page in 40 or so)


def group_key(observation: dict) -> tuple[str, str]:
    """The (as-of, source) pair of a statement: the first two parts of its place in its fact's table."""
    return observation.get("as_of") or "9999-99-99", observation["source"]


def page_starts(groups: Iterable[tuple[tuple[str, str], int]]) -> list[tuple[str, str]]:
    """The group keys that begin the second page and each after it, of (group key, statements) in order."""
    starts, held = [], 0
    for key, count in groups:
        if held >= PAGE_CEILING or (held >= PAGE_FLOOR and _drawn(key) < count / PAGE_TARGET):
            starts.append(key)
            held = 0
        held += count
    return starts


def _drawn(key: tuple[str, str]) -> float:
    """A number in [0, 1) drawn from the group's key alone: the same in every run and on every machine (CRC-32:
    evenly spread over keys, and a fifth of a cryptographic digest's time, drawn for each of a fact's groups)."""
    return zlib.crc32("\0".join(key).encode("utf-8", "surrogatepass")) / 2 ** 32


def paged_facts(observations: Iterable[dict], order: list[tuple[str, int]]) -> dict[int, list[tuple[str, str]]]:
    """Fact index -> page_starts of its statements, for each fact of `order` (checker.report.model.section_order:
    (key, statements) in the reports' order) with more than PAGED_ABOVE statements."""
    paged = {key: index for index, (key, count) in enumerate(order) if count > PAGED_ABOVE}
    if not paged:
        return {}
    counts: dict[str, dict[tuple[str, str], int]] = {key: {} for key in paged}
    for observation in observations:
        groups = counts.get(observation["fact"])
        if groups is not None:   # (group_key, written out: a call for each of 75,000 statements at 30,000 articles)
            key = (observation.get("as_of") or "9999-99-99", observation["source"])
            groups[key] = groups.get(key, 0) + 1
    return {index: page_starts(sorted(counts[key].items())) for key, index in paged.items()}


def cut(statements: list[dict], starts: list[tuple[str, str]]) -> list[list[dict]]:
    """A fact's statements (in observation_order) as its pages, cut where page_starts said: each start found by
    bisection, not by a walk through every statement."""
    bounds = [0, *(bisect_left(statements, start, key=group_key) for start in starts), len(statements)]
    return [statements[first:end] for first, end in zip(bounds, bounds[1:])]


def page_number(starts: list[tuple[str, str]], observation: dict) -> int:
    """The page (from 1) of cut's pages that holds the statement."""
    return bisect_right(starts, group_key(observation)) + 1
