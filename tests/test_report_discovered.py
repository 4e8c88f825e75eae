"""Reports of discovered facts: their origin and confidence in audit.json, their own section beside a
catalog, the terminal's mark on their conflicts, and every mention per source when there is no fact.

The corpora are small stories written for these tests (a lighthouse on a fictional island) and audited
for real: reading, discovery, Great Expectations and findings, no stand-ins.
"""
from __future__ import annotations

import json
import re

import pytest

from checker.audit import run_audit
from checker.report import render_reports, summary_text
from checker.report.json_report import render_json
from checker.report.model import DISCOVERED_TITLE
try:  # tests/ as a package (tests/__init__.py) or as a plain folder on sys.path
    from tests.test_report_fixture import audit_fixture
except ImportError:
    from test_report_fixture import audit_fixture

ISLAND_DOCS = {
    "a.md": ("Storm season on Kettle Island", "Kettle Courier", "2023-03-02",
             "The keepers of the Kettle Island lighthouse logged 14 storms this winter, the harbour office said "
             "on Thursday.\nThe island school has 23 pupils.\n"),
    "b.md": ("A hard winter for the lighthouse", "Island Weekly", "2023-03-02",
             "According to the harbour office, the Kettle Island lighthouse keepers logged 19 storms this "
             "winter.\nIts school now teaches 31 pupils.\n"),
    "c.md": ("Harbour notes", "Harbour Bulletin", "2023-03-03",
             "Lighthouse keepers on Kettle Island logged 14 storms this winter, said the harbour office.\n"),
}
ISLAND_CATALOG = """\
story: kettle-island
title: Kettle Island
facts:
  - key: winter_storms
    label: Storms logged at the lighthouse this winter
    kind: count
    unit: storm
    context: [lighthouse]
"""
# Two sources that share nothing: no catalog applies and discovery has nothing to group.
UNSHARED_DOCS = {
    "logbook.txt": "The lighthouse keeper logged 14 storms in 2019.\n",
    "bakery.txt": "A bakery on Mill Lane sold 300 loaves on Friday, about 20% more than usual.\n",
}


def write_island(folder):
    """The island corpus and its one-fact catalog under `folder`: (corpus, facts)."""
    corpus, facts = folder / "corpus", folder / "facts"
    corpus.mkdir(parents=True)
    facts.mkdir()
    for name, (title, outlet, published, text) in ISLAND_DOCS.items():
        front = f"---\ntitle: {title}\noutlet: {outlet}\npublished: {published}\n---\n"
        (corpus / name).write_text(front + text, encoding="utf-8")
    (facts / "kettle.yaml").write_text(ISLAND_CATALOG, encoding="utf-8")
    return corpus, facts


@pytest.fixture(scope="module")
def island(tmp_path_factory):
    return write_island(tmp_path_factory.mktemp("island"))


@pytest.fixture(scope="module")
def discovered_only(island):
    """No catalog: every fact is discovered."""
    corpus, _ = island
    return run_audit(corpus, None, None).as_records()


@pytest.fixture(scope="module")
def beside_catalog(island):
    """The catalog declares the storms; what else the sources share is discovered."""
    corpus, facts = island
    return run_audit(corpus, facts, None).as_records()


def discovered_keys(records) -> list[str]:
    return [fact["key"] for fact in records["facts"] if fact["origin"] == "discovered"]


def test_report_discovered_facts_and_findings_carry_origin_and_confidence(discovered_only, beside_catalog):
    for records in (discovered_only, beside_catalog):
        data = json.loads(render_json(records))
        facts = {fact["key"]: fact for fact in data["facts"]}
        assert discovered_keys(data), "the island corpus should share at least one fact"
        for fact in facts.values():
            assert {"origin", "confidence", "evidence"} <= set(fact)
            if fact["origin"] == "discovered":
                assert fact["key"].startswith("d_")
                assert 0 < fact["confidence"] <= 1
                assert fact["evidence"] and all(isinstance(word, str) and word for word in fact["evidence"])
            else:
                assert fact["origin"] == "declared"
                assert fact["confidence"] == 1 and type(fact["confidence"]) is int  # written 1, not 1.0
                assert fact["evidence"] == []
        for finding in data["findings"]:
            assert finding["origin"] == facts[finding["fact"]]["origin"]
            assert finding["confidence"] == facts[finding["fact"]]["confidence"]
        assert any(finding["origin"] == "discovered" for finding in data["findings"])
    assert {fact["origin"] for fact in discovered_only["facts"]} == {"discovered"}
    declared = [fact["key"] for fact in beside_catalog["facts"] if fact["origin"] == "declared"]
    assert declared == ["winter_storms"]
    # Declared facts first, in catalog order, then the discovered ones.
    assert [fact["key"] for fact in beside_catalog["facts"]][:1] == declared


def test_report_markdown_puts_discovered_facts_after_the_catalogs_own(beside_catalog):
    markdown = render_reports(beside_catalog)["audit.md"]
    order = re.findall(rf"^## (?:.*\(`(\w+)`\)|({DISCOVERED_TITLE}))$", markdown, re.M)
    assert [key or title for key, title in order] == \
        ["winter_storms", DISCOVERED_TITLE, *sorted_like(markdown, discovered_keys(beside_catalog))]
    for fact in beside_catalog["facts"]:
        if fact["origin"] == "discovered":
            section = markdown.split(f"(`{fact['key']}`)", 1)[1].split("\n## ", 1)[0]
            assert f"*discovered · confidence {fact['confidence']:.2f}* · evidence: " in section
    declared_section = markdown.split("(`winter_storms`)", 1)[1].split("\n## ", 1)[0]
    assert "discovered" not in declared_section


