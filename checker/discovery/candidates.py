"""Discovery's per-document part: which mentions of a document it groups, their family, slot and words.

Steps 1 to 3 of checker.discovery's method, and what step 4 reads: a mention is a candidate when it states a value
of its own; only statements of one family can be one fact; one document's statements of one family that state one
value are one slot. Each document's candidates depend on that document (and the catalog's bound mentions) alone, so
they are made where its other stages run (a pool's worker, a Spark executor), cached with them, and handed to the
grouping (checker.discovery.grouping) as encoded tables (`candidate_tables`), read back a column at a time
(`_CandidateRows`).
"""
from __future__ import annotations

import hashlib
import json
import re
import zlib
from bisect import bisect_right
from dataclasses import field
from itertools import accumulate, compress
from operator import itemgetter
from pathlib import Path

import orjson

from checker.cache import BETWEEN_TABLES, SEPARATOR, joined_tables
from checker.mentions.quantities import lemma
from checker.reading import BASELINE_WORDS, LEVEL_READ_ON, OF_THEM_AFTER, OFFSET_AFTER, SAYING, UNITS_WORDS, term_of
from checker.reconcile import rounding_of, tolerance_below
from checker.units import SCALES, dimension

CANDIDATE_KINDS = {"count", "quantity", "money", "percent", "duration", "date", "ordinal"}
SKIP_FLAGS = {"other", "each", "comparative", "part", "name", "deictic", "restated", "bar", "scale"}   # bar: "children under five"
PERIOD_LABELS = {"fiscal", "financial", "model", "season", "class", "vintage", "academic", "tax", "calendar",
                 "school", "budget", "cycle", "term"}
CLOCK_UNITS = {"second", "minute", "hour"}
REPETITIONS = {"time", "times", "fold"}
MOMENT_NOUNS = {"lap", "round", "inning", "stage", "leg", "floor", "storey", "story", "mile", "kilometre", "km"}

SCALES_OF = {unit: scale for unit, (_, scale) in SCALES.items()}


def _code_digest() -> str:
    """A digest of this package's sources (checker.discovery: the candidates, the grouping, the facts made of it)
    and of the modules whose functions it groups with, so that any change to how candidates are read or grouped
    is a miss in the stage cache by construction, never a version someone must remember to bump (the observation
    rows, made by checker.binding, are never cached here)."""
    from checker import catalog, reading, reconcile, units
    from checker.mentions import quantities

    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode("utf-8") + b"\0" + path.read_bytes())
    for module in (catalog, quantities, reading, reconcile, units):
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()[:12]


# Part of the keys of a document's candidates and of the grouping in the stage cache.
DISCOVERY_VERSION = "c1-" + _code_digest()


def candidate_columns() -> list[str]:
    """The columns of a document's candidate table: its mentions' and their readings' (as one merged row),
    the statement's family (a JSON list), its slot among the document's statements (step 3) and its shape
    (`_shape`, what the grouping's memo is kept under)."""
    from checker.columns import MENTIONS, READINGS

    return [*MENTIONS, *[name for name in READINGS if name != "mention"], "family", "slot", "shape"]


def candidate_tables(documents, mentions: list, readings: list, observations: dict, *,
                     cache_dir=None) -> list[list[str]]:
    """Each document's candidates (steps 1 and 3: the part of discovery that reads one document at a time), as
    an encoded table (checker.cache), in the order of `documents`.

    `mentions` are the documents' MENTIONS tables in that order, `readings` the READINGS tables of those with
    mentions, `observations` the bound OBSERVATIONS tables by document id (checker.pipeline's tables). A
    document's candidates depend on those tables, its text and its day alone; with a `cache_dir` they are
    cached under the keys of the stages they come from and the mentions bound, so after one edit only that
    document is read again.
    """
    from checker.cache import StageCache, columns_of
    from checker.mentions import GRAMMAR_VERSION
    from checker.reading import READING_VERSION

    names = candidate_columns()
    cache = StageCache(cache_dir, names) if cache_dir is not None else None
    bound_at = _bound_column()
    readings_of = iter(readings)
    inputs, keys = [], {}
    for doc, mention_table in zip(documents.itertuples(index=False), mentions):
        reading_table = next(readings_of) if mention_table[0] else None
        observed = observations.get(doc.source)
        bound = observed[bound_at] if observed and bound_at is not None else ""
        inputs.append((doc, mention_table, reading_table, bound))
        if cache is not None and doc.sha256 and reading_table is not None:
            digest = hashlib.sha256(bound.encode("utf-8")).hexdigest()[:16]
            keys[doc.source] = (f"disc-{DISCOVERY_VERSION}-{READING_VERSION}-{GRAMMAR_VERSION}:{doc.sha256}:"
                                f"{doc.published}:{doc.source}:{digest}")
    stored = cache.get_many(keys.values()) if cache is not None else {}
    tables, fresh = [], {}
    for doc, mention_table, reading_table, bound in inputs:
        key = keys.get(doc.source)
        if key in stored:
            tables.append(stored[key])
            continue
        if reading_table is None:
            tables.append(_encode_candidates([], names))
            continue
        day = doc.published_low if doc.published_low and doc.published_low == doc.published_high else None
        rows = _document_candidates(columns_of(mention_table), columns_of(reading_table),
                                    set(columns_of([bound])[0]), doc.text or "", day)
        tables.append(_encode_candidates(rows, names))
        if key is not None:
            fresh[key] = tables[-1]
    if cache is not None:
        cache.put_many(fresh)
    return tables


