"""Findings: what the audit concludes per fact, built once for every formatter.

Discrepancies come only from Great Expectations: every failed expectation's failing rows
become a `conflict` finding per fact, with the expectation's code, name and severity.
For facts the rules passed, checker.intervals.relation explains why differing values are
no contradiction (`change_over_time`, `modality_only`), or says they are `consistent`,
or that only one source speaks (`single_source`).
"""
from __future__ import annotations

import functools
import hashlib

from checker.columns import FINDINGS, OBSERVATIONS, require
from checker.involvement import involvement
from checker.rules import UNREAD_COLUMNS
from checker.sharedkeys import maker
from checker.values import prose_interval

STATUS_ORDER = ("conflict", "implausible", "resolved_by_correction", "change_over_time", "modality_only", "consistent",
                "single_source")
# A value outside a fact's plausible range (CK201) is most often a value bound to the wrong fact: its own
# status, never a conflict.
IMPLAUSIBLE_CODES = ("CK201",)
REFERENCE_CODE = "CK301"   # a statement against the fact's reference: a conflict, listed first
ROWS_AT_ONCE = 2048   # rows _records takes of the columns at once
# The observation columns findings read (messages, explanations, ordering).
ROW_COLUMNS = ("observation", "fact", "source", "value_text", "phrase", "low", "high", "kind", "unit", "as_of",
               "as_of_ord_low", "modality", "assertive", "cmp_low", "cmp_high", "changes")


def involvements(observations, memo=None, spare: dict | None = None) -> dict:
    """fact -> checker.involvement of its rows (in frame order): what build_findings explains facts with. With
    `memo` (checker.factmemo.Memo), a fact whose rows are those of an audit before takes its involvement back;
    `spare`: involvements worked out already for rows of these digests (involvement_digests), as the agreement
    rule CK101 works them out (checker.rules.agreement.spare_involvements)."""
    from checker import factmemo
    from checker.involvement import Involvement

    rows = factmemo.fact_rows(observations)
    digests = involvement_digests(observations, rows) if memo is not None or spare else {}
    involved = {}
    for fact, positions in rows.items():
        kept = memo.get(digests[fact]) if memo is not None else None
        flags = [factmemo.unpacked(kept.get(name), len(positions)) for name in _INVOLVED] \
            if isinstance(kept, dict) else [None]
        if all(flag is not None for flag in flags):
            involved[fact] = Involvement(*flags)
            continue
        found = (spare or {}).get(digests.get(fact))
        involved[fact] = found if found is not None else involvement(observations.iloc[positions])
        if memo is not None:
            memo.put(digests[fact], {name: factmemo.packed(getattr(involved[fact], name)) for name in _INVOLVED})
    return involved


def involvement_digests(frame, rows: dict) -> dict[str, str]:
    """fact -> digest of its rows (`rows`: fact -> positions) in the columns checker.involvement reads: equal
    digests, equal involvements (checker.factmemo.fact_digests: the values with their types, and the code)."""
    from checker import factmemo
    from checker.rules.agreement import RELATION_COLUMNS

    return factmemo.fact_digests(frame, RELATION_COLUMNS, rows, salt="involvement")


_INVOLVED = ("conflict", "change", "modality")   # Involvement's fields


