"""The reports of a large corpus: the same entry points, with the bulk in files beside them.

A corpus with more than SPLIT_TEXT_CHARS of source text (about 500 news articles) would give an audit.json
of hundreds of megabytes and an audit.html no browser opens comfortably. Its reports are split instead:

- audit.json keeps every key of its contract, with `texts` empty and each `mentions` entry without its
  `items`; its `sidecars` lists the files that hold them, one JSON object per line, sources in id order,
  SOURCES_PER_SIDECAR sources a file: audit.mentions-NNN.jsonl ({"source", "count", "items"}) and
  audit.texts-NNN.jsonl ({"source", "text"}). JSON lines stream: a reader takes one source at a time, and no
  dependency is needed to write or read them. A sidecar's bytes depend only on its sources' documents (their
  ids, files, bytes and dates) and on checker's code, so it is written as a Derived file
  (checker.atomic) named by a digest of those: a re-audit after one edit makes again only the two sidecars
  that hold the edited source, where the single pair of files was most of the time of writing the reports.
- audit.html holds the summary, the facts and their findings. A fact with more than STATEMENTS_SHOWN
  statements shows the first ones, folded, and links its own page (audit-fact-NNN.html: its chart, findings
  and every statement; a conflict there names its first MEMBERS_ON_PAGE statements and links the next one in the
  page's table); a fact of more than checker.report.paging.PAGED_ABOVE statements lists them on pages of their own
  (audit-fact-NNN-MMM.html), its page linking them. The sources' texts are on pages of SOURCES_PER_PAGE sources
  (audit-sources-NNN.html), the reliability table on audit-reliability.html; every quote links to its
  mark there. The sources x facts matrix is left out (a column per source).
- audit.md is folded as audit.html is (checker.report.markdown): a long fact's first statements and its own
  page's name; the reliability table and the sources on their pages and in audit.json.

Every page carries the report's own stylesheet and script under the same Content-Security-Policy, loads
nothing, and the files are written flat beside audit.html, so links are the same from every page. The bytes
depend on the records alone: the same audit gives the same files.
"""
from __future__ import annotations

import hashlib
import json
import pickle
import re
from typing import Callable

from checker.codedigest import package_digest
from checker.report.appendix import Segments, text_identity
from checker.report.json_report import orjson_text
from checker.rows import Rows

SPLIT_TEXT_CHARS = 2_000_000
SOURCES_PER_PAGE = 200
STATEMENTS_SHOWN = 25
MEMBERS_SHOWN = 20      # statements listed under a conflict on the main page
# and on the fact's own page, whose table lists every statement: a conflict of 8,000 statements listed them all
# again, once per finding (two thirds of a 9 MB page, and of the time to make it after each edit)
MEMBERS_ON_PAGE = 100
DETAILS_SHOWN = 10      # disagreeing pairs listed under a finding on the main page
MESSAGE_CHARS = 600     # a conflict's message names every statement: the main page and the fact's show its start
SOURCES_PER_SIDECAR = 250


def is_large(records: dict) -> bool:
    texts = records.get("texts") or {}
    chars = texts.chars() if hasattr(texts, "chars") else sum(len(text or "") for text in texts.values())
    return chars > SPLIT_TEXT_CHARS   # (spilled texts, checker.spill, count theirs without reading them)


