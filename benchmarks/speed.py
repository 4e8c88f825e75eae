"""Throughput of mention extraction on a generated news-like English corpus, beside quantulum3.

Run:  .venv/bin/python benchmarks/speed.py [--mb 20] [--sample-kb 200] [--seed 7]
      .venv/bin/python benchmarks/speed.py --against DIR [--pairs 10] [--mb 2]

The corpus is made here from our own sentence templates with a seeded random generator, so every
run sees the same text (nothing is copied from real articles). checker.mentions.extract runs over
every document in this one process (one core); quantulum3 is much slower, so it runs on the first
--sample-kb of the same documents. Figures are megabytes (10**6 bytes of UTF-8) per second of
this process's CPU time, i.e. per core.

--against DIR compares this checker with another one (a folder holding a `checker` package, say an earlier
commit's: `git archive 23e8133 checker | tar -x -C /tmp/ref`) on a machine whose speed drifts: each runs the
same --mb of the corpus in a new process, in turn, --pairs times, and the median of the pairs' ratios is
printed (above 1: this checker is faster). A figure measured once for the other code (on the day its machine
ran at its own speed) times that ratio is this code's figure on that day.
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

FIRST = ["Anna", "Tomas", "Grace", "Ravi", "Ines", "Oluwaseun", "Mei", "Pedro", "Sofia", "Jonas", "Leila", "Marcus"]
LAST = ["Keller", "Okafor", "Lindqvist", "Moreau", "Tanaka", "Silva", "Novak", "Brennan", "Haddad", "Ortiz"]
ORGS = ["the regional council", "the port authority", "Northwind Rail", "the health ministry", "Bluefield Energy",
        "the city's transit agency", "the statistics office", "Harbor Mutual", "the university hospital",
        "the water board", "Crescent Foods", "the national weather service"]
PLACES = ["Eastbrook", "Lower Vale", "Port Amsel", "Kirrin", "the northern districts", "Marlow County", "Santo Ilha"]
NOUNS = ["workers", "schools", "buses", "patients", "homes", "flights", "stores", "clinics", "trucks", "volunteers",
         "turbines", "classrooms", "inspections", "complaints", "applications", "bridges"]
UNITS = ["kilometres", "tonnes", "megawatts", "hectares", "litres", "miles", "kilograms", "square metres"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "fifteen", "twenty",
         "thirty", "forty", "a dozen", "several", "hundreds of", "thousands of", "dozens of"]
VERBS = ["said", "reported", "announced", "confirmed", "estimated", "told reporters", "wrote in a statement"]
APPROX = ["about", "nearly", "more than", "at least", "almost", "roughly", "fewer than", "up to", "some", ""]
PROSE = [
    "The decision followed weeks of debate among local officials.",
    "Critics argued that the plan moved too quickly and left many questions open.",
    "Residents gathered outside the hall long before the doors opened.",
    "The agency did not respond to a request for comment.",
    "Supporters say the change was overdue; opponents call it a costly gamble.",
    "Officials declined to say when the review would be finished.",
    "It was not immediately clear how the figures had been compiled.",
    "Several people interviewed on Tuesday said they had not heard of the proposal.",
    "The meeting ended without a vote, and a second session was scheduled.",
    "Analysts cautioned that early estimates are often revised.",
]
TEMPLATES = [
    "{org} {verb} that {approx} {n} {noun} were affected in {place}.",
    "By {date}, {approx} {word} {noun} had been added, {name} {verb}.",
    "The budget rose {pct} to {money}, up from {money2} a year earlier.",
    "{name}, who has led {org} for {dur}, {verb} the project would take {dur2}.",
    "On {date}, {org} opened {n} new {noun} across {place}.",
    "Prices fell {pct} in {month} {year}, the steepest drop since {year2}.",
    "The {ordinal} phase covers {qty} {unit} and is due to finish in {month} {year}.",
    "{approx} {pct} of {noun} in {place} reported delays last week, according to {org}.",
    "{name} said the fund of {money} would support {n} {noun} over {dur}.",
    "The report, published {date}, counted {n} {noun} and {word} {noun2}.",
    "Between {date} and {date2}, {org} handled {approx} {n} {noun}.",
    "Turnout reached {pct}, compared with {pct2} in {year2}.",
    "{org} expects to hire {word} more {noun} within {dur}.",
    "A spokesperson for {org}, {name}, put the cost at {money}.",
]


def _number(rng: random.Random) -> str:
    value = rng.choice([rng.randint(2, 99), rng.randint(100, 999), rng.randint(1000, 250000)])
    return f"{value:,}" if value >= 1000 and rng.random() < 0.7 else str(value)


def _date(rng: random.Random) -> str:
    month, day, year = rng.choice(MONTHS), rng.randint(1, 28), rng.randint(2014, 2025)
    return rng.choice([f"{month} {day}, {year}", f"{day} {month} {year}", f"{month} {day}",
                       f"{year}-{MONTHS.index(month) + 1:02d}-{day:02d}", "last Tuesday", "yesterday",
                       f"early {month}", f"the end of {month}"])


def _money(rng: random.Random) -> str:
    amount = rng.choice([f"{rng.randint(2, 950)}", f"{rng.randint(1, 99)}.{rng.randint(1, 9)}"])
    return rng.choice([f"${amount} million", f"€{amount} billion", f"{amount} million dollars",
                       f"£{rng.randint(5, 900):,}", f"${rng.randint(1000, 99000):,}"])


def _percent(rng: random.Random) -> str:
    value = rng.choice([str(rng.randint(1, 90)), f"{rng.randint(0, 40)}.{rng.randint(1, 9)}"])
    return rng.choice([f"{value}%", f"{value} percent", f"{value} per cent"])


def _duration(rng: random.Random) -> str:
    count = rng.choice([str(rng.randint(2, 30)), rng.choice(WORDS[:12])])
    return f"{count} {rng.choice(['days', 'weeks', 'months', 'years'])}"


def sentence(rng: random.Random) -> str:
    if rng.random() < 0.35:
        return rng.choice(PROSE)
    text = rng.choice(TEMPLATES).format(
        org=rng.choice(ORGS), verb=rng.choice(VERBS), approx=rng.choice(APPROX), n=_number(rng),
        noun=rng.choice(NOUNS), noun2=rng.choice(NOUNS), place=rng.choice(PLACES), date=_date(rng),
        date2=_date(rng), word=rng.choice(WORDS), name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        pct=_percent(rng), pct2=_percent(rng), money=_money(rng), money2=_money(rng), dur=_duration(rng),
        dur2=_duration(rng), month=rng.choice(MONTHS), year=rng.randint(2010, 2025),
        year2=rng.randint(1990, 2015), ordinal=rng.choice(["first", "second", "third", "fifth", "10th"]),
        qty=_number(rng), unit=rng.choice(UNITS)).replace("  ", " ").strip()
    return text[0].upper() + text[1:]  # str.capitalize would lowercase the names


def corpus(megabytes: float, seed: int) -> list[tuple[str, str]]:
    """Deterministic (text, published) documents totalling at least `megabytes` MB of UTF-8."""
    rng, documents, size = random.Random(seed), [], 0
    while size < megabytes * 1e6:
        org = rng.choice(ORGS)
        title = f"{org[0].upper() + org[1:]} {rng.choice(['reviews', 'expands', 'cuts', 'delays'])} plans in {rng.choice(PLACES)}"
        paragraphs = [" ".join(sentence(rng) for _ in range(rng.randint(2, 6))) for _ in range(rng.randint(3, 12))]
        text = title + "\n\n" + "\n\n".join(paragraphs) + "\n"
        published = f"{rng.randint(2016, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        documents.append((text, published))
        size += len(text.encode("utf-8"))
    return documents


def throughput(run, documents: list[tuple[str, str]]) -> tuple[float, float, float]:
    """(MB, CPU seconds, wall seconds) for run(text, published) over every document, in this process.

    CPU time of this process, not wall time: the figure is per core and stays honest when other
    work shares the machine (wall time is printed beside it)."""
    size = sum(len(text.encode("utf-8")) for text, _ in documents) / 1e6
    started, wall = time.process_time(), time.perf_counter()
    for text, published in documents:
        run(text, published)
    return size, time.process_time() - started, time.perf_counter() - wall


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=20.0, help="corpus size in MB (default 20)")
    parser.add_argument("--sample-kb", type=float, default=200.0, help="quantulum3 sample in KB (default 200)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--against", type=Path, help="a folder with another checker package to compare with")
    parser.add_argument("--pairs", type=int, default=10, help="runs of each, in turn, with --against (default 10)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore")
    if args.child:
        return _child(Path(args.child), args.mb, args.seed)
    if args.against:
        return _against(args.against, args.pairs, args.mb, args.seed)
    sys.path.insert(0, str(ROOT))

    started = time.perf_counter()
    documents = corpus(args.mb, args.seed)
    print(f"corpus: {len(documents)} documents, {sum(len(t.encode()) for t, _ in documents) / 1e6:.1f} MB "
          f"(seed {args.seed}, generated in {time.perf_counter() - started:.1f} s)")
    sample, size = [], 0
    for text, published in documents:
        if size >= args.sample_kb * 1e3:
            break
        sample.append((text, published))
        size += len(text.encode("utf-8"))

    ours = None
    try:
        from checker.mentions import extract
    except ImportError as error:
        print(f"checker: unavailable ({error})")
    else:
        extract(*documents[0])  # warm-up: compile patterns, load tables
        mb, seconds, wall = throughput(extract, documents)
        ours = mb / seconds
        print(f"checker: {ours:.2f} MB/s per core over {mb:.1f} MB "
              f"(one process, one core; {seconds:.1f} s CPU, {wall:.1f} s wall)")
        mb_s, seconds_s, _ = throughput(extract, sample)
        print(f"checker on the quantulum3 sample: {mb_s / seconds_s:.2f} MB/s per core over {mb_s:.2f} MB")

    from quantulum3 import parser as quantulum
    quantulum.parse(sample[0][0])  # warm-up: load its unit tables
    mb_q, seconds_q, wall_q = throughput(lambda text, published: quantulum.parse(text), sample)
    theirs = mb_q / seconds_q
    print(f"quantulum3: {theirs:.3f} MB/s per core over {mb_q:.2f} MB "
          f"(one process, one core; {seconds_q:.1f} s CPU, {wall_q:.1f} s wall)")
    if ours is None:
        return 1
    print(f"ratio: {ours / theirs:.0f}x")
    return 0


def _child(code: Path, megabytes: float, seed: int) -> int:
    """One measurement: the checker package in `code` over the corpus, CPU seconds of the extraction alone."""
    sys.path.insert(0, str(code))
    from checker.mentions import extract

    documents = corpus(megabytes, seed)
    extract(*documents[0])
    mb, seconds, _ = throughput(extract, documents)
    print(json.dumps({"mb": mb, "seconds": seconds, "module": sys.modules["checker.mentions"].__file__}))
    return 0


def _against(other: Path, pairs: int, megabytes: float, seed: int) -> int:
    if not (other / "checker" / "mentions").is_dir():
        print(f"{other}: no checker package there (extract one: git archive COMMIT checker | tar -x -C {other})")
        return 2

    def measure(code: Path) -> float:
        done = subprocess.run([sys.executable, __file__, "--child", str(code), "--mb", str(megabytes),
                               "--seed", str(seed)], capture_output=True, text=True, check=True)
        figures = json.loads(done.stdout.strip().splitlines()[-1])
        if not figures["module"].startswith(str(code.resolve())):
            raise SystemExit(f"{code}: ran {figures['module']} instead")
        return figures["mb"] / figures["seconds"]

    ratios = []
    for index in range(pairs):
        theirs, ours = measure(other), measure(ROOT)
        ratios.append(ours / theirs)
        print(f"pair {index + 1}: {other} {theirs:.3f} MB/s, this checker {ours:.3f} MB/s, ratio {ratios[-1]:.3f}")
    print(f"this checker / {other}: median ratio {statistics.median(ratios):.3f} over {pairs} pairs "
          f"(spread {min(ratios):.3f} to {max(ratios):.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
