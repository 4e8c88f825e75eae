"""Run loaded GX suites on the observations table and turn GX's results into plain rule-result dicts."""
from __future__ import annotations

import json
import re

from checker.errors import CheckerError

# GX names the failing rows by their index labels, which run_suites maps to observation ids. Asking GX
# for an id column instead (unexpected_index_column_names) costs a column-name search per failing row,
# and without exclude_unexpected_values a dict of every domain column per failing row: either was most
# of a cached re-audit of a large corpus.
RESULT_FORMAT = {"result_format": "COMPLETE", "exclude_unexpected_values": True}


# The expectations whose failing rows among one fact's rows depend on that fact's rows alone: checker's agreement
# (CK101) and reference (CK301) rules compare rows of the same fact only, and a value's range (CK201, GX's own
# expect_column_values_to_be_between) is row by row. With none but these in the suites (and no `mostly`, under
# which success counts rows), a fact's failing rows are GX's answer for its rows, kept per fact (checker.factmemo).
PER_FACT = ("expect_observations_to_agree_across_sources", "expect_observations_to_agree_with_reference",
            "expect_column_values_to_be_between")


def run_suites(observations, suites, memo=None) -> list[dict]:
    """One rule result per expectation of `suites`, in suite order. With `memo` (checker.factmemo.Memo) and suites
    of PER_FACT expectations only, GX validates the rows of the facts whose rows differ from every audit kept, and
    each other fact's failing rows are those GX found for the very same rows before."""
    if len(observations) == 0:
        # GX's metrics are not defined on an empty table; with no rows, nothing can fail.
        return [rule_result(loaded, index, expectation, success=True, failing=[])
                for loaded in suites for index, expectation in enumerate(loaded.suite.expectations)]
    observations = observations.reset_index(drop=True)  # index label == position, for the failing rows
    read = columns_read(observations, suites)
    listed = [(loaded, index, expectation) for loaded in suites for index, expectation in
              enumerate(loaded.suite.expectations)]
    for loaded, index, expectation in listed:   # GX does not report results in suite order: an id maps each back
        expectation.id = f"{loaded.name}#{index}"
    if memo is None or not _per_fact(observations, listed):
        outcomes = _validated(observations, listed, read)
        return [rule_result(loaded, index, expectation, success=outcomes[expectation.id][0],
                            failing=outcomes[expectation.id][1]) for loaded, index, expectation in listed]
    return _per_fact_results(observations, suites, read, listed, memo)


def _per_fact(observations, listed) -> bool:
    """Whether every expectation is PER_FACT (no `mostly` below 1), every row has a fact and names one statement."""
    return bool(listed) and all(str(expectation.expectation_type) in PER_FACT
                                and expectation.configuration.kwargs.get("mostly") in (None, 1, 1.0)
                                for _, _, expectation in listed) and not observations["fact"].isna().any() \
        and observations["observation"].astype(str).is_unique


def _per_fact_results(observations, suites, read, listed, memo) -> list[dict]:
    """run_suites's results, each fact's failing rows per expectation taken from `memo` when kept for its rows and
    found by GX on the rows of the other facts otherwise. A fact's failing rows are kept as positions among its
    rows, and its digest covers only the columns its expectations read (not the ids, which an edit above a
    statement in its document moves)."""
    import hashlib

    import great_expectations as gx

    from checker import factmemo

    rows = factmemo.fact_rows(observations)
    digests = factmemo.fact_digests(observations, _columns_checked(observations, listed), rows,
                                    salt=f"rules {gx.__version__}")
    configured = {expectation.id: json.dumps(plain(expectation.configuration.to_json_dict()), sort_keys=True)
                  for _, _, expectation in listed}
    keys = {(expectation.id, fact): hashlib.sha256(f"{digest}\0{configured[expectation.id]}".encode()).hexdigest()
            for _, _, expectation in listed for fact, digest in digests.items()}
    kept = {pair: _positions(memo.get(key), len(rows[pair[1]])) for pair, key in keys.items()}
    missed = sorted({fact for (_, fact), failing in kept.items() if failing is None})
    ids = observations["observation"].to_numpy(dtype=object)
    if missed:
        part = observations[observations["fact"].isin(missed)]
        at = {}   # observation id -> (its fact, its position among the fact's rows)
        for fact in missed:
            at.update((str(identifier), (fact, position))
                      for position, identifier in enumerate(ids[rows[fact]].tolist()))
        # An expectation whose row condition selects none of these facts (a catalog's range for another fact) selects
        # no row of them: none fails, and GX is not asked (its metrics for each were most of validating one edited
        # fact beside a catalog's ranges)
        outcomes = _validated(part, [item for item in listed if _may_select(item[2], missed)], read)
        outcomes.update({expectation.id: (True, []) for _, _, expectation in listed if expectation.id not in outcomes})
        for expectation_id, (_, failing) in outcomes.items():
            found: dict = {fact: [] for fact in missed}
            for observation_id in failing:
                fact, position = at[observation_id]
                found[fact].append(position)
            for fact, positions in found.items():
                kept[expectation_id, fact] = sorted(positions)
                memo.put(keys[expectation_id, fact], kept[expectation_id, fact])
    results = []
    for loaded, index, expectation in listed:
        failing = sorted(str(ids[rows[fact][position]]) for fact in rows for position in kept[expectation.id, fact])
        results.append(rule_result(loaded, index, expectation, success=not failing, failing=failing))
    return results


