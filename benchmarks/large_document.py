"""One large document, audited end to end in a new process: wall time, CPU and peak memory.

Run:  .venv/bin/python benchmarks/large_document.py [--mb 100] [--from DIR] [--keep DIR] [--catalog]

The document is news-like text: paragraphs of benchmarks/cache_speed.py's sentence templates (a
fictional county's local news, seeded), or with --from DIR the .txt files of DIR read in name order and
repeated until the size is reached (e.g. ../shared/newsdev: real articles; nothing is copied into the
project). `checker audit` runs on it with --no-cache in a child process (discovery on; --catalog adds
cache_speed.py's catalog, so binding has work too), and the script prints the child's wall time, CPU
seconds and peak resident memory (getrusage of the child), and the reports written. Targets (issue 12):
100 MB audits to completion, peak RSS under 2 GB.

--stages runs the audit in the child with each stage's function wrapped (load, mentions, reading, binding,
discovery, ..., the records, each report file written) and prints, as each ends, its CPU seconds and the
child's resident memory when it began and ended and at its highest while it ran (sampled every 20 ms):
which stage sets the peak, and how each grows with the document.
"""
from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))


def generated(size: int, seed: int) -> str:
    from cache_speed import FACT_SENTENCES, MONTHS, NUMBERS, PEOPLE, PROSE, TOWNS

    rng = random.Random(seed)
    out, length = [], 0
    while length < size:
        fill = lambda template: template.format(town=rng.choice(TOWNS), person=rng.choice(PEOPLE),  # noqa: E731
                                                number=rng.choice(NUMBERS), month=rng.choice(MONTHS),
                                                millions=rng.choice([12, 14, 15, 18]))
        sentences = [fill(rng.choice(PROSE)) for _ in range(rng.randint(2, 5))]
        if rng.random() < 0.35:
            sentences.insert(rng.randrange(len(sentences) + 1), fill(rng.choice(FACT_SENTENCES)))
        paragraph = " ".join(sentences) + "\n\n"
        out.append(paragraph)
        length += len(paragraph)
    return "".join(out)


def from_folder(folder: Path, size: int) -> str:
    texts = [path.read_text(encoding="utf-8") for path in sorted(folder.rglob("*.txt"))]
    if not texts:
        raise SystemExit(f"no .txt files in {folder}")
    out, length = [], 0
    while length < size:
        for text in texts:
            out.append(text.strip() + "\n\n")
            length += len(out[-1])
            if length >= size:
                break
    return "".join(out)


# The stages --stages times: module, function (each called once per audit, except where noted).
# The per-document stages run through checker.pipeline, which calls mention_tables, reading_tables,
# binding_tables and candidate_tables (find_mentions, read_clauses and bind only where a caller asks for one), and
# cache.frame_of (once per table parsed into a frame).
STAGES = [("checker.corpus", "load_corpus"), ("checker.mentions", "find_mentions"),
          ("checker.mentions", "mention_tables"), ("checker.cache", "frame_of"), ("checker.reading", "reading_tables"),
          ("checker.reading", "readings_in_order"), ("checker.binding", "binding_tables"),
          ("checker.discovery", "candidate_tables"), ("checker.pipeline", "per_document_stages"),
          ("checker.reading", "read_clauses"), ("checker.binding", "bind"), ("checker.discovery", "discover"),
          ("checker.reconcile", "reconcile"), ("checker.references", "mark"), ("checker.rules", "validate"),
          ("checker.findings", "build_findings"), ("checker.consensus", "estimate"),
          ("checker.records", "audit_records"), ("checker.report.html", "view_model"),
          ("checker.atomic", "_stage")]   # _stage: once per report file, as it is rendered and written


