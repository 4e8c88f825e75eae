"""The source reliability table of the HTML report in a real browser: it sorts by a column, under the strict CSP.

Uses the browser set-up of tests/test_browser.py (Debian's chromium; skipped without it unless
CHECKER_REQUIRE_BROWSER=1)."""
from __future__ import annotations

from pathlib import Path

from checker.report import write_reports

try:  # tests/ as a package or as a plain folder on sys.path
    from tests.test_browser import Watched, browser  # noqa: F401  (the fixture)
    from tests.test_consensus import HOMES, catalog, corpus
except ImportError:
    from test_browser import Watched, browser  # noqa: F401
    from test_consensus import HOMES, catalog, corpus


def test_browser_reliability_table_sorts_by_column(browser, tmp_path):  # noqa: F811
    from checker.audit import run_audit

    result = run_audit(corpus(tmp_path), catalog(tmp_path, "    reference: {value: 112}\n"), None, discover=False)
    html = next(path for path in write_reports(result, tmp_path / "out") if path.name == "audit.html")
    watched = Watched(browser, Path(html))
    page = watched.page
    table = page.locator("#reliability-table")
    first_column = lambda: table.locator("tbody tr td:first-child .sid").all_inner_texts()  # noqa: E731
    assert sorted(first_column()) == sorted(HOMES)
    assert first_column()[-1] == "gazette"     # the one the reference contradicts: least reliable, last
    table.locator("th button[data-column='0']").click()
    assert first_column() == sorted(HOMES)
    assert table.locator("th").nth(0).get_attribute("aria-sort") == "ascending"
    table.locator("th button[data-column='0']").click()
    assert first_column() == sorted(HOMES, reverse=True)
    table.locator("th button[data-column='1']").click()   # reliability, lowest first
    assert first_column()[0] == "gazette"
    consensus = page.locator(".finding .consensus li").first.inner_text()
    assert consensus.startswith("Consensus:")
    watched.assert_quiet()
