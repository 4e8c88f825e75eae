"""A starting GX suite for a fact catalog: cross-source agreement, agreement with references (CK301) and a
plausible range per fact.

`checker suite --facts F -o OUT` writes it; the file is then the user's to edit, so it is never
overwritten. The JSON is GX's own (`ExpectationSuite.to_json_dict()`), built through the same loader
that reads suites back, so a starting suite always loads.
"""
from __future__ import annotations

import json
import os
import tempfile
from datetime import date
from pathlib import Path

from checker.errors import CheckerError


def write_starting_suite(facts_path: str | Path, output_path: str | Path) -> Path:
    from checker.catalog import load_catalog

    output = Path(output_path)
    if output.exists():
        raise CheckerError("refusing to overwrite an existing file", path=output,
                           hint="choose another --output or delete the file")
    catalog = load_catalog(facts_path, required=True)
    text = suite_json(starting_suite_dict(catalog, suite_name_for(facts_path, output)))
    write_new_file(output, text)
    return output


def suite_name_for(facts_path: str | Path, output: Path) -> str:
    """Suites need unique names; the output file's stem is unique within an expectations folder."""
    return output.stem or Path(facts_path).stem


def starting_suite_dict(catalog, name: str) -> dict:
    from checker.rules.agreement import RELATION_COLUMNS
    from checker.rules.suites import agreement_expectation, reference_expectation

    # Scoped to this catalog's facts: with one suite per catalog in a folder, each fact is compared once.
    keys = [fact.key for fact in catalog.facts]
    # CK301 for every fact: a reference may come from the catalog or from a manifest's authoritative document.
    expectations = [agreement_expectation(RELATION_COLUMNS, keys), reference_expectation(keys)]
    for fact in catalog.facts:
        if fact.range:
            expectations.extend(range_expectations(fact.key, fact.range))
    stories = [story.id for story in catalog.stories]
    return {"name": name, "expectations": expectations, "meta": {"checker": {"stories": stories}}}


def range_expectations(fact_key: str, bounds) -> list[dict]:
    """Two GX expectations for a fact's plausible range [low, high] (dates compare as ordinals, like cmp_*).

    cmp_low at most `high` fails a value wholly above the range; cmp_high at least `low` fails one wholly
    below it; an open bound (+-inf) never fails on its open side.
    """
    low, high = (comparable(value) for value in bounds)
    written = [readable(value) for value in bounds]
    condition = {"type": "comparison", "column": {"name": "fact"}, "operator": "==", "parameter": fact_key}
    meta = {"code": "CK201", "name": "plausibility.range", "fact": fact_key, "range": written}
    return [
        {"type": "expect_column_values_to_be_between", "severity": "warning",
         "kwargs": {"column": "cmp_low", "max_value": high, "row_condition": condition},
         "meta": {**meta, "bound": "upper"}},
        {"type": "expect_column_values_to_be_between", "severity": "warning",
         "kwargs": {"column": "cmp_high", "min_value": low, "row_condition": condition},
         "meta": {**meta, "bound": "lower"}},
    ]


def readable(value):
    """A range bound as a person wrote it: 200 rather than 200.0, dates as ISO text."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value if isinstance(value, (int, float)) else str(value)


def comparable(value) -> float:
    """A range bound on the cmp_* scale: numbers as they are, ISO dates as proleptic ordinals."""
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, date):
        return float(value.toordinal())
    return float(date.fromisoformat(str(value)).toordinal())


def suite_json(data: dict) -> str:
    """Validate `data` as a GX suite and serialise it the way GX does, stably (sorted keys, 2-space indent)."""
    from checker.rules.run import plain
    from checker.rules.suites import build_suite

    suite = build_suite(data, None).suite
    return json.dumps(plain(suite.to_json_dict()), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def write_new_file(path: Path, text: str) -> None:
    """Write atomically and never replace a file that appeared meanwhile (link fails if `path` exists)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as temp:
            temp.write(text)
        os.link(temp_name, path)
    except FileExistsError:
        raise CheckerError("refusing to overwrite an existing file", path=path) from None
    finally:
        os.unlink(temp_name)
