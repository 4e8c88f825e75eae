"""Hostile and broken input, through every command as a user runs it: exit 2, one line naming the file,
no traceback, nothing written to --out. Then properties: the grammar, the corpus, catalog and acceptances
loaders and the report writer never fail any other way on generated input.

Each case of BAD is (id, files, command line, what the error line must name). Files are written in a fresh
folder the command runs in: text, bytes, or a Link to make a symbolic link.
"""
from __future__ import annotations

import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.cli import cli
from checker.errors import CheckerError

DOC = "The Orla council held 7 meetings in 2021, the clerk said on Monday.\n"
CATALOG = """\
story: orla
facts:
  - key: meetings
    label: Council meetings
    kind: count
    unit: meeting
"""
SUITE = {"name": "s", "expectations": [{"type": "expect_column_values_to_be_between",
                                        "kwargs": {"column": "low", "min_value": "abc", "mostly": 7},
                                        "meta": {"code": "CK201", "name": "plausibility.range"}}]}
ACCEPTED = "- fact: meetings\n  values: [7]\n  reason: checked\n"


@dataclass(frozen=True)
class Link:
    target: str


def manifest(*entries) -> str:
    return json.dumps({"documents": [dict(entry) for entry in entries]}, indent=1)


def deep(opening: str, closing: str, depth: int = 5000) -> str:
    return opening * depth + closing * depth


OK = {"docs/a.txt": DOC}
OK_CATALOG = {**OK, "cat.yaml": CATALOG}

