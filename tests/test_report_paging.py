"""A long fact's statements on pages of their own (checker.report.paging): every statement once, in its table's
order; cut where an edit elsewhere leaves the cut; every link to a row finds it; a re-audit after one edit makes
again only the pages it changed."""
from __future__ import annotations

import random
import re

import pytest

from checker.audit import run_audit
from checker.report import render_reports, write_reports
from checker.report.paging import PAGE_CEILING, PAGE_FLOOR, cut, group_key, page_number, page_starts
from tests import benchmark_modules

DOCUMENTS = 260   # the generated corpus of tests/test_report_split.py: facts of about 200 statements


@pytest.fixture(scope="module")
def generated():
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        yield run_audit(*benchmark_modules.generated_corpus(folder, DOCUMENTS, 5), None).as_records()


@pytest.fixture
def paged_at_a_small_size(monkeypatch):
    """A large corpus's report, and facts of more than 60 statements on pages of about 30."""
    import checker.report.paging as paging
    import checker.report.split as split

    monkeypatch.setattr(split, "SPLIT_TEXT_CHARS", 100_000)
    monkeypatch.setattr(split, "SOURCES_PER_PAGE", 100)
    monkeypatch.setattr(split, "SOURCES_PER_SIDECAR", 100)
    monkeypatch.setattr(paging, "PAGED_ABOVE", 60)
    monkeypatch.setattr(paging, "PAGE_FLOOR", 10)
    monkeypatch.setattr(paging, "PAGE_TARGET", 20)
    monkeypatch.setattr(paging, "PAGE_CEILING", 60)


def _groups(count: int, seed: int) -> list[tuple[tuple[str, str], int]]:
    """`count` groups in order, mostly of one statement (a source states a fact once at one date), a few of many."""
    rng = random.Random(seed)
    keys = sorted({(f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}", f"src-{rng.randrange(10 ** 6):06d}")
                   for _ in range(count)})
    return [(key, rng.choice((1, 1, 1, 1, 2, 3, 40))) for key in keys]


def _pages_of(groups, starts) -> list[tuple]:
    """Each page as the tuple of its groups (key and statements)."""
    pages, at = [[]], 0
    for key, count in groups:
        if at < len(starts) and key == starts[at]:
            pages.append([])
            at += 1
        pages[-1].append((key, count))
    return [tuple(page) for page in pages]


@pytest.mark.parametrize("seed", range(6))
def test_paging_pages_hold_between_the_floor_and_the_ceiling(seed):
    groups = _groups(5_000, seed)
    pages = _pages_of(groups, page_starts(groups))
    sizes = [sum(count for _, count in page) for page in pages]
    assert sum(sizes) == sum(count for _, count in groups) and len(pages) > 3
    # every page but the last holds at least the floor, and at most the ceiling and the group that passed it
    assert all(PAGE_FLOOR <= size < PAGE_CEILING + 40 for size in sizes[:-1])
    assert page_starts(groups) == page_starts(list(groups))   # drawn from the keys alone: the same every time


@pytest.mark.parametrize("edit", ["add a statement", "add a source", "remove a source"])
def test_paging_an_edit_moves_only_the_pages_around_it(edit):
    # The pages before the edited group are the same, and so are all but a page or two after it: a cut depends on
    # its group and on the statements since the last cut, never on a statement's place in the whole table
    changed_pages = []
    for seed in range(60):
        groups = _groups(5_000, seed)
        rng = random.Random(seed)
        at = rng.randrange(len(groups))
        edited = list(groups)
        if edit == "add a statement":
            edited[at] = (groups[at][0], groups[at][1] + 1)
        elif edit == "add a source":
            edited.insert(at + 1, ((groups[at][0][0], groups[at][0][1] + "-new"), 1))   # (in order)
        else:
            del edited[at]
        before, after = _pages_of(groups, page_starts(groups)), _pages_of(edited, page_starts(edited))
        changed_pages.append(len(set(after) - set(before)))
        # (a source removed where a page began joins the page before it to the next)
        first = next(i for i, page in enumerate(before) if groups[at] in page) - (edit == "remove a source")
        assert before[:max(first, 0)] == after[:max(first, 0)]
    # a position-based cut would change every page after the edited one (about half of some 15 on average)
    assert max(changed_pages) <= 3 and sum(changed_pages) / len(changed_pages) <= 1.3, changed_pages


def test_paging_cut_and_page_number_agree_with_page_starts():
    groups = _groups(3_000, 11)
    statements = [{"as_of": key[0], "source": key[1], "start": n} for key, count in groups for n in range(count)]
    starts = page_starts(groups)
    pages = cut(statements, starts)
    assert [tuple((key, sum(1 for o in page if group_key(o) == key)) for key in dict.fromkeys(map(group_key, page)))
            for page in pages] == _pages_of(groups, starts)
    assert all(page_number(starts, o) == number for number, page in enumerate(pages, 1) for o in page)
    assert cut(statements, []) == [statements]