def _bound_column() -> int | None:
    from checker.binding import BOUND_COLUMNS

    columns = list(BOUND_COLUMNS)
    return columns.index("mention") if "mention" in columns else None


def _document_candidates(mention_columns: list[list], reading_columns: list[list], bound: set[str], text: str,
                         day: str | None):
    """One document's candidate rows in the order of their offsets, each with its family and slot, made one at
    a time (a generator, which encode_table reads a row at a time): a dict of forty fields is about 2 KB, and
    a 100 MB document has over a million mentions, so they are never all held; nor is a row made for a mention
    before its turn. The slots are numbered as the rows come (`_Slotting`: a row's slot depends on the rows
    before it alone)."""
    from checker.columns import MENTIONS, READINGS

    reading_names = list(READINGS)
    at = reading_names.index("mention")
    by_mention = {mention: index for index, mention in enumerate(reading_columns[at])}
    read = [(name, values) for name, values in zip(reading_names, reading_columns) if name != "mention"]
    mention_names = list(MENTIONS)
    ids = mention_columns[mention_names.index("mention")]
    starts, ends = mention_columns[mention_names.index("start")], mention_columns[mention_names.index("end")]
    # A mention without a reading is no candidate (an inner join); stable: ties keep the mentions' order.
    order = sorted((index for index, mention in enumerate(ids) if mention in by_mention),
                   key=lambda index: (starts[index], ends[index]))
    predicates = dict(read)["predicate"]
    listed = _inventory(order, dict(zip(mention_names, mention_columns)),
                        [predicates[by_mention[mention]] if mention in by_mention else "" for mention in ids], text)
    slotting = _Slotting()
    for index in order:
        if index in listed:
            continue    # an item of an inventory ("12 AK-47 guns, three rifles, two grenades"): sources list by other
            #             categories, and its figures are no shared fact
        row = {name: column[index] for name, column in zip(mention_names, mention_columns)}
        position = by_mention[row["mention"]]
        for name, column in read:
            row[name] = column[position]
        for name, value in row.items():
            if isinstance(value, float) and value != value:
                row[name] = None
        if row["mention"] in bound:
            continue
        row["_published"], row["_text"] = day, text
        family = _family(row)
        if family is None:
            continue
        row["family"] = family
        row["slot"] = slotting.slot(row)
        row["shape"] = _shape(row)
        yield row


# What stands between two items of an inventory: a comma, perhaps items named without a figure, perhaps "and"
# (", three rifles, two grenades", ", RPG launchers, three speedboats", ", grenades and three other rifles")
_LIST_JOINT = re.compile(r"\s*,\s*(?:[\w-]+\s+){0,3}?(?:[\w-]+\s*,\s*)?(?:and\s+)?$", re.IGNORECASE)
INVENTORY_ITEMS = 3   # figured items of different things in one list, at least


def _inventory(order: list[int], column: dict, predicates: list, text: str) -> set[int]:
    """The mentions (indexes) that are items of an inventory: counts of different things listed in one sentence
    under one verb, at least INVENTORY_ITEMS of them ("recovered 12 AK-47 guns, three rifles, two grenades")."""
    counts = [index for index in order if column["kind"][index] in ("count", "number") and column["unit"][index]]
    listed: set[int] = set()
    chain = counts[:1]

    def close(chain):
        if len(chain) >= INVENTORY_ITEMS and len({column["unit"][i] for i in chain}) >= 2:
            listed.update(chain)

    for previous, index in zip(counts, counts[1:]):
        joint = text[max(int(column["end"][previous]), int(column["noun_end"][previous])):int(column["start"][index])]
        same = column["sentence_start"][previous] == column["sentence_start"][index]
        acts = {predicates[previous] or "", predicates[index] or ""} - {""}
        if same and len(acts) <= 1 and _LIST_JOINT.fullmatch(joint):
            chain.append(index)
        else:
            close(chain)
            chain = [index]
    close(chain)
    return listed


