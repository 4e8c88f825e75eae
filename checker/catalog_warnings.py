"""Catalog warnings: what a catalog asks that the corpus never answers, said so a writer can fix it.

Never fatal: an audit with warnings runs and reports as any other. Each warning names the fact and one of:
- `binds_nothing`: no statement of the corpus bound to the fact;
- `one_source`: statements of one source only bound to it, while the story has several sources;
- `unit_nowhere` / `cue_nowhere`: a unit or a cue's words appear in no document (a typo, or a word the
  sources do not use: "hearings" where they write "sessions");
- `unit_read_as`: a unit written in the plural or as a currency name, normalised ("dollars" is read as USD).
"""
from __future__ import annotations

import re

from checker.mentionstore import mention_units

CODES = ("binds_nothing", "one_source", "unit_nowhere", "cue_nowhere", "unit_read_as")


def catalog_warnings(catalog, observations, texts, mentions) -> list[dict]:
    """[{fact, code, message}] for the declared facts of `catalog`, in catalog order, then by code. `texts`: the
    documents' texts, a collection read in passes (a list, or the values of a checker.spill.SpilledTexts)."""
    declared = [fact for fact in catalog.facts if fact.origin == "declared"]
    if not declared:
        return []
    units_said = mention_units(mentions)   # a frame's, or a store's (checker.mentionstore)
    # every word the warnings below ask for, searched for in one pass over the texts
    asked = [part for fact in declared for unit in fact.units if unit not in units_said for part in _unit_parts(unit)]
    asked += [word for fact in declared for cue in fact.cues for word in _cue_words(cue)]
    words = _Vocabulary(texts, asked)
    applies = _Applies(catalog, texts)   # how many texts each fact's story applies to, counted when first asked
    sources = {}
    if len(observations):
        for fact, source in zip(observations["fact"].tolist(), observations["source"].tolist()):
            sources.setdefault(fact, set()).add(source)
    found: list[dict] = []

    def warn(fact, code: str, message: str) -> None:
        found.append({"fact": fact.key, "code": code, "message": message})

    for fact in declared:
        bound = sources.get(fact.key, set())
        if not bound:
            warn(fact, "binds_nothing", "binds no statement of the corpus (`checker explain` says which test "
                                        "rejected each value)")
        elif len(bound) == 1 and applies.count(fact) > 1:
            warn(fact, "one_source", f"binds statements of one source only ({next(iter(bound))}) of the "
                                     f"{applies.count(fact)} the story applies to")
        for unit in fact.units:
            if not _unit_said(unit, words, units_said):
                warn(fact, "unit_nowhere", f"unit {unit!r} appears in no document")
        for cue in fact.cues:
            missing = [word for word in _cue_words(cue) if word not in words]
            if missing:
                warn(fact, "cue_nowhere", f"cue {cue!r} never matches: {', '.join(repr(w) for w in missing)} "
                                          f"appears in no document")
        for note in fact.unit_notes:
            warn(fact, "unit_read_as", note)
    return found


class _Applies:
    """How many texts each story applies to (Catalog.facts_for's test), worked out only when a warning asks: at
    10,000 articles the test over every text took a tenth of a second that most audits never need."""

    def __init__(self, catalog, texts: list[str]) -> None:
        self.catalog, self.texts, self.stories = catalog, texts, None

    def count(self, fact) -> int:
        if self.stories is None:
            self.stories = dict.fromkeys((story.id for story in self.catalog.stories), 0)
            for text in self.texts:
                for story, applies in self.catalog.stories_of(text).items():
                    self.stories[story] += applies
        return self.stories.get(fact.story, len(self.texts))   # a fact of no story listed speaks anywhere


class _Vocabulary:
    """`word in vocabulary`: whether some word of the texts (lowercased) is `word`, or a plural of it (the
    grammar's lemma), a word being a run of letters and digits as `[^\\W_]+` finds them; without collecting them.
    Only the catalog's few unit and cue words are ever asked for, so each is searched for in the text, in its
    forms a lemma leads back from (itself, +s, +es, y -> ies, an irregular plural): a search per form, in C, that
    stops at its first whole word. Making the set of every word of a 40 MB corpus took a second.
    The words `asked` (and any other, when first asked) are searched for together, in one pass over the texts,
    each text lowercased when the pass reaches it and let go after: a pass stops once every word is found (a word
    most texts say is found in the first), and only a word in no text (what a warning names) makes it lowercase
    every text. Holding the lowercased texts for later words held a second copy of the corpus (60 MB at 30,000
    articles) at the audit's peak."""

    def __init__(self, texts: list[str], asked=()) -> None:
        self.texts, self.known, self.asked = texts, {}, list(asked)

    def __contains__(self, word: str) -> bool:
        if word not in self.known:
            self._search([word, *self.asked])
            self.asked = []
        return self.known[word]

    def _search(self, words: list[str]) -> None:
        wanted = {}   # word -> the patterns of its forms
        for word in dict.fromkeys(words):
            if word in self.known:
                continue
            if _WORD.fullmatch(word) is None:
                self.known[word] = False
            else:
                wanted[word] = _form_patterns(word)
        for text in self.texts:
            if not wanted:
                break
            lowered = text.lower()
            for word in [word for word, patterns in wanted.items() if any(p.search(lowered) for p in patterns)]:
                self.known[word] = True
                del wanted[word]
        self.known.update(dict.fromkeys(wanted, False))


def _form_patterns(word: str) -> list:
    """A search for each form of `word` a lemma leads back to it from, as a whole word."""
    from checker.mentions.quantities import IRREGULAR, lemma

    forms = {word, word + "s", word + "es", *(plural for plural, one in IRREGULAR.items() if one == word)}
    if word.endswith("y"):
        forms.add(word[:-1] + "ies")
    # The form first (a literal: the search skips ahead in C), then no letter or digit on either side
    return [re.compile(re.escape(form) + r"(?<![^\W_]" + re.escape(form) + r")(?![^\W_])")
            for form in sorted(forms) if form == word or lemma(form) == word]


_WORD = re.compile(r"[^\W_]+")


def _unit_said(unit: str, words, units_said: set[str]) -> bool:
    """A unit is said when the grammar read it in some value, or some word of the texts is it (any form)."""
    if unit in units_said:
        return True
    return all(part in words or part in units_said for part in _unit_parts(unit))


def _unit_parts(unit: str) -> list[str]:
    return [part for part in re.split(r"[/\s]+", unit) if part]


def _cue_words(cue: str) -> list[str]:
    return [word for word in _WORD.findall(cue.lower().replace("{value}", " ")) if word != "value"]
