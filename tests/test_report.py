"""Reports: the audit.json contract, deterministic output, escaping, and safe atomic writes."""
from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from html import unescape
from pathlib import Path

import pytest

from checker.atomic import LEDGER_NAME, write_files_atomic, write_text_atomic
from checker.errors import CheckerError
from checker.report import render_reports, summary_text, write_reports
from checker.report.chart import timeline
from checker.report.json_report import render_json
from checker.report.model import fact_sections, observation_statuses
from checker.report.gaps import describe_gap
from checker.values import compact_interval
try:  # tests/ as a package (tests/__init__.py) or as a plain folder on sys.path
    from tests.test_report_fixture import PAYLOADS, FixtureResult, audit_fixture
except ImportError:
    from test_report_fixture import PAYLOADS, FixtureResult, audit_fixture

PROJECT = Path(__file__).resolve().parent.parent
REPORTS = {"audit.json", "audit.md", "audit.html"}


def demo_result():
    from checker.audit import run_audit

    return run_audit(None)  # the demo with its own catalog and suite


@pytest.fixture(scope="module")
def demo_records():
    return demo_result().as_records()


@pytest.fixture(params=["fixture", "demo"])
def records(request):
    if request.param == "fixture":
        return audit_fixture(payload=True)
    return request.getfixturevalue("demo_records")


def test_report_json_contract_keys_and_types(records):
    data = json.loads(render_json(records))
    assert data["schema_version"] == 1
    for source in data["sources"]:
        assert {"id", "path", "title", "outlet", "published"} <= set(source)
        assert isinstance(source["id"], str) and isinstance(source["path"], str)
    for observation in data["observations"]:
        assert {"id", "source", "fact", "value_text", "quote", "start", "end", "low", "high", "unit", "as_of",
                "modality"} <= set(observation)
        assert isinstance(observation["start"], int) and isinstance(observation["end"], int)
        for bound in (observation["low"], observation["high"]):
            assert bound is None or isinstance(bound, (int, float)) or re.fullmatch(r"\d{4}-\d\d-\d\d", bound)
    observation_ids = {o["id"] for o in data["observations"]}
    for finding in data["findings"]:
        assert {"id", "fact", "status", "severity", "observations", "rule", "message"} <= set(finding)
        assert finding["status"] in {"conflict", "change_over_time", "modality_only", "consistent", "single_source"}
        assert set(finding["observations"]) <= observation_ids
    assert set(data["texts"]) == {s["id"] for s in data["sources"]}


def test_report_every_span_matches_its_text(records):
    assert records["observations"]
    for observation in records["observations"]:
        text = records["texts"][observation["source"]]
        assert text[observation["start"]:observation["end"]] == observation["value_text"], observation["id"]


@pytest.mark.parametrize("value, expected", [
    (float("nan"), "null"), (float("inf"), "null"), (3.5, "3.5"), ("2021-06-03", '"2021-06-03"'), (None, "null"),
])
def test_report_json_never_writes_nan(value, expected):
    records = audit_fixture()
    records["observations"][0]["low"] = value
    text = render_json(records)
    assert "NaN" not in text and "Infinity" not in text
    assert json.loads(text)["observations"][0]["low"] == json.loads(expected)


def test_report_json_and_markdown_are_byte_identical_across_runs(demo_records):
    again = demo_result().as_records()
    first, second = render_reports(demo_records), render_reports(again)
    assert first["audit.json"] == second["audit.json"]
    assert first["audit.md"] == second["audit.md"]
    assert first["audit.html"] == second["audit.html"]


def test_report_html_escapes_document_text():
    html = render_reports(audit_fixture(payload=True))["audit.html"]
    assert html.count("<script") == 1  # our own, at the end of the body
    assert "<img" not in html
    assert not re.search(r"""href\s*=\s*["']?\s*javascript:""", html, re.I)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "Council notes &lt;script&gt;alert(3)&lt;/script&gt;" in html


