"""Rows: a long list of records made on demand, a chunk at a time, never all held at once.

A 100 MB document has over a million mentions; as dicts they take more than a gigabyte, and each view of
them a report builds (the rows of a table, the marks in the text) as much again. Where a report only reads
such a list from start to end, it gets Rows instead: it has a length and can be walked any number of times,
each walk making the records again from their source (a DataFrame's columns, or another Rows), CHUNK at a
time. The records are the same dicts in the same order as the list they stand for.
"""
from __future__ import annotations

from itertools import chain, islice
from typing import Callable, Iterable, Iterator

CHUNK = 10_000


_NONE = object()   # no argument given to Rows


class Rows:
    """A sequence of `count` records, made by `chunks()` (an iterable of lists) each time it is walked; with an
    `argument`, by `chunks(argument)`: one function for many Rows, with no closure or partial apiece (a large
    corpus's report holds one for every source: at 30,000 sources a partial and its arguments were 4 MB)."""

    __slots__ = ("count", "_chunks", "_argument")   # no dict apiece

    def __init__(self, count: int, chunks: Callable[..., Iterable[list]], argument=_NONE) -> None:
        self.count = count
        self._chunks = chunks
        self._argument = argument

    def __len__(self) -> int:
        return self.count

    def __bool__(self) -> bool:
        return self.count > 0

    def __iter__(self) -> Iterator:
        return chain.from_iterable(self.chunks())

    def chunks(self) -> Iterable[list]:
        return self._chunks() if self._argument is _NONE else self._chunks(self._argument)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return list(self)[index]
        if index < 0:
            index += self.count
        if not 0 <= index < self.count:
            raise IndexError(index)
        return next(islice(iter(self), index, None))

    def map(self, function: Callable) -> "Rows":
        """Rows of function(record), made as these are."""
        return Rows(self.count, lambda: ([function(record) for record in chunk] for chunk in self.chunks()))

    def __eq__(self, other) -> bool:
        return list(self) == (list(other) if isinstance(other, Rows) else other)

    __hash__ = None  # like a list

    def __repr__(self) -> str:
        return f"Rows({self.count} records)"


def in_chunks(records: Iterable, size: int = CHUNK) -> Iterator[list]:
    """Any iterable as lists of up to `size` records."""
    iterator = iter(records)
    while chunk := list(islice(iterator, size)):
        yield chunk
