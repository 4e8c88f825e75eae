"""A corpus given as one table of documents: a Parquet file or a JSON-lines file, a row per document.

Archives and feeds keep their articles in tables rather than in a file per article, and Spark reads
them from any store it reaches. A row has an `id` and a `text`, and may have `title`, `outlet`,
`published` (YYYY, YYYY-MM, YYYY-MM-DD, an ISO datetime, or a date value) and `authority` (true or
false); other columns are ignored. The text is taken as plain text (format txt), newlines
normalised as for a .txt file, and hashed for the cache. The documents are ordered by id, so both
engines, and any partitioning of the table, give one order.

`document_row` turns one row into a DOCUMENTS row; the pandas engine (`load_table`) and the Spark
engine (checker.spark) both call it, so a table gives the same documents on either.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from checker.errors import CheckerError

TABLE_SUFFIXES = {".parquet": "parquet", ".jsonl": "json", ".ndjson": "json"}
REQUIRED = ("id", "text")
OPTIONAL = ("title", "outlet", "published", "authority")


def table_format(path: str | Path | None) -> str | None:
    """'parquet' or 'json' when PATH names a document table (by its suffix; a folder of part files
    written by Spark counts too), else None."""
    if path is None:
        return None
    name = str(path).rstrip("/")
    for suffix, fmt in TABLE_SUFFIXES.items():
        if name.lower().endswith(suffix):
            return fmt
    return None


def check_columns(columns, table: str | Path) -> None:
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise CheckerError(f"a document table needs the columns id and text; it lacks {', '.join(missing)}",
                           path=table)


def document_row(record: dict, table: str | Path) -> dict:
    """One table row as a DOCUMENTS row (checker/columns.py). Bad values raise CheckerError naming the table."""
    from checker.corpus import published_period

    source = record.get("id")
    if source is None or (isinstance(source, float) and source != source) or not str(source).strip():
        raise CheckerError("a document has no id", path=table)
    source = str(source)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise CheckerError(f"document {source!r} has no text", path=table)
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    metadata = {}
    for field in ("title", "outlet"):
        value = _present(record.get(field))
        if value is not None and not isinstance(value, str):
            raise CheckerError(f"{field!r} of document {source!r} must be text", path=table)
        metadata[field] = value
    published = _present(record.get("published"))
    if hasattr(published, "isoformat"):      # a date or timestamp column
        published = published.isoformat()
    if published is not None and not isinstance(published, str):
        published = str(published)
    try:
        published, low, high = published_period(published)
    except CheckerError:
        raise CheckerError(f"invalid published date {published!r} of document {source!r}", path=table,
                           hint="use YYYY, YYYY-MM or YYYY-MM-DD") from None
    authority = _present(record.get("authority"))
    if authority is not None and not isinstance(authority, bool):
        authority = authority.item() if hasattr(authority, "item") else authority  # numpy's bool_
        if not isinstance(authority, bool):
            raise CheckerError(f"'authority' of document {source!r} must be true or false", path=table)
    return {"source": source, "path": source, "title": metadata["title"], "outlet": metadata["outlet"],
            "published": published, "published_low": low, "published_high": high, "format": "txt", "text": text,
            "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(), "authority": bool(authority)}


def keyed_row(record: dict, table: str | Path) -> tuple[str, dict | CheckerError]:
    """(the id to order by, the DOCUMENTS row or the CheckerError the row gives): errors are values, so both
    engines report the one of the first id whatever order the rows came in."""
    key = _present(record.get("id"))
    try:
        return ("" if key is None else str(key)), document_row(record, table)
    except CheckerError as error:
        return ("" if key is None else str(key)), error


def table_frame(keyed: list[tuple[str, dict | CheckerError]], table: str | Path):
    """The DOCUMENTS DataFrame of a table's rows in id order; the first error, or a repeated id, is raised."""
    from checker.corpus import frame_of_rows

    if not keyed:
        raise CheckerError("no documents found (the table is empty)", path=table)
    rows = []
    for _, row in sorted(keyed, key=lambda item: item[0]):
        if isinstance(row, CheckerError):
            raise row
        if rows and rows[-1]["source"] == row["source"]:
            raise CheckerError(f"duplicate document id {row['source']!r}", path=table,
                               hint="give each document its own id")
        rows.append(row)
    return frame_of_rows(rows)


def load_table(path: str | Path):
    """The DOCUMENTS DataFrame of a Parquet or JSON-lines table on this machine (the pandas engine)."""
    path = Path(path)
    if not path.exists():
        raise CheckerError("no such file or folder", path=path)
    records = _parquet_records(path) if table_format(path) == "parquet" else _json_records(path)
    return table_frame([keyed_row(record, path) for record in records], path)


def _json_records(path: Path) -> list[dict]:
    files = sorted(p for p in path.rglob("*.json*") if p.is_file()) if path.is_dir() else [path]
    records = []
    for file in files:
        try:
            lines = file.read_text(encoding="utf-8-sig").splitlines()
        except UnicodeDecodeError:
            raise CheckerError("invalid UTF-8", path=file, hint="save the table as UTF-8") from None
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise CheckerError(f"invalid JSON: {error.msg}", path=file, line=number) from None
            if not isinstance(record, dict):
                raise CheckerError("expected one JSON object per line", path=file, line=number)
            records.append(record)
    return records


def _parquet_records(path: Path) -> list[dict]:
    import pandas as pd

    try:
        frame = pd.read_parquet(path)
    except ImportError:
        raise CheckerError("reading a Parquet table needs pyarrow", path=path,
                           hint="pip install pyarrow, or install checker[spark]") from None
    except (OSError, ValueError) as error:
        raise CheckerError(f"cannot read the Parquet table: {str(error).splitlines()[0]}", path=path) from None
    check_columns(frame.columns, path)
    names = [name for name in (*REQUIRED, *OPTIONAL) if name in frame.columns]
    return [dict(zip(names, values)) for values in zip(*[frame[name].tolist() for name in names])]


def _present(value):
    """None for a missing value (None, NaN, NaT), else the value."""
    if value is None:
        return None
    try:
        if value != value:
            return None
    except (TypeError, ValueError):
        pass
    return value
