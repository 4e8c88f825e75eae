"""The binding case table (tests/cases/binding.yaml): short texts, each with a small catalog read by the real
catalog loader, bound on the real grammar and clause reading. Every value the grammar finds must go to the fact
the table names, or to none; the same holds with the catalog's facts in reverse order."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from checker.catalog import load_catalog
from checker.reading import read_clauses
from tests.test_binding_cases import bound_frame, one_document

TABLE = yaml.safe_load((Path(__file__).parent / "cases" / "binding.yaml").read_text(encoding="utf-8"))
CASES = TABLE["cases"]


def catalog_facts(name: str, tmp: Path, reverse: bool = False):
    """The catalog `name` of the table as a README-reading user writes it, loaded from a file."""
    facts = [{"label": item["key"].replace("_", " "), **item} for item in TABLE["catalogs"][name]]
    path = tmp / f"{name}.yaml"
    path.write_text(yaml.safe_dump({"story": "cases", "facts": facts[::-1] if reverse else facts}),
                    encoding="utf-8")
    return load_catalog(path).facts


@pytest.mark.parametrize("reverse", [False, True], ids=["catalog order", "reversed"])
@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_binding_case(case, reverse, tmp_path):
    mentions, frame = bound_frame(case["text"], catalog_facts(case["catalog"], tmp_path, reverse),
                                  **({"published": case["published"]} if "published" in case else {}))
    bound = dict(zip(frame["value_text"], frame["fact"]))
    found = {value: bound.get(value) for value in mentions["value_text"]}
    for value, key in case["expect"].items():
        assert value in found, f"the grammar found no {value!r}: {sorted(found)}"
        assert found[value] == key, f"{value!r} bound to {found[value]!r}, expected {key!r}: {found}"
    unexpected = {v: f for v, f in found.items() if f is not None and v not in case["expect"]}
    assert not unexpected, f"bound but should not be: {unexpected}"
    for value, (low, high) in case.get("derived", {}).items():
        row = frame[frame["value_text"] == value].iloc[0]
        assert (row["low"], row["high"]) == (low, high) and row["derived"], row.to_dict()
    for value, as_of in case.get("as_of", {}).items():   # the moment the statement speaks for
        row = frame[frame["value_text"] == value].iloc[0]
        assert row["as_of"] == as_of, f"{value!r} speaks as of {row['as_of']!r}, expected {as_of!r}"


@pytest.mark.parametrize("case", [c for c in CASES if "units" in c], ids=[c["id"] for c in CASES if "units" in c])
def test_binding_case_counts_what_the_text_says(case, tmp_path):
    """What a value counts or measures: the grammar's unit, else what the clause's predicate implies ("18 dead")."""
    mentions, documents = one_document(case["text"])
    readings = read_clauses(mentions, documents)
    counted = dict(zip(mentions["value_text"], readings["counted"]))
    for value, unit in case["units"].items():
        assert value in counted, f"the grammar found no {value!r}: {sorted(counted)}"
        assert counted[value].lower() == unit.lower(), f"{value!r} counts {counted[value]!r}, expected {unit!r}"


def test_binding_table_covers_every_point():
    """At least 150 cases, every point of the issue among them."""
    assert len(CASES) >= 150
    assert {c["point"] for c in CASES} >= {0, 1, 2, 3, 4, 5, 6}


def test_binding_a_compound_duration_states_its_sum(tmp_path):
    # "three years and ten months" of a fact in months is 46 months: one value, as the grammar reads it
    _, frame = bound_frame("The probe began a cruise of three years and ten months to the asteroid.",
                           catalog_facts("cruise_years", tmp_path))
    row = frame.set_index("value_text").loc["three years and ten months"]
    assert (round(row["low"], 6), round(row["high"], 6), row["unit"]) == (46.0, 46.0, "month")