def build_findings(observations, rule_results: list[dict], catalog=None, involved: dict | None = None,
                   position: dict | None = None):
    """The findings of the rules' results; `involved`: involvements(observations), `position`: each statement's id
    -> its row in `observations`, when worked out already."""
    import pandas as pd

    require(observations, {name: "" for name in OBSERVATIONS if name not in UNREAD_COLUMNS}, "build_findings")
    # say every value of a fact in the fact's own unit: "30 members", not "30 nations"
    units = {fact.key: fact.units[0] for fact in catalog.facts if fact.units} if catalog is not None else {}
    # Each fact's rows are made when its findings are, fact by fact, not every statement's at once: at 30,000
    # articles those were 30 MB held at the audit's peak. The findings are sorted last, so made in this order they
    # are the same (a fact's failing results in the order of the rules' results, as before).
    if position is None:
        position = {observation: at for at, observation in enumerate(observations["observation"].tolist())}
    fact_of = observations["fact"].tolist()
    labels = {fact.key: fact.label for fact in catalog.facts} if catalog is not None else {}
    findings: list[dict] = []
    implausible_ids = {i for result in rule_results if not result["success"]
                       and result.get("code") in IMPLAUSIBLE_CODES for i in result["observations"]}
    failing: dict[str, list[tuple[dict, list[str]]]] = {}   # fact -> (a failing result, its ids of the fact)
    for result in rule_results:
        if result["success"]:
            continue
        of_result: dict[str, list[str]] = {}
        for observation_id in result["observations"]:
            if observation_id in position:
                of_result.setdefault(fact_of[position[observation_id]], []).append(observation_id)
        for fact, ids in of_result.items():
            failing.setdefault(fact, []).append((result, ids))
    if involved is None:
        involved = involvements(observations)
    arrays = {column: _cells(observations[column]) for column in ROW_COLUMNS}
    for fact, positions in sorted(observations.groupby("fact", sort=False).indices.items()):
        rows = _records(arrays, ROW_COLUMNS, units, positions)
        label = labels.get(fact, fact)
        conflicted = _failed(fact, label, rows, failing.get(fact, []), implausible_ids, observations, position,
                             catalog, findings)
        findings.extend(_explain(fact, label, rows, involved[fact], conflicted))
    order = {status: index for index, status in enumerate(STATUS_ORDER)}
    # A fact's conflict with its reference comes before its sources' disagreement with one another.
    findings.sort(key=lambda f: (order[f["status"]], f["fact"], f.get("reference") is None, f["finding"]))
    return pd.DataFrame(findings, columns=[*FINDINGS, "explanation", "reference"])


def _failed(fact: str, label: str, rows: list[dict], failing: list, implausible_ids: set, observations, position,
            catalog, findings: list) -> bool:
    """The findings of the rules' results that failed on `fact` (`failing`: (result, its ids of the fact), in the
    rules' order), added to `findings`; whether one is a conflict. `rows`: the fact's rows."""
    by_id = {row["observation"]: row for row in rows}
    conflicted = False
    for result, ids in failing:
        members = [by_id[i] for i in sorted(ids)]
        if result.get("code") in IMPLAUSIBLE_CODES:
            findings.append(_finding("implausible", fact, members, result["severity"], _rule(result),
                                     _conflict_message(label, members, result)
                                     .rstrip(".") + "; probably a value bound to the wrong fact.",
                                     "A value outside the fact's plausible range: check the catalog "
                                     "(`checker explain`) before reading it as a discrepancy."))
            continue
        if implausible_ids & set(ids) and result.get("code") != REFERENCE_CODE:
            # A value outside the plausible range is reported on its own (above), probably misbound: it is
            # no side of a conflict. What disagrees without it, pair by pair as the rule judged, remains.
            members = _still_conflicting([m for m in members if m["observation"] not in implausible_ids],
                                         observations, position)
            if not members:
                continue
        conflicted = True
        if result.get("code") == REFERENCE_CODE:
            findings.append(_reference_conflict(fact, label, members, result, observations, catalog))
            continue
        findings.append(_finding("conflict", fact, members, result["severity"], _rule(result),
                                 _conflict_message(label, members, result)))
    return conflicted


def _still_conflicting(members: list[dict], observations, position: dict) -> list[dict]:
    """The members that conflict (checker.intervals.relation) with a member of another source: counted by
    checker.involvement, never asked pair by pair (a conflict of 8,000 statements with one implausible value among
    them was 64 million questions: minutes). `position`: each observation's row in `observations` (taken from
    there: indexed by id, the frame was copied whole, 25 MB at 30,000 articles)."""
    from checker.involvement import involvement

    rows = observations.take([position[m["observation"]] for m in members])
    return [m for m, conflicts in zip(members, involvement(rows).conflict.tolist()) if conflicts]


def _reference_conflict(fact, label, members, result, observations, catalog) -> dict:
    """A CK301 failure: the statements that contradict the fact's reference, which the message names."""
    from checker.references import reference_rows

    said = "; ".join(dict.fromkeys(ref["text"] for ref in reference_rows(observations, catalog).get(fact, [])))
    said = said or "the reference"
    values = "; ".join(f"\"{r['phrase']}\" = {_value(r)} ({r['source']}, as of {_as_of(r)})" for r in members)
    return _finding("conflict", fact, members, result["severity"], _rule(result),
                    f"Contradicts the reference for {label}, {said}: {values}.",
                    "The reference (a catalog value or an authoritative source) excludes these values.",
                    reference=said)


