"""One regex for a list of literal words, branching letter by letter.

Python's `re` tries the branches of an alternation one by one, and with re.IGNORECASE it cannot skip a
branch by its first letter, so `(?:one|two|...|ninety)` costs every branch at every failed position. The
trie form `(?:t(?:en|hree|wo)|...)` fails after one or two letters. Greedy optional tails try the longer
word first, so the trie matches the same text as the longest-first alternation it replaces.
"""
from __future__ import annotations

import re


def word_trie(words) -> str:
    """A non-capturing regex matching exactly the given literal strings, longest first along each path."""
    root: dict = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node) -> str:
        branches = [re.escape(char) + emit(node[char]) for char in sorted(node) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 and "" not in node else "(?:" + "|".join(branches) + ")"
        return body + "?" if "" in node else body
    return "(?:" + emit(root) + ")"