class Split:
    """Where each part of a split report goes: file names beside audit.html. `starts`: fact index -> where its
    statements' pages begin (checker.report.paging.paged_facts), for each fact whose statements are on pages of
    their own."""

    def __init__(self, starts: dict[int, list] | None = None) -> None:
        self.starts = starts or {}
        self._pages: dict[int, tuple] = {}   # fact index -> (its statements, paged's pages of them)

    @staticmethod
    def source_page(index: int) -> str:
        """The page of the index-th source in date order."""
        return f"audit-sources-{index // SOURCES_PER_PAGE:03d}.html"

    @staticmethod
    def fact_page(index: int) -> str:
        return f"audit-fact-{index:03d}.html"

    @staticmethod
    def statement_page(index: int, number: int) -> str:
        """The number-th page (from 1) of the index-th fact's statements."""
        return f"audit-fact-{index:03d}-{number:03d}.html"

    def statement_pages(self, index: int) -> int:
        """How many pages the index-th fact's statements are on: 0 where its own page lists them."""
        starts = self.starts.get(index)
        return 0 if starts is None else len(starts) + 1

    def paged(self, index: int, statements: list[dict]) -> list[list[dict]] | None:
        """The index-th fact's statements (its section's, in order) as their pages, or None where its own page
        lists them."""
        from checker.report.paging import cut

        starts = self.starts.get(index)
        if starts is None:
            return None
        # worked out once a process for the fact's pages, each of which asks for them (8,600 statements a fact at
        # 10,000 articles, cut again for each of nine pages: a third of a kept page's inputs)
        known = self._pages.get(index)
        if known is None or known[0] is not statements:
            known = self._pages[index] = (statements, cut(statements, starts))
        return known[1]

    @staticmethod
    def fact_is_long(section: dict) -> bool:
        return Split.has_page(len(section["observations"]))

    @staticmethod
    def has_page(statements: int) -> bool:
        """Whether a fact of so many statements has a page of its own."""
        return statements > STATEMENTS_SHOWN


def render_split(records: dict) -> dict[str, str]:
    """File name -> content of every file of a large corpus's report."""
    from checker.atomic import Derived

    def text(piece) -> str:   # audit.json's pieces are UTF-8 already (json_blocks: bytes or views of them)
        return str(piece, "utf-8") if isinstance(piece, (bytes, memoryview)) else piece

    return {name: "".join(map(text, chunks.make() if isinstance(chunks, Derived) else chunks))
            for name, chunks in split_files(records).items()}


def split_files(records: dict) -> dict:
    """File name -> the file's content as an iterator of text pieces, made only as it is read (one file at a
    time, a long document's mentions and text a chunk at a time): render_split's files, never all held. The
    sidecars and pages are Derived files (checker.atomic), their pieces made by `make()`."""
    files, ready = split_parts(records)
    ready()
    return files