def audit_in_stages(arguments: list[str]) -> None:
    """`checker audit ARGUMENTS` in this process, each of STAGES reported on stderr as it ends."""
    import functools
    import importlib
    import os
    import threading

    page = os.sysconf("SC_PAGE_SIZE")
    current = {"stage": None, "peak": 0.0}

    def resident() -> float:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * page / 2**20   # MB as the peak below counts them (MiB)

    def sample() -> None:
        while True:
            current["peak"] = max(current["peak"], resident())
            time.sleep(0.02)

    def wrapped(module, name):
        function = getattr(module, name)

        @functools.wraps(function)
        def stage(*args, **kwargs):
            outer, outer_peak = current["stage"], current["peak"]
            label = f"{module.__name__.removeprefix('checker.')}.{name}"
            if name == "_stage":
                label += f" {args[0].name}"
            current["stage"], began, cpu = label, resident(), time.process_time()
            current["peak"] = began
            try:
                return function(*args, **kwargs)
            finally:
                ended = resident()
                peak = max(current["peak"], ended)
                print(f"  {label:40s} CPU {time.process_time() - cpu:7.1f} s  RSS {began:6,.0f} -> {ended:6,.0f} MB, "
                      f"peak {peak:6,.0f} MB", file=sys.stderr, flush=True)
                current["stage"], current["peak"] = outer, max(outer_peak, peak)
        return stage

    for module_name, name in STAGES:
        module = importlib.import_module(module_name)
        setattr(module, name, wrapped(module, name))
    threading.Thread(target=sample, daemon=True).start()
    from checker.cli import cli

    cli.main(args=["audit", *arguments], prog_name="checker", standalone_mode=True)


def main() -> None:
    if sys.argv[1:2] == ["--audit-in-stages"]:
        audit_in_stages(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=100.0, help="size of the document in MB (default 100)")
    parser.add_argument("--from", dest="source", type=Path, help="repeat the .txt files of this folder")
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--catalog", action="store_true", help="audit with cache_speed.py's catalog as well")
    parser.add_argument("--keep", type=Path, help="write the document and reports here (default: a temp folder)")
    parser.add_argument("--stages", action="store_true",
                        help="print each stage's CPU and resident memory as it ends (the child's stderr)")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="checker-large-"))
    corpus = work / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    size = int(args.mb * 1_000_000)
    text = from_folder(args.source, size) if args.source else generated(size, args.seed)
    (corpus / "large.txt").write_text(text, encoding="utf-8")
    del text
    command = [sys.executable, "-m", "checker", "audit", str(corpus), "--no-cache", "--out", str(work / "reports"),
               "--max-document-size", "0"]
    if args.stages:
        command[1:4] = [str(Path(__file__).resolve()), "--audit-in-stages"]
    if args.catalog:
        from cache_speed import CATALOG

        (work / "catalog.yaml").write_text(CATALOG, encoding="utf-8")
        command += ["--facts", str(work / "catalog.yaml")]
    megabytes = (corpus / "large.txt").stat().st_size / 1e6
    print(f"document: {megabytes:,.1f} MB ({'--from ' + str(args.source) if args.source else 'generated'})",
          flush=True)
    started = time.perf_counter()
    result = subprocess.run(command, cwd=work, stdout=subprocess.PIPE, stderr=None if args.stages else subprocess.PIPE,
                            text=True)
    wall = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"exit {result.returncode}; wall {wall:,.0f} s; CPU {usage.ru_utime + usage.ru_stime:,.0f} s; "
          f"peak RSS {usage.ru_maxrss / 1024:,.0f} MB; {megabytes / wall:.2f} MB/s")
    if not args.stages:
        print("stderr:", result.stderr.strip()[-600:] or "-")
    print("stdout:", "\n".join(result.stdout.strip().splitlines()[:3]) or "-")
    reports = sorted((work / "reports").glob("*")) if (work / "reports").exists() else []
    print("reports:", ", ".join(f"{path.name} {path.stat().st_size / 1e6:,.1f} MB" for path in reports) or "none")


if __name__ == "__main__":
    main()
