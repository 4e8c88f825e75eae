"""Which observations conflict with another source's observation of the same fact.

The decision for one pair is checker.intervals.relation (the ONE pairwise comparison, shared with the
explanations), asked of all rows of a fact at once through checker.involvement, which counts conflicting
pairs from sorted arrays instead of comparing every pair.
"""
from __future__ import annotations

# The columns relation() reads. The CK101 expectation is handed exactly these (its `column_list`), so a
# suite states what the rule looks at; `fact` and `source` are needed to form the pairs.
RELATION_COLUMNS = (
    "fact", "source", "cmp_low", "cmp_high", "as_of_ord_low", "as_of_ord_high",
    "changes", "window_days", "assertive", "moved", "modality", "tally",
)


# digest -> Involvement of the rows CK101 worked out in this process (checker.findings.involvement_digests): the
# findings read the same involvements, and an audit takes them from here rather than working them out again
# (spare_involvements)
_SPARE: dict = {}


def conflicting_rows(frame):
    """A boolean Series over `frame`'s index: True where the row conflicts with at least one row of the
    same fact stated by a different source."""
    import numpy as np
    import pandas as pd

    from checker.findings import involvement_digests
    from checker.involvement import involvement

    flags = np.zeros(len(frame), dtype=bool)
    rows = dict(frame.groupby("fact", sort=False, dropna=True).indices.items())
    for fact, digest in involvement_digests(frame, rows).items():
        found = _SPARE.get(digest)
        if found is None:
            found = _SPARE[digest] = involvement(frame.iloc[rows[fact]])
        flags[rows[fact]] = found.conflict
    return pd.Series(flags, index=frame.index)


def spare_involvements() -> dict:
    """The involvements CK101 worked out in this process since the last call, by digest (then forgotten)."""
    spare = dict(_SPARE)
    _SPARE.clear()
    return spare
