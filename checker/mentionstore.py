"""A corpus's mentions left in the stage cache: what a first audit of a large corpus holds instead of the frame.

The MENTIONS frame is about 6 KB a document (24 mentions of 250 bytes each), and gathering it in the audit's
process, from tables the pool's workers sent back, held it twice: at 30,000 articles about 700 MB of the audit's
1.3 GB peak, for a frame that nothing across documents reads. Reconciliation reads the observations; discovery its
candidate tables; the catalog warnings only which units were said; the reports each source's mentions, one source
at a time. So when the pool's workers store every document's mentions in the stage cache (checker.pipeline), they
hand back only each document's count and units, and the mentions stay there: `MentionStore` stands for the frame.

Reading a document's mentions back is `checker.mentions.mention_tables` of its row: a cache hit, or the
grammar run again on a miss (a cache that could not be written, or was emptied meanwhile), so the store always
gives the mentions the frame held. `frame()` is that frame, made the way find_mentions makes it (the API's
`AuditResult.mentions`); `tables(positions)` some documents' encoded tables, for the reports.
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

    def __len__(self) -> int:
        return sum(self.counts)

    def sources(self) -> int:
        """How many documents have a mention: what mentions["source"].nunique() counts."""
        return sum(1 for count in self.counts if count)

    def tables(self, positions) -> list:
        """The encoded mention tables of the documents at `positions` (checker.cache), in that order."""
        from checker.mentions import mention_tables

        return mention_tables(self.documents.iloc[list(positions)], cache_dir=self.cache_dir)

    def frame(self):
        """The MENTIONS frame, as find_mentions makes it of these documents."""
        from checker.cache import frame_of
        from checker.columns import MENTIONS

        return frame_of(self.tables(range(len(self.documents))), MENTIONS)


def mention_frame(mentions):
    """The MENTIONS frame of a frame (itself) or of a store (made now)."""
    return mentions.frame() if isinstance(mentions, MentionStore) else mentions


def mention_units(mentions) -> set[str]:
    """The units the mentions say, lowercased (a frame's or a store's): a corpus's 240,000 mentions say a few dozen."""
    if isinstance(mentions, MentionStore):
        return set(mentions.units)
    if not len(mentions):
        return set()
    return {unit.lower() for unit in mentions["unit"].unique().tolist() if isinstance(unit, str) and unit}


def mention_sources(mentions) -> int:
    """How many documents have a mention (a frame's or a store's)."""
    if isinstance(mentions, MentionStore):
        return mentions.sources()
    return int(mentions["source"].nunique()) if len(mentions) else 0