def test_report_html_csp_allows_only_its_own_script_and_style():
    html = render_reports(audit_fixture())["audit.html"]
    csp = unescape(re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html).group(1))
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["img-src"] == "data:"
    script = re.search(r"<script>(.*?)</script>", html, re.S).group(1)
    style = re.search(r"<style>(.*?)</style>", html, re.S).group(1)
    for body, directive in ((script, "script-src"), (style, "style-src")):
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert directives[directive] == f"'sha256-{digest}'"
    assert not re.search(r"""<(link|img|iframe|object)\b|\bsrc=|@import|url\(""", html)
    assert " style=" not in html  # inline style attributes would be blocked by the CSP


def test_report_markdown_bolds_the_value_and_escapes_markup():
    markdown = render_reports(audit_fixture(payload=True))["audit.md"]
    assert "Decisions are taken by **all 14 members** of the transit board" in markdown
    assert not re.search(r"(?<!\\)<(script|img)", markdown)  # every "<" escaped
    assert "\\<script>alert(1)\\</script>" in markdown
    assert "\\[click me\\](javascript:alert(1))" in markdown
    # Rendered as GitHub does (CommonMark with raw HTML allowed), the markup is text, not tags or links.
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").enable("table").render(markdown)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert not re.search(r"<(script|img|iframe|a)\b", html)


HTML_ENTITY = re.compile(r"&(#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);", re.IGNORECASE)
SPACE_BEFORE_PUNCTUATION = re.compile(r"(?<=[^\s|]) +[.,;:!?)]")


def test_report_markdown_of_the_demo_reads_as_plain_text(demo_records):
    """No HTML entity ("-&gt;"), no space before punctuation after a bold value, and a headline to act on."""
    markdown = render_reports(demo_records)["audit.md"]
    assert not HTML_ENTITY.search(markdown), HTML_ENTITY.search(markdown)
    glued = [line for line in markdown.splitlines() if SPACE_BEFORE_PUNCTUATION.search(line)]
    assert glued == []
    unaccepted = sum(1 for f in demo_records["findings"] if f["severity"] in ("critical", "warning")
                     and not f.get("accepted"))
    noun = "discrepancy" if unaccepted == 1 else "discrepancies"
    assert markdown.startswith(f"# Fact-consistency audit: demo\n\n**{unaccepted} {noun} to review**")
    quoted = re.findall(r"\*\*[^*]+\*\*[.,;:]", markdown)
    assert quoted, "a bold value before its punctuation, glued to it"


def test_report_markdown_keeps_the_spacing_of_the_source_around_the_value():
    records = audit_fixture()
    observation = records["observations"][0]
    text = records["texts"][observation["source"]]
    markdown = render_reports(records)["audit.md"]
    before = text[observation["start"] - 1]
    after = text[observation["end"]] if observation["end"] < len(text) else ""
    bold = f"**{observation['value_text']}**"
    assert (" " + bold if before.isspace() else bold) in markdown
    assert (bold + " " if after.isspace() else bold + after) in markdown


def test_report_conflicts_come_first():
    rendered = render_reports(audit_fixture())
    sections = re.findall(r"^## .*\(`(\w+)`\)$", rendered["audit.md"], re.M)
    assert sections == ["board_members", "tram_stops", "line_opened"]
    html_order = re.findall(r'<section class="fact" id="fact-\d+" data-statuses="([^"]+)"', rendered["audit.html"])
    assert html_order == ["conflict consistent", "change_over_time modality_only", "single_source"]


def test_report_conflict_says_which_statements_differ_and_by_how_much():
    board = next(s for s in fact_sections(audit_fixture()) if s["key"] == "board_members")
    conflict = next(f for f in board["findings"] if f["status"] == "conflict")
    assert conflict["details"] == ["s1 14 vs s2 11: differ by 3 (21%)"]


