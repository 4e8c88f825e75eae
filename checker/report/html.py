"""audit.html: one self-contained page (no network, strict CSP) built from view-model dicts.

Python decides what is shown and in which order; templates/report.html.j2 only lays it out,
with Jinja2 autoescaping on, so document text is always text. The page's one script and one
stylesheet are inlined and allowed by their sha256 in the Content-Security-Policy, so even
markup that escaped escaping could neither run nor fetch anything.
"""
from __future__ import annotations

import base64
import hashlib
import re
from array import array
from bisect import bisect_right
from functools import lru_cache
from pathlib import Path

from checker.report.appendix import Segments, source_anchors, source_segments, text_identity
from checker.report.chart import timeline
from checker.report.markdown_text import plain_parts
from checker.report.matrix import matrix
from checker.report.model import (DISCOVERED_HINT, STATUS_LABELS, STATUSES, as_stated, compact_interval, consensus_lines,
                                  counts, fact_groups, mention_sources, observation_statuses, origin_note,
                                  quote_parts, source_reliability, status_rank)
from checker.report.paging import page_number
from checker.rows import Rows, in_chunks
from checker.sharedkeys import maker

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


def load_templates() -> None:
    """Compile the report's templates now (Jinja keeps them): a large report does so before its second process
    forks, which would otherwise compile them again (a twentieth of a second)."""
    for name in ("macros.html.j2", "page.html.j2", "report.html.j2"):
        _environment().get_template(name)


def _csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def _marked_spans(records: dict, mentions: list[dict]) -> list[dict]:
    """What the appendix marks in each source: the observations, or with no fact at all, every mention.
    A source whose mentions are Rows (a long document's) is left to _long_document."""
    if records.get("observations") or not mentions:
        return records.get("observations", [])
    return [_span(listed["source"], m) for listed in mentions if not isinstance(listed["mentions"], Rows)
            for m in listed["mentions"] if isinstance(m["start"], int) and isinstance(m["end"], int)]


def _span(source: str, mention: dict) -> dict:
    return {"id": f"{source}@{mention['start']}-{mention['end']}", "source": source, "fact": mention["kind"],
            "value_text": mention["value_text"], "start": mention["start"], "end": mention["end"]}


def source_order(source: dict) -> tuple:
    """Sources in the order they spoke: by publication date (a month or a year before its days), undated last."""
    return (source.get("published") or "9999", source["id"])


def _appendix(records: dict, statuses: dict, spans: list[dict], pages=None,
              long_mentions: dict | None = None) -> tuple[list[dict], dict[str, str]]:
    """Every source in full, in date order (the matrix's columns follow it), with its statements marked, and
    each statement's href to its mark. `pages`: the page (file) of the n-th source, when sources have pages.
    `long_mentions`: source -> Rows of its mention rows, marked by _long_document (their hrefs too)."""
    texts = records.get("texts", {})
    by_source: dict[str, list[dict]] = {}
    for observation in spans:
        by_source.setdefault(observation["source"], []).append(observation)
    ordered = sorted(records.get("sources", []), key=source_order)
    # each source on a page of its own: its entry made when that page is, its statements' anchors now
    paged = _PagedDocuments(ordered, by_source, statuses, pages, texts) if pages is not None else None
    if paged is not None and not long_mentions:
        return paged, paged.anchors()
    documents, anchors = [], {}
    for index, source in enumerate(ordered):
        rows = (long_mentions or {}).get(source["id"])
        if rows is not None:
            document = _long_document(index, source, texts.get(source["id"]) or "", rows, statuses, pages)
            if document is not None:
                documents.append(document)
                continue
            by_source[source["id"]] = [_span(source["id"], m) for m in rows
                                       if isinstance(m["start"], int) and isinstance(m["end"], int)]
        if paged is not None:
            documents.append(paged[index])
            anchors.update(paged.anchors_of(index))
            continue
        text, observations = texts.get(source["id"]) or "", by_source.get(source["id"], [])
        segments, marks = source_segments(index, text, observations, statuses, markdown=source.get("format") == "md")
        for observation in observations:
            # A span that does not match the text still links to its document.
            anchors[observation["id"]] = "#" + marks.get(observation["id"], f"source-{index}")
        entry = {**source, "anchor": f"source-{index}", "segments": segments, "page": "", "count": len(observations)}
        documents.append(maker(entry)(entry.values()))   # every source's entry one table of keys (checker.sharedkeys)
    return documents, anchors


