"""Score checker's mention grammar on held-out Recognizers-Text English specs, beside two baselines.

Run:  .venv/bin/python benchmarks/conformance.py [--data DIR] [--only checker] [--failures FILE]

Data: number_en.jsonl and date_en.jsonl (see the README next to them). One line = one expected
mention (a "positive") or one input where nothing must be found (a "negative").

Scoring (the same shape for every tool; a line that is set apart is scored for no tool):
- Number positive: found when some mention overlaps [start, end) and states exactly the expected
  value: low == high == value_num within 1e-6 relative. Percent lines compare the number without
  "%" (20 for "20%"); currency, dimension, age and temperature lines compare the number only (the
  unit is not scored). A range mention (low != high) never matches a single expected value, with
  one exception: when a comparative stands right before the expected text ("more than 500 years
  old", "over two pounds", but not "over 3 years" = during), the spec scores the bare number while
  checker states the open interval, so one bound equal to the value and the other None counts.
  checker: any mention whose kind is not date counts. quantulum3: any quantity (.span, .value).
- Date positive: found when a kind=date mention overlaps [start, end) and its [low, high] equals
  one expected reading. Readings: for DateTimeModel lines every entry of the value list (the two
  entries of an ambiguous mention are its past and future readings); for parser-level specs the
  "future" and the "past" resolution. type date -> low == high == value. daterange -> low == start
  and high == end - 1 day (the spec's end is exclusive). Leniencies, because the spec is itself
  inconsistent there: when the timex is an explicit day span "(a,b,PnD)" ("from 4 to 22") or the
  end is the reference day ("last 3 years"), high == end is accepted too; for a stated month span
  ("April to June", "jan-feb": PnM timex and a connector in the text) the spec's end is the first
  day of the last month named, so the last day of that month is accepted too; an open bound ("after
  2016", "since August", "before May") must be None, or the reference day for the open end of a
  period reaching to now. An open range may also be stated as its anchor period with a direction:
  "before 2015" as 2015-01-01..2015-12-31 with qualifier less_than/at_most (the range ends the day
  before the anchor starts, or with it for "until"/"by the end of"), "after 2016"/"since August" as
  the anchor with qualifier more_than/at_least. Seasons have no resolution in the spec; they are scored against the
  meteorological season from the timex (SU = Jun 1..Aug 31 of the year, or of the reference
  year or the one before/after when the timex has no year).
  dateparser has no spans: each returned substring is located in the input (every occurrence),
  and its date must equal the value (type date) or the FIRST day of the expected range (that is
  how dateparser names "May 2018" or "2014" with PREFER_DAY_OF_MONTH/MONTH_OF_YEAR = first, so
  this is generous to it); open ranges are never credited to it.
- Negative line: correct when the tool reports nothing of the family the spec model speaks for
  anywhere in the input. A spec model only asserts the absence of its own type ("All 70 of us" has
  no currency, yet 70 is a count), so: NumberModel -> bare numbers (checker kinds number, count,
  ordinal; quantulum3 dimensionless), PercentModel -> percent, CurrencyModel -> money,
  Dimension/Temperature/Age models -> quantities with a unit (checker quantity, and duration for
  age; quantulum3 any physical unit), date specs -> dates (checker kind date; dateparser: any hit).
- A crash of a tool on an input counts as a miss for every line of that input.
- SET_APART lists cases where checker differs on purpose (or the spec resolves to no real value);
  they are counted and printed with their reason, never scored and never silently dropped.
"""
from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import re
import sys
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = ROOT.parent / "shared" / "conformance" / "recognizers-text"
DEFAULT_FAILURES = ROOT / "benchmarks" / "out" / "conformance_failures.jsonl"
TOOLS = ("checker", "quantulum3", "dateparser")

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the scoring module sits beside this script
from conformance_scoring import SET_APART, Found, category, expected_number, score  # noqa: E402


# ---------------------------------------------------------------- tools: input -> list[Found]

def run_checker(text: str, published: str | None) -> list[Found]:
    from checker.mentions import extract
    return [Found(m.start, m.end, m.low, m.high, m.kind, m.value_text, m.unit, m.qualifier)
            for m in extract(text, published)]


