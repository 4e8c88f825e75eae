"""Binding on the real grammar: short texts, a small catalog each, and the fact every value must go to (or
none). Table-driven: each case reads as a sentence a reader would bind the same way."""
from __future__ import annotations

import pandas as pd
import pytest

from checker.binding import bind
from checker.catalog import Catalog, Fact, Story
from checker.columns import MENTIONS
from checker.mentions import extract

STORY = Story("s", "A story", (), "facts/s.yaml")


def fact(key, kind="count", **fields):
    return Fact(key=key, label=key, kind=kind, story="s", **fields)


APPROVALS = fact("approvals", units=("parliament",), context=("approved",))
MEMBER_STATES = fact("member_states", units=("state", "member"), context=("member",))
TREATED = fact("treated_rate", "percent", context=("treated",))
CONTROL = fact("control_rate", "percent", context=("control",))
TREATED_ARM = fact("treated_arm", units=("patient",), context=("treated",))
CONTROL_ARM = fact("control_arm", units=("patient",), context=("control",))
CROWD = fact("crowd", cues=("crowd was {value}", "crowd of {value}"))
FINAL_DATE = fact("final_date", "date", cues=("{value} final", "final on {value}"))
MEMBERS = fact("members", units=("nation", "member"), context=("alliance",), context_scope="phrase", scope="total")
VOTE_SEATS = fact("union_seats", units=("seat",), context=("Union",), exclude=("required", "needed"))
DEPTH = fact("depth", "quantity", units=("km",), context=("below", "depth", "deep"))
RUPTURE = fact("rupture", "quantity", units=("km",), context=("fault", "split"))
ZELO = fact("zelo_rate", "percent", cues=("{value} of patients in the zelo arm",), context=("zelo",),
            context_scope="phrase")
PLACEBO = fact("placebo_rate", "percent", cues=("{value} in the placebo arm",), context=("placebo",),
               context_scope="phrase")

CASES = [
    ("nearest evidence: approvals and member states",
     "So far 11 parliaments have approved the pact, under half of its 26 member states.",
     (APPROVALS, MEMBER_STATES), {"11": "approvals", "26": "member_states"}),
    ("nearest evidence: each percent to its own group",
     "The rate was 0.8% of treated patients and 1.2% of the control group.",
     (TREATED, CONTROL), {"0.8%": "treated_rate", "1.2%": "control_rate"}),
    ("nearest evidence: catalog order is the last resort",
     "The rate was 1.2% of the control group and 0.8% of treated patients.",
     (TREATED, CONTROL), {"0.8%": "treated_rate", "1.2%": "control_rate"}),
    ("nearest evidence: arms by their own word",
     "The trial had 52 patients in the control arm and 9 patients in the treated arm.",
     (TREATED_ARM, CONTROL_ARM), {"52": "control_arm", "9": "treated_arm"}),
    ("a cue never jumps over another value",
     "The crowd was 52,300, some 4,000 short of the record.",
     (CROWD,), {"52,300": "crowd"}),
    ("a possessive matches a cue word",
     "Saturday's final drew a big crowd; the final on May 3 was the first in the new stadium.",
     (FINAL_DATE,), {"Saturday": "final_date", "May 3": "final_date"}),
    ("a hyphenated word matches a unit",
     "The 30-nation alliance met in Brussels.",
     (MEMBERS,), {"30-nation": "members"}),
    ("an exclude term vetoes only its own clause",
     "The Union's 34 seats make it the largest group, though it needs partners for the 43 seats required.",
     (VOTE_SEATS,), {"34": "union_seats"}),
    ("the phrase looks both ways within the clause",
     "The slip started roughly 9 kilometres below the surface and split the fault over 30 kilometres.",
     (DEPTH, RUPTURE), {"roughly 9 kilometres": "depth", "over 30 kilometres": "rupture"}),
    ("a cue's words are the value's context",
     "A stroke occurred in 8.7% of patients in the zelo arm, compared with 12.4% in the placebo arm.",
     (ZELO, PLACEBO), {"8.7%": "zelo_rate", "12.4%": "placebo_rate"}),
]


