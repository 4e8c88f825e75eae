"""The stage cache: per-document results of the slow stages, so an unchanged document is never re-read.

One SQLite file per cache folder holds a table of (key, value) entries. A re-audit asks for two entries
per document (mentions, observations); one indexed query per stage costs milliseconds where one small
file per entry cost an open and a read each (two thousand of them for a 1,000-document corpus).
SQLite is in the standard library and makes writes atomic and safe to share: a transaction commits
entirely or not at all, and two audits on one cache folder wait for each other's lock.

Keys are built by the callers from content: the grammar's `find_mentions` asks with its grammar
version, the document's hash, publication date and id; binding adds its own version and a catalog
fingerprint. A new grammar, a changed catalog, file or date is a miss by construction; nothing is ever
invalidated by hand. The stored key also starts with a digest of the stage's column names, so rows
written for other columns (an older checker) are a miss.

A document's rows are an encoded table: per column, the JSON of its values without the brackets
("12,7.5,null"). A stage joins the pieces of all its documents column by column and parses each
column once, which is several times faster than parsing a structure per document and concatenating
lists. Fresh rows are encoded the same way, so an audit's tables are built by one path whether rows
came from the cache or not: a cached audit cannot differ from an uncached one.

A cache that cannot be read or written (corrupt file, read-only folder, a lock held too long) only
costs speed: reads are misses, writes are skipped, and a corrupt file is replaced by the next write.
Each value carries a CRC-32 of its text, so a damaged entry is a miss too.

A whole corpus asked for at once (PACK_FROM keys or more: the audit's own process, after its pool) is served
from a pack: one file per stage holding the tables of the last such request, read in one go. Looking up ten
thousand keys in SQLite, each value checked, took about 0.7 s a stage, most of a re-audit's per-document
stages; the pack takes a read and one checksum. Keys the pack lacks (an edited document) are looked up in
SQLite as before, and the pack is written anew only when it has drifted from what is asked by more than
PACK_DRIFT of the keys: a re-audit after one edit reads it as it is. A pack is only a copy of what SQLite
holds, so a damaged or missing one costs only speed.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import tempfile
import zlib
from pathlib import Path

import orjson

CACHE_FILE = "checker-cache.sqlite3"
CACHE_FORMAT = 5      # SQLite's user_version; a file of another format is emptied before it is written
LOCK_WAIT_SECONDS = 10.0
KEYS_PER_QUERY = 500  # below SQLite's smallest limit of bound parameters per statement (999)
# Between the columns of an encoded table. JSON writes control characters escaped (\u001e), so it
# can never occur inside a column's text.
SEPARATOR = "\x1e"
# Between the tables of several documents joined into one text (discovery's packed candidates, a block snapshot's):
# another control character, escaped by JSON as SEPARATOR is.
BETWEEN_TABLES = "\x1d"
CHECKSUM_DIGITS = 8
ENCODE_ROWS = 20_000  # rows of a table held as Python values before they are encoded (checker.cache.encode_table)
PACK_FROM = 1_000     # a request for this many keys or more is served from the stage's pack
PACK_DRIFT = 0.01     # the share of a request's keys the pack may lack or hold in vain before it is written anew
PACK_FORMAT = 2
PACK_TAIL = 16        # digits of a pack's last field, the size of its header


def encode_table(records, columns) -> list[str]:
    """Rows (dicts, a list or any iterable) as an encoded table: one JSON text per column, without brackets.
    The rows are read once, each dropped as soon as its values are in the column lists, so a generator of
    a long document's rows never holds them all (a dict of 20 fields is about 1.2 KB; its values, 8 bytes
    per column). The lists are encoded every ENCODE_ROWS rows, so neither are a long document's values all
    held as Python objects (hundreds of bytes a row: its unique texts and numbers); a JSON list's text is its
    parts' texts joined by commas, so the table is the same."""
    columns = list(columns)
    lists: list[list] = [[] for _ in columns]
    parts: list[list[str]] = [[] for _ in columns]
    appends = [values.append for values in lists]
    pending = 0
    for record in records:
        for append, column in zip(appends, columns):
            append(record[column])
        pending += 1
        if pending == ENCODE_ROWS:
            _encode_lists(lists, parts)
            pending = 0
    _encode_lists(lists, parts)
    return [",".join(texts) for texts in parts]


def _encode_lists(lists: list[list], parts: list[list[str]]) -> None:
    """Each column list's JSON (without brackets) added to its parts; the lists emptied."""
    for values, texts in zip(lists, parts):
        if values:
            texts.append(dumps_values(values))
            values.clear()