class _PagedDocuments:
    """_appendix's entries of sources shown on pages of their own (a split report), made when a page asks for its
    slice (and anew each time), not held for every source from the first page to the last: at 30,000 articles
    29 MB, carried into the process forked to make the pages."""

    def __init__(self, ordered: list[dict], by_source: dict, statuses: dict, pages, texts) -> None:
        self.ordered, self.by_source, self.statuses, self.pages, self.texts = ordered, by_source, statuses, pages, texts

    def __len__(self) -> int:
        return len(self.ordered)

    def __getitem__(self, at):
        if isinstance(at, slice):
            return [self._entry(index) for index in range(len(self.ordered))[at]]
        return self._entry(range(len(self.ordered))[at])

    def __iter__(self):
        return (self._entry(index) for index in range(len(self.ordered)))

    def anchors(self) -> dict[str, str]:
        """Each statement's href to its mark (its source's anchor where its span does not match the text)."""
        anchors = {}
        for index in range(len(self.ordered)):
            anchors.update(self.anchors_of(index))
        return anchors

    def anchors_of(self, index: int) -> dict[str, str]:
        """anchors() of the index-th source's statements."""
        source = self.ordered[index]
        observations = self.by_source.get(source["id"])
        if not observations:
            return {}
        marks = source_anchors(index, self.texts.get(source["id"]) or "", observations)
        page = self.pages(index)
        return {observation["id"]: page + "#" + marks.get(observation["id"], f"source-{index}")
                for observation in observations}

    def _entry(self, index: int) -> dict:
        source, texts = self.ordered[index], self.texts
        observations = self.by_source.get(source["id"], [])
        # a text read from a file (checker.spill) is read again when the page is made, not held till then
        text = (texts.get(source["id"]) or "") if isinstance(texts, dict) else \
            (lambda texts=texts, source=source["id"]: texts.get(source) or "")
        segments = Segments(index, text, observations, self.statuses, markdown=source.get("format") == "md",
                            identity=text_identity(source))
        entry = {**source, "anchor": f"source-{index}", "segments": segments, "page": self.pages(index),
                 "count": len(observations)}
        return maker(entry)(entry.values())


def _long_document(index: int, source: dict, text: str, rows: Rows, statuses: dict, pages) -> dict | None:
    """_appendix's entry for a source whose mentions are Rows (a long document), its segments Rows too: the
    same segments source_segments makes, made a chunk at a time. None (marked as any source) when the
    mentions are not in (start, end) order or the source is Markdown (its markup is read whole)."""
    if source.get("format") == "md":
        return None
    starts, ends = array("q"), array("q")  # the marked regions, 16 bytes each: the mentions' hrefs find theirs
    count, last = 0, (-1, -1)
    for start, end, _, matched in _mention_spans(text, rows):
        count += 1
        if (start, end) < last:
            return None
        last = (start, end)
        if matched:
            if starts and start < ends[-1]:
                ends[-1] = max(ends[-1], end)
            else:
                starts.append(start)
                ends.append(end)
    plain = sum(1 for before, start in zip([0, *ends], starts) if before < start)
    segments = len(starts) + plain + (1 if (ends[-1] if ends else 0) < len(text) else 0)
    page = pages(index) if pages is not None else ""

    def chunks():
        return in_chunks(_long_segments(index, source["id"], text, rows, statuses))

    return {**source, "anchor": f"source-{index}", "segments": Rows(segments, chunks), "page": page,
            "count": count, "regions": (starts, ends)}