def one_document(text: str, published: str = "2024-05-10"):
    """The real grammar's MENTIONS of `text` as document d0, and its DOCUMENTS table."""
    mentions = pd.DataFrame([m.as_record("d0") for m in extract(text, published)], columns=list(MENTIONS))
    documents = pd.DataFrame([{"source": "d0", "path": "d0.txt", "title": None, "outlet": None,
                               "published": published, "published_low": published,
                               "published_high": published, "format": "txt", "text": text, "sha256": ""}])
    return mentions, documents


def bound_frame(text: str, facts, published: str = "2024-05-10"):
    """The real grammar's mentions of `text` (one document) bound to a catalog of `facts`."""
    mentions, documents = one_document(text, published)
    stories = tuple({fact.story: Story(fact.story, fact.story, (), "facts/s.yaml") for fact in facts}.values()) \
        or (STORY,)
    return mentions, bind(mentions, documents, Catalog(facts=tuple(facts), stories=stories))


def audit_binding(text: str, facts) -> dict[str, str | None]:
    mentions, frame = bound_frame(text, facts)
    bound = dict(zip(frame["value_text"], frame["fact"]))
    return {value: bound.get(value) for value in mentions["value_text"]}


@pytest.mark.parametrize("text,facts,expected", [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_binding_reads_like_a_careful_reader(text, facts, expected):
    found = audit_binding(text, facts)
    for value, fact_key in expected.items():
        assert found.get(value) == fact_key, f"{value!r}: {found}"
    unexpected = {v: f for v, f in found.items() if f is not None and v not in expected}
    assert not unexpected, f"bound but should not be: {unexpected}"


AS_OF_CASES = [
    ("a target date is not the as-of date", "The merger should bring synergies of $80 million by 2028.",
     fact("synergies", "money", units=("usd",), context=("synergies",)), "$80 million", ("2024-05-10", "published")),
    ("a period the value covers is its as-of date", "The port ran 12 crane inspections between 2015 and 2020.",
     fact("inspections", units=("inspection",), context=("port",)), "12", ("2020-12-31", "stated")),
    ("a time phrase opening the sentence governs it", "By Friday, confirmed cases had reached 412 in the port.",
     fact("cases", units=("case",), context=("confirmed",)), "412", ("2024-05-10", "stated")),
]


@pytest.mark.parametrize("text,the_fact,value,expected", [c[1:] for c in AS_OF_CASES],
                         ids=[c[0] for c in AS_OF_CASES])
def test_binding_as_of_follows_what_the_clause_says(text, the_fact, value, expected):
    _, frame = bound_frame(text, (the_fact,))
    row = frame[frame["value_text"] == value].iloc[0]
    assert (row["as_of_high"], row["as_of_basis"]) == expected


@pytest.mark.parametrize("text,cue,expected", [
    ("The phone has been on sale since 3 March.", "on sale since {value}", "2024-03-03"),
    ("The ban stays in force until 31 August.", "in force until {value}", "2024-08-31"),
])
def test_binding_since_and_until_state_the_date_they_name(text, cue, expected):
    found = audit_rows(text, fact("the_date", "date", cues=(cue,)))
    assert [(r["low"], r["high"]) for r in found] == [(expected, expected)]


def audit_rows(text: str, the_fact) -> list[dict]:
    return bound_frame(text, (the_fact,), "2024-05-07")[1].to_dict("records")


def test_binding_a_month_keeps_its_calendar_slack_once_converted():
    """ "three months" in a fact counted in days is 84 to 93 days, so it agrees with "a 90-day stay"."""
    stay = fact("stay", "duration", units=("day",), context=("stay",))
    row = audit_rows("The rehab stay lasted three months.", stay)[0]
    assert row["unit"] == "day" and row["derived"] == "converted from month" and row["tolerance"] >= 0.08