@pytest.mark.parametrize("a, b, kind, expected", [
    ((10, 10), (7, 7), "count", "10 vs 7: differ by 3 (30%)"),
    ((10, None), (3, 7), "count", "≥ 10 vs 3–7: differ by at least 3 (30%)"),
    ((10, 20), (15, 15), "count", "10–20 vs 15: the ranges overlap"),
    ((12, 12), (15, 15), "percent", "12% vs 15%: differ by 3 percentage points (20%)"),
    (("2019-03-01", "2019-03-31"), ("2019-06-10", "2019-06-10"), "date",
     "2019-03 vs 2019-06-10: at least 71 days apart (about 2 months)"),
    (("2019-01-01", "2019-01-01"), ("2021-01-01", "2021-01-01"), "date",
     "2019-01-01 vs 2021-01-01: 731 days apart (about 2.0 years)"),
])
def test_report_describe_gap(a, b, kind, expected):
    low_high = lambda pair: {"low": pair[0], "high": pair[1]}  # noqa: E731
    assert describe_gap(low_high(a), low_high(b), kind) == expected


@pytest.mark.parametrize("low, high, kind, expected", [
    (14.0, 14.0, "count", "14"), (1200, 1200, "count", "1,200"), (85e6, 85e6, "money", "85 million"),
    (1234567, 1234567, "count", "1,234,567"), (12, None, "count", "≥ 12"), (None, 5, "count", "≤ 5"),
    (None, None, "count", "any"), (2.5, 2.5, "percent", "2.5%"), (float("nan"), 3, "count", "≤ 3"),
    ("2019-01-01", "2019-12-31", "date", "2019"), ("2019-03-01", "2019-03-31", "date", "2019-03"),
    ("2019-06-14", "2019-12-13", "date", "2019-06-14 – 2019-12-13"),
])
def test_report_compact_interval(low, high, kind, expected):
    assert compact_interval(low, high, kind) == expected


def test_report_chart_marks_open_bounds_and_forecasts():
    records = audit_fixture()
    stops = next(o for o in records["observations"] if o["source"] == "s3" and o["fact"] == "tram_stops")
    stops.update(low=15.0, high=None, value_text="15 stops")
    section = next(s for s in fact_sections(records) if s["key"] == "tram_stops")
    anchors = {o["id"]: o["id"] for o in records["observations"]}
    chart = timeline(section, observation_statuses(records), anchors, 0)
    by_source = {m["href"].split("/")[1].split("@")[0]: m for m in chart["marks"]}
    assert by_source["s3"]["arrows"] and any(line["open"] for line in by_source["s3"]["lines"])
    assert by_source["s2"]["hollow"] and by_source["s2"]["modality"] == "projected"
    assert by_source["s1"]["circles"] and not by_source["s1"]["arrows"]
    assert chart["title"].startswith("Timeline of Stops on the tram line")


def test_report_accepted_findings_are_counted_apart():
    records = audit_fixture()
    conflict = next(f for f in records["findings"] if f["status"] == "conflict")
    conflict.update(accepted=True, acceptance_reason="the board shrank after a resignation")
    text = summary_text(records, [])
    assert "1 unaccepted, 1 accepted" in text and "(accepted)" in text
    html = render_reports(records)["audit.html"]
    assert "Accepted: the board shrank after a resignation" in html


def test_report_summary_text_lists_conflicts_and_paths(tmp_path):
    result = FixtureResult(audit_fixture())
    written = write_reports(result, tmp_path / "out")
    text = summary_text(result, written)
    assert "conflict 1 · change over time 1 · modality only 1 · consistent 1 · single source 1" in text
    assert "board_members: s1 14 vs s2 11: differ by 3 (21%)" in text
    assert str(tmp_path / "out" / "audit.html") in text


def test_report_writes_all_reports_and_a_ledger(tmp_path):
    written = write_reports(FixtureResult(audit_fixture()), tmp_path / "new" / "out")
    assert {p.name for p in written} == REPORTS
    assert {p.name for p in (tmp_path / "new" / "out").iterdir()} == REPORTS | {LEDGER_NAME}
    ledger = json.loads((tmp_path / "new" / "out" / LEDGER_NAME).read_text())
    for path in written:
        assert ledger[path.name] == hashlib.sha256(path.read_bytes()).hexdigest()


def test_report_rewrites_its_own_unchanged_reports(tmp_path):
    write_reports(audit_fixture(), tmp_path)
    changed = audit_fixture()
    changed["sources"][0]["outlet"] = "Elmbridge Evening Courier"
    write_reports(changed, tmp_path)
    assert "Elmbridge Evening Courier" in (tmp_path / "audit.md").read_text()


