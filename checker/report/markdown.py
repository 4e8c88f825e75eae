"""audit.md: the summary, then one section per fact (conflicts first) with every statement quoted.

Beside a catalog, the discovered facts follow the declared ones under their own title; with no fact at
all, every mention is listed per source instead.

A large corpus's audit.md (checker.report.split) is folded as its audit.html is: a fact stated more than
STATEMENTS_SHOWN times shows its first statements and its findings' first details, and names its own page for
the rest; the reliability table and the list of sources are on the HTML pages and in audit.json. At 10,000
articles the whole file was 10 MB (26,000 statements, two tables of 10,000 rows): more than a person reads, or
a pull request or a wiki shows.
"""
from __future__ import annotations

import functools
import re

from checker.report.markdown_text import plain_parts
from checker.report.model import (DISCOVERED_HINT, STATUS_LABELS, STATUSES, as_stated, compact_interval, consensus_lines, counts,
                                  fact_groups, mention_sources, origin_note, quote_parts, source_reliability)

# Characters that would turn document text into Markdown structure or raw HTML, each backslash-escaped
# (CommonMark shows an escaped punctuation character as itself), so the file reads as plain text too:
# no entities. "<" could open a tag or an autolink; "&" only matters where it would start an entity.
_MARKUP = re.compile("[" + re.escape("\\`*_[]|#~!<") + "]")
_ENTITY_LIKE = re.compile(r"&(?=#?[0-9A-Za-z]+;)")


def escape(text) -> str:
    return _escaped(text if type(text) is str else "" if text is None else str(text))


# A report escapes the same short texts over and over (source ids, outlets, dates, modalities, values: nine of
# ten calls at 10,000 articles), each the same every time
@functools.lru_cache(maxsize=1 << 16)
def _escaped(text: str) -> str:
    # Most text holds none of these characters and no "&": looking for them first skips the per-character
    # translation and the entity pattern's scan, which were 60% of a 10,000-article audit.md (9 MB escaped).
    if _MARKUP.search(text):
        text = _MARKUP.sub(r"\\\g<0>", text)
    if "&" in text:
        text = _ENTITY_LIKE.sub(r"\\&", text)
    return " ".join(text.split())


def _spaced(text, left: bool) -> str:
    """Escaped text beside a bold value, with one space on the side it touches only when the source had one
    there: "**July 2019**." stays glued to its full stop."""
    text = "" if text is None else str(text)
    escaped = escape(text)
    if not escaped:
        return ""
    if left:
        return escaped + (" " if text[-1:].isspace() else "")
    return (" " if text[:1].isspace() else "") + escaped


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def _headline(records: dict) -> list[str]:
    """The title with the corpus audited, and what a reader has to do: the discrepancies left to review."""
    summary = counts(records)
    corpus = records.get("corpus") or ""
    title = "# Fact-consistency audit" + (f": {escape(corpus)}" if corpus else "")
    unaccepted = summary["unaccepted"]
    review = (f"**{unaccepted} discrepanc{'y' if unaccepted == 1 else 'ies'} to review**" if unaccepted
              else "Nothing left to review")
    accepted = f" ({summary['accepted']} accepted)" if summary["accepted"] else ""
    discovered = f" ({summary['discovered']} discovered)" if summary["discovered"] else ""
    return [title, "", f"{review}{accepted} · {summary['sources']} sources · {summary['facts']} facts{discovered} · "
                       f"{summary['observations']} statements", ""]


def _summary(records: dict) -> list[str]:
    summary = counts(records)
    rows = [["Sources", str(summary["sources"])], ["Facts", str(summary["facts"])]]
    if summary["discovered"]:
        rows.append(["Discovered facts", str(summary["discovered"])])
    rows.append(["Observations", str(summary["observations"])])
    rows += [[STATUS_LABELS[status], str(summary[status])] for status in STATUSES]
    rows += [["Unaccepted discrepancies", str(summary["unaccepted"])], ["Accepted", str(summary["accepted"])]]
    return _table(["", "Count"], rows)


