"""Which observations contradict a reference: the fact's catalog value or an authoritative source's statement.

The decision for one statement against one reference is checker.intervals.relation (the ONE pairwise
comparison): a reference is compared as a report of the fact's value, so a projection is not held to
it, and for a fact that changes, a statement made at another time is held to it only as the fact's
trend allows. Authoritative statements are the reference, not held to one another here (CK101 does).
"""
from __future__ import annotations

from checker.rules.agreement import RELATION_COLUMNS

# What CK301 reads: relation()'s columns and the reference columns of checker.references.
REFERENCE_RULE_COLUMNS = (*RELATION_COLUMNS, "authority", "ref_low", "ref_high", "ref_as_of_low", "ref_as_of_high")


def contradicting_rows(frame):
    """A boolean Series over `frame`'s index: True where a statement contradicts its fact's reference
    value or a statement of an authoritative source for that fact (another source's)."""
    import math

    import numpy as np
    import pandas as pd

    from checker.intervals import relation

    flags = np.zeros(len(frame), dtype=bool)
    for positions in frame.groupby("fact", sort=False, dropna=True).indices.values():
        group = frame.iloc[positions]
        rows = group.to_dict("records")
        references = [row for row in rows if bool(row["authority"]) and bool(row["assertive"])]
        first = rows[0]
        if not (math.isnan(first["ref_low"]) and math.isnan(first["ref_high"])):
            references.append({**first, "source": None, "modality": "reported", "assertive": True, "moved": True,
                               "cmp_low": _bound(first["ref_low"], -math.inf),
                               "cmp_high": _bound(first["ref_high"], math.inf),
                               "as_of_ord_low": first["ref_as_of_low"], "as_of_ord_high": first["ref_as_of_high"]})
        if not references:
            continue
        for index, row in enumerate(rows):
            if bool(row["authority"]):
                continue
            flags[positions[index]] = any(reference["source"] != row["source"]
                                          and relation(row, reference) == "conflict" for reference in references)
    return pd.Series(flags, index=frame.index)


def _bound(value: float, missing: float) -> float:
    return missing if value != value else float(value)
