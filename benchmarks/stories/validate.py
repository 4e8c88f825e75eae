"""Check the hand-written benchmark stories: manifest, gold quotes and indexes, facts.yaml keys.

Standard library only (facts.yaml keys are read with a regex; PyYAML is used if present).
Usage: python3 benchmarks/stories/validate.py [STORY_DIR | FOLDER_OF_STORIES ...]
"""
import json
import re
import sys
from pathlib import Path

KINDS = {"count", "quantity", "money", "percent", "date", "duration"}
MODALITIES = {"reported", "projected", "planned", "denied", "hedged", "corrected"}
TYPES = {"conflict", "change_over_time", "modality_only", "resolved_by_correction"}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def check(story: Path) -> list[str]:
    errs = []
    man = json.loads((story / "manifest.json").read_text())
    gold = json.loads((story / "gold.json").read_text())
    texts = {}
    for d in man["documents"]:
        p = story / d["file"]
        if not p.exists():
            errs.append(f"missing file {d['file']}")
            continue
        t = p.read_text()
        texts[d["id"]] = t
        words = len(t.split())
        if not 150 <= words <= 450:
            errs.append(f"{d['file']}: {words} words")
        if t.splitlines()[0].strip() != d["title"]:
            errs.append(f"{d['file']}: title differs from first line")
        if not DATE.match(d["published"]) or not "2023" <= d["published"][:4] <= "2026":
            errs.append(f"{d['id']}: bad published date")
        if not d["id"].endswith(d["published"]):
            errs.append(f"{d['id']}: id does not end with published date")
    if not 4 <= len(man["documents"]) <= 6:
        errs.append("need 4-6 documents")

    def obs_ok(where, o, need_quote=True):
        if o["doc"] not in texts:
            errs.append(f"{where}: unknown doc {o['doc']}")
            return
        if o["quote"] not in texts[o["doc"]]:
            errs.append(f"{where}: quote not in {o['doc']}: {o['quote']!r}")
        if o["value_text"] not in o["quote"]:
            errs.append(f"{where}: value_text {o['value_text']!r} not in quote")

    keys = []
    for f in gold["facts"]:
        k = f["key"]
        keys.append(k)
        if f["kind"] not in KINDS:
            errs.append(f"{k}: kind {f['kind']}")
        docs = set()
        for i, o in enumerate(f["observations"]):
            w = f"{k}[{i}]"
            obs_ok(w, o)
            docs.add(o["doc"])
            if o["modality"] not in MODALITIES:
                errs.append(f"{w}: modality {o['modality']}")
            if not DATE.match(o["as_of"]):
                errs.append(f"{w}: as_of {o['as_of']}")
            lo, hi = o["low"], o["high"]
            if f["kind"] == "date":
                for v in (lo, hi):
                    if v is not None and not DATE.match(v):
                        errs.append(f"{w}: date bound {v}")
            else:
                for v in (lo, hi):
                    if v is not None and not isinstance(v, (int, float)):
                        errs.append(f"{w}: bound {v!r}")
            if lo is not None and hi is not None and lo > hi:
                errs.append(f"{w}: low > high")
            if lo is None and hi is None:
                errs.append(f"{w}: both bounds null")
        if len(docs) < 2:
            errs.append(f"{k}: stated by {len(docs)} document(s)")
    if len(set(keys)) != len(keys):
        errs.append("duplicate fact keys")
    facts = {f["key"]: f for f in gold["facts"]}
    n_conf = n_look = 0
    for j, d in enumerate(gold["discrepancies"]):
        w = f"discrepancy {j} ({d['fact']})"
        if d["fact"] not in facts:
            errs.append(f"{w}: unknown fact")
            continue
        n = len(facts[d["fact"]]["observations"])
        if d["type"] not in TYPES:
            errs.append(f"{w}: type {d['type']}")
        if any(not 0 <= i < n for i in d["observations"]) or len(d["observations"]) < 2:
            errs.append(f"{w}: bad indexes {d['observations']}")
        if d["type"] == "conflict":
            n_conf += 1
            if "truth" not in d:
                # null is allowed: a union's figure against management's may have no knowable truth
                errs.append(f"{w}: conflict without a truth field (null when no value is known)")
        else:
            n_look += 1
    if n_conf < 1:
        errs.append(f"{n_conf} conflicts (need at least one)")
    if n_look < 2:
        errs.append(f"{n_look} look-alikes (need 2+)")
    for i, o in enumerate(gold.get("non_facts", [])):
        obs_ok(f"non_fact[{i}]", o)

    fy = story / "facts.yaml"
    if fy.exists():
        text = fy.read_text()
        try:
            import yaml
            cat = yaml.safe_load(text)
            ykeys = [f["key"] for f in cat["facts"]]
        except ImportError:
            ykeys = re.findall(r"^\s*-\s*key:\s*(\S+)", text, re.M)
        if sorted(ykeys) != sorted(keys):
            errs.append(f"facts.yaml keys {sorted(ykeys)} != gold keys {sorted(keys)}")
    else:
        errs.append("facts.yaml missing")
    nobs = sum(len(f["observations"]) for f in gold["facts"])
    print(f"{story.name}: {len(man['documents'])} docs, {len(keys)} facts, {nobs} observations, "
          f"{n_conf} conflicts, {n_look} look-alikes, {len(gold.get('non_facts', []))} non-facts")
    return errs


def main():
    here = Path(__file__).parent
    dirs = []
    for folder in [Path(a) for a in sys.argv[1:]] or [here]:
        # A story folder holds a manifest; any other folder (benchmarks/stories_heldout) holds stories.
        dirs += [folder] if (folder / "manifest.json").exists() else sorted(
            p for p in folder.iterdir() if (p / "manifest.json").exists())
    bad = 0
    for d in dirs:
        for e in check(d):
            bad += 1
            print("  ERROR", e)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
