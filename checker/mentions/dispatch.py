"""A master regex that tries, at each place, only the alternatives that can begin with the text there.

`re` tries the alternatives of `A|B|C` one after another at a position, each to its own failure: at a plain
number ("40 people") the scanner's master regex ran some twenty date, skip and name forms before the numeral
form that matches. Which alternatives can match there is mostly told by the next few characters, so this
works out, once per pattern, the first PREFIX characters each alternative's matches can begin with (from the
parse tree of re's own parser: a set of character-class sequences), and at a position runs a regex of just
the alternatives whose sequences fit the text there, in their order. The first alternative that matches is
the one the whole regex finds, with the same span and name: an alternative left out cannot match there.

The reading is kept sound, never precise at any cost: a zero-width test (\\b, a lookaround) is read as
nothing, letters in either case, a node it does not know (a back-reference) or too many sequences as "any
text", and a place whose next characters are not all ASCII, or fewer than PREFIX, gets the whole regex.
"""
from __future__ import annotations

import functools
import re
from re import _constants as C
from re import _parser as P        # re's own parser: the tree re compiles, read here and never changed

PREFIX = 5                      # characters of text each place is told apart by
_CAP = 3000                     # sequences of one alternative beyond which it is taken to match anything
_ASCII = [chr(code) for code in range(128)]
_ANY = frozenset(_ASCII)
_CATEGORIES = {C.CATEGORY_DIGIT: r"\d", C.CATEGORY_NOT_DIGIT: r"\D", C.CATEGORY_SPACE: r"\s",
               C.CATEGORY_NOT_SPACE: r"\S", C.CATEGORY_WORD: r"\w", C.CATEGORY_NOT_WORD: r"\W"}
