"""Catalog warnings on real inputs: a catalog file, a small corpus, the real grammar and binder."""
from __future__ import annotations

import json
import re

from checker.audit import run_audit
from checker.report import summary_text

CATALOG = """\
story: orla-ferry
applies_when: [Orla]
facts:
  - key: member_villages
    label: Member villages of the cooperative
    kind: count
    unit: villages
    context: [member]
  - key: fare
    label: The ferry fare
    kind: money
    unit: dollars
    context: [fare]
  - key: ferry_strikes
    label: Ferry strikes
    kind: count
    unit: stoppage
    context: [ferry]
  - key: last_strike
    label: Date of the latest strike
    kind: date
    cues: ["the final walkout in {value}"]
"""


def audit_with_warnings(ferry_corpus, tmp_path):
    facts = tmp_path / "warn.yaml"
    facts.write_text(CATALOG, encoding="utf-8")
    return run_audit(ferry_corpus, facts, None, discover=False).as_records()


def test_catalog_warnings_say_what_the_catalog_asks_in_vain(ferry_corpus, tmp_path):
    records = audit_with_warnings(ferry_corpus, tmp_path)
    found = {(w["fact"], w["code"]) for w in records["catalog_warnings"]}
    assert ("member_villages", "unit_read_as") in found          # "villages" is read as village
    assert ("member_villages", "binds_nothing") not in found     # and binds: the 12 and the 15 member villages
    assert ("fare", "unit_read_as") in found                     # "dollars" is read as USD
    assert ("fare", "binds_nothing") in found                    # the fare is in euros
    assert ("ferry_strikes", "unit_nowhere") in found            # the sources say "strikes", never "stoppage"
    assert ("last_strike", "cue_nowhere") in found               # no source writes "walkout"
    messages = " ".join(w["message"] for w in records["catalog_warnings"])
    assert "'dollars' is read as 'usd'" in messages and "'walkout'" in messages


def test_catalog_warnings_are_printed_and_reported_never_fatal(ferry_corpus, tmp_path):
    from checker.report import render_reports

    records = audit_with_warnings(ferry_corpus, tmp_path)
    text = summary_text(records)
    assert "catalog warnings:" in text and "fare: binds no statement" in text
    reports = render_reports(records)
    assert json.loads(reports["audit.json"])["catalog_warnings"] == records["catalog_warnings"]
    assert "## Catalog warnings" in reports["audit.md"] and "Catalog warnings" in reports["audit.html"]


def test_catalog_warnings_none_for_a_catalog_the_corpus_answers(ferry_corpus, ferry_facts):
    records = run_audit(ferry_corpus, ferry_facts, None, discover=False).as_records()
    codes = {w["code"] for w in records["catalog_warnings"]}
    assert not codes & {"binds_nothing", "unit_nowhere", "cue_nowhere", "unit_read_as"}, records["catalog_warnings"]


def test_catalog_warnings_words_are_what_the_word_pattern_finds():
    from hypothesis import given, settings, strategies as st

    from checker.catalog_warnings import _Vocabulary

    # Letters, digits, underscores, apostrophes, punctuation and every kind of space, of any script
    alphabet = st.characters(categories=("L", "N", "P", "Z", "Mn", "Cc", "Sm"))

    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet, max_size=80))
    def same(text):
        text = text.lower()
        vocabulary = _Vocabulary([text])
        assert all(word in vocabulary for word in re.findall(r"[^\W_]+", text))

    same()
    vocabulary = _Vocabulary(["Ferries_fleet (2021)\u00a0Zürich's x²\tnaïve—sessions"])
    assert all(word in vocabulary for word in ("ferries", "fleet", "2021", "zürich", "s", "x²", "naïve", "sessions"))
    assert "ferries_fleet" not in vocabulary and "zürich's" not in vocabulary


def test_catalog_warnings_vocabulary_holds_a_word_where_the_texts_words_or_their_lemmas_do():
    # The words asked for are searched for in the text (_Vocabulary), never all collected: the answer must be
    # the collected set's, with each word's lemma ("ferries" holds "ferry", "women" holds "woman")
    from hypothesis import given, settings, strategies as st

    from checker.catalog_warnings import _Vocabulary
    from checker.mentions.quantities import lemma

    pieces = ["ferry", "ferries", "ferrys", "box", "boxes", "bus", "buses", "class", "classes", "woman", "women",
              "child", "children", "analysis", "analyses", "sessions", "x²", "naïve", "2021", "_", "'", "’s", ".",
              "-", " ", "\n", "\u00a0", "Ferries", "a", "s", "es", "ies"]
    asked = ["ferry", "ferries", "ferr", "box", "boxe", "bus", "buse", "class", "classe", "woman", "women",
             "child", "analysis", "session", "sessions", "x²", "naïve", "2021", "a", "s", "es", "", "fer ry",
             "man-hours", "usd", "Ferries"]

    def collected(text):   # every word of the text, and each one's lemma
        words = set(re.findall(r"[^\W_]+", text))
        return words | {lemma(word) for word in words if lemma(word)}

    @settings(max_examples=400, deadline=None)
    @given(st.lists(st.lists(st.sampled_from(pieces), max_size=12), min_size=1, max_size=3))
    def same(documents):
        # the documents' words: those of their texts lowercased and joined, a document's end one word's end
        texts = ["".join(parts) for parts in documents]
        reference = collected("\n".join(texts).lower())
        # asked one at a time (a pass over the texts each), and all searched for in one pass
        for vocabulary in (_Vocabulary(texts), _Vocabulary(texts, asked)):
            for word in asked:
                assert (word in vocabulary) == (word in reference), (texts, word)

    same()
    vocabulary = _Vocabulary(["twelve ferries and two women, man-hours"])
    assert "ferry" in vocabulary and "woman" in vocabulary and "man" in vocabulary
    assert "ferr" not in vocabulary and "man-hours" not in vocabulary and "wom" not in vocabulary
