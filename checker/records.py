"""The audit as plain records: the audit.json contract, read by every formatter.

Only JSON types, no NaN, stable order, so the same input gives byte-identical output.

Rows are built column by column (each column converted to Python values once, then zipped into
dicts) rather than with DataFrame.to_dict("records"), which boxes every cell through pandas one
at a time: the same records, a fraction of the time on a corpus of a thousand documents.
"""
from __future__ import annotations

import math

# Imported here, not lazily: this module is only loaded by AuditResult.as_records, after the audit ran.
import numpy as np
import pandas as pd

from checker.consensus_words import made_entry
from checker.mentionstore import MentionStore, mention_frame
from checker.sharedkeys import maker

OBSERVATION_FIELDS = ("source", "fact", "value_text", "phrase", "quote", "start", "end", "line", "low", "high", "unit",
                      "as_of", "as_of_basis", "modality", "kind", "qualifier", "tolerance", "precision", "derived",
                      "flags")
# the statements' fields whose numbers repeat, held once each (SharedNumbers): bounds and offsets
SHARED_FIELDS = ("low", "high", "start", "end")
MENTION_FIELDS = ("kind", "value_text", "start", "end", "low", "high", "unit", "qualifier", "tolerance", "modality",
                  "flags")
SOURCE_FIELDS = ("path", "title", "outlet", "published", "format", "sha256")


def plain(value):
    """A JSON-safe value: numpy scalars to Python, NaN to None, whole floats to int."""
    kind = type(value)
    if kind is float:   # (most calls: a statement's bounds and offsets) asked first, with no attribute looked for
        if not math.isfinite(value):
            return None
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
    if kind is str or kind is int or kind is bool or value is None:
        return value
    if hasattr(value, "item") and not isinstance(value, (list, tuple, dict, str)):
        return plain(value.item())   # a NumPy scalar: its Python value
    if isinstance(value, float):   # another type of float
        return plain(float(value))
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def with_meant_interval(row: dict) -> dict:
    """`low`/`high` become the interval a reader means (checker.reconcile.meant_interval: "about 100,000" is
    [90000, 110000]); the value as stated stays in `stated_low`/`stated_high`, the wording's tolerance in
    `tolerance`. The row keeps its field order, the stated bounds right after the meant ones."""
    from checker.reconcile import meant_interval

    low, high = meant_interval(row["low"], row["high"], row["kind"], row["tolerance"], row["value_text"] or "")
    out: dict = {}
    for key, value in row.items():
        if key == "low":
            out["low"] = plain(low)
        elif key == "high":
            out.update(high=plain(high), stated_low=row["low"], stated_high=row["high"])
        else:
            out[key] = value
    return out


def meant_rows(keys: tuple[str, ...], rows, share=None) -> list[dict]:
    """with_meant_interval of dict(zip(keys, values)) for each tuple of values in `rows` (keys holding "low" and
    "high" side by side): the same dicts, made in one step each instead of key by key (`share`: meant_values')."""
    out_keys, values = meant_values(keys, rows, share)
    make = maker(out_keys)   # the records share one table of keys (checker.sharedkeys: memory)
    return [make(row) for row in values]


def meant_values(keys: tuple[str, ...], rows, share=None) -> tuple[tuple[str, ...], list[tuple]]:
    """(the keys of meant_rows' dicts, each dict's values as a tuple in their order). `share`: a SharedNumbers that
    the meant bounds are taken through."""
    from checker.reconcile import meant_interval

    at_low = keys.index("low")
    assert keys[at_low + 1] == "high"
    at_kind, at_tolerance, at_text = keys.index("kind"), keys.index("tolerance"), keys.index("value_text")
    out_keys = keys[:at_low + 2] + ("stated_low", "stated_high") + keys[at_low + 2:]
    made = []
    for values in rows:
        stated_low, stated_high = values[at_low], values[at_low + 1]
        low, high = meant_interval(stated_low, stated_high, values[at_kind], values[at_tolerance],
                                   values[at_text] or "")
        low, high = plain(low), plain(high)
        if share is not None:
            low, high = share(low), share(high)
        made.append(values[:at_low] + (low, high, stated_low, stated_high) + values[at_low + 2:])
    return out_keys, made