def dumps_values(values: list) -> str:
    """A list's JSON text without its brackets ("12,7.5,null"), as compact as json.dumps writes it with
    ensure_ascii=False. orjson writes it about nine times faster (encoding was a tenth of the per-document
    stages). What it cannot write json writes: an integer past 64 bits, a lone surrogate, and NaN and infinity,
    which orjson writes as null. Each None is one null, and every other null in its text (a NaN, an infinity,
    a None inside a list, the word in a text) is one more: as many nulls as Nones, and it wrote no NaN. A text
    json wrote begins with JSON_WRITTEN, so that loads_values reads it with json too."""
    try:
        written = orjson.dumps(values, default=_plain)
    except TypeError:   # orjson.JSONEncodeError is one
        written = None
    if written is not None and (b"null" not in written or written.count(b"null") == values.count(None)):
        return written.decode("utf-8")[1:-1]
    return JSON_WRITTEN + json.dumps(values, ensure_ascii=False, separators=(",", ":"), default=_plain)[1:-1]


def loads_values(text: str) -> list:
    """The values of the JSON texts of lists without their brackets (dumps_values; several joined by commas), as
    json.loads reads them: orjson reads them twice as fast, but an integer past 64 bits as a float, and no NaN,
    so a text json wrote (marked) is read by json."""
    if JSON_WRITTEN in text:
        return json.loads("[" + text + "]")
    return orjson.loads("[" + text + "]")


# JSON holds a newline only as white space (in a text it is written \n), and neither writer puts one between the
# values, so a newline before a column's values marks it, wherever columns are joined, at no cost to reading it.
JSON_WRITTEN = "\n"


def joined_tables(tables: list[list[str]]) -> str:
    """Encoded tables as one text (split_tables reads them back)."""
    return BETWEEN_TABLES.join(SEPARATOR.join(table) for table in tables)


def split_tables(text: str) -> list[list[str]]:
    """The tables of joined_tables's text, of one table at least (no table at all and one table of one empty
    column are both "": the caller knows which)."""
    return [table.split(SEPARATOR) for table in text.split(BETWEEN_TABLES)]


def frame_of(tables: list[list[str]], columns, consume: bool = False):
    """One DataFrame of many documents' encoded tables, in order. With `consume`, each column's texts are taken out
    of the tables (None left in their place) as that column is parsed: the texts of the columns parsed are let go of
    while the frame is made (a pool's observations at 30,000 articles: 26 MB of text, held beside the whole frame)."""
    import pandas as pd

    columns = list(columns)
    if not columns or not any(table[0] for table in tables):  # no rows: object columns, as pandas makes of []
        return pd.DataFrame([], columns=columns)
    # Each column becomes a Series (pandas infers its dtype from the list as DataFrame(dict of lists) does) before
    # the next is parsed: a long document's columns were all held as Python values at once (a 100 MB document's
    # mentions, about 600 bytes each), where a Series of numbers holds 8 bytes a value.
    if consume:
        values = {column: _parsed(_taken(tables, at)) for at, column in enumerate(columns)}
    else:
        # zip(*tables): each column's texts of every table in one pass in C (a list per column per table, indexed
        # in Python, was a tenth of parsing a cached corpus's mentions)
        values = {column: _parsed(texts) for column, texts in zip(columns, zip(*tables))}
    return pd.DataFrame(values, columns=columns)


def _parsed(texts) -> "object":
    """The Series of one column's texts of many tables (frame_of)."""
    return column_series(loads_values(",".join(filter(None, texts))))


def _taken(tables: list[list[str]], at: int) -> list[str]:
    """The at-th column's texts of the tables, None left in their place."""
    texts = [table[at] for table in tables]
    for table in tables:
        table[at] = None
    return texts


def column_series(values: list):
    """A column's values as the Series pandas makes of the list (its dtype inferred), each distinct text one
    object. A column of integers alone (offsets: a third of the mentions' columns) goes through a NumPy array:
    pandas infers a list of ints a value at a time, three times slower; one past 64 bits is inferred by pandas."""
    import numpy as np
    import pandas as pd

    if values and type(values[0]) is int and _INT_TYPES.issuperset(map(type, values)):
        try:
            return pd.Series(np.array(values, dtype=np.int64))
        except OverflowError:
            pass
    return pd.Series(shared_texts(values))


def columns_of(table: list[str]) -> list[list]:
    """One encoded table's columns as lists of values (each distinct text one object, as in frame_of)."""
    return [shared_texts(loads_values(text)) for text in table]


