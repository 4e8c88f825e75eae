"""The stage cache: per-document results of the slow stages, so an unchanged document is never re-read.

One SQLite file per cache folder holds a table of (key, value) entries. A re-audit asks for two entries
per document (mentions, observations); one indexed query per stage costs milliseconds where one small
file per entry cost an open and a read each (two thousand of them for a 1,000-document corpus).
SQLite is in the standard library and makes writes atomic and safe to share: a transaction commits
entirely or not at all, and two audits on one cache folder wait for each other's lock.

Keys are built by the callers from content: the grammar's `find_mentions` asks with its grammar
version, the document's hash, publication date and id; binding adds its own version and a catalog
fingerprint. A new grammar, a changed catalog, file or date is a miss by construction; nothing is ever
invalidated by hand.

A value is one document's rows stored by column, a JSON list of one list of values per column: the
stages build one DataFrame out of many documents' parts column by column, and lists decode faster
than one dict per row. The stored key starts with a digest of the column names, so rows written for
other columns (an older checker) are a miss. A cache that cannot be read or written (corrupt file,
read-only folder, a lock held too long) only costs speed: reads are misses, writes are skipped, and a
corrupt file is replaced by the next write.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
from itertools import chain
from pathlib import Path

CACHE_FILE = "checker-cache.sqlite3"
CACHE_FORMAT = 3      # SQLite's user_version; a file of another format is emptied before it is written
LOCK_WAIT_SECONDS = 10.0
KEYS_PER_QUERY = 500  # below SQLite's smallest limit of bound parameters per statement (999)


class StageCache:
    """Tables of one stage's columns, one per key."""

    def __init__(self, cache_dir: str | Path, columns) -> None:
        self.path = Path(cache_dir) / CACHE_FILE
        self.columns = list(columns)
        self.prefix = hashlib.sha256(json.dumps(self.columns).encode("utf-8")).hexdigest()[:12] + ":"

    def get_many(self, keys) -> dict[str, list[list]]:
        """The stored tables of those `keys` that are in the cache, as lists of column values."""
        keys = [self.prefix + key for key in dict.fromkeys(keys)]
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

    def put_many(self, tables: dict[str, list[list]]) -> None:
        """Store every table in one transaction (all of them or none)."""
        if not tables:
            return
        rows = [(self.prefix + key, json.dumps(values, ensure_ascii=False, separators=(",", ":"), default=_plain))
                for key, values in tables.items()]
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

    def get(self, key: str) -> list[list] | None:
        return self.get_many([key]).get(key)

    def put(self, key: str, values: list[list]) -> None:
        self.put_many({key: values})

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=LOCK_WAIT_SECONDS)

    def _write(self, rows: list[tuple[str, str]]) -> None:
        with contextlib.closing(self._connect()) as db:
            # No waiting for the disk: an fsync (~20 ms) was most of storing one edited document. A
            # transaction stays atomic for readers and if checker dies; only losing power mid-write can
            # damage the file, and a damaged file reads as misses and is replaced by the next write.
            # Entries never change under a key (the key is made of the content), so no stale value exists.
            db.execute("PRAGMA synchronous = OFF")
            with db:  # one transaction: committed on success, rolled back on an error
                if db.execute("PRAGMA user_version").fetchone()[0] != CACHE_FORMAT:
                    db.execute("DROP TABLE IF EXISTS entries")
                    db.execute(f"PRAGMA user_version = {CACHE_FORMAT}")
                db.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value TEXT NOT NULL)"
                           " WITHOUT ROWID")
                db.executemany("INSERT OR REPLACE INTO entries (key, value) VALUES (?, ?)", rows)

    def _decode(self, value: str) -> list[list] | None:
        try:
            values = json.loads(value)
        except (TypeError, ValueError):
            return None
        if not isinstance(values, list) or len(values) != len(self.columns) \
                or not all(isinstance(column, list) and len(column) == len(values[0]) for column in values):
            return None
        return values


def table_of(records: list[dict], columns) -> list[list]:
    """Rows (dicts) as the cache stores them: one list of values per column."""
    return [[record[column] for record in records] for column in columns]


def frame_of(tables: list[list[list]], columns):
    """One DataFrame of many documents' tables, in order. Built the same way from fresh and cached
    tables, so a cached audit's frames are the frames a fresh audit makes."""
    import pandas as pd

    columns = list(columns)
    if not any(table and table[0] for table in tables):  # no rows: object columns, as pandas makes of []
        return pd.DataFrame([], columns=columns)
    return pd.DataFrame({column: list(chain.from_iterable(table[index] for table in tables))
                         for index, column in enumerate(columns)}, columns=columns)


def _plain(value):
    """numpy/pandas scalars that slip into records become plain Python values."""
    for attribute in ("item", "isoformat"):
        if hasattr(value, attribute):
            return getattr(value, attribute)()
    raise TypeError(f"cannot cache a {type(value).__name__}")
