"""The reading stage on the real grammar: what each value's clause says of its time."""
from __future__ import annotations

import pandas as pd
import pytest

from checker.columns import MENTIONS, READINGS
from checker.mentions import extract
from checker.reading import read_clauses


def readings(text: str, published: str = "2025-04-29"):
    mentions = pd.DataFrame([m.as_record("d0") for m in extract(text, published)], columns=list(MENTIONS))
    documents = pd.DataFrame([{"source": "d0", "path": "d0.txt", "title": None, "outlet": None,
                               "published": published, "published_low": published, "published_high": published,
                               "format": "txt", "text": text, "sha256": ""}])
    frame = read_clauses(mentions, documents)
    assert list(frame.columns) == list(READINGS) and len(frame) == len(mentions)
    return {value: row for value, row in zip(mentions["value_text"], frame.to_dict("records"))}


def test_reading_a_dated_heading_gives_the_as_of_of_its_section():
    found = readings("Orbitane changelog\n\nv5.0.0 (2025-04-08)\n\n- 312 bugs fixed\n\n"
                     "Update, 3 March 2025\n\nThe team has 214 contributors now.\n")
    assert (found["312"]["as_of_high"], found["312"]["as_of_basis"]) == ("2025-04-08", "heading")
    assert (found["214"]["as_of_high"], found["214"]["as_of_basis"]) == ("2025-03-03", "heading")


def test_reading_a_sentence_is_no_heading():
    # not a heading's date: the sentence's own subject dates the figure (a past verb between them)
    found = readings("The release on 2025-04-08 fixed 312 bugs.\n")
    assert (found["312"]["as_of_basis"], found["312"]["as_of_high"]) == ("stated", "2025-04-08")


