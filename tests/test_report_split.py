"""The reports of a large corpus: audit.json keeps its contract with the bulk beside it, audit.html holds the
facts and findings and links pages of its own; small corpora keep one self-contained file."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from checker.audit import run_audit
from checker.report import render_reports, write_reports
from tests import benchmark_modules

PROJECT = Path(__file__).resolve().parent.parent
DOCUMENTS = 260


@pytest.fixture(scope="module")
def generated():
    """benchmarks/cache_speed.py's generated local news (about 1 MB of text), audited once."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        yield run_audit(*benchmark_modules.generated_corpus(folder, DOCUMENTS, 5), None).as_records()


@pytest.fixture(scope="module")
def generated_without_facts():
    """The same generated news with no catalog and no discovery: no fact, every value listed per source."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        corpus, facts = benchmark_modules.generated_corpus(folder, DOCUMENTS, 5, catalog=False)
        yield run_audit(corpus, facts, None, discover=False).as_records()


@pytest.fixture
def split_at_a_small_size(monkeypatch):
    import checker.report.split as split

    monkeypatch.setattr(split, "SPLIT_TEXT_CHARS", 100_000)   # the generated corpus counts as large
    monkeypatch.setattr(split, "SOURCES_PER_PAGE", 100)
    monkeypatch.setattr(split, "SOURCES_PER_SIDECAR", 100)


def test_report_split_small_corpus_is_one_self_contained_page(generated):
    rendered = render_reports(generated)   # about 1 MB of text: under the size that splits
    assert sorted(rendered) == ["audit.html", "audit.json", "audit.md"]
    assert "audit-sources-" not in rendered["audit.html"]


def test_report_split_json_keeps_its_contract_with_the_bulk_in_sidecars(generated, split_at_a_small_size):
    rendered = render_reports(generated)
    written = json.loads(rendered["audit.json"])
    # 260 sources, 100 a sidecar
    assert written["sidecars"] == {kind: [f"audit.{kind}-{number:03d}.jsonl" for number in range(3)]
                                   for kind in ("mentions", "texts")}
    assert written["texts"] == {} and all("items" not in entry for entry in written["mentions"])
    mentions = [json.loads(line) for name in written["sidecars"]["mentions"] for line in rendered[name].splitlines()]
    texts = {entry["source"]: entry["text"] for name in written["sidecars"]["texts"]
             for entry in map(json.loads, rendered[name].splitlines())}
    # Put back together, the files are the records a small corpus's audit.json holds.
    rebuilt = {**written, "texts": texts, "mentions": mentions}
    del rebuilt["sidecars"]
    assert rebuilt == json.loads(json.dumps(generated))
    assert render_reports(generated) == rendered   # the same bytes again


def test_report_split_names_the_facts_pages_in_the_order_their_sections_come(generated):
    # The pages are named before the sections are made (checker.report.model.section_order): in their order, with
    # their statements counted, with a catalog's facts and with discovered ones, findings or none
    from checker.report.model import as_stated, fact_sections, section_order

    for records in (generated, {**generated, "findings": []}, {**generated, "facts": []},
                    {**generated, "facts": [{**fact, "origin": "discovered"} for fact in generated["facts"][::2]]
                     + generated["facts"][1::2]}):
        sections = fact_sections(as_stated(records))
        assert [(section["key"], len(section["observations"])) for section in sections] == section_order(records)
        assert len({section["worst"] for section in sections}) > 1 or not records["findings"]


def test_report_split_markdown_is_folded_as_the_html_is(generated, split_at_a_small_size):
    # A large corpus's audit.md: each long fact's first statements, details and consensus lines, shortened, and the
    # name of the fact's own page; the reliability and the sources are on the pages and in audit.json
    import checker.report.split as split
    from checker.report.model import as_stated, fact_groups

    rendered = render_reports(generated)
    markdown, whole = rendered["audit.md"], render_reports({**generated, "texts": {}})["audit.md"]
    sections = [section for group in fact_groups(as_stated(generated)) for section in group["sections"]]
    long = [(index, section) for index, section in enumerate(sections) if len(section["observations"]) > 25]
    assert long and len(markdown) < len(whole) / 3
    for index, section in long:
        page = f"audit-fact-{index:03d}.html"
        assert page in rendered   # the page named is one the report has
        count = len(section["observations"])
        assert f"*The first 25 of {count} statements: all of them are on [{page}]({page}) and in audit.json.*" \
            in markdown
        part = markdown.split(f"(`{section['key']}`)", 1)[1].split("\n## ", 1)[0]
        assert part.count("\n| ") == 25 + 1   # the header and 25 statements
        assert all(len(line) < split.MESSAGE_CHARS + 200 for line in part.splitlines() if line.startswith(("- ", "  - ")))
    short = [section for section in sections if len(section["observations"]) <= 25]
    assert short
    for section in short:   # a short fact is as a small corpus shows it
        assert markdown.split(f"(`{section['key']}`)", 1)[1].split("\n## ", 1)[0] == \
            whole.split(f"(`{section['key']}`)", 1)[1].split("\n## ", 1)[0]
    assert "## Sources\n\nThe 260 sources are listed in audit.json (`sources`), and shown with their texts on " \
           "[audit-sources-000.html](audit-sources-000.html) to [audit-sources-002.html](audit-sources-002.html)." \
           in markdown
    assert "[audit-reliability.html](audit-reliability.html)" in markdown and "| Source | Reliability |" not in markdown


def test_report_split_main_page_cuts_long_facts_details_and_consensus(generated, split_at_a_small_size):
    # On a large corpus's audit.html a long fact's findings show their first details and consensus lines, each cut to
    # MESSAGE_CHARS, with the count of the rest linking the fact's page; the page itself shows them whole
    import html

    import checker.report.split as split

    rendered = render_reports(generated)

    def items(page: str, kind: str) -> list[str]:
        lists = re.findall(rf'<ul class="{kind}"[^>]*>(.*?)</ul>', page, flags=re.S)
        return [html.unescape(re.sub(r"<[^>]+>", "", item)) for part in lists
                for item in re.findall(r"<li[^>]*>(.*?)</li>", part, flags=re.S)]

    pages = [text for name, text in rendered.items() if name.startswith("audit-fact-")]
    whole = [line for page in pages for kind in ("details", "consensus") for line in items(page, kind)]
    shown = [line for kind in ("details", "consensus") for line in items(rendered["audit.html"], kind)]
    assert max(map(len, whole)) > split.MESSAGE_CHARS + 50   # the pages keep what the main page cuts
    limit = len("Consensus: ") + split.MESSAGE_CHARS + len(" …")
    # a long fact's lines are cut (its page shows them whole); a short fact has no page, and shows its lines whole
    assert shown and any(line.endswith(" …") for line in shown)
    assert all(len(line) <= limit or line not in whole for line in shown)
    assert re.search(r'<a href="audit-fact-\d{3}\.html">\d+ more as-of window\(s\)</a>', rendered["audit.html"])


def test_report_split_without_facts_lists_values_on_the_source_pages(generated_without_facts, split_at_a_small_size):
    # With no fact, each source's values are on its own source page, not all on audit.html (10,000 articles: a
    # 55 MB page); audit.html names the pages and how many values each holds, audit.md says where they are
    records = generated_without_facts
    rendered = render_reports(records)
    main = rendered["audit.html"]
    pages = sorted(name for name in rendered if name.startswith("audit-sources-"))
    assert len(pages) == 3 and 'class="mention-source"' not in main
    headings = {name: re.findall(r'<article class="mention-source">\s*<h3><a href="([^"#]+)#[^"]+" class="sid">'
                                 r'([^<]+)</a>', rendered[name]) for name in pages}
    listed = {name: [source for _, source in found] for name, found in headings.items()}
    assert sorted(source for sources in listed.values() for source in sources) == \
        sorted(source["id"] for source in records["sources"])
    for name, sources in listed.items():   # each source's values on the page that holds its text
        assert {target for target, _ in headings[name]} == {name}
        values = sum(entry["count"] for entry in records["mentions"] if entry["source"] in set(sources))
        assert re.search(rf'<a href="{name}">Sources [^<]+</a> <span class="muted">{values} values in '
                         rf'{len(sources)} sources', main)
    total = sum(entry["count"] for entry in records["mentions"])
    assert f"The {total} values found in the {len(records['sources'])} sources are listed per source on " \
           f"[audit-sources-000.html](audit-sources-000.html) to [audit-sources-002.html](audit-sources-002.html)" \
           in rendered["audit.md"]
    assert len(rendered["audit.md"]) < 5_000 and len(main) < len(render_reports({**records, "texts": {}})["audit.html"]) / 5
    ids = {name: set(re.findall(r'\bid="([^"]+)"', text)) for name, text in rendered.items() if name.endswith(".html")}
    for name in ids:
        for href in re.findall(r'href="([^"]+)"', rendered[name]):
            target, _, anchor = href.partition("#")
            target = target or name
            assert target in ids and (not anchor or anchor in ids[target]), (name, href)


def test_report_split_fact_page_lists_a_conflicts_first_statements_and_links_the_rest_in_its_table(
        generated, split_at_a_small_size, monkeypatch):
    # A long fact's page lists every statement in its table; a conflict above it names its first MEMBERS_ON_PAGE,
    # then links the next of them in that table, with the count of the rest
    import checker.report.split as split

    monkeypatch.setattr(split, "MEMBERS_ON_PAGE", 5)
    rendered = render_reports(generated)
    folded = 0
    for name, page in rendered.items():
        if not name.startswith("audit-fact-"):
            continue
        table = set(re.findall(r'<tr id="(obs-[0-9a-f]{16})"', page))
        assert len(table) == page.count("<tr id=")   # each statement a row of its own
        for members in re.findall(r'<ul class="members">(.*?)</ul>', page, flags=re.S):
            listed = re.findall(r'<li><a href="[^"#]*#(obs-[0-9a-f]{16})" class="sid">', members)
            assert set(listed) <= table
            more = re.search(r'<li class="muted"><a href="([^"]*)#(obs-[0-9a-f]{16})">(\d+) more statement', members)
            if more:
                folded += 1
                assert len(listed) == 5 and more.group(1) == name and more.group(2) in table
                assert more.group(2) not in listed and int(more.group(3)) + 5 <= len(table)
            else:
                assert len(listed) <= 5
    assert folded


def test_report_split_html_links_every_statement_to_a_page_beside_it(generated, split_at_a_small_size, tmp_path):
    rendered = render_reports(generated)
    pages = {name: text for name, text in rendered.items() if name.endswith(".html")}
    sources = sorted(name for name in pages if name.startswith("audit-sources-"))
    assert len(sources) == 3 and "audit-reliability.html" in pages   # 260 sources, 100 a page
    assert any(name.startswith("audit-fact-") for name in pages)     # a fact stated hundreds of times
    main = pages["audit.html"]
    assert "Who says what" not in main and "Sources in full" in main
    ids = {name: set(re.findall(r'\bid="([^"]+)"', text)) for name, text in pages.items()}
    links = [(name, href) for name, text in pages.items() for href in re.findall(r'href="([^"]+)"', text)]
    assert len(links) > 1000
    for name, href in links:
        target, _, anchor = href.partition("#")
        target = target or name
        assert target in pages, (name, href)
        assert not anchor or anchor in ids[target], (name, href)
    for observation in generated["observations"]:   # every statement's mark is on its source's page
        assert any(f'title="{observation["fact"]}: {observation["value_text"]}' in pages[name] or
                   f'{observation["fact"]}: {observation["value_text"]};' in pages[name] for name in sources)
    for text in pages.values():
        assert "<script src" not in text and "http://" not in text and "https://" not in text
        assert "Content-Security-Policy" in text
    written = write_reports(generated, tmp_path)
    assert sorted(path.name for path in written) == sorted(rendered)


def test_report_split_reaudit_after_one_edit_makes_only_the_edited_sources_sidecars(tmp_path, split_at_a_small_size,
                                                                                    monkeypatch):
    import checker.report.html as html
    import checker.report.split as split

    cache_speed = benchmark_modules.cache_speed()
    corpus, facts = benchmark_modules.generated_corpus(tmp_path, DOCUMENTS, 5)
    paths = sorted(corpus.glob("*.txt"))   # (make_corpus's, in order)
    write_reports(run_audit(corpus, facts, None).as_records(lazy=True), tmp_path / "out")
    pages = sorted(path.name for path in (tmp_path / "out").glob("audit-*.html"))
    made, titles = [], []
    for name in ("_mention_lines", "_text_lines"):
        real = getattr(split, name)
        monkeypatch.setattr(split, name, lambda part, real=real, name=name: made.append(name) or real(part))
    real_page = html.page_chunks
    monkeypatch.setattr(html, "page_chunks", lambda template, **values: (
        titles.append((values["title"], [document["id"] for document in values["documents"]]))
        if template == "page.html.j2" else None) or real_page(template, **values))
    edited = paths[len(paths) // 2].relative_to(corpus).as_posix()
    cache_speed.edit_one(paths)
    records = run_audit(corpus, facts, None).as_records(lazy=True)
    write_reports(records, tmp_path / "out")
    assert sorted(made) == ["_mention_lines", "_text_lines"]    # the edited source's two sidecars, of six
    # and of the pages, its sources' page and the pages of facts the edit changed: never every page again
    [edited_id] = [source["id"] for source in records["sources"] if source["path"] == edited]
    sources_made = [ids for title, ids in titles if title.startswith("Sources ")]
    assert len(sources_made) == 1 and edited_id in sources_made[0]
    assert len(titles) < len(pages) - 1, (titles, pages)
    fresh = write_reports(records, tmp_path / "fresh")           # every file made
    assert all((tmp_path / "out" / path.name).read_bytes() == path.read_bytes() for path in fresh)
    # Two processes (the pages and sidecars made in the second) write the very files one writes, ledger too.
    two = tmp_path / "two"
    assert write_reports(records, two, jobs=2) == [two / path.name for path in fresh]
    assert {path.name: path.read_bytes() for path in two.iterdir()} == \
        {path.name: path.read_bytes() for path in (tmp_path / "fresh").iterdir()}


def test_report_split_files_a_smaller_report_lacks_are_removed_unless_edited_by_hand(generated, split_at_a_small_size,
                                                                                     monkeypatch, tmp_path):
    import checker.report.split as split

    written = write_reports(generated, tmp_path)
    beside = sorted(path.name for path in written if path.name not in ("audit.json", "audit.md", "audit.html"))
    assert len(beside) > 6
    edited = tmp_path / "audit-sources-001.html"
    edited.write_text(edited.read_text(encoding="utf-8") + "<!-- my notes -->", encoding="utf-8")
    monkeypatch.setattr(split, "SPLIT_TEXT_CHARS", 10**9)    # the same audit now fits one self-contained page
    write_reports(generated, tmp_path)
    left = sorted(path.name for path in tmp_path.iterdir())
    assert left == [".checker-written.json", "audit-sources-001.html", "audit.html", "audit.json", "audit.md"]
    assert edited.read_text(encoding="utf-8").endswith("<!-- my notes -->")
    ledger = json.loads((tmp_path / ".checker-written.json").read_text(encoding="utf-8"))
    assert sorted(ledger) == ["audit-sources-001.html", "audit.html", "audit.json", "audit.md"]   # the edit still refused
    assert ".inputs" not in ledger


def _source_page_digest(text: str, sha256: str | None) -> str:
    from checker.report.appendix import Segments, text_identity
    from checker.report.split import _page_inputs

    source = {"id": "a", "path": "a.txt", "format": "txt", "published": "2024-05-01", "sha256": sha256}
    observations = [{"id": "a@0-2", "source": "a", "start": 0, "end": 2, "value_text": text[:2]}]
    segments = Segments(0, text, observations, {"a@0-2": "agreement"}, identity=text_identity(source))
    return _page_inputs({"view": {"corpus": "c"}, "title": "Sources a to a", "facts": [], "reliability": [],
                         "mentions": [], "documents": [{**source, "anchor": "source-0", "segments": segments}]})


@pytest.mark.parametrize("text, sha256, other_text, other_sha256, same", [
    ("12 ferries sail.", "d1", "12 ferries sail.", "d1", True),
    ("12 ferries sail.", "d1", "".join(["12 ferries", " sail."]), "d1", True),   # an equal text, another object
    ("12 ferries sail.", "d1", "12 ferries sail!", "d2", False),                 # another file: another digest
    ("12 ferries sail.", None, "12 ferries sail!", None, False),                 # no content hash: the text read
    ("12 ferries sail.", None, "12 ferries sail.", None, True),
])
def test_report_split_source_page_digest_reads_a_text_by_what_it_is_made_from(text, sha256, other_text,
                                                                            other_sha256, same):
    first, second = _source_page_digest(text, sha256), _source_page_digest(other_text, other_sha256)
    assert first and second and (first == second) is same


def _html_pages(records) -> dict[str, str]:
    from checker.atomic import Derived
    from checker.report.split import split_files

    def text(content) -> str:
        pieces = content.make() if isinstance(content, Derived) else content
        return "".join(piece.decode("utf-8") if isinstance(piece, bytes) else piece for piece in pieces)

    return {name: text(content) for name, content in split_files(records).items() if name.endswith(".html")}


@pytest.mark.parametrize("piece", [1, 7, 4096])
def test_report_split_pages_made_in_pieces_are_the_whole_page_s(generated, generated_without_facts,
                                                                 split_at_a_small_size, monkeypatch, piece):
    # A page is made of Jinja's pieces as they come, its long Rows each rendered in place: whatever the pieces
    # are joined by, the text of the page rendered whole, its marked items replaced then
    import checker.report.html as html

    for records in (generated, generated_without_facts):
        monkeypatch.setattr(html, "PAGE_PIECE", 10**12)   # the page one text, as it was rendered before
        whole = _html_pages(records)
        monkeypatch.setattr(html, "PAGE_PIECE", piece)
        assert _html_pages(records) == whole and len(whole) > 2


def test_report_split_long_fact_page_renders_its_rows_in_place(generated, split_at_a_small_size, monkeypatch):
    # A long fact's page has every statement's row: made and rendered a chunk at a time, in place, the page is the
    # one Jinja renders from the list of them; its inputs digest the rows a chunk at a time, and move with a row
    import checker.report.html as html
    from checker.report.model import as_stated, fact_groups
    from checker.report.split import Split, _page_inputs, _View
    from checker.rows import Rows

    monkeypatch.setattr(html, "ROWS_CHUNK", 7)
    stated = as_stated(generated)
    view = _View(stated, Split())
    long = [index for index, section in enumerate(view.base()["sections"]) if Split.fact_is_long(section)]
    assert long
    for index in long:
        fact = view.fact(index)
        rows = list(fact["rows"])
        assert isinstance(fact["rows"], Rows) and len(rows) == len(fact["rows"]) > 7
        assert len({row["id"] for row in rows}) == len(rows) == fact["statement_count"]
        values = {"view": {"corpus": ""}, "title": fact["label"], "documents": [], "reliability": [], "mentions": []}
        whole = html.render_page("page.html.j2", facts=[{**fact, "rows": rows}], **values)
        assert "".join(html.page_chunks("page.html.j2", facts=[fact], **values)) == whole
        assert whole.count('<tr id="obs-') == len(rows)
        inputs = _page_inputs({**values, "facts": [fact]})
        assert len(inputs) == 64 and inputs == _page_inputs({**values, "facts": [view.fact(index)]})
        changed = Rows(len(rows), lambda: [rows[:-1], [{**rows[-1], "modality": "denied"}]])
        assert _page_inputs({**values, "facts": [{**fact, "rows": changed}]}) not in ("", inputs)


def _long_fact_page(base: dict, index: int) -> str:
    from checker.report.html import fact_view, page_chunks
    from checker.report.split import MEMBERS_ON_PAGE, _folded

    fact = _folded(fact_view(base, index, members=MEMBERS_ON_PAGE + 1))
    return "".join(page_chunks("page.html.j2", view={"corpus": "c"}, title=fact["label"], facts=[fact], documents=[],
                               reliability=[], mentions=[]))


def _statement_of(base: dict, index: int) -> dict:
    """A statement of the index-th fact whose value is found in its text (its quote then read around it there)."""
    texts = base["texts"]
    return next(o for o in base["sections"][index]["observations"]
                if (texts.get(o["source"]) or "")[o["start"]:o["end"]] == o["value_text"] and o.get("quote"))


def _retitled(base, o):
    base["sources"][o["source"]] = {**base["sources"][o["source"]], "title": "Another title"}


def _other_outlet(base, o):
    base["sources"][o["source"]] = {**base["sources"][o["source"]], "outlet": "Another outlet"}


def _as_markdown(base, o):
    base["sources"][o["source"]] = {**base["sources"][o["source"]], "format": "md"}


def _restated(base, o):
    base["statuses"][o["id"]] = "modality_only" if base["statuses"].get(o["id"]) != "modality_only" else "consistent"


def _moved_mark(base, o):
    base["anchors"][o["id"]] = "audit-sources-009.html#src9-1-2"


def _quote_reworded(base, o):   # the words before the value, in the text and in the quote alike
    text, start = base["texts"][o["source"]], o["start"]
    at = o["quote"].find(o["value_text"])
    changed = "Z" * at
    base["texts"][o["source"]] = text[:start - at] + changed + text[start:]
    o["quote"] = changed + o["quote"][at:]


def _text_edited_elsewhere(base, o):   # the text changed after the last quote: no row reads it
    base["texts"][o["source"]] += " And one more sentence, of 12 words or so."


def _revalued(base, o):
    o["value_text"] = o["value_text"] + "0"


@pytest.mark.parametrize("change", [_retitled, _other_outlet, _as_markdown, _restated, _moved_mark, _quote_reworded,
                                    _revalued, _text_edited_elsewhere])
def test_report_split_long_fact_page_inputs_move_with_what_the_page_reads(generated, split_at_a_small_size, change):
    # A long fact's page is kept when its inputs (html.fact_inputs: what its view reads) are those it was made
    # from: every change to what its rows read moves them (the page shows most), and a change no row reads leaves
    # page and inputs alike
    import copy

    from checker.report.html import fact_inputs, view_base
    from checker.report.model import as_stated, fact_groups
    from checker.report.split import Split, _read_inputs

    stated = as_stated(generated)
    base = view_base(stated, Split(), fact_groups(stated))
    index = next(i for i, section in enumerate(base["sections"]) if Split.fact_is_long(section))
    before_page, before = _long_fact_page(base, index), _read_inputs("c", "t", fact_inputs(base, index))
    changed = {**base, "sections": copy.deepcopy(base["sections"]), "sources": dict(base["sources"]),
               "statuses": dict(base["statuses"]), "anchors": dict(base["anchors"]), "texts": dict(base["texts"])}
    statement = _statement_of(changed, index)
    change(changed, statement)
    after_page, after = _long_fact_page(changed, index), _read_inputs("c", "t", fact_inputs(changed, index))
    read = change is not _text_edited_elsewhere
    assert before and after and (after != before) is read
    # a row's title is not shown, and a quote with no markup reads the same in Markdown: inputs read more than
    # the page shows, never less
    assert (after_page != before_page) is (read and change not in (_retitled, _as_markdown))


def test_report_split_reliability_page_renders_its_rows_in_place(generated):
    # The reliability table has a row a source: on its page, made and rendered a chunk at a time, in place, the
    # page is the one Jinja renders from the list of them
    from checker.report.html import page_chunks, render_page
    from checker.report.model import reliability_rows, source_reliability

    rows = source_reliability(generated)
    assert len(rows) == len(generated["sources"]) > 7 and any(row["facts"] for row in rows)
    assert list(reliability_rows(generated, 7)) == rows
    values = {"view": {"corpus": ""}, "title": "Source reliability", "facts": [], "documents": [], "mentions": []}
    whole = render_page("page.html.j2", reliability=rows, **values)
    assert "".join(page_chunks("page.html.j2", reliability=reliability_rows(generated, 7), **values)) == whole
    assert whole.count('<tr><td data-value="') == len(rows)


@pytest.mark.parametrize("cut", [1, 2, 5, 1000])
def test_report_split_marked_items_cut_between_pieces_are_found(cut, monkeypatch):
    # A marked item may be cut between two pieces: kept for the next, found whole; only its first place is
    # replaced, and a marker's opening character without its close is text
    import checker.report.html as html
    from checker.report.html import _MARKER, _rows_in_place
    from checker.rows import Rows

    monkeypatch.setattr(html, "PAGE_PIECE", cut)   # each piece looked through as it comes

    first, second = _MARKER.format(0), _MARKER.format(1)
    text = f"<p>{first}</p>\x02 lone <i>{second}</i>{first}end"
    rows = {first: (Rows(3, lambda: iter([["a", "b"], ["c"]])), "|".join),
            second: (Rows(0, lambda: iter([])), "|".join)}
    pieces = [text[at:at + cut] for at in range(0, len(text), cut)]
    assert "".join(_rows_in_place(iter(pieces), dict(rows))) == f"<p>a|bc</p>\x02 lone <i></i>{first}end"
    # a marked item whose marker stands inside it (a table row's): the whole row is replaced, wherever it is cut;
    # the same marker in other text is text
    row = f'<tr id="{first}"><td></td></tr>\n'
    text = f"<tbody>\n{row}</tbody><p>{first}</p>"
    pieces = [text[at:at + cut] for at in range(0, len(text), cut)]
    rows = {row: (Rows(3, lambda: iter([["<tr>a</tr>", "<tr>b</tr>"], ["<tr>c</tr>"]])), "".join)}
    assert "".join(_rows_in_place(iter(pieces), rows)) == f"<tbody>\n<tr>a</tr><tr>b</tr><tr>c</tr></tbody><p>{first}</p>"


def test_report_split_fact_page_cuts_a_message_naming_every_statement(generated, split_at_a_small_size):
    # A conflict's message names every statement, and its fact's page has a row for each: the page shows the
    # message's start, as the main page does; audit.json keeps it whole
    import html

    import checker.report.split as split

    rendered = render_reports(generated)
    pages = "".join(text for name, text in sorted(rendered.items()) if name.startswith("audit-fact-"))
    long = [finding for finding in json.loads(rendered["audit.json"])["findings"]
            if len(finding["message"]) > split.MESSAGE_CHARS + 50 and html.escape(finding["message"][:80]) in pages]
    assert long
    for finding in long:
        assert f"<p>{html.escape(split.shortened_message(finding['message']))}</p>" in pages
        assert html.escape(finding["message"]) not in pages


def test_report_split_long_fact_page_takes_the_quotes_its_inputs_worked_out(generated, split_at_a_small_size,
                                                                            monkeypatch):
    # A page's inputs are worked out just before it is made: its making takes their quotes (each read from its
    # source's text) instead of reading them again, and the page is the one made without them
    import checker.report.html as html
    from checker.report.model import as_stated, fact_groups
    from checker.report.split import Split, _View

    stated = as_stated(generated)
    index = next(index for index, section in enumerate(_View(stated, Split()).base()["sections"])
                 if Split.fact_is_long(section))

    def page(view: _View) -> list:
        fact = view.fact(index)
        return [fact["label"], list(fact["rows"]), fact["findings"], fact["chart"]]

    alone = page(_View(stated, Split()))
    view = _View(stated, Split())
    inputs = view.fact_inputs(index)
    read = []
    real = html.quote_parts
    monkeypatch.setattr(html, "quote_parts", lambda *args: read.append(1) or real(*args))
    assert page(view) == alone and not read   # every quote taken from the inputs
    assert view.fact_inputs(index) == inputs and read   # (worked out again for inputs asked again)
    read.clear()
    assert page(view) == alone and not read and "quotes" not in view.parts   # taken once, then let go
    assert page(view) == alone and read   # none kept: read again