def split_parts(records: dict) -> tuple[dict, Callable[[], None]]:
    """(split_files' files, `ready`): the base of the view that every page and audit.html read is worked out by
    `ready()`, which split_files calls at once.

    Every name is known from the records; what the pages and audit.html show (checker.report.html's view, half a
    second at 10,000 articles) is worked out only when one of them is made, in the process that makes it, and
    only the part it shows (but for the base every part reads, worked out by `ready()`): a fact's page the view of
    that fact, audit.html each long fact's first statements. With more processes (checker.report.write_reports),
    audit.json, the sidecars and the reliability table's page, which read no view, are made by one forked before
    `ready()` is called, and the other pages (and a page's inputs, a digest of what it shows, worked out with it)
    by one forked after it, beside audit.md and audit.html here; this process then joins in with what is left of
    each: at 10,000 articles, a re-audit after one edit had a core idle for the quarter of a second that the base
    took. The facts' sections themselves (the statements as stated, each finding's details) are worked out by
    `ready()` too: a long fact's page is named by its fact's place (checker.report.model.section_order), so the
    process forked first starts on audit.json without them (a tenth of a second at 10,000 articles)."""
    from checker.report.html import ROWS_CHUNK, has_reliability, load_templates, page_chunks, source_order
    from checker.report.json_report import json_blocks
    from checker.report.model import fact_labels, reliability_rows, section_order
    from checker.report.paging import paged_facts

    order = section_order(records)
    split = Split(paged_facts(records.get("observations") or [], order))
    view = _View(records, split)

    def ready() -> None:
        # What every page and audit.html read (the facts' sections, the sources' anchors, each statement's row
        # anchor), worked out once: a process forked then starts on the pages with it (audit.html always needs it,
        # so it is never made in vain)
        view.base()

    # The templates compiled before any process is forked (a twentieth of a second): the one forked first makes the
    # reliability page, and compiled them again for it
    load_templates()

    sidecars = _sidecars(records)
    # audit.json is rendered as it is written, like the rest: with more processes (checker.report.write_reports),
    # beside the view's base rather than before it
    files = {"audit.json": json_blocks(_bulk_left_out(records, sidecars)), **sidecars,
             "audit.md": _markdown(view, split)}
    # The reliability table first of the pages: it moves with every statement (each source's score), and made last
    # it kept one process busy while the other had nothing left to make
    reliable = has_reliability(records)
    if reliable:
        files["audit-reliability.html"] = _page(page_chunks, view, "Source reliability",
                                                reliability=lambda: reliability_rows(records, ROWS_CHUNK))
    # view_base's sections (view_model's facts), in this order, each titled by its label
    labels = fact_labels(records)
    for index, (key, count) in enumerate(order):
        if split.has_page(count):
            files[split.fact_page(index)] = _page(page_chunks, view, labels.get(key, key),
                                                  facts=lambda index=index: [view.fact(index)],
                                                  read=lambda index=index: view.fact_inputs(index))
        pages = split.statement_pages(index)
        for number in range(1, pages + 1):   # its statements', where they are on pages of their own
            files[split.statement_page(index, number)] = _page(
                page_chunks, view, f"{labels.get(key, key)}: statements, page {number} of {pages}",
                statements=lambda index=index, number=number: [view.statements(index, number)],
                read=lambda index=index, number=number: view.statements_inputs(index, number))
    # the sources in the order of view_model's documents (checker.report.html._appendix): a page per
    # SOURCES_PER_PAGE. With no fact to show them under, each source's values are listed on its own page, not all
    # on audit.html (at 10,000 articles 240,000 values: a 55 MB page)
    ordered = [source["id"] for source in sorted(records.get("sources", []), key=source_order)]
    chunks = []
    for first in range(0, len(ordered), SOURCES_PER_PAGE):
        name = split.source_page(first)
        ids = ordered[first:first + SOURCES_PER_PAGE]
        chunks.append((name, first, ids))
        files[name] = _page(page_chunks, view, f"Sources {ids[0]} to {ids[-1]}",
                            documents=lambda first=first: view.base()["documents"][first:first + SOURCES_PER_PAGE],
                            mentions=lambda first=first: view.listed(first))
    files["audit.html"] = _main_page(page_chunks, view, chunks, reliable)
    return files, ready


def _main_page(page_chunks, view, chunks: list, reliable: bool):
    """audit.html's pieces, its view worked out when the first is asked for: each long fact's as far as it shows
    it (its first statements and members; all are on its page)."""
    shown = view.main()
    pages = []
    for name, first, ids in chunks:
        listed = view.listed(first)
        pages.append({"href": name, "first": ids[0], "last": ids[-1], "count": len(ids),
                      "values": sum(len(entry["mentions"]) for entry in listed)})
    main = {**shown, "documents": [], "source_pages": pages, "reliability": [], "mentions": [],
            "mentions_on_pages": bool(shown["mentions"]),
            "reliability_page": "audit-reliability.html" if reliable else "",
            "facts": [_shortened(fact) for fact in shown["facts"]]}
    by_key = {fact["key"]: fact for fact in main["facts"]}
    main["groups"] = [{**group, "facts": [by_key[fact["key"]] for fact in group["facts"]]} for group in shown["groups"]]
    yield from page_chunks("report.html.j2", view=main)


def _markdown(view, split):
    """audit.md's pieces (checker.report.markdown.markdown_chunks), the facts' sections worked out when the first is
    asked for."""
    from checker.report.markdown import markdown_chunks

    yield from markdown_chunks(view.stated(), view.groups(), split)