BAD = [
    # ---- the corpus: documents, manifest, front matter, links
    ("manifest not UTF-8", {**OK, "docs/manifest.json": b'{"documents": [\n{"id": "caf\xe9", "file": "a.txt"}]}'},
     ["audit", "docs"], "docs/manifest.json:2"),
    ("manifest invalid JSON", {**OK, "docs/manifest.json": '{"documents": [\n{"file": "a.txt",}]}'},
     ["gate", "docs"], "docs/manifest.json:2"),
    ("manifest entry outside", {**OK, "outside.txt": DOC, "docs/manifest.json": manifest({"file": "../outside.txt"})},
     ["audit", "docs"], "docs/manifest.json:4"),
    ("manifest entry absolute", {**OK, "docs/manifest.json": manifest({"file": "/etc/hostname"})},
     ["gate", "docs"], "docs/manifest.json:4"),
    ("manifest entry hidden", {**OK, "docs/.draft.txt": DOC, "docs/manifest.json": manifest({"file": ".draft.txt"})},
     ["audit", "docs"], "docs/manifest.json:4"),
    ("manifest entry missing file", {**OK, "docs/manifest.json": manifest({"file": "gone.txt"})},
     ["accept", "conflict:meetings:00000000", "docs", "--reason", "x"], "docs/manifest.json:4"),
    ("manifest not documents", {**OK, "docs/manifest.json": "[1, 2]"}, ["audit", "docs"], "docs/manifest.json"),
    ("manifest file twice", {**OK, "docs/manifest.json": manifest({"file": "a.txt"}, {"file": "./a.txt"})},
     ["audit", "docs"], "docs/manifest.json"),
    ("manifest nested too deeply", {**OK, "docs/manifest.json": deep("[", "]", 100_000)},
     ["audit", "docs"], "docs/manifest.json"),
    ("manifest published not a date", {**OK, "docs/manifest.json": manifest({"file": "a.txt", "published": "2024-13-45"})},
     ["gate", "docs"], "docs/manifest.json:4"),
    ("front matter date 2024-13-45", {"docs/a.md": "---\npublished: 2024-13-45\n---\n" + DOC},
     ["audit", "docs"], "docs/a.md:2"),
    ("front matter invalid YAML", {"docs/a.md": "---\ntitle: [unclosed\n---\n" + DOC},
     ["mentions", "docs/a.md"], "docs/a.md"),
    ("front matter python tag", {"docs/a.md": "---\ntitle: !!python/object/apply:os.system [echo]\n---\n" + DOC},
     ["audit", "docs"], "docs/a.md:2"),
    ("front matter nested too deeply", {"docs/a.md": "---\ntitle: " + deep("[", "]", 20_000) + "\n---\n" + DOC},
     ["gate", "docs"], "docs/a.md"),
    ("symlink loop", {**OK, "docs/b.txt": Link("c.txt"), "docs/c.txt": Link("b.txt")}, ["audit", "docs"],
     "docs/b.txt: a loop of symbolic links"),
    ("dangling symlink", {**OK, "docs/b.txt": Link("nowhere.txt")}, ["gate", "docs"], "docs/b.txt"),
    ("symlink outside the corpus", {**OK, "secret.txt": DOC, "docs/b.txt": Link("../secret.txt")},
     ["audit", "docs"], "docs/b.txt"),
    ("symlink to a folder", {**OK, "more/b.txt": DOC, "docs/more": Link("../more")}, ["suggest", "docs", "-o", "s.yaml"],
     "docs/more"),
    ("binary file", {"docs/a.txt": b"PK\x03\x04\x00\x00binary"}, ["mentions", "docs/a.txt"], "docs/a.txt"),
    ("invalid UTF-8", {"docs/a.txt": b"The council met 7 times \xff\xfe.\n"}, ["audit", "docs"], "docs/a.txt:1"),
    ("empty document", {**OK, "docs/b.txt": "  \n\n"}, ["audit", "docs"], "docs/b.txt"),
    ("HTML without text", {**OK, "docs/b.html": "<html><head><script>var x = 1;</script></head></html>"},
     ["gate", "docs"], "docs/b.html"),
    ("no documents", {"docs/notes.pdf": "x"}, ["audit", "docs"], "docs"),
    ("no such corpus", {}, ["explain", "nowhere"], "nowhere"),
    ("unsupported file type", {"docs/a.pdf": "x"}, ["mentions", "docs/a.pdf"], "docs/a.pdf"),
    ("duplicate document id", {"docs/x/n.txt": DOC, "docs/y/n.md": DOC}, ["audit", "docs"], "docs"),
    ("document over --max-document-size", {"docs/a.txt": DOC * 40}, ["audit", "docs", "--max-document-size", "1kB"],
     "docs/a.txt"),
    ("bad --max-document-size", OK, ["gate", "docs", "--max-document-size", "lots"], "--max-document-size"),
    ("mentions --published not a date", OK, ["mentions", "docs/a.txt", "--published", "2024-02-30"], "2024-02-30"),
    # ---- the catalog
    ("catalog python tag", {**OK, "cat.yaml": CATALOG.replace("Council meetings", "!!python/object/apply:os.system [echo]")},
     ["audit", "docs", "--facts", "cat.yaml"], "cat.yaml:4"),
    ("catalog date 2024-13-45", {**OK, "cat.yaml": CATALOG.replace("kind: count", "kind: date\n    range: [2024-13-45, 2025]")},
     ["gate", "docs", "--facts", "cat.yaml"], "cat.yaml:6"),
    ("catalog range .inf", {**OK, "cat.yaml": CATALOG + "    range: [0, .inf]\n"}, ["audit", "docs", "--facts", "cat.yaml"],
     "cat.yaml:7"),
    ("catalog number beyond float", {**OK, "cat.yaml": CATALOG + "    range: [0, 1" + "0" * 400 + "]\n"},
     ["explain", "docs", "--facts", "cat.yaml"], "cat.yaml:7"),
    ("catalog nested too deeply", {**OK, "cat.yaml": "story: x\nfacts: " + deep("[", "]", 20_000)},
     ["audit", "docs", "--facts", "cat.yaml"], "cat.yaml"),
    ("catalog invalid YAML", {"cat.yaml": "story: x\nfacts: [\n"}, ["suite", "--facts", "cat.yaml", "-o", "s.json"],
     "cat.yaml"),
    ("catalog missing", OK, ["audit", "docs", "--facts", "nope.yaml"], "nope.yaml"),
    ("catalog unknown key", {**OK, "cat.yaml": CATALOG + "    colour: red\n"}, ["suggest", "docs", "--facts", "cat.yaml",
                                                                             "-o", "s.yaml"], "cat.yaml:7"),
    ("catalog not UTF-8", {**OK, "cat.yaml": b"story: caf\xe9\n"}, ["explain", "docs", "--facts", "cat.yaml"], "cat.yaml"),
    # ---- the suites
    ("expectations folder missing", OK_CATALOG, ["audit", "docs", "--facts", "cat.yaml", "--expectations", "nope"],
     "nope"),
    ("suite with a bad argument", {**OK_CATALOG, "ex/s.json": json.dumps(SUITE, indent=1)},
     ["gate", "docs", "--facts", "cat.yaml", "--expectations", "ex"], "ex/s.json:4"),
    ("suite invalid JSON", {**OK_CATALOG, "ex/s.json": '{"name": "s",\n "expectations": [}'},
     ["audit", "docs", "--facts", "cat.yaml", "--expectations", "ex"], "ex/s.json:2"),
    ("suite nested too deeply", {**OK_CATALOG, "ex/s.json": deep("[", "]", 100_000)},
     ["audit", "docs", "--facts", "cat.yaml", "--expectations", "ex"], "ex/s.json"),
    ("suite without a rule code", {**OK_CATALOG, "ex/s.json": json.dumps({"name": "s", "expectations": [
        {"type": "expect_column_values_to_be_between", "kwargs": {"column": "low"}}]})},
     ["gate", "docs", "--facts", "cat.yaml", "--expectations", "ex"], "ex/s.json"),
    # ---- acceptances
    ("acceptances python tag", {**OK_CATALOG, "acc.yaml": "- fact: meetings\n  reason: !!python/object/apply:os.system [x]\n"},
     ["gate", "docs", "--facts", "cat.yaml", "--accepted", "acc.yaml"], "acc.yaml:2"),
    ("acceptances invalid YAML", {**OK_CATALOG, "acc.yaml": "- fact: [meetings\n"},
     ["gate", "docs", "--facts", "cat.yaml", "--accepted", "acc.yaml"], "acc.yaml"),
    ("acceptances date 2024-13-45", {**OK_CATALOG, "acc.yaml": ACCEPTED + "  by: 2024-13-45\n"},
     ["gate", "docs", "--facts", "cat.yaml", "--accepted", "acc.yaml"], "acc.yaml"),
    ("acceptances not a list", {**OK_CATALOG, "acc.yaml": "fact: meetings\n"},
     ["accept", "conflict:meetings:00000000", "docs", "--facts", "cat.yaml", "--accepted", "acc.yaml", "--reason", "x"],
     "acc.yaml:1"),
    ("accept an unknown finding", OK_CATALOG, ["accept", "conflict:meetings:00000000", "docs", "--facts", "cat.yaml",
                                                "--reason", "x"], "conflict:meetings:00000000"),
    ("accept --expires not a date", OK_CATALOG, ["accept", "conflict:meetings:00000000", "docs", "--facts", "cat.yaml",
                                                  "--reason", "x", "--expires", "2024-13-45"], "2024-13-45"),
    # ---- outputs and baselines
    ("--out is a file", {**OK, "out": "not a folder"}, ["audit", "docs", "--out", "out"], "out"),
    ("--out inside a file", {**OK, "taken": "x"}, ["audit", "docs", "--out", "taken/reports"], "taken/reports"),
    ("--out holds audit.json as a folder", {**OK, "out/audit.json/x": "x"}, ["audit", "docs", "--out", "out"],
     "out/audit.json"),
    ("--out holds a hand-edited report", {**OK, "out/audit.md": "my notes"}, ["gate", "docs", "--out", "out"],
     "out/audit.md"),
    ("--out ledger is a folder", {**OK, "out/.checker-written.json/x": "x"}, ["audit", "docs", "--out", "out"],
     "out/.checker-written.json"),
    ("baseline missing", OK, ["gate", "docs", "--baseline", "old.json"], "old.json"),
    ("baseline not JSON", {**OK, "old.json": "{"}, ["gate", "docs", "--baseline", "old.json"], "old.json"),
    ("suite -o exists", {**OK_CATALOG, "s.json": "{}"}, ["suite", "--facts", "cat.yaml", "-o", "s.json"], "s.json"),
    ("suggest -o exists", {**OK, "s.yaml": "x"}, ["suggest", "docs", "-o", "s.yaml"], "s.yaml"),
    ("explain an unknown document", OK_CATALOG, ["explain", "docs", "--facts", "cat.yaml", "--doc", "nobody"],
     "nobody"),
    ("explain without a catalog", OK, ["explain", "docs"], "facts"),
]


