"""What every formatter reads off the audit records: facts in report order, quotes split around
their value, the status each observation carries, and what a finding's statements differ by.

Everything here is a pure function of the records dict, sorted by stable keys, so two
renders of the same audit are identical.
"""
from __future__ import annotations

from functools import lru_cache
from itertools import combinations

from checker.report.gaps import as_axis_value, describe_gap
from checker.rows import Rows, in_chunks
from checker.sharedkeys import maker
from checker.values import compact_interval as _compact_interval

# A report shows each observation's value in several places (row, matrix cell, chart mark, finding
# details), and a thousand sources repeat the same few values: each distinct one is formatted once.
# typed=True keeps 7 and 7.0 apart, exactly as the formatter sees them.
_cached_interval = lru_cache(maxsize=4096, typed=True)(_compact_interval)


def compact_interval(low, high, kind: str = "") -> str:
    """checker.values.compact_interval, remembered per distinct (low, high, kind)."""
    try:
        return _cached_interval(low, high, kind)
    except TypeError:  # an unhashable bound: nothing to remember it by
        return _compact_interval(low, high, kind)

STATUSES = ("conflict", "implausible", "resolved_by_correction", "change_over_time", "modality_only", "consistent",
            "single_source")
STATUS_LABELS = {
    "conflict": "Conflict",
    "change_over_time": "Change over time",
    "modality_only": "Modality only",
    "resolved_by_correction": "Resolved by correction",
    "implausible": "Implausible",
    "consistent": "Consistent",
    "single_source": "Single source",
    "none": "No finding",
}
# Findings that a person has to look at (the gate may accept them); the rest are informative.
DISCREPANCY_SEVERITIES = ("critical", "warning")
MAX_PAIRS = 12
# Where a catalog exists, the facts checker found on its own come after the declared ones, under this title.
DISCOVERED_TITLE = "Shared facts not in your catalog"
DISCOVERED_HINT = ("checker found these by grouping statements of different sources about the same thing. "
                   "Each is marked with how alike its statements are (confidence 0 to 1) and the words that "
                   "tie them together; add the ones that matter to your catalog.")


def status_rank(status: str) -> int:
    return STATUSES.index(status) if status in STATUSES else len(STATUSES)


def records_of(result) -> dict:
    """Formatters accept an AuditResult (anything with as_records()) or the records dict itself."""
    return result if isinstance(result, dict) else result.as_records()


class Stated(dict):
    """Records as as_stated makes them: as_stated gives them back as they are."""


def _same(one, other) -> bool:
    """The same value of the same type (1 and 1.0 render apart)."""
    return one is other or (type(one) is type(other) and one == other)


def as_stated(records: dict) -> dict:
    """The records with each statement's and mention's `low`/`high` as stated ("about 100,000" shows as
    written, its interval in the JSON): the reports quote values, audit.json gives what a reader means.
    Records already stated (Stated) are returned as they are: a large corpus's reports state them once for
    audit.md, audit.html and the pages (checker.report.split), where each made its own copy of every statement
    (at 30,000 articles, two held to the end of the writing: some 150 MB)."""
    if isinstance(records, Stated):
        return records

    def stated(row: dict) -> dict:
        if "stated_low" not in row:
            return row
        low, high = row["stated_low"], row["stated_high"]
        if _same(low, row["low"]) and _same(high, row["high"]):
            return row   # a value meant as stated (most are): the row is its own copy
        return maker(row)([low if key == "low" else high if key == "high" else value for key, value in row.items()])

    # The mentions are left as they are: mention_sources, their one reader in a report, reads the stated
    # bounds itself (a copy of every mention was a gigabyte for a 100 MB document).
    return Stated({**records, "observations": [stated(o) for o in records.get("observations", [])]})


def observation_order(observation: dict) -> tuple:
    return (observation.get("as_of") or "9999-99-99", observation["source"], observation["start"],
            observation["id"])


def observation_statuses(records: dict) -> dict[str, str]:
    """Observation id -> the most pressing status of the findings that name it."""
    statuses: dict[str, str] = {}
    for finding in records.get("findings", []):
        for observation_id in finding["observations"]:
            current = statuses.get(observation_id)
            if current is None or status_rank(finding["status"]) < status_rank(current):
                statuses[observation_id] = finding["status"]
    return statuses


