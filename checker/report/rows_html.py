"""The table rows a long page repeats thousands of times, rendered in Python: the very text of their macros.

A long fact's page lists every statement (at 10,000 articles 9,000 rows a page) and the reliability page every
source, and a re-audit after one edit renders three or four such pages again. Through Jinja each row's twenty
values were looked up and escaped one call at a time (half a million calls a page: most of the time a page took).
`statement_rows` and `reliability_rows` give the text the macros of the same name in templates/macros.html.j2 give
(tests/test_report_rows.py holds them equal on a real audit's rows); the macros stay the pages' definition, and
render the rows a page shows outside those tables. checker.report.html.page_chunks renders a long table's chunks
with these.
"""
from __future__ import annotations

from markupsafe import escape


def escaped(value) -> str:
    """What `{{ value }}` renders to on an autoescaped page: str(markupsafe.escape(value))."""
    if type(value) is str:
        if "&" in value or "<" in value or ">" in value or "'" in value or '"' in value:
            return (value.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;").replace("'", "&#39;")
                    .replace('"', "&#34;"))
        return value
    if type(value) is int or type(value) is float:   # (a count, a line, a score: no character to escape)
        return str(value)
    return str(escape(value))


def statement_rows(rows) -> str:
    """macros.html.j2's statement_rows(rows)."""
    e = escaped
    out = []
    for r in rows:
        status, source, modality = e(r["status"]), e(r["source"]), e(r["modality"])
        out.append(f'<tr id="{e(r["id"])}" class="st-{status}"><td><span class="sid">{source}</span><br>'
                   f'<span class="muted">{e(r["outlet"] or "")}</span></td><td>{e(r["as_of"] or "—")}</td>'
                   f'<td><span class="modality m-{modality}">{modality}</span></td><td class="value">{e(r["value"])}'
                   f'</td><td><a class="quote" href="{e(r["href"])}" title="Show in {source}, line {e(r["line"])}">'
                   f'{e(r["before"])}<mark class="st-{status}">{e(r["marked"])}</mark>{e(r["after"])}</a></td></tr>\n')
    return "".join(out)


def reliability_rows(rows) -> str:
    """macros.html.j2's reliability_rows(rows)."""
    e = escaped
    out = []
    for r in rows:
        source = e(r["id"])
        badge = ' <span class="badge">authority</span>' if r["authority"] else ""
        value = e(r["reliability"] if r["reliability"] is not None else -1)
        claims, agreements, disagreements = e(r["claims"]), e(r["agreements"]), e(r["disagreements"])
        facts = "".join(f"<li>{e(item)}</li>" for item in r["facts"])
        out.append(f'<tr><td data-value="{source}"><span class="sid">{source}</span>{badge}<br>'
                   f'<span class="muted">{e(r["outlet"])}</span></td><td class="value" data-value="{value}">'
                   f'{e(r["shown"])}</td><td data-value="{claims}">{claims}</td><td data-value="{agreements}">'
                   f'{agreements}</td><td data-value="{disagreements}">{disagreements}</td><td><ul class="track">'
                   f'{facts}</ul></td></tr>\n')
    return "".join(out)