def _columns_checked(observations, listed) -> list[str]:
    """The columns PER_FACT expectations read: their `column_list` or `column`, `fact`, and any column named in a
    row condition."""
    named = {"fact"}
    for _, _, expectation in listed:
        kwargs = expectation.configuration.kwargs
        named.update(str(column) for column in kwargs.get("column_list") or [])
        if kwargs.get("column") is not None:
            named.add(str(kwargs["column"]))
        named.update(_condition_columns(plain(kwargs.get("row_condition")), observations.columns))
    return [column for column in observations.columns if str(column) in named]


def _condition_columns(condition, columns) -> set[str]:
    """The columns a row condition reads: each comparison's {"column": {"name": ...}} (in and/or conditions too,
    and a parameter that names a column); in a condition given as text (a pandas query), every column whose name
    occurs in it. A comparison's parameter values (facts' keys) are values, not columns."""
    if isinstance(condition, str):
        return {str(column) for column in columns if str(column) in condition}
    if isinstance(condition, list):
        return set().union(set(), *(_condition_columns(item, columns) for item in condition))
    if not isinstance(condition, dict):
        return set()
    named = set()
    for key, value in condition.items():
        if key == "name" and isinstance(value, str):
            named.add(value)
        elif key in ("type", "operator"):
            continue
        elif key == "parameter":
            items = value if isinstance(value, list) else [value]
            named |= _condition_columns([item for item in items if isinstance(item, dict)], columns)
        else:
            named |= _condition_columns(value, columns)
    return named


def _positions(value, count: int) -> list[int] | None:
    """A kept value as positions among a fact's `count` rows, or None (not kept, or not such a list)."""
    if not isinstance(value, list) or not all(type(item) is int and 0 <= item < count for item in value):
        return None
    return value


def _may_select(expectation, facts: list[str]) -> bool:
    """Whether the expectation's row condition may select a row of `facts` (no condition, or one not of the
    form `fact == key` / `fact IN [...]`: it may)."""
    from checker.rules.suites import facts_selected

    selected = facts_selected(expectation.configuration.kwargs.get("row_condition"))
    return selected is None or not selected.isdisjoint(facts)


def _validated(observations, listed, read) -> dict:
    """expectation id -> (success, failing observation ids) of each expectation of `listed` ((suite, index,
    expectation) triples), validated by GX on `observations` (the frame's index labels are its positions after a
    reset); none asked, none validated."""
    if not listed:
        return {}
    observations = observations.reset_index(drop=True)
    ids = [str(value) for value in observations["observation"].tolist()]
    batch = observation_batch(observations[read])
    outcome = batch.validate(_one_suite(listed), result_format=RESULT_FORMAT)
    by_id = {result.expectation_config.id: result for result in outcome.results}
    outcomes = {}
    for loaded, index, expectation in listed:
        result = by_id.get(expectation.id)
        if result is None:
            raise CheckerError(f"expectation {index} ({expectation.expectation_type}) was not run by GX",
                               path=loaded.path)
        message = raised_exception(result.exception_info)
        if message is not None:
            raise CheckerError(f"expectation {index} ({expectation.expectation_type}) could not run: "
                               f"{message}", path=loaded.path)
        outcomes[expectation.id] = (bool(result.success), failing_observations(result.result or {}, ids))
    return outcomes


