"""audit.json: the records as they are, in a stable, diff-friendly layout.

The layout is exactly `json.dumps(plain(records), indent=2, sort_keys=True, ensure_ascii=False)`.
json.dumps only uses its C encoder when there is no indent; with one, the pure-Python encoder walks
every value of a 12 MB report (full texts, every mention). `render_json` writes the same bytes
faster: it walks the containers itself and hands each container of plain scalars (a mention, an
observation, the texts) to json's C encoder in one call, with the separators of its depth. A
C-encoded `{"a": 1,<newline+indent>"b": 2}` only lacks the line breaks after its opening and before
its closing brace, which are added around it. tests/test_report_json.py holds it to json.dumps.

Most records are written by orjson instead, in one C call to the same bytes (orjson_text); the walk
above writes those it might write otherwise.

The text is made as a list of pieces (`json_chunks`), joined once: a 10,000-article audit.json is 34 MB
(twice that in memory once a character outside Latin-1, an arrow, is in it), and adding the braces around
each level's joined text copied all of it again at every level.
"""
from __future__ import annotations

import functools
import json
import math
import re
from itertools import chain
from json import encoder as json_encoder

import orjson

INDENT = "  "
# Values json writes the same way at any depth; a container holding only these is one C call.
_SCALARS = frozenset({str, int, float, bool, type(None)})
_STRINGS = frozenset({str})  # keys json writes as they are
_DICTS = frozenset({dict})


def plain(value):
    """JSON-safe plain types: NaN and infinities become null, NumPy scalars their Python value."""
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(item) for item in value]
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        return plain(value.item())
    return value


def render_json(records: dict) -> str:
    return "".join(json_chunks(records))


def json_chunks(records: dict):
    """render_json's text in pieces, in order, made when the first is asked for: a large corpus's audit.json
    is encoded to UTF-8 a block at a time as it is written (checker.report.write_reports)."""
    whole = orjson_text(records)
    if whole is not None:
        yield whole
        return
    out: list[str] = []
    _write(records, "\n", out)
    out.append("\n")
    yield from out


# orjson writes json.dumps(sort_keys=True, ensure_ascii=False)'s layouts (indented by 2, or compact), escapes and
# key order in one C call: with the checks below, three times as fast as _write (0.95 -> 0.34 s for a
# 10,000-article audit.json). It writes a float as repr() does except below 1e-4 (1e-05 as 0.00001, 1.5e-07 as
# 1.5e-7): a text with a number in exponent form or written 0.0000..., any type orjson does not write as json
# would (they are passed to no `default`, so they raise), or an orjson whose numbers read unlike repr()'s (the
# canaries), is written by json instead.
_ORJSON_OPTIONS = orjson.OPT_SORT_KEYS | orjson.OPT_PASSTHROUGH_SUBCLASS | orjson.OPT_PASSTHROUGH_DATETIME \
    | orjson.OPT_PASSTHROUGH_DATACLASS
# Per layout (indented?): its options, and the numbers that may read unlike repr(), found by how they end (a
# string ends at its quote): an indented one ends its line, a compact one at a comma or a closing bracket. Two
# patterns, each searched on its own with a literal first: one pattern with both took five times as long.
_ORJSON_LAYOUTS = {
    True: (_ORJSON_OPTIONS | orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE,
           (re.compile(rb"e[-+]?[0-9]+,?\n"), re.compile(rb"0\.0000[0-9]*,?\n"))),
    False: (_ORJSON_OPTIONS, (re.compile(rb"e[-+]?[0-9]+[,}\]]"), re.compile(rb"0\.0000[0-9]*[,}\]]"))),
}
_CANARIES = [0.0, -0.0, 1.0, 0.1, 2.5, 94000.0, 123.456, 0.0001, 1e15, 9007199254740993, -7, True, None]


@functools.cache
def _orjson_writes_as_json() -> bool:
    return orjson.dumps(_CANARIES) == json.dumps(_CANARIES, separators=(",", ":")).encode("utf-8")


# Items of a long list written by one orjson call (json_blocks): bounds the text held at once
ITEMS_PER_BLOCK = 2_000
BLOCK_BYTES = 1 << 20   # and about as many bytes, where its items are long


