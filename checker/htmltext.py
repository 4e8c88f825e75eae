"""HTML reduced to the text a reader sees, plus its <title>.

inscriptis does the rendering: <head>, <script> and <style> are dropped, block elements
become line breaks and entities are decoded. Its "strict" CSS profile is used so that
<div>s are not indented. Lines are then stripped of their padding and runs of blank lines
are folded into one, so the text reads like a plain-text article and sentence splitting
downstream is not confused by layout whitespace.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

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
    try:
        tree = lxml.html.document_fromstring(html)
    except Exception:  # lxml raises ParserError for documents with nothing in them
        return HtmlText("", None)
    title = tree.findtext(".//title")
    title = " ".join(title.split()) if title and title.strip() else None
    rendered = Inscriptis(tree, ParserConfig(css=CSS_PROFILES["strict"], display_links=False)).get_text()
    lines = [line.strip() for line in rendered.splitlines()]
    text = _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip("\n")
    return HtmlText(text, title)