def _shape(row: dict) -> str:
    """A digest of what grouping reads of a candidate: every column but its id, offsets counted from its start
    (discovery compares a statement's offsets with its own only), its day, and the text from its sentence's
    start to the end of its sentence or counted noun."""
    start = int(row["start"])
    # An offset of 0 or less is no place in the text ("no counted noun"), and stays as it is.
    values = [[name, value - start if name in _OFFSETS and isinstance(value, int) and value > 0 else value]
              for name, value in row.items() if name not in ("mention", "_text", "shape")]
    first = max(0, min(start, int(row["sentence_start"])))
    last = max(int(row["end"]), int(row["sentence_end"]), int(row["noun_end"]))
    text = [first - start, row["_text"][first:last]]
    try:
        written = orjson.dumps([values, text], default=str)   # some 8x faster than json (a row a candidate)
    except TypeError:   # an integer past 64 bits, a lone surrogate: json writes what orjson cannot
        written = json.dumps([values, text], ensure_ascii=False, default=str).encode("utf-8", "surrogatepass")
    return hashlib.sha256(written).hexdigest()[:24]


# The candidate columns that hold offsets into the text.
_OFFSETS = {"start", "end", "noun_start", "noun_end", "sentence_start", "sentence_end", "clause_start", "clause_end",
            "phrase_start", "phrase_end"}


def _encode_candidates(rows, names: list[str]) -> list[str]:
    from checker.cache import encode_table

    return encode_table(rows, names)


def _candidate_tables_of_frames(mentions, readings, documents, bound: set[str]) -> list[list[str]]:
    """`candidate_tables` of MENTIONS and READINGS frames (an engine that ran the per-document stages
    elsewhere): each document's rows encoded as the stage cache encodes them, so the candidates are read from
    the values a cached audit reads."""
    from checker.cache import encode_table
    from checker.columns import MENTIONS, READINGS

    day_of = {source: low if low and low == high else None for source, low, high in
              zip(documents["source"].tolist(), documents["published_low"].tolist(),
                  documents["published_high"].tolist())}
    mention_rows = _rows_by_source(mentions, list(MENTIONS), "source")
    reading_rows = _rows_by_mention_source(readings, list(READINGS))
    from checker.cache import columns_of

    tables = []
    names = candidate_columns()
    for source, text in zip(documents["source"].tolist(), documents["text"].tolist()):
        found = mention_rows.get(source, [])
        if not found:
            tables.append(_encode_candidates([], names))
            continue
        mention_table = encode_table(found, MENTIONS)
        reading_table = encode_table(reading_rows.get(source, []), READINGS)
        rows = _document_candidates(columns_of(mention_table), columns_of(reading_table), bound, text or "",
                                    day_of.get(source))
        tables.append(_encode_candidates(rows, names))
    return tables


def _rows_by_source(frame, names: list[str], key: str) -> dict[str, list[dict]]:
    columns = [frame[name].tolist() for name in names]
    grouped: dict[str, list[dict]] = {}
    for values in zip(*columns):
        row = dict(zip(names, values))
        grouped.setdefault(row[key], []).append(row)
    return grouped


def _rows_by_mention_source(readings, names: list[str]) -> dict[str, list[dict]]:
    """READINGS rows by the document of their mention (a mention id is '{source}@{start}-{end}')."""
    columns = [readings[name].tolist() for name in names]
    grouped: dict[str, list[dict]] = {}
    for values in zip(*columns):
        row = dict(zip(names, values))
        grouped.setdefault(str(row["mention"]).rsplit("@", 1)[0], []).append(row)
    return grouped


PACK_BLOCK = 65_536        # characters of candidate tables compressed together (_CandidateRows._pack)