@pytest.mark.parametrize("text,value,as_of", [
    ("An interim analysis in September 2024 showed a 24% reduction in risk.", "24%", "2024-09-30"),
    ("It beat an interim look at the data in September 2024, which had shown a 24% reduction.", "24%", "2024-09-30"),
    ("A census in 2021 counted 30 members.", "30", "2021-12-31"),
    ("The study was designed, when it began in March 2021, to enroll 2,200 patients.", "2,200", "2021-03-31"),
    ("The survey in May found that 41% of voters were undecided.", "41%", "2025-05-31"),
    # a present verb speaks of now; a target after publication is no as-of; a verb of more than one word
    # between (or another clause) is not the subject's
    ("The plant opened in 2015 employs 450 workers.", "450", "2025-06-09"),
    ("The board in 2027 will have 12 seats.", "12", "2025-06-09"),
    ("Officials in July said the toll had reached 41.", "41", "2025-06-09"),
    ("The company, founded in 2002, employs 5,000 people.", "5,000", "2025-06-09"),
    # an aside set off by commas: its date is the subject's occasion, unless the aside names an act of its own
    ("The country's worst mining accident, at Voll in 1979, killed 94 people.", "94", "1979-12-31"),
    ("The company, founded in 2002, employed 5,000 people.", "5,000", "2025-06-09"),
    ("The Corran Fire of 2019, which burned 22,000 hectares, was larger.", "22,000 hectares", "2019-12-31"),
    ("The class of 2019 has 40 members.", "40", "2025-06-09"),
    # a figure said of a time that long before the writing; not one counted from another moment
    ("Sales reached 40 units, up from 31 units a year ago.", "31", "2024-06-09"),
    ("The wait was 14.2 weeks, compared with 13.8 weeks a month earlier.", "13.8 weeks", "2025-05-09"),
    ("The firm had 9 staff two years earlier.", "9", "2023-06-09"),
    ("The firm had 12 staff a year before the vote.", "12", "2025-06-09"),
    # a level read on a day is as of that day; an act's count on a day is said as of the writing
    ("The reservoir was at 37 percent of capacity on Friday.", "37 percent", "2025-06-06"),
    ("The reservoir fell to 33 per cent of capacity on 2 June.", "33 per cent", "2025-06-02"),
    ("The stock closed at $24.15 on 5 June.", "$24.15", "2025-06-05"),
    ("Stocks were 35% of capacity as of 1 June.", "35%", "2025-06-01"),
    ("The quake killed 41 people on 3 June.", "41", "2025-06-09"),
    # a state its subject was in on a day, and a list going on from it; not an act done to them
    ("Rosters show 3,870 nursing staff were on strike on 2 June, 3,520 on 3 June and 3,410 on 4 June.", "3,870",
     "2025-06-02"),
    ("Rosters show 3,870 nursing staff were on strike on 2 June, 3,520 on 3 June and 3,410 on 4 June.", "3,520",
     "2025-06-03"),
    ("In all, 41 people were killed on Tuesday.", "41", "2025-06-09"),
    # a peak read on a day, the hour between them ("at 18:45": a clock's colon breaks no clause)
    ("The grid met an all-time peak load of 9,840 MW at 18:45 on 6 June, without shedding load.", "9,840 MW",
     "2025-06-06"),
    ("A total of 41 people were killed on 3 June.", "41", "2025-06-09"),
    # a period after another figure is that one's; a year naming the round a figure comes from, or the round's own
    # time after a comma; a since-clause's date starts a period
    ("The census counted 41 animals against 23 in 2022.", "41", "2025-06-09"),
    ("The census counted 41 animals against 23 in 2022.", "23", "2022-12-31"),
    ("Rangers found 41 lynx, up from 23 animals in the 2022 census and 14 in the first count, made in 2019.", "23",
     "2022-12-31"),
    ("Rangers found 41 lynx, up from 23 animals in the 2022 census and 14 in the first count, made in 2019.", "14",
     "2019-12-31"),
    ("The park has released 16 lynx since the reintroduction began in 2017.", "16", "2025-06-09"),
    # a closed period right after the figure is its time, and "the year before" counts back from it
    ("Lynx killed 62 sheep on farms around the park last year, up from 38 the year before.", "62", "2024-12-31"),
    ("Lynx killed 62 sheep on farms around the park last year, up from 38 the year before.", "38", "2023-12-31"),
    ("The firm has 40 staff who joined last year.", "40", "2025-06-09"),
    ("The authority counted only nine new cases last week.", "nine", "2025-06-08"),
    ("The quake killed 41 people last Tuesday.", "41", "2025-06-09"),
    ("The reservoir stood at 41% on 6 June, compared with 58% at the start of May.", "58%", "2025-05-15"),
    # a year right after the figure, its phrase ending there, is the figure's own year
    ("Turnout was well above the 41.2 percent of 2017 and the 33 percent in 2021.", "41.2 percent", "2017-12-31"),
    ("The council spent $5 million of 2024 funds on roads.", "$5 million", "2025-06-09"),
    # a when-clause opening the sentence dates the value right after its comma
    ("When the Post visited the site on Tuesday, about 450 workers were on site.", "about 450", "2025-06-03"),
    # a comparison in brackets, labelled with its period
    ("Members: 8,400, up 6% (Q1 2024: 7,900).", "7,900", "2024-03-31"),
    ("Sales were EUR 2.1 billion (2024: EUR 1.8 billion).", "EUR 1.8 billion", "2024-12-31"),
    ("Sales were EUR 2.1 billion (see note 2024: page 4).", "EUR 2.1 billion", "2025-06-09"),
])
def test_reading_a_date_in_the_subject_dates_the_value(text, value, as_of):
    assert readings(text, published="2025-06-09")[value]["as_of_high"] == as_of


def test_reading_a_period_running_past_the_writing_speaks_as_of_the_writing():
    # in February, this winter runs to the end of the month: the census counted 41 as of the day it was told
    assert readings("This winter's census in the park counted 41 lynx.", "2025-02-12")["41"]["as_of_high"] == \
        "2025-02-12"


@pytest.mark.parametrize("text,value,entity", [
    ("The Liberal Party won 34 seats.", "34", "liberal party"),
    ("The assembly gave 22 seats to the Greens.", "22", "green"),
    # who speaks is not whose the figure is, nor is the place it is in
    ("Ellwyn Valley Water said 8,400 households are affected.", "8,400", ""),
    ("A notice covers 8,400 households in Harrowmere and five villages.", "8,400", ""),
    # a place's name before a common noun says which thing, not whose figure
    ("The river peaked at 7.46 metres at the Dornholt gauge late on Monday.", "7.46 metres", ""),
    ("The Velka peaked at the Dornholt gauge at 7.64 m on Monday.", "7.64 m", ""),
    # a value in a relative clause is said of the name its pronoun stands for, past an age set off by commas
    ("Eilif Brannock, 57, who keeps 400 ewes at Cragholt, lost nine lambs.", "400", "eilif brannock"),
    ("Anna Berg, whose firm employs 40 people, spoke.", "40", "anna berg"),
    ("The farmer who keeps 400 ewes lost lambs.", "400", ""),
])
def test_reading_the_named_subject_of_a_value(text, value, entity):
    assert readings(text, "2025-09-16")[value]["entity"] == entity


