"""Which observations conflict with another source's observation of the same fact.

The decision for one pair is checker.intervals.relation (the ONE pairwise comparison, shared with the
explanations); this module only chooses which pairs to ask about, so the CK101 expectation stays fast.
"""
from __future__ import annotations

# The columns relation() reads. The CK101 expectation is handed exactly these (its `column_list`), so a
# suite states what the rule looks at; `fact` and `source` are needed to form the pairs.
RELATION_COLUMNS = (
    "fact", "source", "cmp_low", "cmp_high", "as_of_ord_low", "as_of_ord_high",
    "changes", "window_days", "assertive",
)


def conflicting_rows(frame):
    """A boolean Series over `frame`'s index: True where the row conflicts with at least one row of the
    same fact stated by a different source."""
    import numpy as np
    import pandas as pd

    from checker.intervals import relation

    flags = np.zeros(len(frame), dtype=bool)
    for positions in frame.groupby("fact", sort=False, dropna=True).indices.values():
        group = frame.iloc[positions]
        sources = group["source"].to_numpy()
        if len(set(sources)) < 2:
            continue
        low = pd.to_numeric(group["cmp_low"], errors="coerce").fillna(-np.inf).to_numpy(dtype=float)
        high = pd.to_numeric(group["cmp_high"], errors="coerce").fillna(np.inf).to_numpy(dtype=float)
        # relation() never calls overlapping intervals a conflict, so only pairs that are apart (or just
        # touch, leaving the boundary to relation) are asked about: a speed-up, not a second rule.
        apart = (high[:, None] <= low[None, :]) | (high[None, :] <= low[:, None])
        candidates = np.triu(apart & (sources[:, None] != sources[None, :]), k=1)
        first, second = np.nonzero(candidates)
        if not len(first):
            continue
        rows = group.to_dict("records")
        for i, j in zip(first.tolist(), second.tolist()):
            if relation(rows[i], rows[j]) == "conflict":
                flags[positions[i]] = flags[positions[j]] = True
    return pd.Series(flags, index=frame.index)
