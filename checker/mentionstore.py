"""A corpus's mentions left in the stage cache: what a first audit of a large corpus holds instead of the frame.

The MENTIONS frame is about 6 KB a document (24 mentions of 250 bytes each), and gathering it in the audit's
process, from tables the pool's workers sent back, held it twice: at 30,000 articles about 700 MB of the audit's
1.3 GB peak, for a frame that nothing across documents reads. Reconciliation reads the observations; discovery its
candidate tables; the catalog warnings only which units were said; the reports each source's mentions, one source
at a time. So when the pool's workers store every document's mentions in the stage cache (checker.pipeline), they
hand back only each document's count and units, and the mentions stay there: `MentionStore` stands for the frame.

A re-audit, which reads the corpus's frames back from block snapshots (checker.snapshot), holds a store too: the
mentions were the largest part of the snapshots it read (at 30,000 articles its peak was 900 MB against a first
audit's 760), and it reads of them only each document's count and the units.

Reading some documents' mentions back (`part`) reads them from the block snapshots that hold them, as the
re-audit's frame was joined of them (checker.snapshot.joined), or else is `checker.mentions.mention_tables` of
their rows: a cache hit, or the grammar run again on a miss (a cache that could not be written, or was emptied
meanwhile; a snapshot another audit has pruned since), so the store always gives the mentions the frame held.
`frame()` is that frame (the API's `AuditResult.mentions`); `part(positions)` some documents', for the reports.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class MentionStore:
    """The mentions of `documents` (a DOCUMENTS frame), stored under `cache_dir`; `counts`: each document's number
    of mentions, in document order; `units`: the units they say (mention_units)."""
    documents: "object"
    cache_dir: str
    counts: list
    units: frozenset = field(default_factory=frozenset)
    # (each block's (start, stop) positions, its snapshot file): the block snapshots that hold the mentions as well
    blocks: tuple = ((), ())
    # the documents' texts where the audit spilled them (checker.spill), `documents` then without its text column
    texts: "object" = None
    # the blocks last read by `part` (number -> their mention columns): the reports walk the sources in id order,
    # a group of documents at a time, and a block is read once for the groups it holds
    _read: dict = field(default_factory=dict, repr=False, compare=False)

    def __len__(self) -> int:
        return sum(self.counts)

    def sources(self) -> int:
        """How many documents have a mention: what mentions["source"].nunique() counts."""
        return sum(1 for count in self.counts if count)

    def tables(self, positions) -> list:
        """The encoded mention tables of the documents at `positions` (checker.cache), in that order."""
        from checker.mentions import mention_tables

        return mention_tables(self.rows(positions), cache_dir=self.cache_dir)

    def rows(self, positions):
        """The DOCUMENTS rows at `positions`, with their texts."""
        from checker.spill import with_texts

        return with_texts(self.documents.iloc[list(positions)], self.texts)

    def part(self, positions):
        """The MENTIONS frame of the documents at `positions`, their rows in that order, as frame_of makes it of
        their tables (its columns' types may be those of the blocks' documents as well: the values are the same)."""
        from checker.cache import frame_of
        from checker.columns import MENTIONS

        positions = list(positions)
        made = self._from_blocks(positions) if self.blocks[0] else None
        return made if made is not None else frame_of(self.tables(positions), MENTIONS)

    def frame(self):
        """The MENTIONS frame, as find_mentions makes it of these documents."""
        return self.part(range(len(self.documents)))

    def _from_blocks(self, positions: list):
        """part() of the block snapshots, or None where one cannot be read (or its columns joined)."""
        from bisect import bisect_right

        import numpy as np

        from checker import blockfile
        from checker.columns import MENTIONS
        from checker.snapshot import joined

        bounds, paths = self.blocks
        starts = [start for start, _ in bounds]
        numbers = sorted({bisect_right(starts, position) - 1 for position in positions})
        read = []
        for number in numbers:
            block = blockfile.held(self._read, number, lambda: _mentions_of(
                blockfile.read(paths[number], {"mentions": None}, candidates=False)))
            if block is None:
                return None
            read.append(block)
        names = list(MENTIONS)
        if any([column[0] for column in block] != names for block in read):
            return None
        ids = self.documents["source"].tolist()
        rank = {ids[position]: at for at, position in enumerate(positions)}
        # Only the rows of these documents are made into a frame: a block holds 128 documents on average but some
        # hold 700 (its cuts hash the ids), and all of one's rows made into a frame to take 64 documents' were at
        # 30,000 articles 7 to 20 MB for a moment, the peak of the process writing the reports
        at = names.index("source")
        taken = [np.flatnonzero(np.fromiter((source in rank for source in block[at][2].tolist()), dtype=bool,
                                            count=len(block[at][2]))) for block in read]
        frame = joined(read, names, taken)
        if frame is None:
            return None
        places = frame["source"].map(rank)
        order = places.to_numpy().argsort(kind="stable")
        return frame.iloc[order].reset_index(drop=True)


def _mentions_of(block: dict | None):
    return None if block is None else block["mentions"]


def mention_frame(mentions):
    """The MENTIONS frame of a frame (itself) or of a store (made now)."""
    return mentions.frame() if isinstance(mentions, MentionStore) else mentions


def mention_units(mentions) -> set[str]:
    """The units the mentions say, lowercased (a frame's or a store's): a corpus's 240,000 mentions say a few dozen."""
    if isinstance(mentions, MentionStore):
        return set(mentions.units)
    return units_said(mentions["unit"].unique().tolist()) if len(mentions) else set()


def units_said(units) -> set[str]:
    """The units among mentions' `unit` values, lowercased (a missing one is none)."""
    return {unit.lower() for unit in set(units) if isinstance(unit, str) and unit}


def mention_counts(mention_sources, document_sources) -> list[int]:
    """Each document's number of mentions, in document order, from the sources of the mentions."""
    from collections import Counter

    tally = Counter(mention_sources)
    return [tally.get(source, 0) for source in document_sources]


def mention_sources(mentions) -> int:
    """How many documents have a mention (a frame's or a store's)."""
    if isinstance(mentions, MentionStore):
        return mentions.sources()
    return int(mentions["source"].nunique()) if len(mentions) else 0