def _mention_spans(text: str, rows):
    """(start, end, title, matched) of each mention row with whole-number offsets, in order; matched when its
    span is the value's text (as _regions requires)."""
    for m in rows:
        start, end = m["start"], m["end"]
        if isinstance(start, int) and isinstance(end, int):
            yield start, end, f"{m['kind']}: {m['value_text']}", (0 <= start < end <= len(text)
                                                                 and text[start:end] == m["value_text"])


def _long_segments(index: int, source_id: str, text: str, rows, statuses: dict):
    """source_segments' segments of a text marked with mention rows in (start, end) order, one at a time."""
    cursor, region = 0, None   # region: [start, end, titles, statuses of its spans]

    def mark(region):
        start, end, titles, found = region
        return {"text": text[start:end], "mark": True, "id": f"src{index}-{start}-{end}",
                "status": min(found, key=status_rank), "heading": False, "title": "; ".join(titles)}

    for start, end, title, matched in _mention_spans(text, rows):
        if not matched:
            continue
        status = statuses.get(f"{source_id}@{start}-{end}", "none") if statuses else "none"
        if region is not None and start < region[1]:
            region[1] = max(region[1], end)
            region[2].append(title)
            region[3].append(status)
            continue
        if region is not None:
            yield mark(region)
            cursor = region[1]
        if cursor < start:
            yield {"text": text[cursor:start], "mark": False, "heading": False}
        region = [start, end, [title], [status]]
    if region is not None:
        yield mark(region)
        cursor = region[1]
    if cursor < len(text):
        yield {"text": text[cursor:], "mark": False, "heading": False}


def _long_mention_rows(document: dict, text: str, rows: Rows) -> Rows:
    """A long document's mention rows with their hrefs (as _mentions gives them), each mark found by bisecting
    the document's regions instead of in a dict of every mention."""
    starts, ends = document["regions"]
    text_anchor = document["page"] + "#" + document["anchor"]
    prefix = f"{document['page']}#src{document['anchor'].removeprefix('source-')}-"

    def with_href(m: dict) -> dict:
        start, end = m["start"], m["end"]
        href = text_anchor
        if (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)
                and text[start:end] == m["value_text"]):
            at = bisect_right(starts, start) - 1
            href = f"{prefix}{starts[at]}-{ends[at]}"
        return {**m, "href": href}

    return rows.map(with_href)


def row_anchor(observation_id: str) -> str:
    """A statement's anchor: a digest of its id, not its place in the sorted list, so a statement added or moved
    elsewhere in the corpus leaves every other statement's anchor, and the pages that link them, as they were (a
    re-audit after one edit keeps the pages of the facts it did not change: checker.report.split). Sixteen hex
    digits: two of ten million statements share one with a chance of about three in a million."""
    import hashlib

    return "obs-" + hashlib.sha1(observation_id.encode("utf-8")).hexdigest()[:16]


class _RowAnchors:
    """view_base's `row_ids`: each statement's row anchor (row_anchor of its id), worked out when asked for. A dict of
    every statement's held 8 MB at 30,000 articles and took a twentieth of a second of the base at 10,000, where a
    page asks for the few it shows."""

    def __getitem__(self, observation_id: str) -> str:
        return row_anchor(observation_id)


def _observation_row(observation, sources, texts, kind, statuses, anchors, row_ids, row_page="", quotes=None):
    """A statement's row; its quote links to its mark in the source text (`anchors`: id -> href). `quotes`: the
    quote_parts of statements worked out before (fact_inputs's), by the statement's object (id())."""
    parts = quotes.get(id(observation)) if quotes else None
    before, value, after = parts if parts is not None else quote_parts(observation, texts)
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


