"""A corpus's discovery candidates left in the block snapshots: what a first audit of a large corpus holds instead of
the tables.

Each document's candidate table (checker.discovery.candidate_tables) is about 3 KB of text. A first audit's pool
workers wrote every one of them into the block snapshots (checker.snapshot), and sent them back as well: the audit
held them (some 90 MB of text, 165 MB as Python texts at 30,000 articles) until grouping, whose process, forked
with them, started that much larger. Of them the audit reads each document's shapes (what the grouping's memo is
kept under) and, after grouping, the rows of the facts' statements; grouping reads some twenty columns of every
row. So the workers send back each document's shape column alone, and `CandidateStore` reads the rest from the
snapshots when asked: a block at a time, as the grouping's process reads its columns (checker.discovery).

A block that cannot be read (another audit pruned it meanwhile) is made again from its documents (`remake`, the
per-document stages: cache hits) in the audit's process; in a process that has no documents (the grouping's, forked
before they were read), it raises `Unreadable`, and the audit groups in its own process.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from checker.blockfile import held


class Unreadable(Exception):
    """A block snapshot that cannot be read where no `remake` is at hand."""


@dataclass
class CandidateStore:
    """The candidate tables of a corpus's documents, in document order: `shapes`, each document's shape column's
    text ('' for a document without candidates); `blocks`, (each block's (start, stop) positions, its snapshot
    file); `remake(start, stop)`, the tables of the documents at those positions made again (None: Unreadable)."""
    shapes: list
    blocks: tuple
    remake: object = field(default=None, repr=False, compare=False)
    _read: dict = field(default_factory=dict, repr=False, compare=False)   # the blocks last read: number -> tables
    _starts: list = field(default_factory=list, repr=False, compare=False)

    def __len__(self) -> int:
        return len(self.shapes)

    def __getstate__(self) -> dict:
        # what travels to the grouping's process: where the tables are, not how to make them again
        return {"shapes": [], "blocks": self.blocks, "remake": None, "_read": {}, "_starts": []}

    def table(self, position: int) -> str:
        """The document's candidate table (its columns joined by checker.cache.SEPARATOR)."""
        if not self._starts:
            self._starts = [start for start, _ in self.blocks[0]]
        number = bisect_right(self._starts, position) - 1
        return held(self._read, number, lambda: self._block(number))[position - self.blocks[0][number][0]]

    def tables_by_block(self, positions: list[int]):
        """For each block that holds documents at `positions`: (their places in `positions`, their tables as lists of
        column texts), each block read once and let go when the next is read."""
        from checker.cache import SEPARATOR

        rank = {position: at for at, position in enumerate(positions)}
        for number, (start, stop) in enumerate(self.blocks[0]):
            places = [(position, rank[position]) for position in range(start, stop) if position in rank]
            if not places:
                continue
            tables = self._read.get(number) or self._block(number)
            yield [at for _, at in places], [tables[position - start].split(SEPARATOR) for position, _ in places]

    def _block(self, number: int) -> list[str]:
        from checker import blockfile
        from checker.cache import SEPARATOR

        start, stop = self.blocks[0][number]
        block = blockfile.read(self.blocks[1][number], {}, candidates=True)
        if block is not None and len(block["candidates"]) == stop - start:
            return block["candidates"]
        if self.remake is None:
            raise Unreadable(str(self.blocks[1][number]))
        return [SEPARATOR.join(table) for table in self.remake(start, stop)]

