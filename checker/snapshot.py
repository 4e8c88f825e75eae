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
  read without pickle (_MAGIC): numbers as arrays, texts and mixed values as codes into a list of the distinct
  values, written by the stage cache's JSON (checker.cache.dumps_values: None, NaN, 1 and 1.0 stay apart).
- The corpus's frames are the blocks' joined as checker.cache.frame_of joins documents' tables, its dtype
  inferred from all the values: a column whose blocks agree (texts, floats, integers, booleans; a block with no
  value at all agrees with texts and floats, as pandas infers them) is joined as arrays; one of mixed values is
  inferred by frame_of's own rule from the exact values; any other (blocks whose values pandas would infer
  otherwise together, which no block keeps exactly) reads the whole corpus from the stage cache as before.
  tests/test_snapshot.py holds the frames equal to frame_of's.

A snapshot that cannot be read is a miss. After an audit the folder holds the snapshots of its blocks, and as many
again of the newest others (_prune).
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

FOLDER = "checker-blocks"
BLOCK_DOCUMENTS = 128    # documents a block on average: an edit reads and parses again about this many
BLOCKS_AT_ONCE = 16      # blocks encoded together (their files are held until written)
SNAPSHOT_FROM = 1_000    # documents: below this the stage cache's tables parse in a fraction of a second
FORMAT = 1
_BETWEEN_COLUMNS, _BETWEEN_TABLES = "\x1e", "\x1d"   # JSON writes neither inside a text: a table splits back
_FAST = ("str", "float64", "int64", "bool")


class _Unsupported(Exception):
    """A column this format does not keep (a dtype frame_of never makes): the block is not kept."""


def per_document_stages(documents, catalog, *, cache_dir, run, candidates: bool, progress=None, ready=lambda: None):
    """checker.pipeline.per_document_stages's (mentions, observations[, candidates]) of `documents`, with each
    unchanged block's part read from its snapshot and `run(documents, gather=...)` (that function on a part of
    the corpus) making the rest; the snapshots of the blocks made are written."""
    from checker.binding import BOUND_COLUMNS
    from checker.columns import MENTIONS

    gather = candidates and len(documents) > 1
    bounds = block_bounds(documents["source"].tolist())
    keys = block_keys(documents, bounds, catalog, gather)
    folder = Path(cache_dir) / FOLDER
    blocks = {number: block for number, key in enumerate(keys) if (block := _read(folder / f"{key}.bin"))}
    missed = [number for number in range(len(bounds)) if number not in blocks]
    if missed:
        positions = [position for number in missed for position in range(*bounds[number])]
        if progress is not None and len(positions) < len(documents):
            progress(len(documents) - len(positions))
        made = run(documents.iloc[positions] if len(missed) < len(bounds) else documents, gather=gather,
                   progress=progress, ready=ready)
        for number, data in _encoded_blocks(documents, bounds, missed, made, gather):
            # None: a column this format does not keep (the whole corpus is read below)
            if data is not None:
                _write(folder, keys[number], data)
            blocks[number] = _parsed(data) if data is not None and len(missed) < len(bounds) else None
        if len(missed) == len(bounds):   # every block made now: the frames are the run's own
            _prune(folder, keys)
            return made if candidates else made[:2]
    else:
        ready()
        if progress is not None:
            progress(len(documents))
    _prune(folder, keys)
    ordered = [blocks[number] for number in range(len(bounds))]
    found = _joined([block["mentions"] for block in ordered], list(MENTIONS)) if all(ordered) else None
    observations = _joined([block["observations"] for block in ordered], BOUND_COLUMNS) if all(ordered) else None
    if found is None or observations is None:   # blocks pandas would read otherwise together: the whole corpus
        found, observations, made = run(documents, gather=gather, progress=None, ready=lambda: None)
        return (found, observations, made) if candidates else (found, observations)
    observations = observations.sort_values(["fact", "source", "start", "end"], kind="stable").reset_index(drop=True)
    if not candidates:
        return found, observations
    return found, observations, [table for block in ordered for table in block["candidates"]] if gather else None


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
    from checker.binding import _catalog_fingerprint
    from checker.codedigest import package_digest

    columns = [column for column in documents.columns if column != "text"]
    if "sha256" not in columns or any(not value for value in documents["sha256"].tolist()):
        hashed = [hashlib.sha256(str(text or "").encode("utf-8")).hexdigest() for text in documents["text"].tolist()]
    else:
        hashed = None
    rows = list(zip(*[documents[column].tolist() for column in columns]))
    common = repr([FORMAT, package_digest(), _catalog_fingerprint(catalog), gather, columns])
    keys = []
    for start, stop in bounds:
        digest = hashlib.sha256(common.encode("utf-8"))
        for position in range(start, stop):
            digest.update(repr((rows[position], hashed[position] if hashed else None)).encode("utf-8"))
        keys.append(digest.hexdigest()[:40])
    return keys