class _CandidateRows:
    """The corpus's candidate rows, documents in id order and each document's in the order of their offsets (as
    step 1 reads them), from their tables. A grouping made now (`families`) parses every column once for all
    documents (a parse per column per document was most of a re-audit's discovery); a remembered grouping
    (`_GroupingMemo`) needs only the shapes, parsed on their own; the rows of the facts' statements are made by
    `rows`, which parses the tables of their documents alone (all the columns of 110,000 rows took about 1 s).
    A table is a list of column texts, or one text of them joined by SEPARATOR (a re-audit's, as its block
    snapshots keep them: one text a document, where 42 texts took 2 KB more, 60 MB at 30,000 articles). The
    tables may also be a checker.candidatestore.CandidateStore (`store`): read from the block snapshots when asked,
    `positions` then the documents' places in it, in id order."""

    def __init__(self, tables, documents, texts=None) -> None:
        from checker.cache import loads_values
        from checker.candidatestore import CandidateStore

        self.names = candidate_columns()
        self.texts, self.days = _texts_and_days(documents, texts)
        self.store = tables if isinstance(tables, CandidateStore) else None
        if self.store is not None:
            sources = documents["source"].tolist()
            self.positions = [position for position in sorted(range(len(sources)), key=sources.__getitem__)
                              if tables.shapes[position]]
            self.tables = []
            shapes = [loads_values(tables.shapes[position]) for position in self.positions]
        else:
            self.positions = []
            self.tables = [table for _, table in sorted(zip(documents["source"].tolist(), tables),
                                                       key=lambda pair: pair[0]) if _has_rows(table)]
            shape_at = self.names.index("shape")
            if shape_at == len(self.names) - 1:   # the last column: cut off the end, not the whole table apart
                shapes = [loads_values(table.rpartition(SEPARATOR)[2] if isinstance(table, str) else table[-1])
                          for table in self.tables]
            else:
                shapes = [loads_values(_columns(table)[shape_at]) for table in self.tables]
        self.shapes = [shape for each in shapes for shape in each]
        self._hold([0, *accumulate(len(each) for each in shapes)])

    def _hold(self, firsts: list[int]) -> None:
        self.count = firsts[-1]
        self.firsts = firsts   # each table's first row
        self._packed: tuple | None = None    # (blocks, each block's first table, blocks unpacked): _pack
        self._kept = [name not in ("slot", "shape", "terms", "term_distances") for name in self.names]
        self._kept_names = list(compress(self.names, self._kept))

    def spec(self) -> tuple:
        """What of a store's rows grouping reads, to make them again in another process (`of_spec`): the store's
        blocks (not its shapes), the documents' places, each table's first row, the days."""
        return self.store, self.positions, self.firsts, self.days

    @classmethod
    def of_spec(cls, spec: tuple) -> "_CandidateRows":
        """The rows of `spec()` for grouping (`families`; no shapes, no texts)."""
        rows = cls.__new__(cls)
        rows.store, rows.positions, firsts, rows.days = spec
        rows.names, rows.texts, rows.tables, rows.shapes = candidate_columns(), {}, [], []
        rows._hold(firsts)
        return rows

    def rows(self, positions: list[int]) -> list[dict]:
        """The whole rows at `positions`, in that order: each document's table parsed once for them (its columns
        the rows keep alone), and let go when the next document's is."""
        from checker.cache import loads_values

        made: list = [None] * len(positions)
        number = columns = None
        for at in sorted(range(len(positions)), key=positions.__getitem__):
            here = bisect_right(self.firsts, positions[at]) - 1
            if here != number:
                number = here
                columns = [loads_values(text) if kept else None for text, kept in zip(self._table(number), self._kept)]
            made[at] = self._row(columns, positions[at] - self.firsts[number])
        return made

    def _table(self, number: int) -> list[str]:
        if self.store is not None:
            return self.store.table(self.positions[number]).split(SEPARATOR)
        if self._packed is None:
            return _columns(self.tables[number])
        blocks, firsts, unpacked = self._packed
        block = bisect_right(firsts, number) - 1
        if block not in unpacked:
            unpacked[block] = zlib.decompress(blocks[block]).decode("utf-8").split(BETWEEN_TABLES)
        return unpacked[block][number - firsts[block]].split(SEPARATOR)

    def _pack(self) -> None:
        """The tables compressed, PACK_BLOCK characters of consecutive tables a block, once grouping has parsed
        its columns: they (about 60 MB of text at 10,000 articles) were held through the grouping, the audit's
        peak of memory, for `rows` to read a few thousand of them after it (packed: about a quarter; 0.25 s). A
        block is the cache's joined_tables, control characters JSON never writes inside a column, so it splits back
        to the same texts. (A store's tables are held nowhere: nothing to pack.)"""
        if self.store is not None:
            return
        blocks, firsts, pending, size = [], [], [], 0
        for number, table in enumerate(self.tables):
            if not pending:
                firsts.append(number)
            pending.append(_columns(table))
            size += sum(map(len, pending[-1]))
            if size >= PACK_BLOCK or number == len(self.tables) - 1:
                blocks.append(zlib.compress(joined_tables(pending).encode("utf-8"), 1))
                pending, size = [], 0
        self._packed, self.tables = (blocks, firsts, {}), []

    def _row(self, columns: list[list], position: int) -> dict:
        # A whole row (a fact's statement: its observation row reads most columns), without the columns nothing
        # reads from it (its slot, its shape, its terms: grouping has them from families())
        row = dict(zip(self._kept_names, map(itemgetter(position), compress(columns, self._kept))))
        row["family"] = tuple(row["family"])
        source = row["source"]
        row["_published"], row["_text"] = self.days.get(source), self.texts.get(source) or ""
        return row

    def families(self):
        """Family by family: (row_of, terms_of, the numbers of the family's slots, every slot); `row_of(position)`
        makes a row anew, `terms_of(position)` its (terms, their distances) as lists; slots are lists of positions,
        each document's numbered on from the previous document's. A row (_GroupingRow) holds what grouping reads
        of it (_GROUPING_FIELDS, and its day): a whole row's 42 keys took 832 bytes, and only those columns are
        parsed, once, and held until the last family is grouped."""
        wanted = ("slot", "terms", "term_distances", *_GROUPING_FIELDS)
        if self.store is not None:   # a block of tables at a time
            chunks = self.store.tables_by_block(self.positions)
        else:
            self.tables = [_columns(table) for table in self.tables]   # each joined table split once, not a column
            chunks = [(list(range(len(self.tables))), self.tables)]
        columns = dict(zip(wanted, _parsed_columns(chunks, [self.names.index(name) for name in wanted], self.firsts)))
        # Each distinct family one tuple, which every row of it holds (tuple() of a tuple is itself): a list parsed
        # per row, and a tuple made of it per row, were a twentieth of grouping's peak
        families: dict[tuple, tuple] = {}
        columns["family"] = [families.setdefault(family, family)
                             for family in map(tuple, columns["family"])]
        self._pack()
        slots: list[list[int]] = []
        first, source = 0, None
        for position, (slot, source_of) in enumerate(zip(columns["slot"], columns["source"])):
            if source_of != source:
                source, first = source_of, len(slots)
            while len(slots) <= first + slot:
                slots.append([])
            slots[first + slot].append(position)
        numbers_of: dict[tuple, list[int]] = {}   # a slot's statements are of one family (_Slotting)
        for number, members in enumerate(slots):
            numbers_of.setdefault(tuple(columns["family"][members[0]]), []).append(number)
        fields = [columns[name] for name in _GROUPING_FIELDS]
        term_lists, distances = columns["terms"], columns["term_distances"]
        columns = None   # (its slots column read)
        # Each distinct word one object: a family's rows repeat a few thousand words some hundreds of thousands of
        # times (at 10,000 articles their copies were 32 MB of the grouping's peak), and the term vectors' keys
        # (_vector) are these same objects
        words: dict[str, str] = {}
        share = words.setdefault
        days = self.days

        def row_of(position: int) -> _GroupingRow:
            row = _GroupingRow(*[field[position] for field in fields])
            row.family = tuple(row.family)
            row._published = days.get(row.source)
            return row

        def terms_of(position: int) -> tuple[list[str], list[int]]:
            said = str(term_lists[position] or "").split()
            return list(map(share, said, said)), list(map(int, str(distances[position] or "").split()))

        for numbers in numbers_of.values():
            yield row_of, terms_of, numbers, slots


