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


def conflicting_rows(frame):
    """A boolean Series over `frame`'s index: True where the row conflicts with at least one row of the
    same fact stated by a different source."""
    import numpy as np
    import pandas as pd

    from checker.involvement import involvement

    flags = np.zeros(len(frame), dtype=bool)
    for positions in frame.groupby("fact", sort=False, dropna=True).indices.values():
        flags[positions] = involvement(frame.iloc[positions]).conflict
    return pd.Series(flags, index=frame.index)
