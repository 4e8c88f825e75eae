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

CODES = ("binds_nothing", "one_source", "unit_nowhere", "cue_nowhere", "unit_read_as")


def catalog_warnings(catalog, observations, documents, mentions) -> list[dict]:
    """[{fact, code, message}] for the declared facts of `catalog`, in catalog order, then by code."""
    from checker.mentions.quantities import lemma

    declared = [fact for fact in catalog.facts if fact.origin == "declared"]
    if not declared:
        return []
    texts = [str(text or "") for text in documents["text"].tolist()] if len(documents) else []
    words = _words("\n".join(texts).lower())
    words |= {lemma(word) for word in words if lemma(word)}
    units_said = {str(unit).lower() for unit in mentions["unit"].tolist() if unit} if len(mentions) else set()
    per_text = [{fact.key for fact in catalog.facts_for(text)} for text in texts]
    applies = {fact.key: sum(fact.key in keys for keys in per_text) for fact in declared}
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
        elif len(bound) == 1 and applies[fact.key] > 1:
            warn(fact, "one_source", f"binds statements of one source only ({next(iter(bound))}) of the "
                                     f"{applies[fact.key]} the story applies to")
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


def _words(text: str) -> set[str]:
    """The distinct words of `text` (runs of letters and digits, as `[^\\W_]+` finds them). A word never spans
    whitespace, so the text is split there first and only the distinct pieces that are not one word already are
    searched: finding every word of a 20 MB corpus with the pattern made millions of strings (1.7 s), where
    splitting makes them in C and most pieces are words (0.4 s)."""
    words = set()
    for piece in set(text.split()):
        if piece.isalnum():   # every character a letter or digit: the piece is one word
            words.add(piece)
        else:
            words.update(_WORD.findall(piece))
    return words


_WORD = re.compile(r"[^\W_]+")


def _unit_said(unit: str, words: set[str], units_said: set[str]) -> bool:
    """A unit is said when the grammar read it in some value, or some word of the texts is it (any form)."""
    if unit in units_said:
        return True
    parts = [part for part in re.split(r"[/\s]+", unit) if part]
    return all(part in words or part in units_said for part in parts)


def _cue_words(cue: str) -> list[str]:
    return [word for word in _WORD.findall(cue.lower().replace("{value}", " ")) if word != "value"]
