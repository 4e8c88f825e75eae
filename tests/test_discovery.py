"""Discovery: which statements of different sources are one fact, on small corpora written for these tests.

Each case is a few short articles (text, published date) and what a reader concludes: the values that
must share one discovered fact, the values that must not, and the finding statuses expected. The whole
pipeline runs (grammar, reading, discovery, reconcile, the real Great Expectations CK101)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.audit import run_audit

CASES = [
    ("one toll across wordings: 14 against 41 is a conflict", [
        ("2024-03-04", "The earthquake killed 41 people in the province, officials said."),
        ("2024-03-04", "At least 41 people died when the earthquake struck the province."),
        ("2024-03-04", "The earthquake killed 14 people in the province, the agency said."),
    ], [["41", "At least 41", "14"]], [], {"conflict"}),
    ("killed and injured are two facts", [
        ("2024-03-04", "The blast killed 12 people and injured 40 others near the market."),
        ("2024-03-04", "Twelve people were killed and 40 were injured in the market blast."),
    ], [], [("12", "40"), ("Twelve", "40")], set()),
    ("a plan and an act differ without conflict", [
        ("2024-05-02", "The airline plans to cut 900 jobs next year, its chief executive said."),
        ("2024-05-02", "The airline cut 300 jobs last year, its annual report shows."),
    ], [], [], set()),
    ("seats of two parties are two facts", [
        ("2025-10-13", "The Green Party won 22 seats, while the Civic Union took 34 seats in the assembly."),
        ("2025-10-13", "In the new assembly the Civic Union holds 34 seats and the Green Party 22 seats."),
    ], [], [("22", "34")], set()),
    ("a rising toll is a change over time", [
        ("2024-03-04", "The death toll from the floods has risen to 30, officials said on Monday."),
        ("2024-03-06", "The death toll from the floods has climbed to 41, officials said on Wednesday."),
    ], [["30", "41"]], [], {"change_over_time"}),
    ("one date across wordings: the act it dates, past the hour and the pronoun", [
        ("2024-11-19", "A strong earthquake struck the northern valley at 3:42 a.m. on Tuesday, November 19."),
        ("2024-11-20", "Rescuers searched the rubble left by Tuesday's earthquake in the valley."),
        ("2024-11-22", "The earthquake that struck the valley on November 9 destroyed two bridges."),
    ], [["Tuesday, November 19", "Tuesday", "November 9"]], [], {"conflict"}),
    ("a start told with different verbs: began, broke out, ignited", [
        ("2024-08-05", "The fire broke out on Sunday afternoon near the ridge, officials said."),
        ("2024-08-07", "The fire, which began on August 4, has burned 8,400 hectares."),
        ("2024-08-16", "The fire ignited on the afternoon of 3 August below the ridge."),
    ], [["Sunday", "August 4", "3 August"]], [], {"conflict"}),
    ("a body named in full and by its initials is one subject", [
        ("2026-02-13", "The Aldermark Medicines Regulatory Agency approved zelorib on February 12, the maker said."),
        ("2026-02-24", "When the AMRA approved zelorib on February 21, the maker led with the headline number."),
    ], [["February 12", "February 21"]], [], {"conflict"}),
    ("a word that labels periods labels only the year it stands before", [
        ("2025-03-18", "The council is scheduled to vote on the budget on June 10."),
        ("2025-03-19", "Members are due to vote on the budget on June 12, the clerk said."),
    ], [["June 10", "June 12"]], [], {"conflict"}),
    ("a figure of another year is of another occasion", [
        ("2024-11-19", "The quake had a magnitude of 7.1, the survey said, stronger than the one in 1987 of magnitude 6.9."),
        ("2024-11-20", "The quake had a magnitude of 7.1, officials said."),
        ("2024-11-19", "The region's worst quake, in 1987, had a magnitude of 6.9."),
    ], [["6.9"]], [("7.1", "6.9")], set()),
    ("one act told with other verbs dates one fact, whatever else the clause says", [
        ("2024-03-05", "The bank said it identified the intrusion on 26 February and closed the gap."),
        ("2024-03-06", "The bank discovered the intrusion on 26 February, the regulator said."),
        ("2024-03-08", "Its security team spotted unusual traffic in the customer database on 29 February."),
    ], [["26 February", "29 February"]], [], {"conflict"}),
    ("a bound and a figure it holds contest nothing; a part of the count is no count", [
        ("2025-04-08", "The 5.0 release had 187 contributors, 64 of them first-timers."),
        ("2025-04-08", "The 5.0 release is the work of 214 contributors."),
        ("2025-04-08", "The 5.0 release was built by 214 contributors and drew more than 200 contributors in all."),
    ], [["187", "214"]], [("64", "187")], {"conflict"}),
    ("a day someone spoke on dates no act", [
        ("2024-06-04", "The minister said on Tuesday that the bridge would reopen."),
        ("2024-06-06", "The minister told reporters on Thursday that the bridge would reopen."),
    ], [], [("Tuesday", "Thursday")], set()),
    ("figures of other orders are other quantities", [
        ("2025-11-10", "Shareholders will be paid $40 a share in cash when the deal closes."),
        ("2025-11-11", "The company paid 4.2 million dollars in local business tax last year."),
    ], [], [("$40", "4.2 million dollars")], set()),
    ("a slipped decimal is a conflict where the figures measure one thing", [
        ("2024-05-01", "The quake, centred near the town, had a depth of 1.2 miles, the survey said."),
        ("2024-05-01", "The quake struck near the town and had a depth of 12 miles, the survey said."),
        ("2024-05-01", "Seismologists said the quake had a depth of 1.2 miles."),
    ], [["1.2 miles", "12 miles"]], [], {"conflict"}),
    ("a figure many times the others' is another quantity, however alike the words", [
        ("2025-06-02", "The cruise ship returned to port with 684 crew aboard, the operator said."),
        ("2025-06-03", "The cruise ship returned to port with 684 crew aboard, officials said."),
        ("2025-06-04", "The cruise ship returned to port with 57 crew aboard, officials said."),
    ], [["684", "684"]], [("684", "57")], set()),
    ("a tally whose clause says it moved stays one fact, many times what it was", [
        ("2024-03-04", "The death toll from the landslide has risen to 5, officials said on Monday."),
        ("2024-03-09", "The death toll from the landslide has risen to 23, officials said on Saturday."),
    ], [["5", "23"]], [], {"change_over_time"}),
    ("a lone count of the one counted thing a corpus establishes disagrees with it, whatever its other words", [
        ("2025-07-08", "In all, 612 schools entered pupils this year, 38 of them private schools, the board said."),
        ("2025-07-09", "The board confirmed that 612 schools entered pupils for the summer papers."),
        ("2025-07-11", "Results from 587 schools were published on the website on Friday morning."),
    ], [["612", "612", "587"]], [], {"conflict"}),
    ("two days of one act two months apart are two occasions", [
        ("2025-06-02", "The new ward opened on 3 March, the hospital said."),
        ("2025-06-03", "The new ward opened on 14 May, according to the health board."),
    ], [], [("3 March", "14 May")], set()),
    ("two days of one act a month apart are one disagreement", [
        ("2025-06-02", "The new ward opened on 3 March, the hospital said."),
        ("2025-06-03", "The new ward opened on 2 April, according to the health board."),
    ], [["3 March", "2 April"]], [], {"conflict"}),
    ("a crowd told by its place in the sentence", [
        ("2025-05-18", "Salgrave won the cup final 3-2 in front of 61,482 supporters at Crown Park."),
        ("2025-05-18", "A crowd of 61,482 at Crown Park saw Salgrave lift the cup."),
        ("2025-05-19", "Salgrave's winner came in front of 64,182 at Crown Park."),
    ], [["61,482", "64,182"]], [], {"conflict"}),
    ("one writer's two percentages are two statements, however they round", [
        ("2025-03-18", "Police funding rises 4 percent, and the property tax levy rises 3.5 percent."),
        ("2025-03-24", "The property tax levy rises 3.5 percent under the plan."),
    ], [["3.5 percent"]], [("4 percent", "3.5 percent")], set()),
    ("the time between two moments is no time until one", [
        ("2008-12-11", "The endangered species rule takes effect nine days before the president's inauguration, officials said."),
        ("2008-12-12", "The secretary defended the endangered species rules, which take effect in 30 days."),
        ("2008-12-12", "The endangered species rules take effect in 30 days, the department said."),
    ], [], [("nine days", "30 days")], set()),
    ("a margin is no level", [
        ("2025-09-16", "The river peaked at 7.64 metres, beating the old record by 23 centimetres, the office said."),
        ("2025-09-15", "The river stood just below the record of 7.41 metres on Monday morning, the office said."),
    ], [], [("23 centimetres", "7.41 metres")], set()),
    ("a figure told in an aside of another year is of another occasion", [
        ("2025-02-13", "Eleven miners died in the collapse at Brenna Deep, the operator said."),
        ("2025-02-12", "The country's worst mining accident, at Voll in 1979, killed 94 miners."),
        ("2025-02-13", "The collapse at Brenna Deep killed eleven miners."),
    ], [["Eleven", "eleven"]], [("Eleven", "94")], set()),
    ("two things built in two years are two dates", [
        ("2025-09-14", "The old stone bridge at Hesk, built in 1894, has been closed to traffic."),
        ("2025-09-22", "Residents say the embankment built in 1999 was too low to hold the river."),
    ], [], [("1894", "1999")], set()),
    ("a figure with two digits swapped is that figure miscopied; underground, below the surface: a depth", [
        ("2025-02-12", "The men were trapped by Tuesday's roof fall 460 metres underground, in one of the deepest mines."),
        ("2025-02-13", "The collapse happened at a coal face 640 metres below the surface, during the night shift."),
        ("2025-02-13", "Brenna Deep works seams at a depth of about 640 metres, where rock pressure is high."),
        ("2025-02-14", "Rescuers drilled a bypass tunnel through the rock at a depth of 640 metres."),
    ], [["460 metres", "640 metres", "about 640 metres"]], [], {"conflict"}),
    ("a figure miscopied is found by its digits", [
        ("2025-03-18", "The budget includes $38 million in spending cuts across city departments."),
        ("2025-03-20", "The plan includes $38 million in targeted spending reductions across city departments."),
        ("2025-03-24", "The plan relies on $83 million in departmental spending reductions, budget documents show."),
    ], [["$38 million", "$83 million"]], [], {"conflict"}),
    ("a statement told by two verbs of acts (cuts, spending reductions) shares either act", [
        ("2025-03-19", "Mayor Odile Franck on Tuesday unveiled a spending plan of nearly $1.2 billion, pairing $38 million "
                       "in cuts with the first property tax increase in six years."),
        ("2025-04-02", "The $38 million in cuts is real money, but a third of it is one-time."),
        ("2025-03-24", "Lennick plans $83M in cuts\n\nThe plan relies on $83 million in departmental spending "
                       "reductions, according to budget documents."),
    ], [["$38 million", "$83M", "$83 million"]], [], {"conflict"}),
    ("a value its own writer corrected stays beside the writer's figure, resolved by the correction", [
        ("2025-09-16", "The River Velka peaked at 7.64 metres at the Dornholt gauge shortly before midnight on Monday."
                       "\n\nCorrection: An earlier version of this article said the river peaked at 7.46 metres."),
        ("2025-09-17", "The Velka peaked at the Dornholt gauge at 7.64 m at 23:40 on 15 September."),
        ("2025-09-22", "The river peaked at 7.46 metres at the Dornholt gauge late on September 15, a new record."),
    ], [["7.64 metres", "7.64 m", "7.46 metres"]], [], {"conflict", "resolved_by_correction"}),
    ("a market's close is a figure of its day: a month later, another close is a change", [
        ("2024-11-13", "Calvenor's stock closed at $23.40 after the recall was announced."),
        ("2024-11-14", "The stock of Calvenor closed at $23.40, the exchange said."),
        ("2024-12-20", "Calvenor's stock closed at $24.15 as buyers returned."),
    ], [["$23.40", "$24.15"]], [], {"change_over_time"}),
    ("a level told falling, in any tense, is a change over time", [
        ("2025-07-08", "Hosepipe ban as the Eldry Reservoir falls to 41 per cent of capacity."),
        ("2025-07-16", "The Eldry Reservoir slips to 37% of capacity, the operator said."),
        ("2025-07-23", "The Eldry Reservoir was down to 35% of capacity, the operator said."),
        ("2025-08-05", "The Eldry Reservoir stood at 33% of capacity, the operator said."),
    ], [["41 per cent", "37%", "35%", "33%"]], [], {"change_over_time"}),
    ("the size of one move is a figure of its own: 3.8 against 8.3 is a conflict, whatever the verb", [
        ("2024-11-13", "Calvenor's shares fell 8.3% on the day after the recall was announced."),
        ("2024-11-15", "Calvenor's shares slid 3.8 percent on the day after the recall was announced."),
        ("2024-12-20", "Calvenor's shares, which fell 8.3 per cent the day after the recall was announced, recovered."),
    ], [["8.3%", "3.8 percent", "8.3 per cent"]], [], {"conflict"}),
    ("a figure too specific to meet by chance ties statements that share no other word", [
        ("2025-07-07", "The ban covers all 418,000 households it supplies. So far 23 households have been warned."),
        ("2025-07-08", "Officials said the ban would affect about 418,000 households from July 21."),
        ("2025-07-23", "The ban applies to the region's 418,000 households, and 12 households were fined."),
    ], [["about 418,000", "418,000"]], [("23", "12")], set()),
    ("a page's stamp dates no act of the story", [
        ("2013-09-17", "Climber dies in fall\nLast updated 13:26 14/09/2013\n\nA climber died on Friday after a fall."),
        ("2013-09-17", "Climber dies in fall\n15/09/2013 Last updated at 12:42 GMT\n\nA climber died on Friday."),
        ("2013-09-18", "Climber named\nPosted: 16 September 2013\n\nThe climber who died on Friday was named."),
    ], [], [], set()),
    ("the day a level was read dates the level, no act of the story", [
        ("2025-07-16", "The Eldry Reservoir was at 37 percent of capacity on Monday, its operator said."),
        ("2025-08-05", "The Eldry Reservoir fell to 33 per cent of capacity on Monday, the operator said."),
        ("2025-07-07", "The Eldry Reservoir stood at 41% of capacity on 6 July, the operator said."),
    ], [], [], set()),
    ("the items of an inventory are counted by category, source by source: no shared fact", [
        ("2008-12-14", "The commandos recovered 12 machine guns, three rifles, two grenades and other ammunition."),
        ("2008-12-14", "Nine assault rifles, a grenade launcher, 13 loaded magazines and a GPS set were seized."),
        ("2008-12-15", "The arms included seven AK-47s, one launcher, grenades and two other rifles."),
    ], [], [], set()),
    ("a list of acts is no inventory: killed and injured stay two facts", [
        ("2024-03-04", "The blast killed 12 people, injured 40 others and destroyed three homes near the market."),
        ("2024-03-04", "The blast killed 21 people and injured 40 others near the market, officials said."),
    ], [["12", "21"]], [("12", "40")], {"conflict"}),
    ("a figure most of its sources say is moving is given anew by each, its clause saying so or not", [
        ("2025-04-02", "Rescue teams at the Orvel colliery are searching for 30 miners still missing underground."),
        ("2025-04-03", "At the Orvel colliery, 22 miners were missing underground, the mines agency said."),
        ("2025-04-05", "Twelve miners remain missing underground at the Orvel colliery, the mines agency said."),
        ("2025-04-05", "Rescue teams at the Orvel colliery said 12 miners were still missing underground."),
    ], [["30", "22", "Twelve", "12"]], [], {"change_over_time"}),
    ("a plan whose day had passed when another source wrote is another occasion, not a rival date", [
        ("2025-09-16", "Talks between the port and the dockers' union are due to resume on Wednesday at the mediation office."),
        ("2025-09-22", "Talks between the port and the dockers' union are scheduled to resume on Monday at the mediation office."),
        ("2025-09-22", "Talks between the port and the dockers' union are due to resume on Monday at the mediation office."),
    ], [], [("Wednesday", "Monday")], set()),
    ("two plans for one day still to come are rivals", [
        ("2025-09-16", "Talks between the port and the dockers' union are due to resume on Wednesday at the mediation office."),
        ("2025-09-16", "Talks between the port and the dockers' union are scheduled to resume on Thursday at the mediation office."),
        ("2025-09-16", "Talks between the port and the dockers' union are due to resume on Thursday at the mediation office."),
    ], [["Wednesday", "Thursday"]], [], {"conflict"}),
    ("an age that opens its sentence dates a moment of a life, not the story's", [
        ("2024-06-02", "The actress Mara Vell has died at the age of 91, her family said."),
        ("2024-06-02", "Mara Vell died on Saturday at the age of 91 in Porto."),
        ("2024-06-03", "Mara Vell was born in Lisbon. At the age of 12, Vell began to act on stage."),
    ], [], [("91", "12")], set()),
    ("days seasons apart are of different occasions; a year's misprint is one date", [
        ("2025-09-12", "The port authority said the new terminal will open in March 2028, on the north quay."),
        ("2025-09-22", "The new terminal will open in March 2029, on the north quay, the port authority said."),
        ("2025-09-24", "The port authority said the new terminal will open in March 2028 on the north quay."),
        ("2025-05-12", "The town held its fair on Saturday in the market square, the council said."),
        ("2025-10-21", "The town held its fair on Saturday in the market square, the council said."),
    ], [["March 2028", "March 2029"]], [("Saturday", "Saturday")], {"conflict"}),
    ("attacked and rescued are two acts", [
        ("2024-03-04", "Since January, raiders have attacked nearly 100 river barges, the waterways agency said."),
        ("2024-03-04", "In February the patrol boat rescued two barges held by raiders."),
        ("2024-03-05", "In February a patrol boat also rescued two grain barges from the raiders."),
        ("2024-03-05", "The coastguard is said to have rescued two barges in February."),
        ("2024-03-05", "Officers searched two of the raiders' boats and held 12 men."),
    ], [], [("nearly 100", "two")], set()),
    ("those waiting past a bar of time are a part of those waiting", [
        ("2026-01-15", "At the end of December, 412,300 people were waiting to start hospital treatment."),
        ("2026-01-16", "More than 412,000 people are waiting for treatment. Nearly 24,000 people have waited more than a year."),
        ("2026-01-29", "At the end of December, 412,300 people were waiting for treatment, the board said."),
    ], [["412,300", "More than 412,000"]], [("412,300", "Nearly 24,000")], set()),
    ("a projection is not a conflict", [
        ("2024-07-01", "The new bridge cost 120 million euros, the authority said."),
        ("2024-07-01", "The new bridge cost 120 million euros; the final bill could rise to 150 million euros."),
        ("2024-07-02", "The bridge, which cost 120 million euros, opened on Monday."),
    ], [], [], set()),
]


def corpus(tmp_path, articles):
    folder = tmp_path / "corpus"
    folder.mkdir()
    documents = []
    for number, (published, text) in enumerate(articles):
        name = f"a{number}.txt"
        (folder / name).write_text(text + "\n", encoding="utf-8")
        documents.append({"id": f"a{number}", "file": name, "published": published})
    (folder / "manifest.json").write_text(json.dumps({"documents": documents}), encoding="utf-8")
    return folder


def facts_of(result) -> dict[str, str]:
    """value_text -> discovered fact key, per (source, value_text)."""
    return {(row.source, row.value_text): row.fact for row in result.observations.itertuples()}


@pytest.mark.parametrize("name,articles,together,apart,statuses", CASES, ids=[case[0] for case in CASES])
def test_discovery_groups_like_a_reader(tmp_path, name, articles, together, apart, statuses):
    result = run_audit(corpus(tmp_path, articles), facts=None, expectations=None)
    placed = facts_of(result)
    by_value: dict[str, set] = {}
    for (source, value), fact in placed.items():
        by_value.setdefault(value, set()).add(fact)
    for values in together:
        keys = set().union(*(by_value.get(value, {None}) for value in values))
        assert len(keys) == 1 and None not in keys, f"{values} should be one fact: {placed}"
    for first, second in apart:
        shared = by_value.get(first, set()) & by_value.get(second, set())
        assert not shared, f"{first} and {second} should be different facts: {placed}"
    found = set(result.findings["status"]) - {"consistent", "single_source", "modality_only"}
    assert found == statuses, result.findings[["fact", "status", "message"]].to_string()
    assert all(fact.origin == "discovered" for fact in result.catalog.facts)


def test_the_day_something_was_told_to_someone_is_no_fact_of_the_story(tmp_path):
    """ "she told Playboy in 1998", "told reporters on Monday": the day of a statement, however many sources
    quote it; what was told keeps its own dates."""
    result = run_audit(corpus(tmp_path, [
        ("2008-12-12", "It was better than typing all day, she told Playboy in 1998."),
        ("2008-12-12", "It beat typing eight hours a day, she told Playboy in 1998."),
        ("2008-12-13", "She told reporters on Monday that the hospital released her in 1992."),
        ("2008-12-14", "The hospital released her in 1992, her agent said."),
    ]), facts=None, expectations=None)
    placed = facts_of(result)
    assert not any(value in ("1998", "Monday") for _, value in placed), placed
    assert {fact for (_, value), fact in placed.items() if value == "1992"} != set(), placed


def test_the_day_a_count_speaks_for_is_no_fact_of_the_story(tmp_path):
    """ "had counted 31 cases on 3 February": the day is the count's as-of, not the day of an act; the counts
    stay figures of the story."""
    result = run_audit(corpus(tmp_path, [
        ("2025-02-10", "Health officials had counted 31 measles cases on 3 February."),
        ("2025-03-24", "The authority recorded 120 measles cases on 20 March."),
        ("2025-03-25", "By then officials had counted 131 measles cases on 21 March."),
    ]), facts=None, expectations=None)
    placed = facts_of(result)
    assert not any(value in ("3 February", "20 March", "21 March") for _, value in placed), placed
    assert {value for _, value in placed} == {"31", "120", "131"}, placed


def test_discovery_is_deterministic(tmp_path):
    articles = CASES[0][1] + CASES[4][1]
    first = run_audit(corpus(tmp_path, articles), facts=None, expectations=None)
    again = run_audit(tmp_path / "corpus", facts=None, expectations=None)
    assert [f.key for f in first.catalog.facts] == [f.key for f in again.catalog.facts]
    assert first.observations.equals(again.observations)


def test_discovery_runs_on_what_a_catalog_leaves(tmp_path):
    folder = corpus(tmp_path, CASES[0][1])
    catalog = tmp_path / "facts.yaml"
    catalog.write_text("story: quake\nfacts:\n  - key: deaths\n    label: Deaths\n    kind: count\n"
                       "    unit: person\n    context: [killed, died]\n", encoding="utf-8")
    result = run_audit(folder, facts=catalog, expectations=None)
    assert set(result.observations["fact"]) == {"deaths"}      # the toll is declared: nothing left to discover
    bare = run_audit(folder, facts=catalog, expectations=None, discover=False)
    assert set(bare.observations["fact"]) == {"deaths"}
    assert [f.key for f in bare.catalog.facts] == ["deaths"]


def test_a_corrected_figure_is_resolved_by_correction_not_a_conflict(tmp_path):
    folder = corpus(tmp_path, [
        ("2025-10-14", "Correction: An earlier version of this article said turnout was 68.3 percent. "
                       "It was 63.8 percent."),
        ("2025-10-13", "Turnout was 63.8 percent, the electoral commission said."),
    ])
    catalog = tmp_path / "facts.yaml"
    catalog.write_text("story: vote\nfacts:\n  - key: turnout\n    label: Turnout\n    kind: percent\n"
                       "    context: [turnout]\n    context_scope: paragraph\n", encoding="utf-8")
    result = run_audit(folder, facts=catalog, expectations=None, discover=False)
    statuses = dict(zip(result.findings["status"], result.findings["message"]))
    assert "conflict" not in statuses
    assert "68.3 percent" in statuses["resolved_by_correction"]
    modalities = dict(zip(result.observations["value_text"], result.observations["modality"]))
    assert modalities == {"68.3 percent": "corrected", "63.8 percent": "reported"}


def _demo_candidate_tables():
    """(the demo corpus's candidate tables, its documents)."""
    from checker import catalog as catalog_mod, corpus, pipeline

    facts, _ = corpus.default_inputs(None, corpus.DEFAULT, corpus.DEFAULT)
    documents = corpus.load_corpus(None)
    return pipeline.document_tables(documents, catalog_mod.load_catalog(facts), candidates=True).candidates, documents


@pytest.mark.parametrize("block", [1, 5_000, 10**9])   # a table a block, some tables a block, all in one
def test_candidate_rows_read_the_same_once_packed(monkeypatch, block):
    # Grouping packs the candidate tables once it has parsed its columns (memory); the rows of the facts'
    # statements are read after it, from the packed tables, and must be the rows the tables held
    from checker.discovery import candidates

    tables, documents = _demo_candidate_tables()
    monkeypatch.setattr(candidates, "PACK_BLOCK", block)
    rows = candidates._CandidateRows(tables, documents)
    before = [candidates._CandidateRows(tables, documents).rows([i])[0] for i in range(rows.count)]
    assert rows.count > 10 and len(rows.tables) > 1
    for _ in rows.families():
        pass
    assert rows._packed is not None and rows.tables == []
    assert rows.rows(list(range(rows.count))) == before
    # any order, any repeats: each row where it was asked for
    asked = [rows.count - 1, 0, 3, 0, rows.count // 2]
    assert rows.rows(asked) == [before[i] for i in asked]


def test_grouping_rows_read_as_the_whole_rows_do():
    # Grouping holds a family's rows as slots (_GroupingRow: memory), read as dicts are; each must read what the
    # whole row holds, and a key it lacks as a dict's get reads one
    from checker.discovery import candidates

    tables, documents = _demo_candidate_tables()
    rows = candidates._CandidateRows(tables, documents)
    whole = candidates._CandidateRows(tables, documents).rows(list(range(rows.count)))
    seen = 0
    for row_of, _, numbers, slots in rows.families():
        for position in (position for number in numbers for position in slots[number]):
            row = row_of(position)
            seen += 1
            assert {name: row[name] for name in candidates._GROUPING_FIELDS} == \
                {name: whole[position][name] for name in candidates._GROUPING_FIELDS}
            assert row["_published"] == row.get("_published") == whole[position]["_published"]
            assert row.get("authority") is None and row.get("authority", "none") == "none"
    assert seen == rows.count


def _family_lists(row_of, terms_of, numbers, slots):
    """(rows, vectors) of one family's statements as lists over every position (None outside the family), as
    grouping a whole family at once reads them."""
    from checker.discovery import grouping

    count = sum(map(len, slots))
    rows, terms = [None] * count, [None] * count
    for position in (position for number in numbers for position in slots[number]):
        rows[position], terms[position] = row_of(position), terms_of(position)
    present = [position for position, row in enumerate(rows) if row is not None]
    idf = grouping._idf([rows[i] for i in present], [terms[i] for i in present])
    return rows, [None if row is None else grouping._vector(row, idf, *terms[at]) for at, row in enumerate(rows)]


def _candidate_rows(corpus, tmp_path):
    """(_CandidateRows, outlets) of the demo, or a generated corpus or one of our stories without a catalog."""
    from checker import catalog as catalog_mod, corpus as corpus_mod, pipeline
    from checker.discovery import candidates

    if corpus == "demo":
        tables, documents = _demo_candidate_tables()
    else:
        if corpus == "generated":
            from tests.benchmark_modules import generated_corpus

            path, _ = generated_corpus(tmp_path, 240, seed=5, catalog=False)
        else:
            path = Path(__file__).resolve().parent.parent / "benchmarks" / "stories" / corpus
        documents = corpus_mod.load_corpus(path)
        catalog = catalog_mod.load_catalog(None)
        tables = pipeline.document_tables(documents, catalog, candidates=True).candidates
    outlets = dict(zip(documents["source"].tolist(), documents["outlet"].tolist()))
    return candidates._CandidateRows(tables, documents), outlets


# (the stories: a family contested by slots in other parts, and a family's one fact taking in strays)
@pytest.mark.parametrize("corpus", ["demo", "generated", "budget-lennick", "release-orbitdb", "quake-vanmora"])
def test_a_family_grouped_by_connected_parts_groups_as_the_whole_family_does(corpus, tmp_path):
    # Grouping takes one connected part of a family's candidate pairs at a time (memory): the groups that stand,
    # their members, evidence and confidence, and the strays the one fact of a family takes in, must be those
    # that grouping every slot of the family together makes
    from checker.discovery import candidates, grouping

    candidates, outlets = _candidate_rows(corpus, tmp_path)
    parts = merged = 0
    for row_of, terms_of, numbers, slots in candidates.families():
        rows, vectors = _family_lists(row_of, terms_of, numbers, slots)
        settled = [(n, grouping._settle(g, rows)) for n, g in grouping._group(rows, vectors, slots, numbers)]
        whole = [(n, g) for n, g in settled
                 if g is not None and len({outlets.get(s, s) for s in g.sources}) >= 2]
        if len(whole) == 1:
            held = {id(m) for _, g in settled if g is not None and len(g.slot_members) > 1 for m in g.slot_members}
            lone = [slots[n] for n in numbers if id(slots[n]) not in held]
            grouping._take_strays(whole[0][1], lone, vectors, rows)
        by_parts = grouping._family_standing(row_of, terms_of, numbers, slots, outlets)
        assert [(n, sorted(g.members), g.vector, frozenset(g.sources), grouping._confidence(g)) for n, g in whole] \
            == [(n, sorted(g.members), g.vector, g.sources, g.confidence) for n, g in by_parts]
        merged += sum(len(g.slot_members) > 1 for _, g in settled if g is not None)
        pairs = grouping._candidate_pairs(_postings(rows, vectors, slots, numbers),
                                           lambda n: rows[slots[n][0]]["source"])
        parts += len(grouping._connected(pairs))
    assert merged and parts > 1   # groups of several slots made, in more than one part


def _postings(rows, vectors, slots, numbers):
    from collections import defaultdict

    from checker.discovery import grouping

    postings = defaultdict(list)
    for n in numbers:
        values = {grouping._value_key(rows[i]) for i in slots[n]} - {""}
        for key in grouping._posting_keys(rows[slots[n][0]]["family"], grouping._slot_vector(slots[n], vectors),
                                           values):
            postings[key].append(n)
    return postings


@pytest.mark.parametrize("pairs, parts", [
    (set(), []),
    ({(3, 7)}, [([3, 7], {(3, 7)})]),
    ({(5, 9), (1, 2), (2, 9)}, [([1, 2, 5, 9], {(5, 9), (1, 2), (2, 9)})]),
    ({(4, 6), (0, 8), (6, 10)}, [([0, 8], {(0, 8)}), ([4, 6, 10], {(4, 6), (6, 10)})]),
])
def test_connected_parts_of_candidate_pairs(pairs, parts):
    from checker.discovery import grouping

    assert grouping._connected(pairs) == parts


def test_groups_count_their_own_slots_though_slots_share_counts():
    # A slot's counts of its verbs and values are one Counter for every slot of the same one item (memory), copied
    # when a merge first adds to its group: each group must count its own slots' verbs and values, and no merge
    # may add to the counts of a group it did not touch
    from collections import Counter

    from checker.discovery import candidates, grouping

    tables, documents = _demo_candidate_tables()
    merged = shared = 0
    for row_of, terms_of, numbers, slots in candidates._CandidateRows(tables, documents).families():
        rows, vectors = _family_lists(row_of, terms_of, numbers, slots)
        groups = [group for _, group in grouping._group(rows, vectors, slots, numbers)]
        for group in groups:
            acts, values = Counter(), Counter()
            for members, slot_values in zip(group.slot_members, group.slot_values):
                acts.update({grouping._act(rows[i]["predicate"] or "") for i in members} - {""})
                values.update(slot_values)
            assert group.predicates == acts and group.values == values
            merged += len(group.slot_members) > 1
        held = Counter(id(counts) for group in groups for counts in (group.predicates, group.values))
        shared += sum(1 for count in held.values() if count > 1)
    assert merged and shared   # the demo's groups merge slots, and slots share counts


@pytest.mark.parametrize("corpus", ["demo", "seeds"])
def test_discovery_reads_candidate_tables_joined_as_listed(corpus):
    # A re-audit's candidate tables come from its block snapshots as one text each (checker.snapshot): grouped
    # now (no memo), here or in a forked process, they give the facts and statements the listed tables give
    import pandas as pd

    from checker import catalog as catalog_mod, corpus as corpus_mod, discovery, pipeline
    from checker.cache import SEPARATOR
    from tests.seeds import seeds_path

    if corpus == "seeds" and seeds_path() is None:
        pytest.skip("the seeds corpus (../shared/seeds) is not here")
    path = None if corpus == "demo" else seeds_path()
    facts = corpus_mod.default_inputs(path, corpus_mod.DEFAULT, None)[0]
    documents, catalog = corpus_mod.load_corpus(path), catalog_mod.load_catalog(facts)
    found, observations, tables = pipeline.per_document_stages(documents, catalog, candidates=True, jobs=1)
    listed = discovery.discover(found, None, documents, catalog=catalog, bound=observations["mention"].tolist(),
                                candidates=tables)
    joined = discovery.discover(found, None, documents, catalog=catalog, bound=observations["mention"].tolist(),
                                candidates=[SEPARATOR.join(table) for table in tables])
    assert listed[1] and joined[1] == listed[1]
    pd.testing.assert_frame_equal(joined[0], listed[0])
    # grouped in a forked process (a large corpus's audit with a core to spare): the same facts and statements
    forked = discovery.discover(found, None, documents, catalog=catalog, bound=observations["mention"].tolist(),
                                candidates=[SEPARATOR.join(table) for table in tables], fork=True)
    assert forked[1] == listed[1]
    pd.testing.assert_frame_equal(forked[0], listed[0])


@pytest.mark.parametrize("order", [
    [[0, 1, 2, 3, 4]],           # one chunk of every table (a first audit's tables held in the process)
    [[0, 1], [2], [3, 4]],       # blocks in the tables' order
    [[3, 0], [4, 2], [1]],       # a store's blocks, whose documents come in another order than their ids
])
def test_candidate_columns_parsed_a_chunk_at_a_time_are_the_whole_columns(order):
    # Grouping parses its columns a block of tables at a time (memory): each row's value where the row is, and each
    # distinct text one object across chunks
    from checker.discovery import candidates
    from checker.cache import dumps_values

    rows = [[("reported", 1), ("hedged", None)], [("reported", 2)], [("planned", 3), ("reported", 4), ("hedged", 5)],
            [("denied", 6)], [("hedged", 7), ("projected", 8)]]
    tables = [[dumps_values([text for text, _ in table]), dumps_values([number for _, number in table])]
              for table in rows]
    firsts = [0]
    for table in rows:
        firsts.append(firsts[-1] + len(table))
    chunks = [(numbers, [tables[n] for n in numbers]) for numbers in order]
    columns = candidates._parsed_columns(chunks, [1, 0], firsts)
    assert columns == [[number for table in rows for _, number in table], [text for table in rows for text, _ in table]]
    assert len({id(text) for text in columns[1] if text == "reported"}) == 1


@pytest.mark.parametrize("text", ["", "one line", "a\nbb\n\nccc\n", "\n\nlead\r\nand trail\n\n", "é\n" * 300])
def test_discovery_line_of_a_statement_is_the_readers(text):
    # discovery keeps a light text per source (memory: its newlines an array): the lines a reading gives
    from checker.discovery import _Text
    from checker.reading import Words

    class Read:   # Words.line_of alone, of the same text
        line_of = Words.line_of

        def __init__(self) -> None:
            self.text, self._newlines = text, None

    light, read = _Text(text), Read()
    assert [light.line_of(at) for at in range(len(text) + 2)] == [read.line_of(at) for at in range(len(text) + 2)]