def _finding_lines(finding: dict, page: str = "") -> list[str]:
    accepted = ""
    if finding.get("accepted"):
        reason = finding.get("acceptance_reason")
        accepted = " · accepted" + (f": {escape(reason)}" if reason else "")
    # A conflict's id is what `checker accept` takes.
    finding_id = f" · `{finding['id']}`" if finding["status"] == "conflict" and finding.get("id") else ""
    message, details, agreed = finding.get("message"), finding["details"], consensus_lines(finding)
    if page:   # a long fact's finding: its first details and consensus lines, the rest on its page
        from checker.report.split import DETAILS_SHOWN, shortened_message

        message = shortened_message(str(message or ""))
        more = len(details) - DETAILS_SHOWN
        details = [shortened_message(str(detail)) for detail in details[:DETAILS_SHOWN]] + \
            ([f"… and {more} more, on {page}"] if more > 0 else [])
        more = len(agreed) - DETAILS_SHOWN
        agreed = [shortened_message(str(line)) for line in agreed[:DETAILS_SHOWN]] + \
            ([f"… and {more} more as-of windows, on {page}"] if more > 0 else [])
    head = (f"- **{STATUS_LABELS.get(finding['status'], escape(finding['status']))}** · "
            f"{escape(finding.get('severity'))} · {escape(finding.get('rule'))}{finding_id}{accepted} — "
            f"{escape(message)}")
    return ([head] + [f"  - {escape(detail)}" for detail in details]
            + [f"  - Consensus: {escape(line)}" for line in agreed])


def _observation_row(observation: dict, sources: dict, texts: dict, kind: str) -> list[str]:
    before, value, after = quote_parts(observation, texts)
    source = sources.get(observation["source"], {})
    if source.get("format") == "md":  # its own markup left out: the value is the one thing in bold
        before, value, after = plain_parts((before, value, after))
    quote = f"{_spaced(before, left=True)}**{escape(value)}**{_spaced(after, left=False)}"
    return [escape(observation["source"]), escape(source.get("outlet") or ""),
            escape(observation.get("as_of") or ""), escape(observation.get("modality") or ""),
            escape(compact_interval(observation.get("low"), observation.get("high"), kind)), quote]


def _fact_lines(section: dict, sources: dict, texts: dict, page: str = "") -> list[str]:
    """A fact's section; with `page` (its own HTML page, a large corpus's long fact), its first statements only."""
    statuses = ", ".join(STATUS_LABELS.get(s, s) for s in section["statuses"])
    lines = [f"## {escape(section['label'])} (`{section['key']}`)", "", f"Status: {statuses}", ""]
    note = origin_note(section)
    if note:
        evidence = ", ".join(escape(word) for word in section["evidence"])
        lines += [f"*{note}*" + (f" · evidence: {evidence}" if evidence else ""), ""]
    for finding in section["findings"]:
        lines += _finding_lines(finding, page)
    if section["findings"]:
        lines.append("")
    observations = section["observations"]
    if page:
        from checker.report.split import STATEMENTS_SHOWN

        observations = observations[:STATEMENTS_SHOWN]
    rows = [_observation_row(o, sources, texts, section["kind"]) for o in observations]
    lines += _table(["Source", "Outlet", "As of", "Modality", "Value", "Quote"], rows) + [""]
    more = len(section["observations"]) - len(observations)
    if more:
        lines += [f"*The first {len(observations)} of {len(section['observations'])} statements: all of them are "
                  f"on [{page}]({page}) and in audit.json.*", ""]
    return lines


def _mention_lines(records: dict):
    """With no fact at all, every value found, per source: the whole audit then. Lines one at a time: a
    long document's table is never held whole."""
    yield from ["## Mentions per source", "",
                "No fact was declared or shared by two sources; these are every value found in each source.", ""]
    for listed in mention_sources(records):
        count = len(listed["mentions"])
        yield from [f"### {escape(listed['source'])} ({count} mention{'' if count == 1 else 's'})", ""]
        if count:
            yield from _table(["Value", "Kind", "Interval", "Unit", "Modality"], [])
            for m in listed["mentions"]:
                yield ("| " + " | ".join([escape(m["value_text"]), escape(m["kind"]), escape(m["interval"]),
                                          escape(m["unit"]), escape(m["modality"])]) + " |")
        else:
            yield "No values found."
        yield ""