def _parsed_columns(chunks, indexes: list[int], firsts: list[int]) -> list[list]:
    """The columns at `indexes` of every table, each a list of every row's value: `chunks` yields (the tables'
    numbers, the tables as lists of column texts), and a chunk's texts are parsed, a column at a time, as it comes.
    Each distinct text one object ("reported" once, not once a row), as the other stages' frames hold them. The texts
    of every table, all read before any was parsed, were a large corpus's grouping's peak of memory (122 MB more
    than the parsed columns at 30,000 articles)."""
    from checker.cache import loads_values, shared_texts

    columns = [[None] * firsts[-1] for _ in indexes]
    seen: list[dict] = [{} for _ in indexes]
    for numbers, tables in chunks:
        runs = []   # (first row, the chunk's first value, how many) of each run of consecutive tables
        taken = 0
        for number in numbers:
            size = firsts[number + 1] - firsts[number]
            if runs and runs[-1][0] + runs[-1][2] == firsts[number]:
                runs[-1][2] += size
            else:
                runs.append([firsts[number], taken, size])
            taken += size
        for column, index, shared in zip(columns, indexes, seen):
            values = shared_texts(loads_values(",".join(table[index] for table in tables)), shared)
            for first, at, size in runs:
                column[first:first + size] = values[at:at + size]
        del tables
    return columns


def _columns(table) -> list[str]:
    """A candidate table's column texts (_CandidateRows: a list of them, or them joined)."""
    return table.split(SEPARATOR) if isinstance(table, str) else table


def _has_rows(table) -> bool:
    """Whether a candidate table has rows: its first column's text is not empty."""
    return bool(table[0]) if not isinstance(table, str) else bool(table) and not table.startswith(SEPARATOR)


# What grouping (steps 2 to 7: _idf, _vector, _group, _settle) reads of a candidate row besides its day and terms
_GROUPING_FIELDS = ("source", "family", "kind", "low", "high", "precision", "unit", "tolerance", "value_text",
                    "governor", "head", "predicate", "compound", "entity", "event", "time_text", "modality",
                    "as_of_basis", "as_of_high", "change_cue")


class _GroupingRow:
    """A candidate row as grouping reads it (families): its _GROUPING_FIELDS and its day, read as a dict's are
    (row["kind"], row.get("as_of_high")). Slots, not a dict: grouping holds every row of the largest family at
    once, and 21 slots take 200 bytes where a dict of them took 464 (the grouping process's peak at 10,000 articles
    200 MB before, 183 after; at 30,000, 488 and 435)."""
    __slots__ = (*_GROUPING_FIELDS, "_published")
    __getitem__ = object.__getattribute__

    def __init__(self, *values) -> None:
        for name, value in zip(_GROUPING_FIELDS, values):
            object.__setattr__(self, name, value)

    def get(self, name: str, default=None):
        return getattr(self, name, default)