def _one_suite(listed):
    """The expectations of `listed` ((suite, index, expectation) triples) in one suite, each a copy under its own
    id (run_suites numbers them), so GX validates them in one call: each call builds a validation graph and
    metrics shared by its expectations (the table's columns, its row count) again, which for the three built-in
    suites was a third of validating the facts an edit changed. Each expectation keeps its own configuration and
    severity, and results are mapped back by id, so the results are those of one call per suite."""
    import copy

    import great_expectations as gx

    expectations = []
    for _, _, expectation in listed:
        alone = copy.copy(expectation)   # with no id: a suite takes no other suite's expectation
        expectations.append((alone, expectation.id))
    suite = gx.ExpectationSuite(name="checker_validation", expectations=[alone for alone, _ in expectations])
    for alone, identifier in expectations:
        alone.id = identifier
    return suite


def columns_read(observations, suites) -> list[str]:
    """The observation columns the suites' expectations can read: every column whose name occurs anywhere in one
    of their configurations (kwargs, row conditions, meta), and `fact`; all of them when an expectation looks at
    the table as a whole (expect_table_*: its columns, its shape). GX fingerprints the frame it is given and
    copies it for each row condition: the mentions' columns (quotes, ids) no rule reads were a third of the
    rules' time at 10,000 articles. A failing row is named by its index, the same in the narrower frame."""
    texts = []
    for loaded in suites:
        for expectation in loaded.suite.expectations:
            if str(expectation.expectation_type).startswith("expect_table_"):
                return list(observations.columns)
            texts.append(json.dumps(expectation.configuration.to_json_dict(), default=_to_json))
    said = "\n".join(texts)
    return [column for column in observations.columns if column == "fact" or str(column) in said]


def observation_batch(observations):
    """One ephemeral GX context, silent (no analytics, no progress bars), holding the observations."""
    import checker.rules.expectations  # noqa: F401  first: it quiets GX before GX is imported
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    asset = context.data_sources.add_pandas("checker").add_dataframe_asset("observations")
    definition = asset.add_batch_definition_whole_dataframe("all")
    return definition.get_batch(batch_parameters={"dataframe": observations})


def raised_exception(info) -> str | None:
    """GX's exception_info is either one {"raised_exception", "exception_message"} or a dict of them per metric."""
    if not isinstance(info, dict):
        return None
    entries = [info] if "raised_exception" in info else [entry for entry in info.values() if isinstance(entry, dict)]
    messages = sorted({" ".join(str(entry.get("exception_message") or "").split())
                       for entry in entries if entry.get("raised_exception")})
    return "; ".join(messages) if messages else None


def failing_observations(result: dict, ids: list[str]) -> list[str]:
    """The observation ids of the failing rows; `ids` is the observation column by position."""
    return sorted({ids[int(label)] for label in result.get("unexpected_index_list") or []})


def rule_result(loaded, index: int, expectation, *, success: bool, failing: list[str]) -> dict:
    from checker.rules.expectations import RULES

    meta = dict(expectation.meta or {})
    kind = expectation.expectation_type
    kwargs = expectation.configuration.kwargs
    rule = RULES.get(meta.get("code"))
    if rule is not None:
        message = rule.message_for(kwargs, meta)
    else:  # a user's own rule: its meta or GX description says what it means
        message = meta.get("message") or expectation.description or kind
    severity = getattr(expectation.severity, "value", expectation.severity) or "critical"
    return {
        "expectation": kind,
        "code": meta.get("code"),
        "name": meta.get("name"),
        "severity": str(severity),
        "success": success,
        "fact": meta.get("fact") or fact_of_condition(kwargs.get("row_condition")),
        "observations": failing,
        "message": message,
        "kwargs": plain(kwargs),
        "suite": loaded.name,
        "index": index,
    }


def fact_of_condition(condition) -> str | None:
    """The fact a structured row condition `fact == "key"` selects, so a hand-written rule needs no meta.fact."""
    if condition is None:
        return None
    data = plain(condition)
    if isinstance(data, dict) and data.get("type") == "pass_through":
        data = data.get("pass_through_filter")
    if isinstance(data, str):  # the legacy pandas query form: fact=="key"
        match = re.fullmatch(r"""\s*fact\s*==\s*(["'])([a-z0-9_]+)\1\s*""", data)
        return match.group(2) if match else None
    if isinstance(data, dict) and data.get("type") == "comparison" and data.get("operator") == "==" \
            and (data.get("column") or {}).get("name") == "fact":
        return str(data.get("parameter"))
    return None


def plain(value):
    """GX kwargs as JSON types (row conditions are objects; enums and tuples appear too)."""
    import json

    return json.loads(json.dumps(value, default=_to_json, sort_keys=True))


def _to_json(value):
    for method in ("to_json_dict", "dict"):
        if hasattr(value, method):
            return getattr(value, method)()
    if hasattr(value, "value"):
        return value.value
    return str(value)