def run_quantulum(text: str, published: str | None) -> list[Found]:
    from quantulum3 import parser
    found = []
    for q in parser.parse(text):
        unit, entity = q.unit.name, q.unit.entity.name
        family = ("percent" if unit == "percentage" else "number" if unit == "dimensionless"
                  else "currency" if entity == "currency" else "physical")
        found.append(Found(q.span[0], q.span[1], q.value, q.value, family, q.surface, unit))
    return found


def run_dateparser(text: str, published: str | None) -> list[Found]:
    from dateparser.search import search_dates
    settings = {"PREFER_DAY_OF_MONTH": "first", "PREFER_MONTH_OF_YEAR": "first"}
    if published:
        settings["RELATIVE_BASE"] = dt.datetime.fromisoformat(published)
    found = []
    for substring, when in search_dates(text, languages=["en"], settings=settings) or []:
        day = when.date().isoformat()
        for match in re.finditer(re.escape(substring), text):
            found.append(Found(match.start(), match.end(), day, day, "date", substring))
    return found


RUNNERS = {"checker": run_checker, "quantulum3": run_quantulum, "dateparser": run_dateparser}


# ---------------------------------------------------------------- running a file

@dataclass
class Outcome:
    hits: dict  # tool -> Counter(category -> hits)
    totals: collections.Counter
    seconds: dict
    crashed: dict  # tool -> inputs it raised on
    inputs: int
    chars: int
    apart: list
    failures: list


def evaluate(rows: list[dict], tools: list[str], is_date: bool) -> Outcome:
    apart, scored = [], []
    for row in rows:
        reason = next(((n, r) for n, r, pred in SET_APART if pred(row)), None)
        (apart if reason else scored).append((row, reason))
    inputs = {}
    for row, _ in scored:
        published = row["reference"][:10] if is_date and row.get("reference") else None
        inputs.setdefault((row["input"], published), None)
    seconds, results, crashed = {}, {}, {}
    for tool in tools:
        try:  # warm-up outside the clock: imports, compiled patterns, unit tables
            RUNNERS[tool]("It rose 5% to $3 million on May 4, 2018.", "2018-05-04")
        except Exception:
            pass
        results[tool], started = {}, time.process_time()  # CPU time: per core, robust to a busy machine
        for key in inputs:
            try:
                results[tool][key] = RUNNERS[tool](*key)
            except Exception as error:  # a crash is a miss, never an abort
                results[tool][key] = error
        seconds[tool] = time.process_time() - started
        errors = [e for e in results[tool].values() if isinstance(e, Exception)]
        crashed[tool] = len(errors)
        if errors:
            print(f"warning: {tool} raised on {len(errors)} of {len(inputs)} inputs "
                  f"(counted as misses); first: {type(errors[0]).__name__}: {errors[0]}", file=sys.stderr)
    hits = {tool: collections.Counter() for tool in tools}
    totals, failures = collections.Counter(), []
    for row, _ in scored:
        key = (row["input"], row["reference"][:10] if is_date and row.get("reference") else None)
        cats = (category(row, is_date), Path(row["source"]).name)
        totals.update(cats)
        for tool in tools:
            found = results[tool][key]
            ok = not isinstance(found, Exception) and score(tool, row, found, is_date)
            if ok:
                hits[tool].update(cats)
            elif tool == "checker":
                failures.append(_failure(row, found, is_date))
    return Outcome(hits, totals, seconds, crashed, len(inputs), sum(len(k[0]) for k in inputs),
                   [(row, reason) for row, reason in apart], failures)


def _failure(row: dict, found, is_date: bool) -> dict:
    record = {"file": "dates" if is_date else "numbers", "category": category(row, is_date),
              "source": row["source"], "case": row["case"], "input": row["input"],
              "reference": row.get("reference"), "negative": bool(row.get("negative")),
              "expected": None if row.get("negative") else {
                  "text": row["text"], "start": row["start"], "end": row["end"],
                  "value": row["value"] if is_date else expected_number(row)}}
    if isinstance(found, Exception):
        record["error"] = f"{type(found).__name__}: {found}"
        return record
    if not row.get("negative") and len(row["input"]) > 200:  # long newswire: show the neighbourhood
        found = [f for f in found if f.start < row["end"] + 40 and row["start"] - 40 < f.end]
    record["found"] = [{"kind": f.kind, "text": f.text, "start": f.start, "end": f.end,
                        "low": f.low, "high": f.high, "unit": f.unit, "qualifier": f.qualifier} for f in found]
    return record


