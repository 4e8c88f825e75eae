"""The HTML report in a real browser (Debian's chromium via Playwright), opened from file://.

Asserts what a reader and an attacker would notice: nothing is fetched, no script but ours
runs (no dialog, no console error, no CSP violation), document markup shows as text, and
the findings, charts, filters and quote links work. The layout is checked on the demo, the
seeds and a generated 200-document corpus at a laptop's and a phone's size (no chart label
outside its chart, no mark on another, nothing wider than the screen, the matrix in date
order, Markdown sources as plain text in the page's font), and each first screen is saved
to tests/screenshots/ (docs/screenshot.png with CHECKER_UPDATE_SCREENSHOT=1).
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from checker.report import write_reports
from tests import benchmark_modules
from tests.seeds import seeds_path
try:  # tests/ as a package (tests/__init__.py) or as a plain folder on sys.path
    from tests.test_report_discovered import UNSHARED_DOCS, write_island
    from tests.test_report_fixture import PAYLOADS, audit_fixture
except ImportError:
    from test_report_discovered import UNSHARED_DOCS, write_island
    from test_report_fixture import PAYLOADS, audit_fixture

PROJECT = Path(__file__).resolve().parent.parent
SCREENSHOTS = PROJECT / "tests" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
VIEWPORT = {"width": 1280, "height": 800}

PAYLOAD_FACTS = """\
story: elmbridge-board
title: Elmbridge transit board
facts:
  - key: board_members
    label: Members of the transit board
    kind: count
    unit: member
    context: [board]
    window_days: 30
"""
PAYLOAD_DOCUMENTS = {
    "first.txt": ("Elmbridge board <script>alert(1)</script>\n\n"
                  "Published 2021-06-03. The transit board has 14 members, says <img src=x onerror=alert(1)> "
                  "the clerk.\nSee <a href=\"javascript:alert(1)\">the minutes</a> and [click](javascript:alert(1)).\n"),
    "second.md": ("---\ntitle: Board notes <script>alert(1)</script>\noutlet: Bulletin <b>bold</b>\n"
                  "published: 2021-06-10\n---\n# Board notes\n\n"
                  "According to the minutes, the 11 members of the transit board <script>alert(1)</script> "
                  "approved the budget.\nAn image: <img src=x onerror=alert(1)> and a [link](javascript:alert(1)).\n"),
}


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} is not installed (apt-get install chromium); the HTML report was not opened in a browser"
        if os.environ.get("CHECKER_REQUIRE_BROWSER") == "1":
            pytest.fail(reason + " and CHECKER_REQUIRE_BROWSER=1")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _demo_report(tmp_path):
    from checker.audit import run_audit

    result = run_audit(None)  # the demo with its own catalog and suite
    return result.as_records(), write_reports(result, tmp_path / "out")


def _payload_corpus_report(tmp_path):
    from checker.audit import run_audit

    corpus, facts = tmp_path / "corpus", tmp_path / "facts"
    corpus.mkdir()
    facts.mkdir()
    (facts / "board.yaml").write_text(PAYLOAD_FACTS, encoding="utf-8")
    for name, text in PAYLOAD_DOCUMENTS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    result = run_audit(corpus, facts=facts, expectations=PROJECT / "expectations")
    return result.as_records(), write_reports(result, tmp_path / "out")


def _payload_fixture_report(tmp_path):
    records = audit_fixture(payload=True)
    return records, write_reports(records, tmp_path / "out")


def _discovered_report(tmp_path):
    """A catalog of one fact, and facts the sources share beyond it (discovered)."""
    from checker.audit import run_audit

    corpus, facts = write_island(tmp_path)
    result = run_audit(corpus, facts=facts, expectations=None)
    return result.as_records(), write_reports(result, tmp_path / "out")


REPORTS = {"demo": _demo_report, "payload-corpus": _payload_corpus_report, "payload-fixture": _payload_fixture_report,
           "discovered": _discovered_report}


def _seeds_report(tmp_path):
    from checker.audit import run_audit

    seeds = seeds_path()
    if seeds is None:
        pytest.skip("no seeds corpus (../shared/seeds, /work/shared/seeds or CHECKER_SEEDS): its layout is not checked")
    result = run_audit(seeds, facts=PROJECT / "facts", expectations=PROJECT / "expectations")
    return result.as_records(), write_reports(result, tmp_path / "out")


GENERATED_DOCUMENTS, GENERATED_SEED = 200, 1


def _generated_report(tmp_path):
    """200 documents of benchmarks/cache_speed.py's generated local news, with its small catalog."""
    from checker.audit import run_audit

    corpus, facts = benchmark_modules.generated_corpus(tmp_path, GENERATED_DOCUMENTS, GENERATED_SEED)
    result = run_audit(corpus, facts=facts, expectations=None)
    return result.as_records(), write_reports(result, tmp_path / "out")