def build(folder: Path, files: dict) -> None:
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Link):
            os.symlink(content.target, path)
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes (links not followed): what a failed run must leave alone."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink():
            found[str(path.relative_to(folder))] = os.readlink(path).encode()
        elif path.is_file():
            found[str(path.relative_to(folder))] = path.read_bytes()
    return found


@pytest.fixture(scope="module")
def runner():
    from checker.gate.command import register

    register(cli)
    return CliRunner()


def test_bad_input_table_has_forty_cases_across_every_command():
    assert len(BAD) >= 40
    commands = {arguments[0] for _, _, arguments, _ in BAD}
    assert commands == {"audit", "gate", "accept", "mentions", "suite", "suggest", "explain"}


@pytest.mark.parametrize("files, arguments, named", [case[1:] for case in BAD], ids=[case[0] for case in BAD])
def test_bad_input_is_one_line_naming_the_file_and_exit_2(runner, tmp_path, monkeypatch, files, arguments, named):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    build(tmp_path, files)
    before = tree(tmp_path)
    if arguments[0] in ("audit", "gate") and "--out" not in arguments:
        arguments = [*arguments, "--out", "out"]
    result = runner.invoke(cli, [*arguments, "--no-cache"] if arguments[0] in ("audit", "gate", "accept") else arguments)
    assert result.exit_code == 2, (result.exit_code, result.output)
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("checker: error: "), result.stderr
    assert named in lines[0]
    assert "Traceback" not in result.output and "unexpected" not in lines[0], lines[0]
    assert result.stdout == ""
    assert tree(tmp_path) == before   # no report, no partial file, no temporary file left anywhere


