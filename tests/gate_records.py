"""Hand-written audit.json records for gate tests that do not need the whole pipeline.

A fictional harbour story: two papers disagree on the size of a ferry fleet.
"""
from __future__ import annotations

import copy

HARBOUR = "The harbour board said on Monday that twelve ferries now serve the island.\n"
WEEKLY = "Islanders counted them again.\nAccording to the board, 14 ferries serve the island today.\n"


def _observation(source, text, value_text, fact="ferry_fleet"):
    start = text.index(value_text)
    end = start + len(value_text)
    line = text.count("\n", 0, start) + 1
    sentence = text.splitlines()[line - 1]
    return {"id": f"{fact}/{source}@{start}-{end}", "source": source, "fact": fact, "value_text": value_text,
            "quote": sentence, "start": start, "end": end, "line": line, "low": None, "high": None,
            "unit": "ferry", "as_of": "2024-05-06", "modality": "reported"}


def harbour_records(weekly_value: str = "14 ferries", weekly_text: str = WEEKLY) -> dict:
    """Two sources, one conflict on ferry_fleet between 'twelve ferries' and `weekly_value`."""
    weekly_text = weekly_text.replace("14 ferries", weekly_value)
    first = _observation("harbour-news", HARBOUR, "twelve ferries")
    second = _observation("island-weekly", weekly_text, weekly_value)
    return copy.deepcopy({
        "schema_version": 1,
        "sources": [{"id": "harbour-news", "path": "harbour.txt", "title": None, "outlet": None, "published": None},
                    {"id": "island-weekly", "path": "weekly/island.txt", "title": None, "outlet": None,
                     "published": None}],
        "observations": [first, second],
        "findings": [{"id": f"conflict:ferry_fleet:{len(weekly_value)}", "fact": "ferry_fleet",
                      "status": "conflict", "severity": "critical", "observations": [first["id"], second["id"]],
                      "rule": "CK101 agreement.cross_source", "message": "The sources disagree."},
                     {"id": "consistent:pier_length:1", "fact": "pier_length", "status": "consistent",
                      "severity": "info", "observations": [], "rule": "", "message": "Agreed."}],
        "facts": [{"key": "ferry_fleet"}, {"key": "pier_length"}],
        "rules": [{"code": "CK101", "name": "agreement.cross_source"}],
        "texts": {"harbour-news": HARBOUR, "island-weekly": weekly_text},
    })
