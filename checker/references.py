"""Reference values: what a catalog or a corpus declares right, as columns the rule CK301 reads.

A catalog fact may carry `reference: {value: ..., source: "...", as_of: ...}`: `value` is the
authoritative value (a number, a date, or [low, high]); `source` names where it comes from, and when
that is a document id of the corpus, that document's statements of the fact are authoritative too. A
manifest entry with `authority: true` makes a document authoritative for every fact it states.

`mark` adds checker.columns.REFERENCE_COLUMNS to the reconciled observations; the GX expectation
CK301 (checker.rules) fails the statements that contradict a reference, judged by
checker.intervals.relation like every other comparison. `reference_rows` gives checker.consensus the
same references, to hold the windows they speak for to them.
"""
from __future__ import annotations

import math
from datetime import date

from checker.columns import REFERENCE_COLUMNS


def authorities(documents) -> set[str]:
    """Ids of the documents a manifest marks `authority: true`."""
    if documents is None or "authority" not in getattr(documents, "columns", ()):
        return set()
    return {str(source) for source, flag in zip(documents["source"].tolist(), documents["authority"].tolist())
            if flag is True}


def mark(observations, catalog=None, documents=None):
    """The observations with REFERENCE_COLUMNS (the same rows, in the same order)."""
    frame = observations.copy()
    trusted = authorities(documents)
    facts = {fact.key: fact for fact in catalog.facts} if catalog is not None else {}
    values = {key: comparable_reference(fact) for key, fact in facts.items() if fact.reference is not None}
    named = {key: fact.reference.source for key, fact in facts.items()
             if fact.reference is not None and fact.reference.source}
    fact_column = frame["fact"].tolist() if len(frame) else []
    source_column = [str(s) for s in frame["source"].tolist()] if len(frame) else []
    frame["authority"] = [source in trusted or named.get(fact) == source
                          for fact, source in zip(fact_column, source_column)]
    empty = (math.nan, math.nan, -math.inf, math.inf)
    bounds = [values.get(fact) or empty for fact in fact_column]
    for index, column in enumerate(("ref_low", "ref_high", "ref_as_of_low", "ref_as_of_high")):
        frame[column] = [float(b[index]) for b in bounds]
    if not len(frame):
        for column in REFERENCE_COLUMNS:
            frame[column] = []
    return frame


def ensure_columns(observations):
    """Observations as CK301 reads them: REFERENCE_COLUMNS added (no reference anywhere) when missing."""
    if all(column in observations.columns for column in REFERENCE_COLUMNS):
        return observations
    return mark(observations)


def comparable_reference(fact) -> tuple[float, float, float, float] | None:
    """(low, high, as_of_low, as_of_high) of a fact's reference value on the cmp_* scale, or None."""
    reference = fact.reference
    if reference is None or reference.low is None and reference.high is None:
        return None
    low, high = (_comparable(reference.low, -math.inf), _comparable(reference.high, math.inf))
    as_of_low = _comparable(reference.as_of_low, -math.inf)
    as_of_high = _comparable(reference.as_of_high, math.inf)
    return low, high, as_of_low, as_of_high


def _comparable(value, missing: float) -> float:
    if value is None:
        return missing
    if isinstance(value, str):
        return float(date.fromisoformat(value).toordinal())
    return float(value)


def facts_with_reference(observations) -> set[str]:
    """Facts a reference speaks to: a catalog value, or a statement of an authoritative source."""
    if not len(observations) or "authority" not in observations.columns:
        return set()
    has_value = observations["ref_low"].notna() | observations["ref_high"].notna()
    return {str(f) for f in observations.loc[has_value | observations["authority"].astype(bool), "fact"].unique()}


def reference_rows(observations, catalog=None) -> dict[str, list[dict]]:
    """Per fact, what its statements are held to: the catalog value (as a row relation() can compare),
    then each authoritative statement. Each carries `text`, the words a report shows."""
    from checker.values import prose_interval

    found: dict[str, list[dict]] = {}
    if not len(observations) or "authority" not in observations.columns:
        return found
    facts = {fact.key: fact for fact in catalog.facts} if catalog is not None else {}
    for key, fact in sorted(facts.items()):
        bounds = comparable_reference(fact) if fact.reference is not None else None
        if bounds is None or key not in set(observations["fact"]):
            continue
        unit = fact.units[0] if fact.units else None
        text = prose_interval(fact.reference.low, fact.reference.high, fact.kind, unit)
        if fact.reference.source:
            text += f" ({fact.reference.source})"
        found.setdefault(key, []).append(reference_row(fact, bounds, text, fact.reference.low,
                                                       fact.reference.high, fact.reference.source))
    columns = ("fact", "source", "value_text", "low", "high", "cmp_low", "cmp_high", "as_of_ord_low",
               "as_of_ord_high", "assertive", "modality", "changes", "window_days", "moved", "observation")
    rows = observations.loc[observations["authority"].astype(bool), list(columns)]
    for row in sorted(rows.to_dict("records"), key=lambda r: r["observation"]):
        if not row["assertive"]:
            continue
        row["text"] = f"\"{row['value_text']}\" ({row['source']}, authoritative)"
        found.setdefault(str(row["fact"]), []).append(row)
    return found


def reference_row(fact, bounds, text: str, low=None, high=None, source=None) -> dict:
    """A catalog reference value as a statement relation() can compare: a report of the fact's value."""
    return {"cmp_low": bounds[0], "cmp_high": bounds[1], "as_of_ord_low": bounds[2], "as_of_ord_high": bounds[3],
            "assertive": True, "modality": "reported", "moved": True, "changes": fact.changes,
            "window_days": fact.window_days, "source": source, "low": low, "high": high, "text": text}
