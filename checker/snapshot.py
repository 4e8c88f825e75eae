"""Block snapshots: the per-document stages' frames of a run of documents, kept beside the stage cache.

With a stage cache, a re-audit after one edit reads every other document's tables from the cache and parses
them into the MENTIONS and OBSERVATIONS frames again: at 10,000 articles about 2 s, a fifth of the re-audit,
for frames all but one document of which are the frames of the audit before. Here a corpus is cut into blocks
of documents, and each block's part of those frames (and its documents' discovery candidates) is kept as
columns of numbers: a block whose documents are unchanged is read back in milliseconds, and only the block of
the edited document goes through the stages (its documents mostly cache hits).

- Blocks are cut where a document's id hashes to a multiple of BLOCK_DOCUMENTS (content-defined, as backup
  tools cut files): a new, removed or edited document changes its own block only, and the others keep theirs.
- A block's key is a digest of every column of its documents' rows but the text (its sha256 stands for it), the
  catalog as binding reads it, whether candidates are kept, and every file of checker's package, so a
  snapshot is read only for exactly the inputs, and the code, that made it. Each is one file of NumPy arrays
  read without pickle (checker.blockfile).
- The corpus's frames are the blocks' joined as checker.cache.frame_of joins documents' tables, its dtype
  inferred from all the values: a column whose blocks agree (texts, floats, integers, booleans; a block with no
  value at all agrees with texts and floats, as pandas infers them) is joined as arrays; one of mixed values is
  inferred by frame_of's own rule from the exact values; any other (blocks whose values pandas would infer
  otherwise together, which no block keeps exactly) reads the whole corpus from the stage cache as before.
  tests/test_snapshot.py holds the frames equal to frame_of's.
- The mentions are not joined: of them the audit reads each document's count and the units said (only those two
  columns are read), and the reports read the rest from the snapshots a few blocks at a time
  (checker.mentionstore.MentionStore). At 30,000 articles the joined frame made a re-audit's peak of memory
  larger than a first audit's.

A snapshot that cannot be read is a miss. After an audit the folder holds the snapshots of its blocks, and as many
again of the newest others of the same code (_prune).
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

FOLDER = "checker-blocks"
BLOCK_DOCUMENTS = 128    # documents a block on average: an edit reads and parses again about this many
SNAPSHOT_FROM = 1_000    # documents: below this the stage cache's tables parse in a fraction of a second
_FAST = ("str", "float64", "int64", "bool")


def per_document_stages(documents, catalog, *, cache_dir, run, candidates: bool, progress=None, ready=lambda: None):
    """checker.pipeline.per_document_stages's (mentions, observations[, candidates]) of `documents`, with each
    unchanged block's part read from its snapshot and `run(documents, gather=...)` (that function on a part of
    the corpus) making the rest; the snapshots of the blocks made are written."""
    from checker import blockfile
    from checker.binding import BOUND_COLUMNS, in_order
    from checker.mentionstore import MentionStore

    gather = candidates and len(documents) > 1
    bounds = block_bounds(documents["source"].tolist())
    keys = block_keys(documents, bounds, catalog, gather)
    folder = Path(cache_dir) / FOLDER
    paths = [blockfile.file_of(folder, key) for key in keys]
    # of the mentions, only what the audit reads of them besides the reports (each document's count, the units)
    wanted = {"mentions": _COUNTED, "observations": None}
    blocks = {number: block for number, path in enumerate(paths) if (block := blockfile.read(path, wanted, gather))}
    missed = [number for number in range(len(bounds)) if number not in blocks]
    if missed:
        positions = [position for number in missed for position in range(*bounds[number])]
        if progress is not None and len(positions) < len(documents):
            progress(len(documents) - len(positions))
        every = len(missed) == len(bounds)
        # every block made now: a pool's workers may write the snapshots, the mentions left in the stage cache
        made = run(documents if every else documents.iloc[positions], gather=gather, progress=progress, ready=ready,
                   blocks=(bounds, keys, folder) if every else None)
        if isinstance(made[0], MentionStore):   # the workers wrote every block's snapshot
            _prune(folder, keys)
            return made if candidates else made[:2]
        for number, data in blockfile.encoded_blocks(documents, bounds, missed, made, gather):
            # None: a column this format does not keep (the whole corpus is read below)
            if data is not None:
                blockfile.write(folder, keys[number], data)
            blocks[number] = blockfile.parsed(data, wanted, gather) if data is not None and not every else None
        if every:   # every block made now: the frames are the run's own
            _prune(folder, keys)
            return made if candidates else made[:2]
    else:
        ready()
        if progress is not None:
            progress(len(documents))
    _prune(folder, keys)
    ordered = [blocks[number] for number in range(len(bounds))]
    found = _stored(documents, cache_dir, bounds, paths, ordered) if all(ordered) else None
    observations = joined([block["observations"] for block in ordered], BOUND_COLUMNS) \
        if found is not None else None
    if observations is None:   # blocks pandas would read otherwise together: the whole corpus
        found, observations, made = run(documents, gather=gather, progress=None, ready=lambda: None)
        return (found, observations, made) if candidates else (found, observations)
    observations = in_order(observations)
    if not candidates:
        return found, observations
    return found, observations, [table for block in ordered for table in block["candidates"]] if gather else None


_COUNTED = ("source", "unit")   # the mention columns a re-audit reads from the snapshots (_stored)


def _stored(documents, cache_dir, bounds, paths, blocks):
    """The MentionStore of a corpus whose every block is read (or made): each document's count of mentions and
    the units they say, from the blocks' sources and units; the store reads the rest from the snapshots when the
    reports ask. None for blocks without those columns (never written by this code, whose digest keys them)."""
    from checker.mentionstore import MentionStore, mention_counts, units_said

    sources = documents["source"].tolist()
    counts: list[int] = []
    units: set[str] = set()
    for (start, stop), block in zip(bounds, blocks):
        columns = {name: values for name, _, values, _ in block["mentions"]}
        if set(columns) != set(_COUNTED):
            return None
        counts.extend(mention_counts(columns["source"].tolist(), sources[start:stop]))
        units |= units_said(columns["unit"].tolist())
    return MentionStore(documents, str(cache_dir), counts, frozenset(units), blocks=(list(bounds), list(paths)))


def kept(cache_dir) -> bool:
    """Whether the stage cache folder holds block snapshots: a corpus of SNAPSHOT_FROM documents or more was
    audited with it, and an audit of it again is most likely a re-audit, its documents mostly cached."""
    try:
        with os.scandir(Path(cache_dir) / FOLDER) as entries:
            return any(entry.name.endswith(".bin") and not entry.name.startswith(".") for entry in entries)
    except (OSError, TypeError):
        return False


def block_bounds(sources: list[str]) -> list[tuple[int, int]]:
    """(start, stop) positions of each block: a block ends after a document whose id's digest is a multiple of
    BLOCK_DOCUMENTS, or at the end."""
    bounds, start = [], 0
    for position, source in enumerate(sources):
        digest = int.from_bytes(hashlib.blake2b(str(source).encode("utf-8"), digest_size=8).digest(), "big")
        if digest % BLOCK_DOCUMENTS == 0 or position == len(sources) - 1:
            bounds.append((start, position + 1))
            start = position + 1
    return bounds


def block_keys(documents, bounds: list[tuple[int, int]], catalog, gather: bool) -> list[str]:
    """Each block's key: its documents' rows (every column but the text, and the text's digest), with what every
    block's rows are made with: the catalog as binding reads it, whether candidates are kept, checker's code."""
    from checker import blockfile
    from checker.binding import catalog_fingerprint
    from checker.codedigest import package_digest

    columns = [column for column in documents.columns if column != "text"]
    if "sha256" not in columns or any(not value for value in documents["sha256"].tolist()):
        hashed = [hashlib.sha256(str(text or "").encode("utf-8")).hexdigest() for text in documents["text"].tolist()]
    else:
        hashed = None
    rows = list(zip(*[documents[column].tolist() for column in columns]))
    common = repr([blockfile.FORMAT, package_digest(), catalog_fingerprint(catalog), gather, columns])
    keys = []
    for start, stop in bounds:
        digest = hashlib.sha256(common.encode("utf-8"))
        for position in range(start, stop):
            digest.update(repr((rows[position], hashed[position] if hashed else None)).encode("utf-8"))
        keys.append(f"{package_digest()[:8]}-{digest.hexdigest()[:40]}")   # the code's, for _prune
    return keys


def _prune(folder: Path, keys: list[str]) -> None:
    """Remove the snapshots of blocks this corpus does not have, but for as many again of the newest made by this
    code: a gate audits two states of a corpus with one cache (`--base REV`), and each audit removing the other's
    blocks would make them all again on every run. Another code's are never read again. Best effort."""
    from checker import blockfile

    wanted = {blockfile.file_of(folder, key).name for key in keys}
    code = keys[0].split("-", 1)[0] + "-" if keys else ""
    try:
        # (a name beginning with a dot is another audit's file being written)
        others = [entry for entry in os.scandir(folder) if entry.name.endswith(".bin")
                  and not entry.name.startswith(".") and entry.name not in wanted]
        ours = sorted((entry for entry in others if entry.name.startswith(code)),
                      key=lambda entry: (-entry.stat().st_mtime_ns, entry.name))
    except OSError:
        return
    kept = {entry.name for entry in ours[:len(keys)]}
    for entry in others:
        if entry.name not in kept:
            try:
                os.unlink(entry.path)
            except OSError:
                pass


# --- the corpus's frame ----------------------------------------------------------------------------------------


def joined(blocks: list[list[tuple]], names: list[str], taken: list | None = None):
    """The frame frame_of makes of the tables the blocks were made from, or None where a column's blocks do
    not tell (see the module's docstring). `taken`: of each block, the positions of the rows wanted (an array),
    in order; the columns' types are decided by the whole blocks as without it, and only those rows are made
    into the frame (a store's group of 64 documents read from blocks of hundreds: checker.mentionstore)."""
    import pandas as pd

    if any([column[0] for column in block] != names for block in blocks):
        return None    # (a snapshot of other columns than these: never made by this code, whose digest keys it)
    if not any(len(block[0][2]) for block in blocks):
        return pd.DataFrame([], columns=names)
    series = {}
    for index, name in enumerate(names):
        parts = [block[index][1:] if taken is None else _taken(block[index][1:], taken[at])
                 for at, block in enumerate(blocks) if len(block[index][2])]
        made = _column(parts)
        if made is None:
            return None
        series[name] = made
    return pd.DataFrame(series, columns=names)


def _taken(part: tuple, rows) -> tuple:
    """A block's column (dtype, values, all missing) with only the values at `rows`: whether all are missing
    stays the block's, which decides the column's type (_column) as when all its rows are made."""
    dtype, values, missing = part
    return dtype, values[rows], missing


def _column(parts: list[tuple]):
    import numpy as np
    import pandas as pd

    from checker.cache import column_series

    told = {dtype for dtype, _, missing in parts if not missing}
    if told == {"int64", "float64"}:
        told = {"float64"}   # [1, 2.5] is read as floats: integer blocks join floating ones as floats
    if len(told) == 1 and next(iter(told)) in _FAST:
        dtype = next(iter(told))
        if dtype in ("int64", "bool") and any(missing for _, _, missing in parts):
            return None    # [1, None] is read as floats, [True, None] as objects: not this column's blocks
        if dtype == "float64":
            return pd.Series(np.concatenate([np.asarray(values, dtype=float) for _, values, _ in parts]))
        if dtype == "str":
            texts = np.concatenate([_missing_as_nan(values) if missing else values for _, values, missing in parts])
            return pd.Series(texts, dtype=pd.api.types.pandas_dtype("str"))
        return pd.Series(np.concatenate([values for _, values, _ in parts]))
    if all(dtype in ("object", "int64", "bool") for dtype, _, _ in parts):
        # values kept exactly (an object column's as they were read): frame_of's own inference of them
        return column_series([value for _, values, _ in parts for value in values.tolist()])
    return None


def _missing_as_nan(values):
    import numpy as np

    return np.full(len(values), np.nan, dtype=object)
