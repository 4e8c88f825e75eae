"""Fuzz the grammar and the corpus loader (with the catalog and acceptances loaders): print every crash found.

Run:  .venv/bin/python benchmarks/fuzz.py [--grammar 1000000] [--loader 100000] [--seed 1]
      .venv/bin/python benchmarks/fuzz.py --atheris grammar --grammar 100000   # coverage-guided, if installed

A crash is anything but the expected outcome:
- grammar: `extract(text, published)` raises, or a mention breaks the contract: text[start:end] is not its
  value_text, a bound that is neither None, a finite number within mentions.edges.MAX_MAGNITUDE nor an ISO
  date, low above high, or a record `mentions --format jsonl` cannot write as JSON;
- loader: `load_corpus` (a folder of one or two documents, .txt/.md/.html, with front matter, a manifest,
  symbolic links, byte-order marks, NUL bytes, deep HTML), `load_catalog` or `load_acceptances` raises
  anything but CheckerError, or a CheckerError's line is not one line naming a file.

Inputs are generated from a seeded random grammar of the pieces numbers, dates and documents are made of
(digits with separators and exponents, number words, scales, currency signs, months, fractions, units,
front matter keys, tags), mixed with random characters, so runs are repeatable. With --atheris (atheris
installed: `pip install atheris`, Linux), libFuzzer drives instead, coverage-guided, from the bytes it
mutates; it stops at the first crash and writes it to a crash-* file. Crashes are also written to
benchmarks/out/fuzz_crashes.jsonl (target, input, error, place). The closing line gives inputs, seconds and
crashes per target. Not a test: it runs long (1,000,000 grammar inputs take a while); the suite's
tests/test_bad_input.py runs the same properties with hypothesis and a modest example count.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import random
import shutil
import sys
import tempfile
import time
import traceback
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"

DIGITS = ["0", "1", "7", "12", "2021", "1,000", "94,000", "1.5", "0.08", ".5", "3,5", "1.234.567", "10 000",
          "007", "12,345,678,901,234,567", "100,000,000,000,000,000,000,000,000", "1e309", "1e-400", "2.5e6",
          "9" * 40, "1e", "1,", "1..2", "-3", "\u22124", "+5", "½", "3½", "1/2", "9/11", "24/7", "3:42", "10^20"]
WORDS = ["one", "two", "twelve", "twenty-one", "hundred", "thousand", "million", "billion", "trillion", "dozen",
         "half", "a", "an", "and", "point", "zero", "first", "third", "twenty-fifth", "quarter", "score"]
CONTEXT = ["about", "nearly", "more than", "at least", "up to", "between", "to", "from", "since", "until", "by",
           "ago", "last", "next", "this", "per", "a year", "each", "of", "the", "could", "will", "not", "expected",
           "were", "killed", "injured", "people", "meetings", "km", "miles", "kg", "tonnes", "%", "percent",
           "per cent", "$", "€", "£", "USD", "GBP", "dollars", "years", "months", "days", "hours", "old", "long"]
DATES = ["January", "March", "Sept.", "May", "Monday", "Friday's", "2019", "2024-13-45", "2024-02-30", "31",
         "1st", "3rd", "Q3", "fiscal", "spring", "today", "yesterday", "Christmas", "Easter", "1999-2001",
         "the 1990s", "mid-2020", "0000-00-00", "9999-12-31"]
PUNCT = [",", ".", ";", ":", "-", "\u2013", "\u2014", "(", ")", "'", "\u2019", '"', "/", "\n", "\n\n", "  ", "\t",
         "\u00a0", "\u202f", "?", "!"]


def grammar_text(rng: random.Random) -> str:
    pools = (DIGITS, WORDS, CONTEXT, DATES, PUNCT)
    pieces = []
    for _ in range(rng.randint(1, 24)):
        roll = rng.random()
        if roll < 0.04:
            pieces.append("".join(chr(rng.randint(32, 0x2FFF)) for _ in range(rng.randint(1, 6))))
        elif roll < 0.07:
            pieces.append(str(rng.randint(-10**30, 10**30)))
        elif roll < 0.09:
            pieces.append(repr(rng.uniform(-1e308, 1e308) * rng.choice([1, 1e-300, 10])))
        else:
            pieces.append(rng.choice(rng.choice(pools)))
        pieces.append(rng.choice(["", " ", " ", " ", "-", "\n"]))
    return "".join(pieces)


def check_grammar(text: str, published: str | None) -> None:
    from checker.mentions import extract
    from checker.mentions.edges import MAX_MAGNITUDE
    from checker.mentions.listing import format_mentions

    mentions = extract(text, published)
    for mention in mentions:
        if text[mention.start:mention.end] != mention.value_text or mention.start >= mention.end:
            raise AssertionError(f"span {mention.start}-{mention.end} is not {mention.value_text!r}")
        bounds = [bound for bound in (mention.low, mention.high) if bound is not None]
        for bound in bounds:
            if isinstance(bound, str):
                date.fromisoformat(bound)
            elif not (isinstance(bound, float) and math.isfinite(bound) and abs(bound) <= MAX_MAGNITUDE):
                raise AssertionError(f"bound {bound!r} of {mention.value_text!r}")
        if len(bounds) == 2 and type(bounds[0]) is type(bounds[1]) and bounds[0] > bounds[1]:
            raise AssertionError(f"low above high: {mention.value_text!r} {bounds}")
    for line in format_mentions([m.as_record("fuzz") for m in mentions], "jsonl").splitlines():
        json.loads(line, parse_constant=lambda name: (_ for _ in ()).throw(AssertionError(f"{name} in jsonl")))


# ---------------------------------------------------------------- the loaders

FRONT = ["title: A title", "published: 2024-03-05", "published: 2024-13-45", "published: 2024", "published: [1]",
         "published: 2024-03-05T10:00:00Z", "id: 17", "id: [x]", "outlet: !!python/object/apply:os.system [x]",
         "title: !!binary aGk=", "? [a]\n: b", "{", "- a", "title: \"unclosed", "published: 10000-01-01", "title:"]
TAGS = ["p", "div", "span", "script", "style", "head", "title", "table", "tr", "td", "li", "br", "b", "pre", "!--"]
CATALOG = ["story: s", "story: Bad Id", "facts:", "  - key: k", "    label: L", "    kind: count", "    kind: date",
           "    kind: money", "    unit: [meeting]", "    range: [0, .inf]", "    range: [2024-13-45, 2025]",
           "    range: [1, 2]", "    tolerance: .nan", "    tolerance: 0.1", "    reference: {value: 1e999}",
           "    reference: {source: x}", "    cues: ['{value} x']", "    cues: ['no value']",
           "    label: !!python/object/apply:os.system [x]", "- a", "[", "{", "? [a]\n: b", "    changes: sometimes",
           "    window_days: -1", "    context_scope: everywhere", "  - !!binary aGk=", "    range: [1" + "0" * 400 + ", 2]"]
ACCEPTED = ["- fact: meetings", "  values: [7]", "  reason: checked", "  reason: 2024-13-45", "  expires: 2024-13-45",
            "  expires: 2030-01-01", "  sources: [a, b]", "  by: !!python/object/apply:os.system [x]", "- 1", "{",
            "fact: x", "  values: [.nan]", "  colour: red", "  sources: []", "- fact: Not A Key"]


def html_text(rng: random.Random) -> str:
    depth = rng.choice([1, 3, 10, 300, 3000])
    tags = [rng.choice(TAGS) for _ in range(depth)]
    inner = grammar_text(rng).replace("<", "&lt;")
    opening = "".join(f"<{tag}>" for tag in tags)
    closing = "".join(f"</{tag}>" for tag in reversed(tags)) if rng.random() < 0.8 else ""
    head = rng.choice(["", "<?xml version='1.0' encoding='utf-8'?>", "<!DOCTYPE html>", "<html><head><title>T"])
    return head + opening + inner + closing + rng.choice(["", "&amp;", "&#xFFFFFF;", "&#0;", "<", "]]>"])


def document_bytes(rng: random.Random, suffix: str) -> bytes:
    if rng.random() < 0.15:
        return bytes(rng.randrange(256) for _ in range(rng.randint(0, 80)))
    if suffix == ".html":
        text = html_text(rng)
    else:
        text = grammar_text(rng)
        if suffix == ".md" and rng.random() < 0.7:
            front = "\n".join(rng.choice(FRONT) for _ in range(rng.randint(0, 4)))
            text = f"---\n{front}\n---\n" + text if rng.random() < 0.9 else f"---\n{front}\n" + text
    data = text.encode("utf-8")
    if rng.random() < 0.1:
        data = b"\xef\xbb\xbf" + data
    if rng.random() < 0.1:
        data = data.replace(b"\n", b"\r\n")
    if rng.random() < 0.05:
        data += b"\x00"
    if rng.random() < 0.05:
        data += b"\xff"
    return data


def manifest_text(rng: random.Random, names: list[str]) -> bytes:
    if rng.random() < 0.1:
        return bytes(rng.randrange(256) for _ in range(rng.randint(0, 40)))
    entries = []
    for name in names + rng.choice([[], ["../x.txt"], ["/etc/hostname"], [".hidden.txt"], ["gone.txt"], [""]]):
        entry = {"file": name}
        for field, values in (("id", ["a", "a", 7, None]), ("published", ["2024-05", "2024-02-30", 2024, "soon"]),
                              ("authority", [True, "yes"]), ("title", ["T", ["x"]])):
            if rng.random() < 0.3:
                entry[field] = rng.choice(values)
        entries.append(entry)
    data = rng.choice([{"documents": entries}, {"documents": entries}, {"documents": 1}, entries, {}])
    text = json.dumps(data, indent=rng.choice([None, 1]))
    if rng.random() < 0.1:
        text = text[:rng.randrange(len(text) + 1)]
    return text.encode("utf-8")


def build_corpus(rng: random.Random, folder: Path) -> None:
    names = []
    for index in range(rng.randint(1, 2)):
        suffix = rng.choice([".txt", ".md", ".html", ".htm", ".markdown"])
        name = f"d{index}{suffix}"
        (folder / name).write_bytes(document_bytes(rng, suffix))
        names.append(name)
    roll = rng.random()
    if roll < 0.05:
        os.symlink("loop-b.txt", folder / "loop-a.txt")
        os.symlink("loop-a.txt", folder / "loop-b.txt")
    elif roll < 0.1:
        os.symlink("nowhere.txt", folder / "dangling.txt")
    elif roll < 0.15:
        os.symlink(sys.executable, folder / "outside.txt")
    if rng.random() < 0.4:
        (folder / "manifest.json").write_bytes(manifest_text(rng, names))


def check_loaders(rng: random.Random, folder: Path) -> str:
    """Load one generated input; return which loader was exercised. Raises on a crash."""
    from checker.errors import CheckerError

    roll = rng.random()
    target = "corpus" if roll < 0.8 else "catalog" if roll < 0.9 else "acceptances"
    try:
        if target == "corpus":
            from checker.corpus import load_corpus

            build_corpus(rng, folder)
            documents = load_corpus(folder)
            if not len(documents) or any(not text.strip() for text in documents["text"]):
                raise AssertionError("a document with no text was loaded")
        elif target == "catalog":
            from checker.catalog import load_catalog

            path = folder / "c.yaml"
            path.write_text("\n".join(rng.choice(CATALOG) for _ in range(rng.randint(0, 10))), encoding="utf-8")
            load_catalog(path)
        else:
            from checker.gate.acceptances import load_acceptances

            path = folder / "a.yaml"
            path.write_text("\n".join(rng.choice(ACCEPTED) for _ in range(rng.randint(0, 8))), encoding="utf-8")
            load_acceptances(path)
    except CheckerError as error:
        line = error.one_line()
        if "\n" in line or not error.path:
            raise AssertionError(f"error line {line!r} is not one line naming a file") from None
    return target


# ---------------------------------------------------------------- the run

class Crashes:
    def __init__(self) -> None:
        self.seen: dict[tuple, int] = {}
        OUT.mkdir(parents=True, exist_ok=True)
        self.log = (OUT / "fuzz_crashes.jsonl").open("w", encoding="utf-8")

    def add(self, target: str, data, error: BaseException) -> None:
        frame = traceback.extract_tb(error.__traceback__)[-1] if error.__traceback__ else None
        place = f"{Path(frame.filename).name}:{frame.lineno}" if frame else "?"
        key = (target, type(error).__name__, place)
        self.seen[key] = self.seen.get(key, 0) + 1
        record = {"target": target, "input": data if isinstance(data, str) else repr(data),
                  "error": f"{type(error).__name__}: {error}", "place": place}
        self.log.write(json.dumps(record, ensure_ascii=False) + "\n")
        if self.seen[key] == 1:
            print(f"CRASH {target}: {type(error).__name__} at {place}: {str(error)[:200]}\n  input: "
                  f"{str(record['input'])[:300]!r}", flush=True)

    def count(self, target: str) -> int:
        return sum(n for key, n in self.seen.items() if key[0] == target)


def run_grammar(count: int, seed: int, crashes: Crashes, every: int) -> float:
    rng = random.Random(seed)
    started = time.perf_counter()
    for index in range(count):
        text = grammar_text(rng)
        published = rng.choice([None, "2024-05-01", "2024", "1999-12-31"])
        try:
            check_grammar(text, published)
        except Exception as error:  # noqa: BLE001  what the fuzzer looks for
            crashes.add("grammar", text, error)
        if every and (index + 1) % every == 0:
            print(f"  grammar {index + 1:,} inputs, {time.perf_counter() - started:,.0f} s, "
                  f"{crashes.count('grammar')} crashes", flush=True)
    return time.perf_counter() - started


def run_loaders(count: int, seed: int, crashes: Crashes, every: int) -> tuple[float, dict]:
    rng = random.Random(seed + 1)
    started = time.perf_counter()
    exercised: dict[str, int] = {}
    base = Path(tempfile.mkdtemp(prefix="checker-fuzz-"))
    try:
        for index in range(count):
            folder = base / "corpus"
            if folder.exists():
                shutil.rmtree(folder)
            folder.mkdir()
            try:
                target = check_loaders(rng, folder)
                exercised[target] = exercised.get(target, 0) + 1
            except Exception as error:  # noqa: BLE001
                crashes.add("loader", {"seed_state_index": index, "files": _snapshot(folder)}, error)
            if every and (index + 1) % every == 0:
                print(f"  loader {index + 1:,} inputs, {time.perf_counter() - started:,.0f} s, "
                      f"{crashes.count('loader')} crashes", flush=True)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    return time.perf_counter() - started, exercised


def _snapshot(folder: Path) -> dict:
    files = {}
    for path in sorted(folder.iterdir()):
        if path.is_symlink():
            files[path.name] = "-> " + os.readlink(path)
        elif path.is_file():
            files[path.name] = path.read_bytes()[:2000].decode("utf-8", "replace")
    return files


def run_atheris(target: str, count: int) -> None:
    import atheris

    with atheris.instrument_imports():
        import checker.mentions  # noqa: F401
        import checker.corpus  # noqa: F401
        import checker.catalog  # noqa: F401

    folder = Path(tempfile.mkdtemp(prefix="checker-atheris-"))

    def grammar(data: bytes) -> None:
        provider = atheris.FuzzedDataProvider(data)
        check_grammar(provider.ConsumeUnicodeNoSurrogates(provider.remaining_bytes()), "2024-05-01")

    def loader(data: bytes) -> None:
        from checker.corpus import load_corpus
        from checker.errors import CheckerError

        provider = atheris.FuzzedDataProvider(data)
        suffix = [".txt", ".md", ".html"][provider.ConsumeIntInRange(0, 2)]
        for old in folder.iterdir():
            old.unlink()
        (folder / f"d{suffix}").write_bytes(provider.ConsumeBytes(provider.remaining_bytes()))
        try:
            load_corpus(folder)
        except CheckerError as error:
            if "\n" in error.one_line() or not error.path:
                raise AssertionError(error.one_line()) from None

    options = [sys.argv[0], f"-runs={count}", "-max_len=2000", "-len_control=0"]
    atheris.Setup(options, grammar if target == "grammar" else loader)
    atheris.Fuzz()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--grammar", type=int, default=100_000, help="grammar inputs (default 100,000)")
    parser.add_argument("--loader", type=int, default=10_000, help="loader inputs (default 10,000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--every", type=int, default=0, help="print progress every N inputs")
    parser.add_argument("--atheris", choices=["grammar", "loader"],
                        help="coverage-guided with atheris instead (runs --grammar or --loader inputs)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    if args.atheris:
        run_atheris(args.atheris, args.grammar if args.atheris == "grammar" else args.loader)
        return
    crashes = Crashes()
    grammar_seconds = run_grammar(args.grammar, args.seed, crashes, args.every)
    loader_seconds, exercised = run_loaders(args.loader, args.seed, crashes, args.every)
    print(f"grammar: {args.grammar:,} inputs in {grammar_seconds:,.0f} s, {crashes.count('grammar')} crashes")
    print(f"loader: {args.loader:,} inputs in {loader_seconds:,.0f} s ("
          + ", ".join(f"{name} {n:,}" for name, n in sorted(exercised.items()))
          + f"), {crashes.count('loader')} crashes")
    for (target, kind, place), n in sorted(crashes.seen.items()):
        print(f"  {target}: {kind} at {place} x{n}")


if __name__ == "__main__":
    main()