def _mentions(listed: list[dict], documents: list[dict], anchors: dict, texts: dict) -> list[dict]:
    """The per-source mention tables, each value linked to its mark in the source text."""
    if not listed:   # (a corpus with facts lists none: its documents' entries are not made for nothing)
        return []
    document_anchors = {d["id"]: d["page"] + "#" + d["anchor"] for d in documents}
    long_documents = {d["id"]: d for d in documents if "regions" in d}
    shown = []
    for entry in listed:
        source = entry["source"]
        if source in long_documents:
            rows = _long_mention_rows(long_documents[source], texts.get(source) or "", entry["mentions"])
            shown.append({**entry, "anchor": document_anchors[source], "mentions": rows})
            continue
        rows = [{**m, "href": anchors.get(f"{source}@{m['start']}-{m['end']}",
                                          document_anchors.get(source, "#appendix-title"))}
                for m in entry["mentions"]]
        shown.append({**entry, "anchor": document_anchors.get(source, "#appendix-title"), "mentions": rows})
    return shown


def view_model(records: dict, split=None, groups: list[dict] | None = None) -> dict:
    """What audit.html shows. With `split` (checker.report.split.Split, for a large corpus), the sources'
    texts, each long fact's statements and the reliability table are on pages beside it, and the matrix
    is left out; the page then holds the facts and findings. `groups`: fact_groups(as_stated(records)), when
    the caller has them."""
    base = view_base(records, split, groups)
    return view_of(base, [fact_view(base, index) for index in range(len(base["sections"]))])


def view_base(records: dict, split=None, groups: list[dict] | None = None) -> dict:
    """What every part of the view reads: the records as stated, each statement's status, the facts' sections,
    the sources in date order with their anchors (_appendix) and each statement's row anchor. A split report's
    pages ask it for one fact at a time (fact_view), without the view of every other."""
    records = as_stated(records)
    statuses = observation_statuses(records)
    groups = fact_groups(records) if groups is None else groups
    sections = [section for group in groups for section in group["sections"]]
    texts = records.get("texts", {})
    listed = [] if sections else mention_sources(records)
    long_mentions = {entry["source"]: entry["mentions"] for entry in listed if isinstance(entry["mentions"], Rows)}
    documents, anchors = _appendix(records, statuses, _marked_spans(records, listed),
                                   split.source_page if split is not None else None, long_mentions)
    return {"records": records, "split": split, "statuses": statuses, "groups": groups, "sections": sections,
            "sources": {s["id"]: s for s in records.get("sources", [])}, "texts": texts, "documents": documents,
            "anchors": anchors, "row_ids": _RowAnchors(),
            "mentions": _mentions(listed, documents, anchors, texts)}


def fact_view(base: dict, index: int, shown: tuple[int, int] | None = None, members: int | None = None,
              quotes: dict | None = None) -> dict:
    """The index-th fact of view_base's sections as audit.html shows it. With `shown` (statements, members), a
    long fact as far as a split report's main page shows it (checker.report.split): rows for its first
    statements and for each finding's first members only, and no chart; `statement_count` and each finding's
    `member_count` count them all, in either view. With `members`, as a long fact's own page shows it: every
    statement's row, as Rows (made a chunk at a time, as the page is written), and each finding's first `members`
    members; a fact whose statements are on pages of their own (Split.paged) lists those pages instead, and every
    view links each statement's row on its page. `quotes`: fact_inputs's, where they were worked out for this fact.
    """
    section, split = base["sections"][index], base["split"]
    page = split.fact_page(index) if split is not None and split.fact_is_long(section) else ""
    statements = section["observations"]
    page_of = _page_of(split, index)
    in_section = {o["id"] for o in statements}
    wanted = statements
    if shown is not None:
        first = {o["id"] for o in statements[:shown[0]]} | _first_members(section, in_section, shown[1])
        wanted = [o for o in statements if o["id"] in first]
    sources, texts, statuses, row_ids = base["sources"], base["texts"], base["statuses"], base["row_ids"]

    def row(observation: dict) -> dict:
        return _observation_row(observation, sources, texts, section["kind"], statuses, base["anchors"], row_ids,
                                page if page_of is None else page_of(observation), quotes)

    listed = []
    if members is not None:   # rows made for each finding's first members; the table's, as they are rendered
        first = _first_members(section, in_section, members)
        rows = {o["id"]: row(o) for o in statements if o["id"] in first}
        every = Rows(len(in_section), lambda: in_chunks(_first_of_each(statements), ROWS_CHUNK)).map(row)
        if page_of is not None:
            every, listed = [], _statement_page_list(split, index, split.paged(index, statements))
    else:
        rows = {o["id"]: row(o) for o in wanted}
        every = list(rows.values())
    findings = [{**f, "label": STATUS_LABELS.get(f["status"], f["status"]),
                 "accepted": bool(f.get("accepted")), "acceptance_reason": f.get("acceptance_reason") or "",
                 "explanation": f.get("explanation") or "", "severity": f.get("severity") or "",
                 "consensus": consensus_lines(f), "more_members": 0, "more_href": "", "more_details": 0,
                 "more_consensus": 0,
                 "members": [rows[i] for i in f["observations"] if i in rows][:members],
                 "member_count": sum(1 for i in f["observations"] if i in in_section)} for f in section["findings"]]
    return {"key": section["key"], "label": section["label"], "kind": section["kind"],
            "anchor": f"fact-{index}", "statuses": section["statuses"], "rank": index,
            "origin": section["origin"], "origin_note": origin_note(section),
            "confidence": section["confidence"], "evidence": section["evidence"],
            "status_labels": [STATUS_LABELS.get(s, s) for s in section["statuses"]],
            "findings": findings, "rows": every, "page": page, "statement_pages": listed,
            "statement_count": len(statements), "more_rows": 0,
            "chart": None if shown is not None else timeline(section, statuses, row_ids, index, page_of)}


