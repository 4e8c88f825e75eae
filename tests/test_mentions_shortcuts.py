"""Shortcuts of the scanner that must not change what it finds: a sentence with no cue is read as reported at once."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

CASES = Path(__file__).parent / "cases" / "mentions.yaml"


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


def _same_match(first, second) -> bool:
    return (first and (first.span(), first.lastgroup)) == (second and (second.span(), second.lastgroup))


def test_plain_number_shortcut_gives_the_master_match():
    # master_at_digit skips the date and skip forms after "a plain number, a space and a word" unless the word
    # is one they may need: at every digit of the cases, and after every shape of number before every word the
    # master regexes spell (each case, capitalised and glued to what may follow), the whole master agrees
    from checker.mentions.scan import CALENDAR_FIRST, MASTER, master_at_digit

    texts = [case["text"] for case in yaml.safe_load(CASES.read_text(encoding="utf-8"))["cases"]]
    for text in texts:
        for found in re.finditer(r"\d", text):
            assert _same_match(MASTER.match(text, found.start()), master_at_digit(text, found.start())), text
    words = sorted(set(re.findall(r"[a-z]+", (MASTER.pattern + CALENDAR_FIRST.regex.pattern).lower())))
    assert len(words) > 300
    shortcuts = 0
    for number in ("7", "12", "250", "2019", "1,200", "12.5", "20240105"):
        for gap in (" ", ", ", ". ", "-", "\n", "%"):
            for word in words:
                for spelled in (word, word.upper()) if gap == " " else (word,):
                    for after in ("", " 2019", " of March", " after", " first", " q1", "jan") if gap == " " \
                            else ("", " 1"):
                        text = f"{number}{gap}{spelled}{after}"
                        shortcut = master_at_digit(text, 0)
                        assert _same_match(MASTER.match(text, 0), shortcut), text
                        shortcuts += shortcut is not None and shortcut.re is not MASTER
    assert shortcuts > 10000


def test_first_word_shortcut_gives_the_master_match():
    # WORD_FIRST and CALENDAR_FIRST try, at a word, only the alternatives firstword.py reads as able to begin
    # with it: at every word of the cases, and at every trigger word before each kind of continuation, they
    # find what the whole masters find
    from checker.mentions.scan import CALENDAR_FIRST, TRIGGERS, WORD_FIRST

    texts = [case["text"] for case in yaml.safe_load(CASES.read_text(encoding="utf-8"))["cases"]]
    words = sorted(word for word in TRIGGERS if word.isalpha())
    texts += [f"{spelled}{after}" for word in words for spelled in (word, word.capitalize())
              for after in ("", " 12", " of March 2020", " week", "-2019", "s ago", " the first quarter of 2020")]
    for text in texts:
        for found in re.finditer(r"[^\W\d_][^\W_]*", text):
            for first in (WORD_FIRST, CALENDAR_FIRST):
                assert _same_match(first.regex.match(text, found.start()),
                                   first.match(text, found.start(), found.group(0).lower())), text


def test_first_word_reading_of_patterns():
    from checker.mentions.firstword import letter_runs, may_begin

    runs = letter_runs(r"(?:the\s+)?(?:last|next)\s+week\b|q[1-4]|mid-?year")
    assert may_begin(runs, "the") and may_begin(runs, "last") and may_begin(runs, "q")
    assert may_begin(runs, "midyear") and may_begin(runs, "mid")
    assert not may_begin(runs, "then") and not may_begin(runs, "lastly") and not may_begin(runs, "week")
    assert letter_runs(r"\w+ago") is None                      # a class of many letters: any word
    assert may_begin(letter_runs(r"(?:a)?"), "anything")        # may match nothing: any word
    assert may_begin(letter_runs(r"septemb(?:er)?"), "septemberish")   # a match may end inside a word
    assert not may_begin(letter_runs(r"septemb(?:er)?\s"), "septemberish")
