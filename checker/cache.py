"""A mention cache: one small JSON file per key, so an unchanged document is never re-parsed.

The grammar's `find_mentions` asks with key f"{grammar_version}:{sha256}:{published}", so a new
grammar, a changed file or a changed publication date is a miss by construction; nothing is
ever invalidated by hand. A file that cannot be read back (truncated, hand-edited, another
version's format) is a miss and is overwritten by the next `put`.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path

CACHE_FORMAT = 1


class MentionCache:
    def __init__(self, cache_dir: str | Path) -> None:
        self.cache_dir = Path(cache_dir)

    def path_for(self, key: str) -> Path:
        # The key holds ':' and free text; its hash is a safe, fixed-length file name.
        # Two-character shards keep any one folder small for corpora of many thousand documents.
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()
        return self.cache_dir / digest[:2] / f"{digest}.json"

    def get(self, key: str) -> list[dict] | None:
        try:
            payload = json.loads(self.path_for(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        # The stored key guards against a file that belongs to another key or format.
        if (not isinstance(payload, dict) or payload.get("format") != CACHE_FORMAT
                or payload.get("key") != key or not isinstance(payload.get("records"), list)):
            return None
        return payload["records"]

    def put(self, key: str, records: list[dict]) -> None:
        text = json.dumps({"format": CACHE_FORMAT, "key": key, "records": records},
                          ensure_ascii=False, separators=(",", ":"), default=_plain)
        path = self.path_for(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            _replace_atomically(path, text.encode("utf-8"))
        except OSError:
            # A cache that cannot be written (read-only checkout, full disk) only costs speed.
            pass


def _plain(value):
    """numpy/pandas scalars that slip into records become plain Python values."""
    for attribute in ("item", "isoformat"):
        if hasattr(value, attribute):
            return getattr(value, attribute)()
    raise TypeError(f"cannot cache a {type(value).__name__}")


def _replace_atomically(path: Path, data: bytes) -> None:
    # A reader (a concurrent audit) sees the old file or the new one, never half of one.
    # Cache files are checker's own scratch data, not reports a person may have edited, so
    # they skip checker.atomic's hand-edit bookkeeping, which would cost a stat per document.
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise

