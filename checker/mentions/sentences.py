"""Sentence bounds that survive abbreviations (Jan., U.S., a.m., Dr., e.g.), decimals, initials and
scraped text where the space after a full stop went missing ("end.Next")."""
from __future__ import annotations

import re
import string
from bisect import bisect_right

ABBREVIATIONS = frozenset("""
jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
mr mrs ms dr prof st sr jr gen col lt sgt capt cmdr adm gov sen rep rev hon pres vs etc inc ltd co corp
no nos vol fig p pp ed eds approx est dept univ ave blvd mt ft al e.g i.e a.m p.m u.s u.k u.n e.u
""".split())

_CANDIDATE = re.compile(r"[.!?]+[\"'”’)\]]*(?:\s+|(?=[A-Z“\"]))|\n\s*")
_LETTERS_AND_DOT = string.ascii_letters + "."


def sentence_bounds(text: str) -> list[int]:
    """Offsets where sentences start (always begins with 0)."""
    starts, length = [0], len(text)
    for match in _CANDIDATE.finditer(text):
        end = match.end()
        if end >= length:
            break
        if text[match.start()] == "." and not _ends_sentence(text, match):
            continue
        starts.append(end)
    return starts


_MONTHS = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())


def _ends_sentence(text: str, match: re.Match) -> bool:
    start = match.start()
    # The word before the stop: in the 20 characters before it, the run of letters and dots that ends there,
    # from its first letter (what re.search(r"([A-Za-z][A-Za-z.]*)$") finds, by two strips instead of a
    # search from each of the 20 places).
    window = text[max(0, start - 20):start]
    if window[-1:] == "\n":
        window = window[:-1]      # as `$` matches before a last newline too
    word = window[len(window.rstrip(_LETTERS_AND_DOT)):].lstrip(".")
    nxt = text[match.end():match.end() + 1]
    if word:
        token = word.lower().rstrip(".")
        if token in _MONTHS and nxt.isupper():
            return True   # "Talks resume after Feb. It may be later": a month's is followed by its day, not a capital
        if token in ABBREVIATIONS or (len(token) == 1 and word.isupper()):
            # "Jan. 12", "U.S. officials", "J. Smith": a sentence still ends before a capitalised
            # sentence opener only when the gap is a newline; keep it simple and go on.
            return "\n" in match.group(0)
        if "." in token and len(token) <= 5:   # "e.g", "a.m"
            return nxt.isupper() and token not in ABBREVIATIONS
    elif start and text[start - 1].isdigit() and nxt.isdigit():
        return False
    if not match.group(0).strip(".!?\"'”’)]") and not nxt.isupper() and nxt not in "“\"":
        return bool(nxt) and not nxt.islower() and not nxt.isdigit()
    return True


class Sentences:
    """Maps an offset to the sentence around it."""

    def __init__(self, text: str):
        self.text = text
        self.starts = sentence_bounds(text)
        # The last sentence asked for and its bounds: the scan asks in text order, several times a sentence (one
        # entry, not one per sentence: a long document has a million sentences).
        self.last: tuple[int, tuple[int, int]] = (-1, (0, 0))

    def around(self, offset: int) -> tuple[int, int]:
        index = bisect_right(self.starts, offset) - 1
        if index == self.last[0]:
            return self.last[1]
        start = self.starts[index]
        end = self.starts[index + 1] if index + 1 < len(self.starts) else len(self.text)
        while end > start and self.text[end - 1].isspace():
            end -= 1
        self.last = (index, (start, end))
        return start, end
