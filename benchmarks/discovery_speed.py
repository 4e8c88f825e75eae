"""What discovery adds to an audit, against what mention extraction costs, as the corpus grows.

    .venv/bin/python benchmarks/discovery_speed.py                     # 1,000, 3,000 and 10,000 documents
    .venv/bin/python benchmarks/discovery_speed.py --documents 1000 3000

On the generated news-like corpus of benchmarks/cache_speed.py (about 2 KB a document), it times, in one
process and without a cache: extraction (checker.mentions.find_mentions), the clause reading
(checker.reading.read_clauses) and discovery (checker.discovery.discover), and prints each in seconds
with discovery's share of extraction and its time per 1,000 documents, so growth with the corpus shows
(linear: the per-1,000 figure stays flat; quadratic: it grows with the corpus).
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def measure(documents: int, seed: int) -> dict[str, float]:
    from cache_speed import make_corpus

    from checker.corpus import load_corpus
    from checker.discovery import discover
    from checker.mentions import find_mentions
    from checker.reading import read_clauses

    with tempfile.TemporaryDirectory() as work:
        folder = Path(work) / "corpus"
        make_corpus(folder, documents, seed)
        docs = load_corpus(folder)
        started = time.perf_counter()
        found = find_mentions(docs)
        extracted = time.perf_counter()
        readings = read_clauses(found, docs)
        read = time.perf_counter()
        observations, facts = discover(found, readings, docs)
        done = time.perf_counter()
    return {"documents": documents, "mentions": len(found), "extract": extracted - started,
            "read": read - extracted, "discover": done - read, "facts": len(facts),
            "observations": len(observations)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, nargs="+", default=[1000, 3000, 10000])
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args(argv)
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    print(f"{'documents':>9} {'mentions':>9} {'extract s':>10} {'read s':>8} {'discover s':>11} "
          f"{'read+disc/extract':>18} {'disc s per 1k docs':>19} {'facts':>6}")
    for count in args.documents:
        row = measure(count, args.seed)
        share = (row["read"] + row["discover"]) / row["extract"]
        print(f"{row['documents']:>9} {row['mentions']:>9} {row['extract']:>10.2f} {row['read']:>8.2f} "
              f"{row['discover']:>11.2f} {share:>17.2f}x {1000 * row['discover'] / count:>19.3f} {row['facts']:>6}",
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