@pytest.mark.parametrize("contents", [["same", "same", "other"], ["same", "same", "same"], ["a", "b", "a"]])
def test_report_ledger_vouches_for_every_write_in_a_series(tmp_path, contents):
    """An unchanged file keeps the digest it was checked against; the ledger always matches the bytes."""
    for text in contents:
        write_text_atomic(tmp_path / "one.txt", text)
        ledger = json.loads((tmp_path / LEDGER_NAME).read_text())
        assert ledger["one.txt"] == hashlib.sha256(text.encode()).hexdigest()
    (tmp_path / "one.txt").write_text(contents[-1] + " edited")
    with pytest.raises(CheckerError, match="edited by hand"):
        write_text_atomic(tmp_path / "one.txt", contents[-1])


@pytest.mark.parametrize("edited", sorted(REPORTS))
def test_report_never_overwrites_a_hand_edited_report(tmp_path, edited):
    write_reports(audit_fixture(), tmp_path)
    before = {name: (tmp_path / name).read_bytes() for name in REPORTS}
    (tmp_path / edited).write_bytes(before[edited] + b"\nmy notes\n")
    changed = audit_fixture()
    changed["sources"][0]["outlet"] = "Elmbridge Evening Courier"
    with pytest.raises(CheckerError, match="edited by hand"):
        write_reports(changed, tmp_path)
    for name in REPORTS - {edited}:
        assert (tmp_path / name).read_bytes() == before[name], f"{name} was written in a refused run"
    assert (tmp_path / edited).read_bytes().endswith(b"my notes\n")


def test_report_never_overwrites_a_file_it_did_not_write(tmp_path):
    (tmp_path / "audit.html").write_text("<p>someone's page</p>")
    with pytest.raises(CheckerError, match="not written by checker"):
        write_reports(audit_fixture(), tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["audit.html"]
    assert (tmp_path / "audit.html").read_text() == "<p>someone's page</p>"


@pytest.mark.parametrize("second, then, made", [
    ("same inputs", None, False),                    # kept as it is, never made
    ("other inputs", None, True),
    ("same inputs", "removed", True),                # no file to keep
    ("same inputs", "as bytes before", True),        # written as plain bytes in between: vouched by no inputs
    ("no inputs", None, True),                       # "" never keeps a file
])
@pytest.mark.parametrize("lazy", [False, True])   # inputs given, or a function worked out where the file is made
def test_report_derived_file_is_made_only_when_its_inputs_change(tmp_path, second, then, made, lazy):
    from checker.atomic import Derived

    calls = []

    def derived(inputs: str, text: str) -> Derived:
        return Derived((lambda: inputs) if lazy else inputs, lambda: calls.append(text) or iter([text.encode()]))

    write_files_atomic(tmp_path, {"side.jsonl": derived("d1", "first\n")})
    assert calls == ["first\n"]
    if then == "removed":
        (tmp_path / "side.jsonl").unlink()
    elif then == "as bytes before":
        write_files_atomic(tmp_path, {"side.jsonl": b"first\n"})
    inputs = {"same inputs": "d1", "other inputs": "d2", "no inputs": ""}[second]
    write_files_atomic(tmp_path, {"side.jsonl": derived(inputs, "second\n")})
    assert calls == ["first\n", "second\n"] if made else ["first\n"]
    assert (tmp_path / "side.jsonl").read_text() == ("second\n" if made else "first\n")
    ledger = json.loads((tmp_path / LEDGER_NAME).read_text())
    assert ledger["side.jsonl"] == hashlib.sha256((tmp_path / "side.jsonl").read_bytes()).hexdigest()
    assert ledger.get(".inputs", {}).get("side.jsonl") == (inputs or None if made else "d1")


def _same_size_mtime_kept(path: Path) -> None:   # another text of the same size, its modification time put back
    status = path.stat()
    path.write_text(path.read_text().upper())
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))


