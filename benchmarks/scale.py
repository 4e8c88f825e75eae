"""How an audit scales: wall time, CPU time and peak memory for 1,000 to 30,000 generated articles.

Run:  .venv/bin/python benchmarks/scale.py [--sizes 1000,3000,10000] [--jobs N] [--seed 11] [--keep DIR] [--check]
                                          [--edits 3] [--rounds 1]

For each size, a corpus of benchmarks/cache_speed.py's generated local news (about 2 KB of text an article, a
4 KB block on disk: 10,000 articles are 19.4 MB of text, 41 MB on disk; with its catalog; discovery on) is
audited three times, each time in a new process, as a user runs `checker audit` with the stage cache and the
reports written (checker's bytecode compiled first, as an installed package's is, and each process ending as
the command line's does: checker.cli.leave):
- cold:  an empty cache;
- warm:  again, nothing changed;
- edit:  after one new statement in one article (the re-audit a data team runs on every update): `--edits` times
         (default 3), each a new statement above the last, the run of the median wall time shown (and the spread).
Each run prints its wall time, its CPU time (user + system, the pool's workers included), the peak
resident memory of its largest process (what the operating system reports for the run: "peak MB") and the
peak of all its processes together, shared pages counted once ("all MB", sampled from /proc), and per stage
the wall and CPU seconds spent inside it (CPU of the audit's own process: a pool's workers are in the run's
CPU only). From 300 articles on two cores the rules run in a second process and the consensus in a third
(checker.audit): their stages (validate, estimate) are then missing from the table, and `result` is the time
this process waited for the rules. Last, the ratios a reader asks for: cold/edit, and each size against the one before it.
`--check` also audits with no cache before and after the edits, and compares the reports' bytes: cold and warm
with the first, the last edit's with the second (exit 1 if any differs). `--rounds N` (default 1) audits each size
N times over, cold (an empty cache and no reports), warm and edits: the cold/edit ratio of each round is printed,
and the table is the round of their median. A round's cold run and its edits follow one another within a minute
or two, where the machine's load moved each run's wall time by a tenth or more from one minute to the next.

Figures swing on a machine shared with other work: compare CPU seconds, and runs made the same way.
`--spark [MASTER]` prints the pandas engine against the Spark engine instead (benchmarks/spark_scale.py).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from cache_speed import CATALOG, edit_one, make_corpus, stage_timer  # noqa: E402  the generator and edit of cache_speed.py

# The functions run_audit and the CLI look up at call time: wrapped in the child to time each stage.
STAGES = [("checker.corpus", "load_corpus"), ("checker.pipeline", "per_document_stages"),
          ("checker.mentions", "mention_tables"), ("checker.reading", "reading_tables"),
          ("checker.binding", "binding_tables"), ("checker.discovery", "candidate_tables"),
          ("checker.discovery", "discover"), ("checker.reconcile", "reconcile"), ("checker.references", "mark"),
          ("checker.rules", "validate"), ("checker.processes", "Prepared.result"), ("checker.findings", "build_findings"),
          ("checker.consensus", "estimate"),
          ("checker.audit", "AuditResult.as_records"), ("checker.report", "render_reports"),
          ("checker.atomic", "write_files_atomic")]


def child(corpus: str, facts: str, out: str, cache: str, jobs: int | None, timings: str) -> None:
    """One `checker audit` as the CLI runs it, each stage timed (wall seconds inside it)."""
    import importlib

    owners = []
    for module_name, name in STAGES:
        module = importlib.import_module(module_name)
        owners.append((getattr(module, name.split(".")[0]), name.split(".")[1]) if "." in name else (module, name))
    from checker.audit import run_audit
    from checker.collector import fewer_collections
    from checker.report import write_reports

    cpu: dict[str, float] = {}
    with stage_timer(owners, cpu) as spent:
        started, cpu_started = time.perf_counter(), time.process_time()
        result = run_audit(corpus, facts, None, cache_dir=cache or None, jobs=jobs)
        with fewer_collections():     # as the CLI writes them: lazy records, the collector run less often
            records = result.as_records(lazy=True)
            del result   # as the CLI lets the audit's tables go before the writing
            written = write_reports(records, out, jobs=jobs)
        spent["total in process"] = time.perf_counter() - started
        cpu["total in process"] = time.process_time() - cpu_started
    spent["_cpu"] = cpu
    spent["_report_bytes"] = sum(Path(path).stat().st_size for path in written)
    spent["_html_bytes"] = Path(out, "audit.html").stat().st_size
    spent["_files"] = len(written)
    Path(timings).write_text(json.dumps(spent), encoding="utf-8")


def _tree_pss_mb(root: int) -> float:
    """Proportional memory (Pss: shared pages split among the processes sharing them) of a process and its
    descendants, from /proc; 0 where /proc is not there."""
    parents = {}
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            parents[int(entry.name)] = int(fields[1])
        except (OSError, ValueError, IndexError):
            continue
    tree, grew = {root}, True
    while grew:
        grown = tree | {pid for pid, parent in parents.items() if parent in tree}
        grew, tree = grown != tree, grown
    total = 0.0
    for pid in tree:
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += float(line.split()[1]) / 1024
        except OSError:
            continue
    return total


def run(corpus: Path, facts: Path, out: Path, cache: Path, jobs: int | None, work: Path) -> dict:
    """A new process; its wall time here, its CPU and peak memory from the kernel's accounting of it, and the
    peak of the whole process tree's proportional memory, sampled (a pool's workers share pages)."""
    import threading

    timings = work / "timings.json"
    command = [sys.executable, str(Path(__file__).resolve()), "--child", str(corpus), str(facts), str(out), str(cache),
               str(jobs or 0), str(timings)]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    peak, done = [0.0], threading.Event()

    def sample():
        while not done.wait(0.25):
            peak[0] = max(peak[0], _tree_pss_mb(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
    if status != 0:
        raise SystemExit(f"the audit failed (status {status}): {' '.join(command)}")
    stages = json.loads(timings.read_text(encoding="utf-8"))
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mb": usage.ru_maxrss / 1024,
            "tree_mb": peak[0], "stages": stages}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,3000,10000", help="Comma-separated article counts.")
    parser.add_argument("--jobs", type=int, default=None, help="checker's --jobs (default: the cores available).")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--keep", type=Path, help="Build corpora, caches and reports here and keep them.")
    parser.add_argument("--edits", type=int, default=3,
                        help="Edits audited one after another, each one new statement (the median shown; default 3).")
    parser.add_argument("--rounds", type=int, default=1,
                        help="Cold, warm and edits this many times a size, from an empty cache each (the round of "
                             "the median cold/edit ratio shown, with every round's ratio; default 1).")
    parser.add_argument("--check", action="store_true",
                        help="Also audit with no cache (before and after the edits) and compare every report's bytes "
                             "with the cold, warm and edit runs'; exit 1 if any differs.")
    parser.add_argument("--spark", metavar="MASTER", nargs="?", const="local[2]",
                        help="Instead: the pandas engine against Spark on MASTER (default local[2]) at these sizes, "
                             "the findings compared (benchmarks/spark_scale.py; run with .venv-spark/bin/python).")
    parser.add_argument("--child", nargs=6, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.spark:
        from spark_scale import main as spark_main

        return spark_main(["--documents", *args.sizes.split(","), "--master", args.spark, "--seed", str(args.seed)])
    if args.child:
        corpus, facts, out, cache, jobs, timings = args.child
        child(corpus, facts, out, cache, int(jobs) or None, timings)
        from checker.cli import leave

        leave(0)   # the process ends as `checker audit`'s does (checker.cli.leave), not tearing the interpreter down
    # checker's modules compiled to bytecode first, as an installed package's are (pip compiles them; Python writes
    # them at the first import, unless PYTHONDONTWRITEBYTECODE is set, as on some machines: then every new process
    # compiled all of checker again, a tenth of a second of each re-audit)
    import compileall

    compileall.compile_dir(str(HERE.parent / "checker"), quiet=1)
    sizes = [int(size) for size in args.sizes.split(",")]
    results, failed = {}, False
    with tempfile.TemporaryDirectory(prefix="checker-scale-") as temporary:
        work = args.keep or Path(temporary)
        facts = work / "facts"
        facts.mkdir(parents=True, exist_ok=True)
        (facts / "marlow.yaml").write_text(CATALOG, encoding="utf-8")
        for size in sizes:
            corpus, cache, out = work / f"corpus-{size}", work / f"cache-{size}", work / f"reports-{size}"
            paths = make_corpus(corpus, size, args.seed)
            megabytes = sum(path.stat().st_size for path in paths) / 1e6
            differ, rounds = [], []
            for round_number in range(max(1, args.rounds)):
                if round_number:   # cold again: no cache, no reports
                    shutil.rmtree(cache, ignore_errors=True)
                    shutil.rmtree(out, ignore_errors=True)
                check = args.check and not round_number
                runs = {"cold": run(corpus, facts, out, cache, args.jobs, work)}
                if check:
                    cold_reports = _reports(out)
                    run(corpus, facts, work / f"uncached-{size}", "", args.jobs, work)
                    differ += _differ("cold", cold_reports, "no cache", _reports(work / f"uncached-{size}"))
                runs["warm"] = run(corpus, facts, out, cache, args.jobs, work)
                if check:
                    differ += _differ("cold", cold_reports, "warm", _reports(out))
                edits = []
                for number in range(max(1, args.edits)):
                    edit_one(paths, 31 + round_number * max(1, args.edits) + number)   # each a statement never read
                    edits.append(run(corpus, facts, out, cache, args.jobs, work))
                # the edit of the median wall time: one run swings with what else the machine does
                runs["edit"] = sorted(edits, key=lambda figures: figures["wall"])[len(edits) // 2]
                if check:
                    run(corpus, facts, work / f"uncached-{size}", "", args.jobs, work)
                    differ += _differ("edit", _reports(out), "no cache", _reports(work / f"uncached-{size}"))
                rounds.append((runs["cold"]["wall"] / runs["edit"]["wall"], runs, edits))
            ratios = [ratio for ratio, _, _ in rounds]
            _, runs, edits = sorted(rounds, key=lambda each: each[0])[len(rounds) // 2]
            results[size] = runs
            print(f"\n{size} articles ({megabytes:.1f} MB), jobs {args.jobs or 'default'}:")
            print(f"  {'run':<6}{'wall s':>9}{'CPU s':>9}{'peak MB':>9}{'all MB':>8}{'reports MB':>12}{'html MB':>9}"
                  f"{'files':>7}")
            for name, figures in runs.items():
                stages = figures["stages"]
                print(f"  {name:<6}{figures['wall']:9.1f}{figures['cpu']:9.1f}{figures['rss_mb']:9.0f}{figures['tree_mb']:8.0f}"
                      f"{stages['_report_bytes'] / 1e6:12.1f}{stages['_html_bytes'] / 1e6:9.1f}{stages['_files']:7d}")
            print(f"  cold / edit: wall {runs['cold']['wall'] / runs['edit']['wall']:.1f}x, "
                  f"CPU {runs['cold']['cpu'] / runs['edit']['cpu']:.1f}x"
                  + (f" (edit: the median of {len(edits)}, wall {min(e['wall'] for e in edits):.2f} to "
                     f"{max(e['wall'] for e in edits):.2f} s)" if len(edits) > 1 else ""))
            if len(rounds) > 1:
                print(f"  rounds: cold / edit wall {', '.join(f'{ratio:.1f}x' for ratio in ratios)} (the table's: the "
                      f"median, {sorted(ratios)[len(ratios) // 2]:.1f}x)")
            if args.check:
                print("  reports: " + ("; ".join(differ) if differ else
                                       "cold, warm and edit byte-identical to an audit with no cache"))
            print(f"  per stage, seconds inside it  {'wall':>24}{'CPU (this process)':>26}")
            print(f"    {'':<23}" + "".join(f"{name:>8}" for name in runs) * 2)
            for _, name in STAGES + [(None, "total in process")]:
                name = name.split(".")[-1]   # as stage_timer names it
                if any(name in figures["stages"] for figures in runs.values()):
                    print(f"    {name:<23}" + "".join(f"{figures['stages'].get(name, 0.0):8.2f}"
                                                   for figures in runs.values())
                          + "".join(f"{figures['stages']['_cpu'].get(name, 0.0):8.2f}" for figures in runs.values()))
            failed = failed or bool(differ)
            sys.stdout.flush()
    if len(sizes) > 1:
        print("\ncold, each size against the one before it:")
        for before, after in zip(sizes, sizes[1:]):
            a, b = results[before]["cold"], results[after]["cold"]
            print(f"  {after} / {before} articles ({after / before:.1f}x the data): wall {b['wall'] / a['wall']:.2f}x, "
                  f"CPU {b['cpu'] / a['cpu']:.2f}x, peak memory {b['rss_mb'] / a['rss_mb']:.2f}x")
    return 1 if failed else 0


def _reports(folder: Path) -> dict[str, str]:
    """The digest of every report file in `folder` (checker's ledger of what it wrote left out). Digests, not the
    bytes: a process's peak memory is carried across exec, and Python starts a child with vfork, so every audit
    started while this process held 160 MB of reports measured a peak no lower than this process's own."""
    import hashlib

    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(folder.iterdir())
            if path.name != ".checker-written.json"}


def _differ(name_a: str, a: dict[str, str], name_b: str, b: dict[str, str]) -> list[str]:
    """What differs between two sets of reports, in a line each ([] when byte-identical)."""
    names = sorted(set(a) | set(b))
    return [f"{name_a} and {name_b} differ in {name}" for name in names if a.get(name) != b.get(name)]


if __name__ == "__main__":
    sys.exit(main())