def json_blocks(records: dict):
    """render_json's text as UTF-8 blocks (bytes, or memoryviews of bytes), made one at a time as they are written:
    a large corpus's audit.json. Each key of the records (a list's or dict's items in blocks of about BLOCK_BYTES:
    _blocks) is written by orjson as the whole would be, as bytes: the whole text made at once was the peak of memory
    of writing the reports (at 10,000 articles orjson's 33 MB, their text, and its UTF-8 again: 126 MB over the
    records). A block orjson might write otherwise is written by the walk (json_chunks) instead, as the whole would
    be."""
    if not isinstance(records, dict) or not records or \
            not all(type(key) is str and key.isascii() for key in records):
        for piece in json_chunks(records):
            yield piece.encode("utf-8")
        return
    yield b"{\n"
    for number, key in enumerate(sorted(records)):
        value = records[key]
        end = b",\n" if number < len(records) - 1 else b"\n}\n"
        if type(value) is list and len(value) > 1:
            # {"key": [items]}'s lines, less its first two ("{", '  "key": [') and last two ("  ]", "}")
            yield b"  " + orjson.dumps(key) + b": [\n"
            yield from _blocks(key, len(value), lambda first, last: value[first:last], b"\n  ]\n}")
            yield b"  ]" + end
        elif type(value) is dict and len(value) > 1 and all(type(name) is str for name in value):
            # a dict the same way (a track record per source: at 30,000 articles about 11 MB of text), its keys in
            # the order it is written
            names = sorted(value)
            yield b"  " + orjson.dumps(key) + b": {\n"
            yield from _blocks(key, len(names),
                               lambda first, last: {name: value[name] for name in names[first:last]}, b"\n  }\n}")
            yield b"  }" + end
        else:
            yield _one_key({key: value})[2:-2] + end   # without "{\n" and "\n}"


