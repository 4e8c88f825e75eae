"""`checker mentions`: every value the grammar finds in some files, as a table or as JSON lines."""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from checker.mentions.scan import extract

# low/high: the interval a reader means, the wording's tolerance applied ("about 100,000" is 90000 to 110000);
# stated_low/stated_high: the value as written; tolerance: the wording's, as a fraction.
JSONL_FIELDS = ("source", "value_text", "start", "end", "kind", "low", "high", "stated_low", "stated_high", "unit",
                "modality", "qualifier", "tolerance", "precision", "flags")
TABLE_FIELDS = ("source", "start", "end", "kind", "value_text", "low", "high", "stated_low", "stated_high", "unit",
                "qualifier", "modality", "flags")


def _documents(file: Path) -> list[tuple[str, str, str | None]]:
    """(source, text, published) of each document in a file; plain UTF-8 text while the corpus loader is absent."""
    try:
        from checker.corpus import load_corpus
    except ImportError:
        return [(file.stem, file.read_text(encoding="utf-8"), None)]
    documents = load_corpus(file)
    out = []
    for doc in documents.to_dict("records"):
        published = doc.get("published")
        out.append((doc["source"], doc["text"] or "", None if published is None or published != published
                    else str(published)))
    return out


def list_mentions(files: list[Path], published: str | None = None) -> list[dict]:
    from checker.corpus import published_period

    if published is not None:
        published_period(published)   # an invalid date is an error, not a day resolved against nothing
    records: list[dict] = []
    for file in files:
        for source, text, own_published in _documents(Path(file)):
            for mention in extract(text, published or own_published):
                records.append(_meant(mention.as_record(source)))
    return records


def _meant(record: dict) -> dict:
    from checker.reconcile import meant_interval

    low, high = meant_interval(record["low"], record["high"], record["kind"], record["tolerance"],
                               record["value_text"] or "")
    return {**record, "low": low, "high": high, "stated_low": record["low"], "stated_high": record["high"]}


def _cell(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        # A whole number in full, as written ("1e+26" and "1e+06" read as neither); the shortest form that
        # reads back as the same float, so no binary noise is printed either; a fraction to the grammar's 12 digits.
        return str(int(Decimal(repr(value)))) if value.is_integer() else f"{value:.12g}"
    return str(value).replace("\n", " ")


_RAW_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def format_mentions(records: list[dict], fmt: str = "table") -> str:
    if fmt == "jsonl":
        # allow_nan=False: "Infinity" and "NaN" are no JSON; the grammar never gives them (mentions.edges), and
        # should it, this fails loudly rather than write a line other tools cannot read.
        # The line breaks JSON leaves raw (NEL, the Unicode line and paragraph separators) are escaped too: a
        # reader that splits lines as Python's splitlines() does would cut a record in two at them.
        return "".join(json.dumps({k: r.get(k) for k in JSONL_FIELDS}, ensure_ascii=False, allow_nan=False)
                       .translate(_RAW_BREAKS) + "\n" for r in records)
    rows = [TABLE_FIELDS] + [tuple(_cell(r.get(k)) for k in TABLE_FIELDS) for r in records]
    widths = [max(len(row[i]) for row in rows) for i in range(len(TABLE_FIELDS))]
    return "".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() + "\n" for row in rows)