def candidate_mentions(mentions, readings, documents, *, bound=()) -> set[str]:
    """The ids of the mentions discovery groups (step 1): the part of discovery that reads one document
    at a time, so an engine may run it where the documents are and hand back only their readings."""
    if not len(mentions):
        return set()
    return {row["mention"] for row in _candidates(mentions, readings, set(bound), *_texts_and_days(documents))}


def _texts_and_days(documents, texts=None) -> tuple:
    """Each document's text (`texts`, a mapping of them, where the frame has no text column), and its publication
    day where it names one day."""
    if texts is None:
        texts = dict(zip(documents["source"].tolist(), documents["text"].tolist()))
    days = {source: low for source, low, high in zip(documents["source"].tolist(), documents["published_low"].tolist(),
                                                     documents["published_high"].tolist()) if low and low == high}
    return texts, days


def _candidates(mentions, readings, bound: set[str], texts: dict[str, str],
                published: dict[str, str] | None = None) -> list[dict]:
    merged = mentions.merge(readings, on="mention", how="inner", sort=False)
    merged = merged.sort_values(["source", "start", "end"], kind="stable")
    names = list(merged.columns)
    # Column by column: to_dict("records") boxes every cell through pandas, most of this stage's time.
    columns = [[None if isinstance(v, float) and v != v else v for v in merged[name].tolist()] for name in names]
    rows = []
    for row in (dict(zip(names, values)) for values in zip(*columns)):
        if row["mention"] in bound:
            continue
        row["_published"] = (published or {}).get(row["source"])
        row["_text"] = texts.get(row["source"]) or ""
        family = _family(row)
        if family is None:
            continue
        row["family"] = family
        rows.append(row)
    return rows


# A verb of saying, whom it was said to, then the date: "told Playboy in 1998", "told reporters on Monday"
_TOLD_BEFORE = re.compile(r"\b(?:" + "|".join(sorted(SAYING)) + r")\s+(?:the\s+)?[A-Za-z][\w'-]*(?:\s+[A-Z][\w'-]*)?\s+"
                          r"(?:in|on|at|during|last|this|early|late)?\s*$")
# A verb of counting, a count, then the date: "had counted 31 cases on 3 February", "recorded nine new cases last
# week": the day the count speaks for (its as-of), not the day of an act
_COUNTED_BEFORE = re.compile(
    r"\b(?:count|record|report|register|log|tall(?:y|ie)|confirm|list|detect|diagnos|identif(?:y|ie))[a-z]*\s+"
    r"(?:only\s+|just\s+|another\s+|some\s+|about\s+|around\s+|nearly\s+|almost\s+|more\s+than\s+|at\s+least\s+)?"
    r"(?:\d[\d,.]*|" + "|".join(sorted(UNITS_WORDS, key=len, reverse=True)) + r")\s+"
    r"(?:[A-Za-z-]+\s+){0,2}?[A-Za-z-]+\s+(?:on|in|during|over|by)?\s*$", re.IGNORECASE)
# An age that opens its sentence, then a comma: "At the age of 10, she began to sing", "At 19, he left home"
_AGE_OPENING = re.compile(r"\s*(?:at|by)\s+(?:the\s+age\s+of\s+|age\s+)?$", re.IGNORECASE)
_COMMA_AFTER = re.compile(r"\s*,")
_STAMP_WORDS = re.compile(r"\b(?:(?:last\s+)?updated|posted|published|modified)\b", re.IGNORECASE)
STAMP_LINE = 80   # characters: a page's stamp stands on a short line of its own


def _page_stamp(text: str, start: int) -> bool:
    """Whether the date at `start` stands on a short line that stamps the page ("Last updated 13:26 14/09/2013",
    "16 September 2013 Last updated at 12:42 GMT", "Posted: March 3, 2024")."""
    low = text.rfind("\n", 0, start) + 1
    high = text.find("\n", start)
    line = text[low:high if high >= 0 else len(text)]
    return len(line.strip()) <= STAMP_LINE and _STAMP_WORDS.search(line) is not None