def sorted_like(markdown: str, keys: list[str]) -> list[str]:
    """`keys` in the order their sections appear (the report orders them by status, then key)."""
    return sorted(keys, key=lambda key: markdown.index(f"(`{key}`)"))


def test_report_markdown_without_a_catalog_shows_discovered_facts_as_the_facts(discovered_only):
    markdown = render_reports(discovered_only)["audit.md"]
    assert DISCOVERED_TITLE not in markdown
    assert "## Mentions per source" not in markdown
    for key in discovered_keys(discovered_only):
        assert f"(`{key}`)" in markdown
    assert markdown.count("*discovered · confidence ") == len(discovered_keys(discovered_only))
    assert f"| Discovered facts | {len(discovered_keys(discovered_only))} |" in markdown


def test_report_html_marks_discovered_facts_and_lets_them_be_filtered(beside_catalog, discovered_only):
    html = render_reports(beside_catalog)["audit.html"]
    heading = html.index(f'id="discovered-facts-title" class="group-title">{DISCOVERED_TITLE} <')
    assert html.count('data-origin="discovered"') == len(discovered_keys(beside_catalog))
    assert html.count('data-origin="declared"') == 1
    assert html.index('data-origin="declared"') < heading < html.index('data-origin="discovered"')
    assert f'<th scope="rowgroup" colspan="4">{DISCOVERED_TITLE}</th>' in html  # the matrix's rows too
    for fact in beside_catalog["facts"]:
        if fact["origin"] == "discovered":
            assert f"discovered · confidence {fact['confidence']:.2f}</span>" in html
    assert 'data-filter="discovered"' in html and 'data-sort="confidence"' in html
    # Without a catalog every fact is discovered: no title, no filter that would show them all again.
    alone = render_reports(discovered_only)["audit.html"]
    assert DISCOVERED_TITLE not in alone and 'data-filter="discovered"' not in alone
    assert alone.count('class="badge discovered">discovered · confidence') == len(discovered_keys(discovered_only))


def test_report_summary_marks_conflicts_of_discovered_facts(beside_catalog):
    text = summary_text(beside_catalog)
    discovered = {fact["key"]: fact for fact in beside_catalog["facts"] if fact["origin"] == "discovered"}
    conflicted = {f["fact"] for f in beside_catalog["findings"] if f["status"] == "conflict"}
    assert conflicted & set(discovered), "the island corpus should have a conflict about a discovered fact"
    for key in conflicted:
        if key in discovered:
            assert f"\n  {key} (discovered, confidence {discovered[key]['confidence']:.2f}): " in text
        else:
            assert f"\n  {key}: " in text
    assert f"facts ({len(discovered)} discovered)" in text.splitlines()[0]


def test_report_discovered_section_follows_declared_facts_whatever_their_status():
    """A discovered conflict still comes after declared facts that only agree."""
    records = audit_fixture()
    for fact in records["facts"]:
        if fact["key"] == "board_members":
            fact.update(origin="discovered", confidence=0.72, evidence=["board", "member"])
    markdown = render_reports(records)["audit.md"]
    order = re.findall(r"^## (?:.*\(`(\w+)`\)|(Shared facts not in your catalog))$", markdown, re.M)
    assert [key or title for key, title in order] == ["tram_stops", "line_opened", DISCOVERED_TITLE,
                                                      "board_members"]
    assert "*discovered · confidence 0.72* · evidence: board, member" in markdown
    assert "  board_members (discovered, confidence 0.72): s1 14 vs s2 11" in summary_text(records)


def test_report_without_facts_lists_every_mention_per_source(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in UNSHARED_DOCS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    records = run_audit(corpus, None, None).as_records()
    assert records["facts"] == [] and records["observations"] == [], "these sources should share nothing"
    rendered = render_reports(records)
    markdown, html = rendered["audit.md"], rendered["audit.html"]
    assert "## Mentions per source" in markdown and "Mentions per source" in html
    assert 'id="filters"' not in html  # nothing to filter
    listed = {entry["source"]: entry["items"] for entry in records["mentions"]}
    assert set(listed) == {"logbook", "bakery"} and all(listed.values())
    for source, items in listed.items():
        section = markdown.split(f"### {source} (", 1)[1].split("\n### ", 1)[0].split("\n## ", 1)[0]
        assert section.startswith(f"{len(items)} mention")
        for item in items:
            cells = [cell.strip() for cell in section.split(f"| {item['value_text']} |", 1)[1]
                     .split("\n", 1)[0].split("|")[:-1]]
            assert cells[0] == item["kind"]
            assert cells[2] == (item["unit"] or "")
            assert cells[3] == item["modality"]
            assert f">{item['value_text']}</a></td><td>{item['kind']}</td>" in html
    assert "| 14 | count | 14 | storm | reported |" in markdown
    assert "no facts: the reports list the" in summary_text(records)


def test_report_discovery_reports_are_byte_identical_across_runs(island):
    corpus, facts = island
    first = render_reports(run_audit(corpus, facts, None))
    second = render_reports(run_audit(corpus, facts, None))
    assert first["audit.json"] == second["audit.json"]
    assert first["audit.md"] == second["audit.md"]
    assert first["audit.html"] == second["audit.html"]
    assert '"origin": "discovered"' in first["audit.json"]