def counts(records: dict) -> dict:
    """The summary numbers: given ones first, recomputed from the lists when missing."""
    findings = records.get("findings", [])
    summary = dict(records.get("summary") or {})
    summary.setdefault("sources", len(records.get("sources", [])))
    stated = {o["fact"] for o in records.get("observations", [])}
    summary.setdefault("facts", len(stated))
    summary["discovered"] = sum(1 for fact in records.get("facts", [])
                                if fact.get("origin") == "discovered" and fact["key"] in stated)
    summary.setdefault("observations", len(records.get("observations", [])))
    for status in STATUSES:
        summary.setdefault(status, sum(1 for f in findings if f["status"] == status))
    discrepancies = [f for f in findings if f.get("severity") in DISCREPANCY_SEVERITIES]
    summary["accepted"] = sum(1 for f in discrepancies if f.get("accepted"))
    summary["unaccepted"] = len(discrepancies) - summary["accepted"]
    return summary


def quote_parts(observation: dict, texts: dict) -> tuple[str, str, str]:
    """The quote split into (before, value, after), locating the value by its document offsets."""
    quote = observation.get("quote") or ""
    value = observation["value_text"]
    text = texts.get(observation["source"]) or ""
    start, end = observation["start"], observation["end"]
    if quote and text[start:end] == value:
        # The quote's own position: the occurrence of it in the text that covers the value.
        begin = text.find(quote, max(0, end - len(quote)))
        if 0 <= begin <= start and end <= begin + len(quote):
            offset = start - begin
            return quote[:offset], value, quote[offset + len(value):]
    offset = quote.find(value)
    if offset < 0:
        return quote + (" — " if quote else ""), value, ""
    return quote[:offset], value, quote[offset + len(value):]


def finding_details(finding: dict, observations: dict[str, dict], kind: str,
                    place: dict[str, int] | None = None) -> list[str]:
    """One line per thing a person wants to know: which statements disagree and by how much. `place`: each
    statement's place in observation_order, by id, where worked out for every statement at once (a conflict of
    8,000 statements sorted by observation_order's tuples was a third of working out the details)."""
    members = [observations[i] for i in finding["observations"] if i in observations]
    members.sort(key=observation_order if place is None else lambda o: place[o["id"]])
    status = finding["status"]
    if status == "conflict":
        return _disagreeing_pairs(members, kind)
    if status == "change_over_time":
        steps = [f"{compact_interval(o['low'], o['high'], kind)} ({o.get('as_of') or 'undated'}, {o['source']})"
                 for o in members]
        return [" → ".join(steps)] if steps else []
    if status in ("modality_only", "resolved_by_correction"):
        # dict.fromkeys: a figure a source repeats (headline and body) reads once.
        return ["; ".join(dict.fromkeys(f"{o['source']} {o.get('modality') or 'reported'} "
                                        f"{compact_interval(o['low'], o['high'], kind)}" for o in members))]
    return []


def _disagreeing_pairs(members: list[dict], kind: str) -> list[str]:
    """The first MAX_PAIRS distinct lines for pairs of sources whose ranges do not overlap (or, when every
    pair overlaps, for overlapping pairs), in report order.

    A conflict can gather thousands of statements; the pairs are walked in order and described only
    until the lists are full, so a report stays linear where describing every pair was quadratic.
    """
    bounds: list = [None] * len(members)   # each statement's, worked out when a pair first reads it (few are)

    def bound(at: int) -> tuple:
        if bounds[at] is None:
            bounds[at] = (as_axis_value(members[at].get("low")), as_axis_value(members[at].get("high")))
        return bounds[at]

    apart: dict[str, None] = {}
    overlapping: dict[str, None] = {}  # insertion-ordered sets: the same pair of values said twice reads once
    for (i, a), (j, b) in combinations(enumerate(members), 2):
        if a["source"] == b["source"]:
            continue
        (a_low, a_high), (b_low, b_high) = bound(i), bound(j)
        separate = ((a_high is not None and b_low is not None and b_low > a_high)
                    or (b_high is not None and a_low is not None and a_low > b_high))
        wanted = apart if separate else overlapping
        if len(wanted) < MAX_PAIRS:
            wanted[describe_gap(a, b, kind, labels=(a["source"], b["source"]))] = None
            if len(apart) == MAX_PAIRS:
                break
    return list(apart or overlapping)


