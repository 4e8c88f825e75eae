"""Score discovery and binding on multi-source stories with gold: conflicts found, false conflicts, look-alikes.

    .venv/bin/python benchmarks/stories.py                 # own stories (benchmarks/stories/*) and newsdev gold
    .venv/bin/python benchmarks/stories.py --only stories  # or --only newsdev
    .venv/bin/python benchmarks/stories.py --story quake-vanmora --verbose
    .venv/bin/python benchmarks/stories.py --only stories --stories benchmarks/stories_heldout  # held-out stories

Each story folder holds its documents, `manifest.json`, `gold.json` (schema in the discovery issue:
facts with every observation's doc, quote and value_text; discrepancies by type; non-facts) and
`facts.yaml`, a catalog written from the README alone. Each story is audited twice: with no catalog
(discovery only) and with its catalog (binding, then discovery of what is left). The newsdev gold
(`benchmarks/newsdev_gold/*.json`, ids and short quotes only) is scored with no catalog on the
articles in ../shared/newsdev/.

Scoring. A gold observation is located at text.index(quote) + quote.index(value_text); an audit
observation matches it when both are in one source and their spans overlap.
- A gold conflict is *found* when one conflict finding holds matched observations of it from at least
  two sources. A conflict finding is *true* when it finds a gold conflict; otherwise it is false, and a
  *look-alike* when its matched observations belong to a gold change over time, modality-only or
  correction discrepancy.
- *Right fact*: with a catalog, an observation is right when its fact key is the gold fact's key; with
  discovery, each discovered fact stands for the gold fact most of its matched observations belong to.
  "bound right" is the share of the audit's observations that match a gold observation and sit on the
  right fact, of all the audit's observations that match a gold observation (with a catalog: of all
  its observations, since the catalog names only gold facts); "gold found" is the share of gold
  observations found on the right fact.
- *Truth* (catalog mode, printed as extra columns): for each gold conflict with a `truth` value, the
  audit's consensus window holding most of its statements (checker.consensus) is right when its value
  contains the truth (both ends of a truth given as a span, `[low, high]`); "no answer" when it has no consensus. Simple majority voting on the same window's
  statements (each source one vote per value it states as written; a tie is no answer) is scored the same way.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent
STORIES = ROOT / "stories"
NEWSDEV_GOLD = ROOT / "newsdev_gold"
LOOKALIKE = {"change_over_time", "modality_only", "resolved_by_correction"}


def newsdev_root() -> Path | None:
    for candidate in (os.environ.get("CHECKER_NEWSDEV"), ROOT.parent.parent / "shared" / "newsdev",
                      Path("/work/shared/newsdev")):
        if candidate and Path(candidate, "README.md").exists():
            return Path(candidate)
    return None


def locate(gold: dict, texts: dict[str, str]) -> dict[tuple[str, int], tuple[str, int, int]]:
    """(fact key, index) -> (source, start, end) of each gold observation found in its text."""
    where = {}
    for fact in gold["facts"]:
        for index, obs in enumerate(fact["observations"]):
            text = texts.get(obs["doc"])
            if text is None:
                continue
            if "start" in obs:   # the newsdev gold keeps offsets (and a few words), never the article's text
                if text[obs["start"]:obs["end"]] == obs["value_text"]:
                    where[(fact["key"], index)] = (obs["doc"], obs["start"], obs["end"])
                continue
            at = _find(text, obs["quote"])
            if at < 0:
                continue
            inner = obs["quote"].find(obs["value_text"])
            start = at + max(inner, 0)
            where[(fact["key"], index)] = (obs["doc"], start, start + len(obs["value_text"]))
    return where


def _find(text: str, quote: str) -> int:
    return text.find(quote)


def score(result, gold: dict, catalog_mode: bool) -> dict:
    texts = dict(zip(result.documents["source"], result.documents["text"]))
    where = locate(gold, texts)
    by_source: dict[str, list] = {}
    for key, (source, start, end) in where.items():
        by_source.setdefault(source, []).append((start, end, key))
    observations = result.observations
    matched: dict[str, tuple[str, int]] = {}     # observation id -> gold (fact, index)
    for row in observations[["observation", "source", "start", "end"]].itertuples(index=False):
        for start, end, key in by_source.get(row.source, []):
            if start < int(row.end) and int(row.start) < end:
                matched[row.observation] = key
                break
    fact_of = dict(zip(observations["observation"], observations["fact"]))
    # Which gold fact each audit fact stands for.
    stands_for: dict[str, str] = {}
    votes: dict[str, Counter] = {}
    for observation, key in matched.items():
        votes.setdefault(fact_of[observation], Counter())[key[0]] += 1
    for fact, counter in votes.items():
        stands_for[fact] = fact if catalog_mode else sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    right = [o for o, key in matched.items() if stands_for.get(fact_of[o]) == key[0]]
    gold_right = {matched[o] for o in right}
    denominator = len(observations) if catalog_mode else len(matched)
    conflicts = [d for d in gold["discrepancies"] if d["type"] == "conflict"]
    lookalikes = [d for d in gold["discrepancies"] if d["type"] in LOOKALIKE]
    found_conflicts, true_findings, false_findings, lookalike_flagged = set(), 0, 0, 0
    false_messages = []
    for finding in result.findings.itertuples(index=False):
        if finding.status != "conflict":
            continue
        keys = [matched[o] for o in finding.observations if o in matched]
        hit = False
        for number, discrepancy in enumerate(conflicts):
            members = {(discrepancy["fact"], i) for i in discrepancy["observations"]}
            sources = {where[k][0] for k in keys if k in members and k in where}
            if len(sources) >= 2:
                found_conflicts.add(number)
                hit = True
        if hit:
            true_findings += 1
            continue
        false_findings += 1
        false_messages.append(finding.message)
        for discrepancy in lookalikes:
            members = {(discrepancy["fact"], i) for i in discrepancy["observations"]}
            if len({where[k][0] for k in keys if k in members and k in where}) >= 2:
                lookalike_flagged += 1
                break
    return {
        **truth_scores(result, conflicts, matched),
        "gold_conflicts": len(conflicts), "conflicts_found": len(found_conflicts),
        "conflict_findings": true_findings + false_findings, "false_conflicts": false_findings,
        "lookalikes_flagged": lookalike_flagged,
        "gold_observations": sum(len(f["observations"]) for f in gold["facts"]), "gold_located": len(where),
        "gold_found_right": len(gold_right),
        "bound": denominator, "bound_right": len(right),
        "facts": int(observations["fact"].nunique()) if len(observations) else 0,
        "false_messages": false_messages,
        "wrong": wrong_bindings(result, texts, matched, stands_for) if catalog_mode else [],
    }


def wrong_bindings(result, texts: dict[str, str], matched: dict, stands_for: dict) -> list[str]:
    """Each observation bound to a fact that is not its gold fact (or to any fact, when gold names none)."""
    lines = []
    for row in result.observations[["observation", "source", "start", "end", "fact"]].itertuples(index=False):
        gold = matched.get(row.observation)
        if gold is not None and stands_for.get(row.fact) == gold[0]:
            continue
        text = texts[row.source]
        start, end = int(row.start), int(row.end)
        around = (text[max(0, start - 60):start] + "[" + text[start:end] + "]" + text[end:end + 40]).replace("\n", " ")
        lines.append(f"{row.fact} <- gold {gold[0] if gold else '-'}: ...{around}... ({row.source})")
    return lines


def truth_scores(result, conflicts: list[dict], matched: dict) -> dict:
    """Consensus and simple majority voting against the gold `truth` of each conflict."""
    scores = {"truth_conflicts": 0, "consensus_right": 0, "consensus_none": 0, "majority_right": 0,
              "majority_none": 0}
    windows = result.consensus.to_dict("records") if result.consensus is not None else []
    rows = result.observations.set_index("observation")
    for discrepancy in conflicts:
        if discrepancy.get("truth") is None:
            continue
        scores["truth_conflicts"] += 1
        members = {(discrepancy["fact"], i) for i in discrepancy["observations"]}
        ids = {o for o, key in matched.items() if key in members}
        held = sorted(((len(ids & set(w["observations"])), len(w["observations"]), w["key"]) for w in windows),
                      key=lambda t: (-t[0], -t[1], t[2]))
        window = next((w for w in windows if held and held[0][0] and w["key"] == held[0][2]), None)
        if window is None:
            scores["consensus_none"] += 1
            scores["majority_none"] += 1
            continue
        # Both are judged on the comparable scale (rounding and wording's tolerance applied): "14%" holds 14.2.
        truth = discrepancy["truth"]
        # a truth is a value or, for a span ("model years 2021 to 2024"), its two ends: a window holds both
        ends = [float(date.fromisoformat(t).toordinal()) if isinstance(t, str) else float(t)
                for t in (truth if isinstance(truth, list) else [truth])]
        if window["status"] == "none":
            scores["consensus_none"] += 1
        elif all(contains(window["cmp_low"], window["cmp_high"], end) for end in ends):
            scores["consensus_right"] += 1
        votes: Counter = Counter()
        spans: dict = {}
        # one vote per distinct statement, in a fixed order: a value stated with two tolerances keeps the span of
        # the last in that order, whatever the process's hash seed (a set's order made the figure vary by run)
        for source, low, high, cmp_low, cmp_high in sorted({
                (rows.at[o, "source"], plain(rows.at[o, "low"]), plain(rows.at[o, "high"]), rows.at[o, "cmp_low"],
                 rows.at[o, "cmp_high"]) for o in window["observations"]}, key=repr):
            votes[(low, high)] += 1
            spans[(low, high)] = (cmp_low, cmp_high)
        ranked = sorted(votes.items(), key=lambda item: (-item[1], str(item[0])))
        if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
            scores["majority_none"] += 1
        elif all(contains(*spans[ranked[0][0]], end) for end in ends):
            scores["majority_right"] += 1
    return scores


def plain(value):
    if value is None or value != value:
        return None
    return value.item() if hasattr(value, "item") else value


def contains(low, high, truth: float) -> bool:
    """Whether [low, high] (None: open; dates as ordinals) holds the gold truth."""
    slack = 1e-9 * max(1.0, abs(float(truth)))
    return (low is None or float(low) - slack <= truth) and (high is None or truth <= float(high) + slack)


def truth_column(s: dict) -> str:
    n = s["truth_conflicts"]
    return (f"  truth: consensus {s['consensus_right']:>2}/{n:<2} (no answer {s['consensus_none']}), "
            f"majority {s['majority_right']:>2}/{n:<2} (no answer {s['majority_none']})")


def audit(corpus: Path, facts: Path | None):
    """No catalog: discovery alone. A catalog: its declared facts alone, so binding is scored by itself."""
    from checker.audit import run_audit

    return run_audit(corpus, facts=facts, expectations=None, discover=facts is None)


def share(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "    -"


def line(name: str, s: dict) -> str:
    return (f"{name:<26} conflicts {s['conflicts_found']:>2}/{s['gold_conflicts']:<2} "
            f"findings {s['conflict_findings']:>2} (false {s['false_conflicts']}, look-alikes {s['lookalikes_flagged']})  "
            f"bound right {s['bound_right']:>3}/{s['bound']:<3} {share(s['bound_right'], s['bound'])}  "
            f"gold found {s['gold_found_right']:>3}/{s['gold_observations']:<3}  facts {s['facts']}")


def summary(name: str, rows: list[dict]) -> dict:
    total = {k: sum(r[k] for r in rows) for k in rows[0] if k not in ("false_messages", "wrong")} if rows else {}
    if total:
        print(line(name, total))
        print(f"{'':<26} conflict recall {share(total['conflicts_found'], total['gold_conflicts'])}, "
              f"conflict findings true {share(total['conflict_findings'] - total['false_conflicts'], total['conflict_findings'])}, "
              f"bound right {share(total['bound_right'], total['bound'])}")
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=("stories", "newsdev"))
    parser.add_argument("--story", action="append", help="score only these stories or clusters")
    parser.add_argument("--verbose", action="store_true", help="print the false conflict findings")
    parser.add_argument("--wrong", action="store_true", help="with a catalog, print each observation on a wrong fact")
    parser.add_argument("--mode", choices=("no catalog", "catalog"), action="append",
                        help="audit only without or only with the stories' catalogs")
    parser.add_argument("--stories", type=Path, default=STORIES, metavar="DIR",
                        help="folder of story folders (default benchmarks/stories; benchmarks/stories_heldout is held out)")
    args = parser.parse_args(argv)
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    if args.only != "newsdev":
        stories = sorted(p for p in args.stories.iterdir() if (p / "gold.json").exists())
        if args.story:
            stories = [p for p in stories if p.name in args.story]
        for mode in args.mode or ("no catalog", "catalog"):
            print(f"== {'own stories' if args.stories == STORIES else args.stories.name}, {mode} ==")
            rows = []
            for story in stories:
                gold = json.loads((story / "gold.json").read_text(encoding="utf-8"))
                facts = story / "facts.yaml" if mode == "catalog" else None
                result = audit(story, facts)
                row = score(result, gold, catalog_mode=mode == "catalog")
                rows.append(row)
                print(line(story.name, row) + (truth_column(row) if mode == "catalog" else ""))
                if args.verbose:
                    for message in row["false_messages"]:
                        print(f"{'':<8}false: {message[:1200]}")
                if args.wrong:
                    for wrong in row["wrong"]:
                        print(f"{'':<8}wrong: {wrong}")
            total = summary("TOTAL", rows)
            if mode == "catalog" and total:
                print(f"{'':<26} truth of conflicted facts:{truth_column(total)[8:]}")
    if args.only != "stories":
        root = newsdev_root()
        if root is None:
            print("newsdev: ../shared/newsdev not found (set CHECKER_NEWSDEV); skipped")
            return 0
        print("== newsdev clusters, no catalog ==")
        rows = []
        for path in sorted(NEWSDEV_GOLD.glob("*.json")):
            if args.story and path.stem not in args.story:
                continue
            gold = json.loads(path.read_text(encoding="utf-8"))
            result = audit(root / path.stem, None)
            row = score(result, gold, catalog_mode=False)
            rows.append(row)
            print(line(path.stem, row))
            if args.verbose:
                for message in row["false_messages"]:
                    print(f"{'':<8}false: {message[:1200]}")
        summary("TOTAL", rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
