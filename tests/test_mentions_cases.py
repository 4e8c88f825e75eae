"""The table of grammar cases in tests/cases/mentions.yaml, one test id per case."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from checker.mentions import extract

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "mentions.yaml").read_text(encoding="utf-8"))["cases"]


def _case_id(case: dict) -> str:
    return case.get("id") or case["text"][:60]


def _same(found, expected) -> bool:
    if isinstance(expected, float) and isinstance(found, float):
        return abs(found - expected) <= 1e-9 * max(1.0, abs(expected))
    return found == expected


@pytest.mark.parametrize("case", CASES, ids=[_case_id(c) for c in CASES])
def test_mentions_case(case):
    mentions = [m.as_record() for m in extract(case["text"], case.get("published"))]
    for mention in mentions:
        assert case["text"][mention["start"]:mention["end"]] == mention["value_text"]
    for expected in case.get("expect", []):
        matches = [m for m in mentions if m["value_text"] == expected["value_text"]]
        assert matches, f"no mention {expected['value_text']!r} in {[m['value_text'] for m in mentions]}"
        found = matches[0]
        for key, value in expected.items():
            if key == "flags":
                assert set(value.split(",")) <= set(found["flags"].split(",")), (key, found)
            elif key == "not_flags":     # flags the value must not have
                assert not set(value.split(",")) & set(found["flags"].split(",")), (key, found)
            else:
                value = float(value) if isinstance(value, int) and key in ("low", "high", "tolerance") else value
                assert _same(found[key], value), (key, found)
    for kind in case.get("none", []):
        assert not [m for m in mentions if m["kind"] == kind], mentions
    for phrase in case.get("absent", []):     # words that are no value: no mention overlaps them
        at = case["text"].index(phrase)
        overlapping = [m for m in mentions if m["start"] < at + len(phrase) and at < m["end"]]
        assert not overlapping, (phrase, overlapping)
