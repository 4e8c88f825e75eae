"""low/high in audit.json and `checker mentions` are the interval a reader means: the wording's tolerance and the
figure's rounding applied; the value as stated and the tolerance keep their own fields."""
from __future__ import annotations

import json

import pytest

from click.testing import CliRunner

from checker.audit import run_audit
from checker.cli import cli

TEXT = ("About 100,000 people marched on Saturday. Turnout was 95%. The hall holds more than 2,000 seats. "
        "Seven meetings were held in July 2019. The register lists 412,000 voters, 2,150 polling staff and more than 94,000 postal votes.\n")


def _by_text(items):
    return {item["value_text"]: item for item in items}


def test_meant_interval_in_checker_mentions(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(cli, ["mentions", str(path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    found = _by_text(json.loads(line) for line in result.output.splitlines())
    about = found["About 100,000"]
    assert (about["low"], about["high"], about["stated_low"], about["stated_high"], about["tolerance"]) == \
        (90000, 110000, 100000, 100000, 0.1)
    assert (found["95%"]["low"], found["95%"]["high"]) == (94.5, 95.5)          # rounding: 94.5 to 95.5
    assert (found["more than 2,000"]["low"], found["more than 2,000"]["high"]) == (2000, None)   # open stays open
    assert (found["Seven"]["low"], found["Seven"]["high"]) == (7, 7)            # a whole count is exact
    assert (found["2,150"]["low"], found["2,150"]["high"]) == (2150, 2150)
    assert (found["412,000"]["low"], found["412,000"]["high"]) == (411500, 412500)   # round thousands: to the thousand
    assert (found["more than 94,000"]["low"], found["more than 94,000"]["high"]) == (94000, None)  # bounded
    assert (found["July 2019"]["low"], found["July 2019"]["high"]) == ("2019-07-01", "2019-07-31")
    table = CliRunner().invoke(cli, ["mentions", str(path)]).output
    assert "stated_low" in table.splitlines()[0] and "90000" in table


def test_meant_interval_in_audit_json(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(TEXT, encoding="utf-8")
    records = run_audit(corpus, facts=None, expectations=None, discover=False).as_records()
    items = _by_text(item for group in records["mentions"] for item in group["items"])
    about = items["About 100,000"]
    assert (about["low"], about["high"], about["stated_low"], about["stated_high"], about["tolerance"]) == \
        (90000, 110000, 100000, 100000, 0.1)
    assert list(about)[list(about).index("high") + 1] == "stated_low"


@pytest.mark.parametrize("value_text, low, tolerance, expected", [
    ("nearly four hours", 4, 0.05, (3.6, 4.2)),     # short of the figure: 10% below, 5% above
    ("almost 20,000", 20000, 0.05, (18000, 21000)),
    ("just under 50", 50, 0.05, (45, 52.5)),
    ("close to 50", 50, 0.05, (47.5, 52.5)),        # close to: either side
    ("about 100,000", 100000, 0.1, (90000, 110000)),
])
def test_wording_short_of_a_figure_reads_below_it(value_text, low, tolerance, expected):
    from checker.discovery.candidates import _bounds
    from checker.reconcile import meant_interval

    assert meant_interval(low, low, "count", tolerance, value_text) == expected
    row = {"low": low, "high": low, "kind": "count", "tolerance": tolerance, "value_text": value_text}
    assert tuple(round(bound, 6) for bound in _bounds(row)) == expected   # discovery groups by the same reading
