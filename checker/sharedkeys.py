"""Records as dicts that share one table of keys: a large corpus's records, a third of the memory.

The reports hold every statement of an audit as a dict (audit.json's contract: checker.records), each with the
same twenty-odd keys. A dict made by `dict(zip(keys, values))` holds its own table of keys and hashes, about 840
bytes for 23 keys; the attribute dict of an instance (CPython 3.11 on) keeps only its values and shares one table
of keys with every other instance of its class. `maker(keys)` makes such dicts: each is a plain `dict`, equal to,
ordered as, pickled and written (json, orjson) exactly as the dict of the same items, and as mutable (a key added
or removed gives that one dict a table of its own). Measured on benchmarks/scale.py's generated news at 10,000
articles: the statements' 26,000 records 22 MB as dicts, 8 MB so. Elsewhere than CPython the dicts are
ordinary ones.
"""
from __future__ import annotations

from typing import Callable, Iterable

MOST_KEY_SETS = 64   # classes made (one a set of keys in its order); past it, plain dicts: keys that never repeat
_makers: dict[tuple, Callable[[Iterable], dict]] = {}


def maker(keys: Iterable[str]) -> Callable[[Iterable], dict]:
    """A function of values (in the order of `keys`) to the dict of `keys` and those values, its keys' table
    shared with every dict the function makes."""
    keys = tuple(keys)
    made = _makers.get(keys)
    if made is not None:
        return made
    if len(_makers) >= MOST_KEY_SETS or not all(type(key) is str for key in keys):
        return lambda values: dict(zip(keys, values))
    # One class for one order of keys: the first instance's keys become the table every later one shares. Its
    # dict is taken as it is, empty, and filled in place (never set as attributes, so no key is special)
    holder = type("_Record", (), {})

    def made(values: Iterable) -> dict:
        items = holder().__dict__
        items.update(zip(keys, values))
        return items

    _makers[keys] = made
    return made