def _page_of(split, index: int):
    """statement -> the page its row is on, for a fact whose statements are on pages of their own (else None)."""
    starts = split.starts.get(index) if split is not None else None
    if starts is None:
        return None
    names: dict[int, str] = {}

    def page_of(observation: dict) -> str:
        number = page_number(starts, observation)
        if number not in names:
            names[number] = split.statement_page(index, number)
        return names[number]

    return page_of


def _statement_page_list(split, index: int, pages: list[list[dict]]) -> list[dict]:
    """The pages of a fact's statements as its own page lists them: each page's link, the places of its first and
    last statements in the fact's table, and their as-of dates."""
    listed, first = [], 1
    for number, page in enumerate(pages, 1):
        listed.append({"href": split.statement_page(index, number), "first": f"{first:,}",
                       "last": f"{first + len(page) - 1:,}", "since": page[0].get("as_of") or "",
                       "until": page[-1].get("as_of") or ""})
        first += len(page)
    return listed


def statements_view(base: dict, index: int, number: int, quotes: dict | None = None) -> dict:
    """The number-th page of the index-th fact's statements (Split.paged): its rows, as Rows made a chunk at a time
    as the page is written, how many they are and their as-of dates, and the links to the fact's page and the pages
    before and after it. `quotes`: statements_inputs's, where just worked out."""
    section, split = base["sections"][index], base["split"]
    pages = split.paged(index, section["observations"])
    statements, name = pages[number - 1], split.statement_page(index, number)
    sources, texts, statuses, row_ids = base["sources"], base["texts"], base["statuses"], base["row_ids"]

    def row(observation: dict) -> dict:
        return _observation_row(observation, sources, texts, section["kind"], statuses, base["anchors"], row_ids,
                                name, quotes)

    # (not where they stand in the fact's table, nor of how many: every page after an edit would be made again)
    return {"key": section["key"], "label": section["label"], "anchor": f"fact-{index}-statements",
            "fact_href": split.fact_page(index), "number": number, "count": len(pages),
            "statements": f"{len(statements):,}", "since": statements[0].get("as_of") or "",
            "until": statements[-1].get("as_of") or "",
            "previous": split.statement_page(index, number - 1) if number > 1 else "",
            "next": split.statement_page(index, number + 1) if number < len(pages) else "",
            "rows": Rows(len({o["id"] for o in statements}),
                         lambda: in_chunks(_first_of_each(statements), ROWS_CHUNK)).map(row)}


