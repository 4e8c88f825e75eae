"""HTML reduced to the text a reader sees, plus its <title>.

inscriptis does the rendering: <head>, <script> and <style> are dropped, block elements
become line breaks and entities are decoded. Its "strict" CSS profile is used so that
<div>s are not indented. Lines are then stripped of their padding and runs of blank lines
are folded into one, so the text reads like a plain-text article and sentence splitting
downstream is not confused by layout whitespace.

lxml is asked for a huge tree (libxml2 otherwise stops at 256 levels of nesting and drops the rest of
the page in silence). A page nested deeper than lxml or inscriptis can follow (2,048 levels; inscriptis
recurses per level) is read by a flat pass of the standard library's streaming HTMLParser instead, which
has no depth limit: the same visible text, with block elements as line breaks, never a partial text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

_BLANK_RUNS = re.compile(r"\n{3,}")


@dataclass(frozen=True)
class HtmlText:
    text: str
    title: str | None


def html_to_text(html: str) -> HtmlText:
    """Visible text of an HTML document (str, already decoded) and its <title>, if any."""
    import lxml.html
    from inscriptis import Inscriptis
    from inscriptis.css_profiles import CSS_PROFILES
    from inscriptis.model.config import ParserConfig

    if not html.strip():
        return HtmlText("", None)
    # lxml refuses str input that carries an XML encoding declaration; the bytes were decoded already.
    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)
    parser = lxml.html.HTMLParser(huge_tree=True)
    try:
        tree = lxml.html.document_fromstring(html, parser=parser)
    except Exception:  # lxml raises ParserError for documents with nothing in them
        return HtmlText("", None)
    if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log):
        return _flat_text(html)   # nested beyond libxml2's limit: the tree lacks the rest of the page
    title = tree.findtext(".//title")
    title = " ".join(title.split()) if title and title.strip() else None
    try:
        rendered = Inscriptis(tree, ParserConfig(css=CSS_PROFILES["strict"], display_links=False)).get_text()
    except RecursionError:
        return _flat_text(html)
    return HtmlText(_tidy(rendered), title)


def _tidy(rendered: str) -> str:
    lines = [line.strip() for line in rendered.splitlines()]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip("\n")


# Elements whose start and end break the line (a subset of HTML's block elements that covers article markup).
_BLOCKS = frozenset("""address article aside blockquote br caption dd details dialog div dl dt fieldset figcaption
figure footer form h1 h2 h3 h4 h5 h6 header hr legend li main nav ol p pre section summary table tbody td tfoot th
thead tr ul""".split())
_HIDDEN = frozenset("head script style template noscript".split())   # what inscriptis leaves out too
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_SPACES = re.compile(r"[ \t\f\v\r]+")


class _FlatReader(HTMLParser):
    """Visible text and <title> of a page in one streaming pass, at any depth of nesting."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self.hidden = 0
        self.in_title = False

    def handle_starttag(self, tag, attrs) -> None:
        if tag == "title":
            self.in_title = True
        elif tag in _HIDDEN and tag not in _VOID:
            self.hidden += 1
        elif tag in _BLOCKS and not self.hidden:
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs) -> None:
        if tag in _BLOCKS and not self.hidden:
            self.parts.append("\n")

    def handle_endtag(self, tag) -> None:
        if tag == "title":
            self.in_title = False
        elif tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS and not self.hidden:
            self.parts.append("\n")

    def handle_data(self, data) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.hidden:
            self.parts.append(data)


def _flat_text(html: str) -> HtmlText:
    reader = _FlatReader()
    reader.feed(html)
    reader.close()
    # Whitespace inside a line folds as a browser folds it; line breaks come from the block elements only.
    text = "".join(_SPACES.sub(" ", part.replace("\n", " ")) if part != "\n" else part for part in reader.parts)
    title = " ".join("".join(reader.title).split()) or None
    return HtmlText(_tidy(text), title)
