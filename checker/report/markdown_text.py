"""A Markdown source shown as plain text: which of its characters are markup, so the report can leave them out.

The report shows every source in full with its values marked at their character offsets, so it never
re-renders Markdown (a renderer would move the offsets, and its HTML would have to be trusted). Instead
the markup a reader would not want to see raw ("# Title", "*emphasis*", "[text](url)", "> quote") is
listed here as spans to drop or replace; the text itself stays text, escaped like any other. Only
unambiguous forms are recognised: whatever is not is shown as written.
"""
from __future__ import annotations

import re
from typing import NamedTuple


class Markup(NamedTuple):
    start: int
    end: int
    shown: str  # what stands in its place: "" (dropped), "• " for a bullet, " (" before a link's address


_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$", re.MULTILINE)
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$", re.MULTILINE)
_QUOTE = re.compile(r"^ {0,3}> ?", re.MULTILINE)
_BULLET = re.compile(r"^([ \t]*)([*+-])[ \t]+(?=\S)", re.MULTILINE)
_LINK = re.compile(r"(!?)\[([^\]\n]+)\]\(((?:[^()\s]|\([^()\s]*\))+)(?:[ \t]+\"[^\"\n]*\")?\)")
_STRONG = re.compile(r"(?<![\w*_\\])(\*\*|__)(?=\S)([^\n]+?)(?<=\S)\1(?![\w*_])")
_EMPHASIS = re.compile(r"(?<![\w*\\])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])"
                       r"|(?<![\w_\\])_(?=[^\s_])([^_\n]+?)(?<=[^\s_])_(?![\w_])")
_CODE = re.compile(r"(?<!`)(`+)(?=[^`\n])([^\n]*?[^`\n])\1(?!`)")
_ESCAPE = re.compile(r"\\(?=[!\"#$%&'()*+,\-./:;<=>?@\[\]^_`{|}~])")


def markup(text: str) -> tuple[list[Markup], list[tuple[int, int]]]:
    """The markup spans of a Markdown text (sorted, never overlapping) and its heading lines' text spans."""
    spans: list[Markup] = []
    headings: list[tuple[int, int]] = []
    for match in _HEADING.finditer(text):
        spans.append(Markup(match.start(), match.start(2), ""))
        if match.end(2) < match.end():
            spans.append(Markup(match.end(2), match.end(), ""))
        headings.append((match.start(2), match.end(2)))
    for match in _SETEXT.finditer(text):
        previous = text.rfind("\n", 0, max(0, match.start() - 1)) + 1
        title = text[previous:max(previous, match.start() - 1)]
        if match.start() > 0 and title.strip() and not _RULE.fullmatch(title):
            spans.append(Markup(match.start(), match.end(), ""))
            headings.append((previous, previous + len(title.rstrip())))
        elif _RULE.fullmatch(match.group()):
            spans.append(Markup(match.start(), match.end(), ""))
    for match in _RULE.finditer(text):
        if not _SETEXT.fullmatch(match.group()):  # "***" and "___"; dashes were handled above
            spans.append(Markup(match.start(), match.end(), ""))
    for match in _QUOTE.finditer(text):
        spans.append(Markup(match.start(), match.end(), ""))
    for match in _BULLET.finditer(text):
        spans.append(Markup(match.start(2), match.end(), "• "))
    for match in _LINK.finditer(text):
        # "[text](url)" reads "text (url)": the address stays visible, as text, never a link.
        spans.append(Markup(match.start(), match.start(2), ""))
        spans.append(Markup(match.end(2), match.start(3), " ("))
        spans.append(Markup(match.end(3), match.end(), ")"))
    for pattern, groups in ((_STRONG, (2,)), (_EMPHASIS, (1, 2)), (_CODE, (2,))):
        for match in pattern.finditer(text):
            group = next(g for g in groups if match.group(g) is not None)
            spans.append(Markup(match.start(), match.start(group), ""))
            spans.append(Markup(match.end(group), match.end(), ""))
    for match in _ESCAPE.finditer(text):
        spans.append(Markup(match.start(), match.end(), ""))
    return _disjoint(spans), sorted(headings)


def _disjoint(spans: list[Markup]) -> list[Markup]:
    """Sorted spans with any that overlaps an earlier (outer) one left out."""
    kept: list[Markup] = []
    for span in sorted(set(spans), key=lambda s: (s.start, -s.end)):
        if span.end > span.start and (not kept or span.start >= kept[-1].end):
            kept.append(span)
    return kept


def plain(text: str) -> str:
    """The text as the report shows it: markup dropped or replaced."""
    spans, _ = markup(text)
    pieces, cursor = [], 0
    for span in spans:
        pieces += [text[cursor:span.start], span.shown]
        cursor = span.end
    return "".join(pieces) + text[cursor:]


def plain_parts(parts: tuple[str, ...]) -> tuple[str, ...]:
    """Consecutive pieces of one Markdown text (a quote cut around its value) as plain text: markup found
    in the whole is left out of each piece, except markup that would cross from one piece into another."""
    text = "".join(parts)
    bounds, cursor = [], 0
    for part in parts:
        bounds.append((cursor, cursor + len(part)))
        cursor += len(part)
    spans, _ = markup(text)
    shown = []
    for start, end in bounds:
        pieces, position = [], start
        for span in spans:
            if start <= span.start and span.end <= end:
                pieces += [text[position:span.start], span.shown]
                position = span.end
        shown.append("".join(pieces) + text[position:end])
    return tuple(shown)
