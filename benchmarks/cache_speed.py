"""What the mention cache buys: a full `run_audit` over 1,000 documents, cold, then after one edit.

Run:  .venv/bin/python benchmarks/cache_speed.py [--documents 1000] [--seed 11] [--repeat 3] [--keep DIR]

The corpus is generated here from our own sentence templates with a seeded random generator
(a fictional county's local news), with a small fact catalog so binding, reconciliation and the
GX rules have real work. Libraries are imported and GX warmed up on a one-document corpus
before timing, so "cold" means a cold mention cache, not a cold interpreter. Each stage of
run_audit is timed by wrapping the stage functions the pipeline looks up at call time.
Each repetition starts from a new corpus folder and an empty cache; the figures are medians, and
CPU seconds are printed too because wall time swings on a machine shared with other work.
Last, an uncached audit of the edited corpus must render the very reports the warm run rendered.
Target: warm run >= 10x faster than the cold one.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

CATALOG = """\
story: marlow-county
title: Marlow County local news (generated)
applies_when: [Marlow]
facts:
  - key: ferry_fleet
    label: Ferries in the county fleet
    kind: count
    unit: ferry
    context: [county, fleet, Marlow]
    changes: any
    range: [0, 200]
  - key: library_branches
    label: Public library branches in the county
    kind: count
    unit: [branch, library]
    context: [library, libraries]
    changes: any
    range: [0, 100]
  - key: bridge_budget
    label: Budget of the new river bridge
    kind: money
    unit: USD
    context: [bridge]
    changes: any
"""

TOWNS = ["Eastbrook", "Lower Vale", "Port Amsel", "Kirrin", "Santo Ilha", "Harrow Point", "Glenmere"]
PEOPLE = ["Anna Keller", "Ravi Okafor", "Ines Moreau", "Mei Tanaka", "Jonas Silva", "Leila Haddad", "Marcus Ortiz"]
NUMBERS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "fifteen", "20", "24"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"]
PROSE = [
    "The decision followed weeks of debate among local officials in {town}.",
    "Residents of {town} gathered outside the hall long before the doors opened.",
    "{person}, who chairs the residents' association, said the plan moved too quickly.",
    "The council did not respond to a request for comment on Friday.",
    "Traffic on the coast road was slower than usual for most of the week.",
    "A spokesperson said further details would be published in {month}.",
    "Shops in {town} reported {number} extra staff for the summer season.",
    "The school in {town} will open {number} new classrooms next year.",
    "Rain is expected to return to the valley by the weekend.",
]
CPU = "CPU, whole run"  # the per-stage table's row of CPU seconds
FACT_SENTENCES = [
    "Marlow County now runs {number} ferries in its fleet, {person} said.",
    "The county library service keeps {number} library branches open on Saturdays.",
    "The new river bridge in {town} will cost ${millions} million, according to the county.",
]


def make_corpus(folder: Path, documents: int, seed: int) -> list[Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    entries = []
    for index in range(documents):
        fill = lambda template: template.format(town=rng.choice(TOWNS), person=rng.choice(PEOPLE),
                                                number=rng.choice(NUMBERS), month=rng.choice(MONTHS),
                                                millions=rng.choice([12, 14, 15, 18]))
        paragraphs = []
        for _ in range(rng.randint(5, 9)):
            sentences = [fill(rng.choice(PROSE)) for _ in range(rng.randint(2, 5))]
            if rng.random() < 0.35:
                sentences.insert(rng.randrange(len(sentences) + 1), fill(rng.choice(FACT_SENTENCES)))
            paragraphs.append(" ".join(sentences))
        title = f"Marlow County notes, item {index}"
        name = f"{index:04d}.txt"
        (folder / name).write_text(title + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
        month, day = 1 + index % 12, 1 + index % 28
        entries.append({"id": f"marlow-{index:04d}", "file": name, "title": title, "outlet": "Marlow Courier",
                        "published": f"2023-{month:02d}-{day:02d}"})
        paths.append(folder / name)
    (folder / "manifest.json").write_text(json.dumps({"documents": entries}, indent=1) + "\n", encoding="utf-8")
    return paths


@contextlib.contextmanager
def stage_timer(stages=None, cpu: dict | None = None):
    """Wrap each stage function run_audit calls (looked up on its module at call time); `stages` is a list of
    (module or class, function name), by default the pipeline's stages. Yields the wall seconds inside each;
    `cpu`, when given, gets this process's CPU seconds inside each (the figure to trust on a busy machine)."""
    from checker import binding, catalog, corpus, findings, mentions, reconcile, rules

    stages = stages or [(corpus, "load_corpus"), (catalog, "load_catalog"), (mentions, "find_mentions"),
                        (binding, "bind"), (reconcile, "reconcile"), (rules, "validate"), (findings, "build_findings")]
    spent: dict[str, float] = defaultdict(float)
    originals = {}
    for module, name in stages:
        original = originals[(module, name)] = getattr(module, name)

        def timed(*args, _original=original, _name=name, **kwargs):
            started, cpu_started = time.perf_counter(), time.process_time()
            try:
                return _original(*args, **kwargs)
            finally:
                spent[_name] += time.perf_counter() - started
                if cpu is not None:
                    cpu[_name] = cpu.get(_name, 0.0) + time.process_time() - cpu_started

        setattr(module, name, timed)
    try:
        yield spent
    finally:
        for (module, name), original in originals.items():
            setattr(module, name, original)


