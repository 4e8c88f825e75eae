"""audit.html: one self-contained page (no network, strict CSP) built from view-model dicts.

Python decides what is shown and in which order; templates/report.html.j2 only lays it out,
with Jinja2 autoescaping on, so document text is always text. The page's one script and one
stylesheet are inlined and allowed by their sha256 in the Content-Security-Policy, so even
markup that escaped escaping could neither run nor fetch anything.
"""
from __future__ import annotations

import base64
import hashlib
from functools import lru_cache
from pathlib import Path

from checker.report.appendix import source_segments
from checker.report.chart import timeline
from checker.report.markdown_text import plain_parts
from checker.report.matrix import matrix
from checker.report.model import (DISCOVERED_HINT, STATUS_LABELS, STATUSES, as_stated, compact_interval, consensus_lines,
                                  counts, fact_groups, mention_sources, observation_statuses, origin_note,
                                  quote_parts, source_reliability)

TEMPLATES = Path(__file__).parent / "templates"


@lru_cache(maxsize=1)
def _environment():
    import jinja2

    class DictFirstEnvironment(jinja2.Environment):
        """`{{ row.source }}` on a view-model dict reads its key first.

        Jinja's own getattr tries the attribute first, so every lookup on a dict raised and caught an
        AttributeError before reading the key: ~130,000 of them for a 1,000-document report. The
        view model is plain dicts whose keys are never dict method names, so the page is the same.
        """

        def getattr(self, obj, attribute):
            if type(obj) is dict and attribute in obj:
                return obj[attribute]
            return super().getattr(obj, attribute)

    return DictFirstEnvironment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                                trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                                undefined=jinja2.StrictUndefined)


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def _marked_spans(records: dict, mentions: list[dict]) -> list[dict]:
    """What the appendix marks in each source: the observations, or with no fact at all, every mention."""
    if records.get("observations") or not mentions:
        return records.get("observations", [])
    return [{"id": f"{listed['source']}@{m['start']}-{m['end']}", "source": listed["source"], "fact": m["kind"],
             "value_text": m["value_text"], "start": m["start"], "end": m["end"]}
            for listed in mentions for m in listed["mentions"]
            if isinstance(m["start"], int) and isinstance(m["end"], int)]


def source_order(source: dict) -> tuple:
    """Sources in the order they spoke: by publication date (a month or a year before its days), undated last."""
    return (source.get("published") or "9999", source["id"])


def _appendix(records: dict, statuses: dict, spans: list[dict], pages=None) -> tuple[list[dict], dict[str, str]]:
    """Every source in full, in date order (the matrix's columns follow it), with its statements marked, and
    each statement's href to its mark. `pages`: the page (file) of the n-th source, when sources have pages."""
    texts = records.get("texts", {})
    by_source: dict[str, list[dict]] = {}
    for observation in spans:
        by_source.setdefault(observation["source"], []).append(observation)
    documents, anchors = [], {}
    for index, source in enumerate(sorted(records.get("sources", []), key=source_order)):
        segments, source_anchors = source_segments(index, texts.get(source["id"]) or "",
                                                   by_source.get(source["id"], []), statuses,
                                                   markdown=source.get("format") == "md")
        page = pages(index) if pages is not None else ""
        for observation in by_source.get(source["id"], []):
            # A span that does not match the text still links to its document.
            anchors[observation["id"]] = page + "#" + source_anchors.get(observation["id"], f"source-{index}")
        documents.append({**source, "anchor": f"source-{index}", "segments": segments, "page": page,
                          "count": len(by_source.get(source["id"], []))})
    return documents, anchors


def _observation_row(observation, sources, texts, kind, statuses, anchors, row_ids, row_page=""):
    """A statement's row; its quote links to its mark in the source text (`anchors`: id -> href)."""
    before, value, after = quote_parts(observation, texts)
    source = sources.get(observation["source"], {})
    if source.get("format") == "md":  # a Markdown source's quote reads as plain text, as its text below does
        before, value, after = plain_parts((before, value, after))
    return {"id": row_ids[observation["id"]], "source": observation["source"], "outlet": source.get("outlet"),
            "title": source.get("title"), "as_of": observation.get("as_of"),
            "modality": observation.get("modality") or "reported",
            "value": compact_interval(observation.get("low"), observation.get("high"), kind),
            "value_text": observation["value_text"], "before": before, "marked": value, "after": after,
            "href": anchors.get(observation["id"], "#appendix-title"), "line": observation.get("line"),
            "status": statuses.get(observation["id"], "none"), "observation": observation["id"],
            "row_href": f"{row_page}#{row_ids[observation['id']]}"}


def _mentions(listed: list[dict], documents: list[dict], anchors: dict) -> list[dict]:
    """The per-source mention tables, each value linked to its mark in the source text."""
    document_anchors = {d["id"]: d["page"] + "#" + d["anchor"] for d in documents}
    shown = []
    for entry in listed:
        source = entry["source"]
        rows = [{**m, "href": anchors.get(f"{source}@{m['start']}-{m['end']}",
                                          document_anchors.get(source, "#appendix-title"))}
                for m in entry["mentions"]]
        shown.append({**entry, "anchor": document_anchors.get(source, "#appendix-title"), "mentions": rows})
    return shown