def statements_inputs(base: dict, index: int, number: int, quotes: dict | None = None) -> tuple:
    """Everything statements_view reads of `base` for that page, as values (fact_inputs's counterpart): the fact's
    key, label and kind, where the page stands among its pages, its statements, and for each its status, the anchor
    of its mark, and what its source is (title, outlet, format, and its text's identity:
    checker.report.appendix.text_identity), which stands for its quote's parts: an unchanged text gives the same
    quote of the same statement, and reading every quote was most of this work. A source with no identity gives
    its quotes' parts themselves. `quotes`: filled with the parts worked out, by the statement's object (id())."""
    section, split = base["sections"][index], base["split"]
    pages = split.paged(index, section["observations"])
    statements = pages[number - 1]
    sources, texts, statuses, anchors = base["sources"], base["texts"], base["statuses"], base["anchors"]
    read = {}
    for observation in statements:
        name = observation["source"]
        if name not in read:
            source = sources.get(name, {})
            read[name] = (source.get("title"), source.get("outlet"), source.get("format"), text_identity(source))
    marked = []
    for observation in statements:
        parts = None
        if read[observation["source"]][3] is None:
            parts = quote_parts(observation, texts)
            if quotes is not None:
                quotes[id(observation)] = parts
        marked.append((statuses.get(observation["id"]), anchors.get(observation["id"]), parts))
    return (index, number, len(pages), split.fact_page(index), section["key"], section["label"], section["kind"],
            statements, sorted(read.items()), marked)


def fact_inputs(base: dict, index: int, quotes: dict | None = None, members: int | None = None) -> tuple:
    """Everything fact_view reads of `base` for the index-th fact, as values: the section itself, whether it has a
    page of its own, what its rows read of their sources (title, outlet, format), and for each of its statements
    its status, the anchor of its mark and its quote's parts (the one thing its row reads of the text: an edit
    elsewhere in a source leaves them as they were). Equal inputs, equal views: a long fact's page is digested by
    these (checker.report.split) instead of by its rows and chart, which took a tenth of a second a page of 8,000
    statements on every re-audit, to keep the pages of the facts an edit left alone. Whatever fact_view comes to
    read must be added here. `quotes`: filled with each statement's quote parts (by its object: id()), for a
    fact_view of the same base to take rather than work them out again (a page's inputs are worked out just before
    it is made, when they changed: the quotes, each read from its source's text, were a quarter of its making).
    A fact whose statements are on pages of their own (Split.paged) shows the rows of each finding's first
    `members` members only (fact_view's): the other statements' statuses are read (its chart), and where its pages
    begin (the links to them), but not their marks or quotes (statements_inputs, for their pages)."""
    section, split = base["sections"][index], base["split"]
    long = split is not None and split.fact_is_long(section)
    sources, texts, statuses, anchors = base["sources"], base["texts"], base["statuses"], base["anchors"]
    statements = section["observations"]
    starts = split.starts.get(index) if split is not None else None
    shown = statements
    if starts is not None:
        first = _first_members(section, {o["id"] for o in statements}, members or 0)
        shown = [o for o in statements if o["id"] in first]
    read = {}
    for observation in shown:
        name = observation["source"]
        if name not in read:
            source = sources.get(name, {})
            read[name] = (source.get("title"), source.get("outlet"), source.get("format"))
    marked = [(statuses.get(observation["id"]), anchors.get(observation["id"]), quote_parts(observation, texts))
              for observation in shown]
    if quotes is not None:
        quotes.update(zip(map(id, shown), (parts for _, _, parts in marked)))
    if starts is None:
        return index, long and split.fact_page(index), section, sorted(read.items()), marked
    return (index, split.fact_page(index), section, sorted(read.items()), marked, members, starts,
            [statuses.get(observation["id"]) for observation in statements])


def _first_members(section: dict, in_section: set[str], count: int) -> set[str]:
    """The ids of each finding's first `count` members among the section's statements."""
    first = set()
    for finding in section["findings"]:
        first.update([i for i in finding["observations"] if i in in_section][:count])
    return first