@pytest.mark.parametrize("edit", [
    lambda path: path.write_text(path.read_text() + "my notes\n"),
    _same_size_mtime_kept,
])
@pytest.mark.parametrize("beside", [False, True])
def test_report_settled_files_are_vouched_for_by_their_status_and_an_edit_is_still_refused(tmp_path, monkeypatch,
                                                                                            edit, beside):
    # A file found holding what checker wrote, unchanged for SETTLED_NS, is kept by its status (not read) on the next
    # write; an edit by hand gives it another status (its ctime moves even when its size and mtime are put back)
    import time

    import checker.atomic as atomic
    from checker.atomic import Derived

    monkeypatch.setattr(atomic, "SETTLED_NS", 50_000_000)
    read = []
    digest = atomic._file_digest
    monkeypatch.setattr(atomic, "_file_digest", lambda path: read.append(path.name) or digest(path))

    def write():
        files = {"page.html": Derived(lambda: "same", lambda: iter([b"page\n"])), "audit.json": iter([b"{}\n"])}
        write_files_atomic(tmp_path, files, beside=(lambda name: name == "page.html") if beside else None)
        return json.loads((tmp_path / LEDGER_NAME).read_text()).get(".seen", {})

    assert write() == {}   # just written: nothing seen yet
    time.sleep(0.1)
    read.clear()
    seen = write()   # each file read once, found as written and settled
    if not beside:   # (the page is read in another process then)
        assert sorted(read) == ["audit.json", "page.html"]
    assert sorted(seen) == ["audit.json", "page.html"]
    read.clear()
    assert write() == seen and read == []   # kept by their status: neither read
    time.sleep(0.1)
    edit(tmp_path / "page.html")
    with pytest.raises(CheckerError, match="edited by hand"):
        write()
    assert (tmp_path / "page.html").read_text() in ("page\nmy notes\n", "PAGE\n")


def test_report_files_made_beside_are_the_files_made_here(tmp_path):
    from checker.atomic import Derived

    def files():
        return {"one.txt": b"bytes\n", "two.txt": iter([b"made ", b"here\n"]),
                "three.txt": iter([b"made ", b"beside\n"]), "four.txt": Derived("d4", lambda: iter([b"derived\n"]))}

    here = write_files_atomic(tmp_path / "here", files())
    beside = write_files_atomic(tmp_path / "beside", files(), beside=lambda name: name in ("three.txt", "four.txt"))
    first = write_files_atomic(tmp_path / "first", files(), beside=lambda name: name in ("three.txt", "four.txt"),
                               first=lambda name: name in ("two.txt", "four.txt"), ready=lambda: None)
    assert [path.name for path in beside] == [path.name for path in first] == [path.name for path in here]
    for folder in ("beside", "first"):
        assert {p.name: p.read_bytes() for p in (tmp_path / folder).iterdir()} == \
            {p.name: p.read_bytes() for p in (tmp_path / "here").iterdir()}   # the ledger too


_READY = []   # what ready() below set, in the process that called it (a process forked before it lacks it)


def test_report_files_made_first_are_made_while_ready_runs_and_the_rest_after_it(tmp_path):
    """`first`'s files are made by a process forked before `ready()` runs here (they read nothing it works out):
    ready() below returns only once that process made one. The other shared files are made after it (they read
    it), by a process forked then or by this one, which also takes what is left of the first ones."""
    import time

    from checker.atomic import Derived

    log = tmp_path / "made.log"

    def made(name: str):
        def make():
            with log.open("a") as stream:
                stream.write(name + "\n")
            return iter([f"{name} {'after' if _READY else 'before'} ready\n".encode()])
        return Derived(lambda: "", make)

    def ready():
        deadline = time.monotonic() + 30
        while not (log.exists() and log.read_text()) and time.monotonic() < deadline:
            time.sleep(0.01)
        _READY.append(os.getpid())

    files = {name: made(name) for name in ("main", "json", "side-1", "side-2", "page-1", "page-2")}
    try:
        write_files_atomic(tmp_path / "out", files, beside=lambda name: name.startswith(("side", "page")),
                           first=lambda name: name.startswith(("json", "side")), ready=ready)
        assert _READY == [os.getpid()]   # once, here
    finally:
        _READY.clear()
    written = {p.name: p.read_text().split()[1] for p in (tmp_path / "out").iterdir() if p.name != LEDGER_NAME}
    assert {name: when for name, when in written.items() if name in ("main", "page-1", "page-2")} == \
        {"main": "after", "page-1": "after", "page-2": "after"}
    assert "before" in {written[name] for name in ("json", "side-1", "side-2")}
    assert sorted(log.read_text().split()) == sorted(files)   # each made once


