"""Binding: which stated value is about which catalog fact. Mentions are built by hand here
(the binder's input), so these tests exercise binding alone; test_audit.py runs the real grammar."""
import re

import pandas as pd
import pytest

from checker.binding import bind
from checker.catalog import Catalog, Fact, Story
from checker.columns import MENTIONS, OBSERVATIONS

STORY = Story("harbour", "Harbour works", ("harbour",), "facts/harbour.yaml")


def fact(key, kind="count", **fields):
    return Fact(key=key, label=key.replace("_", " "), kind=kind, story="harbour", **fields)


def documents(*texts, published="2023-05-10"):
    return pd.DataFrame([{"source": f"d{i}", "path": f"d{i}.txt", "title": None, "outlet": None,
                          "published": published, "published_low": published, "published_high": published,
                          "format": "txt", "text": text, "sha256": ""} for i, text in enumerate(texts)])


def mention(text, value_text, kind="count", low=None, high=None, unit=None, noun=None, source="d0", occurrence=0,
            flags="", modality="reported", qualifier="exact"):
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(value_text, start + 1)
    end = start + len(value_text)
    noun_start = text.index(noun, end) if noun else -1
    breaks = [m.end() for m in re.finditer(r"[.!?]\s+", text)]
    sentence_start = max([b for b in breaks if b <= start], default=0)
    sentence_end = min([b for b in breaks if b > end], default=len(text) + 1) - 1
    return {"mention": f"{source}@{start}-{end}", "source": source, "kind": kind, "value_text": value_text,
            "start": start, "end": end, "low": low, "high": high, "tolerance": 0.0, "qualifier": qualifier,
            "unit": unit, "noun_start": noun_start, "noun_end": noun_start + len(noun) if noun else -1,
            "precision": "year" if kind == "date" else None, "modality": modality, "flags": flags,
            "sentence_start": sentence_start, "sentence_end": sentence_end}


def bound(text, mentions, *facts, published="2023-05-10"):
    catalog = Catalog(facts=tuple(facts), stories=(STORY,))
    frame = bind(pd.DataFrame(mentions, columns=list(MENTIONS)), documents(text, published=published), catalog)
    return frame


CRANES = fact("cranes", units=("crane",), context=("harbour", "port"))
MEMBERS = fact("members", units=("member", "town"), context=("authority",), context_scope="phrase", scope="total",
               changes="any")
LAST_DREDGING = fact("last_dredging", kind="date", cues=("the last in {value}", "dredged again after {value}",
                                                          "not dredged since {value}"),
                     context=("dredging", "dredged"), exclude=("such",), changes="increasing")

CASES = [
    # (id, text, mention kwargs, fact, expected fact key or None)
    ("count with noun and context", "The harbour has seven cranes now.",
     dict(value_text="seven", low=7, high=7, unit="crane", noun="cranes"), CRANES, "cranes"),
    ("wrong noun", "The harbour has seven tugs now.",
     dict(value_text="seven", low=7, high=7, unit="tug", noun="tugs"), CRANES, None),
    ("no context in sentence", "The depot has seven cranes now. The harbour is quiet.",
     dict(value_text="seven", low=7, high=7, unit="crane", noun="cranes"), CRANES, None),
    ("part of a whole is not the whole", "The harbour has seven other cranes.",
     dict(value_text="seven", low=7, high=7, unit="crane", noun="cranes", flags="other"), CRANES, None),
    ("per-unit value is not a total", "The harbour units have 20 cranes each.",
     dict(value_text="20", low=20, high=20, unit="crane", noun="cranes", flags="each"), CRANES, None),
    ("bare number with unit word before", "In the harbour the crane count rose to 40 by May.",
     dict(value_text="40", kind="number", low=40, high=40), CRANES, "cranes"),
    ("total scope: stated as the whole", "In the harbour he met all 14 authority members.",
     dict(value_text="14", low=14, high=14, unit="member", noun="members", flags="total"), MEMBERS, "members"),
    ("total scope: a subset is not the whole", "In the harbour two authority towns voted no.",
     dict(value_text="two", low=2, high=2, unit="town", noun="towns"), MEMBERS, None),
    ("phrase context is required", "The harbour has 14 towns, all in the authority.",
     dict(value_text="14", low=14, high=14, unit="town", noun="towns", flags="total"), MEMBERS, None),
    ("cue binds a date", "Harbour dredging resumed in 2016, the last in July 2019.",
     dict(value_text="July 2019", kind="date", low="2019-07-01", high="2019-07-31"), LAST_DREDGING,
     "last_dredging"),
    ("date without cue is not bound", "Harbour dredging took place in July 2019.",
     dict(value_text="July 2019", kind="date", low="2019-07-01", high="2019-07-31"), LAST_DREDGING, None),
    ("excluded term vetoes", "The last such harbour berth was dredged again after 2010.",
     dict(value_text="2010", kind="date", low="2010-01-01", high="2010-12-31"), LAST_DREDGING, None),
]