def _records(arrays: dict, columns: tuple, units: dict, positions) -> list[dict]:
    """The rows at `positions` of the columns' `arrays` (each _cells' of a column: a take of the Series costs fifteen
    times as much) as dicts of `columns` only, and `display_unit`: the unit of its fact in `units`, else its own.
    Zipped column lists: to_dict("records") boxes every cell of every column, which was most of this stage on a
    large corpus. The dicts share one table of keys (checker.sharedkeys): each with its own, the rows of 75,000
    statements (30,000 articles) took 35 MB, so 18. The columns are taken ROWS_AT_ONCE rows at a time: taken whole,
    their lists were held beside the rows they made (at 30,000 articles 7 MB for a fact of 25,000 statements, at the
    peak of the process that makes the findings)."""
    make = maker((*columns, "display_unit"))
    at_fact, at_unit = columns.index("fact"), columns.index("unit")
    rows = []
    for first in range(0, len(positions), ROWS_AT_ONCE):
        part = positions[first:first + ROWS_AT_ONCE]
        values = [_taken(arrays[column], part) for column in columns]
        rows += [make((*row, units.get(row[at_fact], row[at_unit]))) for row in zip(*values)]
    return rows


def _cells(series):
    """A column as _records takes its rows: a NumPy array of the very cells the Series' array iterates over (NumPy
    scalars, the texts and NaN of a text column), where it has one; else the Series' array. Taken from the array's
    own iteration, a cell at a time through pandas, the rows of a fact were most of the findings' time (at 10,000
    articles a tenth of a second of the rules' process after each edit, which the audit waits for)."""
    import numpy as np
    import pandas as pd

    dtype = series.dtype
    if isinstance(dtype, np.dtype) or (isinstance(dtype, pd.StringDtype) and dtype.storage == "python"):
        return series.to_numpy()
    return series.array


def _taken(cells, positions) -> list:
    """The cells at `positions` (_cells') as a list."""
    import numpy as np

    return list(cells[positions]) if isinstance(cells, np.ndarray) else cells.take(positions).tolist()


def _explain(fact: str, label: str, members: list[dict], involved, has_conflict: bool) -> list[dict]:
    """`involved` is checker.involvement of `members`: which rows change, or differ in modality, with a row
    of another source."""
    changed = {members[i]["observation"]: members[i] for i in involved.change.nonzero()[0].tolist()}
    projected = {members[i]["observation"]: members[i] for i in involved.modality.nonzero()[0].tolist()}
    rule = "CK101 agreement.cross_source"
    found = []

    def _once(group: list[dict]) -> list[dict]:
        # A headline and a body that repeat a figure are one statement to read (the finding lists both).
        first: dict[tuple, dict] = {}
        for r in group:
            first.setdefault((r["source"], r["modality"], r["cmp_low"], r["cmp_high"]), r)
        return list(first.values())

    if changed:
        # One day's statements of a fact that grows run from the lowest (a tally that grew that day), of one that
        # falls from the highest.
        sign = -1.0 if members[0]["changes"] == "decreasing" else 1.0
        group = sorted(changed.values(), key=lambda r: (r["as_of_ord_low"], sign * r["cmp_low"], r["observation"]))
        steps = " → ".join(_steps(group))
        found.append(_finding("change_over_time", fact, group, "info", rule,
                              f"{label} changes over time: {steps}; a change, not a contradiction.",
                              "Different values at different as-of dates, in a direction the fact allows."))
    corrected = {key: row for key, row in projected.items() if row["modality"] == "corrected"}
    if corrected:
        # A correction withdrew a figure: the sources agree once it is set aside (the rows it differed from
        # are the ones listed beside it).
        projected = {key: row for key, row in projected.items()
                     if key not in corrected and (not row["assertive"] or _differs_from_any(row, corrected))}
        group = sorted([*corrected.values(), *[r for r in members if r["assertive"]
                                               and _differs_from_any(r, corrected)]], key=lambda r: r["observation"])
        said = "; ".join(f"\"{r['value_text']}\" ({r['source']})" for r in _once(group)
                         if r["modality"] == "corrected")
        found.append(_finding("resolved_by_correction", fact, group, "info", rule,
                              f"{label}: {said} was corrected; with it set aside the sources agree.",
                              "A value its own source withdrew in a correction is not a contradiction."))
        if not any(not r["assertive"] for r in projected.values()):
            projected = {}
    if projected:
        group = sorted(projected.values(), key=lambda r: r["observation"])
        said = "; ".join(f"\"{r['value_text']}\" is {r['modality']} ({r['source']})"
                         for r in _once(group) if not r["assertive"])
        found.append(_finding("modality_only", fact, group, "info", rule,
                              f"{label}: {said}; not contradicted by reported values.",
                              "A projection, plan or denial is not a report of the current value."))
    if not found and not has_conflict:
        sources = {r["source"] for r in members}
        group = sorted(members, key=lambda r: r["observation"])
        if len(sources) > 1:
            found.append(_finding("consistent", fact, group, "info", rule,
                                  f"{len(sources)} sources agree on {label}: "
                                  + ", ".join(sorted({_value(r) for r in group})) + ".", ""))
        else:
            found.append(_finding("single_source", fact, group, "info", rule,
                                  f"Only {next(iter(sources))} states {label}: "
                                  + ", ".join(sorted({_value(r) for r in group})) + ".", ""))
    return found


