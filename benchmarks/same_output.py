"""Digest of every mention checker finds on a fixed set of inputs: proof that a speed change kept the output.

Run:  .venv/bin/python benchmarks/same_output.py [--code DIR] [--mb 5] [--dump FILE]

The inputs are (a) the first --mb MB of benchmarks/speed.py's generated corpus (seed 7, each document
with its own published date), (b) every text of tests/cases/mentions.yaml (with its published date),
(c) every input of ../shared/conformance/recognizers-text/*.jsonl (dates with their reference day),
(d) the seed articles in ../shared/seeds/ with the manifest's published dates, (e) every article of
../shared/newsdev/ (read there, never copied) with its manifest's published date. Every field of every
mention goes into one SHA-256, which is printed (one line per input family, then the total).

To compare with an earlier commit, extract that commit's code and point --code at it; the inputs
always come from this working tree, so both sides read the same texts:

    git archive <commit> checker | tar -x -C /tmp/base
    .venv/bin/python benchmarks/same_output.py --code /tmp/base
    .venv/bin/python benchmarks/same_output.py

--dump writes one JSON line per input (family, input number, mentions) to find what differs;
--against FILE compares this run's lines with such a dump and prints the inputs that differ.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def inputs(megabytes: float):
    """(family, text, published) for every input, in a fixed order."""
    import yaml
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from speed import corpus
    for text, published in corpus(megabytes, 7):
        yield "speed", text, published
    cases = yaml.safe_load((ROOT / "tests" / "cases" / "mentions.yaml").read_text(encoding="utf-8"))["cases"]
    for case in cases:
        published = case.get("published")
        yield "cases", case["text"], None if published is None else str(published)
    seen = set()
    for path in sorted((SHARED / "conformance" / "recognizers-text").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            published = row["reference"][:10] if row.get("reference") else None
            if (row["input"], published) not in seen:
                seen.add((row["input"], published))
                yield "conformance", row["input"], published
    manifest = json.loads((SHARED / "seeds" / "manifest.json").read_text(encoding="utf-8"))
    for document in manifest["documents"]:
        yield "seeds", (SHARED / "seeds" / document["file"]).read_text(encoding="utf-8"), document.get("published")
    for folder in sorted(path for path in (SHARED / "newsdev").iterdir() if (path / "manifest.json").exists()):
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        for document in manifest["documents"]:
            yield "newsdev", (folder / document["file"]).read_text(encoding="utf-8"), document.get("published")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--code", type=Path, default=ROOT, help="folder holding the checker package to run")
    parser.add_argument("--mb", type=float, default=5.0, help="MB of the speed corpus (default 5)")
    parser.add_argument("--dump", type=Path, help="write one JSON line of mentions per input here")
    parser.add_argument("--against", type=Path, help="a --dump of an earlier run: print the inputs whose mentions differ")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(args.code.resolve()))
    from checker.mentions import extract
    from checker.mentions.scan import GRAMMAR_VERSION
    total, families, counts = hashlib.sha256(), {}, {}
    dump = args.dump.open("w", encoding="utf-8") if args.dump else None
    before = args.against.read_text(encoding="utf-8").splitlines() if args.against else None
    differing = 0
    for number, (family, text, published) in enumerate(inputs(args.mb)):
        try:
            found = [mention.as_record() for mention in extract(text, published)]
        except Exception as error:          # a crash is output too: it must not change either
            found = [{"error": f"{type(error).__name__}: {error}"}]
        line = json.dumps([family, number, found], sort_keys=True, default=str)
        total.update(line.encode())
        families.setdefault(family, hashlib.sha256()).update(line.encode())
        counts[family] = counts.get(family, 0) + len(found)
        if dump:
            dump.write(line + "\n")
        if before is not None and (number >= len(before) or before[number] != line):
            differing += 1
            if differing <= 20:
                print(f"differs: {family} #{number}")
    print(f"code: {args.code} (grammar {GRAMMAR_VERSION}, module {sys.modules['checker'].__file__})")
    for family, digest in families.items():
        print(f"{family}: {counts[family]} mentions, {digest.hexdigest()[:16]}")
    print(f"total: {total.hexdigest()}")
    if before is not None:
        print(f"inputs differing from {args.against}: {differing}")
        return 1 if differing else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
