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
