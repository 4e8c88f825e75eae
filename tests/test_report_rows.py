"""checker.report.rows_html: the long tables' rows rendered in Python are the text of their macros."""
from __future__ import annotations

import pytest
from markupsafe import Markup

from checker.audit import run_audit
from checker.report import rows_html
from checker.report.html import _environment, fact_view, view_base
from checker.report.model import as_stated, reliability_rows


def macro(name: str):
    return getattr(_environment().get_template("macros.html.j2").module, name)


STATEMENT = {"id": "obs-1", "status": "conflict", "source": "a", "outlet": "The Times", "as_of": "2024-05",
             "modality": "reported", "value": "10 meetings", "href": "audit-sources-000.html#src0-4-6", "line": 3,
             "before": "Some ", "marked": "10", "after": " meetings."}
RELIABLE = {"id": "a", "authority": False, "outlet": "The Times", "reliability": 0.8, "shown": "0.80", "claims": 5,
            "agreements": 4, "disagreements": 1, "facts": ["2024: meetings 10 (agrees)"]}


@pytest.mark.parametrize("changed", [
    {},
    {"outlet": None, "as_of": None, "line": None},                        # "or" defaults, and None as "None"
    {"outlet": "", "as_of": ""},
    {"before": 'He said "<b>" & \'it\'', "marked": "<10>", "after": "&amp; more"},   # every character escaped
    {"source": "o'brien & co", "href": 'x.html#a"b', "value": "1 < 2"},
    {"before": Markup("<em>kept</em> "), "line": 12.5},                  # markup as it is; a float
    {"id": "obs-é", "marked": "会议", "as_of": "—"},
])
def test_report_rows_statement_rows_are_the_macros_text(changed):
    rows = [{**STATEMENT, **changed}, STATEMENT]
    assert rows_html.statement_rows(rows) == str(macro("statement_rows")(rows))


@pytest.mark.parametrize("changed", [
    {},
    {"authority": True, "reliability": None, "shown": "—", "facts": []},
    {"outlet": None, "claims": 0},                                          # None as "None"
    {"id": "<a&b>", "facts": ['"quoted" & <tagged>', "second 'one'"], "reliability": 1.0, "shown": "1.00"},
    {"reliability": 0.1234567, "agreements": True},
])
def test_report_rows_reliability_rows_are_the_macros_text(changed):
    rows = [{**RELIABLE, **changed}, RELIABLE]
    assert rows_html.reliability_rows(rows) == str(macro("reliability_rows")(rows))


@pytest.mark.parametrize("corpus", ["demo", "ferry"])
def test_report_rows_of_a_real_audit_are_the_macros_text(corpus, ferry_corpus, ferry_facts, no_suites):
    audit = run_audit(None) if corpus == "demo" else run_audit(ferry_corpus, ferry_facts, no_suites)
    records = audit.as_records()
    base = view_base(as_stated(records))
    statements = [row for index in range(len(base["sections"])) for row in fact_view(base, index)["rows"]]
    reliable = list(reliability_rows(records))
    assert len(statements) > 5 and len(reliable) >= 3
    assert rows_html.statement_rows(statements) == str(macro("statement_rows")(statements))
    assert rows_html.reliability_rows(reliable) == str(macro("reliability_rows")(reliable))
    assert rows_html.statement_rows([]) == str(macro("statement_rows")([])) == ""
