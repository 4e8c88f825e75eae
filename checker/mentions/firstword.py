"""Which alternatives of a master regex can match where a given word begins.

`re` tries the alternatives of `A|B|C` one after another, each to its own failure: at "three workers" the
scanner's word master ran some thirty date, skip and name forms before the numeral form that matches. What a
match of an alternative can begin with is mostly a word it spells out ("last", "the", "early"), so this reads,
once per alternative, the letters its matches can start with, up to the first character that is no letter
(from the parse tree of re's own parser, read and never changed): the set of such letter runs. Where the text
holds the word W and then no letter, an alternative can match only if one of its runs is W or begins W (a
match may end inside a word; a run a character no letter follows must be W); `FirstWord.match` tries just
those alternatives, in their order. The first that matches is the one the whole regex finds, with the same
span and name, since an alternative left out cannot match there.

The reading is sound, never precise at any cost: a zero-width test (\\b, a lookaround) is read as nothing
(it may pass), letters in either case, and an alternative that may match nothing at all, or begin with a
class of many letters (\\w, \\S, [a-z]), or with runs beyond LONGEST letters or MANY runs, is tried at
every word.
"""
from __future__ import annotations

import functools
import re
from re import _constants as C
from re import _parser as P

LONGEST = 10        # letters a run is read to; a longer run is kept as its first LONGEST, which a word must begin with
MANY = 4000         # runs an alternative is read to; more: the alternative is tried at every word
_SMALL_CLASS = 8    # letters a class may hold and still be read letter by letter
_REPEATS = {C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", C.MAX_REPEAT)}


class _Anywhere(Exception):
    """An alternative this reading cannot bound: it is tried at every word."""


def _letter(code: int) -> str | None:
    """The lowercase ASCII letter of a literal, None for a character that is no letter; a letter beyond ASCII
    (which re.I may fold onto one) cannot be read."""
    char = chr(code)
    if char.isascii():
        return char.lower() if char.isalpha() else None
    if char.isalpha() or char.lower().isascii() or char.upper().isascii():
        raise _Anywhere(char)
    return None


def _class(items) -> tuple[set[str], bool]:
    """(the letters a character class can match, whether it can match a character that is no letter)."""
    letters, other = set(), False
    for op, av in items:
        if op is C.NEGATE:
            raise _Anywhere("negated class")
        if op is C.LITERAL:
            letter = _letter(av)
            if letter is None:
                other = True
            else:
                letters.add(letter)
        elif op is C.RANGE:
            low, high = av
            for code in range(low, high + 1):
                letter = _letter(code)
                if letter is None:
                    other = True
                else:
                    letters.add(letter)
        elif op is C.CATEGORY and av in (C.CATEGORY_DIGIT, C.CATEGORY_SPACE, C.CATEGORY_NOT_WORD,
                                          C.CATEGORY_LINEBREAK):
            other = True
        else:
            raise _Anywhere(op)
    if len(letters) > _SMALL_CLASS:
        raise _Anywhere("large class")
    return letters, other


def _sequence(items, live: set[str], stops: set[str]) -> set[str]:
    """Read `items` from the letter runs `live` (not yet ended by a character that is no letter): the runs
    still live after them; a run that a character no letter ends goes into `stops`, one grown past LONGEST
    letters goes there as its first LONGEST and a "+" (a word must begin with it)."""
    for op, av in items:
        if not live:
            break
        live = _node(op, av, live, stops)
        long = {run for run in live if len(run) > LONGEST}
        if long:
            stops |= {run[:LONGEST] + "+" for run in long}
            live -= long
        if len(live) + len(stops) > MANY:
            raise _Anywhere("too many")
    return live


def _node(op, av, live: set[str], stops: set[str]) -> set[str]:
    if op is C.LITERAL:
        letter = _letter(av)
        if letter is None:
            stops |= live
            return set()
        return {run + letter for run in live}
    if op is C.IN:
        letters, other = _class(av)
        if other:
            stops |= live
        return {run + letter for run in live for letter in letters}
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return live                                  # zero-width: may pass
    if op is C.SUBPATTERN:
        return _sequence(av[3], live, stops)
    if op is getattr(C, "ATOMIC_GROUP", None):
        return _sequence(av, live, stops)
    if op is C.BRANCH:
        found = set()
        for branch in av[1]:
            found |= _sequence(branch, set(live), stops)
        return found
    if op in _REPEATS:
        low, high, body = av
        found, current, count = set(), set(live), 0
        seen: set[str] = set()
        while current:
            if count >= low:
                found |= current
                current = current - seen
                seen |= current
            if count == high or not current:
                break
            current = _sequence(body, current, stops)
            count += 1
        return found
    raise _Anywhere(op)


def letter_runs(pattern: str, flags: int = re.I) -> tuple[frozenset[str], frozenset[str]] | None:
    """The lowercase letter runs a match of `pattern` can begin with: (those a character that is no letter
    follows inside the match, those the match ends with); None when that cannot be read."""
    try:
        stops: set[str] = set()
        ends = _sequence(P.parse(pattern, flags).data, {""}, stops)
    except (_Anywhere, RecursionError):
        return None
    return frozenset(stops), frozenset(ends)


_letter_runs = functools.lru_cache(maxsize=None)(letter_runs)     # masters share alternatives


def first_letter_guard(pattern: re.Pattern) -> re.Pattern:
    """`pattern` behind a lookahead for the letters its matches can begin with (letter_runs): the same matches,
    found faster by `search`. With re.I, re tries every alternative of `\b(?:so\s+far|to\s+date|...)` at every
    word and fails each in turn; behind `(?=[st...])` a word beginning otherwise costs one test. `pattern`
    itself when a match may begin with anything else."""
    runs = letter_runs(pattern.pattern, pattern.flags)
    if runs is None:
        return pattern
    firsts = {run[:1] for run in runs[0] | runs[1]}
    if not firsts or "" in firsts:
        return pattern
    return re.compile("(?=[" + "".join(sorted(firsts)) + "])" + pattern.pattern, pattern.flags)


def may_begin(runs: tuple[frozenset[str], frozenset[str]] | None, word: str) -> bool:
    """Whether a match with these letter_runs can begin where the text holds `word` and then no letter: a run a
    character no letter follows must be the word, a run the match ends with must be the word or begin it."""
    if runs is None or word in runs[0] or any(word.startswith(run) for run in runs[1]):
        return True
    return len(word) >= LONGEST and word[:LONGEST] + "+" in runs[0]


class FirstWord:
    """The match of the alternatives `(name, pattern)` joined by "|" (the master regex, compiled with `flags`)
    where a word begins, trying only those that can begin with that word.

    They are tried one by one, each compiled alone the first time it is needed: compiling a regex for each set
    of them cost more (some 10 ms a set, tens of sets) than the calls save. The whole regex is compiled only
    when a word is not plain ASCII letters."""

    def __init__(self, alternatives: list[tuple[str, str]], flags: int = re.I, guards: dict[str, str] | None = None):
        """`guards`: for an alternative this reading cannot bound (tried at every word), a regex that must match
        where any match of it begins (the caller vouches: say, the pattern's own beginning, narrowed); it is
        tried there only when its guard matches, which costs less than its failure."""
        self.alternatives = alternatives
        self.flags = flags
        self.guards = guards or {}
        self.runs: list | None = None          # read the first time a word is looked up (some 30 ms)
        self.by_word: dict[str, tuple] = {}

    @functools.cached_property
    def regex(self) -> re.Pattern:
        """The master regex itself."""
        return re.compile("|".join(pattern for _, pattern in self.alternatives), self.flags)

    def for_word(self, word: str) -> tuple:
        """The `match` methods of the alternatives, in order, that can match where `word` (lowercase ASCII
        letters, then no letter) begins."""
        if self.runs is None:
            self.runs = [_letter_runs(pattern, self.flags) for _, pattern in self.alternatives]
        return tuple(self._guarded(name, re.compile(pattern, self.flags).match)   # re's cache holds each once
                     for (name, pattern), runs in zip(self.alternatives, self.runs) if may_begin(runs, word))

    def _guarded(self, name: str, match):
        """`match`, or where the alternative has a guard, a match that tries it only where the guard matches."""
        if name not in self.guards:
            return match
        guard = re.compile(self.guards[name], self.flags).match
        return lambda text, start: match(text, start) if guard(text, start) else None

    def match(self, text: str, start: int, word: str):
        """regex.match(text, start) where `word` is the lowercased token at `start` (a run of letters or digits,
        no letter after it): the first alternative that matches, as in the whole regex."""
        if not (word.isascii() and word.isalpha()):
            return self.regex.match(text, start)
        matchers = self.by_word.get(word)
        if matchers is None:
            matchers = self.by_word[word] = self.for_word(word)
        for match in matchers:
            found = match(text, start)
            if found is not None:
                return found
        return None