# ---------------------------------------------------------------- report

def _pct(hit: int, total: int) -> str:
    return f"{100 * hit / total:5.1f}%" if total else "    -"


def print_table(title: str, outcome: Outcome, tools: list[str], baseline: str) -> None:
    columns = [t for t in ("checker", baseline) if t in tools]
    print(f"\n{title}")
    print(f"  {'category':38} {'cases':>5} " + " ".join(f"{t:>10}" for t in columns))
    names = sorted(outcome.totals, key=lambda c: (c.endswith(".json"), c))
    for index, name in enumerate(names):
        if index and name.endswith(".json") != names[index - 1].endswith(".json"):
            print("  " + "-" * 40)
        cells = " ".join(f"{_pct(outcome.hits[t][name], outcome.totals[name]):>10}" for t in columns)
        print(f"  {name:38} {outcome.totals[name]:>5} {cells}")


def overall(outcome: Outcome, tool: str) -> tuple[int, int]:
    total = sum(n for c, n in outcome.totals.items() if c.endswith(".json"))
    hit = sum(n for c, n in outcome.hits.get(tool, {}).items() if c.endswith(".json"))
    return hit, total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--only", choices=TOOLS, help="run one tool (e.g. checker, skipping the slow baselines)")
    parser.add_argument("--failures", type=Path, default=DEFAULT_FAILURES)
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore")
    sys.path.insert(0, str(ROOT))
    tools = [args.only] if args.only else list(TOOLS)
    files = {False: ("numbers", "number_en.jsonl", "quantulum3"), True: ("dates", "date_en.jsonl", "dateparser")}
    outcomes, failures = {}, []
    for is_date, (label, name, baseline) in files.items():
        rows = [json.loads(line) for line in (args.data / name).read_text(encoding="utf-8").splitlines() if line.strip()]
        run = [t for t in tools if t in ("checker", baseline)]
        outcomes[label] = evaluate(rows, run, is_date)
        failures += outcomes[label].failures
        print_table(f"{label} ({name}) by type, then by spec file", outcomes[label], run, baseline)

    print("\nset apart (not scored; checker differs on purpose, or the spec gives no value):")
    for label, outcome in outcomes.items():
        reasons = collections.Counter(reason for _, reason in outcome.apart)
        print(f"  {label}: set apart: {len(outcome.apart)} cases")
        for (name, why), count in reasons.items():
            texts = ", ".join(sorted({repr(row['text']) for row, r in outcome.apart if r == (name, why)}))
            print(f"    {count:>3} {name}: {why}  [{texts}]")

    print()
    for label, (_, _, baseline) in zip(outcomes, files.values()):
        outcome = outcomes[label]
        parts = []
        for tool in ("checker", baseline):
            if tool in outcome.seconds:
                hit, total = overall(outcome, tool)
                parts.append(f"{tool} {100 * hit / total:.1f}%" + (f" (n={total})" if tool == "checker" else ""))
        print(f"{label}: " + ", ".join(parts))
    print()
    for label, outcome in outcomes.items():
        for tool, seconds in outcome.seconds.items():
            if outcome.crashed.get(tool) == outcome.inputs:
                print(f"throughput {label} {tool}: n/a (raised on every input)")
                continue
            seconds = max(seconds, 1e-9)
            print(f"throughput {label} {tool}: {outcome.inputs / seconds:,.0f} cases/s, "
                  f"{outcome.chars / seconds:,.0f} chars/s ({outcome.inputs} inputs, {seconds:.2f} s CPU)")

    if "checker" in tools:
        args.failures.parent.mkdir(parents=True, exist_ok=True)
        with args.failures.open("w", encoding="utf-8") as out:
            for record in failures:
                out.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
        print(f"\nchecker failures: {len(failures)} lines -> {args.failures}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
