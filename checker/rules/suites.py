"""Load the GX suites of an expectations folder, with errors that name the file and the place.

GX's own ExpectationSuite(**json) logs and drops an expectation it cannot build; checker builds each
expectation itself so that a typo in a suite is an error a user sees, not a rule that silently vanishes.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from checker.errors import CheckerError

DEFAULT_SUITE_NAME = "checker_default"
DISCOVERED_SUITE_NAME = "checker_discovered"   # the built-in CK101 for discovered facts, at severity warning
REFERENCE_SUITE_NAME = "checker_reference"     # the built-in CK301 for facts with a reference no suite checks


@dataclass
class LoadedSuite:
    name: str
    path: Path | None          # None for the built-in default suite
    suite: object              # great_expectations.ExpectationSuite


def default_suite_dict(facts: list[str] | None = None) -> dict:
    """The built-in suite: cross-source agreement only (CK101), for every fact or for `facts` only."""
    from checker.rules.agreement import RELATION_COLUMNS

    return {
        "name": DEFAULT_SUITE_NAME,
        "expectations": [agreement_expectation(RELATION_COLUMNS, facts)],
        "meta": {"checker": "built-in default suite"},
    }


def discovered_suite_dict(facts: list[str]) -> dict:
    """The built-in CK101 for discovered facts: a warning, as discovery's grouping is a guess no one declared."""
    from checker.rules.agreement import RELATION_COLUMNS

    return {
        "name": DISCOVERED_SUITE_NAME,
        "expectations": [agreement_expectation(RELATION_COLUMNS, facts, severity="warning")],
        "meta": {"checker": "built-in suite for discovered facts"},
    }


def agreement_expectation(columns, facts: list[str] | None = None, severity: str = "critical") -> dict:
    """CK101 over all observations, or over the rows of `facts` (a suite checks its own catalog's facts)."""
    kwargs: dict = {"column_list": list(columns)}
    if facts is not None:
        kwargs["row_condition"] = {"type": "comparison", "column": {"name": "fact"}, "operator": "IN",
                                   "parameter": sorted(facts)}
    return {
        "type": "expect_observations_to_agree_across_sources",
        "kwargs": kwargs,
        "meta": {"code": "CK101", "name": "agreement.cross_source"},
        "severity": severity,
    }


def reference_expectation(facts: list[str] | None = None, severity: str = "critical") -> dict:
    """CK301 over all observations, or over the rows of `facts`."""
    from checker.rules.reference import REFERENCE_RULE_COLUMNS

    kwargs: dict = {"column_list": list(REFERENCE_RULE_COLUMNS)}
    if facts is not None:
        kwargs["row_condition"] = {"type": "comparison", "column": {"name": "fact"}, "operator": "IN",
                                   "parameter": sorted(facts)}
    return {"type": "expect_observations_to_agree_with_reference", "kwargs": kwargs,
            "meta": {"code": "CK301", "name": "reference.agreement"}, "severity": severity}


def with_reference_for_every_fact(suites: list[LoadedSuite], facts, discovered=()) -> list[LoadedSuite]:
    """Add the built-in CK301 for the `facts` with a reference that no suite's CK301 covers (a warning for
    discovered facts, as their CK101 is), so a reference is always checked, suite or not."""
    covered: set[str] = set()
    for loaded in suites:
        for expectation in loaded.suite.expectations:
            if (expectation.meta or {}).get("code") == "CK301":
                scope = facts_selected(expectation.row_condition)
                if scope is None:
                    return suites
                covered |= scope
    uncovered = sorted({str(fact) for fact in facts} - covered)
    if not uncovered:
        return suites
    discovered = {str(fact) for fact in discovered}
    expectations = []
    declared = [fact for fact in uncovered if fact not in discovered]
    if declared:
        expectations.append(reference_expectation(declared))
    if len(declared) < len(uncovered):
        expectations.append(reference_expectation([f for f in uncovered if f in discovered], severity="warning"))
    added = build_suite({"name": REFERENCE_SUITE_NAME, "expectations": expectations,
                         "meta": {"checker": "built-in reference check"}}, None)
    return sorted([*suites, added], key=lambda item: item.name)