def shared_texts(values: list, seen: dict | None = None) -> list:
    """The column with each distinct text one object: json.loads makes a new str per cell, and a column such
    as modality repeats a handful of words over every mention (57 bytes each: hundreds of MB in a 100 MB
    document). Same values, same frame. `seen`: the texts met so far (text -> its object), for a column parsed in
    parts, each text one object across them."""
    seen = {} if seen is None else seen
    if _TEXT_TYPES.issuperset(map(type, values)):
        # Texts and nulls alone (most columns): one C-level pass. Not with numbers: 1, 1.0 and True are one key.
        return list(map(seen.setdefault, values, values))
    return [seen.setdefault(value, value) if type(value) is str else value for value in values]


_TEXT_TYPES = frozenset({str, type(None)})
_INT_TYPES = frozenset({int})


class StageCache:
    """Encoded tables of one stage's columns, one per key."""

    def __init__(self, cache_dir: str | Path, columns) -> None:
        self.path = Path(cache_dir) / CACHE_FILE
        self.columns = list(columns)
        self.prefix = hashlib.sha256(json.dumps(self.columns).encode("utf-8")).hexdigest()[:12] + ":"

    def get_many(self, keys) -> dict[str, list[str]]:
        """The stored tables of those `keys` that are in the cache."""
        keys = list(dict.fromkeys(keys))
        if len(keys) < PACK_FROM or not self.path.is_file():
            return self._select(keys)
        pack = self._read_pack()
        found = {key: pack[key] for key in keys if key in pack}
        looked_up = self._select([key for key in keys if key not in found])
        drift = (len(pack) - len(found)) + len(looked_up)   # held in vain, and found only in SQLite
        found.update(looked_up)
        if drift > PACK_DRIFT * len(keys):
            self._write_pack(found)
        return found

    @property
    def pack_path(self) -> Path:
        return self.path.with_name(f"{self.path.stem}.pack-{self.prefix[:-1]}")

    # A pack is the tables' texts one after another (UTF-8), then a header (JSON: the keys, each table's size in
    # bytes, a CRC-32 of the tables), a newline and the header's size in PACK_TAIL digits. The header comes last
    # so that the tables are written as they are encoded, one at a time: a whole stage's text held twice, as
    # text and as bytes, was a hundred MB at 10,000 articles.

    def _read_pack(self, tables: bool = True) -> dict:
        """The pack's tables by key; {} for a missing or damaged pack (or one of another format). Without
        `tables`, its keys alone (each with None), from its header: the tables are checked when they are read."""
        import mmap

        try:
            with open(self.pack_path, "rb") as file, mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as data:
                header, body_size = _pack_header(data)
                if header is None or not tables:
                    return dict.fromkeys(header["keys"]) if header is not None else {}
                with memoryview(data) as view:   # the checksum read in place, not from a copy of the tables
                    if header.get("crc") != zlib.crc32(view[:body_size]):
                        return {}
                pack, at = {}, 0
                for key, size in zip(header["keys"], header["sizes"], strict=True):
                    table = data[at:at + size].decode("utf-8").split(SEPARATOR)
                    at += size
                    if len(table) != len(self.columns):
                        return {}
                    pack[key] = table
                return pack if at == body_size else {}
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return {}

    def _write_pack(self, tables: dict[str, list[str]]) -> None:
        """The tables as the stage's pack, replacing the old one at once (a reader sees one or the other)."""
        from checker.atomic import new_file_mode

        temporary = None
        try:
            descriptor, temporary = tempfile.mkstemp(prefix=".pack-", dir=self.path.parent)
            os.chmod(temporary, new_file_mode())
            crc, sizes = 0, []
            with os.fdopen(descriptor, "wb") as file:
                for table in tables.values():
                    data = SEPARATOR.join(table).encode("utf-8")
                    crc = zlib.crc32(data, crc)
                    sizes.append(len(data))
                    file.write(data)
                header = json.dumps({"format": [PACK_FORMAT, CACHE_FORMAT], "crc": crc, "keys": list(tables),
                                     "sizes": sizes}, ensure_ascii=True, separators=(",", ":")).encode("ascii")
                file.write(header + b"\n" + f"{len(header):0{PACK_TAIL}d}".encode("ascii"))
            os.replace(temporary, self.pack_path)
        except OSError:   # a read-only folder, a full disk: the pack only saves time
            if temporary is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)

    def _select(self, keys: list[str]) -> dict[str, list[str]]:
        """The tables SQLite holds of those `keys`."""
        keys = [self.prefix + key for key in keys]
        if not keys or not self.path.is_file():
            return {}
        found = {}
        try:
            with contextlib.closing(self._connect()) as db:
                if db.execute("PRAGMA user_version").fetchone()[0] != CACHE_FORMAT:
                    return {}
                for first in range(0, len(keys), KEYS_PER_QUERY):
                    chunk = keys[first:first + KEYS_PER_QUERY]
                    query = f"SELECT key, value FROM entries WHERE key IN ({','.join('?' * len(chunk))})"
                    for key, value in db.execute(query, chunk):
                        table = self._decode(value)
                        if table is not None:
                            found[key[len(self.prefix):]] = table
        except sqlite3.Error:
            return {}
        return found

    def present(self, keys) -> set[str]:
        """Those of `keys` that have an entry (not read, nor checked: a damaged one is still a miss when read)."""
        keys = list(dict.fromkeys(keys))
        packed: set[str] = set()
        if len(keys) >= PACK_FROM and self.path.is_file():
            packed = self._read_pack(tables=False).keys() & set(keys)
            keys = [key for key in keys if key not in packed]
        keys = [self.prefix + key for key in keys]
        if not keys or not self.path.is_file():
            return packed
        found = packed
        try:
            with contextlib.closing(self._connect()) as db:
                if db.execute("PRAGMA user_version").fetchone()[0] != CACHE_FORMAT:
                    return set()
                for first in range(0, len(keys), KEYS_PER_QUERY):
                    chunk = keys[first:first + KEYS_PER_QUERY]
                    query = f"SELECT key FROM entries WHERE key IN ({','.join('?' * len(chunk))})"
                    found.update(key[len(self.prefix):] for (key,) in db.execute(query, chunk))
        except sqlite3.Error:
            return packed
        return found

    def put_many(self, tables: dict[str, list[str]]) -> None:
        """Store every table in one transaction (all of them or none)."""
        if not tables:
            return
        rows = [(self.prefix + key, _with_checksum(SEPARATOR.join(table))) for key, table in tables.items()]
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            try:
                self._write(rows)
            except sqlite3.DatabaseError as error:
                if isinstance(error, sqlite3.OperationalError):  # locked, read-only, disk full: skip
                    return
                # Not a database (truncated, overwritten by hand): start a new file.
                self.path.unlink()
                self._write(rows)
        except (OSError, sqlite3.Error):
            pass

    def get(self, key: str) -> list[str] | None:
        return self.get_many([key]).get(key)

    def put(self, key: str, table: list[str]) -> None:
        self.put_many({key: table})

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=LOCK_WAIT_SECONDS)

    def _write(self, rows: list[tuple[str, str]]) -> None:
        with contextlib.closing(self._connect()) as db:
            # No waiting for the disk: an fsync (~20 ms) was most of storing one edited document. A
            # transaction stays atomic for readers and if checker dies; only losing power mid-write can
            # damage the file, and damage reads as misses (checksums, SQLite's own errors) until the next
            # write replaces it. Entries never change under a key (the key is made of the content).
            db.execute("PRAGMA synchronous = OFF")
            with db:  # one transaction: committed on success, rolled back on an error
                if db.execute("PRAGMA user_version").fetchone()[0] != CACHE_FORMAT:
                    db.execute("DROP TABLE IF EXISTS entries")
                    db.execute(f"PRAGMA user_version = {CACHE_FORMAT}")
                db.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
                           " WITHOUT ROWID")
                db.executemany("INSERT OR REPLACE INTO entries (key, value) VALUES (?, ?)", rows)

    def _decode(self, value) -> list[str] | None:
        if not isinstance(value, str) or value[:CHECKSUM_DIGITS] != _checksum(value[CHECKSUM_DIGITS:]):
            return None
        table = value[CHECKSUM_DIGITS:].split(SEPARATOR)
        return table if len(table) == len(self.columns) else None


def _pack_header(data) -> tuple[dict | None, int]:
    """A pack's header and the size of the tables before it; (None, 0) when it is not one of this format."""
    size = int(bytes(data[-PACK_TAIL:]))
    start = len(data) - PACK_TAIL - 1 - size
    if start < 0 or data[len(data) - PACK_TAIL - 1:len(data) - PACK_TAIL] != b"\n":
        return None, 0
    header = json.loads(data[start:start + size])
    if not isinstance(header, dict) or header.get("format") != [PACK_FORMAT, CACHE_FORMAT]:
        return None, 0
    return header, start


def _checksum(text: str) -> str:
    return f"{zlib.crc32(text.encode('utf-8')):0{CHECKSUM_DIGITS}x}"


def _with_checksum(text: str) -> str:
    return _checksum(text) + text


def _plain(value):
    """numpy/pandas scalars that slip into records become plain Python values."""
    for attribute in ("item", "isoformat"):
        if hasattr(value, attribute):
            return getattr(value, attribute)()
    raise TypeError(f"cannot cache a {type(value).__name__}")
