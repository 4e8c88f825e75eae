"""candidates._slots, indexed for one long document, holds to its pairwise definition: a statement joins the
first slot (in the order made) with a statement _same_value calls the same value, else opens its own."""
from __future__ import annotations

from collections import defaultdict

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.discovery.candidates import _same_value, _slots


def pairwise_slots(rows: list[dict]) -> list[list[int]]:
    slots: list[list[int]] = []
    open_slots: dict[tuple, list[int]] = defaultdict(list)
    for position, row in enumerate(rows):
        for slot in open_slots[(row["source"], row["family"])]:
            if any(_same_value(rows[i], row) for i in slots[slot]):
                slots[slot].append(position)
                break
        else:
            open_slots[(row["source"], row["family"])].append(len(slots))
            slots.append([position])
    return slots


NUMBERS = st.sampled_from([None, 0.0, 7.0, -7.0, 7.5, 1000.0, float("nan")])
DATES = st.sampled_from([None, "2021-03-01", "2021-03-31", "2022-01-01"])
TEXTS = st.sampled_from(["7", "seven", "Seven", "since 2021", "about 7", "March 2021", "nan"])


@st.composite
def rows(draw):
    kind = draw(st.sampled_from(["count", "money", "date"]))
    bounds = DATES if kind == "date" else NUMBERS
    return {"source": draw(st.sampled_from(["a", "b"])), "family": (kind,), "kind": kind,
            "low": draw(bounds), "high": draw(bounds), "value_text": draw(TEXTS),
            "unit": draw(st.sampled_from([None, "USD", "km", "m"]))}


@settings(max_examples=300, deadline=None)
@given(st.lists(rows(), max_size=30))
def test_discovery_slots_equal_the_pairwise_definition(found):
    assert _slots(found) == pairwise_slots(found)


def test_discovery_slots_are_linear_in_one_document():
    """40,000 statements of three values in one document: a few look-ups each (pairwise, about 800 million
    comparisons)."""
    found = [{"source": "a", "family": ("count", "x"), "kind": "count", "low": float(n % 3), "high": float(n % 3),
              "value_text": str(n % 3), "unit": None} for n in range(40_000)]
    slots = _slots(found)
    assert [len(slot) for slot in slots] == [13_334, 13_333, 13_333]