def with_agreement_for_every_fact(suites: list[LoadedSuite], facts, discovered=()) -> list[LoadedSuite]:
    """Add the built-in CK101 for observed facts no suite's CK101 covers, so every fact is compared once.

    The facts among `discovered` (keys of discovered facts) get it at severity warning, in a suite of
    their own; the unscoped built-in default that stands in for an empty expectations folder then
    covers the declared facts only.
    """
    discovered = {str(fact) for fact in discovered}
    if discovered and all(loaded.path is None and loaded.name == DEFAULT_SUITE_NAME for loaded in suites):
        suites = []   # only the built-in default: rebuilt below, scoped, with the discovered facts apart
    covered: set[str] = set()
    for loaded in suites:
        for expectation in loaded.suite.expectations:
            if (expectation.meta or {}).get("code") == "CK101":
                scope = facts_selected(expectation.row_condition)
                if scope is None:
                    return suites
                covered |= scope
    uncovered = sorted({str(fact) for fact in facts} - covered)
    added = []
    declared = [fact for fact in uncovered if fact not in discovered]
    if declared or not (suites or uncovered):
        added.append(build_suite(default_suite_dict(declared or None), None))
    if len(declared) < len(uncovered):
        added.append(build_suite(discovered_suite_dict([f for f in uncovered if f in discovered]), None))
    return sorted([*suites, *added], key=lambda item: item.name)


RANGE_SUITE_NAME = "checker_range"   # the built-in CK201 for catalog ranges no suite checks


def with_range_for_every_fact(suites: list[LoadedSuite], catalog) -> list[LoadedSuite]:
    """Add the catalog's plausible ranges (CK201) for facts whose range no suite checks: a catalog's `range`
    is a rule whether or not `checker suite` wrote it into a suite."""
    from checker.rules.starter import range_expectations

    covered = {str((expectation.meta or {}).get("fact")) for loaded in suites
               for expectation in loaded.suite.expectations if (expectation.meta or {}).get("code") == "CK201"}
    expectations = [e for fact in (catalog.facts if catalog is not None else ())
                    if fact.range and fact.origin == "declared" and fact.key not in covered
                    for e in range_expectations(fact.key, fact.range)]
    if not expectations:
        return suites
    added = build_suite({"name": RANGE_SUITE_NAME, "expectations": expectations,
                         "meta": {"checker": "built-in plausible ranges of the catalog"}}, None)
    return sorted([*suites, added], key=lambda item: item.name)


def facts_selected(condition) -> set[str] | None:
    """The facts a row condition selects (fact == key, fact IN [...]); None when it is absent or not of
    that form, which counts as every fact so that no fact is ever compared twice."""
    from checker.rules.run import plain

    data = plain(condition) if condition is not None else None
    if not isinstance(data, dict) or data.get("type") != "comparison" \
            or (data.get("column") or {}).get("name") != "fact":
        return None
    if data.get("operator") == "==":
        return {str(data.get("parameter"))}
    if data.get("operator") == "IN" and isinstance(data.get("parameter"), list):
        return {str(value) for value in data["parameter"]}
    return None


def suite_files(expectations_dir: str | Path | None) -> list[Path]:
    if expectations_dir is None:
        return []
    folder = Path(expectations_dir)
    if folder.is_file():
        return [folder]
    if not folder.is_dir():
        return []
    return sorted(folder.glob("*.json"))


def load_suites(expectations_dir: str | Path | None) -> list[LoadedSuite]:
    """Every *.json in the folder as a GX suite, sorted by suite name; the default suite when there is none."""
    loaded = [load_suite_file(path) for path in suite_files(expectations_dir)]
    if not loaded:
        loaded = [build_suite(default_suite_dict(), None)]
    seen: dict[str, Path | None] = {}
    for item in loaded:
        if item.name in seen:
            raise CheckerError(f"suite name {item.name!r} is also used by {seen[item.name]}", path=item.path,
                               hint="give every suite a unique name")
        seen[item.name] = item.path
    return sorted(loaded, key=lambda item: item.name)


def load_suite_file(path: Path) -> LoadedSuite:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CheckerError(f"cannot read suite: {error}", path=path) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise CheckerError(f"invalid JSON: {error.msg} (column {error.colno})", path=path,
                           line=error.lineno) from None
    except RecursionError:
        raise CheckerError("JSON nested too deeply", path=path) from None
    return build_suite(data, path, expectation_lines(text))