def test_paging_long_facts_statements_are_on_their_pages_once_each_in_table_order(generated, paged_at_a_small_size):
    from checker.report.model import as_stated, fact_groups

    rendered = render_reports(generated)
    sections = [section for group in fact_groups(as_stated(generated)) for section in group["sections"]]
    paged = [(index, section) for index, section in enumerate(sections) if len(section["observations"]) > 60]
    assert paged
    for index, section in paged:
        head = rendered[f"audit-fact-{index:03d}.html"]
        names = sorted(name for name in rendered if name.startswith(f"audit-fact-{index:03d}-"))
        assert len(names) > 3 and names == [f"audit-fact-{index:03d}-{n:03d}.html" for n in range(1, len(names) + 1)]
        # the fact's page: its chart and findings, no table of statements, a link to each of its pages
        assert '<tr id="obs-' not in head and "<svg" in head
        assert re.findall(r'<li><a href="(audit-fact-\d{3}-\d{3}\.html)">Statements ', head) == names
        rows = [row for name in names for row in re.findall(r'<tr id="(obs-[0-9a-f]{16})"', rendered[name])]
        from checker.report.html import row_anchor

        assert rows == list(dict.fromkeys(row_anchor(o["id"]) for o in section["observations"]))
        for number, name in enumerate(names, 1):   # each page links the fact's page and its neighbours
            page = rendered[name]
            assert f'<a href="audit-fact-{index:03d}.html">' in page
            assert ('rel="prev"' in page) is (number > 1) and ('rel="next"' in page) is (number < len(names))
            assert number == 1 or f'href="{names[number - 2]}" rel="prev"' in page
            assert number == len(names) or f'href="{names[number]}" rel="next"' in page
    short = [index for index, section in enumerate(sections) if 25 < len(section["observations"]) <= 60]
    for index in short:   # a long fact not so long keeps its statements on its own page
        assert '<tr id="obs-' in rendered[f"audit-fact-{index:03d}.html"]
        assert not any(name.startswith(f"audit-fact-{index:03d}-") for name in rendered)


def test_paging_every_link_finds_its_row(generated, paged_at_a_small_size, tmp_path):
    # The chart's marks, a conflict's members (on the main page and the fact's), "more statements": each statement
    # linked on the page that has its row
    rendered = render_reports(generated)
    pages = {name: text for name, text in rendered.items() if name.endswith(".html")}
    ids = {name: set(re.findall(r'\bid="([^"]+)"', text)) for name, text in pages.items()}
    rows = [href for text in pages.values() for href in re.findall(r'href="([^"]*#obs-[0-9a-f]{16})"', text)]
    assert len(rows) > 100 and any(re.match(r"audit-fact-\d{3}-\d{3}\.html#", href) for href in rows)
    for name, text in pages.items():
        for href in re.findall(r'href="([^"]+)"', text):
            target, _, anchor = href.partition("#")
            target = target or name
            assert target in pages and (not anchor or anchor in ids[target]), (name, href)
    written = write_reports(generated, tmp_path)
    assert sorted(path.name for path in written) == sorted(rendered)


def test_paging_reaudit_after_one_edit_makes_only_the_pages_it_changed(tmp_path, paged_at_a_small_size, monkeypatch):
    import checker.report.html as html

    cache_speed = benchmark_modules.cache_speed()
    corpus, facts = benchmark_modules.generated_corpus(tmp_path, DOCUMENTS, 5)
    paths = sorted(corpus.glob("*.txt"))   # (make_corpus's, in order)
    write_reports(run_audit(corpus, facts, None).as_records(lazy=True), tmp_path / "out")
    before = {path.name: path.read_bytes() for path in (tmp_path / "out").glob("audit-fact-*-*.html")}
    assert len(before) > 6
    made = []
    real_page = html.page_chunks
    monkeypatch.setattr(html, "page_chunks", lambda template, **values: (
        made.append(values["title"]) if values.get("statements") else None) or real_page(template, **values))
    edited = paths[len(paths) // 2].relative_to(corpus).as_posix()   # (the one edit_one edits)
    cache_speed.edit_one(paths)
    records = run_audit(corpus, facts, None).as_records(lazy=True)
    [source] = [source["id"] for source in records["sources"] if source["path"] == edited]
    write_reports(records, tmp_path / "out", jobs=1)   # (one process: the pages made are seen here)
    after = {path.name: path.read_bytes() for path in (tmp_path / "out").glob("audit-fact-*-*.html")}
    changed = sorted(name for name in after if after[name] != before.get(name))
    # the pages that list the edited source's statements, and no other, were made again (and only those)
    holding = sorted(name for name, text in after.items() if f'<span class="sid">{source}</span>' in text.decode())
    assert changed and set(changed) <= set(holding) and len(changed) <= len(made) <= len(holding) < len(after) / 2
    fresh = write_reports(records, tmp_path / "fresh")   # every file made: the same bytes
    assert all((tmp_path / "out" / path.name).read_bytes() == path.read_bytes() for path in fresh)


def test_paging_pages_a_report_no_longer_has_are_removed(generated, paged_at_a_small_size, monkeypatch, tmp_path):
    # A fact's statements on pages of their own, then on its own page again (fewer statements, or a larger
    # threshold): the pages of its statements an earlier report left are removed with the rest of what it lacks
    import checker.report.paging as paging

    written = {path.name for path in write_reports(generated, tmp_path)}
    paged = {name for name in written if re.fullmatch(r"audit-fact-\d{3}-\d{3}\.html", name)}
    assert paged
    monkeypatch.setattr(paging, "PAGED_ABOVE", 10 ** 6)
    again = {path.name for path in write_reports(generated, tmp_path)}
    left = {path.name for path in tmp_path.iterdir() if not path.name.startswith(".")}
    assert not again & paged and left == again
