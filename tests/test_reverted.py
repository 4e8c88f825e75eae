"""A figure that departs from the readings of other sources just before and just after it, which agree with each
other, is a misstatement, not a change and its reversal (checker.reconcile.REVERT_DAYS): audited end to end on
the real grammar, binding and Great Expectations, for a fact that may change any way."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.audit import run_audit

CATALOG = """story: levy
title: A town's road levy
facts:
  - key: road_levy
    label: Road levy raised this year
    kind: money
    context: [levy]
    changes: any
"""


def audit(tmp_path: Path, figures: list[tuple[str, str]]):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    documents = []
    for number, (published, figure) in enumerate(figures):
        name = f"s{number}.txt"
        text = f"Town notes\n\nThe road levy has raised {figure} so far this year, the treasurer said.\n"
        (corpus / name).write_text(text, encoding="utf-8")
        documents.append({"file": name, "published": published, "outlet": f"Outlet {number}"})
    (corpus / "manifest.json").write_text(json.dumps({"documents": documents}), encoding="utf-8")
    (tmp_path / "facts.yaml").write_text(CATALOG, encoding="utf-8")
    result = run_audit(corpus, tmp_path / "facts.yaml", None, discover=False)
    return set(result.findings.loc[result.findings["fact"] == "road_levy", "status"])


@pytest.mark.parametrize("figures, conflict", [
    # 38, then 83 six days later, then 38 again: the 83 departs and the figure returns, so it is no change
    ([("2025-03-18", "$38 million"), ("2025-03-24", "$83 million"), ("2025-04-02", "$38 million")], True),
    # the same three months apart: each may be a new figure of a levy that changes any way
    ([("2025-01-10", "$38 million"), ("2025-04-24", "$83 million"), ("2025-08-02", "$38 million")], False),
    # a figure that moves and stays moved is a change
    ([("2025-03-18", "$38 million"), ("2025-03-24", "$83 million"), ("2025-04-02", "$83 million")], False),
])
def test_a_figure_that_departs_and_returns_within_a_month_is_a_conflict(tmp_path, figures, conflict):
    statuses = audit(tmp_path, figures)
    assert ("conflict" in statuses) is conflict, statuses
    assert conflict or statuses == {"change_over_time"}