def expectation_lines(text: str) -> list[int]:
    """The line each entry of a suite's "expectations" list starts on, so an error can name it ([] if unsure)."""
    decoder = json.JSONDecoder()
    key = text.find('"expectations"')
    at = text.find("[", key) + 1 if key >= 0 else 0
    lines: list[int] = []
    if at <= 0:
        return lines
    while True:
        while at < len(text) and text[at] in " \t\r\n,":
            at += 1
        if at >= len(text) or text[at] == "]":
            return lines
        try:
            _, end = decoder.raw_decode(text, at)
        except (ValueError, RecursionError):
            return lines
        lines.append(text.count("\n", 0, at) + 1)
        at = end


def build_suite(data, path: Path | None, lines: list[int] | None = None) -> LoadedSuite:
    import checker.rules.expectations  # noqa: F401  first: quiets GX, registers checker's expectations
    import great_expectations as gx
    from great_expectations.expectations.expectation_configuration import ExpectationConfiguration

    if not isinstance(data, dict) or not isinstance(data.get("name"), str) or not data["name"]:
        raise CheckerError("a suite is a JSON object with a non-empty \"name\"", path=path)
    entries = data.get("expectations", [])
    if not isinstance(entries, list):
        raise CheckerError("\"expectations\" must be a list", path=path)
    lines = lines or []
    expectations = [build_expectation(entry, index, path, ExpectationConfiguration,
                                      lines[index] if index < len(lines) else None)
                    for index, entry in enumerate(entries)]
    suite = gx.ExpectationSuite(name=data["name"], expectations=expectations, meta=data.get("meta"),
                                notes=data.get("notes"))
    return LoadedSuite(name=data["name"], path=path, suite=suite)


def build_expectation(entry, index: int, path: Path | None, configuration_class, line: int | None = None):
    from checker.rules.expectations import RULES

    where = f"expectation {index}"
    if not isinstance(entry, dict) or not isinstance(entry.get("type"), str):
        raise CheckerError(f"{where}: an expectation is an object with a \"type\"", path=path)
    kind = entry["type"]
    where = f"expectation {index} ({kind})"
    meta = entry.get("meta") or {}
    code = meta.get("code") if isinstance(meta, dict) else None
    if not code or not meta.get("name"):
        raise CheckerError(f"{where}: meta needs a rule \"code\" and \"name\"", path=path,
                           hint='e.g. "meta": {"code": "CK201", "name": "plausibility.range"}')
    rule = RULES.get(code)
    if rule is not None and (rule.name != meta["name"] or rule.expectation_type != kind):
        raise CheckerError(f"{where}: rule {code} is {rule.name} ({rule.expectation_type}), "
                           f"not {meta['name']} ({kind})", path=path)
    fields = {key: value for key, value in entry.items() if key != "id"}  # a suite file's ids mean nothing here
    try:
        return configuration_class(**fields).to_domain_obj()
    except Exception as error:  # GX raises several types (not found, pydantic validation, config errors)
        raise CheckerError(f"{where}: {_gx_problem(error)}", path=path, line=line) from None


def _gx_problem(error: Exception) -> str:
    """What GX says is wrong, in a few words: pydantic lists every type a Union field was tried as; the first
    complaint about the first field is the one to fix (the rest are counted)."""
    errors = getattr(error, "errors", None)
    if callable(errors):
        try:
            found = errors()
        except Exception:  # noqa: BLE001  not pydantic after all: fall back to its message
            found = None
        if found:
            by_field: dict[str, str] = {}
            for item in found:
                field = ".".join(str(part) for part in item.get("loc", ()) if part != "__root__") or "kwargs"
                by_field.setdefault(field, str(item.get("msg", "invalid")))
            field, message = next(iter(by_field.items()))
            others = len(by_field) - 1
            more = f" (and {others} more field{'s' if others > 1 else ''})" if others else ""
            return f"kwargs {field!r}: {message}{more}"
    message = " ".join(str(getattr(error, "message", error)).split())
    return message if len(message) <= 200 else message[:197] + "..."