def _differs_from_any(row: dict, corrected: dict) -> bool:
    """Whether a statement's value lies outside every withdrawn one (it is what the correction gave)."""
    return all(row["cmp_high"] < other["cmp_low"] or other["cmp_high"] < row["cmp_low"] for other in corrected.values())


def _steps(group: list[dict]) -> list[str]:
    """ "30 members (2021-12-17 to 2022-01-12, 4 statements)": runs of one value told as one step."""
    runs: list[tuple[str, list[dict]]] = []
    for row in group:
        value = _value(row)  # once per row: formatting is the costly part for a fact stated thousands of times
        if runs and runs[-1][0] == value:
            runs[-1][1].append(row)
        else:
            runs.append((value, [row]))
    steps = []
    for value, run in runs:
        first, last = _as_of(run[0]), _as_of(run[-1])
        when = f"as of {first}" if first == last else f"as of {first} to {last}"
        count = f", {len(run)} statements" if len(run) > 1 else f", {run[0]['source']}"
        steps.append(f"{value} ({when}{count})")
    return steps


def _rule(result: dict) -> str:
    return f"{result['code']} {result['name']}".strip()


def _conflict_message(label: str, members: list[dict], result: dict) -> str:
    if result.get("code") != "CK101":
        values = "; ".join(f"\"{r['value_text']}\" ({r['source']})" for r in members)
        reason = (result.get("message") or f"fails {_rule(result)}").rstrip(".")
        return f"{label}: {values}: {reason}."
    parts = [f"\"{r['phrase']}\" = {_value(r)} ({r['source']}, as of {_as_of(r)})" for r in members]
    return f"Sources disagree on {label}: " + " vs ".join(parts) + "."


def _as_of(row: dict) -> str:
    value = row.get("as_of")
    return "an unknown date" if value is None or value != value else str(value)


def _value(row: dict) -> str:
    return _prose(row["low"], row["high"], row["kind"], row.get("display_unit", row.get("unit")))


# A fact stated thousands of times has few distinct values; typed, so 12 and 12.0 stay apart.
_prose = functools.lru_cache(maxsize=4096, typed=True)(prose_interval)


def _finding(status, fact, members, severity, rule, message, explanation="", reference=None):
    content = "\n".join(sorted(f"{r['source']}|{r['value_text']}" for r in members))
    if reference is not None:  # a conflict with the reference and one among the same sources are two findings
        content += "\nreference"
    digest = hashlib.sha1(content.encode("utf-8")).hexdigest()[:8]
    return {"finding": f"{status}:{fact}:{digest}", "fact": fact, "status": status, "severity": severity,
            "observations": [r["observation"] for r in members], "rule": rule, "message": message,
            "explanation": explanation, "reference": reference}
