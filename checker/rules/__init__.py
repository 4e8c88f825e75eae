"""Validation: the observations table against the Great Expectations suites in an expectations folder.

`validate` returns one plain dict per expectation run; a failed expectation's failing rows come back
as observation ids, which is what marks a discrepancy. GX is imported only when validating.
"""
from __future__ import annotations

from pathlib import Path


def validate(observations, expectations_dir: str | Path | None, catalog=None, cache_dir=None) -> list[dict]:
    """Run every suite (sorted by name, then expectation order) on `observations` in one GX context.

    A fact that no suite's agreement rule (CK101) covers is compared by the built-in one, and a fact with
    a reference that no suite's CK301 covers is held to it by the built-in CK301, so an audit
    with no suites, or with a suite for another catalog only, still validates agreement. The suites say
    which facts they check; `catalog` tells which facts were discovered, whose built-in CK101 is a warning.
    With a stage cache folder (`cache_dir`), a fact whose rows are those of an audit before keeps GX's answer for
    them (checker.rules.run.run_suites, checker.factmemo).
    """
    from checker.factmemo import memo_of
    from checker.references import ensure_columns, facts_with_reference
    from checker.rules.run import run_suites
    from checker.rules.suites import (load_suites, with_agreement_for_every_fact, with_range_for_every_fact,
                                      with_reference_for_every_fact)

    suites = load_suites(expectations_dir)
    observed = observations["fact"].dropna().unique() if "fact" in observations else []
    discovered = [fact.key for fact in catalog.facts if fact.origin == "discovered"] if catalog is not None else []
    observations = ensure_columns(observations) if "fact" in observations else observations
    suites = with_agreement_for_every_fact(suites, observed, discovered)
    # A fact with a reference (a catalog value, an authoritative source) is held to it (CK301).
    suites = with_reference_for_every_fact(suites, facts_with_reference(observations), discovered)
    # A catalog's plausible range (CK201) holds with or without a suite that says so.
    suites = with_range_for_every_fact(suites, catalog)
    with memo_of(cache_dir, "rules") as memo:
        return run_suites(observations, suites, memo=memo)