class _View:
    """The parts of checker.report.html's view of a large corpus's records, each worked out when first asked for
    in a process (a forked process starts without them) and kept: the records as stated and the facts' groups
    (audit.html, audit.md and the pages show the same facts, findings and details: worked out once, a third of a
    second at 10,000 articles), view_base, each fact's view, audit.html's."""

    def __init__(self, records: dict, split: Split) -> None:
        self.records, self.split = records, split   # (the records as audited: their corpus's name is what pages read)
        self.parts: dict = {}

    def stated(self) -> dict:
        """The records with the statements as stated (checker.report.model.as_stated)."""
        if "stated" not in self.parts:
            from checker.report.model import as_stated

            self.parts["stated"] = as_stated(self.records)
        return self.parts["stated"]

    def groups(self) -> list:
        """checker.report.model.fact_groups of the stated records."""
        if "groups" not in self.parts:
            from checker.report.model import fact_groups

            self.parts["groups"] = fact_groups(self.stated())
        return self.parts["groups"]

    def base(self) -> dict:
        if "base" not in self.parts:
            from checker.report.html import view_base

            base = self.parts["base"] = view_base(self.stated(), self.split, self.groups())
            self.parts["by source"] = {entry["source"]: entry for entry in base["mentions"]}
        return self.parts["base"]

    def fact(self, index: int) -> dict:
        """The index-th fact's view, as its own page shows it."""
        from checker.report.html import fact_view

        quoted = self.parts.pop("quotes", None)   # (fact_inputs's of this fact, where just worked out)
        quotes = quoted[1] if quoted is not None and quoted[0] == index else None
        return _folded(fact_view(self.base(), index, members=MEMBERS_ON_PAGE + 1, quotes=quotes))

    def fact_inputs(self, index: int) -> tuple:
        """What the index-th fact's view reads (checker.report.html.fact_inputs)."""
        from checker.report.html import fact_inputs

        # its statements' quotes kept for the page's making, which follows when these changed (the last fact's only)
        quotes: dict = {}
        self.parts["quotes"] = (index, quotes)
        return fact_inputs(self.base(), index, quotes, members=MEMBERS_ON_PAGE + 1)

    def statements(self, index: int, number: int) -> dict:
        """The number-th page of the index-th fact's statements (checker.report.html.statements_view)."""
        from checker.report.html import statements_view

        quoted = self.parts.pop("quotes", None)   # (statements_inputs's of this page, where just worked out)
        quotes = quoted[1] if quoted is not None and quoted[0] == (index, number) else None
        return statements_view(self.base(), index, number, quotes)

    def statements_inputs(self, index: int, number: int) -> tuple:
        """What that page's view reads (checker.report.html.statements_inputs)."""
        from checker.report.html import statements_inputs

        quotes: dict = {}
        self.parts["quotes"] = ((index, number), quotes)
        return statements_inputs(self.base(), index, number, quotes)

    def main(self) -> dict:
        """The view audit.html shows, each long fact's as far as it shows it."""
        from checker.report.html import fact_view, view_of

        base = self.base()
        return view_of(base, [fact_view(base, index, (STATEMENTS_SHOWN, MEMBERS_SHOWN))
                              if self.split.fact_is_long(section) else fact_view(base, index)
                              for index, section in enumerate(base["sections"])],
                       reliability=False)   # on its own page

    def listed(self, first: int) -> list:
        """The mention tables of the sources of the page from the `first`-th source on (none with facts)."""
        self.base()
        by_source = self.parts["by source"]
        if not by_source:   # (with facts: the page's sources' entries are not made for nothing)
            return []
        documents = self.base()["documents"][first:first + SOURCES_PER_PAGE]
        return [by_source[document["id"]] for document in documents if document["id"] in by_source]


