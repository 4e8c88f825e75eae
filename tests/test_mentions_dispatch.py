"""Shortcuts of the scanner that must not change what it finds: the masters try only the alternatives that fit
the next characters (checker/mentions/dispatch.py), and a sentence with no cue is read as reported at once."""
from __future__ import annotations

import re
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.mentions import scan
from checker.mentions.dispatch import Dispatch

CASES = Path(__file__).parent / "cases" / "mentions.yaml"
MASTERS = (scan.MASTER, scan.MASTER_WORD, scan.MASTER_CALENDAR)
# pieces numbers and dates are made of, so random texts reach the forms' rarer branches
PIECES = ["12", "2019", "31", "1,600", "3.5", "04", "0915", "555-0142", "1st", "22nd", "v2.1.0", "95%", "5G", "10K",
          "jan", "December", "Dec.", "May", "mid", "late", "the", "last", "week", "of", "Friday", "Tue", "quarter",
          "Q3", "h1", "ago", "per", "cent", "am", "p.m.", "GMT", "caliber", "gauge", "Freeway", "@", "www.", ":", "/",
          "-", ".", ",", " ", "  ", "\n", "'", "’", "(", "[", "€", "$", "°C", "twenty", "first", "a", "few", "dozens",
          "s", "th", "x", "é"]


def _same(master: Dispatch, text: str, at: int) -> None:
    fast, whole = master.match(text, at), master.whole.match(text, at)
    assert (fast and (fast.lastgroup, fast.span())) == (whole and (whole.lastgroup, whole.span())), (text, at)


def _places(text: str):
    """Every place a value can begin: each word's first character, and each digit, sign or point."""
    return sorted({m.start() for m in re.finditer(r"\b\w|[\d.\-−\[$€£]", text)})


def test_dispatch_finds_what_the_whole_finds_on_the_cases():
    texts = [case["text"] for case in yaml.safe_load(CASES.read_text(encoding="utf-8"))["cases"]]
    assert len(texts) > 300
    tried = 0
    for text in texts:
        for at in _places(text):
            for master in MASTERS:
                _same(master, text, at)
                tried += 1
    assert tried > 10_000


def test_dispatch_leaves_out_alternatives_somewhere():
    # the point of it: at a plain number only the numeral form (and what shares its first characters) is tried
    text = "officials counted 40 people and 312 more homes"
    assert [name for name, _ in _chosen(scan.MASTER, text, text.index("40"))] == ["num"]
    assert len(_chosen(scan.MASTER, text, text.index("40"))) < len(scan.MASTER.alternatives)


def _chosen(master: Dispatch, text: str, at: int) -> list:
    master.match(text, at)
    tries = master.by_key[text[at:at + 5]]
    return [(name, pattern) for name, pattern in master.alternatives
            if any(attempt.__self__.pattern == pattern for attempt in tries)]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=12))
def test_dispatch_finds_what_the_whole_finds_on_pieces(pieces):
    text = "".join(pieces)
    for at in range(len(text)):
        for master in MASTERS:
            _same(master, text, at)


def test_sentence_shortcut_gives_the_modality_each_clause_gives():
    # Clauses.modality answers "reported" for a sentence with no cue, correction or "not" without reading its
    # clauses; modality() always reads them: on every value of the cases, and of every sentence form, they agree
    from checker.mentions.modality import Clauses, modality
    from checker.mentions.sentences import Sentences

    texts = [case["text"] for case in yaml.safe_load(CASES.read_text(encoding="utf-8"))["cases"]]
    texts += ["Officials said 40 people were hurt.", "Officials said 40 people were not hurt.",
              "An earlier version said 40 people.", "They are set for 40 more.", "It was set for2 days.",
              "Café owners said 40 could close.", "About 40 homes, which may be razed, stand empty."]
    shortcuts = 0
    for text in texts:
        clauses, sentences = Clauses(text), Sentences(text)
        for found in re.finditer(r"\d+", text):
            start, end = found.span()
            s_start, s_end = sentences.around(start)
            s_end = max(s_end, end)
            for kind in ("count", "date"):
                assert clauses.modality(start, end, s_start, s_end, kind) == \
                    modality(text, start, end, s_start, s_end, kind), (text, start)
            shortcuts += clauses.plain[s_start, s_end]
    assert shortcuts > 100
