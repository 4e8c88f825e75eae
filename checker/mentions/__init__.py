"""The mentions stage: every stated count, quantity, money, percent, date and duration in a text.

`extract` reads one text; `find_mentions` reads a DOCUMENTS table and returns a MENTIONS table
(checker/columns.py), using the mention cache when a cache folder is given.
"""
from __future__ import annotations

import hashlib

from checker.mentions.model import Mention
from checker.mentions.scan import GRAMMAR_VERSION, extract

__all__ = ["GRAMMAR_VERSION", "Mention", "extract", "find_mentions"]


def _cache(cache_dir):
    if cache_dir is None:
        return None
    try:
        from checker.cache import MentionCache
    except ImportError:
        return None
    return MentionCache(cache_dir)


def find_mentions(documents, *, cache_dir=None, progress=None):
    """One row per mention of every document (columns: checker.columns.MENTIONS)."""
    import pandas as pd

    from checker.columns import DOCUMENTS, MENTIONS, require

    require(documents, {k: DOCUMENTS[k] for k in ("source", "text")}, "find_mentions")
    cache = _cache(cache_dir)
    rows: list[dict] = []
    for doc in documents.to_dict("records"):
        text = doc["text"] or ""
        published = doc.get("published")
        published = None if published is None or published != published else str(published)
        records = None
        if cache is not None:
            digest = doc.get("sha256") or hashlib.sha256(text.encode("utf-8")).hexdigest()
            key = f"{GRAMMAR_VERSION}:{digest}:{published}"
            records = cache.get(key)
        if records is None:
            records = [m.as_record(doc["source"]) for m in extract(text, published)]
            if cache is not None:
                cache.put(key, records)
        rows.extend(records)
        if progress is not None:
            progress(1)
    return pd.DataFrame(rows, columns=list(MENTIONS))
