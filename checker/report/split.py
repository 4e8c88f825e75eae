"""The reports of a large corpus: the same entry points, with the bulk in files beside them.

A corpus with more than SPLIT_TEXT_CHARS of source text (about 500 news articles) would give an audit.json
of hundreds of megabytes and an audit.html no browser opens comfortably. Its reports are split instead:

- audit.json keeps every key of its contract, with `texts` empty and each `mentions` entry without its
  `items`; its `sidecars` names the files that hold them, one JSON object per line, sources in id order:
  audit.mentions.jsonl ({"source", "count", "items"}) and audit.texts.jsonl ({"source", "text"}). JSON lines
  stream: a reader takes one source at a time, and no dependency is needed to write or read them.
- audit.html holds the summary, the facts and their findings. A fact with more than STATEMENTS_SHOWN
  statements shows the first ones, folded, and links its own page (audit-fact-NNN.html: its chart, findings
  and every statement). The sources' texts are on pages of SOURCES_PER_PAGE sources
  (audit-sources-NNN.html), the reliability table on audit-reliability.html; every quote links to its
  mark there. The sources x facts matrix is left out (a column per source).
- audit.md is as for any corpus.

Every page carries the report's own stylesheet and script under the same Content-Security-Policy, loads
nothing, and the files are written flat beside audit.html, so links are the same from every page. The bytes
depend on the records alone: the same audit gives the same files.
"""
from __future__ import annotations

import json

SPLIT_TEXT_CHARS = 2_000_000
SOURCES_PER_PAGE = 200
STATEMENTS_SHOWN = 25
MEMBERS_SHOWN = 20      # statements listed under a conflict on the main page
DETAILS_SHOWN = 10      # disagreeing pairs listed under a finding on the main page
MESSAGE_CHARS = 600     # a conflict's message names every statement: the main page shows its start
MENTIONS_FILE, TEXTS_FILE = "audit.mentions.jsonl", "audit.texts.jsonl"


def is_large(records: dict) -> bool:
    return sum(len(text or "") for text in (records.get("texts") or {}).values()) > SPLIT_TEXT_CHARS


class Split:
    """Where each part of a split report goes: file names beside audit.html."""

    @staticmethod
    def source_page(index: int) -> str:
        """The page of the index-th source in date order."""
        return f"audit-sources-{index // SOURCES_PER_PAGE:03d}.html"

    @staticmethod
    def fact_page(index: int) -> str:
        return f"audit-fact-{index:03d}.html"

    @staticmethod
    def fact_is_long(section: dict) -> bool:
        return len(section["observations"]) > STATEMENTS_SHOWN


def render_split(records: dict) -> dict[str, str]:
    """File name -> content of every file of a large corpus's report."""
    from checker.report.html import render_page, view_model
    from checker.report.json_report import render_json
    from checker.report.markdown import render_markdown

    split = Split()
    view = view_model(records, split)
    files = {"audit.json": render_json(_bulk_left_out(records)), MENTIONS_FILE: _json_lines(
        {"source": entry["source"], "count": entry["count"], "items": entry["items"]}
        for entry in records.get("mentions") or []),
        TEXTS_FILE: _json_lines({"source": source, "text": text}
                                for source, text in sorted((records.get("texts") or {}).items())),
        "audit.md": render_markdown(records)}
    for fact in view["facts"]:
        if fact["page"]:
            files[fact["page"]] = _page(render_page, view, fact["label"], facts=[fact])
    documents = view["documents"]
    pages = []
    for first in range(0, len(documents), SOURCES_PER_PAGE):
        chunk = documents[first:first + SOURCES_PER_PAGE]
        name = split.source_page(first)
        files[name] = _page(render_page, view, f"Sources {chunk[0]['id']} to {chunk[-1]['id']}", documents=chunk)
        pages.append({"href": name, "first": chunk[0]["id"], "last": chunk[-1]["id"], "count": len(chunk)})
    if view["reliability"]:
        files["audit-reliability.html"] = _page(render_page, view, "Source reliability",
                                                reliability=view["reliability"])
    main = {**view, "documents": [], "source_pages": pages, "reliability": [],
            "reliability_page": "audit-reliability.html" if view["reliability"] else "",
            "facts": [_shortened(fact) for fact in view["facts"]]}
    by_key = {fact["key"]: fact for fact in main["facts"]}
    main["groups"] = [{**group, "facts": [by_key[fact["key"]] for fact in group["facts"]]} for group in view["groups"]]
    files["audit.html"] = render_page("report.html.j2", view=main)
    return files


def _page(render_page, view: dict, title: str, facts=(), documents=(), reliability=()) -> str:
    return render_page("page.html.j2", view=view, title=title, facts=list(facts), documents=list(documents),
                       reliability=list(reliability))


def _shortened(fact: dict) -> dict:
    """A fact as the main page shows it: the first statements, its findings with their first members."""
    if not fact["page"]:
        return fact
    findings = []
    for finding in fact["findings"]:
        message = finding["message"]
        if len(message) > MESSAGE_CHARS:
            message = message[:MESSAGE_CHARS].rstrip() + " …"
        findings.append({**finding, "message": message, "members": finding["members"][:MEMBERS_SHOWN],
                         "more_members": max(0, len(finding["members"]) - MEMBERS_SHOWN), "more_href": fact["page"],
                         "details": (finding.get("details") or [])[:DETAILS_SHOWN]})
    return {**fact, "findings": findings, "rows": fact["rows"][:STATEMENTS_SHOWN], "chart": None,
            "more_rows": len(fact["rows"]) - STATEMENTS_SHOWN}


def _bulk_left_out(records: dict) -> dict:
    """audit.json's records with the texts and the mentions' items left to their sidecar files."""
    return {**records, "texts": {},
            "mentions": [{"source": entry["source"], "count": entry["count"]} for entry in records.get("mentions") or []],
            "sidecars": {"mentions": MENTIONS_FILE, "texts": TEXTS_FILE}}


def _json_lines(objects) -> str:
    return "".join(json.dumps(item, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False) + "\n"
                   for item in objects)