def test_bad_input_unexpected_errors_are_one_line_and_debug_shows_the_traceback(runner, tmp_path, monkeypatch):
    """A failure checker did not foresee (here: a document folder that vanishes mid-run is simulated by a
    loader that raises) is still exit 2 and one line; --debug adds the traceback."""
    import checker.corpus

    def broken(*args, **kwargs):
        raise KeyError("something checker did not expect")

    monkeypatch.chdir(tmp_path)
    build(tmp_path, OK)
    monkeypatch.setattr(checker.corpus, "load_corpus", broken)
    quiet = runner.invoke(cli, ["audit", "docs", "--out", "out"])
    assert quiet.exit_code == 2
    assert quiet.stderr.splitlines() == [
        "checker: error: unexpected KeyError: 'something checker did not expect' (rerun with --debug for the traceback)"]
    loud = runner.invoke(cli, ["audit", "docs", "--out", "out", "--debug"])
    assert loud.exit_code == 2 and "Traceback" in loud.stderr and loud.stderr.splitlines()[-1].startswith("checker: error")
    assert runner.invoke(cli, ["--debug", "audit", "docs", "--out", "out"]).stderr.count("Traceback") == 1
    assert not (tmp_path / "out").exists()


def test_bad_input_gate_exits_2_never_1_on_a_usage_error(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for arguments in (["gate", "--fail-on", "some"], ["gate", "--bogus"], ["accept"], ["audit", "a", "b"]):
        result = runner.invoke(cli, arguments)
        assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1, result.output


def test_bad_input_read_only_out_folder_is_one_line_and_keeps_old_reports(runner, tmp_path, monkeypatch):
    """A folder that cannot be written: chmod when not root; as root, a sysfs folder root cannot write in."""
    monkeypatch.chdir(tmp_path)
    build(tmp_path, OK)
    if os.geteuid() != 0:
        out = tmp_path / "out"
        out.mkdir()
        out.chmod(0o555)
    else:
        out = Path("/sys/kernel")
        if not out.is_dir() or os.access(out, os.W_OK) and _writable(out):
            pytest.skip("no read-only folder to write to here")
    before = sorted(p.name for p in out.iterdir())
    result = runner.invoke(cli, ["audit", "docs", "--out", str(out), "--no-cache"])
    assert result.exit_code == 2, result.output
    assert result.stderr.splitlines() == [
        f"checker: error: {out}: cannot write audit.json: Permission denied "
        "(choose another --out, or make this folder writable)"]
    assert sorted(p.name for p in out.iterdir()) == before


def _writable(folder: Path) -> bool:
    import tempfile

    try:
        handle, name = tempfile.mkstemp(dir=folder)
    except OSError:
        return False
    os.close(handle)
    os.unlink(name)
    return True


# ---------------------------------------------------------------- what is read rather than refused

def test_bad_input_deeply_nested_html_keeps_all_its_text(tmp_path):
    from checker.corpus import load_corpus

    for depth in (300, 10_000):
        page = ("<html><body><p>The council met 4 times.</p>" + "<div>" * depth + "<p>It hired 9 clerks.</p>"
                + "</div>" * depth + "<p>It closed 2 libraries.</p></body></html>")
        (tmp_path / "page.html").write_text(page, encoding="utf-8")
        text = load_corpus(tmp_path / "page.html")["text"][0]
        assert text.split() == "The council met 4 times. It hired 9 clerks. It closed 2 libraries.".split()


def test_bad_input_numbers_beyond_a_float_are_no_values_and_exact_ones_print_as_written(runner, tmp_path):
    page = tmp_path / "edge.txt"
    page.write_text("It cost 1e309 dollars. 100,000,000,000,000,000,000,000,000 people came, with "
                    "12,345,678,901,234,567,890,123,456 cats and 4111111111111111 bees.\n", encoding="utf-8")
    result = runner.invoke(cli, ["mentions", str(page), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["value_text"], r["low"]) for r in records] == [("100,000,000,000,000,000,000,000,000", 1e26)]
    table = runner.invoke(cli, ["mentions", str(page)]).stdout
    assert "100000000000000000000000000" in table and "inf" not in table
    from checker.values import prose_number

    assert prose_number(1e26) == "100,000,000,000,000,000,000,000,000"


@pytest.mark.parametrize("text, values", [
    # a whole number of 15 digits is held exactly by a float: a value, every digit kept
    ("The register holds 123,456,789,101,231 entries.", [("123,456,789,101,231", 123456789101231)]),
    ("The register holds 123456789101231 entries.", [("123456789101231", 123456789101231)]),
    # 15 digits with a fraction, or 16 digits: more than a value keeps, so no value
    ("The register holds 12345678910123.5 entries.", []),
    ("The register holds 1234567891012312 entries.", []),
])
def test_bad_input_long_whole_numbers_are_kept_exactly_or_not_at_all(text, values):
    from checker.mentions import extract

    assert [(m.value_text, m.low) for m in extract(text, "2024-01-01") if m.kind != "date"] == values
    assert all(m.low == m.high for m in extract(text, "2024-01-01"))


# ---------------------------------------------------------------- concurrency

def test_bad_input_two_writers_on_one_folder_never_see_a_hand_edit(tmp_path):
    """Two runs writing their reports to one folder at once (threads stand in for processes: each takes its
    own lock on the folder): none may mistake the other's fresh files for a hand edit."""
    from checker.atomic import write_files_atomic

    errors: list[Exception] = []

    def writer(number: int) -> None:
        for round_ in range(40):
            try:
                write_files_atomic(tmp_path, {name: f"{name} {number} {round_}\n".encode() * 50
                                              for name in ("audit.json", "audit.md", "audit.html")})
            except CheckerError as error:
                errors.append(error)

    threads = [threading.Thread(target=writer, args=(number,)) for number in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sorted(p.name for p in tmp_path.iterdir()) == [".checker-written.json", "audit.html", "audit.json",
                                                          "audit.md"]


# ---------------------------------------------------------------- properties (modest example counts)

WORDS = ["the", "council", "met", "about", "more", "than", "million", "billion", "nearly", "since", "between",
         "and", "to", "of", "per", "cent", "percent", "$", "€", "%", "-", ",", ".", "1e309", "1e", "e", "½",
         "hundred", "thousand", "first", "third", "March", "2021", "Monday", "ago", "years", "last", "\n", "(",
         ")", "'", "\u2019", "/", ":", "0", "00", "007", "1,000", "1.5", "12,345,678,901,234,567", "9/11", "x"]
FRAGMENTS = st.lists(st.one_of(st.sampled_from(WORDS), st.integers(-10**30, 10**30).map(str),
                               st.floats(allow_nan=True, allow_infinity=True).map(repr),
                               st.text(max_size=6)), max_size=40).map(" ".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=FRAGMENTS)
def test_bad_input_grammar_never_fails_and_jsonl_is_always_json(text):
    from checker.mentions import extract
    from checker.mentions.listing import format_mentions

    mentions = extract(text, "2024-05-01")
    assert all(text[m.start:m.end] == m.value_text for m in mentions)
    for line in format_mentions([m.as_record("doc") for m in mentions], "jsonl").splitlines():
        json.loads(line, parse_constant=lambda name: pytest.fail(f"{name} is no JSON"))


# Inputs benchmarks/fuzz.py found crashing, each fixed where it crashed.
FUZZ_FOUND = ["1e9999-12-31-31",   # a day range after an infinite figure: int(inf) in mentions/spans.py
              "thirdMarch next 0years-the 1990s",   # "next 0 years" ended before it began (mentions/dates.py)
              "the next 0 weeks",
              # a value read across a paragraph separator: a raw line break inside a jsonl record (listing.py)
              "\n fiscal Sept.\n.5\u2029 \u2014\n1e +5 \n January-expected-1077597299256 2021\nbillion were "]


@pytest.mark.parametrize("text", FUZZ_FOUND)
def test_bad_input_fuzz_found_inputs_read_without_a_crash(text):
    from checker.mentions import extract

    found = extract(text, "2024-05-01")
    assert all(text[m.start:m.end] == m.value_text for m in found)
    assert all(m.low is None or m.high is None or m.low <= m.high for m in found)
    from checker.mentions.listing import format_mentions

    lines = format_mentions([m.as_record("fuzz") for m in found], "jsonl").splitlines()
    assert len(lines) == len(found) and all(json.loads(line) for line in lines)


FRONT = st.lists(st.sampled_from(["---", "published: 2024-13-45", "published: 2024", "title: x", "id: 7",
                                  "!!python/object/apply:os.system [x]", "- a", "{", ": :", "published: [1]",
                                  "outlet: 2024-01-01", "\t", "published: 10000-01-01"]), max_size=6)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(body=st.one_of(st.binary(max_size=200), FRAGMENTS.map(str.encode)), front=FRONT,
       suffix=st.sampled_from([".txt", ".md", ".html"]),
       listing=st.one_of(st.none(), st.binary(max_size=60), st.sampled_from([
           '{"documents": [{"file": "d.txt"}]}', '{"documents": [{"file": "../x"}]}', '{"documents": 1}',
           '{"documents": [{"file": "a.md", "published": "2024-02-30"}]}'])))
def test_bad_input_corpus_loader_reads_or_refuses_in_one_line(tmp_path_factory, body, front, suffix, listing):
    from checker.corpus import load_corpus

    folder = tmp_path_factory.mktemp("corpus")
    head = ("\n".join(front) + "\n").encode() if front else b""
    (folder / f"a{suffix}").write_bytes(head + body)
    if listing is not None:
        (folder / "manifest.json").write_bytes(listing if isinstance(listing, bytes) else listing.encode())
    try:
        documents = load_corpus(folder)
    except CheckerError as error:
        assert "\n" not in error.one_line() and error.path is not None
    else:
        assert len(documents) == 1 and documents["text"][0].strip()


CATALOG_LINES = st.lists(st.sampled_from([
    "story: s", "facts:", "  - key: k", "    label: L", "    kind: count", "    kind: date", "    range: [0, .inf]",
    "    range: [2024-13-45, 2025]", "    range: [1, 2]", "    unit: [a, b]", "    tolerance: .nan",
    "    reference: {value: 1e999}", "    cues: ['{value} x']", "    label: !!python/object/apply:os.system [x]",
    "- a", "[", "{", "? [a]\n: b", "    changes: sometimes", "  - !!binary aGk=", "    window_days: -1"]), max_size=12)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=CATALOG_LINES)
def test_bad_input_catalog_loader_reads_or_refuses_in_one_line(tmp_path_factory, lines):
    from checker.catalog import load_catalog

    read_or_refuse(load_catalog, tmp_path_factory.mktemp("catalog") / "c.yaml", lines)


def read_or_refuse(load, path: Path, lines: list[str]) -> None:
    """`load` reads the file made of `lines`, or refuses it with one line naming it; nothing else."""
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    try:
        load(path)
    except CheckerError as error:
        assert "\n" not in error.one_line() and error.path == str(path)


ACCEPTANCE_LINES = st.lists(st.sampled_from([
    "- fact: meetings", "  values: [7]", "  reason: checked", "  reason: 2024-13-45", "  expires: 2024-13-45",
    "  expires: 2030-01-01", "  sources: [a, b]", "  by: !!python/object/apply:os.system [x]", "- 1", "{", "fact: x",
    "  values: [.nan]", "  colour: red"]), max_size=8)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=ACCEPTANCE_LINES)
def test_bad_input_acceptances_loader_reads_or_refuses_in_one_line(tmp_path_factory, lines):
    from checker.gate.acceptances import load_acceptances

    read_or_refuse(load_acceptances, tmp_path_factory.mktemp("accepted") / "a.yaml", lines)
