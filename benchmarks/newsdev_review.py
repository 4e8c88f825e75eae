"""Precision review on real news: a fixed sample of 300 mentions from ../shared/newsdev/, judged by reading.

    .venv/bin/python benchmarks/newsdev_review.py sample     # draw the sample, write the worksheet to judge
    .venv/bin/python benchmarks/newsdev_review.py score      # share of judged mentions right in every attribute

The sample is drawn once (seed 20261201) from the mentions the grammar found when the review began and
kept in `benchmarks/newsdev_review.json` with the judgement of each: the right span, kind, interval,
unit, modality (or that it is no value at all). The file holds ids, offsets and attributes only, never
article text; `sample` writes a worksheet with the context of each mention to benchmarks/out/ (gitignored)
for the person judging. The same file lists `full` articles whose every figure was listed, for recall.

Scoring: a judged mention is right when the grammar now finds a mention with exactly its span and the
same kind, interval (numbers within 1e-6 relative, dates equal), unit and modality; a judged non-value is
right when nothing is found over its span. Recall: the share of the listed figures of the `full` articles
whose span some mention overlaps.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent
JUDGED = ROOT / "newsdev_review.json"
WORKSHEET = ROOT / "out" / "newsdev_review_worksheet.txt"
SEED = 20261201
SIZE = 300
ATTRIBUTES = ("span", "kind", "interval", "unit", "modality")


def newsdev_root() -> Path:
    for candidate in (os.environ.get("CHECKER_NEWSDEV"), ROOT.parent.parent / "shared" / "newsdev",
                      Path("/work/shared/newsdev")):
        if candidate and Path(candidate, "README.md").exists():
            return Path(candidate)
    sys.exit("newsdev: ../shared/newsdev not found (set CHECKER_NEWSDEV)")


def load_all():
    """(documents, mentions) of every cluster, each a DataFrame with a `cluster` column."""
    import pandas as pd

    from checker.corpus import load_corpus
    from checker.mentions import find_mentions

    root = newsdev_root()
    documents, mentions = [], []
    for folder in sorted(p for p in root.iterdir() if (p / "manifest.json").exists()):
        docs = load_corpus(folder)
        docs["cluster"] = folder.name
        found = find_mentions(docs)
        found["cluster"] = folder.name
        documents.append(docs)
        mentions.append(found)
    return pd.concat(documents, ignore_index=True), pd.concat(mentions, ignore_index=True)


def sample(_args) -> int:
    documents, mentions = load_all()
    if JUDGED.exists():
        print(f"{JUDGED.name} exists: the sample is fixed; writing the worksheet only")
        items = json.loads(JUDGED.read_text(encoding="utf-8"))["sample"]
    else:
        order = mentions.sort_values(["cluster", "source", "start", "end"]).reset_index(drop=True)
        picked = sorted(random.Random(SEED).sample(range(len(order)), SIZE))
        items = []
        for index in picked:
            row = order.iloc[index]
            items.append({"cluster": row["cluster"], "doc": row["source"], "start": int(row["start"]),
                          "end": int(row["end"]), "judged": None})
        JUDGED.write_text(json.dumps({"seed": SEED, "sample": items, "full": []}, indent=1) + "\n",
                          encoding="utf-8")
    texts = dict(zip(documents["source"], documents["text"]))
    published = dict(zip(documents["source"], documents["published"]))
    WORKSHEET.parent.mkdir(exist_ok=True)
    lines = []
    for number, item in enumerate(items):
        text = texts[item["doc"]]
        found = mentions[(mentions["source"] == item["doc"]) & (mentions["start"] == item["start"])
                         & (mentions["end"] == item["end"])]
        left = text[max(0, item["start"] - 160):item["start"]].replace("\n", " / ")
        right = text[item["end"]:item["end"] + 100].replace("\n", " / ")
        lines.append(f"#{number} {item['doc']} [{item['start']}:{item['end']}] published={published[item['doc']]}")
        lines.append(f"   ...{left}[[{text[item['start']:item['end']]}]]{right}...")
        for row in found.itertuples():
            lines.append(f"   checker: kind={row.kind} low={row.low} high={row.high} unit={row.unit} "
                         f"qualifier={row.qualifier} modality={row.modality} flags={row.flags}")
    WORKSHEET.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(items)} mentions; worksheet: {WORKSHEET}")
    return 0


def _same_number(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, str) or isinstance(b, str):
        return str(a) == str(b)
    return abs(float(a) - float(b)) <= 1e-6 * max(1.0, abs(float(a)), abs(float(b)))


def judge(item: dict, mentions) -> dict[str, bool]:
    """Which attributes of one judged mention the grammar gets right now."""
    right = item["judged"]
    here = mentions.get(item["doc"], [])
    if right.get("not_a_value"):
        hit = any(m["start"] < item["end"] and item["start"] < m["end"] for m in here)
        return {name: not hit for name in ATTRIBUTES}
    exact = [m for m in here if m["start"] == right["start"] and m["end"] == right["end"]]
    if not exact:
        return {name: False for name in ATTRIBUTES}
    m = {k: (None if isinstance(v, float) and v != v else v) for k, v in exact[0].items()}  # NaN: missing
    low, high = m["low"], m["high"]
    return {
        "span": True,
        "kind": m["kind"] == right["kind"],
        "interval": _same_number(low, right.get("low")) and _same_number(high, right.get("high")),
        "unit": (m["unit"] or None) == (right.get("unit") or None),
        "modality": m["modality"] == right.get("modality", "reported"),
    }


def score(_args) -> int:
    data = json.loads(JUDGED.read_text(encoding="utf-8"))
    judged = [item for item in data["sample"] if item.get("judged")]
    documents, found = load_all()
    mentions: dict[str, list[dict]] = {}
    for row in found.to_dict("records"):
        mentions.setdefault(row["source"], []).append(row)
    per = Counter()
    all_right = 0
    misses = []
    for item in judged:
        result = judge(item, mentions)
        per.update(name for name, ok in result.items() if ok)
        if all(result.values()):
            all_right += 1
        else:
            misses.append((item, [name for name, ok in result.items() if not ok]))
    n = len(judged)
    print(f"judged {n} of {len(data['sample'])} sampled mentions")
    if n:
        print(f"right in every attribute: {all_right}/{n} = {100 * all_right / n:.1f}%")
        print("  per attribute: " + ", ".join(f"{name} {100 * per[name] / n:.1f}%" for name in ATTRIBUTES))
    listed = [(doc["doc"], figure) for doc in data.get("full", []) for figure in doc["figures"]]
    if listed:
        hit = sum(1 for doc, figure in listed
                  if any(m["start"] < figure["end"] and figure["start"] < m["end"] for m in mentions.get(doc, [])))
        print(f"recall on {len(data['full'])} fully listed articles: {hit}/{len(listed)} = {100 * hit / len(listed):.1f}%")
    if os.environ.get("VERBOSE"):
        texts = dict(zip(documents["source"], documents["text"]))
        for item, wrong in misses:
            print(f"  miss {item['doc']} [{item['start']}:{item['end']}] {texts[item['doc']][item['start']:item['end']]!r}: "
                  f"{', '.join(wrong)}; right: {item['judged']}")
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("sample", "score"))
    args = parser.parse_args(argv)
    return {"sample": sample, "score": score}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
