"""Which observations conflict with another source's observation of the same fact.

The decision for one pair is checker.intervals.relation (the ONE pairwise comparison, shared with the
explanations), asked of all pairs of a fact at once through its vectorised twin relation_codes.
"""
from __future__ import annotations

# The columns relation() reads. The CK101 expectation is handed exactly these (its `column_list`), so a
# suite states what the rule looks at; `fact` and `source` are needed to form the pairs.
RELATION_COLUMNS = (
    "fact", "source", "cmp_low", "cmp_high", "as_of_ord_low", "as_of_ord_high",
    "changes", "window_days", "assertive", "moved", "modality",
)


def conflicting_rows(frame):
    """A boolean Series over `frame`'s index: True where the row conflicts with at least one row of the
    same fact stated by a different source."""
    import numpy as np
    import pandas as pd

    from checker.intervals import RELATIONS, relation_codes

    flags = np.zeros(len(frame), dtype=bool)
    conflict = RELATIONS.index("conflict")
    for positions in frame.groupby("fact", sort=False, dropna=True).indices.values():
        group = frame.iloc[positions]
        # As integers: comparing n x n source strings cost as much as relation_codes itself.
        sources = pd.factorize(group["source"])[0]
        if len(set(sources)) < 2:
            continue
        # Each pair once (i < j), as relation(row i, row j), and only across sources.
        pairs = np.triu((relation_codes(group) == conflict) & (sources[:, None] != sources[None, :]), k=1)
        flags[positions] = pairs.any(axis=1) | pairs.any(axis=0)
    return pd.Series(flags, index=frame.index)
