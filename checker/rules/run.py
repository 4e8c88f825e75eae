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


def run_suites(observations, suites) -> list[dict]:
    if len(observations) == 0:
        # GX's metrics are not defined on an empty table; with no rows, nothing can fail.
        return [rule_result(loaded, index, expectation, success=True, failing=[])
                for loaded in suites for index, expectation in enumerate(loaded.suite.expectations)]
    observations = observations.reset_index(drop=True)  # index label == position, for the failing rows
    ids = [str(value) for value in observations["observation"].tolist()]
    batch = observation_batch(observations[columns_read(observations, suites)])
    results = []
    for loaded in suites:
        expectations = loaded.suite.expectations
        # GX does not report results in suite order; an id per expectation maps each result back.
        for index, expectation in enumerate(expectations):
            expectation.id = f"{loaded.name}#{index}"
        outcome = batch.validate(loaded.suite, result_format=RESULT_FORMAT)
        by_id = {result.expectation_config.id: result for result in outcome.results}
        for index, expectation in enumerate(expectations):
            result = by_id.get(expectation.id)
            if result is None:
                raise CheckerError(f"expectation {index} ({expectation.expectation_type}) was not run by GX",
                                   path=loaded.path)
            message = raised_exception(result.exception_info)
            if message is not None:
                raise CheckerError(f"expectation {index} ({expectation.expectation_type}) could not run: "
                                   f"{message}", path=loaded.path)
            results.append(rule_result(loaded, index, expectation, success=bool(result.success),
                                       failing=failing_observations(result.result or {}, ids)))
    return results


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
