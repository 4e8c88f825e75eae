"""The file of one block snapshot (checker.snapshot): a block's frames and candidate tables as NumPy arrays.

A file is a magic line, the header's length (8 bytes, little-endian), the header (JSON), then each array's bytes at
the offset the header gives (from the end of the header). It is read with np.frombuffer in one read: no pickle (a
cache folder can hold nothing that runs), and no header per array (an .npz of a column an array spent most of its
reading parsing them). Numbers are arrays; texts and mixed values are codes into the column's distinct values,
written by the stage cache's JSON (checker.cache.dumps_values: None, NaN, 1, 1.0 and True stay apart). A file
that cannot be read is None, never an error: a snapshot only saves work.
"""
from __future__ import annotations

import json
from pathlib import Path

from checker.cache import BETWEEN_TABLES, joined_tables

FORMAT = 1
BLOCKS_AT_ONCE = 16      # blocks encoded together (their files are held until written)


class Unsupported(Exception):
    """A column this format does not keep (a dtype frame_of never makes): the block is not kept."""


def encoded_blocks(documents, bounds, missed: list[int], made, gather: bool):
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
        except Unsupported:
            headers = None
        for number in chunk:
            count = bounds[number][1] - bounds[number][0]
            tables = list(candidates[first:first + count]) if candidates is not None else []
            first += count
            if headers is None:
                yield number, None
                continue
            text = joined_tables(tables).encode("utf-8")
            headers[number]["candidates"] = [len(tables), _add(arrays[number], text)]
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
        raise Unsupported(dtype)
    missing_codes = np.array([value is None or value != value for value in distinct], dtype=bool)
    for number, taken in rows.items():
        used, local = np.unique(codes[taken], return_inverse=True)
        part = local.astype(np.int32)
        yield number, {"name": series.name, "dtype": dtype, "count": len(part),
                       "missing": bool(missing_codes[used].all()) if len(used) else True,
                       "distinct": dumps_values([distinct[code] for code in used.tolist()]),
                       "array": [part.dtype.str, *_add(arrays[number], part.tobytes())]}


def file_of(folder: Path, key: str) -> Path:
    """The file of the block snapshot keyed `key` (checker.snapshot.block_keys)."""
    return Path(folder) / f"{key}.bin"


BLOCKS_HELD = 4   # blocks a store keeps read (the reports' groups of documents, or one fact's statements, in id order)


def held(read: dict, number: int, make):
    """read[number] (a store's blocks last read), made by `make()` when missing and then kept among the BLOCKS_HELD
    made last; None, not kept, where `make()` gives None (a snapshot that cannot be read)."""
    if number not in read:
        value = make()
        if value is None:
            return None
        while len(read) >= BLOCKS_HELD:
            del read[next(iter(read))]
        read[number] = value
    return read[number]


def write(folder: Path, key: str, data: bytes) -> None:
    """A snapshot file, written whole or not at all; never an error: a snapshot only saves work."""
    from checker.atomic import replace_cache_file

    replace_cache_file(file_of(folder, key), data)


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