def _page(page_chunks, view, title: str, facts=list, documents=list, reliability=list, mentions=list, statements=list,
          read=None):
    """A page as a Derived file (checker.atomic): made only when what it shows changed, its inputs the digest of
    the values it is rendered from (_page_inputs), or with `read` (a function of the view: a long fact's page),
    of what those values are made from. A re-audit after one edit renders again the pages of the
    sources and facts it changed, where rendering all (80 pages at 10,000 articles) was seconds. What it shows
    (`facts`, `documents`, `reliability`, `mentions`, `statements`: functions of the view) and its inputs are worked
    out where it is made (checker.atomic.Derived's lazy inputs): in a second process, beside audit.json."""
    from checker.atomic import Derived

    made: dict = {}

    def values() -> dict:   # worked out once, for its inputs and then its text
        # A page shows only the corpus's name from the view: given the whole view, page_chunks went through every
        # source of the corpus again for each page (79 pages at 10,000 articles: about half a second in all)
        if not made:
            # the reliability table's rows (Rows) are made as the page is written (checker.report.html.page_chunks)
            made.update({"view": {"corpus": view.records.get("corpus") or ""}, "title": title, "facts": list(facts()),
                         "documents": list(documents()), "reliability": _listed(reliability()),
                         "mentions": list(mentions()), "statements": list(statements())})
        return made

    def make():
        yield from page_chunks("page.html.j2", **values())
        made.clear()   # a long fact's rows are not held once its page is written

    if read is not None:
        return Derived(lambda: _read_inputs(view.records.get("corpus") or "", title, read()), make)
    return Derived(lambda: _page_inputs(values()), make)


def _read_inputs(corpus: str, title: str, read) -> str:
    """sha256 of what a page's values are made from (`read`, with the corpus's name and the page's title: the rest
    of its values) and of checker's code and templates, or "" (always made) when they do not pickle."""
    return _values_digest(b"read", (corpus, title, read))


def _listed(rows):
    """A page's list of rows as a list, but Rows (made as the page is written) as they are."""
    return rows if isinstance(rows, Rows) else list(rows)


def _page_inputs(values: dict) -> str:
    """sha256 of a page's values and of checker's code and templates, or "" (always made): the values pickled,
    which writes every value with its type exactly (1 and 1.0, NaN and None apart), so equal bytes are equal
    values; values shared differently may pickle apart, which only costs a page made again. A long document's
    segments and mention rows (Rows, made as the page is written) are never pickled; a long fact's statement rows
    and the reliability table's (Rows too) are, a chunk at a time (_Digesting)."""
    if any(isinstance(document.get("segments"), Rows) for document in values["documents"]) or \
            any(isinstance(entry.get("mentions"), Rows) for entry in values["mentions"]):
        return ""
    return _values_digest(b"page", values)


def _values_digest(kind: bytes, value) -> str:
    """sha256 of `kind`, checker's code and templates, and `value` pickled (_digested), or "" (the page is made
    every time) when it does not pickle.

    Without the pickler's memo (fast), a value shared by two places is written twice, so the digest is of the
    values alone: the mentions a first audit reads back from the stage cache (checker.mentionstore) share their
    texts a group of documents at a time, and a re-audit's frame across the corpus, and each page's digest
    differed between the two, making every page again once. The pickle goes to the digest as it is written (a
    long fact's page pickled some megabytes, held whole beside the values for one sha256)."""
    digest = hashlib.sha256(kind + b"\0" + package_digest().encode("ascii") + b"\0")
    try:
        _digested(digest, value)
    except Exception:   # noqa: BLE001  anything that does not pickle
        return ""
    return digest.hexdigest()


def _digested(digest, value) -> None:
    """`value` pickled into `digest` as it is written (_Digesting), without the pickler's memo."""
    pickler = _Digesting(_Hashing(digest), protocol=5)
    pickler.fast = True
    pickler.dump(value)


class _Hashing:
    """A file whose writes go to a digest."""

    def __init__(self, digest) -> None:
        self.write = digest.update


class _Digesting(pickle.Pickler):
    """A page's values pickled for their digest: a source's segments as what they are made from, the text by its
    identity (Segments.digested). Never read back."""

    def reducer_override(self, obj):
        if type(obj) is Segments:
            return tuple, (obj.digested(),)
        if type(obj) is Rows:   # a long fact's statement rows, the reliability table's: the digest of their chunks,
            # one chunk held at a time
            digest = hashlib.sha256(b"rows\0")
            for chunk in obj.chunks():
                _digested(digest, chunk)
            return tuple, (("rows", obj.count, digest.hexdigest()),)
        return NotImplemented


