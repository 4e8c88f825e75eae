"""Shortcuts of the scanner that must not change what it finds: a sentence with no cue is read as reported at once."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

CASES = Path(__file__).parent / "cases" / "mentions.yaml"


def test_sentence_shortcut_gives_the_modality_each_clause_gives():
    # Clauses.modality answers "reported" for a sentence with no cue, correction or "not" without reading its
    # clauses; modality() always reads them: on every value of the cases, and of every sentence form, they agree
    from checker.mentions.modality import _PLAIN, Clauses, modality
    from checker.mentions.sentences import Sentences

    texts = [case["text"] for case in yaml.safe_load(CASES.read_text(encoding="utf-8"))["cases"]]
    texts += ["Officials said 40 people were hurt.", "Officials said 40 people were not hurt.",
              "An earlier version said 40 people.", "They are set for 40 more.", "It was set for2 days.",
              "Café owners said 40 could close.", "About 40 homes, which may be razed, stand empty.",
              # commas between digits are no clause breaks, in any script's digits; others are
              "Some 1,200, officials said, may go, and 3,400 will.", "Sales of \u0663,\u0664 units may fall by 5.",
              "The figure, 12,5 percent, could rise to 7.", "It was 4, 5 or 6 - the rest may reach 9.",
              "An earlier version, now corrected, said 61% may vote; 58 will."]
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
            shortcuts += clauses.plain[s_start, s_end] is _PLAIN
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


def test_first_letter_guard_finds_what_the_pattern_finds():
    # Patterns searched behind a lookahead for their first letters: over the cases' texts and texts of their
    # words, from every word to every clause end or (the patterns read before a value) word within 80 characters,
    # they find what the bare pattern finds; a pattern whose matches may begin with anything is left bare
    from checker import reading
    from checker.binding import score as binding
    from checker.mentions.firstword import first_letter_guard

    texts = [case["text"] for case in yaml.safe_load(CASES.read_text(encoding="utf-8"))["cases"]]
    texts += ["The toll has now risen to 41, up from 30; it HAS BEEN REVISED. Final count: 52, so far.",
              "Sales grew to 12 (previously 9) and came into May at 1,900 ha burnt; $40 a share.",
              "It rose to 34.5% from 29.4%, Down From the 27 and double the 4,096, paid $40 a share compared with the 38"]
    for guarded, ends_at in ((reading.CUMULATIVE, r"[,.;:()]"), (reading.CHANGE, r"[,.;:()]"),
                             (binding._BASELINE_BEFORE, r"\b\w"), (binding._FROM_BEFORE, r"\b\w"),
                             (binding._TO_THEN_FROM, r"\b\w"), (reading.RATE_BASELINE_BEFORE, r"\b\w"),
                             (reading._TALLY, r"[,.;:()]")):
        assert guarded.pattern.startswith("(?=[")
        bare = re.compile(guarded.pattern[guarded.pattern.index("]") + 2:], guarded.flags)
        for text in texts:
            starts = [0] + [m.start() for m in re.finditer(r"\b\w", text)]
            ends = [len(text)] + [m.start() for m in re.finditer(ends_at, text)]
            for start in starts:
                for end in ends:
                    if start <= end <= start + (80 if ends_at == r"\b\w" else len(text)):
                        assert _same_match(bare.search(text, start, end), guarded.search(text, start, end)), text
    assert first_letter_guard(re.compile(r"\d+|so far", re.I)).pattern == r"\d+|so far"
    assert first_letter_guard(re.compile(r"\b(?:up|Down)\b", re.I)).pattern == r"(?=[du])\b(?:up|Down)\b"


def test_sentence_bounds_find_the_word_before_a_stop_as_the_regex_did():
    # _ends_sentence takes the word before a full stop by string strips, not by the regex it replaced: the
    # same sentences on every case text and on the forms where the two could part (a newline right before the
    # stop, dots inside a word, a word longer than the 20 characters looked at)
    from checker.mentions import sentences as S

    word_before = re.compile(r"([A-Za-z][A-Za-z.]*)$")

    def ends_sentence(text, match):        # the regex reading, as it was
        start = match.start()
        word = word_before.search(text, max(0, start - 20), start)
        nxt = text[match.end():match.end() + 1]
        if word:
            token = word.group(1).lower().rstrip(".")
            if token in S._MONTHS and nxt.isupper():    # a month's abbreviation before a capital ends it
                return True
            if token in S.ABBREVIATIONS or (len(token) == 1 and word.group(1).isupper()):
                return "\n" in match.group(0)
            if "." in token and len(token) <= 5:
                return nxt.isupper() and token not in S.ABBREVIATIONS
        elif start and text[start - 1].isdigit() and nxt.isdigit():
            return False
        if not match.group(0).strip(".!?\"'\u201d\u2019)]") and not nxt.isupper() and nxt not in "\u201c\"":
            return bool(nxt) and not nxt.islower() and not nxt.isdigit()
        return True

    def reference(text):
        starts = [0]
        for match in S._CANDIDATE.finditer(text):
            if match.end() >= len(text):
                break
            if match.group(0)[0] == "." and not ends_sentence(text, match):
                continue
            starts.append(match.end())
        return starts

    texts = [case["text"] for case in yaml.safe_load(CASES.read_text(encoding="utf-8"))["cases"]]
    texts += ["He left.\n. Then 4 came.", "Gen\n. Smith came. U.S. officials met. e.g. This one.",
              "Supercalifragilisticexpialidocious. Next 5.", "a.b.c.d.e.f.g.h.i.j.k.l.m.n. Next 5.",
              "J. Smith and Mr. Jones saw 3 at 5 p.m. Then 6.", "End.Next one. ...Then. 4.2 m. Yes."]
    for text in texts:
        assert S.sentence_bounds(text) == reference(text), text


def test_candidate_tokens_are_those_a_value_may_begin_at():
    # _candidates looks each distinct token up once (_MAY_BEGIN): the same tokens as testing each one, in
    # any case ("THE", "tHe"), with digits first or last, and after the look-up table was cleared
    from checker.mentions import scan

    def reference(text):
        return [(m.start(), m.group(), m.group().lower()) for m in re.finditer(r"[^\W_]+", text)
                if m.group()[0].isdigit() or m.group()[-1].isdigit() or m.group().lower() in scan.TRIGGERS]

    texts = [case["text"] for case in yaml.safe_load(CASES.read_text(encoding="utf-8"))["cases"]]
    texts += ["THE 4 tHe Q3 covid19 x\u00b2 \u0663 a_b 5th Dec31 LAST week"]
    for text in texts:
        assert list(scan._candidates(text)) == reference(text), text
    scan._MAY_BEGIN.clear()
    assert list(scan._candidates(texts[-1])) == reference(texts[-1])


def test_each_cue_is_looked_for_only_where_its_words_are():
    # _cues_held skips a cue whose words (_WORDS_OF_CUE) are absent: wherever a cue matches, its words are
    # there, in every form the cues name and in every case text
    from checker.mentions.modality import _CUES, _WORDS_OF_CUE, _cues_held

    texts = [case["text"] for case in yaml.safe_load(CASES.read_text(encoding="utf-8"))["cases"]]
    texts += ["officials deny it", "He refuted the claims", "a baseless report", "there is no truth in it",
              "it could, might, may or would", "is expected to rise", "she expects 5", "forecasted 3", "projections",
              "likely to", "predicts 4", "anticipated", "on track to", "poised to", "as soon as next week",
              "will take around 9 days", "Will it?", "shall be", "plans to", "planned", "planning to",
              "originally budgeted at 5", "designed to", "the original $5", "intends to", "aims to",
              "the goal is 5", "the target is", "going to", "is scheduled to open", "are to vote", "set for May",
              "due for 2", "we'll see", "reportedly", "allegedly", "was said to", "unconfirmed", "unverified",
              "rumoured", "rumored", "an estimated 5", "we estimate", "believed to", "purportedly", "supposedly",
              "claimed", "preliminary figures", "provisional"]
    matched = set()
    for text in texts:
        for name, cue in _CUES:
            if cue.search(text):
                matched.add(name)
                assert text.isascii() is False or _WORDS_OF_CUE[name].search(text.lower()), (name, text)
                assert name in {held for held, _ in _cues_held(text)}, (name, text)
    assert matched == {name for name, _ in _CUES}


def test_cue_word_tests_find_what_one_regex_of_them_finds():
    # The cue words' trie and their phrases are searched for apart (_may_hold_cue, the sentence test): on any
    # text, the same answer as the one regex of both they replaced
    import random

    from checker.mentions import modality as M
    from checker.mentions.wordtrie import word_trie

    words = "(?:" + word_trie(M.CUE_WORDS) + r"|(?:is|are|was|were)\s+(?:said|(?:(?:scheduled|due|set|slated)\s+)?to\s)" \
        r"|(?:set|due)\s+for"
    any_cue, anywhere = re.compile(words + r"\b)"), re.compile(words + ")")
    texts = [case["text"].lower() for case in yaml.safe_load(CASES.read_text(encoding="utf-8"))["cases"]]
    pieces = ["this said", "is  said", "was\nto ", "were due to ", "are set to x", "set for", "due  forty",
              "set fortune", "is slated  to ", "his said", "wasto ", "x is\tsaid", "set\nfor.", "it is to"]
    rng = random.Random(5)
    texts += pieces + [" ".join(rng.choice(pieces + ["a", "b", "for", "to"]) for _ in range(4)) for _ in range(3000)]
    for text in texts:
        assert M._may_hold_cue(text) == (any_cue.search(text) is not None), text
        found = M._CUE_TRIE.search(text) is not None or M._CUE_PHRASE_ANYWHERE.search(text) is not None
        assert found == (anywhere.search(text) is not None), text


def test_an_open_date_cue_is_tried_only_after_a_word_it_can_end_with():
    # _open tries a cue's regex only when the last word before the date ends as the cue can (_OPEN_CUE_ENDS):
    # wherever a cue matches, its ending is there
    import random

    from checker.mentions.spans import _OPEN_CUE_ENDS, _OPEN_CUES

    phrases = ["since", "starting on", "beginning from", "as early as", ">=", "> =", "\u2265", "after", "later than",
               "no later than", "greater than", ">", "before", "earlier than", "prior to", "<", "until", "till",
               "as late as", "up to", "(since", "x>", "in", "starting in"]
    rng = random.Random(3)
    lefts = [f"{rng.choice(['', 'it ran ', 'open '])}{rng.choice(phrases)}{rng.choice([' ', '  ', '', chr(10)])}"
             for _ in range(4000)]
    matched = set()
    for left in lefts:
        words = left.rsplit(None, 1)
        last = words[-1].lower() if words else ""
        for qualifier, cue in _OPEN_CUES:
            if cue.search(left):
                matched.add(qualifier)
                assert last.endswith(_OPEN_CUE_ENDS[qualifier]), (qualifier, left)
    assert matched == {qualifier for qualifier, _ in _OPEN_CUES}


def test_qualifier_before_a_value_is_what_its_regex_finds():
    # qualifier_before searches only where the last word (or what follows a mark its lookbehind allows) is one
    # a qualifier ends with: the same match as the regex on every text before a value
    import random

    from checker.mentions import quantities as Q

    words = ["about", "(about", '"roughly', "more than", "at least", "as many as", "was", "has", "ideas", "into",
             "c.", "approx.", "~", "x~", "x(over", "over", "to", "close to", "no fewer than", "5", "it", "\u201cnearly",
             "Nearly", "ABOUT", "(x\"under", "past", "topped"]
    rng = random.Random(8)
    lefts = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 4))) + rng.choice([" ", "", ' "', " \u201c"])
             for _ in range(5000)]
    hits = 0
    for left in lefts:
        found, reference = Q.qualifier_before(left), Q.QUALIFIER_BEFORE.search(left)
        assert (found and found.span()) == (reference and reference.span()), left
        hits += reference is not None
    assert hits > 1000
