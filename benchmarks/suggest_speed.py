"""How `checker suggest` scales: wall time and peak memory for 100 to 1,000 generated articles.

Run:  .venv/bin/python benchmarks/suggest_speed.py [--sizes 100,200,1000] [--seed 5] [--keep DIR]

Each size is a corpus of benchmarks/cache_speed.py's generated local news with no catalog (every fact is one
discovery finds), and `checker suggest` runs on it in a new process with no stage cache, as a user first runs it.
The generated articles share most of their words ("published", "spokesperson", the county's name), so each
option of a fact reaches nearly every article: the worst case for suggest's trials (checker.trials).
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from cache_speed import make_corpus  # noqa: E402  the generator of cache_speed.py


def run(corpus: Path, out: Path, facts: Path) -> tuple[float, float, str]:
    """(wall seconds, peak MB of the process, its first line) of one `checker suggest` in a new process."""
    command = [sys.executable, "-c", "from checker.cli import main; main()", "suggest", str(corpus),
               "--facts", str(facts), "-o", str(out), "--no-cache"]
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               cwd=out.parent)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if status != 0:
        raise SystemExit(f"checker suggest failed (status {status}):\n{output}")
    return wall, usage.ru_maxrss / 1024, output.splitlines()[0] if output else ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,200,1000", help="Comma-separated article counts.")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="Build the corpora and catalogs here and keep them.")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="checker-suggest-") as temporary:
        work = args.keep or Path(temporary)
        facts = work / "no-facts"
        facts.mkdir(parents=True, exist_ok=True)
        print(f"{'articles':>9}{'wall s':>9}{'s/article':>11}{'peak MB':>9}  written")
        for size in [int(size) for size in args.sizes.split(",")]:
            corpus = work / f"corpus-{size}"
            if not corpus.is_dir():
                make_corpus(corpus, size, args.seed)
            out = work / f"suggested-{size}.yaml"
            out.unlink(missing_ok=True)
            wall, peak, first = run(corpus, out, facts)
            print(f"{size:9d}{wall:9.1f}{wall / size:11.3f}{peak:9.0f}  {first}")
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