@pytest.mark.parametrize("text,kwargs,the_fact,expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_binding_cases(text, kwargs, the_fact, expected):
    frame = bound(text, [mention(text, **kwargs)], the_fact)
    assert list(frame["fact"]) == ([expected] if expected else [])


def test_binding_returns_documented_columns_and_provenance():
    text = "Harbour news.\nThe harbour has seven cranes now."
    frame = bound(text, [mention(text, "seven", low=7, high=7, unit="crane", noun="cranes")], CRANES)
    expected = [c for c in OBSERVATIONS if not c.startswith(("cmp_", "as_of_ord_")) and c != "assertive"]
    assert list(frame.columns) == expected
    row = frame.iloc[0]
    assert text[row.start:row.end] == row.value_text == "seven"
    assert row.line == 2
    assert row.quote == "The harbour has seven cranes now."
    assert row.observation == "cranes/d0@30-35"
    assert (row.as_of, row.as_of_basis) == ("2023-05-10", "published")


def inspections_between_2015_and_2020(text: str):
    """Bind "12 ... inspections between 2015 and 2020" in `text` to a harbour inspections fact."""
    inspections = fact("inspections", units=("inspection",), context=("harbour",))
    return bound(text, [mention(text, "12", low=12, high=12, unit="inspection", noun="inspections"),
                        mention(text, "between 2015 and 2020", kind="date", low="2015-01-01", high="2020-12-31",
                                flags="range")], inspections)


def test_binding_stated_period_sets_as_of():
    frame = inspections_between_2015_and_2020(
        "The harbour ran 12 crane inspections between 2015 and 2020, mostly in March.")
    assert list(frame["as_of"]) == ["2020-12-31"]
    assert list(frame["as_of_basis"]) == ["stated"]


@pytest.mark.parametrize("value_text,low,high,qualifier,expected", [
    ("two and a half years", 2.5, 2.5, "exact", ("2020-08-09", "2021-02-08")),
    ("over two years", 2, None, "more_than", (None, "2021-05-10")),
], ids=["exact duration is read within a quarter unit", "open duration leaves an open bound"])
def test_binding_duration_places_a_date_before_as_of(value_text, low, high, qualifier, expected):
    text = f"The harbour was dredged again after {value_text}." if qualifier == "exact" else \
        f"The harbour will be dredged for the first time in {value_text}."
    cue_fact = fact("last_dredging", kind="date", cues=("dredged again after {value}",
                                                        "for the first time in {value}"), context=("harbour",))
    frame = bound(text, [mention(text, value_text, kind="duration", low=low, high=high, unit="year",
                                 qualifier=qualifier)], cue_fact)
    assert (frame.iloc[0]["low"], frame.iloc[0]["high"]) == expected
    assert frame.iloc[0]["kind"] == "date"
    assert "before the as-of date" in frame.iloc[0]["derived"]


def test_binding_skips_documents_outside_the_story():
    text = "The depot has seven cranes now."
    frame = bound(text, [mention(text, "seven", low=7, high=7, unit="crane", noun="cranes")],
                  fact("cranes", units=("crane",)))
    assert frame.empty


def test_binding_closed_series_holds_through_publication():
    frame = inspections_between_2015_and_2020(
        "The harbour ran 12 crane inspections between 2015 and 2020, the last in March 2020.")
    assert list(frame["as_of_basis"]) == ["published"]


def test_binding_closed_series_with_its_last_date_holds_from_then_through_publication():
    text = "The harbour ran 12 crane inspections between 2015 and 2020, the last in March 2020."
    inspections = fact("inspections", units=("inspection",), context=("harbour",))
    frame = bound(text, [mention(text, "12", low=12, high=12, unit="inspection", noun="inspections"),
                         mention(text, "between 2015 and 2020", kind="date", low="2015-01-01", high="2020-12-31",
                                 flags="range"),
                         mention(text, "March 2020", kind="date", low="2020-03-01", high="2020-03-31")], inspections)
    row = frame.iloc[0]
    assert (row["as_of_basis"], row["as_of_low"], row["as_of_high"]) == ("series", "2020-03-01", "2023-05-10")


def test_binding_cache_returns_the_rows_it_stored(tmp_path):
    from checker.catalog import load_catalog
    from checker.corpus import DEMO, load_corpus
    from checker.mentions import find_mentions

    docs = load_corpus(None)
    catalog = load_catalog(DEMO / "facts")
    found = find_mentions(docs)
    fresh = bind(found, docs, catalog)
    stored = bind(found, docs, catalog, cache_dir=tmp_path)
    assert any(tmp_path.iterdir())  # something was stored
    read_back = bind(found, docs, catalog, cache_dir=tmp_path)
    assert len(fresh) and fresh["low"].isna().any() == read_back["low"].isna().any()
    pd.testing.assert_frame_equal(stored, fresh)
    pd.testing.assert_frame_equal(read_back, fresh)
    assert read_back.astype(object).where(read_back.notna(), None).to_dict("records") \
        == fresh.astype(object).where(fresh.notna(), None).to_dict("records")