def _reliability_lines(records: dict) -> list[str]:
    """Each source's estimated reliability and the facts behind it (checker.consensus)."""
    rows = source_reliability(records)
    if not any(row["facts"] for row in rows):
        return []
    lines = ["## Source reliability", "",
             "How often each source's values hold where other sources speak to the same fact (0 to 1; — when "
             "no other source does). It weighs the consensus lines above.", ""]
    table = [[escape(row["id"]) + (" (authority)" if row["authority"] else ""), row["shown"], str(row["claims"]),
              str(row["agreements"]), str(row["disagreements"]), "; ".join(escape(item) for item in row["facts"])]
             for row in rows]
    return lines + _table(["Source", "Reliability", "Counted", "Agrees", "Disagrees", "Facts"], table) + [""]


def _warning_lines(records: dict) -> list[str]:
    """What the catalog asks that the corpus never answers (checker.catalog_warnings), one bullet each."""
    warnings = records.get("catalog_warnings") or []
    if not warnings:
        return []
    return ["## Catalog warnings", ""] + [f"- `{warning['fact']}`: {escape(warning['message'])}"
                                         for warning in warnings] + [""]


def render_markdown(records: dict) -> str:
    return "".join(markdown_chunks(records))


def markdown_chunks(records: dict, groups: list[dict] | None = None, split=None):
    """audit.md in pieces, in order (render_markdown joins them): the mention tables a line at a time.
    `groups`: fact_groups(as_stated(records)), when the caller has them. `split` (checker.report.split.Split):
    a large corpus's audit.md, folded as its audit.html is."""
    yield from (line + "\n" for line in _markdown_lines(records, groups, split))


def _markdown_lines(records: dict, groups: list[dict] | None, split=None):
    records = as_stated(records)
    sources = {source["id"]: source for source in records.get("sources", [])}
    texts = records.get("texts", {})
    lines = _headline(records) + _summary(records) + [""] + _warning_lines(records)
    groups = fact_groups(records) if groups is None else groups
    index = 0
    for group in groups:
        if group["title"]:
            lines += [f"## {group['title']}", "", DISCOVERED_HINT, ""]
        for section in group["sections"]:
            # numbered as audit.html numbers the facts' pages (checker.report.html.view_model)
            page = split.fact_page(index) if split is not None and split.fact_is_long(section) else ""
            lines += _fact_lines(section, sources, texts, page)
            index += 1
    yield from lines
    if not groups:
        yield from _mention_lines(records) if split is None else _split_mention_lines(records, split)
    if split is not None:
        yield from _split_source_lines(records, split)
        return
    lines = _reliability_lines(records)
    lines += ["## Sources", ""]
    rows = [[escape(s["id"]), escape(s.get("title")), escape(s.get("outlet")), escape(s.get("published")),
             escape(s.get("path"))] for s in sorted(sources.values(), key=lambda s: s["id"])]
    lines += _table(["Id", "Title", "Outlet", "Published", "Path"], rows)
    yield from lines


def _split_mention_lines(records: dict, split) -> list[str]:
    """A large corpus with no fact: where its values are listed (every one of them here was 13 MB at 10,000
    articles)."""
    entries = records.get("mentions") or []
    values = sum(entry.get("count", 0) for entry in entries)
    return ["## Mentions per source", "",
            f"No fact was declared or shared by two sources. The {values} values found in the {len(entries)} sources "
            f"are listed per source on {_source_pages(records, split)}, and in audit.json's sidecars "
            f"(`audit.mentions-NNN.jsonl`).", ""]


def _source_pages(records: dict, split) -> str:
    """The sources' pages as Markdown links: "[first](first) to [last](last)"."""
    first, last = split.source_page(0), split.source_page(max(len(records.get("sources") or []) - 1, 0))
    return f"[{first}]({first})" + (f" to [{last}]({last})" if last != first else "")


def _split_source_lines(records: dict, split) -> list[str]:
    """A large corpus's sources and their reliability: where the pages and audit.json list them."""
    sources = records.get("sources") or []
    tracks = records.get("track_records") or {}
    lines = []
    if any(tracks.get(source["id"]) for source in sources):   # as audit.html has the page (source_reliability)
        lines += ["## Source reliability", "",
                  "Each source's estimated reliability, and the facts behind it, is on "
                  "[audit-reliability.html](audit-reliability.html) and in audit.json (each source's "
                  "`reliability`, and `track_records`).", ""]
    if not sources:
        return lines
    lines += ["## Sources", "", f"The {len(sources)} sources are listed in audit.json (`sources`), and shown with "
                                f"their texts on {_source_pages(records, split)}.", ""]
    return lines