def _blocks(key: str, count: int, part, closing: bytes):
    """The lines of the `count` items of a list or dict in {"key": it}'s text (`closing`: the lines after them), as
    blocks of about BLOCK_BYTES: `part(first, last)` is the list or dict of those items, written as the whole would
    write them. The first block is of one item; each next holds as many as the last block's bytes an item would fill
    BLOCK_BYTES with, ITEMS_PER_BLOCK at most (a finding lists every statement it is about: at 30,000 articles the
    37 findings were 16 MB of text, one of them 13, written at once with a copy of their lines cut out of it)."""
    first, size = 0, 1
    while first < count:
        last = min(count, first + size)
        lines = _one_key({key: part(first, last)})
        start, stop = lines.index(b"\n", 2) + 1, len(lines) - len(closing)
        # a view of the lines, not a copy: one item alone can be large (a finding of 27,000 statements: 13 MB)
        yield memoryview(lines)[start:stop]
        yield b",\n" if last < count else b"\n"
        size = max(1, min(ITEMS_PER_BLOCK, BLOCK_BYTES * (last - first) // max(1, stop - start)))
        first = last


def _one_key(record: dict) -> bytes:
    """render_json's text of a dict of one key, without its final line break: its lines are the lines of that key
    in any dict render_json writes, at the top level. By orjson where it writes it as json does, else by the walk."""
    data = _orjson_bytes(record, indent=True, newline=False)
    return data if data is not None else "".join(json_chunks(record)).encode("utf-8")[:-1]


def orjson_text(value, indent: bool = True) -> str | None:
    """json.dumps(value, sort_keys=True, ensure_ascii=False) with indent=2 and a final line break (render_json's
    text), or compact (separators "," and ":"), written by orjson; None where its text might differ."""
    data = _orjson_bytes(value, indent)
    return None if data is None else data.decode("utf-8")


def _orjson_bytes(value, indent: bool, newline: bool = True) -> bytes | None:
    """orjson's UTF-8 of `value` in a layout of _ORJSON_LAYOUTS (the indented one without its final line break,
    unless `newline`), or None where it might differ from json's."""
    if not _orjson_writes_as_json():
        return None
    options, unlike_repr = _ORJSON_LAYOUTS[indent]
    if not newline:
        options &= ~orjson.OPT_APPEND_NEWLINE
    try:
        data = orjson.dumps(value, option=options)
    except TypeError:   # orjson.JSONEncodeError is one: a type or value json writes differently, or not at all
        return None
    return None if any(pattern.search(data) for pattern in unlike_repr) else data


def _not_serializable(value):
    raise TypeError(f"Object of type {value.__class__.__name__} is not JSON serializable")


_flat_encoders: dict[str, object] = {}


def _flat(container, newline: str) -> str:
    """A dict or list of scalars, one item per line at `newline`; raises ValueError on NaN or infinity."""
    encode = _flat_encoders.get(newline)
    if encode is None:
        if json_encoder.c_make_encoder is not None:
            # The arguments json.JSONEncoder.iterencode passes: markers, default, string encoder, indent,
            # key separator, item separator, sort_keys, skipkeys, allow_nan.
            iterencode = json_encoder.c_make_encoder(None, _not_serializable, json_encoder.encode_basestring, None,
                                                     ": ", "," + newline, True, False, False)
            encode = _flat_encoders[newline] = lambda value: "".join(iterencode(value, 0))
        else:  # no C extension: the same text from the public encoder
            encode = _flat_encoders[newline] = json.JSONEncoder(
                separators=("," + newline, ": "), sort_keys=True, ensure_ascii=False, allow_nan=False).encode
    return encode(container)


def _holds_only_scalars(container, is_dict: bool) -> bool:
    if is_dict:
        return _STRINGS.issuperset(map(type, container)) and _SCALARS.issuperset(map(type, container.values()))
    return _SCALARS.issuperset(map(type, container))


def _are_flat_records(items) -> bool:
    """Non-empty dicts with string keys and scalar values only, checked without a Python-level loop."""
    return (_DICTS.issuperset(map(type, items)) and all(items)
            and _STRINGS.issuperset(map(type, chain.from_iterable(items)))
            and _SCALARS.issuperset(map(type, chain.from_iterable(map(dict.values, items)))))


def _flat_records(items, newline: str, out: list) -> None:
    """A list of flat records (a source's mentions, all observations) in one C call, then re-laid out.

    Encoded with the item separator of the records' own items, `[{"a": 1,<deeper>"b": 2},<deeper>{...}]`
    needs line breaks inside each record's braces. A record ends at `}` only (a string value ends at its
    quote, and a line break is always a separator because strings escape theirs), so `},<deeper>{` is
    exactly the boundary between two records.
    """
    inner = newline + INDENT
    deeper = inner + INDENT
    # Inside the encoder's `[{` and `}]`, which are written again around it with their line breaks
    records = _flat(items, deeper)[2:-2].replace("}," + deeper + "{", inner + "}," + inner + "{" + deeper)
    out += ("[" + inner + "{" + deeper, records, inner + "}" + newline + "]")


def _write(value, newline: str, out: list) -> None:
    """Append the pieces of `value` as json.dumps(plain(value), indent=2, sort_keys=True, ensure_ascii=False)
    writes it when it stands at the depth whose line break and indent are `newline`."""
    kind = type(value)
    if kind is dict or kind is list or kind is tuple:
        _write_container(value, kind is dict, newline, out)
    else:
        out.append(_scalar(value, newline))


def _write_container(value, is_dict: bool, newline: str, out: list) -> None:
    """_write's dict, list or tuple: in one C call when it holds only scalars or flat records, else item by item."""
    if not value:
        out.append("{}" if is_dict else "[]")
        return
    inner = newline + INDENT
    try:
        if _holds_only_scalars(value, is_dict):
            body = _flat(value, inner)
            out += (body[0] + inner, body[1:-1], newline + body[-1])
            return
        if not is_dict and _are_flat_records(value):
            _flat_records(value, newline, out)
            return
    except ValueError:  # NaN or an infinity: plain() writes null, the item-by-item path below does too
        pass
    separator = "," + inner
    if is_dict:
        if not all(type(key) is str for key in value):
            value = {str(key): item for key, item in value.items()}
        out.append("{" + inner)
        for index, key in enumerate(sorted(value)):
            out.append((separator if index else "") + json_encoder.encode_basestring(key) + ": ")
            _write(value[key], inner, out)
        out.append(newline + "}")
        return
    out.append("[" + inner)
    for index, item in enumerate(value):
        if index:
            out.append(separator)
        _write(item, inner, out)
    out.append(newline + "]")


def _scalar(value, newline: str) -> str:
    kind = type(value)
    if kind is str:
        return json_encoder.encode_basestring(value)
    if kind is float:
        return float.__repr__(value) if math.isfinite(value) else "null"
    if kind is int:
        return int.__repr__(value)
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    return _encode_other(value, newline)


def _encode_other(value, newline: str) -> str:
    """Any other type: converted by plain() first, then written as json.dumps writes it."""
    value = plain(value)
    if isinstance(value, (dict, list, tuple)):
        out: list[str] = []
        _write(dict(value) if isinstance(value, dict) else list(value), newline, out)
        return "".join(out)
    if isinstance(value, str):
        return json_encoder.encode_basestring(value)
    if value is None or value is True or value is False:
        return _scalar(value, newline)
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return float.__repr__(value) if math.isfinite(value) else "null"
    return _not_serializable(value)