@pytest.mark.parametrize("failing", ["ready", "json.txt", "page.txt"])
def test_report_failed_write_with_a_process_first_leaves_nothing_behind(tmp_path, failing):
    def broken():
        yield b"half a file"
        raise OSError(28, "No space left on device")

    def ready():
        if failing == "ready":
            raise OSError(28, "No space left on device")

    files = {"main.txt": iter([b"here\n"]), "json.txt": iter([b"first\n"]), "side.txt": iter([b"first\n"]),
             "page.txt": iter([b"after\n"])}
    if failing != "ready":
        files[failing] = broken()
    with pytest.raises((CheckerError, OSError), match="No space left"):
        write_files_atomic(tmp_path, files, beside=lambda name: name != "main.txt",
                           first=lambda name: name in ("json.txt", "side.txt"), ready=ready)
    assert list(tmp_path.iterdir()) == []   # no report, no ledger, no temp file of any process
    assert not _children(os.getpid())   # every process forked was waited for


def _children(pid: int) -> list[int]:
    try:
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:   # not Linux
        return []


def test_report_derived_files_with_lazy_inputs_made_beside_are_kept_when_their_inputs_stay(tmp_path):
    """A page's inputs worked out in the process that makes it (checker.report.split): the second process keeps
    a file made from the same inputs, unmade, as this one does, and makes one whose inputs changed."""
    from checker.atomic import Derived

    log = tmp_path / "made.log"   # written by whichever process makes a file

    def derived(name: str, inputs: str):
        def make():
            with log.open("a") as stream:
                stream.write(name + "\n")
            return iter([f"{name} from {inputs}\n".encode()])
        return Derived(lambda: inputs, make)

    def write(second: str) -> list[str]:
        log.write_text("")
        files = {"main.txt": b"main\n", **{f"page-{n}.html": derived(f"page-{n}", second if n == 2 else "same")
                                            for n in range(4)}}
        write_files_atomic(tmp_path / "out", files, beside=lambda name: name.startswith("page-"))
        return sorted(log.read_text().split())

    assert write("first") == ["page-0", "page-1", "page-2", "page-3"]
    assert write("second") == ["page-2"]
    assert (tmp_path / "out" / "page-2.html").read_text() == "page-2 from second\n"
    ledger = json.loads((tmp_path / "out" / LEDGER_NAME).read_text())
    assert ledger[".inputs"] == {"page-0.html": "same", "page-1.html": "same", "page-2.html": "second",
                                 "page-3.html": "same"}
    (tmp_path / "out" / "page-1.html").write_text("edited by hand\n")
    with pytest.raises(CheckerError):
        write("second")


@pytest.mark.parametrize("failing", ["three.txt", "two.txt"])   # made beside, made here
def test_report_failed_write_beside_leaves_nothing_behind(tmp_path, failing):
    def broken():
        yield b"half a file"
        raise OSError(28, "No space left on device")

    files = {"one.txt": b"bytes\n", "two.txt": iter([b"here\n"]), "three.txt": iter([b"beside\n"])}
    files[failing] = broken()
    with pytest.raises(CheckerError, match="No space left"):
        write_files_atomic(tmp_path, files, beside=lambda name: name == "three.txt")
    assert list(tmp_path.iterdir()) == []   # no report, no ledger, no temp file of either process


def test_report_derived_file_edited_by_hand_is_never_kept_nor_overwritten(tmp_path):
    from checker.atomic import Derived

    write_files_atomic(tmp_path, {"side.jsonl": Derived("d1", lambda: iter([b"first\n"]))})
    (tmp_path / "side.jsonl").write_text("first\nmy notes\n")
    with pytest.raises(CheckerError, match="edited by hand"):
        write_files_atomic(tmp_path, {"side.jsonl": Derived("d1", lambda: iter([b"first\n"]))})
    assert (tmp_path / "side.jsonl").read_text() == "first\nmy notes\n"