def timed_audit(corpus: Path, facts: Path, expectations: Path, cache: Path | None) -> tuple[float, dict, object]:
    from checker.audit import run_audit

    with stage_timer() as spent:
        started, cpu_started = time.perf_counter(), time.process_time()
        result = run_audit(corpus, facts, expectations, cache_dir=cache)
        records_started = time.perf_counter()
        spent[CPU] = time.process_time() - cpu_started
        records = result.as_records()
        spent["as_records (not in run_audit)"] = time.perf_counter() - records_started
        total = records_started - started
    return total, dict(spent), result


def edit_one(paths: list[Path], ferries: int = 31) -> None:
    """The edit a user makes: one new statement in the middle document, above its others (a second edit with another
    number of `ferries` is one more such statement, never one an audit before has read)."""
    edited = paths[len(paths) // 2]
    edited.write_text(edited.read_text(encoding="utf-8").replace("\n\n", f"\n\nMarlow County now runs {ferries} "
                                                                 "ferries in its fleet, a reader wrote.\n\n", 1),
                      encoding="utf-8")


def command_line_runs(work: Path, documents: int, seed: int, facts: Path, expectations: Path) -> dict[str, float]:
    """The same cold / one-edit pair as a user runs it: `checker audit` in a new process each time, with
    the reports written. Every run also pays for starting Python and importing pandas and Great
    Expectations, which no cache can save; that floor is timed on its own."""
    checker = Path(sys.executable).with_name("checker")
    corpus = work / "corpus-cli"
    paths = make_corpus(corpus, documents, seed + 1)

    def wall(command: list[str]) -> float:
        started = time.perf_counter()
        subprocess.run(command, cwd=work, check=True, stdout=subprocess.DEVNULL)
        return time.perf_counter() - started

    audit = [str(checker), "audit", str(corpus), "--facts", str(facts), "--expectations", str(expectations),
             "--out", str(work / "reports-cli"), "--quiet"]
    floor = wall([sys.executable, "-c", "import checker.audit as a; a._settle_libraries()"])
    cold = wall(audit)
    edit_one(paths)
    warm = wall(audit)
    return {"floor": floor, "cold": cold, "warm": warm}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--repeat", type=int, default=3, help="Cold and warm runs, each on a new corpus and cache.")
    parser.add_argument("--no-cli", action="store_true", help="Skip the end-to-end `checker audit` pair.")
    parser.add_argument("--keep", type=Path, help="Build the corpora and caches in this folder and keep them.")
    args = parser.parse_args(argv)

    from checker.report import render_reports

    with tempfile.TemporaryDirectory(prefix="checker-cache-bench-") as temporary:
        work = args.keep or Path(temporary)
        facts, expectations = work / "facts", work / "expectations"
        facts.mkdir(parents=True, exist_ok=True)
        expectations.mkdir(parents=True, exist_ok=True)
        (facts / "marlow.yaml").write_text(CATALOG, encoding="utf-8")

        warm_up = work / "warm-up"
        make_corpus(warm_up, 1, args.seed)
        timed_audit(warm_up, facts, expectations, work / "cache-warm-up")  # imports, GX context

        runs = []
        for run in range(args.repeat):
            corpus, cache = work / f"corpus-{run}", work / f"cache-{run}"
            paths = make_corpus(corpus, args.documents, args.seed)
            cold, cold_stages, cold_result = timed_audit(corpus, facts, expectations, cache)
            edit_one(paths)
            warm, warm_stages, warm_result = timed_audit(corpus, facts, expectations, cache)
            runs.append((cold, warm, cold_stages, warm_stages))
            print(f"run {run + 1}: cold {cold:5.2f} s, one edit {warm:5.2f} s, {cold / warm:5.1f} x   "
                  f"(CPU {cold_stages[CPU]:5.2f} s / {warm_stages[CPU]:5.2f} s, "
                  f"{cold_stages[CPU] / warm_stages[CPU]:5.1f} x)")
        size = sum(p.stat().st_size for p in paths)
        _, _, uncached = timed_audit(corpus, facts, expectations, None)
        identical = render_reports(uncached) == render_reports(warm_result)
        cli = None if args.no_cli else command_line_runs(work, args.documents, args.seed, facts, expectations)

    def median(values) -> float:
        return statistics.median(list(values))

    cold, warm = median(r[0] for r in runs), median(r[1] for r in runs)
    ratio = median(r[0] / r[1] for r in runs)
    cold_records, warm_records = cold_result.as_records(), warm_result.as_records()
    print(f"\ncorpus: {args.documents} documents, {size / 1e6:.2f} MB; "
          f"{len(cold_records['observations'])} observations, {len(cold_records['findings'])} findings")
    print(f"cold cache : {cold:8.2f} s   (median of {len(runs)})")
    print(f"one edit   : {warm:8.2f} s   (observations now {len(warm_records['observations'])})")
    print(f"speed-up   : {ratio:8.1f} x   (median of the runs' ratios; target >= 10x)")
    print(f"reports after the edit, cached == uncached: {'yes' if identical else 'NO'}")
    if cli:
        floor = cli["floor"]
        print(f"\nend to end, `checker audit` in a new process each (reports written; one run each):")
        print(f"  start-up floor (Python, pandas, Great Expectations): {floor:5.2f} s")
        print(f"  cold {cli['cold']:5.2f} s, one edit {cli['warm']:5.2f} s: {cli['cold'] / cli['warm']:4.1f} x; "
              f"above the floor {cli['cold'] - floor:5.2f} s vs {cli['warm'] - floor:5.2f} s: "
              f"{(cli['cold'] - floor) / max(cli['warm'] - floor, 1e-9):4.1f} x")
    print("\nper stage, median (s)  cold      warm")
    for name in runs[0][2]:
        print(f"  {name:<20} {median(r[2][name] for r in runs):8.3f}  {median(r[3].get(name, 0.0) for r in runs):8.3f}")
    warm_stages = {name: median(r[3].get(name, 0.0) for r in runs) for name in runs[0][3]}
    slowest = max((n for n in warm_stages if "as_records" not in n and n != CPU), key=warm_stages.get)
    print(f"\nwarm run dominated by: {slowest} ({warm_stages[slowest] / warm:.0%} of it)")
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