def _encoded_blocks(documents, bounds, missed: list[int], made, gather: bool):
    """(block, its snapshot file or None) for each of the blocks `missed` of a run over their documents, the
    frames cut by source. Made a column at a time for BLOCKS_AT_ONCE blocks (a column's distinct values found
    once, then each block's among them: a block at a time, its slices and their columns took a second at
    10,000 articles), and handed over as made: a first audit's files are never all held (80 MB at 10,000)."""
    import numpy as np

    candidates = made[2] if gather else None
    sources = documents["source"].tolist()
    block_of = {sources[position]: number for number in missed for position in range(*bounds[number])}
    frames = {"mentions": made[0], "observations": made[1]}
    numbers = {name: np.array([block_of[source] for source in frame["source"].tolist()], dtype=np.int64)
               if len(frame) else np.empty(0, dtype=np.int64) for name, frame in frames.items()}
    first = 0   # the candidates' table of each document of the run, in its order
    for at in range(0, len(missed), BLOCKS_AT_ONCE):
        chunk = missed[at:at + BLOCKS_AT_ONCE]
        arrays: dict[int, list] = {number: [0] for number in chunk}   # (_add)
        headers: dict[int, dict] = {number: {"format": FORMAT, "frames": {}} for number in chunk}
        try:
            for name, frame in frames.items():
                taken = np.flatnonzero(np.isin(numbers[name], chunk))
                part, part_numbers = frame.iloc[taken], numbers[name][taken]
                order = np.argsort(part_numbers, kind="stable")   # each block's rows, in frame order
                starts = np.searchsorted(part_numbers[order], chunk)
                ends = np.searchsorted(part_numbers[order], chunk, side="right")
                rows = {number: order[start:end] for number, start, end in zip(chunk, starts, ends)}
                for number in chunk:
                    headers[number]["frames"][name] = []
                for column in part.columns:
                    for number, entry in _encoded_column(part[column], rows, arrays):
                        headers[number]["frames"][name].append(entry)
        except _Unsupported:
            headers = None
        for number in chunk:
            count = bounds[number][1] - bounds[number][0]
            tables = list(candidates[first:first + count]) if candidates is not None else []
            first += count
            if headers is None:
                yield number, None
                continue
            text = _BETWEEN_TABLES.join(_BETWEEN_COLUMNS.join(table) for table in tables)
            headers[number]["candidates"] = [len(tables), _add(arrays[number], text.encode("utf-8"))]
            yield number, _MAGIC + _file_bytes(headers[number], arrays[number])
            arrays[number] = None


def _encoded_column(series, rows: dict, arrays: dict):
    """(block, the column's entry in its header) per block, its values added to the block's arrays."""
    import numpy as np
    import pandas as pd

    from checker.cache import dumps_values

    dtype = str(series.dtype)
    if dtype in ("float64", "int64", "bool"):
        values = series.to_numpy()
        for number, taken in rows.items():
            part = np.ascontiguousarray(values[taken])
            missing = bool(np.isnan(part).all()) if dtype == "float64" else not len(part)
            yield number, {"name": series.name, "dtype": dtype, "count": len(part), "missing": missing,
                           "array": [part.dtype.str, *_add(arrays[number], part.tobytes())]}
        return
    if dtype == "str":   # texts and NaN alone: pandas factorizes them (NaN coded -1, kept as a last value)
        codes, distinct = pd.factorize(series)
        distinct = [*distinct.tolist(), float("nan")]
        codes = np.where(codes < 0, len(distinct) - 1, codes)
    elif dtype == "object":   # values of several types: each kept as it is
        codes, distinct = _factorized(series.tolist())
        codes = np.asarray(codes, dtype=np.int64)
    else:
        raise _Unsupported(dtype)
    missing_codes = np.array([value is None or value != value for value in distinct], dtype=bool)
    for number, taken in rows.items():
        used, local = np.unique(codes[taken], return_inverse=True)
        part = local.astype(np.int32)
        yield number, {"name": series.name, "dtype": dtype, "count": len(part),
                       "missing": bool(missing_codes[used].all()) if len(used) else True,
                       "distinct": dumps_values([distinct[code] for code in used.tolist()]),
                       "array": [part.dtype.str, *_add(arrays[number], part.tobytes())]}