def test_report_atomic_write_leaves_no_temp_files(tmp_path):
    write_text_atomic(tmp_path / "one.txt", "first\n")
    write_text_atomic(tmp_path / "one.txt", "second\n")
    with pytest.raises(TypeError):
        write_files_atomic(tmp_path, {"two.txt": "not bytes"})  # fails while writing the temp file
    assert sorted(p.name for p in tmp_path.iterdir()) == [LEDGER_NAME, "one.txt"]
    assert (tmp_path / "one.txt").read_text() == "second\n"
    assert (tmp_path / "one.txt").stat().st_mode & 0o044  # readable like any report, not a private temp


def test_report_payload_fixture_really_carries_payloads():
    # Guards the escaping tests above against a fixture that lost its payloads.
    texts = "".join(audit_fixture(payload=True)["texts"].values())
    assert all(payload in texts for payload in PAYLOADS)
    quotes = [o["quote"] for o in audit_fixture(payload=True)["observations"]]
    assert any("<script>" in quote for quote in quotes)


def test_report_appendix_marks_each_span_once_even_when_facts_share_it():
    from checker.report.appendix import source_segments

    text = "The board has 14 members and 3 seats."
    shared = {"start": 14, "end": 24, "value_text": "14 members", "fact": "a"}
    observations = [dict(shared, id="a/s@14-24"), dict(shared, id="b/s@14-24", fact="b"),
                    {"id": "c/s@29-36", "start": 29, "end": 36, "value_text": "3 seats", "fact": "c"},
                    {"id": "d/s@0-3", "start": 0, "end": 3, "value_text": "not what the text says", "fact": "d"}]
    segments, anchors = source_segments(0, text, observations, {"a/s@14-24": "conflict"})
    assert "".join(segment["text"] for segment in segments) == text
    marks = [segment for segment in segments if segment["mark"]]
    assert [m["text"] for m in marks] == ["14 members", "3 seats"]
    assert marks[0]["status"] == "conflict" and anchors["a/s@14-24"] == anchors["b/s@14-24"] == marks[0]["id"]
    assert "d/s@0-3" not in anchors  # a span that does not match the text is not marked


def test_report_chart_of_dates_has_date_ticks():
    section = next(s for s in fact_sections(audit_fixture()) if s["key"] == "line_opened")
    chart = timeline(section, {}, {o["id"]: "x" for o in section["observations"]}, 0)
    assert chart["y_label"] == "date"
    assert all(re.fullmatch(r"\d{4}(-\d\d){0,2}", tick["label"]) for tick in chart["y_ticks"])
    assert len(chart["y_ticks"]) >= 2


@pytest.mark.parametrize("low, high, stated_low, stated_high, shown", [
    (90000, 110000, 100000, 100000, (100000, 100000)),   # "about 100,000": the reports quote it as written
    (94000, None, 94000, None, (94000, None)),           # "more than 94,000": meant as stated
    (5.0, 5.0, 5, 5, (5, 5)),                            # equal, but 5 and 5.0 render apart
])
def test_report_statements_show_their_stated_value_once(low, high, stated_low, stated_high, shown):
    # The reports quote each statement's value as stated; records already stated are stated once, whichever
    # report (audit.md, audit.html, a page) asks again, and a value meant as stated keeps its row
    from checker.report.model import as_stated

    row = {"id": "a", "low": low, "high": high, "stated_low": stated_low, "stated_high": stated_high}
    records = {"observations": [row], "sources": []}
    stated = as_stated(records)
    (out,) = stated["observations"]
    assert (out["low"], out["high"]) == shown and tuple(map(type, (out["low"], out["high"]))) == tuple(map(type, shown))
    assert (row["low"], row["high"]) == (low, high)   # audit.json's rows are left as they are
    assert as_stated(stated) is stated and stated["sources"] is records["sources"]
    assert (out is row) == (shown == (low, high) and tuple(map(type, shown)) == (type(low), type(high)))