def _folded(fact: dict) -> dict:
    """A long fact as its own page shows it: each finding's first MEMBERS_ON_PAGE statements, the count of the
    rest linking the next one in the page's table of every statement; its message cut as on the main page
    (shortened_message): a conflict's names every statement, each of which has its row in that table (at 30,000
    articles a paragraph of 1.7 MB, a tenth of the page, and three copies of it held while the page was written);
    audit.json keeps it whole."""
    findings = []
    for finding in fact["findings"]:
        finding = _message_cut(finding)
        members = finding["members"]
        if len(members) > MEMBERS_ON_PAGE:
            finding = {**finding, "members": members[:MEMBERS_ON_PAGE],
                       "more_href": members[MEMBERS_ON_PAGE]["row_href"],
                       "more_members": finding["member_count"] - MEMBERS_ON_PAGE}
        findings.append(finding)
    return {**fact, "findings": findings}


def _shortened(fact: dict) -> dict:
    """A fact as the main page shows it: the first statements, its findings with their first members."""
    if not fact["page"]:
        return fact
    findings = []
    for finding in fact["findings"]:
        details, agreed = finding.get("details") or [], finding.get("consensus") or []
        findings.append({**_message_cut(finding),
                         "members": finding["members"][:MEMBERS_SHOWN],
                         "more_members": max(0, finding["member_count"] - MEMBERS_SHOWN), "more_href": fact["page"],
                         # each detail and consensus line cut too: a change over time's names every statement
                         "details": [shortened_message(str(line)) for line in details[:DETAILS_SHOWN]],
                         "more_details": max(0, len(details) - DETAILS_SHOWN),
                         "consensus": [shortened_message(str(line)) for line in agreed[:DETAILS_SHOWN]],
                         "more_consensus": max(0, len(agreed) - DETAILS_SHOWN)})
    return {**fact, "findings": findings, "rows": fact["rows"][:STATEMENTS_SHOWN], "chart": None,
            "more_rows": fact["statement_count"] - STATEMENTS_SHOWN}


def _message_cut(finding: dict) -> dict:
    """A finding with its message shortened (shortened_message), and its explanation where it is the message (a
    finding shows its explanation only where it says more than its message)."""
    message = finding["message"]
    cut = {**finding, "message": shortened_message(message)}
    if finding.get("explanation") == message:
        cut["explanation"] = cut["message"]
    return cut


def shortened_message(message: str, limit: int = MESSAGE_CHARS) -> str:
    """A finding's message as a long fact's finding shows it on the main page (it names every statement): `limit`
    characters at most, marked where it was cut."""
    return message[:limit].rstrip() + " …" if len(message) > limit else message


def _bulk_left_out(records: dict, sidecars: dict) -> dict:
    """audit.json's records with the texts and the mentions' items left to their sidecar files."""
    return {**records, "texts": {},
            "mentions": [{"source": entry["source"], "count": entry["count"]} for entry in records.get("mentions") or []],
            "sidecars": {kind: [name for name in sidecars if name.startswith(f"audit.{kind}-")]
                         for kind in ("mentions", "texts")}}


def sidecar_name(kind: str, number: int) -> str:
    return f"audit.{kind}-{number:03d}.jsonl"


# Every file a large corpus's report puts beside audit.html (Split's pages, the sidecars), and the two sidecars of
# earlier versions: one a report written now lacks is left from a larger corpus, or an older checker
_BESIDE = re.compile(r"audit-(?:fact|sources)-\d+\.html|audit-fact-\d+-\d+\.html|audit-reliability\.html|"
                     r"audit\.(?:mentions|texts)(?:-\d+)?\.jsonl")


def replaced_beside(name: str) -> bool:
    """Whether `name` is a file of a large corpus's report beside audit.html (checker.atomic's `replaces`)."""
    return _BESIDE.fullmatch(name) is not None