def consensus_lines(finding: dict) -> list[str]:
    """ "Consensus: 30 members as of ...: all 4 sources agree", one per window the finding's statements fall in."""
    return [entry["text"] for entry in finding.get("consensus") or [] if entry.get("text")]


def source_reliability(records: dict) -> list[dict]:
    """The sources by estimated reliability (checker.consensus), surest first; those without evidence last.

    Each row says what the score rests on: the windows counted, and per fact what the source stated
    against the consensus."""
    return list(reliability_rows(records))


def reliability_rows(records: dict, size: int = 1_000) -> Rows:
    """source_reliability's rows as Rows, made `size` at a time as they are read: a row a source (at 30,000
    articles, an 11 MB table on a page of its own)."""
    tracks = records.get("track_records") or {}
    sources = records.get("sources", [])

    def surest_first(at: int) -> tuple:
        reliability = sources[at].get("reliability")
        return reliability is None, -(reliability or 0), sources[at]["id"]

    order = sorted(range(len(sources)), key=surest_first)

    def row(source: dict) -> dict:
        facts = tracks.get(source["id"], [])
        reliability = source.get("reliability")
        return {"id": source["id"], "outlet": source.get("outlet") or "", "authority": bool(source.get("authority")),
                "reliability": reliability, "shown": "—" if reliability is None else f"{reliability:.2f}",
                "claims": source.get("claims", 0), "agreements": source.get("agreements", 0),
                "disagreements": source.get("disagreements", 0),
                "facts": [f"{item['fact']}{' as of ' + item['as_of'] if item.get('as_of') else ''}: "
                          f"{item['stated']} ({item['verdict']}"
                          + (f"; consensus {item['consensus']})" if item.get("consensus") is not None
                             and item["verdict"] == "disagrees" else ")") for item in facts]}

    return Rows(len(order), lambda: ([row(sources[at]) for at in part] for part in in_chunks(order, size)))


def origin_note(section: dict, separator: str = " · ") -> str:
    """ "discovered · confidence 0.72" for a discovered fact, "" for a declared one."""
    if section.get("origin") != "discovered":
        return ""
    return f"discovered{separator}confidence {section['confidence']:.2f}"


def has_catalog(records: dict) -> bool:
    """True when a catalog declared facts; then discovered facts are reported apart, after them."""
    return any(fact.get("origin", "declared") == "declared" for fact in records.get("facts", []))


def fact_groups(records: dict) -> list[dict]:
    """The fact sections in the groups a report shows them in: {"origin", "title", "sections"}.

    With a catalog, the declared facts (title None), then the discovered ones under DISCOVERED_TITLE;
    without one, every fact in one untitled group. Empty groups are left out.
    """
    sections = fact_sections(records)
    if not has_catalog(records):
        return [{"origin": "all", "title": None, "sections": sections}] if sections else []
    groups = [{"origin": "declared", "title": None,
               "sections": [s for s in sections if s["origin"] != "discovered"]},
              {"origin": "discovered", "title": DISCOVERED_TITLE,
               "sections": [s for s in sections if s["origin"] == "discovered"]}]
    return [group for group in groups if group["sections"]]


def mention_sources(records: dict) -> list[dict]:
    """Every mention the grammar found, per source (sorted by id): what a report lists when it has no facts."""
    sources = {source["id"]: source for source in records.get("sources", [])}
    listed = []
    for entry in sorted(records.get("mentions", []), key=lambda m: m["source"]):
        items = entry.get("items")
        if items is None:  # an older records dict that kept only the count
            continue
        rows = items.map(_mention_row) if isinstance(items, Rows) else [_mention_row(m) for m in items]
        listed.append({"source": entry["source"], "outlet": sources.get(entry["source"], {}).get("outlet"),
                       "mentions": rows})
    return listed


