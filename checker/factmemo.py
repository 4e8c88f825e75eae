"""What an audit works out from one fact's statements alone, kept beside the stage cache for the next audit.

After one edit, a re-audit's statements are the audit before's but for the facts the edited document states:
at 10,000 articles one fact of 32 (the block snapshots, checker.snapshot, bring the per-document stages down to
the edited block). The stages after them still worked out every fact again: which statements conflict, change
or differ in modality (checker.involvement), what Great Expectations says of each fact's rows. Here each fact's
rows are digested, and a result made from those rows alone is kept under that digest: the next audit takes it
back for every fact whose rows are the same, and works out the rest.

- A fact's digest covers, for its rows in frame order, every column the result is made from (the values
  pickled without pickle's memo: each with its type, 1, 1.0, True, "1", None and NaN apart, and the same bytes
  for the same values however the frame shares them), the columns' names, what the caller adds (a rule's
  configuration), and every file of checker's package (checker.codedigest): the same digest is the same input
  read by the same code.
- A memo is one JSON file per kind in `checker-facts/` of the cache folder: read whole and written again,
  atomically, when an audit made a new entry. It keeps the current audit's entries and as many again of the last
  ones (a gate with `--base` audits two states of a corpus with one cache). Each entry's value is kept as its own
  JSON text, read only when the audit asks for it: the consensus's memo at 10,000 articles is 3 MB of small
  lists, and reading all of it (0.2 s) and writing it again (0.07 s) were on the consensus's way to the findings
  after one edit; the entries kept from the audit before and the facts the edit changed are never read. A file
  that cannot be read is an empty memo, and an entry that cannot be read is a miss; JSON, not pickle, so a cache
  folder cannot run code.
"""
from __future__ import annotations

import contextlib
import hashlib
import io
import json
import pickle
from pathlib import Path

FOLDER = "checker-facts"
FORMAT = 2   # each entry's value a JSON text of its own (1: the values as JSON within the file's)


def fact_rows(observations) -> dict:
    """fact -> the positions of its rows in `observations`, in frame order (facts in order of first row)."""
    if not len(observations):
        return {}
    return dict(observations.groupby("fact", sort=False).indices.items())


def fact_digests(observations, columns, rows: dict | None = None, salt: str = "") -> dict[str, str]:
    """fact -> the digest of its rows' values in `columns` (those the frame has), with `salt` and checker's code."""
    from checker.codedigest import package_digest

    rows = fact_rows(observations) if rows is None else rows
    present = [column for column in columns if column in observations.columns]
    arrays = [(column, str(observations[column].dtype), observations[column].to_numpy(dtype=object))
              for column in present]
    head = repr([FORMAT, package_digest(), salt]).encode("utf-8")
    digests = {}
    for fact, positions in rows.items():
        digest = hashlib.sha256(head)
        for column, dtype, values in arrays:
            digest.update(exactly((column, dtype, values[positions].tolist())))
        digests[fact] = digest.hexdigest()
    return digests


def exactly(value) -> bytes:
    """`value` pickled with every object written out in full (no memo: a string met twice is written twice), so
    equal values give equal bytes whatever objects they share; ten times faster than repr for a fact's rows."""
    stream = io.BytesIO()
    pickler = pickle.Pickler(stream, protocol=5)
    pickler.fast = True
    pickler.dump(value)
    return stream.getvalue()


@contextlib.contextmanager
def memo_of(cache_dir, kind: str):
    """The Memo of `kind` in a stage cache folder, saved when the block ends without an error; None without a
    folder (no stage cache: nothing is digested, nothing kept)."""
    memo = Memo(cache_dir, kind) if cache_dir is not None else None
    yield memo
    if memo is not None:
        memo.save()


class Memo:
    """One kind of per-fact result in a stage cache folder: digest -> a JSON value. `get` what the audit before
    kept, `put` what this one made, `save()` once at the end. `kept` and `used` hold each value's JSON text."""

    def __init__(self, cache_dir, kind: str) -> None:
        self.path = Path(cache_dir) / FOLDER / f"{kind}.json"
        self.kept = _read(self.path)
        self.used: dict = {}
        self.made = False

    def get(self, digest: str):
        """The value kept under `digest`, or None (none kept, or a text that is not JSON)."""
        text = self.kept.get(digest)
        if text is None:
            return None
        try:
            value = _loads(text.encode("utf-8"))
        except (ValueError, UnicodeEncodeError, RecursionError):
            return None
        if value is not None:
            self.used[digest] = text
        return value

    def put(self, digest: str, value) -> None:
        self.used[digest] = json.dumps(value, sort_keys=True, separators=(",", ":"))
        self.made = True

    def save(self) -> None:
        """Write this audit's entries, and as many again of the others last kept, when anything was made (or
        the file held more than that). Best effort: a memo that cannot be written is a miss next time."""
        from checker.atomic import replace_cache_file

        others = [(digest, value) for digest, value in self.kept.items() if digest not in self.used]
        kept = [*self.used.items(), *others[:max(len(self.used), 1)]]   # this audit's first: the newest
        if not self.made and [digest for digest, _ in kept] == list(self.kept):
            return
        data = json.dumps({"format": FORMAT, "entries": kept}, sort_keys=True, separators=(",", ":"))
        replace_cache_file(self.path, data.encode("utf-8"))


def packed(flags) -> str:
    """Booleans as text: bits packed, in hexadecimal (a fact of 8,000 statements: 2,000 characters)."""
    import numpy as np

    return np.packbits(np.asarray(flags, dtype=bool)).tobytes().hex()


def unpacked(text, count: int):
    """packed()'s booleans, `count` of them; None for text that is not such a value."""
    import numpy as np

    try:
        bits = np.unpackbits(np.frombuffer(bytes.fromhex(text), dtype=np.uint8))
    except (TypeError, ValueError):
        return None
    return bits[:count].astype(bool) if len(bits) >= count and len(bits) - count < 8 else None


def _read(path: Path) -> dict:
    try:
        data = _loads(path.read_bytes())
    except (OSError, ValueError, UnicodeDecodeError, RecursionError):
        return {}
    entries = data.get("entries") if isinstance(data, dict) and data.get("format") == FORMAT else None
    if not isinstance(entries, list) or not all(isinstance(entry, list) and len(entry) == 2
                                                and isinstance(entry[0], str) and isinstance(entry[1], str)
                                                for entry in entries):
        return {}
    return dict(entries)


def _loads(data: bytes):
    """json.loads of a memo's bytes: by orjson, three times faster (a re-audit reads every memo: the consensus's,
    about 1 MB at 10,000 articles, was a twentieth of its process's time), or by json where orjson reads otherwise
    (the Infinity and NaN json writes for an open interval's end, which orjson refuses; an integer of 19 digits or
    more, which orjson may read as a float)."""
    import re

    import orjson

    if not re.search(rb"\d{19}", data):
        try:
            return orjson.loads(data)
        except orjson.JSONDecodeError:
            pass
    return json.loads(data.decode("utf-8"))