# a long table's rows made and rendered at once on its page: a long fact's statements (about 1.2 MB of HTML), the
# reliability table's sources (checker.report.split)
ROWS_CHUNK = 1_000


def _first_of_each(statements: list[dict]):
    """The statements, each id once (its first), in order: the rows a fact's view keeps."""
    seen = set()
    for observation in statements:
        if observation["id"] not in seen:
            seen.add(observation["id"])
            yield observation


def view_of(base: dict, facts: list[dict], reliability: bool = True) -> dict:
    """The view audit.html renders, of view_base's parts and the facts' views (fact_view, in section order);
    without `reliability`, no reliability table (a split report's is on a page of its own)."""
    records, groups, documents = base["records"], base["groups"], base["documents"]
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
            "orders": _orders(facts), "mentions": base["mentions"],
            "matrix": None if base["split"] is not None else matrix(facts, base["sections"], documents,
                                                                     base["statuses"], base["row_ids"],
                                                                     fact_groups_shown),
            "reliability": _reliability(records) if reliability else [],
            "warnings": records.get("catalog_warnings") or [],
            "source_pages": [], "reliability_page": "", "mentions_on_pages": False}


def _reliability(records: dict) -> list[dict]:
    """The source reliability table's rows; none when no source states a fact."""
    return source_reliability(records) if has_reliability(records) else []


def has_reliability(records: dict) -> bool:
    """Whether the reliability table has rows: a source states a fact (a row of it lists the facts)."""
    tracks = records.get("track_records") or {}
    return any(tracks.get(source["id"]) for source in records.get("sources", []))


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
    return _environment().get_template(template).render(**_page_assets(), **values)


@lru_cache(maxsize=1)
def _page_assets() -> dict:
    """A page's stylesheet and script, and the content security policy that allows them by their hashes alone: read
    and hashed once, where a large corpus's every page (some 80 at 10,000 articles) read them again. Never changed:
    pages take them as keyword arguments."""
    style = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    script = (TEMPLATES / "report.js").read_text(encoding="utf-8")
    csp = (f"default-src 'none'; style-src {_csp_hash(style)}; script-src {_csp_hash(script)}; "
           "img-src data:; base-uri 'none'; form-action 'none'")
    return {"style": style, "script": script, "csp": csp}


_MARKER = "\x02checker-rows-{}\x03"   # no character autoescaping changes, nor one a document's text holds


class _Placeholder:
    """A Rows as the page is first rendered: its length, and one marked item in place of its records."""

    def __init__(self, count: int, item: dict) -> None:
        self.count, self.item = count, item

    def __len__(self) -> int:
        return self.count

    def __bool__(self) -> bool:
        return self.count > 0

    def __iter__(self):
        return iter([self.item] if self.count else [])


