"""Validation: the observations table against the Great Expectations suites in an expectations folder.

`validate` returns one plain dict per expectation run; a failed expectation's failing rows come back
as observation ids, which is what marks a discrepancy. GX is imported only when validating.
"""
from __future__ import annotations

from pathlib import Path

# The observation columns that no built-in rule, no finding and no involvement reads: the mention's own (its id, quote
# and spans) and its line. A process that validates is sent the frame without them (read_columns): at 30,000 articles
# 14 of its 48 MB.
UNREAD_COLUMNS = ("mention", "quote", "noun_start", "noun_end", "sentence_start", "sentence_end", "line", "derived",
                  "as_of_basis")


def read_columns(observations, expectations_dir: str | Path | None) -> list[str]:
    """The columns of `observations` that `validate` and the findings made of its results read: all but
    UNREAD_COLUMNS, and of those any a suite's text names (checker.rules.run.columns_read); every column when a suite
    looks at the table as a whole (expect_table_*) or cannot be read here (the rules say why)."""
    from checker.rules.suites import suite_files

    said = []
    for path in suite_files(expectations_dir):
        try:
            said.append(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError):
            return list(observations.columns)
    text = "\n".join(said)
    if "expect_table_" in text:
        return list(observations.columns)
    return [column for column in observations.columns if column not in UNREAD_COLUMNS or str(column) in text]


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