_FIRST = re.compile(r"audit\.json|audit\.(?:mentions|texts)-\d+\.jsonl|audit-reliability\.html")


def made_first(name: str) -> bool:
    """Whether `name` is audit.json, a sidecar or the reliability table's page: files that read no view, made while
    it is worked out (checker.atomic's `first`). The reliability page moves with every statement (each source's
    score): made after the view, it kept the pages' process busy a quarter of a second after one edit at 10,000
    articles while the rest of the pages waited."""
    return _FIRST.fullmatch(name) is not None


def _sidecars(records: dict) -> dict:
    """Name -> Derived (checker.atomic) of every sidecar: the mentions and the texts of SOURCES_PER_SIDECAR
    sources each, in id order, their inputs the digest of those sources' documents."""
    from checker.atomic import Derived

    entries = records.get("mentions") or []
    texts = records.get("texts") or {}
    documents = {source["id"]: source for source in records.get("sources") or []}
    files = {}

    def text_lines(ids: list[str]):
        # a sidecar's texts are read as it is made (they may be read from a file: checker.spill), not all held here
        return _text_lines((source, texts[source]) for source in ids)

    for kind, items, lines in (("mentions", entries, _mention_lines), ("texts", sorted(texts), text_lines)):
        for first in range(0, len(items), SOURCES_PER_SIDECAR):
            part = items[first:first + SOURCES_PER_SIDECAR]
            ids = [entry["source"] for entry in part] if kind == "mentions" else part
            # its inputs worked out, and the file there checked, where it is made: beside audit.json
            sources = [documents.get(source) for source in ids]
            files[sidecar_name(kind, first // SOURCES_PER_SIDECAR)] = Derived(
                lambda kind=kind, sources=sources: _inputs(kind, sources), lambda part=part, lines=lines: lines(part))
    return files


def _inputs(kind: str, documents: list) -> str:
    """The digest of what a sidecar of these sources is made from, or "" (always made again) when a source has
    no content hash. A source's mentions and text are functions of its document's bytes, file (its format),
    id and publication date, read by this code: each of these is in the digest, and so is a digest of every
    module of checker (a new version of any makes the sidecars again, never keeps one made by another)."""
    identities = [text_identity(document) for document in documents]
    if any(identity is None for identity in identities):
        return ""
    text = json.dumps([kind, package_digest(), identities], sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _json_lines(objects) -> str:
    return "".join(_json(item) + "\n" for item in objects)


def _json(value) -> str:
    """json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")): written by orjson (a
    sidecar line's items in one C call, five times faster) unless it might write a number otherwise, as for
    audit.json (checker.report.json_report); a NaN, which json refuses, orjson writes as null."""
    text = orjson_text(value, indent=False)
    if text is not None:
        return text
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)


def _mention_lines(entries):
    """audit.mentions.jsonl: _json_lines of {"source", "count", "items"} per source, the items (Rows for a long
    document) encoded a chunk at a time: a list's JSON is its items' JSON joined by commas."""
    for entry in entries:
        items = entry["items"]
        chunks = items.chunks() if isinstance(items, Rows) else [items]
        yield '{"count":' + _json(entry["count"]) + ',"items":['
        first = True
        for chunk in chunks:
            if chunk:
                yield ("" if first else ",") + _json(chunk)[1:-1]
                first = False
        yield '],"source":' + _json(entry["source"]) + "}\n"


def _text_lines(texts, piece: int = 1 << 20):
    """audit.texts.jsonl: _json_lines of {"source", "text"} per source, the text encoded a megabyte at a time
    (JSON escapes each character on its own, so the pieces join to the whole text's string)."""
    for source, text in texts:
        if not isinstance(text, str) or len(text) <= piece:
            yield _json({"source": source, "text": text}) + "\n"
            continue
        yield '{"source":' + _json(source) + ',"text":"'
        for first in range(0, len(text), piece):
            yield _json(text[first:first + piece])[1:-1]
        yield '"}\n'