def _family(row: dict) -> tuple | None:
    kind = row["kind"]
    flags = set(filter(None, str(row["flags"] or "").split(",")))
    if flags & SKIP_FLAGS:
        return None
    if kind == "number" and row["counted"]:
        kind = "count"
    if kind == "ordinal":
        # "the 104th-minute winner", "in the 104th minute", "on the ninth lap": an ordinal of a unit locates a
        # moment of the story, as a date does. An ordinal of things ("his 30th goal", "their seventh cup")
        # is a running count, and "first" to "third" are as often words of rank ("the second-largest").
        glued = re.match(r"-([a-z]+)", row["_text"][int(row["end"]):int(row["end"]) + 20])
        noun = lemma(glued.group(1)) or glued.group(1) if glued else str(row["head"] or "")
        if row["low"] is None or float(row["low"]) <= 3 or not (dimension(noun) or noun in MOMENT_NOUNS):
            return None
        return ("ordinal", noun)
    if kind not in CANDIDATE_KINDS:
        return None
    if kind == "date":
        # A date must hang on a word to be about something ("founded in 2002", not a dateline), and name a
        # moment: "since 2016", "before 2014" bound the period of another value rather than date an event.
        if row["low"] is None or row["high"] is None:
            return None
        # The publication day itself ("today", "on Monday" in Monday's paper) is the news peg of the article,
        # and a year after a period word ("fiscal 2027", "the 2025 season") labels a period: neither dates an
        # act. A date is a candidate when it hangs on a word ("struck on", "founded in", "the last in").
        event = str(row.get("event") or "")
        if row.get("_published") and str(row["low"]) == str(row["high"]) == row["_published"] \
                and "=" not in event:
            return None   # the paper's own day, unless an act is dated by it: "struck on Tuesday" in Tuesday's paper
        governor = row["governor"] or ""
        before = re.search(r"([A-Za-z]+)\W*$", row["_text"][max(0, int(row["start"]) - 30):int(row["start"])])
        if (before and before.group(1).lower() in PERIOD_LABELS) or term_of(governor) in BASELINE_WORDS:
            return None   # "fiscal 2027" labels a period; "an increase on the end of November" is a baseline
        if not event and (governor in SAYING or row["predicate"] in SAYING):
            return None   # "said in early December": the day of a statement, not of an act it reports
        if not event and _TOLD_BEFORE.search(row["_text"], max(0, int(row["start"]) - 48), int(row["start"])):
            return None   # "she told Playboy in 1998", "told reporters on Monday": the day of a statement
        if _COUNTED_BEFORE.search(row["_text"], max(0, int(row["start"]) - 90), int(row["start"])):
            return None   # "counted 31 cases on 3 February": the day a count speaks for, its as-of
        if LEVEL_READ_ON.search(row["_text"], max(0, int(row["start"]) - 90), int(row["start"])):
            return None   # "at 37 percent of capacity on Monday": the day a level was read, the level's as-of
        if _page_stamp(row["_text"], int(row["start"])):
            return None   # "Last updated 13:26 14/09/2013": the page's own stamp, dating no act of the story
        return ("date",) if governor or row["predicate"] or event else None
    if kind == "count":
        # "three times", "six-time winners": a count of repetitions is no thing a fact counts; "64 of them" is a
        # part of what was counted before (binding reads it so too)
        if not row["counted"] or row["counted"] in REPETITIONS or OF_THEM_AFTER.match(row["_text"], int(row["end"])):
            return None
        # a crowd counts people, whatever the writer calls them ("61,482 supporters", "a crowd of 61,482")
        family = ("count", "person" if row["predicate"] == "crowd" else row["counted"])
        if _PAST_A_THRESHOLD.match(row["_text"], int(row["end"]), int(row["sentence_end"])):
            return (*family, "past a threshold")   # "24,650 patients had been waiting more than 52 weeks": a part
        return family
    if kind == "duration" and "age" in str(row.get("flags") or "").split(",") and \
            _AGE_OPENING.match(row["_text"], int(row["sentence_start"]), int(row["start"])) and \
            _COMMA_AFTER.match(row["_text"], int(row["end"])):
        return None   # "At the age of 10, she began to sing": the age at a moment of a life, not the story's
    if kind in ("quantity", "duration"):
        # "2,480 kg" and "nearly 2.5 tonnes" are one mass: a quantity's family is its dimension. Durations
        # on a clock (seconds to hours) and on a calendar (days to centuries) are told of different things.
        unit = str(row["unit"] or "")
        if kind == "duration":
            if OFFSET_AFTER.match(row["_text"], int(row["end"])):
                # "nine days before the inauguration": the time between two moments, not how long something
                # lasts or how soon it comes ("takes effect in 30 days")
                return (kind, "clock" if unit in CLOCK_UNITS else "calendar", "offset")
            return (kind, "clock" if unit in CLOCK_UNITS else "calendar")
        return (kind, dimension(unit) or unit)
    if kind == "money":
        return (kind, str(row["unit"] or ""))
    return (kind,)


# A count of those past a bar of time, said after it in its own clause: "patients had been waiting more than 52
# weeks", "people have waited over a year", "staff employed for at least five years" count a part, not the whole
# ("nine councillors after a debate that lasted more than six hours" is no such count)
_PAST_A_THRESHOLD = re.compile(r"(?:(?!\b(?:that|which|who|after|before|when|while|and|but|as)\b)[^.;:,\n]){0,50}?"
                               r"\b(?:more\s+than|longer\s+than|at\s+least|upwards\s+of|"
                               r"(?:for|waited|waiting|been|aged)\s+over)\s+"   # not "hire 36 over two years": a span
                               r"(?:a|an|one|two|three|four|five|six|\d[\d,.]*)\s+(?:weeks?|months?|years?|days?|hours?)\b",
                               re.IGNORECASE)