_REPEATS = {C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", C.MAX_REPEAT)}


class _Unknown(Exception):
    """A pattern this reading cannot bound: the alternative is tried everywhere."""


class _Backreference(Exception):
    """A group referred to by number or name: an alternative compiled alone would not mean the same."""


@functools.lru_cache(maxsize=None)
def _class(member: str) -> frozenset:
    """The ASCII characters a one-character regex matches, ignoring case (a superset of either case)."""
    rx = re.compile(member, re.I)
    return frozenset(ch for ch in _ASCII if rx.fullmatch(ch))


def _charset(op, av) -> frozenset:
    if op is C.LITERAL:
        return _class(re.escape(chr(av)))
    if op is C.NOT_LITERAL:
        return _ANY - _class(re.escape(chr(av))) if chr(av).isascii() and not chr(av).isalpha() else _ANY
    if op is C.ANY:
        return _ANY
    if op is C.IN:
        chars, negate = set(), False
        for item_op, item in av:
            if item_op is C.NEGATE:
                negate = True
            elif item_op is C.LITERAL:
                chars |= _class(re.escape(chr(item)))
            elif item_op is C.RANGE:
                chars |= _class(f"[{re.escape(chr(item[0]))}-{re.escape(chr(item[1]))}]")
            elif item_op is C.CATEGORY and item in _CATEGORIES:
                chars |= _class(_CATEGORIES[item])
            else:
                return _ANY
        # a negated class under IGNORECASE can still match a letter in the other case: keep letters in
        return frozenset(_ANY - chars | {ch for ch in chars if ch.isalpha()}) if negate else frozenset(chars)
    raise _Unknown(op)


def _sequence(items, room: int) -> set:
    """(prefix, complete) pairs: the character classes a match of `items` can begin with, at most `room` long;
    complete when the match can end right there (what follows it comes next), else cut short."""
    live, cut = {()}, set()
    for op, av in items:
        grown = set()
        for prefix in live:
            left = room - len(prefix)
            if left == 0:
                cut.add(prefix)
                continue
            for tail, complete in _node(op, av, left):
                (grown if complete else cut).add(prefix + tail)
        live = grown
        if len(live) + len(cut) > _CAP:
            raise _Unknown("too many")
        if not live:
            break
    return {(prefix, True) for prefix in live} | {(prefix, False) for prefix in cut}


def _node(op, av, room: int) -> set:
    if op in (C.LITERAL, C.NOT_LITERAL, C.ANY, C.IN):
        return {((_charset(op, av),), True)}
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return {((), True)}                        # zero-width: read as nothing (a superset)
    if op is C.SUBPATTERN:
        return _sequence(av[3], room)
    if op is getattr(C, "ATOMIC_GROUP", None):
        return _sequence(av, room)
    if op is C.BRANCH:
        found = set()
        for branch in av[1]:
            found |= _sequence(branch, room)
        return found
    if op in _REPEATS:
        low, high, body = av
        found, current, seen, count = set(), {()}, set(), 0
        while current:
            if count >= low:
                found |= {(prefix, True) for prefix in current}
                current = current - seen
                seen |= current
            if count == high or not current or count > 64:
                if count > 64:
                    raise _Unknown("repeat")
                break
            grown = set()
            for prefix in current:
                left = room - len(prefix)
                if left == 0:
                    found.add((prefix, False))
                    continue
                for tail, complete in _sequence(body, left):
                    (grown.add(prefix + tail) if complete else found.add((prefix + tail, False)))
            current, count = grown, count + 1
            if len(current) + len(found) > _CAP:
                raise _Unknown("too many")
        return found
    if op in (C.GROUPREF, C.GROUPREF_EXISTS):
        raise _Backreference(op)
    raise _Unknown(op)


@functools.lru_cache(maxsize=None)
def _prefixes(pattern: str):
    """The prefixes (sequences of ASCII character classes) of the first PREFIX characters of any text `pattern`
    (with re.I) can match at; None when every text can begin a match."""
    try:
        pairs = _sequence(P.parse(pattern, re.I), PREFIX)
    except (_Unknown, RecursionError):
        return None
    prefixes = frozenset(prefix for prefix, _ in pairs)
    return None if () in prefixes else prefixes


@functools.lru_cache(maxsize=None)
def _regex(prefixes) -> re.Pattern:
    """A regex that matches a text beginning with one of `prefixes`, written as a trie of character classes (one
    class tried once for every prefix it opens)."""
    trie: dict = {}
    for prefix in prefixes:
        if not all(prefix):
            continue                # a class with no ASCII character: no key (all ASCII) fits it
        node = trie
        for chars in prefix:
            node = node.setdefault(chars, {})
        node[None] = {}             # a prefix ends here: whatever follows fits
    return re.compile(_trie_pattern(trie) if trie else "(?!)")


def _trie_pattern(node: dict) -> str:
    if None in node:
        return ""
    branches = ["[" + "".join(re.escape(ch) for ch in sorted(chars)) + "]" + _trie_pattern(child)
                for chars, child in sorted(node.items(), key=lambda item: sorted(item[0]))]
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


class Dispatch:
    """match(text, pos) of the regex `A1|A2|...` (re.I) of these alternatives, trying only those that fit."""

    def __init__(self, alternatives: list[tuple[str, str]]):
        self.alternatives = alternatives
        self.whole = re.compile("|".join(pattern for _, pattern in alternatives), re.I)
        self.prefixes = None        # per alternative: the prefixes its matches begin with (None: any); on first use
        self.fits: dict = {}        # (alternative, length L) -> the regex of its prefixes cut to L characters
        self.tables: list = []      # per key position: code -> the representative of the characters no class there
                                    # tells apart (keys alike under them fit the same alternatives)
        self.by_key: dict = {}      # the next PREFIX characters -> the match methods to try there, in order
        self.by_class: dict = {}    # the same, by the key written in representatives
        self.by_names: dict = {}    # the alternatives chosen -> their match methods
        self.chosen: dict = {}      # a key's first characters in representatives -> the alternatives that fit them

    def _prepare(self) -> None:
        try:
            found = [_prefixes(pattern) for _, pattern in self.alternatives]
        except _Backreference:      # alternatives that cannot be run alone: the whole regex everywhere
            self.alternatives, found = [("whole", self.whole.pattern)], [None]
        for at in range(PREFIX):
            classes = sorted({prefix[at] for prefixes in found if prefixes for prefix in prefixes if len(prefix) > at},
                             key=sorted)
            signature: dict = {}
            self.tables.append({ord(ch): signature.setdefault(tuple(ch in chars for chars in classes), ch)
                                for ch in _ASCII})
        self.prefixes = found
        self.chosen = {"": tuple(range(len(self.alternatives)))}

    def _choose(self, alike: str) -> tuple:
        """The alternatives (their positions) that fit a key's first len(alike) characters, written in the
        representatives: those that fit one character fewer, narrowed by one more (each length found once)."""
        found = self.chosen.get(alike)
        if found is None:
            size = len(alike)
            found = self.chosen[alike] = tuple(index for index in self._choose(alike[:-1])
                                               if self.prefixes[index] is None or self._fit(index, size).match(alike))
        return found

    def _fit(self, index: int, size: int) -> re.Pattern:
        fit = self.fits.get((index, size))
        if fit is None:
            fit = self.fits[index, size] = _regex(frozenset(prefix[:size] for prefix in self.prefixes[index]))
        return fit

    def _tries(self, key: str) -> tuple:
        """The match methods to try where the text goes on with `key` (found once per key, then looked up)."""
        if self.prefixes is None:
            self._prepare()
        if len(key) < PREFIX or not key.isascii():
            tries = (self.whole.match,)
        else:
            alike = "".join(map(dict.__getitem__, self.tables, map(ord, key)))
            tries = self.by_class.get(alike)
            if tries is None:
                chosen = self._choose(alike)
                tries = self.by_names.get(chosen)
                if tries is None:   # each alternative on its own, in order: no regex to compile per choice
                    tries = self.by_names[chosen] = tuple(_alone(self.alternatives[index][1]).match
                                                          for index in chosen)
                self.by_class[alike] = tries
        if len(self.by_key) > 200_000:    # a bound on memory: start again
            self.by_key.clear()
        self.by_key[key] = tries
        return tries

    def match(self, text: str, pos: int):
        key = text[pos:pos + PREFIX]
        tries = self.by_key.get(key)
        if tries is None:
            tries = self._tries(key)
        for attempt in tries:
            found = attempt(text, pos)
            if found is not None:
                return found
        return None


@functools.lru_cache(maxsize=None)
def _alone(pattern: str) -> re.Pattern:
    """One alternative compiled by itself (re.I, as in the whole): its match there is the one the whole finds."""
    return re.compile(pattern, re.I)