def page_chunks(template: str, **values):
    """render_page's text in pieces, in order, never held whole: the template's own pieces as Jinja makes them
    (a long fact's page is megabytes: rendered whole, then cut and encoded, it was held three times over), and
    for a page with long Rows in it (a long document's segments, a source's mention rows) each Rows standing as
    one marked item, rendered in its place a chunk at a time by the macro the page renders it with; so are a
    long fact's statement rows (fact_view's Rows) and the reliability table's (checker.report.model.reliability_rows)."""
    from checker.report import rows_html

    macros = _environment().get_template("macros.html.j2").module
    streams = []   # (rows, what renders a chunk of them, the text the marked item renders to)

    def placeholder(rows, macro, item, fast=None) -> _Placeholder:
        # `fast`: a function that gives the macro's text (checker.report.rows_html), the chunks rendered by it
        item = item(_MARKER.format(len(streams)))
        streams.append((rows, fast or macro, str(macro([item]))))
        return _Placeholder(len(rows), item)

    def segments(marker: str) -> dict:
        return {"text": marker, "mark": False, "heading": False}

    def mention_row(marker: str) -> dict:
        return {"href": marker, "value_text": "", "kind": "", "interval": "", "unit": "", "modality": ""}

    def reliability_row(marker: str) -> dict:
        return {"id": marker, "authority": False, "outlet": "", "reliability": None, "shown": "", "claims": "",
                "agreements": "", "disagreements": "", "facts": []}

    def statement_row(marker: str) -> dict:
        return {"id": marker, **dict.fromkeys(("status", "source", "outlet", "as_of", "modality", "value", "href",
                                              "line", "before", "marked", "after"), "")}

    def documents(listed):
        return [{**d, "segments": placeholder(d["segments"], macros.segments, segments)}
                if isinstance(d.get("segments"), Rows) else d for d in listed]

    values = dict(values)
    view = values["view"] = dict(values["view"])
    view["documents"] = documents(view.get("documents") or [])
    if values.get("documents"):
        values["documents"] = documents(values["documents"])
    view["mentions"] = [{**m, "mentions": placeholder(m["mentions"], macros.mention_rows, mention_row)}
                        if isinstance(m["mentions"], Rows) else m for m in view.get("mentions") or []]
    if values.get("facts"):
        values["facts"] = [{**f, "rows": placeholder(f["rows"], macros.statement_rows, statement_row,
                                                     rows_html.statement_rows)}
                           if isinstance(f["rows"], Rows) else f for f in values["facts"]]
    if values.get("statements"):   # a page of a fact's statements
        values["statements"] = [{**s, "rows": placeholder(s["rows"], macros.statement_rows, statement_row,
                                                          rows_html.statement_rows)}
                                if isinstance(s["rows"], Rows) else s for s in values["statements"]]
    if isinstance(values.get("reliability"), Rows):
        values["reliability"] = placeholder(values["reliability"], macros.reliability_rows, reliability_row,
                                            rows_html.reliability_rows)
    pieces = _environment().get_template(template).generate(**_page_assets(), **values)
    yield from _rows_in_place(pieces, {marked: (rows, macro) for rows, macro, marked in streams})


_MARKED = re.compile(re.escape(_MARKER).replace(r"\{\}", r"\d+"))
PAGE_PIECE = 1 << 16   # characters of a page's pieces looked through for marked items at once


def _rows_in_place(pieces, wanted: dict):
    """The text of `pieces` with the first place of each marked item of `wanted` (marked text -> (rows, macro))
    given as its rows, rendered a chunk at a time. Pieces are joined PAGE_PIECE characters at a time; the end of
    one such text a marked item may still begin in is kept for the next."""
    marked = {_MARKED.search(item).group(): (item, rows, macro) for item, (rows, macro) in wanted.items()}
    pending, size, carry = [], 0, ""
    for piece in pieces:
        pending.append(piece)
        size += len(piece)
        if size >= PAGE_PIECE:
            carry = yield from _placed(carry + "".join(pending), marked, last=False)
            pending, size = [], 0
    yield from _placed(carry + "".join(pending), marked, last=True)


def _placed(text: str, marked: dict, last: bool):
    """_rows_in_place of one text (`marked`: marker -> (marked item, rows, macro), each taken out once placed);
    the end a marked item may still begin in is returned, not yielded (but for the `last`). A marked item is the
    text its macro renders one item to: a table row holds its marker inside, a segment is the marker alone."""
    cursor = 0
    for found in _MARKED.finditer(text):
        if found.group() not in marked:
            continue
        item, rows, macro = marked[found.group()]
        start = found.start() - item.index(found.group())
        end = start + len(item)
        if start < cursor:
            continue
        if end > len(text) and not last:   # cut: its rest is in the next text
            yield text[cursor:start]
            return text[start:]
        if text[start:end] != item:
            continue
        del marked[found.group()]
        yield text[cursor:start]
        for chunk in rows.chunks():
            yield str(macro(chunk))
        cursor = end
    if last:
        yield text[cursor:]
        return ""
    # an item not yet whole here begins within its own length of the end
    cut = max(cursor, len(text) - max((len(item) for item, _, _ in marked.values()), default=0))
    yield text[cursor:cut]
    return text[cut:]
