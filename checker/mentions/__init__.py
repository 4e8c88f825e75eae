"""The mentions stage: every stated count, quantity, money, percent, date and duration in a text.

`extract` reads one text; `find_mentions` reads a DOCUMENTS table and returns a MENTIONS table
(checker/columns.py), using the mention cache when a cache folder is given.
"""
from __future__ import annotations

import hashlib

from checker.mentions.model import Mention
from checker.mentions.version import GRAMMAR_VERSION
from checker.stopping import check

__all__ = ["GRAMMAR_VERSION", "Mention", "extract", "find_mentions", "mention_keys", "mention_tables"]


def __getattr__(name: str):
    if name == "extract":
        return _extract()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _extract():
    """checker.mentions.scan.extract (or what a caller set in its place), the grammar imported the first time a text is
    read: a re-audit whose documents the stage cache holds never imports it (0.07 s of its longest path), nor a
    module that needs a word list of the grammar's (checker.mentions.quantities) or a cache key's version."""
    found = globals().get("extract")
    if found is None:
        from checker.mentions.scan import extract as found

        globals()["extract"] = found
    return found


def find_mentions(documents, *, cache_dir=None, progress=None):
    """One row per mention of every document (columns: checker.columns.MENTIONS)."""
    from checker.cache import frame_of
    from checker.columns import MENTIONS

    return frame_of(mention_tables(documents, cache_dir=cache_dir, progress=progress), MENTIONS)


def mention_tables(documents, *, cache_dir=None, progress=None) -> list[list[str]]:
    """Each document's mentions as an encoded table (checker.cache), in the order of `documents`: what
    find_mentions parses, and what a worker of checker.pipeline hands back."""
    from checker.cache import StageCache, encode_table
    from checker.columns import DOCUMENTS, MENTIONS, require

    require(documents, {k: DOCUMENTS[k] for k in ("source", "text")}, "find_mentions")
    columns = list(MENTIONS)
    sources, texts, published = _columns(documents)
    cache = StageCache(cache_dir, columns) if cache_dir is not None else None
    keys, stored = [], {}
    if cache is not None:
        keys = mention_keys(documents)
        stored = cache.get_many(keys)
    tables, fresh = [], {}
    for index, (source, text, date) in enumerate(zip(sources, texts, published)):
        check()   # SIGTERM stops a long run of documents between two (checker.stopping)
        table = stored.get(keys[index]) if cache is not None else None
        if table is None:
            table = encode_table((m.as_record(source) for m in _extract()(text, date)), columns)  # a row at a time
            if cache is not None:
                fresh[keys[index]] = table
        tables.append(table)
        if progress is not None:
            progress(1)
    if cache is not None:
        cache.put_many(fresh)
    return tables


def mention_keys(documents) -> list[str]:
    """Each document's key in the mention cache (StageCache of the MENTIONS columns), in order. The texts are read
    only where a file's digest is missing (a frame of documents whose texts were spilled has none: checker.spill)."""
    digests = documents["sha256"].tolist() if "sha256" in documents else [None] * len(documents)
    sources, texts, published = _columns(documents, texts=not all(digests))
    # The id is part of the key because the rows carry it (mention ids, source): two files with the
    # same bytes, or a file given a new id in the manifest, must not share rows.
    return [f"{GRAMMAR_VERSION}:{digest or hashlib.sha256(text.encode('utf-8')).hexdigest()}:{date}:{source}"
            for source, text, date, digest in zip(sources, texts, published, digests)]


def _columns(documents, texts: bool = True) -> tuple[list, list, list]:
    """Ids, texts (without `texts`, a None apiece) and publication dates as lists. Columns, not to_dict("records"):
    boxing every cell of every document is most of a cached re-audit."""
    count = len(documents)
    sources = documents["source"].tolist()
    texts = [text or "" for text in documents["text"].tolist()] if texts else [None] * count
    published = [None if value is None or value != value else str(value)
                 for value in (documents["published"].tolist() if "published" in documents else [None] * count)]
    return sources, texts, published
