"""What checker.consensus says to a person: a window's line, and each source's track record."""
from __future__ import annotations

import math

from checker.sharedkeys import maker


def window_text(entry: dict, window, voices: list, kind: str, unit: str | None) -> str:
    from checker.values import prose_interval

    when = f" as of {entry['as_of']}" if entry["as_of"] else ""
    plan = " (planned)" if window.claim == "planned" else ""
    said = said_by_source(window, kind, unit)
    total = entry["total_sources"]
    copies = _copies_note(voices)
    if entry["status"] == "none":
        camps = _camps(window, voices, kind, unit)
        if len(camps) == 2 and len(voices) == 2:
            (a, _), (b, _) = camps
            text = f"1 against 1: no consensus{when}{plan} ({a}; {b})"
        else:
            text = f"no consensus{when}{plan}: " + "; ".join(words for words, _ in camps)
        return text + copies
    value = prose_interval(entry["low"], entry["high"], kind, unit)
    if entry["status"] == "single":
        return f"{value}{when}{plan}: only {', '.join(entry['supporters'])} states it" + copies
    if entry["status"] == "unanimous":
        every = "both sources agree" if total == 2 else f"all {total} sources agree"
        return f"{value}{when}{plan}: {every}" + copies
    share = f"{round(100 * entry['weight_share'])}%"
    against = "; ".join(f"{source} says {said[source]}" for source in entry["dissenters"][:3])
    more = len(entry["dissenters"]) - 3
    if more > 0:
        against += f"; {more} more"
    return (f"{value}{when}{plan}: {entry['support_sources']} of {total} sources, {share} of the weight, "
            f"support it; {against}") + copies


def said_by_source(window, kind: str, unit: str | None) -> dict[str, str]:
    """source -> what it states in the window ("12 and 14 ferries"). Worked out once per window, kind and unit: a
    window's line asks for it twice, its track records again (a window keeps it in its `said`, when it has one),
    and each source's values in the order it states them once per window (_stated: the line says them in the
    fact's unit, the track records without one)."""
    from checker.values import prose_interval

    kept = getattr(window, "said", None)
    if kept is not None and (kind, unit) in kept:
        return kept[kind, unit]
    said: dict[str, list[str]] = {}
    words: dict[tuple, str] = {}   # one window states few distinct values, each many times
    for source, values in _stated(window).items():
        texts = said[source] = []
        for value in values:
            text = words.get(value) if type(value[0]) is float and type(value[1]) is float else None
            if text is None:
                text = prose_interval(plain(value[0]), plain(value[1]), kind, unit)
                if type(value[0]) is float and type(value[1]) is float:
                    words[value] = text
            if text not in texts:
                texts.append(text)
    result = {source: " and ".join(texts) for source, texts in said.items()}
    if kept is not None:
        kept[kind, unit] = result
    return result


def _stated(window) -> dict[str, list[tuple]]:
    """source -> its values (low, high) in the window, each once, in the order of its statements (by id): kept in
    the window's `said` under None, when it has one."""
    kept = getattr(window, "said", None)
    found = kept.get(None) if kept is not None else None
    if found is not None:
        return found
    stated: dict[str, dict[tuple, None]] = {}
    for row in sorted(window.rows, key=lambda r: (r["source"], r["observation"])):
        stated.setdefault(row["source"], {}).setdefault((row["low"], row["high"]))
    found = {source: list(values) for source, values in stated.items()}
    if kept is not None:
        kept[None] = found
    return found


def _camps(window, voices: list, kind: str, unit: str | None) -> list[tuple[str, int]]:
    """ "opslens says 7 meetings" per value, the sources saying one value together."""
    said = said_by_source(window, kind, unit)
    camps: dict[str, list[str]] = {}
    for source in sorted(said):
        camps.setdefault(said[source], []).append(source)
    ordered = sorted(camps.items(), key=lambda item: (-len(item[1]), item[0]))
    return [(f"{' and '.join(sources)} {'say' if len(sources) > 1 else 'says'} {value}", len(sources))
            for value, sources in ordered]


def _copies_note(voices: list) -> str:
    shared = [voice.sources for voice in voices if len(voice.sources) > 1]
    if not shared:
        return ""
    return " (one voice, same wording: " + "; ".join(", ".join(group) for group in shared) + ")"


# --- track records -------------------------------------------------------------------------------------


# A track record's entry, its keys in sorted order as audit.json writes it: one table of keys for every entry
# (checker.sharedkeys), and checker.records takes the entries as they are
TRACK_FIELDS = ("as_of", "claim", "consensus", "fact", "stated", "verdict")


def made_entry(entry) -> bool:
    """Whether `entry` is a track record's entry as track_records makes it: a dict of TRACK_FIELDS, in that order."""
    return type(entry) is dict and tuple(entry) == TRACK_FIELDS


def track_records(windows: list, accuracy: dict[str, float], sources: list[str],
                  records: list[dict]) -> list[dict]:
    """RELIABILITY rows: each source's accuracy, the windows counted, and its verdict in every window."""
    by_key = {record["key"]: record for record in records}
    track: dict[str, list[tuple]] = {source: [] for source in sources}   # (entry's values, counted)
    for window in windows:
        record = by_key[f"{window.fact}#{window.claim}#{window.index}"]
        contested = len(window.voices) >= 2
        kind, unit = window.rows[0]["kind"], window.rows[0]["unit"]
        said = said_by_source(window, kind, None)
        words = _consensus_words(record, kind)   # the window's, one string for its every entry (memory, pickled)
        supporters = set(record["supporters"])
        intervals: dict[str, list[tuple]] = {}
        for row in window.rows:
            intervals.setdefault(row["source"], []).append((row["cmp_low"], row["cmp_high"]))
        for source in sorted(intervals):
            if not contested:
                verdict = "alone"
            elif record["status"] == "none":
                verdict = "no consensus"
            elif source in supporters:
                verdict = "agrees"
            else:
                verdict = "disagrees"
            if window.reference and contested:
                right = any(low <= ref["cmp_high"] and ref["cmp_low"] <= high
                            for low, high in intervals[source] for ref in window.reference)
                verdict = "agrees with the reference" if right else "contradicts the reference"
            track[source].append(((record["as_of"], window.claim, words, window.fact, said[source], verdict),
                                  contested))
    make = maker(TRACK_FIELDS)
    at_verdict = TRACK_FIELDS.index("verdict")
    rows = []
    for source in sources:
        counted = [values[at_verdict] for values, contested in track[source] if contested]
        rows.append({"source": source,
                     "reliability": round(accuracy[source], 3) if counted else None,
                     "claims": len(counted),
                     "agreements": sum(1 for verdict in counted if verdict.startswith("agrees")),
                     "disagreements": sum(1 for verdict in counted if verdict in ("disagrees",
                                                                                  "contradicts the reference")),
                     "facts": [make(values) for values, _ in track[source]]})
    return rows


def _consensus_words(record: dict, kind: str) -> str | None:
    from checker.values import compact_interval

    if record["status"] == "none":
        return None
    return compact_interval(record["low"], record["high"], kind)


def plain(value):
    if missing(value):
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))