class SharedNumbers:
    """One object for equal numbers: `share(value)` is the first int (or float) equal to `value` it was given, any
    other value itself. The statements' records box their bounds and offsets, each a number object of its own (28
    bytes), where a fact's statements mostly state a few values: at 30,000 articles 75,000 records gave 450,000 such
    objects for about 5,600 values (13 of the records' 30 MB). Ints and floats are kept apart, as a JSON writer
    tells them apart (3 and 3.0 are equal keys); a bool is neither (True is an int equal to 1)."""

    def __init__(self) -> None:
        self.ints: dict = {}
        self.floats: dict = {}

    def __call__(self, value):
        kind = type(value)
        if kind is int:
            return self.ints.setdefault(value, value)
        if kind is float:
            return self.floats.setdefault(value, value)
        return value


def _column(frame, name, share=None) -> list:
    """One column as plain Python values: what `plain(row[name])` gives for each row of to_dict("records"); each
    taken through `share` (a SharedNumbers), if given."""
    values = _plain_column(frame, name)
    return values if share is None else list(map(share, values))


def _plain_column(frame, name) -> list:
    series = frame[name]
    if isinstance(series.dtype, np.dtype) and series.dtype.kind in "iub":
        return series.tolist()  # Python ints and bools: already plain
    if isinstance(series.dtype, np.dtype) and series.dtype.kind == "f":
        return [plain(value) for value in series.tolist()]
    # Object and extension columns (strings, nullable numbers): cells as stored, pandas' NA read as None
    # the way to_dict boxes it.
    return [value if type(value) is str else None if value is pd.NA else plain(value)
            for value in series.to_numpy(dtype=object).tolist()]


def _rows(frame, id_column: str, fields: tuple[str, ...]) -> list[dict]:
    """{"id": frame[id_column], field: plain value, ...} per row, in the frame's order."""
    make = maker(("id",) + fields)
    return [make(row) for row in _row_values(frame, id_column, fields)]


def _row_values(frame, id_column: str, fields: tuple[str, ...], share=None, shared=()):
    """(frame[id_column], plain values of `fields`...) per row, in the frame's order; the columns named in `shared`
    taken through `share` (a SharedNumbers)."""
    return zip(*([_column(frame, id_column)] + [_column(frame, name, share if name in shared else None)
                                                for name in fields]))


class Early:
    """The records' parts that read neither the findings nor the consensus (the sources, the observations, each
    source's mention Rows), made while those are worked out (checker.audit: the consensus in a second process),
    for one audit_records of the very tables they were made from (its mentions made again unless lazy)."""

    def __init__(self, documents, observations, mentions, held=None) -> None:
        # `held`: what the audit's result holds in place of `observations` (a checker.spill.SpilledFrame of them)
        self.tables = (documents, observations if held is None else held, mentions)
        self.parts = _early_parts(documents, observations, mentions, lazy=True)

    def observation_ids(self) -> list:
        """The id of each statement, in the order of the observations they were made from: the very strings the
        records hold."""
        return [record["id"] for record in self.parts[3]]

    def take(self, result, lazy: bool):
        """The parts, once, when `result` holds the tables they were made from (None otherwise)."""
        tables, self.tables = self.tables, None
        parts, self.parts = self.parts, None
        if tables is None or any(a is not b for a, b in
                                 zip(tables, (_held_documents(result)[0], _held_observations(result),
                                              _held_mentions(result)))):
            return None
        return parts if lazy else (*parts[:-1], _mention_items(result.mentions))


def _early_parts(documents, observations, mentions, lazy: bool) -> tuple:
    """(documents in id order, their ids, SOURCE rows, observation records, mention items by source)."""
    documents = documents.sort_values("source")
    share = SharedNumbers()
    observations = meant_rows(("id",) + OBSERVATION_FIELDS, _row_values(observations, "observation",
                                                                      OBSERVATION_FIELDS, share, SHARED_FIELDS),
                              share)
    if lazy:
        by_source = _stored_mention_items(mentions) if isinstance(mentions, MentionStore) else \
            _lazy_mention_items(mentions)
    else:
        by_source = _mention_items(mention_frame(mentions))
    return documents, _column(documents, "source"), _source_rows(documents), observations, by_source