LAYOUT_REPORTS = {"demo": _demo_report, "seeds": _seeds_report, "generated-200": _generated_report}
VIEWPORTS = {"laptop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}


class Watched:
    """A page plus everything it did that a self-contained, script-free-for-documents page must not do."""

    def __init__(self, browser, html: Path, viewport: dict = VIEWPORT):
        self.requests, self.errors, self.dialogs = [], [], []
        self.context = browser.new_context(viewport=viewport)
        self.page = self.context.new_page()
        self.page.set_default_timeout(10_000)
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("dialog", self._dialog)
        self.page.goto(html.as_uri())

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def assert_quiet(self):
        foreign = [url for url in self.requests if not url.startswith(("file:", "data:"))]
        assert foreign == [], f"the report fetched {foreign}"
        assert self.errors == [], f"console errors: {self.errors}"
        assert self.dialogs == [], f"a script from a document ran: {self.dialogs}"


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """Each report is audited and written once per module; every test opens it in a fresh page."""
    cache = {}

    def get(name):
        if name not in cache:
            cache[name] = {**REPORTS, **LAYOUT_REPORTS}[name](tmp_path_factory.mktemp(name))
        return cache[name]

    return get


@pytest.fixture(params=sorted(REPORTS))
def report(request, browser, rendered):
    records, written = rendered(request.param)
    html = next(path for path in written if path.name == "audit.html")
    watched = Watched(browser, html)
    yield request.param, records, watched
    watched.context.close()


def test_browser_report_loads_nothing_and_runs_no_document_script(report):
    _, records, watched = report
    watched.page.wait_for_load_state("load")
    watched.assert_quiet()
    assert watched.page.locator("#filters").is_visible()  # our own script did run


def test_browser_document_markup_is_shown_as_text(report):
    name, records, watched = report
    body = watched.page.inner_text("body")
    for text in records["texts"].values():
        for payload in PAYLOADS + ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>"):
            if payload in text:
                assert payload in body
    if name.startswith("payload"):
        assert "<script>alert(1)</script>" in body and "onerror=alert(1)" in body
        assert watched.page.locator("body img, body iframe, body b").count() == 0
    watched.assert_quiet()


def test_browser_findings_charts_and_matrix_are_present(report):
    _, records, watched = report
    page = watched.page
    assert page.locator("article.finding").count() == len(records["findings"])
    facts = {o["fact"] for o in records["observations"]}
    assert page.locator("section.fact").count() == len(facts)
    charts = page.locator("section.fact svg[role=img]")
    assert charts.count() >= 1
    assert charts.first.locator("title").first.text_content().startswith("Timeline of ")
    assert page.locator("table.matrix td.cell.st-conflict").count() >= 1
    watched.assert_quiet()


def test_browser_status_filter_shows_only_conflicts(report):
    _, records, watched = report
    page = watched.page
    sections = page.locator("section.fact")
    page.click("button[data-filter=conflict]")
    for index in range(sections.count()):
        section = sections.nth(index)
        has_conflict = "conflict" in section.get_attribute("data-statuses").split()
        assert section.is_visible() == has_conflict
    assert page.locator("button[data-filter=conflict]").get_attribute("aria-pressed") == "true"
    page.click("button[data-filter=all]")
    assert all(sections.nth(i).is_visible() for i in range(sections.count()))
    watched.assert_quiet()


def test_browser_printing_shows_every_fact_and_hides_the_filters(report):
    _, records, watched = report
    page = watched.page
    page.click("button[data-filter=conflict]")
    page.emulate_media(media="print")
    sections = page.locator("section.fact")
    assert all(sections.nth(i).is_visible() for i in range(sections.count()))
    assert not page.locator("#filters").is_visible()


def test_browser_quote_link_goes_to_the_marked_span(report):
    _, records, watched = report
    page = watched.page
    link = page.locator("section.fact table.observations a.quote").first
    marked_value = link.locator("mark").inner_text()
    href = link.get_attribute("href")
    link.click()
    page.wait_for_function("hash => location.hash === hash", arg=href)
    target = page.locator(f"[id='{href[1:]}']")
    assert target.evaluate("element => element.tagName") == "MARK"
    assert target.evaluate("element => element.closest('.source-text') !== null")
    assert marked_value in target.inner_text() or target.inner_text() in marked_value
    assert target.evaluate("element => element.matches(':target')")
    box, height = target.bounding_box(), VIEWPORT["height"]
    assert 0 <= box["y"] < height, "the marked span is not on screen"
    watched.assert_quiet()


def test_browser_discovered_facts_filter_and_order(browser, rendered):
    records, written = rendered("discovered")
    watched = Watched(browser, next(path for path in written if path.name == "audit.html"))
    page = watched.page
    sections = page.locator("section.fact")
    discovered = page.locator("section.fact[data-origin=discovered]")
    assert discovered.count() == sum(1 for f in records["facts"] if f["origin"] == "discovered") >= 1
    assert page.locator("#discovered-facts .group-title").is_visible()
    page.click("button[data-filter=discovered]")
    for index in range(sections.count()):
        section = sections.nth(index)
        assert section.is_visible() == (section.get_attribute("data-origin") == "discovered")
    page.click("button[data-sort=confidence]")
    shown = [float(discovered.nth(i).get_attribute("data-confidence")) for i in range(discovered.count())]
    assert shown == sorted(shown, reverse=True)
    page.click("button[data-filter=conflict]")  # the declared group comes back; the discovered one keeps its title
    assert page.locator("section.fact[data-origin=declared]").first.is_visible()
    page.click("button[data-sort=status]")
    ranks = [int(sections.nth(i).get_attribute("data-rank")) for i in range(sections.count())]
    assert ranks == sorted(ranks)
    watched.assert_quiet()
    watched.context.close()


def test_browser_report_without_facts_lists_mentions(browser, tmp_path):
    from checker.audit import run_audit

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in UNSHARED_DOCS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    written = write_reports(run_audit(corpus, None, None), tmp_path / "out")
    watched = Watched(browser, next(path for path in written if path.name == "audit.html"))
    page = watched.page
    assert page.locator("#filters").count() == 0 and page.locator("section.fact").count() == 0
    assert page.locator("table.mention-list").count() == len(UNSHARED_DOCS)
    link = page.locator("table.mention-list a.quote").first
    href = link.get_attribute("href")
    link.click()
    page.wait_for_function("hash => location.hash === hash", arg=href)
    target = page.locator(f"[id='{href[1:]}']")
    assert target.evaluate("element => element.tagName") == "MARK"
    assert target.inner_text() == link.inner_text()
    watched.assert_quiet()
    watched.context.close()


# Every element's box against the viewport; one inside a box that scrolls sideways (the matrix, a chart on a
# phone) is judged by that box instead.
TOO_WIDE = """width => {
  const scrolls = element => ['auto', 'scroll', 'hidden'].includes(getComputedStyle(element).overflowX);
  const wide = [];
  for (const element of document.body.querySelectorAll('*')) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || (box.left >= -0.5 && box.right <= width + 0.5)) continue;
    let inside = element.parentElement;
    while (inside && !scrolls(inside)) inside = inside.parentElement;
    if (!inside) wide.push(`${element.tagName.toLowerCase()}.${element.getAttribute('class')}: `
                           + `${Math.round(box.left)} to ${Math.round(box.right)} px`);
  }
  return wide.slice(0, 5);
}"""
# Each chart's text (axis and tick labels) against its SVG's box.
LABELS_OUTSIDE = """() => {
  const outside = [];
  for (const svg of document.querySelectorAll('figure.chart svg')) {
    const frame = svg.getBoundingClientRect();
    for (const text of svg.querySelectorAll('text')) {
      const box = text.getBoundingClientRect();
      if (box.left < frame.left - 0.5 || box.right > frame.right + 0.5 || box.top < frame.top - 0.5
          || box.bottom > frame.bottom + 0.5) outside.push(`${svg.getAttribute('aria-labelledby')}: ${text.textContent}`);
    }
  }
  return outside.slice(0, 5);
}"""
# Pairs of chart marks whose drawn pieces (with their stroke) touch, per chart.
MARKS_TOUCHING = """() => {
  const touching = [];
  for (const svg of document.querySelectorAll('figure.chart svg')) {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    const marks = Array.from(svg.querySelectorAll('a.mark')).map(mark =>
      Array.from(mark.querySelectorAll('circle, line, polygon')).map(piece => {
        const box = piece.getBoundingClientRect();
        const pad = piece.tagName === 'polygon' ? 0 : parseFloat(getComputedStyle(piece).strokeWidth) / 2 * scale;
        return [box.left - pad, box.top - pad, box.right + pad, box.bottom + pad];
      }));
    for (let i = 0; i < marks.length; i++) for (let j = i + 1; j < marks.length; j++) {
      const hit = marks[i].some(a => marks[j].some(b =>
        Math.min(a[2], b[2]) - Math.max(a[0], b[0]) > 0.25 && Math.min(a[3], b[3]) - Math.max(a[1], b[1]) > 0.25));
      if (hit) touching.push(svg.querySelectorAll('a.mark title')[i].textContent + ' / '
                             + svg.querySelectorAll('a.mark title')[j].textContent);
    }
  }
  return touching.slice(0, 5);
}"""


@pytest.mark.parametrize("viewport", sorted(VIEWPORTS))
@pytest.mark.parametrize("corpus", sorted(LAYOUT_REPORTS))
def test_browser_layout_fits_and_reads(browser, rendered, corpus, viewport):
    """Laid out as a reader sees it, at a laptop's and a phone's size; the first screen is saved."""
    records, written = rendered(corpus)
    size = VIEWPORTS[viewport]
    watched = Watched(browser, next(path for path in written if path.name == "audit.html"), viewport=size)
    page = watched.page
    SCREENSHOTS.mkdir(exist_ok=True)
    shot = SCREENSHOTS / f"{corpus}-{size['width']}x{size['height']}.tmp.png"
    page.screenshot(path=str(shot))
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"], "the page scrolls sideways"
    assert page.evaluate(TOO_WIDE, size["width"]) == []
    assert page.evaluate(LABELS_OUTSIDE) == []
    assert page.evaluate(MARKS_TOUCHING) == []
    published = page.locator("table.matrix thead th[data-published]").evaluate_all(
        "cells => cells.map(cell => cell.getAttribute('data-published') || '9999')")
    assert published == sorted(published) and len(published) == len(records["sources"])
    fonts = page.evaluate("() => [document.body, ...document.querySelectorAll('.source-text')]"
                          ".map(element => getComputedStyle(element).fontFamily)")
    assert set(fonts) == {fonts[0]}, "Sources in full is not in the page's font"
    for text in page.locator("article.document[data-format=md] .source-text").all_inner_texts():
        assert not any(line.startswith(("#", "> ", "* ")) or "**" in line for line in text.splitlines()), text[:200]
    watched.assert_quiet()
    watched.context.close()
    if corpus == "demo" and viewport == "laptop" and os.environ.get("CHECKER_UPDATE_SCREENSHOT") == "1":
        (PROJECT / "docs").mkdir(exist_ok=True)
        shutil.copyfile(shot, PROJECT / "docs" / "screenshot.png")


def test_browser_a_very_long_number_wraps(browser, tmp_path):
    """A 400-digit figure and a 300-letter word in a quote, a finding and the source text widen nothing."""
    from checker.audit import run_audit

    corpus, facts = tmp_path / "corpus", tmp_path / "facts"
    corpus.mkdir()
    facts.mkdir()
    (facts / "board.yaml").write_text(PAYLOAD_FACTS, encoding="utf-8")
    long_number, long_word = "1" + "234567890" * 44, "x" * 300
    (corpus / "first.txt").write_text(f"Board\n\nThe transit board has 14 members and {long_number} rules, "
                                      f"code {long_word}.\n", encoding="utf-8")
    (corpus / "second.md").write_text(f"# Notes\n\nThe 11 members of the transit board read *{long_number}* pages.\n",
                                      encoding="utf-8")
    written = write_reports(run_audit(corpus, facts=facts, expectations=None), tmp_path / "out")
    for size in VIEWPORTS.values():
        watched = Watched(browser, next(path for path in written if path.name == "audit.html"), viewport=size)
        assert long_number[:40] in watched.page.inner_text("body")
        assert watched.page.evaluate("document.documentElement.scrollWidth") <= size["width"]
        assert watched.page.evaluate(TOO_WIDE, size["width"]) == []
        watched.assert_quiet()
        watched.context.close()
