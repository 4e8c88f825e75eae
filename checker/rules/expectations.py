"""checker's rules as Great Expectations 1.x expectations, registered in one explicit list (RULES).

Importing this module imports GX and registers the custom expectations with it, so only code that
validates or loads suites imports it (checker.rules itself stays light).
Every expectation in a suite carries meta {"code", "name"} (and "fact" when it is about one fact); the
code ties the GX expectation to the Rule here, whose docstring's first line is the message a user reads.
"""
from __future__ import annotations

import importlib
import os
import sys
import types
import warnings
from typing import ClassVar, List

# Offline and quiet: GX reads this when it is first imported, and checker never reports usage.
os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
# Where checker[spark] is installed, GX imports pyspark, and pyspark 4 warns on every start that it does not fully
# support pandas 3: nothing checker asks of it (checker.spark passes only strings through Arrow).
warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas", category=FutureWarning)


class _Deferred(types.ModuleType):
    """Stands in for a module in sys.modules until one of its attributes is first read, then imports the real
    module (which takes its place in sys.modules) and hands every attribute on to it."""

    def __getattr__(self, attribute):   # called only for what the stand-in lacks: anything of the real module
        real = self.__dict__.get("_real")
        if real is None:
            if sys.modules.get(self.__name__) is self:
                del sys.modules[self.__name__]
            real = self.__dict__["_real"] = importlib.import_module(self.__name__)
        return getattr(real, attribute)


# GX imports scipy.stats and altair when it starts, for one expectation checker never runs (a KL divergence's
# statistic and its chart): 1.3 of the 4.6 s its import took, in every audit. They are imported when first
# used instead, whole, by whatever uses them; a process that already has them keeps them.
for _name in ("scipy.stats", "altair"):
    if _name not in sys.modules:
        sys.modules[_name] = _Deferred(_name)

from great_expectations.compatibility import pydantic  # noqa: E402
from great_expectations.execution_engine import PandasExecutionEngine  # noqa: E402
from great_expectations.expectations.expectation import MulticolumnMapExpectation  # noqa: E402
from great_expectations.expectations.metrics.map_metric_provider import (  # noqa: E402
    MulticolumnMapMetricProvider,
    multicolumn_condition_partial,
)

from checker.rules.agreement import RELATION_COLUMNS, conflicting_rows  # noqa: E402
from checker.rules.reference import REFERENCE_RULE_COLUMNS, contradicting_rows  # noqa: E402
from checker.rules.registry import Rule, RuleSet  # noqa: E402

RULES = RuleSet()


class MulticolumnValuesAgreeAcrossSources(MulticolumnMapMetricProvider):
    """Row-wise: False where a row conflicts with another source's row of the same fact."""

    condition_metric_name = "multicolumn_values.agree_across_sources"
    condition_domain_keys = ("batch_id", "table", "column_list", "row_condition", "condition_parser",
                             "ignore_row_if")

    @multicolumn_condition_partial(engine=PandasExecutionEngine)
    def _pandas(cls, column_list, **kwargs):
        # `column_list` is the DataFrame of the listed columns (after the row condition).
        return ~conflicting_rows(column_list)


@RULES.register(code="CK101", name="agreement.cross_source")
class ExpectObservationsToAgreeAcrossSources(MulticolumnMapExpectation):
    """Two sources state values for the same fact that cannot both be true.

    A row fails when, for at least one row of the same fact from a different source, both claim a
    current value (reported or hedged), their comparable intervals are apart, and time does not explain
    the difference (see checker.intervals.relation).

    Fails:  a: fact=members, source=a, 30 (reported, 2024)   b: fact=members, source=b, 32 (reported, 2024)
    Passes: a: fact=members, source=a, 30 (reported, 2024)   b: fact=members, source=b, about 31 (±5%)
    Passes: the same source giving 30 and 32 (not a cross-source conflict)

    column_list: the observation columns relation() reads (checker.rules.agreement.RELATION_COLUMNS).
    """

    map_metric = "multicolumn_values.agree_across_sources"
    success_keys = ("column_list", "mostly")
    column_list: List[str]
    library_metadata: ClassVar[dict] = {"maturity": "experimental", "tags": ["checker"], "contributors": []}

    @pydantic.validator("column_list")
    def _lists_what_relation_reads(cls, columns: List[str]) -> List[str]:
        missing = [name for name in RELATION_COLUMNS if name not in columns]
        if missing:
            raise ValueError(f"column_list lacks {missing}: the agreement check reads them")
        return columns


PLAUSIBLE_RANGE_DOC = """A stated value lies outside the fact's plausible range.

    Carried by GX's own expect_column_values_to_be_between with row_condition fact == "<key>": one
    expectation bounds cmp_low from above (a value entirely above the range fails), another bounds
    cmp_high from below (a value entirely below it fails), so open bounds ("more than 30") never fail
    for the side they leave open.

    Fails:  fact=members, range [1, 100], value 3000 (cmp_low 3000 > 100)
    Passes: fact=members, range [1, 100], value "more than 30" (cmp_low 30, cmp_high +inf)
"""


def _plausible_range(kwargs: dict, meta: dict) -> str:
    bounds = meta.get("range")
    if isinstance(bounds, (list, tuple)) and len(bounds) == 2:
        return f"plausible: {bounds[0]} to {bounds[1]}"
    return ""


RULES.add(Rule(code="CK201", name="plausibility.range", expectation_type="expect_column_values_to_be_between",
               doc=PLAUSIBLE_RANGE_DOC, detail=_plausible_range))


class MulticolumnValuesMatchReference(MulticolumnMapMetricProvider):
    """Row-wise: False where a row contradicts its fact's reference value or an authoritative statement."""

    condition_metric_name = "multicolumn_values.match_reference"
    condition_domain_keys = ("batch_id", "table", "column_list", "row_condition", "condition_parser",
                             "ignore_row_if")

    @multicolumn_condition_partial(engine=PandasExecutionEngine)
    def _pandas(cls, column_list, **kwargs):
        return ~contradicting_rows(column_list)


@RULES.register(code="CK301", name="reference.agreement")
class ExpectObservationsToAgreeWithReference(MulticolumnMapExpectation):
    """A statement contradicts the reference for its fact.

    The reference is the fact's catalog `reference.value`, or what an authoritative source states (the
    fact's `reference.source`, or a manifest document with `authority: true`). A row fails when it
    claims a value the reference excludes and time does not explain it (checker.intervals.relation,
    with the reference read as a report). Authoritative rows themselves never fail this rule.

    Fails:  reference value 112 (fact homes_destroyed); b: homes_destroyed, 121 (reported)
    Passes: reference value 112; b: homes_destroyed, about 110 (reported, ±10%)
    Passes: reference value 112; b: homes_destroyed, could reach 150 (projected)

    column_list: relation()'s columns and the reference columns (checker.rules.reference.REFERENCE_RULE_COLUMNS).
    """

    map_metric = "multicolumn_values.match_reference"
    success_keys = ("column_list", "mostly")
    column_list: List[str]
    library_metadata: ClassVar[dict] = {"maturity": "experimental", "tags": ["checker"], "contributors": []}

    @pydantic.validator("column_list")
    def _lists_what_the_check_reads(cls, columns: List[str]) -> List[str]:
        missing = [name for name in REFERENCE_RULE_COLUMNS if name not in columns]
        if missing:
            raise ValueError(f"column_list lacks {missing}: the reference check reads them")
        return columns