# What _add_reliability sets on each source, in its order, and the value it starts from
_RELIABILITY_FIELDS = {"authority": False, "reliability": None, "claims": 0, "agreements": 0, "disagreements": 0}


def _source_rows(documents) -> list[dict]:
    """SOURCE rows with _add_reliability's fields made with the rest: set later, a key a dict lacks makes it a
    table of keys of its own (at 30,000 sources 14 MB more than one shared)."""
    make = maker(("id",) + SOURCE_FIELDS + tuple(_RELIABILITY_FIELDS))
    added = tuple(_RELIABILITY_FIELDS.values())
    return [make(values + added) for values in _row_values(documents, "source", SOURCE_FIELDS)]


def audit_records(result, lazy: bool = False) -> dict:
    """The records. With `lazy`, each source's mention `items` are Rows (checker.rows), made from the
    mentions table a chunk at a time whenever a report walks them, instead of a list of dicts."""
    early = getattr(result, "early", None)
    parts = early.take(result, lazy) if early is not None else None
    held, texts = _held_documents(result)
    documents, document_ids, sources, observations, by_source = parts or _early_parts(
        held, result.observations, _held_mentions(result), lazy)
    del held
    track_records = _add_reliability(sources, documents, getattr(result, "reliability", None))
    facts = result.catalog.as_records() if hasattr(result.catalog, "as_records") else []
    facts_by_key = {fact["key"]: fact for fact in facts}
    findings = [_finding(row, facts_by_key.get(row["fact"], {}))
                for row in result.findings.to_dict("records")]  # a handful of rows: no need to be clever
    make_entry = maker(("source", "count", "items"))   # a source's mentions entry: one table of keys for all
    summary = {"sources": len(sources), "facts": len({o["fact"] for o in observations}),
               "observations": len(observations), "mentions": int(len(_held_mentions(result)))}
    for status in ("conflict", "implausible", "resolved_by_correction", "change_over_time", "modality_only",
                   "consistent", "single_source"):
        summary[status] = sum(1 for f in findings if f["status"] == status)
    return {
        "schema_version": 1,
        "corpus": result.corpus,
        "summary": summary,
        "sources": sources,
        "facts": facts,
        "observations": observations,
        "findings": findings,
        "track_records": track_records,
        # What the catalog asks that the corpus never answers (checker.catalog_warnings): never fatal.
        "catalog_warnings": [dict(warning) for warning in getattr(result, "warnings", None) or []],
        "rules": [{k: plain(v) if k != "kwargs" else _plain_tree(v) for k, v in r.items()}
                  for r in result.rule_results],
        # Every value the grammar found, per source, whether or not a fact claimed it: without a
        # catalog this is the whole audit.
        "mentions": [make_entry((s, len(by_source.get(s, [])), by_source.get(s, []))) for s in document_ids],
        # a corpus's texts spilled to a file (checker.spill) are read from it a source at a time when lazy
        "texts": dict(zip(document_ids, _column(documents, "text"))) if texts is None else
        texts if lazy else dict(zip(document_ids, texts.column(document_ids))),
    }


def _held_documents(result) -> tuple:
    """(the audit's documents as held, their spilled texts or None): AuditResult.held_documents."""
    return result.held_documents() if hasattr(result, "held_documents") else (result.documents, None)


def _held_observations(result):
    """The audit's statements as held: a frame, or a SpilledFrame not read (AuditResult.held_observations)."""
    return result.held_observations() if hasattr(result, "held_observations") else result.observations


def _held_mentions(result):
    """The audit's mentions as held: a frame, or a MentionStore not made into one."""
    return result.held_mentions() if hasattr(result, "held_mentions") else result.mentions