def test_reading_what_a_value_counts_and_is_said_of():
    found = readings("The blast killed 12 people and injured 40 others near the market.")
    assert (found["12"]["counted"], found["12"]["predicate"]) == ("person", "die")   # killed, died: one toll
    assert found["40"]["predicate"] == "injur"


@pytest.mark.parametrize("text,value,column,expected", [
    ("About 60 people are still unaccounted for.", "About 60", "change_cue", True),
    ("Around 40 people remain missing, the governor said.", "Around 40", "change_cue", True),
    ("The toll rose to 41 on Tuesday.", "41", "change_cue", True),
    ("Its shares slid 3.8 percent on Tuesday.", "3.8 percent", "change_cue", False),
    ("The block had nine floors.", "nine", "change_cue", False),
    # a running tally: a tally word before the value governs it, unless its clause tells an act of its own (the
    # toll counts the dead, not the missing or the rescued)
    ("The death toll, officials said, rose to 41.", "41", "cumulative", True),
    ("So far, officials said, 41 people have been rescued.", "41", "cumulative", True),
    ("The agency put the death toll at 35, with 11 people still missing and 168 rescued.", "11", "cumulative", False),
    ("The agency put the death toll at 35, with 11 people still missing and 168 rescued.", "168", "cumulative", False),
])
def test_reading_whether_a_clause_says_its_figure_moves(text, value, column, expected):
    assert readings(text)[value][column] is expected


@pytest.mark.parametrize("text", [
    "Its shares fell 8.3% on Tuesday.", "Its shares slid 3.8 percent on Tuesday.", "Its shares slipped 4% on Tuesday.",
    "Its shares tumbled 9% on Tuesday.", "Its shares dipped 2% on Tuesday.", "Its shares sank 7% on Tuesday.",
])
def test_reading_verbs_of_one_movement_as_one(text):
    found = readings(text)
    assert [row["predicate"] for value, row in found.items() if value[0].isdigit()] == ["fall"]


@pytest.mark.parametrize("text,value,head", [
    ("The river stayed just below the record of 7.41 metres.", "7.41 metres", "record"),
    ("The council approved a budget of $1.24 billion.", "$1.24 billion", "budget"),
    # "by" after a noun gives the difference, not that noun's measure
    ("The river peaked at 7.64 metres, beating the 1997 record by 23 centimetres.", "23 centimetres", ""),
    ("The council cut the budget by $5 million.", "$5 million", ""),
    # a length's dimension, said by the word after it or by a noun
    ("Miners were trapped 460 metres underground.", "460 metres", "depth"),
    ("The coal face lies 640 metres below the surface.", "640 metres", "depth"),
    ("The wall stands 12 feet high.", "12 feet", "height"),
    ("It stood 5 metres below the record.", "5 metres", ""),
    # a length that says which way it lies is a distance between places
    ("Ash fell on the port, 45 km (28 miles) to the west of the crater.", "45 km", "distance"),
    ("The ship anchored 3 miles offshore.", "3 miles", "distance"),
    # a time that says how late something is
    ("The bridge reopened on Monday, nine days behind schedule.", "nine days", "delay"),
    # one of synonyms as one
    ("A 4.4 temblor shook the valley.", "4.4", "earthquake"),
    ("A $2 million blaze destroyed the mill.", "$2 million", "fire"),
    # the subject of a change is the level's noun
    ("Revenue grew last year, and the net loss narrowed to $37 million.", "$37 million", "loss"),
    ("The programme's budget rises to €1.5 million a year in April.", "€1.5 million", "budget"),
])
def test_reading_what_a_value_measures(text, value, head):
    assert readings(text, "2025-09-16")[value]["head"] == head


