"""A later figure that swaps two neighbouring digits of one another source stated shortly before ("$38 million",
then "$83 million") is a misstatement, not a change (checker.reconcile.TRANSPOSED_DAYS): audited end to end on the
real grammar, binding and Great Expectations, for facts that may change."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.audit import run_audit
from checker.reconcile import _transposed

CATALOG = """story: levy
title: A town's road levy
facts:
  - key: road_levy
    label: Road levy raised this year
    kind: money
    context: [levy]
    changes: {changes}
"""


def audit(tmp_path: Path, figures: list[tuple[str, str]], changes: str = "any") -> set[str]:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    documents = []
    for number, (published, figure) in enumerate(figures):
        name = f"s{number}.txt"
        text = f"Town notes\n\nThe road levy has raised {figure} so far this year, the treasurer said.\n"
        (corpus / name).write_text(text, encoding="utf-8")
        documents.append({"file": name, "published": published, "outlet": f"Outlet {number}"})
    (corpus / "manifest.json").write_text(json.dumps({"documents": documents}), encoding="utf-8")
    (tmp_path / "facts.yaml").write_text(CATALOG.format(changes=changes), encoding="utf-8")
    result = run_audit(corpus, tmp_path / "facts.yaml", None, discover=False)
    return set(result.findings.loc[result.findings["fact"] == "road_levy", "status"])


@pytest.mark.parametrize("figures, changes, conflict", [
    # 38, then 83 six days later: two digits swapped, so no change
    ([("2025-03-18", "$38 million"), ("2025-03-24", "$83 million")], "any", True),
    ([("2025-03-18", "$38 million"), ("2025-03-24", "$83 million")], "increasing", True),
    ([("2025-03-18", "$7.46 million"), ("2025-03-24", "$7.64 million")], "any", True),
    # the same swap months apart may be a new figure; other moves within the month are changes
    ([("2025-01-10", "$38 million"), ("2025-04-24", "$83 million")], "any", False),
    ([("2025-03-18", "$38 million"), ("2025-03-24", "$84 million")], "any", False),
    ([("2025-03-18", "$41 million"), ("2025-03-24", "$11 million")], "any", False),
])
def test_a_figure_with_two_digits_swapped_soon_after_is_a_conflict(tmp_path, figures, changes, conflict):
    statuses = audit(tmp_path, figures, changes)
    assert ("conflict" in statuses) is conflict, statuses
    assert conflict or statuses == {"change_over_time"}


@pytest.mark.parametrize("a, b, swapped", [
    (38, 83, True), (214, 241, True), (7.46, 7.64, True), (1203, 1230, True),
    (41, 11, False), (5, 6, False), (1.5, 5.1, False), (100, 100, False), (0.05, 0.5, False), (123, 321, False),
])
def test_transposed_is_two_neighbouring_digits_swapped(a, b, swapped):
    assert _transposed(a, b) is swapped


def test_the_swaps_looked_up_hold_every_figure_transposed_with_it():
    """checker.reconcile skips a row none of whose _swaps is a figure of its fact: on random figures, every
    figure _transposed pairs with one is among its swaps (the look-up loses no pair)."""
    import random

    from checker.reconcile import _swaps, _written

    draw = random.Random(7)
    figures = [draw.choice([draw.randint(1, 99_999), round(draw.uniform(0.01, 999), draw.randint(1, 3)),
                            -draw.randint(10, 999), draw.randint(1, 9) * 10 ** draw.randint(1, 6)])
               for _ in range(400)]
    figures += [38, 83, 7.46, 7.64, 105, 150, 1050, 1500, 0.5, 0.05]
    paired = 0
    for a in figures:
        for b in figures:
            if _transposed(float(b), float(a)):
                paired += 1
                assert _written(b) in _swaps(a), (a, b)
    assert paired >= 6