def read(path: Path, columns: dict | None = None, candidates: bool = True) -> dict | None:
    """parsed() of the file at `path`, mapped rather than read: only the header and the arrays wanted are decoded,
    each from the file's pages where the system keeps them. Read into buffers of its own, a file's pages were new
    memory to fault in and fill: a re-audit after one edit at 10,000 articles read 87 blocks, 28,000 page faults (a
    tenth of a second of the audit's longest path); mapped, a few per block. Snapshot files are replaced whole,
    never rewritten in place (checker.atomic.replace_cache_file), so a mapped file does not change under it."""
    import mmap
    import os

    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size < len(_MAGIC) + 8:
                return None
            mapped = mmap.mmap(handle.fileno(), size, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return None
    try:
        return parsed(mapped, columns, candidates)
    finally:
        try:
            mapped.close()
        except BufferError:   # a view of it still held (an exception's frames): unmapped when that goes
            pass


def parsed(data, columns: dict | None = None, candidates: bool = True) -> dict | None:
    """A block ({"mentions": [(name, dtype, values, all missing)...], ...}) of a snapshot file's bytes (or its
    mapping), or None. `columns`: the frames to decode, each with the names of the columns wanted (None: all of
    them), where not every frame is wanted (a re-audit reads of the mentions only their sources and units; the
    reports, the mentions alone); without `candidates`, the candidate tables are not split out."""
    if data[:len(_MAGIC)] != _MAGIC:
        return None
    at = len(_MAGIC)
    length = int.from_bytes(data[at:at + 8], "little")
    base = at + 8 + length
    body = memoryview(data)

    def piece(offset: int, size: int):
        if offset < 0 or size < 0 or base + offset + size > len(data):
            raise ValueError("a short file")
        return body[base + offset:base + offset + size]

    def tables(offset: int, size: int) -> list[str]:
        # Cut at the separator (one ASCII byte, never part of another character's UTF-8) before decoding: each
        # table's text made alone, never one text of them all (a large new block of memory, freed at once)
        piece(offset, size)   # (in bounds)
        separator, found, start, stop = BETWEEN_TABLES.encode("ascii"), [], base + offset, base + offset + size
        while True:
            cut = data.find(separator, start, stop)
            if cut < 0:
                found.append(data[start:stop].decode("utf-8"))
                return found
            found.append(data[start:cut].decode("utf-8"))
            start = cut + 1

    try:
        return _block(data[at + 8:base], piece, tables, columns, candidates)
    finally:
        body.release()


def _block(header: bytes, piece, tables, columns: dict | None, candidates: bool) -> dict | None:
    """parsed()'s block of a file's `header` (its bytes) and its arrays, `piece(offset, size)` the bytes of each,
    `tables(offset, size)` the candidate tables' texts joined there."""
    try:
        header = json.loads(header.decode("utf-8"))
        if header.get("format") != FORMAT:
            return None
        wanted = {name: None for name in header["frames"]} if columns is None else columns
        block = {name: [_decode_column(column, piece) for column in header["frames"][name]
                        if names is None or column["name"] in names] for name, names in wanted.items()}
        if not candidates:
            return block
        count, (offset, size) = header["candidates"]
        # each document's table one text, its columns joined (checker.discovery.candidates._CandidateRows splits them)
        block["candidates"] = tables(offset, size) if count else []
        if len(block["candidates"]) != count:
            return None
        return block
    except (ValueError, KeyError, TypeError, IndexError, UnicodeDecodeError):
        return None


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
                raise Unsupported(kind.__name__)
            index = indexes[kind] = {}
        key = "nan" if kind is float and value != value else value   # (a text is another type's index)
        code = index.get(key)
        if code is None:
            code = index[key] = len(distinct)
            distinct.append(value)
        codes.append(code)
    return codes, distinct


def _decode_column(column: dict, piece) -> tuple:
    """(name, dtype, values as an array, whether every value is missing); `piece`: as _block's."""
    import numpy as np

    from checker.cache import loads_values

    kind, offset, size = column["array"]
    values = np.frombuffer(piece(offset, size), dtype=np.dtype(kind), count=size // np.dtype(kind).itemsize) \
        if size else np.empty(0, dtype=np.dtype(kind))
    if "distinct" in column:
        listed = loads_values(column["distinct"])
        distinct = np.empty(len(listed), dtype=object)
        distinct[:] = listed
        values = distinct[values] if len(values) else np.empty(0, dtype=object)
    else:
        # a copy, not a view of the bytes read: a view of parsed()'s held the whole file (its mentions and
        # candidate tables too) for as long as one of its columns lived (a re-audit joins every block's
        # observations at the end: 60 MB of files held at 10,000 articles)
        values = values.copy()
    if len(values) != column["count"]:
        raise ValueError("a column of the wrong length")
    return column["name"], column["dtype"], values, bool(column["missing"])