def _mention_row(mention: dict) -> dict:
    """A mention as a report lists it, its value as stated (as_stated)."""
    kind = mention.get("kind") or ""
    low, high = ((mention["stated_low"], mention["stated_high"]) if "stated_low" in mention
                 else (mention.get("low"), mention.get("high")))
    return {"value_text": mention["value_text"], "kind": kind, "interval": compact_interval(low, high, kind),
            "unit": mention.get("unit") or "", "modality": mention.get("modality") or "reported",
            "start": mention.get("start"), "end": mention.get("end")}


def fact_sections(records: dict) -> list[dict]:
    """Facts in report order, each with its findings and observations: with a catalog, declared facts
    before discovered ones; then the most pressing status first, then key."""
    catalog = {fact["key"]: fact for fact in records.get("facts", [])}
    labels = fact_labels(records)
    # every statement sorted once, each fact's then in that order, and each statement's place kept for the
    # findings' details
    ordered = sorted(records.get("observations", []), key=observation_order)
    place = {observation["id"]: at for at, observation in enumerate(ordered)}
    by_fact: dict[str, list[dict]] = {}
    for observation in ordered:
        by_fact.setdefault(observation["fact"], []).append(observation)
    findings_by_fact: dict[str, list[dict]] = {}
    for finding in records.get("findings", []):
        findings_by_fact.setdefault(finding["fact"], []).append(finding)
    observations_by_id = {o["id"]: o for o in records.get("observations", [])}
    sections = []
    for key in sorted(set(by_fact) | set(findings_by_fact)):
        fact = catalog.get(key, {})
        kind = fact.get("kind") or next((o.get("kind") for o in by_fact.get(key, [])), "") or ""
        # A conflict with the fact's reference (CK301) comes first among its findings.
        findings = sorted(findings_by_fact.get(key, []),
                          key=lambda f: (status_rank(f["status"]), f.get("reference") is None, f["id"]))
        statuses = sorted({f["status"] for f in findings}, key=status_rank) or ["none"]
        sections.append({
            "key": key,
            "label": labels.get(key, key),
            "kind": kind,
            "fact": fact,
            "origin": fact.get("origin") or "declared",
            "confidence": fact.get("confidence", 1),
            "evidence": list(fact.get("evidence") or []),
            "statuses": statuses,
            "worst": statuses[0],
            "findings": [{**f, "details": finding_details(f, observations_by_id, kind, place)} for f in findings],
            "observations": by_fact.get(key, []),
        })
    order = {key: number for number, (key, _) in enumerate(section_order(records))}
    sections.sort(key=lambda s: order[s["key"]])
    return sections


def fact_labels(records: dict) -> dict[str, str]:
    """Each catalogued fact's title in the reports: its label, else its key (a fact the catalog lacks: its key)."""
    return {fact["key"]: fact.get("label") or fact["key"] for fact in records.get("facts", [])}


def section_order(records: dict) -> list[tuple[str, int]]:
    """(key, how many statements) of each fact of fact_sections, in its order: with a catalog, declared facts before
    discovered ones; then the most pressing status first, then key. Worked out from the findings' statuses and the
    statements' facts alone, without the sections (a large corpus's report names its facts' pages by their places
    before it makes them: checker.report.split)."""
    catalog = {fact["key"]: fact for fact in records.get("facts", [])}
    counts: dict[str, int] = {}
    for observation in records.get("observations", []):
        counts[observation["fact"]] = counts.get(observation["fact"], 0) + 1
    worst: dict[str, int] = {}
    for finding in records.get("findings", []):
        rank = status_rank(finding["status"])
        worst[finding["fact"]] = min(worst.get(finding["fact"], rank), rank)
    apart, unknown = has_catalog(records), status_rank("none")

    def discovered(key: str) -> bool:
        return apart and (catalog.get(key, {}).get("origin") or "declared") == "discovered"

    return [(key, counts.get(key, 0)) for key in sorted(set(counts) | set(worst),
                                                        key=lambda key: (discovered(key), worst.get(key, unknown), key))]
