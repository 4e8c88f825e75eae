"""The Spark engine against the pandas engine on generated corpora: wall time, and the findings compared.

Run (in the Spark venv, which `python3 dev.py spark-test` makes):
    .venv-spark/bin/python benchmarks/spark_scale.py [--documents 1000 3000] [--master local[2]] [--seed 11]

For each size it generates benchmarks/cache_speed.py's local news (about 2 KB of text a document, a 4 KB block on
disk; with its small catalog), then runs `checker audit --no-cache` as a new process on each engine: pandas on one
process (--jobs 1), and Spark on MASTER. Each command is timed whole (start-up included: the JVM's and Python
workers' for Spark; its CPU is the driver process's alone) and the per-document stages on their own, in one process
(Spark's session already up, its workers warm, as a long-running driver would see them), with the CPU of the whole
process tree (the JVM and the Python workers too). Last, the two engines' audit.json and audit.md must be
byte-identical: "findings identical" says whether they are.

On a machine shared with other work wall times swing; CPU seconds of the driver process are printed too.
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _generator():
    spec = importlib.util.spec_from_file_location("cache_speed", ROOT / "benchmarks" / "cache_speed.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def command(corpus: Path, facts: Path, out: Path, engine: str, master: str) -> tuple[float, float]:
    """Wall and CPU seconds (the process and its children: Spark's JVM and workers) of one `checker audit`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "checker", "audit", str(corpus), "--facts", str(facts), "--expectations",
                    str(out.parent / "no-suites"), "--out", str(out), "--no-cache", "--quiet", "--engine", engine,
                    "--spark-master", master, *(["--jobs", "1"] if engine == "pandas" else [])],
                   check=True, env={**os.environ, "GX_ANALYTICS_ENABLED": "False"})
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def tree_cpu() -> float:
    """CPU seconds (user + system) of this process and every live process under it: Spark's JVM and its
    Python workers, which no parent reaps while the session lives. 0 where /proc is not there."""
    parents, spent = {}, {}
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        parents[int(entry.name)], spent[int(entry.name)] = int(fields[1]), int(fields[11]) + int(fields[12])
    tree, grew = {os.getpid()}, True
    while grew:
        grown = tree | {pid for pid, parent in parents.items() if parent in tree}
        grew, tree = grown != tree, grown
    return sum(spent.get(pid, 0) for pid in tree) / os.sysconf("SC_CLK_TCK")


def stages(corpus: Path, facts: Path, master: str) -> dict[str, tuple[float, float]]:
    """(wall, CPU) seconds of the per-document stages alone, in this process: pandas on one process, then
    Spark (a first job to start its workers, not counted; CPU of the JVM and the workers counted)."""
    from checker import spark
    from checker.catalog import load_catalog
    from checker.corpus import load_corpus
    from checker.pipeline import per_document_stages

    catalog = load_catalog(facts)
    started, cpu = time.perf_counter(), tree_cpu()
    documents = load_corpus(corpus)
    per_document_stages(documents, catalog, jobs=1)
    figures = {"pandas": (time.perf_counter() - started, tree_cpu() - cpu)}
    session = spark.session(master)
    spark.stage_on_spark(session, corpus, lambda: catalog)  # warms the workers
    started, cpu = time.perf_counter(), tree_cpu()
    documents, tables = spark.stage_on_spark(session, corpus, lambda: catalog)
    spark.frames(tables)
    figures["spark"] = (time.perf_counter() - started, tree_cpu() - cpu)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, nargs="+", default=[1000, 3000])
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)
    try:
        import pyspark  # noqa: F401
    except ImportError:
        print("needs pyspark: run it with .venv-spark/bin/python (python3 dev.py spark-test makes it)")
        return 2
    generator = _generator()
    print(f"pandas engine (--jobs 1) vs Spark {args.master}, `checker audit --no-cache` as a new process, "
          f"{os.cpu_count()} cores")
    print(f"{'':>15} | {'checker audit, a new process':^37} | {'per-document stages alone (wall, CPU)':^43} |")
    print(f"{'documents':>9} {'MB':>5} | {'pandas wall':>11} {'cpu':>6} | {'spark wall':>10} {'cpu':>6} | "
          f"{'pandas':>13} {'spark':>13} {'wall ratio':>11} | findings identical")
    for count in args.documents:
        with tempfile.TemporaryDirectory() as work:
            work = Path(work)
            paths = generator.make_corpus(work / "corpus", count, args.seed)
            megabytes = sum(path.stat().st_size for path in paths) / 1e6
            facts = work / "facts.yaml"
            facts.write_text(generator.CATALOG, encoding="utf-8")
            (work / "no-suites").mkdir()   # no suite: the built-in rules
            pandas_wall, pandas_cpu = command(work / "corpus", facts, work / "pandas", "pandas", args.master)
            spark_wall, spark_cpu = command(work / "corpus", facts, work / "spark", "spark", args.master)
            same = all((work / "pandas" / name).read_bytes() == (work / "spark" / name).read_bytes()
                       for name in ("audit.json", "audit.md"))
            alone = stages(work / "corpus", facts, args.master)
            print(f"{count:>9} {megabytes:>5.1f} | {pandas_wall:>10.1f}s {pandas_cpu:>5.1f}s | {spark_wall:>9.1f}s "
                  f"{spark_cpu:>5.1f}s | {alone['pandas'][0]:>5.1f}s {alone['pandas'][1]:>5.1f}s "
                  f"{alone['spark'][0]:>5.1f}s {alone['spark'][1]:>5.1f}s {alone['pandas'][0] / alone['spark'][0]:>10.2f}x"
                  f" | {'yes' if same else 'NO'}", flush=True)
            if not same:
                return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