def _stored_mention_items(store: MentionStore) -> dict:
    """_lazy_mention_items of a MentionStore's frame, read from the store (its block snapshots, or the stage cache)
    a group of GROUP documents (in id order) at a time, as the reports walk the sources: the frame is never made.
    A group's values are the frame's, converted as _lazy_mention_items converts theirs, so the items are the same.
    Walks out of id order (the pages of a corpus with no fact, in date order) read a group each; after as many
    as there are groups, the store's frame is made once and walked as _lazy_mention_items walks it."""
    from checker.rows import CHUNK, Rows

    ids = store.documents["source"].tolist()
    order = sorted(range(len(ids)), key=ids.__getitem__)   # the sources in the order audit.json lists them
    order = [position for position in order if store.counts[position]]
    group_of = {ids[position]: at // GROUP for at, position in enumerate(order)}
    groups = -(-len(order) // GROUP)
    held: dict = {}     # the last group read: source -> (keys, values)
    state = {"jumps": 0, "next": 0, "whole": None}

    def group_values(number: int) -> dict:
        if number not in held:
            held.clear()
            mentions = store.part(order[number * GROUP:(number + 1) * GROUP])
            mentions = mentions.sort_values(["source", "start", "end"], kind="stable")
            sources = _column(mentions, "source")
            keys, values = meant_values(MENTION_FIELDS, zip(*[_column(mentions, name) for name in MENTION_FIELDS]))
            cuts = [0] + [at for at in range(1, len(sources)) if sources[at] != sources[at - 1]] + [len(sources)]
            held[number] = {sources[a]: (keys, values[a:b]) for a, b in zip(cuts, cuts[1:])}
        return held[number]

    def chunks(source: str):
        number = group_of[source]
        if state["whole"] is None and number not in held and number != state["next"]:
            state["jumps"] += 1
            if state["jumps"] > groups:
                held.clear()
                state["whole"] = _lazy_mention_items(store.frame())
        if state["whole"] is not None:
            yield from state["whole"][source].chunks()
            return
        if number not in held:
            state["next"] = number + 1
        keys, values = group_values(number)[source]
        for at in range(0, len(values), CHUNK):
            yield [dict(zip(keys, row)) for row in values[at:at + CHUNK]]

    # a source's Rows walk chunks(source): one function for every source (a closure apiece held 10 MB at 30,000)
    return {ids[position]: Rows(store.counts[position], chunks, ids[position]) for position in order}


GROUP = 64   # documents whose mentions _stored_mention_items reads from the store at once


def _mention_items(mentions) -> dict[str, list[dict]]:
    """Each source's mentions as audit.json lists them, in (start, end) order."""
    by_source: dict[str, list[dict]] = {}
    mentions = mentions.sort_values(["source", "start", "end"])
    sources = _column(mentions, "source")
    items = meant_rows(MENTION_FIELDS, zip(*[_column(mentions, name) for name in MENTION_FIELDS]))
    for source, item in zip(sources, items):
        by_source.setdefault(source, []).append(item)
    return by_source


def _lazy_mention_items(mentions) -> dict:
    """_mention_items as Rows: only the sorted row order is kept (8 bytes a mention), and a walk converts
    CHUNK rows of the table at a time, as _mention_items converts them all."""
    from checker.rows import CHUNK, Rows

    # The order _mention_items sorts them in, as positions: the same sort of the same three columns.
    keys = mentions[["source", "start", "end"]].reset_index(drop=True)
    order = keys.sort_values(["source", "start", "end"]).index.to_numpy()
    sources = keys["source"].to_numpy(dtype=object)[order]
    del keys
    cuts = np.flatnonzero(sources[1:] != sources[:-1]) + 1 if len(sources) else np.array([], dtype=np.int64)
    bounds = [0, *cuts.tolist(), len(sources)]

    # The table is converted CHUNK rows of the sorted order at a time, across sources (a conversion a source cost a
    # pandas take and eleven column reads per source: most of the reports' time at 10,000 short documents); the
    # last block's values are kept, so a walk through the sources in order converts each block once. Walks out of
    # that order (the sources' pages, in date order, of a corpus with no fact: every source's values are Rows)
    # converted a block per source, 40 s at 10,000 articles: after as many as there are blocks, every column is read
    # in the sorted order once, and each source's rows are sliced from them. Each walk gets new dicts, as before.
    block: dict = {}
    columns: dict = {}   # name -> every row's values in the sorted order, once walks went out of order often
    walked = [0]         # where the last walk ended
    # Walks out of order convert the block they start in, until there were as many such as blocks: from then on
    # the whole table is read once (a re-audit after one edit walks only the edited sidecar's sources: reading
    # every column of the table for them was a fifth of a second at 10,000 articles)
    jumps, blocks = [0], -(-len(order) // CHUNK)

    def values_of(number: int) -> tuple[tuple[str, ...], list[tuple]]:
        if number not in block:
            block.clear()
            part = mentions.take(order[number * CHUNK:(number + 1) * CHUNK])
            block[number] = meant_values(MENTION_FIELDS, zip(*[_column(part, name) for name in MENTION_FIELDS]))
        return block[number]

    def sliced(position: int, end: int) -> tuple[tuple[str, ...], list[tuple]]:
        if not columns:
            block.clear()
            ordered = mentions.take(order)
            columns.update((name, _column(ordered, name)) for name in MENTION_FIELDS)
        return meant_values(MENTION_FIELDS, zip(*[columns[name][position:end] for name in MENTION_FIELDS]))

    def chunks(bounds: tuple[int, int]):
        position, last = bounds
        while position < last:
            number = position // CHUNK
            end = min(last, (number + 1) * CHUNK)
            jumped = number not in block and position != walked[0]
            if columns or (jumped and jumps[0] >= blocks):
                out_keys, values = sliced(position, end)
                offset = position
            else:
                jumps[0] += jumped
                out_keys, values = values_of(number)
                offset = number * CHUNK
            walked[0] = end
            yield [dict(zip(out_keys, row)) for row in values[position - offset:end - offset]]
            position = end

    return {sources[first]: Rows(last - first, chunks, (first, last)) for first, last in zip(bounds, bounds[1:])
            if last > first}


def _finding(row: dict, fact: dict) -> dict:
    """A finding as audit.json writes it. It is as sure as its fact: a declared fact is certain (1), a
    discovered one carries the confidence of its grouping."""
    return {"id": row["finding"], "fact": row["fact"], "status": row["status"], "severity": row["severity"],
            "observations": list(row["observations"]), "rule": row["rule"], "message": row["message"],
            "explanation": row.get("explanation") or "", "origin": fact.get("origin", "declared"),
            "confidence": fact.get("confidence", 1), "reference": _plain_tree(row.get("reference")),
            "consensus": _plain_tree(row.get("consensus") if isinstance(row.get("consensus"), list) else [])}


def _add_reliability(sources: list[dict], documents, reliability) -> dict[str, list[dict]]:
    """Each source's `authority` flag, `reliability` (checker.consensus; None without evidence) and the counts
    behind it, as flat fields; returns the facts behind it per source (audit.json's `track_records`)."""
    flags = dict(zip(documents["source"].tolist(), documents["authority"].tolist())) \
        if "authority" in documents.columns else {}
    # each source's values as a tuple of the columns' lists, not a dict apiece (to_dict: at 30,000 sources 12 MB
    # more at the peak of the audit's process)
    names = ("reliability", "claims", "agreements", "disagreements", "facts")
    rows = dict(zip(reliability["source"].tolist(), zip(*(reliability[name].tolist() for name in names)))) \
        if reliability is not None and len(reliability) else {}
    track_records = {}
    for source in sources:
        row = rows.get(source["id"])
        source["authority"] = flags.get(source["id"]) is True
        source["reliability"] = plain(row[0]) if row else None
        for at, name in enumerate(("claims", "agreements", "disagreements"), 1):
            source[name] = int(row[at]) if row else 0
        track_records[source["id"]] = _plain_track(row[4]) if row else []
    return track_records


def _plain_track(entries: list) -> list:
    """A source's track record as audit.json writes it (_plain_tree of it): its entries as they are where the
    consensus made them so (checker.consensus_words.track_records: keys in sorted order, plain values), not made
    again (at 30,000 articles, 75,000 dicts)."""
    if all(made_entry(entry) and _ATOMS.issuperset(map(type, entry.values())) for entry in entries):
        return list(entries)
    return _plain_tree(entries)


def _plain_tree(value):
    if isinstance(value, dict):
        if _ATOMS.issuperset(map(type, value.values())):   # plain already (a track record's entry): sorted only
            items = sorted(value.items())
            return maker([str(k) for k, _ in items])([v for _, v in items])
        return {str(k): _plain_tree(v) for k, v in sorted(value.items())}
    if isinstance(value, (list, tuple)):
        return [_plain_tree(v) for v in value]
    return plain(value)


# the values plain() returns as they are: a dict of these alone is walked by one type test per value (the track
# records of 10,000 sources, 160,000 values, were half of making the records after the consensus)
_ATOMS = frozenset({str, int, bool, type(None)})