def view_model(records: dict, split=None) -> dict:
    records = as_stated(records)
    """What audit.html shows. With `split` (checker.report.split.Split, for a large corpus), the sources'
    texts, each long fact's statements and the reliability table are on pages beside it, and the matrix
    is left out; the page then holds the facts and findings."""
    statuses = observation_statuses(records)
    groups = fact_groups(records)
    sections = [section for group in groups for section in group["sections"]]
    sources = {s["id"]: s for s in records.get("sources", [])}
    texts = records.get("texts", {})
    listed = [] if sections else mention_sources(records)
    documents, anchors = _appendix(records, statuses, _marked_spans(records, listed),
                                   split.source_page if split is not None else None)
    row_ids = {o["id"]: f"obs-{i}" for i, o in enumerate(sorted(records.get("observations", []),
                                                                   key=lambda o: o["id"]))}
    facts = []
    for index, section in enumerate(sections):
        page = split.fact_page(index) if split is not None and split.fact_is_long(section) else ""
        rows = {o["id"]: _observation_row(o, sources, texts, section["kind"], statuses, anchors, row_ids, page)
                for o in section["observations"]}
        findings = [{**f, "label": STATUS_LABELS.get(f["status"], f["status"]),
                     "accepted": bool(f.get("accepted")), "acceptance_reason": f.get("acceptance_reason") or "",
                     "explanation": f.get("explanation") or "", "severity": f.get("severity") or "",
                     "consensus": consensus_lines(f), "more_members": 0, "more_href": "",
                     "members": [rows[i] for i in f["observations"] if i in rows]} for f in section["findings"]]
        facts.append({"key": section["key"], "label": section["label"], "kind": section["kind"],
                      "anchor": f"fact-{index}", "statuses": section["statuses"], "rank": index,
                      "origin": section["origin"], "origin_note": origin_note(section),
                      "confidence": section["confidence"], "evidence": section["evidence"],
                      "status_labels": [STATUS_LABELS.get(s, s) for s in section["statuses"]],
                      "findings": findings, "rows": list(rows.values()), "page": page,
                      "statement_count": len(rows), "more_rows": 0,
                      "chart": timeline(section, statuses, row_ids, index)})
    summary = counts(records)
    filters = [{"status": s, "label": STATUS_LABELS[s], "count": sum(1 for f in facts if s in f["statuses"])}
               for s in STATUSES]
    by_key = {fact["key"]: fact for fact in facts}
    fact_groups_shown = [{"origin": group["origin"], "title": group["title"],
                          "hint": DISCOVERED_HINT if group["origin"] == "discovered" else "",
                          "facts": [by_key[section["key"]] for section in group["sections"]]} for group in groups]
    discovered = [f for f in facts if f["origin"] == "discovered"]
    if discovered and len(discovered) < len(facts):  # only worth a filter when a catalog's facts stand beside them
        filters.append({"status": "discovered", "label": "Discovered", "count": len(discovered)})
    return {"corpus": records.get("corpus") or "", "summary": summary,
            "statuses": [{"status": s, "label": STATUS_LABELS[s], "count": summary[s]} for s in STATUSES],
            "filters": filters, "facts": facts, "groups": fact_groups_shown, "documents": documents,
            "orders": _orders(facts), "mentions": _mentions(listed, documents, anchors),
            "matrix": None if split is not None else matrix(facts, sections, documents, statuses, row_ids,
                                                            fact_groups_shown),
            "reliability": _reliability(records), "warnings": records.get("catalog_warnings") or [],
            "source_pages": [], "reliability_page": ""}


def _reliability(records: dict) -> list[dict]:
    """The source reliability table's rows; none when no source states a fact."""
    rows = source_reliability(records)
    return rows if any(row["facts"] for row in rows) else []


def _orders(facts: list[dict]) -> list[dict]:
    """The orders the page's script can put the facts in (within their group); none for a single fact."""
    if len(facts) < 2:
        return []
    orders = [{"order": "status", "label": "Status"}, {"order": "label", "label": "Name"}]
    if any(f["origin"] == "discovered" for f in facts):
        orders.append({"order": "confidence", "label": "Confidence"})
    return orders


def render_html(records: dict) -> str:
    return render_page("report.html.j2", view=view_model(records))


def render_page(template: str, **values) -> str:
    """One page of the report, with the page's stylesheet and script allowed by their hashes alone."""
    style = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    script = (TEMPLATES / "report.js").read_text(encoding="utf-8")
    csp = (f"default-src 'none'; style-src {_csp_hash(style)}; script-src {_csp_hash(script)}; "
           "img-src data:; base-uri 'none'; form-action 'none'")
    return _environment().get_template(template).render(style=style, script=script, csp=csp, **values)