def _write(folder: Path, key: str, data: bytes) -> None:
    """A snapshot file, written whole or not at all (a temporary file replaced); never an error: a snapshot
    only saves work."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=folder, prefix=".block-", suffix=".bin")
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temp, folder / f"{key}.bin")
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
    except OSError:
        return


# A block's file: the magic line, the header's length (8 bytes, little-endian), the header (JSON), then each
# array's bytes at the offset the header gives (from the end of the header). Read with np.frombuffer: no pickle,
# and one read of the file (an .npz of each column an array parsed a header per column: most of reading it).
_MAGIC = b"checker-block\n"


def _add(arrays: list, data: bytes) -> list:
    """Keep `data` among the file's arrays: [offset, length in bytes]. The list's first item is their length."""
    offset = arrays[0]
    arrays.append(data)
    arrays[0] += len(data)
    return [offset, len(data)]


def _file_bytes(header: dict, arrays: list) -> bytes:
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    return len(text).to_bytes(8, "little") + text + b"".join(arrays[1:])


def _read(path: Path) -> dict | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return _parsed(data)


def _parsed(data: bytes) -> dict | None:
    """A block ({"mentions": [(name, dtype, values, all missing)...], ...}) of a snapshot file, or None."""
    try:
        if not data.startswith(_MAGIC):
            return None
        at = len(_MAGIC)
        length = int.from_bytes(data[at:at + 8], "little")
        header = json.loads(data[at + 8:at + 8 + length].decode("utf-8"))
        if header.get("format") != FORMAT:
            return None
        body = memoryview(data)[at + 8 + length:]
        block = {name: [_decode_column(column, body) for column in columns]
                 for name, columns in header["frames"].items()}
        count, (offset, size) = header["candidates"]
        text = bytes(body[offset:offset + size]).decode("utf-8")
        block["candidates"] = [table.split(_BETWEEN_COLUMNS) for table in text.split(_BETWEEN_TABLES)] if count else []
        if len(block["candidates"]) != count:
            return None
        return block
    except (ValueError, KeyError, TypeError, IndexError, UnicodeDecodeError):
        return None


def _prune(folder: Path, keys: list[str]) -> None:
    """Remove the snapshots of blocks this corpus does not have, but for as many again of the newest: a gate
    audits two states of a corpus with one cache (`--base REV`), and each audit removing the other's blocks
    would make them all again on every run. Best effort."""
    wanted = {f"{key}.bin" for key in keys}
    try:
        # (a name beginning with a dot is another audit's file being written)
        others = [entry for entry in os.scandir(folder) if entry.name.endswith(".bin")
                  and not entry.name.startswith(".") and entry.name not in wanted]
        others.sort(key=lambda entry: (-entry.stat().st_mtime_ns, entry.name))
    except OSError:
        return
    for entry in others[len(keys):]:
        try:
            os.unlink(entry.path)
        except OSError:
            pass


def _factorized(values: list) -> tuple[list[int], list]:
    """Codes into the distinct values, each kept as it is: None and NaN apart, 1, 1.0 and True apart (one index
    per type: 1, 1.0 and True are one key of a dict)."""
    indexes: dict[type, dict] = {}
    distinct: list = []
    codes = []
    for value in values:
        kind = type(value)
        index = indexes.get(kind)
        if index is None:
            if kind not in (str, int, float, bool, type(None)):
                raise _Unsupported(kind.__name__)
            index = indexes[kind] = {}
        key = "nan" if kind is float and value != value else value   # (a text is another type's index)
        code = index.get(key)
        if code is None:
            code = index[key] = len(distinct)
            distinct.append(value)
        codes.append(code)
    return codes, distinct


def _decode_column(column: dict, body) -> tuple:
    """(name, dtype, values as an array, whether every value is missing)."""
    import numpy as np

    from checker.cache import loads_values

    kind, offset, size = column["array"]
    values = np.frombuffer(body, dtype=np.dtype(kind), count=size // np.dtype(kind).itemsize, offset=offset) \
        if size else np.empty(0, dtype=np.dtype(kind))
    if "distinct" in column:
        listed = loads_values(column["distinct"])
        distinct = np.empty(len(listed), dtype=object)
        distinct[:] = listed
        values = distinct[values] if len(values) else np.empty(0, dtype=object)
    if len(values) != column["count"]:
        raise ValueError("a column of the wrong length")
    return column["name"], column["dtype"], values, bool(column["missing"])


# --- the corpus's frame ----------------------------------------------------------------------------------------


def _joined(blocks: list[list[tuple]], names: list[str]):
    """The frame frame_of makes of the tables the blocks were made from, or None where a column's blocks do
    not tell (see the module's docstring)."""
    import pandas as pd

    if any([column[0] for column in block] != names for block in blocks):
        return None    # (a snapshot of other columns than these: never made by this code, whose digest keys it)
    if not any(len(block[0][2]) for block in blocks):
        return pd.DataFrame([], columns=names)
    series = {}
    for index, name in enumerate(names):
        parts = [block[index][1:] for block in blocks if len(block[index][2])]
        made = _column(parts)
        if made is None:
            return None
        series[name] = made
    return pd.DataFrame(series, columns=names)


def _column(parts: list[tuple]):
    import numpy as np
    import pandas as pd

    from checker.cache import _series

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
            joined = np.concatenate([_missing_as_nan(values) if missing else values for _, values, missing in parts])
            return pd.Series(joined, dtype=pd.api.types.pandas_dtype("str"))
        return pd.Series(np.concatenate([values for _, values, _ in parts]))
    if all(dtype in ("object", "int64", "bool") for dtype, _, _ in parts):
        # values kept exactly (an object column's as they were read): frame_of's own inference of them
        return _series([value for _, values, _ in parts for value in values.tolist()])
    return None


def _missing_as_nan(values):
    import numpy as np

    return np.full(len(values), np.nan, dtype=object)