def _magnitude(row: dict, bound: bool = False) -> float | None:
    """The stated value in its dimension's base unit (a duration in days, a length in metres); None for a
    date or an open value, unless `bound` asks for an open value's one bound ("more than 250": 250)."""
    if row["kind"] == "date":
        return None
    low, high = row["low"], row["high"]
    if low is None or high is None:
        if not bound or (low is None and high is None):
            return None
        low = high = low if low is not None else high
    scale = SCALES_OF.get(str(row["unit"] or ""), 1.0)
    return abs(float(low) + float(high)) / 2 * scale


def _slots(rows: list[dict]) -> list[list[int]]:
    """One document's statements of one family that state overlapping values ("$1.19 Billion" in the
    headline, "$1.19 billion" in the body) are one slot; a different value from the same writer is another."""
    slots: list[list[int]] = []
    slotting = _Slotting()
    for position, row in enumerate(rows):
        slot = slotting.slot(row)
        if slot == len(slots):
            slots.append([])
        slots[slot].append(position)
    return slots


class _Slotting:
    """_slots as the rows come: each row's slot is known when it is read (it depends on the rows before it
    alone), so a long document's candidates are numbered without being held (_document_candidates)."""

    def __init__(self) -> None:
        self.count = 0
        self.indexes: dict[tuple, _SlotIndex] = {}

    def slot(self, row: dict) -> int:
        index = self.indexes.setdefault((row["source"], row["family"]), _SlotIndex())
        slot = index.first(row)   # the first slot made with a statement _same_value joins to this one
        if slot is None:
            slot, self.count = self.count, self.count + 1
        index.add(row, slot)
        return slot


class _SlotIndex:
    """One document's statements of one family by what _same_value compares, for _slots: a new statement
    joins the first slot (slots are numbered in the order made) holding one it is the same value as, found
    by three look-ups instead of a comparison with every statement of every slot (quadratic in one long
    document: 2.3 million comparisons for a 2 MB file). It must answer as _same_value does; a property test
    holds _slots to the pairwise definition."""

    def __init__(self) -> None:
        self.by_text: dict[str, int] = {}        # written value -> first slot holding it (any statement)
        self.open_by_text: dict[str, int] = {}   # ... holding it as an open value
        self.by_value: dict[tuple, int] = {}     # closed value (_closed_value) -> first slot

    def first(self, row: dict) -> int | None:
        text = str(row["value_text"]).lower()
        if _open_value(row):
            return self.by_text.get(text)      # an open value is the same as any statement worded alike
        found = [slot for slot in (self.open_by_text.get(text), self.by_value.get(_closed_value(row)))
                 if slot is not None]
        return min(found) if found else None

    def add(self, row: dict, slot: int) -> None:
        # The first slot holding it, which need not be the slot it was first added to: a statement may join an
        # older slot after its wording opened a newer one (property test: "seven" open, then closed)
        text = str(row["value_text"]).lower()
        self.by_text[text] = min(self.by_text.get(text, slot), slot)
        if _open_value(row):
            self.open_by_text[text] = min(self.open_by_text.get(text, slot), slot)
            return
        value = _closed_value(row)
        if value is not None:
            self.by_value[value] = min(self.by_value.get(value, slot), slot)


def _open_value(row: dict) -> bool:
    return None in (row["low"], row["high"])


def _closed_value(row: dict) -> tuple | None:
    """What _same_value compares of a closed value: a date's bounds as text, else the magnitude (None for a
    NaN magnitude, which equals nothing, not even itself)."""
    if row["kind"] == "date":
        return ("date", str(row["low"]), str(row["high"]))
    magnitude = _magnitude(row)
    return ("magnitude", magnitude) if magnitude == magnitude else None


def _same_value(a: dict, b: dict) -> bool:
    """One writer's two wordings of one value ("$1.19 Billion", "$1.19 billion"): the same closed value in
    the same base unit, or the same open wording ("since 1998"). "4 percent" beside "3.5 percent", or "2026"
    beside "9 February", are two statements however they round."""
    if None in (a["low"], a["high"], b["low"], b["high"]):
        return str(a["value_text"]).lower() == str(b["value_text"]).lower()
    if a["kind"] == "date":
        return (str(a["low"]), str(a["high"])) == (str(b["low"]), str(b["high"]))
    return _magnitude(a) == _magnitude(b)


def _bounds(row: dict):
    """The value as a reader takes it: its wording's tolerance and the rounding of its written digits."""
    low, high = row["low"], row["high"]
    if row["kind"] == "date":
        return (None if low is None else str(low)), (None if high is None else str(high))
    tolerance = float(row["tolerance"] or 0)
    rounding = rounding_of(str(row["value_text"] or ""), low, row["kind"], tolerance)
    low = None if low is None else float(low) * (1 - tolerance_below(str(row["value_text"] or ""), tolerance)) - rounding
    high = None if high is None else float(high) * (1 + tolerance) + rounding
    return low, high