@pytest.mark.parametrize("text,value,event", [
    ("A strong earthquake struck the valley at 3:42 a.m. on Tuesday, November 19.", "Tuesday, November 19",
     "valley =strike earthquake"),
    ("The walkout that started on February 10 is over.", "February 10", "=start strike"),
    ("Crews fought the blaze since it broke out on Sunday afternoon.", "Sunday", "=start"),
    ("The fire ignited on the afternoon of 3 August below the ridge.", "3 August", "=start fire"),
    ("Rescuers searched the rubble of the November 9 earthquake.", "November 9", "earthquake"),
    ("The minister said on Tuesday that the bridge would reopen.", "Tuesday", ""),
    ("Its closing share price was $29.75 on November 7, 2025.", "November 7, 2025", "cost"),
    ("Start date: August 4, 2024\nArea burned: 8,400 hectares", "August 4, 2024", "=start"),
    ("At the end of May 40 were waiting, an increase of 510 on the end of April.", "the end of April", ""),
    ("The fire was 15 percent contained on Wednesday morning.", "Wednesday", ""),
    ("Brevik won over the holders after raising its offer in December.", "December", "offer =rais holder"),
    ("Controllers had to scrub the original Sept. 14 launch.", "Sept. 14", "launch =plan"),
    # one act told with other verbs
    ("She was ejected from the sect in 2003 by its council.", "2003", "sect =expel"),
    ("The bishop was ousted in 2002 after a power struggle.", "2002", "=expel bishop"),
    # a participle set off by a comma tells of the noun before it (a name and its preposition skipped)
    ("The old stone bridge at Hesk, built in 1894, has been closed.", "1894", "=build bridge"),
    ("Acme, founded in 2002, has 50 staff.", "2002", "=found"),
])
def test_reading_what_a_date_dates(text, value, event):
    assert readings(text, "2024-11-20")[value]["event"] == event


@pytest.mark.parametrize("text,value,counted,predicate", [
    ("The striker scored the winner in front of 64,182 at the national stadium.", "64,182", "person", "crowd"),
    ("The Civic Union won 34 of the 85 seats in the assembly.", "34", "seat", "win"),
    ("Two of the five climbers were rescued on Sunday.", "Two", "climber", ""),
    ("Fire name: Ridge Fire\nHomes destroyed: 112 (assessment ongoing)\n", "112", "home", "destroy"),
    ("Deaths: 41\nInjured: 112\n", "41", "person", "die"),
    ("Police made 32 arrests over the weekend.", "32", "person", "arrest"),
    # the value's own verb after it, past its auxiliaries, is nearer than the verb of the clause before
    ("Six people have died and more than 30 have been injured.", "more than 30", "person", "injur"),
])
def test_reading_a_noun_implied_by_form(text, value, counted, predicate):
    found = readings(text, "2024-11-20")[value]
    assert (found["counted"], found["predicate"]) == (counted, predicate)


def test_word_index_is_the_same_in_its_compact_form(monkeypatch):
    # A text up to COMPACT_FROM characters is indexed in lists, a longer one in arrays: the same words, spans
    # and clause breaks either way (commas and colons between digits are no breaks, "94,000", "3:42")
    from checker import reading

    text = ("Officials said 94,000 homes (about 3:42 a.m.) - in all, 12 towns; the U.S.-based firm\u2019s "
            "chief, 47, said: 'Workers' pay rose 4.5% \u2013 the third rise.' [1] Its 1,200, not 2,300.\n") * 3
    listed = reading.Words(text)
    monkeypatch.setattr(reading, "COMPACT_FROM", 0)
    compact = reading.Words(text)
    assert isinstance(listed.spans, list) and not isinstance(compact.spans, list)
    assert list(listed.starts) == list(compact.starts) and list(listed.spans) == list(compact.spans)
    assert listed.lower == compact.lower and "firm's" in listed.lower
    assert list(listed.break_starts) == list(compact.break_starts) and list(listed.break_ends) == list(compact.break_ends)
    breaks = {text[start] for start in listed.break_starts}
    assert breaks == {",", "(", ")", " ", ";", ":", "\u2013", "[", "]"}
    assert all(not (text[start - 1].isdigit() and text[start + 1].isdigit()) for start in listed.break_starts)
    assert text.index("94,000") + 2 not in listed.break_starts and text.index(": '") in listed.break_starts
